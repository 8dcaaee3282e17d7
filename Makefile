# Run or Rest: two commands do everything on a fresh Debian 12 machine.
#   make run     install what is missing, build, start the app from the build tree
#   make check   the same set-up plus the test tools, then every test, headless

BUILD ?= build

# Everything the build needs, in one place.
PACKAGES = meson ninja-build pkg-config gcc libc6-dev \
	libglib2.0-dev libglib2.0-bin libgtk-4-dev librsvg2-dev libjson-glib-dev \
	libsqlite3-dev gettext itstool libxml2-utils desktop-file-utils appstream \
	gsettings-desktop-schemas adwaita-icon-theme fonts-dejavu-core
# What the tests need on top: a headless display, a session bus, PDF tools.
TEST_PACKAGES = xvfb xauth dbus dbus-x11 poppler-utils

SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
XVFB = xvfb-run -a -s "-screen 0 1400x900x24 -noreset"

.PHONY: all deps test-deps setup build run check clean

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

setup: deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) -Dwerror=true

build: setup
	meson compile -C $(BUILD)

run: build
	meson devenv -C $(BUILD) ./src/run-or-rest

check: test-deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) -Dwerror=true
	meson compile -C $(BUILD)
	dbus-run-session -- $(XVFB) meson test -C $(BUILD) --print-errorlogs

clean:
	rm -rf $(BUILD)
