"""Render the main window with sample items to a PNG (README picture, and a look as a user).

Usage: ``QT_QPA_PLATFORM=offscreen python scripts/screenshot.py OUT.png [--lang en]``, or
``--set DIR`` for one PNG per main screen as it appears on a 1366×768 screen (the window as
it opens there, with the taskbar's 40 px taken; dialogs at the size they open): main window,
editor with the Word and the WeChat preview, review, leaders, history, recycle bin, first
start, notices, the sending strip, a read-only data folder, a file dialog (`make screenshots`
writes build/screenshots/, not committed).
Needs a CJK font on the machine (Debian: fonts-noto-cjk), or the Chinese shows as boxes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from hnclient.items import Channel, ItemState
from hnclient.settings import Settings

SAMPLES = [
    (
        "leadership",
        "州政府召开第十二次常务会议 研究部署冬春季安全生产工作",
        0,
        ItemState.DRAFT,
        {
            "activity_type": "meeting",
            "location": "州政府三楼会议室",
            "body": "11月24日，州政府召开第十二次常务会议，传达学习省政府有关会议精神，"
            "研究部署全州冬春季安全生产、森林草原防火和民生保障等工作。\n"
            "会议强调，各县、各部门要压紧压实安全生产责任，扎实做好群众安全温暖过冬各项工作。",
        },
    ),
    ("development", "贵德县前三季度旅游收入同比增长12.6%", 2, ItemState.AWAITING_REVIEW, {}),
    ("services", "共和县2026年冬季供暖工作通告", 3, ItemState.APPROVED, {}),
    ("visits", "省农业农村厅调研组在同德县调研牦牛产业发展", 5, ItemState.SENT, {}),
    ("service_guide", "城乡居民基本养老保险参保登记", 6, ItemState.PUBLISHED, {}),
    ("experience", "兴海县探索“草场+合作社”生态畜牧业新模式", 9, ItemState.RETURNED_BY_LEADER, {}),
    ("policy", "贵南县贯彻落实乡村振兴重点帮扶政策情况", 4, ItemState.ADOPTED, {}),
]


def sample_photo(path: Path) -> Path:
    """A landscape-like picture (sky, hills, grassland) so the thumbnail looks like a photo."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 900), (110, 170, 225))
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [(0, 560), (420, 300), (820, 520), (1200, 280), (1600, 540), (1600, 900), (0, 900)],
        fill=(96, 122, 88),
    )
    draw.rectangle([0, 640, 1600, 900], fill=(122, 160, 70))
    image.save(path, "JPEG", quality=88)
    return path


def seed(home: Path) -> str:
    from hnclient.attaching import add_file
    from hnclient.attachments import AttachmentStore
    from hnclient.forms import load_forms
    from hnclient.paths import app_paths
    from hnclient.storage import Store

    forms = load_forms()
    paths = app_paths({"HNCLIENT_HOME": str(home)}).ensure()
    store = Store.open(paths.database)
    attachments = AttachmentStore(paths.attachments)
    # States are reached through the life cycle: a demo leader signs off for real.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.signoff_support import drive, make_service

    service = make_service(store, paths.attachments)
    photo = add_file(attachments, sample_photo(home / "会议现场.jpg")).reference
    first = ""
    try:
        for category, title, age, state, values in reversed(SAMPLES):
            item = store.create_item(
                category,
                forms[category].version,
                title=title,
                event_date=date.today() - timedelta(days=age),
                channels=frozenset({Channel.PORTAL, Channel.WECHAT})
                if category == "leadership"
                else frozenset({Channel.PORTAL}),
                summary="州政府常务会议研究部署冬春季安全生产、森林草原防火和民生保障工作。"
                if category == "leadership"
                else "",
                cover=photo if category == "leadership" else None,
                attachments=(photo,) if category == "leadership" and photo else (),
                values=values,
            )
            if state is not ItemState.DRAFT:
                drive(service, item.id, state)
            first = item.id
    finally:
        store.close()
    return first


SCREEN = (1366, 768 - 40)  # a county laptop, less the taskbar


def _settle(app: QApplication, window: object = None) -> None:
    for _ in range(30):
        app.processEvents()
    runner = getattr(window, "runner", None)
    if runner is not None:
        runner.wait()
    for _ in range(30):
        app.processEvents()


