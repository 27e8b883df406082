# eligible: the two commands are `make demo` and `make test`; both work on a fresh clone.
.PHONY: deps build test demo sanitize fuzz fuzz-corpus clean

SWIFT ?= swift
# Prefix for heavy commands, e.g. `make sanitize NICE="nice -n 19"` on a shared machine.
NICE ?=
BIN := .build/release/eligible

# A fresh machine has none of the C libraries the project links: install each Debian package
# that is not installed (with pkg-config): Lua 5.4, libyaml (YAML events), YAJL (JSON), libcsv
# (CSV registers; it has no pkg-config file, so packages are checked with dpkg-query).
DEBIAN_LIBRARIES := liblua5.4-dev libyaml-dev libyajl-dev libcsv-dev
deps:
	@missing=""; for package in $(DEBIAN_LIBRARIES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ] || ! command -v pkg-config >/dev/null; then \
		echo "Installing$$missing (and pkg-config)..."; \
		apt-get update -qq && apt-get install -y -qq pkg-config $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product eligible

# Everything CI must check.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$$($(SWIFT) build --show-bin-path)/eligible test --quiet --coverage --min-coverage 100 fixtures

demo: build
	$(BIN) check examples/mersey-vans.yaml --as-of 2021-06-01

# The test suite under AddressSanitizer (with LeakSanitizer) and under ThreadSanitizer (batch
# runs workers in parallel), each in its own scratch directory. TSAN_OPTIONS points at the
# documented suppression file for reports inside third-party code (see the file).
sanitize: deps
	$(NICE) $(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp:print_suppressions=0 $(NICE) $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan
	$(NICE) $(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS="suppressions=$(CURDIR)/fuzz/tsan.supp halt_on_error=1" $(NICE) $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan

# libFuzzer targets (see fuzz/README.md): each runs FUZZ_SECONDS seconds from a seed corpus
# copied out of fixtures/, examples/ and rules/ into .build-fuzz/corpus (never committed).
# New crashers land in .build-fuzz/crashers/; each one fixed is kept as a regression test.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz-business fuzz-rules
FUZZ_FLAGS := -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING --scratch-path .build-fuzz

fuzz: deps fuzz-corpus
	for t in $(FUZZ_TARGETS); do $(NICE) $(SWIFT) build $(FUZZ_FLAGS) --product $$t || exit 1; done
	mkdir -p .build-fuzz/crashers
	for t in $(FUZZ_TARGETS); do \
		SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp:print_suppressions=0 $(NICE) .build-fuzz/debug/$$t \
			.build-fuzz/corpus/$$t fuzz/seeds/$$t -dict=fuzz/$$t.dict \
			-max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
			-artifact_prefix=.build-fuzz/crashers/$$t- -print_final_stats=1 || exit 1; \
	done

fuzz-corpus:
	rm -rf .build-fuzz/corpus && mkdir -p .build-fuzz/corpus/fuzz-business .build-fuzz/corpus/fuzz-rules
	cp examples/*.json examples/*.yaml fixtures/businesses/*.yaml fixtures/*.yaml .build-fuzz/corpus/fuzz-business/
	for f in examples/*.json; do tr -d '\n' < $$f > .build-fuzz/corpus/fuzz-business/line-$$(basename $$f); done
	cp rules/*.lua .build-fuzz/corpus/fuzz-rules/
	for f in rules/lib/*.lua; do cp $$f .build-fuzz/corpus/fuzz-rules/lib-$$(basename $$f); done

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz

# ---- Batch benchmark and the Spark scale-out demo (not part of `make test`) ----------------
.PHONY: bench spark-demo
N ?= 1000000
PYTHON ?= python3

# Release-builds the CLI and the benchmark, then prints the performance table (README).
bench: deps
	$(SWIFT) build -c release --product eligible
	$(SWIFT) build -c release --product eligible-bench
	.build/release/eligible-bench $(N) --rules rules --bin .build/release/eligible

# PySpark in a local virtualenv, local mode, on a generated register; checks that the rows and
# decisions equal a plain `eligible batch` run, then that a process crashing part way through a
# partition (scripts/crash-mid-partition.sh) fails the job instead of losing rows.
SPARK_N ?= 20000
spark-demo: deps
	$(SWIFT) build -c release --product eligible
	$(SWIFT) build -c release --product eligible-bench
	test -x .venv/bin/python || $(PYTHON) -m venv .venv
	.venv/bin/pip install --quiet pyspark
	rm -rf .build/spark-demo && mkdir -p .build/spark-demo
	.build/release/eligible-bench generate $(SPARK_N) .build/spark-demo/register.jsonl
	.venv/bin/python scripts/spark_screen.py --input .build/spark-demo/register.jsonl \
		--output .build/spark-demo/out --eligible .build/release/eligible --rules rules \
		--as-of 2022-06-01 --partitions 4 --check
	@echo "spark-demo: now with a process that crashes mid-partition; the job must fail:"
	if .venv/bin/python scripts/spark_screen.py --input .build/spark-demo/register.jsonl \
		--output .build/spark-demo/out-crash --eligible "scripts/crash-mid-partition.sh .build/release/eligible" \
		--rules rules --as-of 2022-06-01 --partitions 4; then \
		echo "spark-demo: FAILED: the crash went unnoticed"; exit 1; \
	else echo "spark-demo: the crash failed the job, as it must"; fi
