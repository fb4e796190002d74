# singan-edit — the three commands a new user needs: `make demo`, `make test` and `make serve`.
SHELL := /bin/bash
APT_PACKAGES := libopenblas-dev libvips-dev libvips-tools pkg-config zlib1g-dev time
SWIFT_TEST_FLAGS := -c release -Xswiftc -enable-testing
BIN := .build/release/singan-edit

.PHONY: deps build test test-slurm test-browser demo serve bench contention scaling fuzz fuzz-torch clean

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

## test-slurm: batch training on a real one-node Slurm cluster started for the test (root; installs
## slurm-wlm and munge when missing; about 1.5 minutes after the build). See Docs/cluster.md.
test-slurm: deps
	swift build $(SWIFT_TEST_FLAGS) --product singan-edit
	bash Tests/Slurm/run.sh $(BIN)

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

## contention: training speed beside two busy processes, ours against PyTorch (Benchmarks/contention.sh).
contention: build
	@bash Benchmarks/contention.sh

## scaling: training speed and memory against model size (128–500 px), table and Docs/images/scaling.png.
scaling: build
	@bash Benchmarks/scaling.sh

clean:
	rm -rf .build demo-output browser-output

## fuzz: libFuzzer + AddressSanitizer for FUZZ_SECONDS each (default 300, 10 minutes in all) on
## the .sgn reader (sgn-fuzz: any bytes) and on model headers (header-fuzz: valid containers with
## edited header values, then info, sampling, resumed training and paint retraining).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= sgn-fuzz header-fuzz
fuzz: deps
	@for target in $(FUZZ_TARGETS); do \
	  SINGAN_FUZZ=1 swift build -c release --scratch-path .build-fuzz --product $$target \
	      -Xswiftc -sanitize=fuzzer,address -Xswiftc -g -Xswiftc -enable-testing || exit 1; \
	done
	@for target in $(FUZZ_TARGETS); do \
	  corpus=.build-fuzz/corpus-$$target; mkdir -p $$corpus && cp Tests/Fuzz/corpus/$$target/* $$corpus/; \
	  echo "== $$target for $(FUZZ_SECONDS) s"; \
	  .build-fuzz/release/$$target $$corpus -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=30 -artifact_prefix=.build-fuzz/ || exit 1; \
	done

## fuzz-torch: the same for the PyTorch reader of `import` (torch-fuzz), FUZZ_SECONDS (default 300).
fuzz-torch:
	$(MAKE) fuzz FUZZ_TARGETS=torch-fuzz
