"""`hnclient export ITEM_ID --out DIR` and `hnclient list`: the export without the window.

County IT can script the hand-carried route; ``list`` shows the ids ``export`` takes (a unique
prefix of at least 8 characters is enough, as in the package folder names).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from hnclient.attachments import AttachmentStore
from hnclient.errors import officer_messages
from hnclient.export import export_item
from hnclient.forms import load_forms
from hnclient.paths import DataDirError, app_paths
from hnclient.preset import PresetError, load_preset
from hnclient.settings import Settings
from hnclient.storage import Store, StoreError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MIN_PREFIX = 8


def add_parsers(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export",
        help="导出报送包：Word 文档、附件和 manifest.json (export a submission package)",
        description="把一条信息导出为报送包（Word 文档、附件、manifest.json），"
        "用于 QQ 群或U盘报送。",
    )
    export.add_argument("item_id", metavar="ITEM_ID", help="信息编号（至少前 8 位）")
    export.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="目标文件夹（新的或空的）"
    )
    listing = subparsers.add_parser(
        "list", help="列出本机的信息及其编号 (list items and their ids)"
    )
    listing.add_argument("--json", action="store_true", help="输出 JSON")


def _open_store(err: TextIO) -> Store | None:
    paths = app_paths()
    try:
        paths.ensure()
        return Store.open(paths.database)
    except DataDirError as error:
        print(error.message_zh(), file=err)
    except StoreError as error:
        print(error.message_zh(), file=err)
    return None


def run_list(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    store = _open_store(err)
    if store is None:
        return EXIT_FAILED
    with store:
        rows = store.list_items()
    if args.json:
        data = [
            {
                "id": r.id,
                "title": r.title,
                "category": r.category,
                "state": r.state.value,
                "event_date": r.event_date.isoformat() if r.event_date else None,
            }
            for r in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
    else:
        for r in rows:
            day = r.event_date.isoformat() if r.event_date else "----------"
            print(f"{r.id}  {day}  {r.state.label_zh:<4}  {r.title}", file=out)
    return EXIT_OK


def run_export(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    wanted = str(args.item_id).strip().lower()
    if len(wanted) < MIN_PREFIX:
        print(f"信息编号至少要写前 {MIN_PREFIX} 位（可用 hnclient list 查看）。", file=err)
        return EXIT_USAGE
    store = _open_store(err)
    if store is None:
        return EXIT_FAILED
    paths = app_paths()
    with store:
        matches = [s.id for s in store.list_items() if s.id.startswith(wanted)]
        if len(matches) != 1:
            text = "找不到这个编号的信息" if not matches else "这个编号对应多条信息，请多写几位"
            print(f"{text}：{wanted}（可用 hnclient list 查看）。", file=err)
            return EXIT_FAILED
        item = store.get_item(matches[0])
    forms = load_forms()
    form = forms.get(item.category)
    if form is None:
        print(f"这条信息的类别“{item.category}”在本程序中没有表单，无法导出。", file=err)
        return EXIT_FAILED
    settings = Settings.load(paths.config / "settings.json")
    unit = settings.unit
    if not unit:
        try:
            unit = load_preset().unit
        except PresetError as error:
            print(error.message_zh(), file=err)
    try:
        package = export_item(item, form, AttachmentStore(paths.attachments), args.out, unit=unit)
    except Exception as error:  # noqa: BLE001 - ExportError, WordRenderError: they speak Chinese
        messages = officer_messages(error)
        print(messages[0] if messages else f"导出失败：{error}", file=err)
        return EXIT_FAILED
    print(f"已导出：{package}", file=out)
    return EXIT_OK
