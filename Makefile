# singan-edit — the two commands a new user needs: `make demo` and `make test`.
SHELL := /bin/bash
APT_PACKAGES := libopenblas-dev libvips-dev libvips-tools pkg-config zlib1g-dev time
SWIFT_TEST_FLAGS := -c release -Xswiftc -enable-testing
BIN := .build/release/singan-edit

.PHONY: deps build test demo bench scaling fuzz fuzz-torch clean

## deps: install the system libraries when any is missing (needs root, as on CI).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## build: optimized build of the command-line tool.
build: deps
	swift build -c release --product singan-edit

## test: every unit and end-to-end test, optimized (numeric code is 10-100x slower in debug).
test: deps
	swift build $(SWIFT_TEST_FLAGS) --build-tests
	swift test $(SWIFT_TEST_FLAGS) --skip-build

## demo: build, then run a real edit with the model shipped in Samples/.
demo: build
	@bash Samples/demo.sh $(BIN)

## bench: performance comparison with PyTorch CPU (see Benchmarks/README.md).
bench: build
	@bash Benchmarks/run.sh

## scaling: training speed and memory against model size (128–500 px), table and Docs/images/scaling.png.
scaling: build
	@bash Benchmarks/scaling.sh

clean:
	rm -rf .build demo-output

## fuzz: libFuzzer + AddressSanitizer on the .sgn reader for FUZZ_SECONDS (default 60).
FUZZ_SECONDS ?= 60
fuzz: deps
	SINGAN_FUZZ=1 swift build --scratch-path .build-fuzz --product sgn-fuzz \
	    -Xswiftc -sanitize=fuzzer,address -Xswiftc -g
	mkdir -p .build-fuzz/corpus && cp Tests/Fuzz/corpus/* .build-fuzz/corpus/
	.build-fuzz/debug/sgn-fuzz .build-fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10

## fuzz-torch: libFuzzer + AddressSanitizer on the PyTorch reader of `import` for FUZZ_SECONDS (default 60).
fuzz-torch: deps
	SINGAN_FUZZ=1 swift build --scratch-path .build-fuzz --product torch-fuzz \
	    -Xswiftc -sanitize=fuzzer,address -Xswiftc -g
	mkdir -p .build-fuzz/torch-corpus && cp Tests/Fuzz/torch-corpus/* .build-fuzz/torch-corpus/
	.build-fuzz/debug/torch-fuzz .build-fuzz/torch-corpus -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 \
	    -artifact_prefix=.build-fuzz/
