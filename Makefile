# singan-edit — the three commands a new user needs: `make demo`, `make test` and `make serve`.
SHELL := /bin/bash
APT_PACKAGES := libopenblas-dev libvips-dev libvips-tools pkg-config zlib1g-dev time
SWIFT_TEST_FLAGS := -c release -Xswiftc -enable-testing
BIN := .build/release/singan-edit

.PHONY: deps build test test-browser demo serve bench scaling fuzz clean

# Installs the Debian packages in $(1) that are missing (needs root, or sudo).
define apt_install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

## deps: install the system libraries when any is missing (needs root, as on CI).
deps:
	$(call apt_install_missing,$(APT_PACKAGES))

## build: optimized build of the command-line tool.
build: deps
	swift build -c release --product singan-edit

## test: every unit and end-to-end test, optimized (numeric code is 10-100x slower in debug).
test: deps
	swift build $(SWIFT_TEST_FLAGS) --build-tests
	swift test $(SWIFT_TEST_FLAGS) --skip-build

## test-browser: the studio (`singan-edit serve`) in headless Chromium driven by selenium: trains a
## model from the page, paints, edits, harmonizes; screenshots in browser-output/. Installs Debian's
## chromium and chromium-driver and selenium (pip) when missing.
test-browser: deps
	$(call apt_install_missing,chromium chromium-driver)
	@python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium
	swift build $(SWIFT_TEST_FLAGS) --product singan-edit
	python3 Tests/Browser/studio_browser_test.py $(BIN) browser-output

## serve: build, then start the studio at http://127.0.0.1:8080/ with the models in ./models.
serve: build
	$(BIN) serve --models models

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
	rm -rf .build demo-output browser-output

## fuzz: libFuzzer + AddressSanitizer on the .sgn reader for FUZZ_SECONDS (default 60).
FUZZ_SECONDS ?= 60
fuzz: deps
	SINGAN_FUZZ=1 swift build --scratch-path .build-fuzz --product sgn-fuzz \
	    -Xswiftc -sanitize=fuzzer,address -Xswiftc -g
	mkdir -p .build-fuzz/corpus && cp Tests/Fuzz/corpus/* .build-fuzz/corpus/
	.build-fuzz/debug/sgn-fuzz .build-fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10
