# pledgetally: `make` builds and writes the reports from Input/ into Output/;
# `make test` runs every test. Both install what is missing first.

SWIFT      ?= swift
INPUT      ?= Input
OUTPUT     ?= Output
CURRENCY   ?= EUR
# The pledge date for records that carry none: the summit's first day.
DATE       ?= 2025-02-10
# The workbook's language (en or fr). Not LANG, which is the locale.
REPORT_LANG ?= en
# STRICT=1 makes any rejected record fail the run (exit 65).
STRICT     ?=

BIN   := .build/release/pledgetally
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT   := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
RUN_FLAGS := --input $(INPUT) --output $(OUTPUT) --currency $(CURRENCY) --lang $(REPORT_LANG) \
             $(if $(DATE),--date $(DATE)) $(if $(STRICT),--strict)

.PHONY: all report build deps test-deps test lint format diff rates bench fuzz clean

all: report

## report: build, then write Output/ from Input/
report: build
	$(BIN) run $(RUN_FLAGS)

build: deps
	$(SWIFT) build -c release --product pledgetally

## deps: libxlsxwriter and expat (and pkg-config to find them), from Debian's packages
deps:
	@if ! pkg-config --exists xlsxwriter expat 2>/dev/null; then \
	  echo "Installing libxlsxwriter-dev, libexpat1-dev and pkg-config with apt-get"; \
	  $(APT) update -qq && $(APT) install -y -qq pkg-config libxlsxwriter-dev zlib1g-dev libexpat1-dev; \
	fi

## test-deps: openpyxl (PyPI) to read the workbook, LibreOffice and poppler to recalculate and render it
test-deps: deps
	@python3 -c 'import openpyxl' 2>/dev/null || python3 -m pip install --quiet openpyxl
	@if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  echo "Installing LibreOffice Calc (headless) and poppler-utils with apt-get"; \
	  $(APT) update -qq && $(APT) install -y -qq --no-install-recommends libreoffice-calc-nogui poppler-utils; \
	fi

## test: every test (Swift Testing and XCTest, CLI and workbook checks), after lint
test: test-deps lint
	$(SWIFT) build -c release --product pledgetally
	PLEDGETALLY_BIN=$(CURDIR)/$(BIN) $(SWIFT) test --no-parallel

## rates: download the ECB history into $(INPUT)/rates (RATES_URL=… for another URL); exit 75 network, 65 content
RATES_URL ?=
rates: build
	$(BIN) rates update --input $(INPUT) $(if $(RATES_URL),--url $(RATES_URL))

## lint: swift-format's rules (.swift-format) over Sources and Tests; any finding fails.
## Layout findings (indentation, line breaks, spacing) are left to `make format`
## and not counted yet: the code predates the configuration. A step of `make test`.
LAYOUT_FINDINGS := \[(Indentation|AddLines|RemoveLine|Spacing|TrailingComma|LineLength|TrailingWhitespace)\]
lint:
	@findings=$$($(SWIFT) format lint --recursive Sources Tests 2>&1 | grep -Ev '$(LAYOUT_FINDINGS)'); \
	if [ -n "$$findings" ]; then echo "$$findings"; echo "lint: swift-format found the above"; exit 1; fi; \
	echo "lint: swift-format rules pass"

## format: rewrite Sources and Tests in the style of .swift-format
format:
	$(SWIFT) format format --in-place --recursive Sources Tests

## diff: what the last run changed
diff:
	@if [ -d $(OUTPUT)/previous ]; then \
	  $(BIN) diff $(OUTPUT)/previous $(OUTPUT) || [ $$? -eq 1 ]; \
	else echo "no previous run"; fi   # exit 1 only means "they differ"

## bench: time the release binary on generated inputs and check its outputs (see bench/README.md)
BENCH_SIZES ?= 100000 1000000
RUNS        ?= 3
bench: build
	BENCH_SIZES="$(BENCH_SIZES)" RUNS="$(RUNS)" BENCH_BUILD=0 BIN="$(CURDIR)/$(BIN)" bench/run.sh

## fuzz: libFuzzer + ASan on the amount parser and the file readers, FUZZ_SECONDS (60) each;
## new inputs go to fuzz-out/, into Tests/Fuzz/*-corpus only with FUZZ_MERGE=1; a crash exits 1
FUZZ_SECONDS ?= 60
FUZZ_MERGE   ?=
fuzz: deps
	SWIFT="$(SWIFT)" FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_MERGE=$(FUZZ_MERGE) Tests/Fuzz/fuzz.sh

clean:
	rm -rf .build
