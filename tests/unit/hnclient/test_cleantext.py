"""Text pasted from Word (issue 8 fault 9): cleaned where it enters and where it is rendered,
and an export never fails on it — nor speaks English when it fails for another reason."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from hnclient.attachments import AttachmentStore
from hnclient.cleantext import clean_item, clean_line, clean_text
from hnclient.export import ExportError, export_item, read_manifest
from hnclient.export_cli import run_export
from hnclient.forms import load_forms
from hnclient.items import Channel, Item
from hnclient.paths import app_paths
from hnclient.service import ItemService
from hnclient.storage import Store
from hnclient.word import render_docx, render_html

FORMS = load_forms()

#: What Word, WPS and damaged files put on the clipboard, each between two words.
PASTED = {
    "\x0b": "manual line break (VT)",
    "\x0c": "page break (FF)",
    "\x00": "NUL",
    "\x01": "C0 control",
    "\x1f": "unit separator",
    "\x7f": "DEL",
    "\x80": "C1 control",
    "\x85": "next line (NEL)",
    "\x9f": "C1 control",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\ufffe": "noncharacter",
    "\uffff": "noncharacter",
    "\U0010fffe": "noncharacter",
    "\r": "carriage return",
}
LONE_SURROGATES = "\ud83d\udc00"[:1] + "、" + "\udfff"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("第一行\x0b第二行", "第一行\n第二行"),  # Word's Shift+Enter: a line break
        ("第一页\x0c第二页", "第一页\n\n第二页"),  # a page break: a paragraph break
        ("第一段\u2029第二段", "第一段\n\n第二段"),
        ("甲\r\n乙\r丙", "甲\n乙\n丙"),
        ("甲\x00乙\x01丙\x1f丁\x7f戊\x80己\x9f庚", "甲乙丙丁戊己庚"),
        ("表\t格", "表\t格"),  # a tab is kept (python-docx writes w:tab)
        ("坏\ud800的\udfff字", "坏的字"),
        ("非\ufffe字\uffff符\U0001fffe", "非字符"),
        ("普通文字 2026年", "普通文字 2026年"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_title_loses_its_line_breaks_and_clean_items_stay_the_same_object() -> None:
    assert clean_line("关于\x0b做好\u2028工作的通知\n") == "关于做好工作的通知"
    item = Item(id="0" * 32, category="other", form_version=1, title="标题", values={"body": "x"})
    assert clean_item(item) is item
    dirty = item.with_changes(
        summary="摘\x0b要", values={"body": "正\x0c文", "rows": [{"a": "表\x00格"}]}
    )
    cleaned = clean_item(dirty)
    assert cleaned.summary == "摘\n要"
    assert cleaned.values == {"body": "正\n\n文", "rows": [{"a": "表格"}]}


def _dirty_body() -> str:
    return "".join(f"第{n}句{char}" for n, char in enumerate(PASTED, start=1)) + "完。"


@pytest.fixture
def dirty_stored(hnclient_home: Path) -> tuple[Item, AttachmentStore]:
    """An item stored *before* the save path cleaned text: every pasted character inside,
    written by the store itself (as an older version of the client did)."""
    paths = app_paths().ensure()
    with Store.open(paths.database) as store:
        item = store.create_item(
            "services",
            FORMS["services"].version,
            title="关于\x0b春节期间\x00办事大厅开放时间的公告",
            event_date=date(2026, 1, 20),
            channels=frozenset({Channel.PORTAL}),
            summary="摘要\x0c第二段",
            values={
                "info_type": "announcement",
                "issuing_authority": "共和县政务服务\x01中心",
                "body": _dirty_body(),
                "contact_phone": "0974-8512655\x0b",
            },
        )
    return item, AttachmentStore(paths.attachments)


def test_an_item_stored_with_control_characters_exports(
    dirty_stored: tuple[Item, AttachmentStore], tmp_path: Path
) -> None:
    item, attachments = dirty_stored
    package = export_item(item, FORMS["services"], attachments, tmp_path / "包", unit="共和县")
    document = next(package.glob("*.docx"))
    text = "\n".join(p.text for p in docx.Document(str(document)).paragraphs)
    for n in range(1, len(PASTED) + 1):
        assert f"第{n}句" in text
    assert "关于春节期间办事大厅开放时间的公告" in text
    assert "共和县政务服务中心" in text
    assert not any(char in text for char in PASTED if char not in "\r")
    assert read_manifest(package)["item"]["id"] == item.id  # stored content is left as it was
    # the command line too, in Chinese, exit 0
    done = subprocess.run(
        [sys.executable, "-m", "hnclient", "export", item.id[:8], "--out", str(tmp_path / "c")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "已导出" in done.stdout


def test_lone_surrogates_render_in_the_document_and_the_preview(tmp_path: Path) -> None:
    form = FORMS["other"]
    item = Item(
        id="0" * 32,
        category="other",
        form_version=form.version,
        title=f"标题{LONE_SURROGATES}",
        values={"content_type": "news", "source": "来源", "body": f"正文{LONE_SURROGATES}完"},
    )
    store = AttachmentStore(tmp_path / "store")
    out = render_docx(item, form, store, tmp_path / "x.docx")
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "标题、" in paragraphs and "正文、完" in paragraphs
    html = render_html(item, form, store, mode="page")
    assert "正文、完" in html
    html.encode("utf-8")  # no surrogate left to break the preview's encoding either


def test_save_cleans_what_the_officer_pasted(hnclient_home: Path) -> None:
    paths = app_paths().ensure()
    with Store.open(paths.database) as store:
        service = ItemService(store, AttachmentStore(paths.attachments), FORMS)
        item = service.create("other").item
        assert item is not None
        pasted = item.with_changes(
            title="标题\x0b续", values={"body": f"甲\x0b乙\x0c丙\x00丁{LONE_SURROGATES}"}
        )
        saved = service.save(pasted)
        assert saved.title == "标题续"
        assert saved.values["body"] == "甲\n乙\n\n丙丁、"
        assert store.get_item(item.id).values["body"] == "甲\n乙\n\n丙丁、"


def test_an_unexpected_failure_speaks_chinese(
    dirty_stored: tuple[Item, AttachmentStore], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a library raises inside the export, the officer reads Chinese; the English
    text goes to the log only."""
    import hnclient.word

    item, attachments = dirty_stored
    english = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes"

    def library_failure(*_: object, **__: object) -> Path:
        raise ValueError(english)

    monkeypatch.setattr(hnclient.word, "render_docx", library_failure)
    with pytest.raises(ExportError) as caught:
        export_item(item, FORMS["services"], attachments, tmp_path / "包")
    zh = caught.value.message_zh()
    assert "导出没有完成" in zh and english not in zh and "XML" not in zh
    assert not (tmp_path / "包").exists()

    class Args:
        item_id = item.id
        out = tmp_path / "cli"

    out, err = io.StringIO(), io.StringIO()
    assert run_export(Args(), out, err) == 1  # type: ignore[arg-type]
    assert "导出没有完成" in err.getvalue() and "XML" not in err.getvalue()
