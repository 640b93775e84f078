# Belt Map: `make demo` runs the main job on the demo belt, `make test` runs the tests.
# Both install what they need (Debian packages, .venv, pip packages) and can be run again safely.

SHELL := /bin/bash
SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build
STAMP := $(BUILD)/stamps
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

APT_PACKAGES := qgis python3-qgis qgis-providers fonts-noto-cjk xvfb xauth poppler-utils \
	python3-venv python3-pip python3-cairo pyqt5-dev-tools qttools5-dev-tools zip \
	libjs-leaflet chromium chromium-driver
# PostGIS: the tests start a throwaway cluster; version-neutral names (15 on Debian 12, 17 on 13, ...)
APT_PACKAGES += postgresql postgresql-postgis python3-psycopg2 gdal-bin python3-gdal

# default QGIS profile of the user running make; override with PROFILE_DIR=...
PROFILE_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
PLUGIN_DEST := $(PROFILE_DIR)/python/plugins/beltmap

.PHONY: setup system venv test demo demo-data install package lint format bench clean translations compiled

# Qt resources and compiled translations, built in place (not committed) for tests and the demo
compiled: system
	@pyrcc5 -o resources_rc.py resources.qrc
	@$(SYSTEM_PYTHON) scripts/webmap_assets.py
	@for ts in i18n/*.ts; do [ -e "$$ts" ] && lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; done; true

setup: venv

system:
	@bash scripts/ensure_system.sh $(APT_PACKAGES)

$(BUILD)/constraints.txt: | system
	@mkdir -p $(BUILD)
	@echo "numpy==$$($(SYSTEM_PYTHON) -c 'import numpy; print(numpy.__version__)')" > $@

$(STAMP)/venv: requirements.txt requirements-plugin.txt $(BUILD)/constraints.txt | system
	@mkdir -p $(STAMP)
	@test -x $(PY) || $(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c $(BUILD)/constraints.txt -r requirements.txt
	$(PY) -m pip check
	@touch $@

venv: system $(STAMP)/venv

test: venv compiled
	$(PY) -m pytest

demo: venv compiled
	$(PY) scripts/demo.py

demo-data: venv
	$(PY) scripts/build_demo.py --out data/demo_belt.gpkg

install: venv
	$(PY) scripts/install_plugin.py --profile-dir "$(PROFILE_DIR)" --constraints $(BUILD)/constraints.txt

package: venv
	$(PY) scripts/install_plugin.py --zip beltmap.zip

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

translations: venv
	$(PY) scripts/update_translations.py

bench: venv compiled
	$(PY) bench/run.py
	$(PY) bench/coverage_bench.py
	$(PY) bench/export_bench.py
	$(PY) bench/webmap_bench.py
	$(PY) bench/postgis_bench.py

clean:
	rm -rf $(BUILD) dist beltmap.zip .pytest_cache .ruff_cache .hypothesis bench/data bench/out
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
