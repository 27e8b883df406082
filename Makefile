# eligible: the two commands are `make demo` and `make test`; both work on a fresh clone.
.PHONY: deps build test demo sanitize clean

SWIFT ?= swift
BIN := .build/release/eligible

# A fresh machine has no Lua: install Debian's liblua5.4-dev (and pkg-config) when missing.
deps:
	@if ! pkg-config --exists lua5.4 2>/dev/null; then \
		echo "Installing liblua5.4-dev (Lua 5.4 headers and library)..."; \
		apt-get update -qq && apt-get install -y -qq pkg-config liblua5.4-dev; \
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

sanitize: deps
	$(SWIFT) test --sanitize=address --scratch-path .build-asan

clean:
	rm -rf .build .build-asan .build-tsan

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
# decisions equal a plain `eligible batch` run.
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
