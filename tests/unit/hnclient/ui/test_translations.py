"""The window speaks Simplified Chinese by default: every widget string has a translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hnclient.items import Channel
from hnclient.ui.i18n import install_translators, pick, resources_dir

from .conftest import WindowFactory

TRANSLATIONS = resources_dir() / "translations"
TS = TRANSLATIONS / "hnclient_zh_CN.ts"
UI_SOURCES = sorted(str(p) for p in (Path(__file__).parents[4] / "hnclient" / "ui").rglob("*.py"))


def _tool(name: str) -> str:
    """The Qt tool next to this interpreter (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def test_every_ui_string_is_translated(tmp_path: Path) -> None:
    """lupdate over the current sources finds no string without a Chinese translation."""
    fresh = tmp_path / "check.ts"
    shutil.copy(TS, fresh)
    subprocess.run(
        [_tool("pyside6-lupdate"), *UI_SOURCES, "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    unfinished = [
        message.findtext("source")
        for message in ET.parse(fresh).iter("message")
        if message.find("translation") is not None
        and message.find("translation").get("type") in ("unfinished", None)  # type: ignore[union-attr]
        and not "".join(message.find("translation").itertext()).strip()  # type: ignore[union-attr]
    ]
    assert unfinished == [], f"untranslated strings (run `make translations`): {unfinished}"


def test_compiled_translation_is_current(tmp_path: Path) -> None:
    compiled = tmp_path / "zh.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed = TRANSLATIONS / "hnclient_zh_CN.qm"
    assert compiled.read_bytes() == committed.read_bytes(), "run `make translations`"
    gaps = TRANSLATIONS / "qt_gaps_zh_CN.ts"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(gaps), "-qm", str(compiled)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert compiled.read_bytes() == gaps.with_suffix(".qm").read_bytes(), "make translations"


def test_chinese_is_loaded_by_default_and_english_on_request(qapp: QApplication) -> None:
    assert install_translators(qapp, "zh_CN")
    assert QCoreApplication.translate("ItemListModel", "Title") == "标题"
    assert pick("中文", "English") == "中文"
    assert install_translators(qapp, "en") == []
    assert QCoreApplication.translate("ItemListModel", "Title") == "Title"
    assert pick("中文", "English") == "English"
    install_translators(qapp, "zh_CN")  # leave the default for later tests


def test_translations_survive_the_file_being_replaced(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update that rewrites the .qm under a running window must not take its words."""
    from hnclient.ui import i18n

    resources = tmp_path / "resources"
    (resources / "translations").mkdir(parents=True)
    copy = resources / "translations" / "hnclient_zh_CN.qm"
    shutil.copy(TS.with_suffix(".qm"), copy)
    monkeypatch.setattr(i18n, "resources_dir", lambda: resources)
    try:
        i18n.install_translators(qapp, "zh_CN")
        copy.write_bytes(b"\0" * 16)  # rewritten in place, as lrelease or an installer does
        assert QCoreApplication.translate("MainWindow", "&Review") == "审核(&A)"
    finally:
        monkeypatch.undo()
        i18n.install_translators(qapp, "zh_CN")


# -- Qt's own dialogs in Chinese (issue 9 item 10) ------------------------------------------

#: Words allowed in a Chinese file dialog: our file-type names and the filter patterns.
ALLOWED_LATIN = {"word", "jpg", "jpeg", "wmv", "doc", "docx", "png"}


def _english_words(text: str) -> list[str]:
    import re

    text = re.sub(r"\([^)]*\*[^)]*\)", "", text)  # filter patterns: (*.doc *.docx)
    text = re.sub(r"\S*[/\\]\S*", "", text)  # folder paths (the "Look in" history)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w.lower() not in ALLOWED_LATIN]


def _dialog_texts(dialog: QWidget) -> list[str]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTreeView

    texts = [dialog.windowTitle()]
    texts += [w.text() for w in dialog.findChildren(QLabel)]
    texts += [w.text() + " " + w.toolTip() for w in dialog.findChildren(QAbstractButton)]
    for combo in dialog.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        texts += [
            str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
        ]
        root = view.rootIndex()
        # the kinds (sizes and dates follow the system locale: the subprocess test below)
        for row in range(min(model.rowCount(root), 20)):
            texts.append(str(model.index(row, 2, root).data() or ""))
    return [t for t in texts if t.strip()]


def _listed(dialog: QWidget) -> bool:
    from PySide6.QtWidgets import QTreeView

    views = dialog.findChildren(QTreeView)
    return bool(views) and views[0].model().rowCount(views[0].rootIndex()) > 0


def test_every_file_dialog_of_the_window_speaks_chinese(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's qtbase_zh_CN leaves "Look in:" and "Files of type:" in English; our gaps file
    covers them. Each dialog the window opens is opened through the window's own action."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog

    home = tmp_path / "home"
    (home / "Documents" / "通知文件").mkdir(parents=True)
    (home / "Pictures" / "活动照片").mkdir(parents=True)
    (home / "Documents" / "说明.docx").write_bytes(b"PK")
    monkeypatch.setenv("HOME", str(home))
    from hnclient.ui import file_dialogs

    monkeypatch.setattr(file_dialogs, "_last", {})  # no folder remembered from other tests
    window = open_window()
    assert window.create_item("leadership") is not None
    seen: dict[str, list[str]] = {}
    folders: dict[str, str] = {}

    def opener(name: str, trigger: Callable[[], object]) -> None:
        def look() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QFileDialog) or not _listed(dialog):
                QTimer.singleShot(20, look)
                return
            seen[name] = _dialog_texts(dialog)
            folders[name] = dialog.directory().absolutePath()
            dialog.reject()

        QTimer.singleShot(20, look)
        trigger()

    opener("attachments", window.editor.attachments.on_add_clicked)
    opener("cover", window.editor.cover.on_choose)
    opener("export", window.export_action.trigger)
    assert set(seen) == {"attachments", "cover", "export"}
    # never the program's folder: where an officer keeps such files
    assert folders == {
        "attachments": str(home / "Documents"),
        "cover": str(home / "Pictures"),
        "export": str(home / "Documents"),
    }
    assert any("文件夹" in t for t in seen["cover"])  # the kind of a folder, in Chinese
    for name, texts in seen.items():
        joined = "\n".join(texts)
        assert "查找范围" in joined, (name, texts)
        english = [w for t in texts for w in _english_words(t)]
        assert english == [], (name, english)


def test_file_dialog_dates_and_sizes_follow_chinese(tmp_path: Path) -> None:
    """Dates and sizes in Qt's dialogs come from the system locale: started as the window
    starts (prefer_chinese_system_locale) on a session in C/English, they read Chinese."""
    import os
    import sys

    (tmp_path / "现场照片.jpg").write_bytes(b"\xff\xd8\xff")
    script = f"""
import json, os, sys
from hnclient.ui.i18n import install_translators, prefer_chinese_system_locale
prefer_chinese_system_locale("zh_CN", os.environ)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeView
app = QApplication([])
install_translators(app, "zh_CN")
rows = []
def look():
    dialog = QApplication.activeModalWidget()
    views = dialog.findChildren(QTreeView) if dialog else []
    model = views[0].model() if views else None
    root = views[0].rootIndex() if views else None
    if model is None or model.rowCount(root) == 0:
        QTimer.singleShot(50, look)
        return
    rows.append([model.index(0, c, root).data() for c in range(model.columnCount())])
    dialog.reject()
QTimer.singleShot(50, look)
QFileDialog.getOpenFileName(None, "x", {str(tmp_path)!r}, "*")
print(json.dumps(rows, ensure_ascii=False))
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    import json
    import re

    (row,) = json.loads(done.stdout.strip().splitlines()[-1])
    name, size, _kind, modified = row
    assert name == "现场照片.jpg"
    assert "字节" in size, size
    assert re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}", modified), modified


# -- No English words in the Chinese window (trial finding: "77 chars", "not configured") -----


def _visible_texts(root: QWidget) -> list[str]:
    """What an officer reads in ``root``: labels, buttons, group titles, choices, headers."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QTableWidget

    def shown(widget: QWidget) -> bool:
        return widget.isVisibleTo(root)

    texts = [root.windowTitle()]
    texts += [w.text() for w in root.findChildren(QLabel) if shown(w)]
    texts += [w.text() for w in root.findChildren(QAbstractButton) if shown(w)]
    texts += [w.title() for w in root.findChildren(QGroupBox) if shown(w)]
    for combo in root.findChildren(QComboBox):
        if shown(combo):
            texts += [combo.itemText(i) for i in range(combo.count())]
    for table in root.findChildren(QTableWidget):
        if shown(table):
            for column in range(table.columnCount()):
                header = table.horizontalHeaderItem(column)
                texts.append(header.text() if header else "")
    import html
    import re

    plain = [html.unescape(re.sub(r"<[^>]*>", "", t)) for t in texts]  # rich-text labels
    return [t for t in plain if t.strip()]


#: Latin the Chinese window shows on purpose: file-type names and the Word program's name.
EDITOR_LATIN = ALLOWED_LATIN | {"jpg", "wmv", "gb", "t"}


@pytest.mark.parametrize("category", ["leadership", "policy", "visits", "experience"])
def test_editor_with_only_the_portal_ticked_shows_no_english(
    open_window: WindowFactory, category: str
) -> None:
    """Inherited strings included: self.tr() in a subclass looks in the subclass's context,
    which had left the title counter of TitleEdit reading "77 chars"."""
    window = open_window()
    assert window.create_item(category) is not None
    editor = window.editor
    editor.channels.set_channels(frozenset({Channel.PORTAL}))
    editor.channels.edited.emit()
    editor.title_edit.editor.setText("共和县召开二〇二六年冬季安全生产工作会议")
    texts = _visible_texts(editor)
    assert any(t.endswith(" 字") for t in texts), texts  # the counter without a WeChat limit
    english = [(t, w) for t in texts for w in _english_words(t) if w.lower() not in EDITOR_LATIN]
    assert english == [], english


@pytest.mark.parametrize("demo", [False, True])
def test_about_dialog_shows_no_english_in_the_chinese_ui(
    open_window: WindowFactory, qtbot: QtBot, demo: bool
) -> None:
    from hnclient.ui.about_dialog import AboutDialog

    window = open_window()
    from hnclient.paths import app_paths
    from hnclient.support import installation_facts

    facts = installation_facts(app_paths(), demo_sending=demo)
    dialog = AboutDialog(facts, window)
    qtbot.addWidget(dialog)
    texts = _visible_texts(dialog)
    endpoint = dialog.values["Endpoint"].text()
    assert endpoint.startswith("未设置")
    assert ("演示" in endpoint) is demo
    english = [(t, w) for t in texts for w in _english_words(t)]
    assert english == [], english
    # and the English window shows no Chinese in the facts it words itself
    install_translators(QApplication.instance(), "en")  # type: ignore[arg-type]
    try:
        english_dialog = AboutDialog(facts, window)
        qtbot.addWidget(english_dialog)
        assert english_dialog.values["Endpoint"].text().startswith("Not configured")
        for key in ("Endpoint", "Per-user preset"):
            value = english_dialog.values[key].text()
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in value.split("/")[-1]), value
    finally:
        install_translators(QApplication.instance(), "zh_CN")  # type: ignore[arg-type]


def test_no_self_tr_in_a_class_the_window_subclasses() -> None:
    """PySide's self.tr() looks a string up under the runtime class's name, so a base class's
    strings stay English in its subclasses; such a base names its context with translate()."""
    import ast

    classes: dict[str, tuple[list[str], bool]] = {}
    for source in UI_SOURCES:
        for node in ast.walk(ast.parse(Path(source).read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
            uses_tr = any(
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "tr"
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "self"
                for call in ast.walk(node)
            )
            classes[node.name] = (bases, uses_tr)
    inherited = sorted(
        f"{name} <- {base}"
        for name, (bases, _) in classes.items()
        for base in bases
        if base in classes and classes[base][1]
    )
    assert inherited == []