def _save(widget: object, path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    widget.grab().save(str(path))
    print(path)


def shoot_set(out: Path, lang: str) -> None:
    """One PNG per main screen, as an officer meets it on a 1366×768 laptop."""
    from PySide6.QtCore import QRect, QTimer
    from PySide6.QtWidgets import QFileDialog

    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="hnclient-shots-"))
    os.environ["HNCLIENT_HOME"] = str(home)
    first = seed(home)
    settings_path = home / "config" / "settings.json"
    Settings(language=lang, unit="海南州人民政府办公室", officer="卓玛").save(settings_path)

    from hnclient.ui.app import ClientContext, build_window
    from hnclient.ui.i18n import install_translators, prefer_chinese_system_locale

    prefer_chinese_system_locale(lang, os.environ)
    app = QApplication(sys.argv[:1])
    install_translators(app, lang)
    context = ClientContext.open()
    context.store.add_notices(
        [
            {
                "id": "n1",
                "kind": "task",
                "title": "关于报送2026年冬春季安全生产工作信息的通知",
                "body": "请各县于12月5日前报送本县冬春季安全生产工作开展情况，附现场照片2至3张。",
                "due_date": "2026-12-05",
                "published_at": "2026-11-28T09:00:00+08:00",
            },
            {
                "id": "n2",
                "kind": "notice",
                "title": "11月份政务信息采用情况通报",
                "body": "11月份共采用各县、各部门政务信息126条，其中门户网站98条、政务微信28条。",
                "published_at": "2026-11-30T16:00:00+08:00",
            },
        ],
        "c1",
    )
    window = build_window(context)
    window.fit_to_screen(QRect(0, 0, *SCREEN))
    window.show()
    window._select_id(first)
    _settle(app, window)
    _save(window, out / "01-main-window.png")

    window.preview_dock.show()
    window.preview.tabs.setCurrentIndex(0)
    _settle(app, window)
    QTimer.singleShot(0, lambda: None)
    _settle(app, window)
    _save(window, out / "02-editor-with-page-preview.png")
    window.preview.tabs.setCurrentIndex(1)
    _settle(app, window)
    _save(window, out / "03-editor-with-wechat-preview.png")
    window.preview_dock.hide()

    from hnclient.items import ItemState
    from hnclient.ui.history_dialog import HistoryDialog
    from hnclient.ui.leaders_dialog import LeadersDialog
    from hnclient.ui.notices_dialog import NoticesDialog
    from hnclient.ui.recycle_bin_dialog import RecycleBinDialog
    from hnclient.ui.review_dialog import ReviewDialog

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.signoff_support import session_of

    service = context.service
    waiting = next(s for s in context.store.list_items() if s.state is ItemState.AWAITING_REVIEW)
    session = session_of(service)
    review = ReviewDialog(service, window.runner, session, service.review_view(waiting.id), window)
    review.show()
    _settle(app, window)
    _save(review, out / "04-review-dialog.png")
    review.close()

    leaders = LeadersDialog(service, window.runner, window)
    leaders.show()
    _settle(app, window)
    _save(leaders, out / "05-leaders.png")
    leaders.close()

    history = HistoryDialog(service, first, context.render_preview, window.edit_session, window)
    history.show()
    _settle(app, window)
    _save(history, out / "06-history.png")
    history.close()

    spare = service.create("other").item
    assert spare is not None
    service.save(spare.with_changes(title="重复录入的稿件（已删除）"), edit_session="shots")
    service.delete(spare.id)
    bin_dialog = RecycleBinDialog(service, window.category_labels, window)
    bin_dialog.show()
    _settle(app, window)
    _save(bin_dialog, out / "07-recycle-bin.png")
    bin_dialog.close()

    from hnclient.ui.first_start_dialog import UnitInfoDialog

    welcome = UnitInfoDialog(Settings(), default_unit="", first_start=True, parent=window)
    welcome.show()
    _settle(app, window)
    _save(welcome, out / "08-first-start.png")
    welcome.close()

    notices = NoticesDialog(service, window)
    notices.show()
    _settle(app, window)
    _save(notices, out / "09-notices.png")
    notices.close()

    # The sending strip as it looks mid-upload (a sender that is never started; the
    # progress it shows is set by hand, for the picture only).
    from hnclient.sending.config import SendingConfig
    from hnclient.sending.events import OverallProgress
    from hnclient.sending.progress import Progress
    from hnclient.sending.sender import Sender

    sender = Sender(
        context.store,
        context.attachments,
        SendingConfig(endpoint="http://127.0.0.1:9"),
        "token",
        unit=lambda: context.unit,
    )
    window.attach_sender(sender)
    assert window.sending is not None
    window.sending.bridge.overall.emit(
        OverallProgress(Progress("", 0, 47_000_000, 104_000_000, 2_100_000, 27.0), 2)
    )
    _settle(app, window)
    _save(window, out / "10-sending-bar.png")

    def grab_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, grab_dialog)
            return
        for _ in range(200):
            app.processEvents()
        _save(dialog, out / "11-file-dialog.png")
        dialog.reject()

    QTimer.singleShot(50, grab_dialog)
    QFileDialog.getOpenFileNames(
        window,
        window.tr("Add attachments"),
        str(home),
        "Word, JPG, WMV (*.doc *.docx *.jpg *.jpeg *.wmv);;所有文件 (*)",
    )
    window.close()
    context.close()
    sender.transport.close()

    # A data folder that cannot be written: shown read-only (run as root: a read-only mount).
    import pytest

    from tests.readonly_support import read_only_folder

    try:
        with read_only_folder(home / "data"):
            readonly = ClientContext.open()
            ro_window = build_window(readonly)
            ro_window.fit_to_screen(QRect(0, 0, *SCREEN))
            ro_window.show()
            ro_window._select_id(first)
            _settle(app, ro_window)
            _save(ro_window, out / "12-read-only-folder.png")
            ro_window.close()
            readonly.close()
    except pytest.skip.Exception as skipped:
        print(f"read-only screen left out: {skipped}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--set", action="store_true", help="OUT is a folder: one PNG per screen")
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--preview", choices=["page", "wechat"], help="show the preview dock")
    args = parser.parse_args()
    if args.set:
        shoot_set(args.out, args.lang)
        return 0
    home = Path(tempfile.mkdtemp(prefix="hnclient-shot-"))
    os.environ["HNCLIENT_HOME"] = str(home)
    first = seed(home)
    Settings(language=args.lang, unit="海南州人民政府办公室", officer="卓玛").save(
        home / "config" / "settings.json"
    )

    from hnclient.ui.app import ClientContext, build_window
    from hnclient.ui.i18n import install_translators

    app = QApplication(sys.argv[:1])
    install_translators(app, args.lang)
    context = ClientContext.open()
    window = build_window(context)
    window.resize(1366, 820)
    window.show()
    window._select_id(first)
    if args.preview:
        window.preview_dock.show()
        window.preview.tabs.setCurrentIndex(0 if args.preview == "page" else 1)
        window.resize(1700, 900)
    for _ in range(20):
        app.processEvents()
    window.runner.wait()
    for _ in range(20):
        app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out))
    window.close()
    context.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
