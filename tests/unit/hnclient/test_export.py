"""The export package: Word document, attachments and a manifest an office can verify."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from PIL import Image

from hnclient.attaching import add_file
from hnclient.attachments import AttachmentStore
from hnclient.export import (
    NAME_MAX_BYTES,
    ExportError,
    cut_to_bytes,
    document_file_name,
    export_item,
    package_name,
    read_manifest,
    safe_file_name,
)
from hnclient.forms import load_forms
from hnclient.items import Channel, Item
from hnclient.paths import app_paths
from hnclient.storage import Store
from hnclient.word.title_lines import title_lines

FORMS = load_forms()


@pytest.fixture
def stored_item(hnclient_home: Path, tmp_path: Path) -> tuple[Item, AttachmentStore]:
    paths = app_paths().ensure()
    attachments = AttachmentStore(paths.attachments)
    photo = tmp_path / "现场/会议现场.jpg"
    photo.parent.mkdir()
    Image.new("RGB", (800, 600), (40, 90, 160)).save(photo, "JPEG")
    report = tmp_path / "工作报告.docx"
    document = docx.Document()
    document.add_paragraph("附件正文")
    document.save(str(report))
    photo_ref = add_file(attachments, photo).reference
    report_ref = add_file(attachments, report).reference
    assert photo_ref and report_ref
    with Store.open(paths.database) as store:
        item = store.create_item(
            "other",
            FORMS["other"].version,
            title="共和县开展冬季送温暖活动",
            event_date=date(2026, 11, 20),
            channels=frozenset({Channel.PORTAL, Channel.WECHAT}),
            summary="共和县为困难群众送去过冬物资。",
            cover=photo_ref,
            attachments=(photo_ref, report_ref),
            values={"content_type": "news", "source": "共和县人民政府", "body": "正文第一段。"},
        )
    return item, attachments


def test_package_holds_document_attachments_and_a_true_manifest(
    stored_item: tuple[Item, AttachmentStore], tmp_path: Path
) -> None:
    item, attachments = stored_item
    out = tmp_path / "报送包"
    package = export_item(item, FORMS["other"], attachments, out, unit="共和县人民政府办公室")
    manifest = read_manifest(package)
    assert manifest["item"]["id"] == item.id
    assert manifest["item"]["content_hash"] == item.content_hash()
    roles = sorted(entry["role"] for entry in manifest["files"])
    assert roles == ["attachment", "attachment", "cover", "document"]
    for entry in manifest["files"]:
        data = (package / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["size"]
    names = sorted(p.name for p in (package / "附件").iterdir())
    assert names == ["会议现场.jpg", "工作报告.docx"]  # the cover is that photo: one copy
    document = docx.Document(str(package / "共和县开展冬季送温暖活动.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "共和县开展冬季送温暖活动" in text and "正文第一段" in text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_non_empty_target_is_refused(
    stored_item: tuple[Item, AttachmentStore], tmp_path: Path
) -> None:
    item, attachments = stored_item
    out = tmp_path / "已有文件"
    out.mkdir()
    (out / "别人的文件.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_item(item, FORMS["other"], attachments, out)
    assert "不是空文件夹" in caught.value.message_zh()
    assert (out / "别人的文件.txt").read_text(encoding="utf-8") == "keep me"


def test_damaged_stored_attachment_stops_the_export_and_leaves_nothing(
    stored_item: tuple[Item, AttachmentStore], tmp_path: Path
) -> None:
    item, attachments = stored_item
    damaged = attachments.path_for(str(item.attachments[1].sha256))
    os.chmod(damaged, 0o644)
    damaged.write_bytes(damaged.read_bytes()[:-10] + b"0123456789")
    out = tmp_path / "包"
    with pytest.raises(ExportError) as caught:
        export_item(item, FORMS["other"], attachments, out)
    assert "损坏" in caught.value.message_zh()
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_package_name_is_safe_and_recognisable() -> None:
    item = Item(id="abcdef0123456789" * 2, category="other", form_version=1, title='a/b:c*"d"')
    assert package_name(item) == "无日期_a_b_c__d__abcdef01"


def test_cli_lists_and_exports_by_id_prefix(
    stored_item: tuple[Item, AttachmentStore], tmp_path: Path
) -> None:
    item, _ = stored_item
    run = [sys.executable, "-m", "hnclient"]
    listing = subprocess.run(
        [*run, "list", "--json"], capture_output=True, text=True, timeout=120, check=True
    )
    assert [row["id"] for row in json.loads(listing.stdout)] == [item.id]
    out = tmp_path / "cli-package"
    exported = subprocess.run(
        [*run, "export", item.id[:8], "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert exported.returncode == 0, exported.stderr
    assert read_manifest(out)["item"]["id"] == item.id
    missing = subprocess.run(
        [*run, "export", "ffffffff", "--out", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 1 and "找不到" in missing.stderr
    short = subprocess.run(
        [*run, "export", "abc", "--out", str(tmp_path / "y")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert short.returncode == 2


def test_failure_names_the_target_or_the_program(
    stored_item: tuple[Item, AttachmentStore], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item, attachments = stored_item
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError) as target_failed:
        export_item(item, FORMS["other"], attachments, blocker / "sub" / "包")
    assert "U盘" in target_failed.value.message_zh()

    import hnclient.word

    def broken_install(*_: object, **__: object) -> Path:
        raise FileNotFoundError(2, "No such file or directory", "/opt/hnclient/docx/default.xml")

    monkeypatch.setattr(hnclient.word, "render_docx", broken_install)
    with pytest.raises(ExportError) as program_failed:
        export_item(item, FORMS["other"], attachments, tmp_path / "包")
    assert "安装不完整" in program_failed.value.message_zh()
    assert not (tmp_path / "包").exists()


#: A realistic long title: 76 characters, 220 bytes in UTF-8 (the issue's first failure).
LONG_TITLE = (
    "关于共和县2026年冬春季农牧区困难群众送温暖活动暨恰卜恰镇、倒淌河镇、龙羊峡镇、"
    "江西沟镇、黑马河镇、石乃亥镇等乡镇开展走访慰问和安全检查工作的情况报告"
)


@pytest.mark.parametrize("length", [76, 200])
def test_long_title_exports_with_names_cut_by_bytes(
    stored_item: tuple[Item, AttachmentStore], tmp_path: Path, length: int
) -> None:
    item, attachments = stored_item
    title = (LONG_TITLE * 3)[:length]
    assert len(title) == length and len(title.encode("utf-8")) >= 220
    long_name = "（" + "附件名称很长的工作报告" * 20 + "）.docx"
    report = replace(item.attachments[1], name=long_name)
    item = item.with_changes(title=title, attachments=(item.attachments[0], report))
    out = tmp_path / "导出" / package_name(item)
    package = export_item(item, FORMS["other"], attachments, out, unit="共和县人民政府办公室")
    names = [out.name, *(p.name for p in package.rglob("*"))]
    for name in names:
        size = len(name.encode("utf-8"))
        # Room for ".NAME.partial-PID", ".NAME.PID.RANDOM.tmp" and "(2)" within 255 bytes.
        assert size <= NAME_MAX_BYTES <= 255 - 30, (name, size)
        assert "\ufffd" not in name
    assert out.name.startswith("2026-11-20_关于共和县") and out.name.endswith(item.id[:8])
    document = package / document_file_name(item)
    assert document.suffix == ".docx" and title.startswith(document.stem)
    # printed on balanced lines (line breaks inside the title paragraph)
    assert title in "".join(p.text for p in docx.Document(str(document)).paragraphs).replace(
        "\n", ""
    )
    copied = [p.name for p in (package / "附件").iterdir() if p.suffix == ".docx"]
    assert len(copied) == 1 and copied[0].endswith(".docx")
    assert long_name.startswith(copied[0].removesuffix(".docx"))
    assert {e["path"] for e in read_manifest(package)["files"]} >= {f"附件/{copied[0]}"}
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


def test_cli_exports_a_ninety_character_title_with_a_break_set_by_hand(
    hnclient_home: Path, tmp_path: Path
) -> None:
    """Issue 8: a 90-character title exports through ``hnclient export``; the document prints
    it on the lines the preview shows, the officer's break kept; names stay one line."""
    title = (LONG_TITLE * 2)[:90]
    at = title.index("暨")
    with Store.open(app_paths().ensure().database) as store:
        item = store.create_item(
            "other",
            FORMS["other"].version,
            title=title,
            title_breaks=(at,),
            event_date=date(2026, 11, 20),
            values={"content_type": "news", "source": "共和县人民政府", "body": "正文第一段。"},
        )
    out = tmp_path / "导出"
    exported = subprocess.run(
        [sys.executable, "-m", "hnclient", "export", item.id[:8], "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert exported.returncode == 0, exported.stderr
    manifest = read_manifest(out)
    assert manifest["item"]["id"] == item.id
    document = out / document_file_name(item)
    assert "\n" not in document.name and title.startswith(document.stem)
    assert len(document.name.encode("utf-8")) <= NAME_MAX_BYTES
    first = docx.Document(str(document)).paragraphs[0].text
    assert tuple(first.split("\n")) == title_lines(title, (at,))
    starts = [len("".join(first.split("\n")[:n])) for n in range(len(first.split("\n")))]
    assert at in starts  # a line starts where the officer pressed Enter


def test_names_are_cut_between_characters_not_inside_them() -> None:
    assert cut_to_bytes("青海省人民政府", 10) == "青海省"  # 9 bytes; a 4th would need 12
    assert cut_to_bytes("ab", 5) == "ab"
    tibetan = "བོད་ཡིག"  # བོ = བ + vowel sign ོ: never cut between them
    assert cut_to_bytes(tibetan, 4) == ""
    assert cut_to_bytes(tibetan, 6) == "བོ"
    name = safe_file_name("照片" * 100 + ".jpeg")
    assert name.endswith(".jpeg") and len(name.encode("utf-8")) <= NAME_MAX_BYTES
    assert name.encode("utf-8").decode("utf-8") == name
    assert safe_file_name("a" * 300 + "." + "b" * 40) == "a" * NAME_MAX_BYTES
    assert safe_file_name("标题。" * 60).endswith(("标题", "。", "题"))


def test_name_too_long_names_the_real_cause_not_the_disk(
    stored_item: tuple[Item, AttachmentStore], tmp_path: Path
) -> None:
    item, attachments = stored_item
    # A folder the officer typed by hand, longer than any file system allows.
    out = tmp_path / ("很长的文件夹名称" * 12)
    with pytest.raises(ExportError) as caught:
        export_item(item, FORMS["other"], attachments, out)
    message = caught.value.message_zh()
    assert "文件名太长" in message and "标题" in message and "不是U盘的问题" in message
    assert "U盘是否已满" not in message
    assert "too long" in caught.value.message_en()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_command_line_export_prints_the_officers_contact(
    hnclient_home: Path, tmp_path: Path
) -> None:
    """联系人、联系电话 come from the first-start settings through the Qt-free core, so
    `hnclient export` prints them as the window's export does."""
    from hnclient.settings import Settings

    paths = app_paths().ensure()
    Settings(unit="共和县人民政府办公室", officer="才让卓玛", phone="0974-8512655").save(
        paths.config / "settings.json"
    )
    form = FORMS["other"]
    with Store.open(paths.database) as store:
        item = store.create_item("other", form.version, title="共和县开展冬季送温暖活动",
                                 values={"content_type": "news", "body": "正文。"})  # fmt: skip
    out = tmp_path / "包"
    done = subprocess.run(
        [sys.executable, "-m", "hnclient", "export", item.id[:8], "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = docx.Document(str(next(out.glob("*.docx"))))
    rows = {
        row.cells[0].text: row.cells[1].text.replace("\u2060", "")
        for table in document.tables
        for row in table.rows
    }
    assert rows["联系人"] == "才让卓玛" and rows["联系电话"] == "0974-8512655"
    assert rows["报送单位"] == "共和县人民政府办公室"
