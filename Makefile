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

demo: build
	$(BIN) --help

sanitize: deps
	$(SWIFT) test --sanitize=address --scratch-path .build-asan

clean:
	rm -rf .build .build-asan .build-tsan
