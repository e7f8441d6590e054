# Shenbao — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run demo test test-ocr bench lint translations package clean system-deps

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Debian libraries Qt needs even offscreen (present on most desktops; installed here only when missing).
system-deps:
	@$(PYTHON) packaging/check_system_deps.py || { \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 poppler-utils zbar-tools >/dev/null; \
	  else echo "缺少 Qt 运行所需的系统库（libgl1 libegl1 libxkbcommon0 libfontconfig1）"; fi; }

translations: $(STAMP)
	$(PY) -m shenbao.tools.translations build

# make run            — the app on the user's data folder
# make run DEMO=1     — the app on a demo data folder with sample enterprises
run: $(STAMP) system-deps translations
	$(PY) -m shenbao $(if $(DEMO),--demo,) $(ARGS)

test: $(STAMP) system-deps translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(ARGS)

# make test-ocr — install the optional recognition extra (shenbao[ocr]: RapidOCR with its models,
# onnxruntime, OpenCV; about 390 MB from PyPI) into .venv and run the tests that read photos and scans
# with it. `make test` runs them too once the extra is installed; without it they skip and say so.
OCR_TESTS := tests/documents/test_licences.py tests/documents/test_scans.py tests/ui/test_licence_import.py \
	tests/ui/test_scan_import.py tests/packaging/test_ocr_package.py
test-ocr: $(STAMP) system-deps translations
	$(PY) -m pip install --quiet -e '.[test,ocr]'
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -rs $(OCR_TESTS) $(ARGS)

bench: $(STAMP)
	$(PY) benchmarks/run.py $(ARGS)

# make lint — ruff's checks and its formatting (ruff format fixes it), and mypy on the core and the UI
lint: $(STAMP)
	$(PY) -m ruff check desktop tests benchmarks
	$(PY) -m ruff format --check desktop tests benchmarks
	$(PY) -m mypy

package: $(STAMP) translations
	$(PY) -m pip install --quiet -e '.[package]'
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build packaging/shenbao.spec

clean:
	rm -rf build dist .pytest_cache
