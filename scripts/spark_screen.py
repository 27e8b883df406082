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

    command = [args.eligible, "batch", "-", "--format", "jsonl", "--jobs", str(args.jobs),
               "--rules", args.rules, "--as-of", args.as_of]
    register = sc.textFile(args.input, minPartitions=args.partitions).filter(lambda line: line.strip() != "")
    # Blank lines are dropped above so that every piped line is a row; rejected rows still come
    # back as rows (eligible exits 1 for them, which RDD.pipe must not treat as a failure).
    decisions = register.pipe(shlex.join(command), checkCode=False)
    decisions.saveAsTextFile(args.output)
    rows = decisions.count()
    print(f"spark_screen: {rows} rows screened into {args.output} ({register.getNumPartitions()} partitions)")

    if args.check:
        spark_rows = [json.loads(line) for line in decisions.collect()]
        plain = subprocess.run([args.eligible, "batch", args.input, "--format", "jsonl", "--rules", args.rules,
                                "--as-of", args.as_of], capture_output=True, text=True)
        plain_rows = [json.loads(line) for line in plain.stdout.splitlines()]

        def key(row):  # line numbers are per partition on Spark; compare by id and content
            row = dict(row)
            row.pop("line", None)
            return json.dumps(row, sort_keys=True)

        same = sorted(map(key, spark_rows)) == sorted(map(key, plain_rows))
        print(f"spark_screen: check: spark {len(spark_rows)} rows, plain {len(plain_rows)} rows, "
              f"decisions {'equal' if same else 'DIFFERENT'}")
        spark.stop()
        sys.exit(0 if same and len(spark_rows) == len(plain_rows) else 1)
    spark.stop()


if __name__ == "__main__":
    main()
