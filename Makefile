# Metronome — the two commands a new user runs:
#   make demo   install what is missing, build in release, run the default scenario
#   make test   install what is missing, run the determinism and kernel-vocabulary lints and the test suite
#   make install PREFIX=/usr/local   the release binary in PREFIX/bin, the scenario library and its
#                data in PREFIX/share/metronome (the binary finds them from any directory)
#   make metrics-reference   recompute Tests/Fixtures/metrics/expected.json with empyrical (docs/metrics.md)
#   make fuzz   build the libFuzzer targets and run each for FUZZ_SECONDS (default 60; docs/fuzzing.md)
#   make python   the Gymnasium environment: libMetronomeGym.so (release) and a venv in .build/python-venv
#   make python-test   its pytest suite (an episode twice, check_env, replays of recorded episodes; docs/python.md)
#   make python-bench   environment steps per second against gym-anytrading on the same bars
#   make slurm-test   a 4-shard chaos suite through a throw-away local Slurm cluster (docs/scale-out.md)
SWIFT ?= swift
RELEASE_BIN = .build/release/metronome
SCENARIO ?= Scenarios/Library/calm-day.yaml
PREFIX ?= /usr/local
# The binary `install` copies; `install-files` alone does not build (the tests install a debug build).
BINARY ?= $(RELEASE_BIN)

PYTHON_VENV = .build/python-venv

.PHONY: python python-test python-bench example-package demo test deps test-deps build lint unit release-digests slurm-test bench-kernel clean install install-files metrics-reference

deps:
	@./scripts/install-deps.sh

# The test set-up also installs Chromium when it can (the HTML report renders in it).
test-deps:
	@./scripts/install-deps.sh --test

build: deps
	$(SWIFT) build -c release --product metronome

demo: build
	$(RELEASE_BIN) run $(SCENARIO)

lint:
	@python3 scripts/lint-determinism.py Kernel Actors
	@python3 scripts/lint-kernel-vocabulary.py --self-test
	@python3 scripts/lint-kernel-vocabulary.py Kernel

unit: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The suite runs a debug build; users run the release one: its library runs must match the pins.
release-digests: build
	python3 scripts/check-release-digests.py --binary $(RELEASE_BIN)

# A package outside Metronome's targets with its own agent type (docs/extending.md).
example-package: unit
	./scripts/test-example-package.sh

# Slurm (installed by test-deps when it can be; skipped, saying why, when not): shards submitted with
# sbatch to two local slurmd, merged, compared with the local --jobs 2 run of the same seeds.
slurm-test: build
	./scripts/slurm/test-slurm.sh $(RELEASE_BIN)

# The Gymnasium environment (docs/python.md): the release library the Python package loads, and the
# release binary its tests replay logs with.
python: build
	$(SWIFT) build -c release --product MetronomeGym
	@./scripts/install-deps.sh --python

python-test: python
	$(PYTHON_VENV)/bin/python -m pytest -q python/tests

python-bench: build
	$(SWIFT) build -c release --product MetronomeGym
	@./scripts/install-deps.sh --python-bench
	$(PYTHON_VENV)/bin/python python/bench/steps_per_second.py

test: test-deps lint unit release-digests example-package python-test slurm-test

metrics-reference:
	@./scripts/install-deps.sh --reference
	.build/reference-venv/bin/python scripts/metrics-reference.py

install: build install-files

install-files:
	install -d "$(PREFIX)/bin" "$(PREFIX)/share/metronome/Library" "$(PREFIX)/share/metronome/Data"
	install -m 755 "$(BINARY)" "$(PREFIX)/bin/metronome"
	install -m 644 Scenarios/Library/*.yaml "$(PREFIX)/share/metronome/Library/"
	install -m 644 Scenarios/Data/* "$(PREFIX)/share/metronome/Data/"
	@echo "metronome: installed $(PREFIX)/bin/metronome and its library in $(PREFIX)/share/metronome"

bench-kernel: build
	$(RELEASE_BIN) bench kernel

clean:
	rm -rf .build

.PHONY: fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) ./Tests/Fuzz/run-fuzzers.sh
