#!/usr/bin/env python3
"""Screen a JSON Lines business register with `eligible batch` on Spark.

`eligible batch - --format jsonl` reads businesses on stdin and writes one decision row per
input row on stdout, in order, and is a pure function of each line. So Spark can run it as a
mapper with RDD.pipe: each partition of the register is streamed through one `eligible`
process (which itself uses --jobs threads, one Lua state each).

Local mode (what `make spark-demo` runs):
    python scripts/spark_screen.py --input register.jsonl --output out/ \
        --eligible .build/release/eligible --rules rules --as-of 2022-06-01

On a cluster, ship the binary and the rules with the job and point at them by name:
    spark-submit --master yarn --files .build/release/eligible,rules.zip#rules \
        scripts/spark_screen.py --input hdfs:///registers/uk.jsonl --output hdfs:///screens/2022-06-01 \
        --eligible ./eligible --rules ./rules --as-of 2022-06-01 --partitions 200
(The binary links Debian's liblua5.4 and the Swift runtime: build it on, or for, the executors'
OS image, or use a container image with both installed.)

Each output line carries the input line number *within its partition* ("line"); the business
`id` identifies the row across the whole register. With --check, the script also runs a plain
`eligible batch` over the same input and checks that rows and decisions are equal.

Failing loudly: every process runs with --rejected-ok, so a rejected row is an output row and
exit 0, and any other exit (a crash, a signal, bad rules) fails the Spark task and the job
(RDD.pipe with checkCode=True). The script then also checks that each partition gave exactly
as many rows out as it had rows in, and exits 1 naming the partitions that did not.

--eligible is a command line (split like a shell would): `make spark-demo` passes
`scripts/crash-mid-partition.sh .build/release/eligible` to show that a process crashing part
way through a partition fails the job.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True, help="JSON Lines register (local path or any Spark-readable URI)")
    parser.add_argument("--output", required=True, help="output directory for the decision rows (JSON Lines)")
    parser.add_argument("--eligible", default="eligible", help="path of the eligible binary on the executors")
    parser.add_argument("--rules", default="rules", help="rules directory on the executors")
    parser.add_argument("--as-of", required=True, help="decide as at this date (YYYY-MM-DD); fixed, so reruns agree")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=1, help="--jobs for each eligible process")
    parser.add_argument("--master", default=None, help="Spark master (default: from spark-submit, else local[*])")
    parser.add_argument("--check", action="store_true", help="compare with a plain `eligible batch` run (local files only)")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("eligible-screen")
    if args.master:
        builder = builder.master(args.master)
    elif "SPARK_MASTER" not in os.environ and "spark.master" not in " ".join(sys.argv):
        builder = builder.master("local[*]")
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    eligible = shlex.split(args.eligible)
    command = eligible + ["batch", "-", "--format", "jsonl", "--jobs", str(args.jobs), "--rejected-ok",
                          "--rules", args.rules, "--as-of", args.as_of]
    register = sc.textFile(args.input, minPartitions=args.partitions).filter(lambda line: line.strip() != "")
    # Blank lines are dropped above so that every piped line is a row. Rejected rows come back
    # as rows with exit 0 (--rejected-ok); any other exit fails the task (checkCode=True).
    decisions = register.pipe(shlex.join(command), checkCode=True).cache()
    try:
        rows_in = register.mapPartitionsWithIndex(count_rows).collect()
        rows_out = decisions.mapPartitionsWithIndex(count_rows).collect()
    except Exception as error:  # Py4J or Spark: a long message; the line naming the exit says it
        lines = str(error).splitlines()
        exited = [line.strip() for line in lines if "exited with error code" in line]
        fail(spark, "the job failed: an eligible process did not finish its partition: "
             + (exited[0] if exited else (lines[0] if lines else type(error).__name__)))
    short = [(index, dict(rows_in).get(index, 0), count) for index, count in rows_out
             if count != dict(rows_in).get(index, 0)]
    if short or len(rows_out) != len(rows_in):
        fail(spark, "rows out differ from rows in: " + ", ".join(
            f"partition {index}: {expected} in, {count} out" for index, expected, count in short))
    decisions.saveAsTextFile(args.output)
    rows = sum(count for _, count in rows_out)
    print(f"spark_screen: {rows} rows screened into {args.output} ({register.getNumPartitions()} partitions, "
          f"rows out = rows in in each)")

    if args.check:
        spark_rows = [json.loads(line) for line in decisions.collect()]
        plain = subprocess.run(eligible + ["batch", args.input, "--format", "jsonl", "--rules", args.rules,
                                           "--as-of", args.as_of, "--rejected-ok"], capture_output=True, text=True)
        if plain.returncode != 0:
            fail(spark, f"the plain run exited {plain.returncode}: {plain.stderr.strip()}")
        plain_rows = [json.loads(line) for line in plain.stdout.splitlines()]

        def key(row):  # line numbers are per partition on Spark; compare by id and content
            row = dict(row)
            row.pop("line", None)
            if "rejected" in row:  # its error text names the file and line: keep path and message
                row["rejected"] = {k: row["rejected"].get(k) for k in ("path", "message")}
            return json.dumps(row, sort_keys=True)

        same = sorted(map(key, spark_rows)) == sorted(map(key, plain_rows))
        print(f"spark_screen: check: spark {len(spark_rows)} rows, plain {len(plain_rows)} rows, "
              f"decisions {'equal' if same else 'DIFFERENT'}")
        spark.stop()
        sys.exit(0 if same and len(spark_rows) == len(plain_rows) else 1)
    spark.stop()


def count_rows(index, rows):
    """One (partition index, number of rows) pair for a partition."""
    yield index, sum(1 for _ in rows)


def fail(spark, message):
    """Stops Spark and exits 1 with the message on stderr."""
    print(f"spark_screen: FAILED: {message}", file=sys.stderr)
    spark.stop()
    sys.exit(1)


if __name__ == "__main__":
    main()
