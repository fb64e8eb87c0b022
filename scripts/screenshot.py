"""Render the main window with sample items to a PNG (README picture, and a look as a user).

Usage: ``QT_QPA_PLATFORM=offscreen python scripts/screenshot.py OUT.png [--lang en]``.
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--preview", choices=["page", "wechat"], help="show the preview dock")
    args = parser.parse_args()
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
