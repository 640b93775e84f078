# Belt Map: `make demo` runs the main job on the demo belt, `make test` runs the tests.
# Both install what they need (Debian packages, .venv, pip packages) and can be run again safely.
# `make test-unit` (tests/unit, no QGIS) and `make lint` (ruff alone) need only the small tool set below.

SHELL := /bin/bash
SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build
STAMP := $(BUILD)/stamps
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

# what building the plugin (ZIP, translations, Leaflet, icons) and tests/unit need: no QGIS
# (rcc, Qt's resource compiler, is in qtbase5-dev-tools; lrelease in qttools5-dev-tools)
TOOL_PACKAGES := python3-venv python3-pip python3-numpy qtbase5-dev-tools qttools5-dev-tools libjs-leaflet zip
APT_PACKAGES := $(TOOL_PACKAGES) qgis python3-qgis qgis-providers fonts-noto-cjk xvfb xauth poppler-utils \
	python3-cairo chromium chromium-driver
# PostGIS: the tests start a throwaway cluster; version-neutral names (15 on Debian 12, 17 on 13, ...)
APT_PACKAGES += postgresql postgresql-postgis python3-psycopg2 gdal-bin python3-gdal

# default QGIS profile of the user running make; override with PROFILE_DIR=...
PROFILE_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
PLUGIN_DEST := $(PROFILE_DIR)/python/plugins/beltmap

.PHONY: setup system tools venv unit-venv test test-unit demo demo-data install package lint format bench clean
.PHONY: translations compiled test-matrix

# built in place (not committed) for tests and the demo: Leaflet, the icons (resources.qrc → resources.rcc,
# registered with QResource on Qt5 and Qt6; no pyrcc5) and the translations
compiled: tools
	@$(SYSTEM_PYTHON) scripts/webmap_assets.py
	@$(SYSTEM_PYTHON) scripts/build_resources.py
	@for ts in i18n/*.ts; do [ -e "$$ts" ] && lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; done; true

setup: venv

system:
	@bash scripts/ensure_system.sh $(APT_PACKAGES)

tools:
	@bash scripts/ensure_system.sh $(TOOL_PACKAGES)

$(BUILD)/constraints.txt: | system
	@mkdir -p $(BUILD)
	@echo "numpy==$$($(SYSTEM_PYTHON) -c 'import numpy; print(numpy.__version__)')" > $@

$(STAMP)/venv: requirements.txt requirements-unit.txt requirements-lint.txt requirements-plugin.txt $(BUILD)/constraints.txt | system
	@mkdir -p $(STAMP)
	@test -x $(PY) || $(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c $(BUILD)/constraints.txt -r requirements.txt
	$(PY) scripts/check_requirements.py requirements.txt
	@touch $@

venv: system $(STAMP)/venv

test: venv compiled
	$(PY) -m pytest

# tests/unit's packages only (pytest, hypothesis, PyQt6) in .venv, made with the system's packages visible;
# `make venv` later adds the rest to the same .venv
$(STAMP)/unit-venv: requirements-unit.txt | tools
	@mkdir -p $(STAMP)
	@test -x $(PY) || $(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-unit.txt
	@touch $@

unit-venv: tools $(STAMP)/unit-venv

# no QGIS, no environment variable: pytest-qgis (which starts a QGIS application) is not loaded
test-unit: unit-venv
	env -u QT_QPA_PLATFORM $(PY) -m pytest -p no:pytest_qgis tests/unit

# the whole suite inside cached Debian roots: trixie (QGIS 3.40 LTR) and sid (QGIS 3.44); MATRIX_SUITES to choose
MATRIX_SUITES ?= trixie sid
test-matrix:
	@bash scripts/ensure_system.sh debootstrap
	bash scripts/test_matrix.sh $(MATRIX_SUITES)

demo: venv compiled
	$(PY) scripts/demo.py

demo-data: venv
	$(PY) scripts/build_demo.py --out data/demo_belt.gpkg

install: venv
	$(PY) scripts/install_plugin.py --profile-dir "$(PROFILE_DIR)" --constraints $(BUILD)/constraints.txt

PLUGIN_ZIP ?= beltmap.zip
package: tools
	$(SYSTEM_PYTHON) scripts/install_plugin.py --zip $(PLUGIN_ZIP)

# ruff alone, pinned in requirements-lint.txt, in a venv of its own (no QGIS, no test packages)
LINT_VENV := $(BUILD)/lint-venv
RUFF := $(LINT_VENV)/bin/ruff
$(STAMP)/lint-venv: requirements-lint.txt
	@bash scripts/ensure_system.sh python3-venv
	@mkdir -p $(STAMP)
	@test -x $(LINT_VENV)/bin/python || $(SYSTEM_PYTHON) -m venv $(LINT_VENV)
	$(LINT_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements-lint.txt
	@touch $@

lint: $(STAMP)/lint-venv
	$(RUFF) check .
	$(RUFF) format --check .

format: $(STAMP)/lint-venv
	$(RUFF) format .
	$(RUFF) check --fix .

translations: venv
	$(PY) scripts/update_translations.py

bench: venv compiled
	$(PY) bench/run.py
	$(PY) bench/coverage_bench.py
	$(PY) bench/export_bench.py
	$(PY) bench/webmap_bench.py
	$(PY) bench/postgis_bench.py

clean:
	@# a killed test-matrix run may leave /dev, /proc, ... bound inside build/matrix: unmount before deleting
	@awk -v d="$(CURDIR)/$(BUILD)/" 'index($$2, d) == 1 {print $$2}' /proc/self/mounts | sort -r | xargs -r -n1 umount -l
	rm -rf --one-file-system $(BUILD) dist beltmap.zip .pytest_cache .ruff_cache .hypothesis bench/data bench/out
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
