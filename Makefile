# hnclient — developer entry points. `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: venv run test lint typecheck pytest bench fuzz screenshot screenshots translations dist packages clean

venv: $(STAMP)

# The protocol (protocol/) and the reference endpoint (endpoint/) are packages of their own:
# the endpoint installs and runs without PySide6; both sides import the same protocol.
# editable_mode=compat stays; its setuptools deprecation notice is hidden (errors still show).
$(STAMP): pyproject.toml protocol/pyproject.toml endpoint/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS="ignore:Compat editable installs" \
	$(BIN)/python -m pip install --quiet --config-settings editable_mode=compat \
		-e ./protocol -e ./endpoint -e '.[test,video,dist]'
	touch $(STAMP)

# Without a display (a headless server), the client still starts, on a virtual X display.
# Ctrl+C closes the window (saving first) and ends `make run` without a make error.
run: QT_QPA_PLATFORM=
run: venv
	bash scripts/system-deps.sh gui
	@trap 'echo; echo "已停止 / stopped"; exit 0' INT; \
	if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" != Linux ]; then \
		echo "窗口在本机屏幕上；关闭窗口或在此按 Ctrl+C 退出 / the window is on your screen; close it or press Ctrl+C here to stop"; \
		$(BIN)/python -m hnclient; \
	else \
		echo "没有显示器：程序在看不见的虚拟显示器 (xvfb-run, 1366x768) 上运行，本机看不到窗口；要看界面请用 make screenshot 或在有显示器的电脑上运行。按 Ctrl+C 停止。"; \
		echo "no display: the client runs on an invisible virtual X display (xvfb-run, 1366x768), so no window appears here; to look at it, run make screenshot or use a PC with a display. Press Ctrl+C to stop."; \
		pidfile=$$(mktemp); \
		trap 'kill -INT $$(cat $$pidfile) 2>/dev/null; wait; rm -f $$pidfile; echo; echo "已停止 / stopped"; exit 0' INT; \
		setsid xvfb-run -a -s "-screen 0 1366x768x24" sh -c 'echo $$$$ > "$$1"; echo "虚拟显示器 / virtual display: $$DISPLAY"; exec "$$0" -m hnclient' $(BIN)/python $$pidfile & \
		wait; rm -f $$pidfile; \
	fi

lint: venv
	$(BIN)/ruff check hnclient protocol endpoint tests benchmarks scripts packaging
	$(BIN)/ruff format --check hnclient protocol endpoint tests benchmarks scripts packaging

typecheck: venv
	$(BIN)/mypy

pytest: venv
	bash scripts/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test: lint typecheck pytest

bench: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# Bounded mutation fuzzing of the attachment checks (crashes, hangs, stderr, the 1 s target);
# FUZZ_ARGS="--count 30000 --seconds 3600" for a longer run, "--timing" for the worst cases.
FUZZ_ARGS ?= --count 3000 --seconds 600
fuzz: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/fuzz_checks.py $(FUZZ_ARGS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/fuzz_checks.py --timing

screenshot: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py docs/main-window.png

# One PNG per main screen at 1366×768, to look at (build/ is not committed).
screenshots: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py --set build/screenshots

# Widget strings are English in the source; Simplified Chinese (the default) comes from the .ts.
# After changing UI text: `make translations`, translate the new entries (Qt Linguist, or by
# hand in the .ts), then `make translations` again to compile the .qm.
translations: venv
	$(BIN)/pyside6-lupdate -no-obsolete $$(find hnclient/ui -name '*.py' | sort) -ts resources/translations/hnclient_zh_CN.ts
	$(BIN)/pyside6-lrelease resources/translations/hnclient_zh_CN.ts -qm resources/translations/hnclient_zh_CN.qm
	$(BIN)/pyside6-lrelease resources/translations/qt_gaps_zh_CN.ts -qm resources/translations/qt_gaps_zh_CN.qm

# The main bundle in dist/hnclient/ (PyInstaller onedir; FFmpeg is not in it), the optional
# video component in dist/video/components/ffmpeg/, then the frozen program's own self-test
# (offscreen) and the size budget (docs/distribution.md). `make packages` then builds the
# UOS/Kylin .debs and checks the Windows installer script compiles.
BUNDLE_BUDGET_MB ?= 130
dist: venv
	bash scripts/system-deps.sh dist
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/pyinstaller.spec
	$(BIN)/python packaging/video_component.py dist/video
	QT_QPA_PLATFORM=offscreen dist/hnclient/hnclient-cli selftest
	$(BIN)/python packaging/bundle_report.py dist/hnclient --budget-mb $(BUNDLE_BUDGET_MB)

packages: dist
	bash packaging/deb/build-deb.sh dist/hnclient dist/video dist
	bash packaging/windows/compile-check.sh dist

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .pytest_cache .ruff_cache
