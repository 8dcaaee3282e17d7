# Run or Rest: two commands do everything on a fresh Debian 12, 13 or testing machine.
#   make run     install what is missing, build, start the app from the build tree
#   make check   the same set-up plus the test tools, then every test, headless; then the
#                engine and CLI tests under valgrind, and every test again in a second
#                build with AddressSanitizer, LeakSanitizer and UBSan (build-asan/)
#   make fuzz    the libFuzzer targets (clang), each for FUZZ_SECONDS (build-fuzz/)

BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60

# Everything the build needs, in one place.
PACKAGES = meson ninja-build pkg-config gcc libc6-dev \
	libglib2.0-dev libglib2.0-bin libgtk-4-dev librsvg2-dev libjson-glib-dev \
	libsqlite3-dev gettext itstool libxml2-utils desktop-file-utils appstream \
	gsettings-desktop-schemas adwaita-icon-theme fonts-dejavu-core
# What the tests need on top: a headless display, a session bus, PDF tools, valgrind,
# the fonts their fontconfig files name (tests/fonts/, tests/meson.build: the printed
# sheet is tried with five common sans fonts) and the sources of the locales they
# compile (tests/make-locales.sh), and the AT-SPI bus and bindings that
# tests/check-a11y.py reads the window through.
TEST_PACKAGES = xvfb xauth dbus dbus-x11 poppler-utils valgrind locales \
	fonts-cantarell fonts-liberation fonts-noto-core fonts-urw-base35 \
	at-spi2-core python3-pyatspi
# What `make fuzz` needs on top: clang and its sanitizer and libFuzzer runtime.
FUZZ_PACKAGES = clang libclang-rt-14-dev

SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
XVFB = xvfb-run -a -s "-screen 0 1400x900x24 -noreset"

.PHONY: all deps test-deps fuzz-deps setup build run check check-asan fuzz clean

all: build

deps:
	@missing=$$(for p in $(PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

test-deps:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(TEST_PACKAGES)"

fuzz-deps:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(FUZZ_PACKAGES)"

setup: deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) -Dwerror=true

build: setup
	meson compile -C $(BUILD)

run: build
	meson devenv -C $(BUILD) ./src/run-or-rest

check: test-deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) -Dwerror=true
	meson compile -C $(BUILD)
	@status=0; \
	echo "meson test -C $(BUILD)"; \
	dbus-run-session -- $(XVFB) meson test -C $(BUILD) --print-errorlogs || status=1; \
	echo "meson test -C $(BUILD) --setup valgrind --suite engine --suite cli --suite quit"; \
	dbus-run-session -- $(XVFB) meson test -C $(BUILD) --setup valgrind --suite engine --suite cli --suite quit \
	  --print-errorlogs || status=1; \
	$(MAKE) --no-print-directory check-asan || status=1; \
	exit $$status

# The whole suite again with the sanitizers, leak detection on (tests/lsan.supp; the
# options are in the asan test setup in meson.build). The data suite is left out: it
# checks files (desktop file, metainfo, manifest), not code the sanitizers could catch.
check-asan: test-deps
	@[ -f $(ASAN_BUILD)/build.ninja ] || \
	  meson setup $(ASAN_BUILD) -Dwerror=true -Db_sanitize=address,undefined
	meson compile -C $(ASAN_BUILD)
	dbus-run-session -- $(XVFB) meson test -C $(ASAN_BUILD) --setup asan --no-suite data --print-errorlogs

# Each fuzzer for FUZZ_SECONDS on the seed corpus (tests/fuzz/corpus/), the past crashes
# (tests/fuzz/regressions/: replayed first, under clang's UBSan, which catches more than
# gcc's in the asan build) and what earlier runs found (kept in $(FUZZ_BUILD)/corpus/). A crash, leak or timeout is saved in
# $(FUZZ_BUILD)/crashes/: copy it to tests/fuzz/regressions/ and fix the bug. Results go
# to $(FUZZ_BUILD)/fuzz-log.json, in the form of meson's test log, for .ci/run.
fuzz: fuzz-deps
	@[ -f $(FUZZ_BUILD)/build.ninja ] || \
	  CC=clang meson setup $(FUZZ_BUILD) -Dwerror=true -Dfuzzing=true -Db_sanitize=address,undefined
	meson compile -C $(FUZZ_BUILD) tests/fuzz/fuzz-rulebook tests/fuzz/fuzz-cli
	@status=0; rm -f $(FUZZ_BUILD)/fuzz-log.json; mkdir -p $(FUZZ_BUILD)/crashes; \
	for t in rulebook cli; do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
	  echo "fuzz-$$t: $(FUZZ_SECONDS) s"; \
	  if G_SLICE=always-malloc ASAN_OPTIONS=detect_leaks=1 \
	     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	     $(FUZZ_BUILD)/tests/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	       -max_len=16384 -rss_limit_mb=2048 -print_final_stats=1 $$dict \
	       -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- \
	       $(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t tests/fuzz/regressions/$$t \
	       > $(FUZZ_BUILD)/fuzz-$$t.log 2>&1; \
	  then result=OK; else result=FAIL; status=1; tail -n 60 $(FUZZ_BUILD)/fuzz-$$t.log; fi; \
	  grep -E '^stat::number_of_executed_units|^Done' $(FUZZ_BUILD)/fuzz-$$t.log; \
	  echo "fuzz-$$t: $$result"; \
	  echo "{\"name\": \"fuzz-$$t\", \"result\": \"$$result\"}" >> $(FUZZ_BUILD)/fuzz-log.json; \
	done; exit $$status

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
