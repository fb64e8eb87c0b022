"""Attaching files in the editor: real JPEG/Word/WMV files, refusals, drag-and-drop, restart."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, QRect, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from hnclient.items import ItemState
from tests.signoff_support import drive, make_service

from .conftest import WindowFactory, make_jpeg

SAMPLES = Path(__file__).parents[3] / "data" / "checks"


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("共和县生态保护工作总结")
    document.save(str(path))
    return path


def wait_idle(qtbot: QtBot, panel: object) -> None:
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)  # type: ignore[attr-defined]


def test_add_jpeg_word_and_wmv_then_find_them_after_restart(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    item = window.create_item("other")
    assert item is not None
    panel = window.editor.attachments
    photo = make_jpeg(tmp_path / "现场照片.jpg")
    report = make_docx(tmp_path / "工作总结.docx")
    video = shutil.copy(SAMPLES / "sample.wmv", tmp_path / "会议视频.wmv")
    with qtbot.waitSignal(window.autosave.saved, timeout=10_000):
        panel.add_paths([photo, report, Path(video)])
        wait_idle(qtbot, panel)
    names = sorted(r.name for r in panel.references())
    assert names == ["会议视频.wmv", "工作总结.docx", "现场照片.jpg"]
    kinds = {r.name: r.kind for r in panel.references()}
    assert kinds["会议视频.wmv"] == "wmv" and kinds["现场照片.jpg"] == "jpeg"
    video_ref = next(r for r in panel.references() if r.kind == "wmv")
    assert panel.notes()[video_ref.sha256]["details"]["width"] == 160
    photo.unlink()  # the original may go away: the item refers to the stored copy

    window = open_window()
    window._select_id(item.id)
    panel = window.editor.attachments
    assert len(panel.references()) == 3
    qtbot.waitUntil(
        lambda: any(not panel.list.item(r).icon().isNull() for r in range(panel.list.count()))
    )
    assert "0:00:01" in panel.list.item([r.kind for r in panel.references()].index("wmv")).text()


def test_refused_file_says_why_and_is_not_added(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.create_item("other")
    panel = window.editor.attachments
    fake = tmp_path / "照片.jpg"
    Image.new("RGB", (50, 50)).save(fake, "PNG")  # a PNG under a .jpg name
    archive = tmp_path / "材料.rar"
    archive.write_bytes(b"Rar!\x1a\x07\x00" + b"\x00" * 100)
    panel.add_paths([fake])
    wait_idle(qtbot, panel)
    assert panel.references() == ()
    assert "不能添加" in panel.messages.text()
    assert panel.remedy_button.isVisible() or panel.remedy_button.text()
    panel.add_paths([archive])
    wait_idle(qtbot, panel)
    assert panel.references() == ()
    assert "州政府办公室另行联系沟通" in panel.messages.text()


def test_drop_files_onto_the_panel(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.create_item("other")
    panel = window.editor.attachments
    photo = make_jpeg(tmp_path / "拖入的照片.jpg")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    event = QDropEvent(
        QPointF(QPoint(10, 10)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # QApplication drops a Drop event that no real drag started, so deliver it directly.
    panel.event(event)
    assert event.isAccepted()
    wait_idle(qtbot, panel)
    assert [r.name for r in panel.references()] == ["拖入的照片.jpg"]


def test_remove_attachment_and_duplicates_are_not_added_twice(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.create_item("other")
    panel = window.editor.attachments
    photo = make_jpeg(tmp_path / "a.jpg")
    panel.add_paths([photo])
    wait_idle(qtbot, panel)
    panel.add_paths([photo])
    wait_idle(qtbot, panel)
    assert len(panel.references()) == 1
    assert "已" in panel.messages.text()
    panel.list.setCurrentRow(0)
    panel.on_remove_clicked()
    assert panel.references() == ()


def test_sent_items_accept_no_attachments(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:

    window = open_window()
    item = window.create_item("other")
    assert item is not None
    drive(make_service(window.store), item.id, ItemState.SENT)
    window.open_item(item.id)
    panel = window.editor.attachments
    assert not panel.add_button.isEnabled()
    panel.add_paths([make_jpeg(tmp_path / "x.jpg")])
    assert not panel.busy and panel.references() == ()


def test_png_is_converted_to_jpeg_on_request(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.create_item("other")
    panel = window.editor.attachments
    picture = tmp_path / "截图.png"
    Image.new("RGBA", (320, 200), (200, 30, 30, 128)).save(picture, "PNG")
    panel.add_paths([picture])
    wait_idle(qtbot, panel)
    assert panel.references() == () and panel.remedy_button.isVisible()
    assert "JPG" in panel.remedy_button.text()
    panel.on_remedy_clicked()
    wait_idle(qtbot, panel)
    (reference,) = panel.references()
    assert reference.name == "截图.jpg" and reference.kind == "jpeg"
    assert picture.exists()  # the officer's original is untouched


def test_mp4_is_converted_to_wmv_with_progress(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    import subprocess

    from hnclient.convert import find_ffmpeg

    ffmpeg = find_ffmpeg()
    assert ffmpeg is not None, "the video extra (imageio-ffmpeg) is part of make venv"
    clip = tmp_path / "现场视频.mp4"
    subprocess.run(
        [str(ffmpeg), "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=2:size=320x240",
         "-pix_fmt", "yuv420p", str(clip)],
        check=True,
        timeout=120,
    )  # fmt: skip
    window = open_window()
    window.create_item("other")
    panel = window.editor.attachments
    panel.add_paths([clip])
    wait_idle(qtbot, panel)
    assert "WMV" in panel.remedy_button.text()
    panel.on_remedy_clicked()
    assert panel.progress.isVisible() and panel.cancel_button.isVisible()
    wait_idle(qtbot, panel)
    (reference,) = panel.references()
    assert reference.name == "现场视频.wmv" and reference.kind == "wmv"
    assert not panel.progress.isVisible()


def test_photo_with_gps_position_can_be_cleaned(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (36.0, 17.0, 0.0), 3: "E", 4: (100.0, 37.0, 0.0)})
    photo = tmp_path / "手机照片.jpg"
    Image.new("RGB", (400, 300), (90, 140, 60)).save(photo, "JPEG", exif=exif)
    window = open_window()
    window.create_item("other")
    panel = window.editor.attachments
    panel.add_paths([photo])
    wait_idle(qtbot, panel)
    (first,) = panel.references()
    assert [w["code"] for w in panel.notes()[first.sha256]["warnings"]] == ["gps"]
    assert panel.remedy_button.isVisible() and "位置" in panel.remedy_button.text()
    panel.on_remedy_clicked()
    wait_idle(qtbot, panel)
    (cleaned,) = panel.references()
    assert cleaned.name == "手机照片.jpg"
    assert "warnings" not in panel.notes().get(cleaned.sha256, {})
    assert cleaned.sha256 != first.sha256
    with Image.open(photo) as original:  # the officer's own file keeps its position
        assert original.getexif().get_ifd(0x8825)


def test_png_refusal_is_in_sight_matches_its_button_and_names_the_jpg(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.fit_to_screen(QRect(0, 0, 1366, 728))  # an office laptop
    window.create_item("service_guide")  # a long form: the panel is far below the fold
    editor = window.editor
    panel = editor.attachments
    editor.scroll_area.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: editor.scroll_area.verticalScrollBar().maximum() > 0)
    picture = tmp_path / "截图.png"
    Image.new("RGB", (320, 200), (200, 30, 30)).save(picture, "PNG")
    panel.add_paths([picture])
    wait_idle(qtbot, panel)
    qtbot.waitUntil(lambda: panel.remedy_button.isVisible() and panel.message_in_view())
    message = panel.messages.text()
    assert panel.remedy_button.text() in message  # the text names the button offered …
    assert "另存" not in message and "截图.jpg" in message  # … not converting elsewhere
    editor.scroll_area.verticalScrollBar().setValue(0)
    panel.on_remedy_clicked()
    wait_idle(qtbot, panel)
    (reference,) = panel.references()
    assert reference.name == "截图.jpg"
    qtbot.waitUntil(panel.message_in_view)
    assert "截图.jpg" in panel.messages.text() and "截图.png" not in panel.messages.text()


def test_remedy_advice_names_the_button_for_images_and_videos(tmp_path: Path) -> None:
    from hnclient.attaching import add_file, remedy_advice
    from hnclient.attachments import AttachmentStore

    store = AttachmentStore(tmp_path / "store")
    disguised = tmp_path / "照片.jpg"
    Image.new("RGB", (50, 50)).save(disguised, "PNG")
    outcome = add_file(store, disguised)
    assert outcome.remedy == "to_jpeg"
    advice = remedy_advice(outcome.verdict, outcome.remedy)
    assert advice is not None
    assert "转换为 JPG 后添加" in advice[0] and ".jpg" in advice[0] and "另存" not in advice[0]
    assert "Convert to JPG and add" in advice[1]


def test_the_add_dialog_shows_pictures_and_videos_it_can_convert(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial found the dialog listing only Word/JPG/WMV, hiding the PNG and phone videos the
    check converts: they are shown by default now; the strict filter stays a choice."""
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def fake(
        _parent: object, _title: str, _folder: str, filters: str, *a: object
    ) -> tuple[list[str], str]:
        asked.append(filters)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake)
    window = open_window()
    assert window.create_item("leadership") is not None
    window.editor.attachments.on_add_clicked()
    first, *others = asked[0].split(";;")
    assert all(f"*.{kind}" in first for kind in ("docx", "jpg", "png", "mp4", "mov", "wmv"))
    assert first.startswith("Word 文档、图片、视频")
    assert others[-1] == "所有文件 (*)"
