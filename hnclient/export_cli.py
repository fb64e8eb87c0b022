"""`hnclient export ITEM_ID --out DIR` and `hnclient list`: the export without the window.

County IT can script the hand-carried route; ``list`` shows the ids ``export`` takes (a unique
prefix of at least 8 characters is enough, as in the package folder names).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any, TextIO

from hnclient.context import ClientContext, StartupError
from hnclient.errors import officer_messages

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
UNEXPECTED_ZH = (
    "导出没有完成：程序遇到了意外的问题，信息内容没有受到影响。"
    "请把日志文件夹中的 hnclient.log 发给本县信息化技术人员。"
)
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


def _open(err: TextIO) -> ClientContext | None:
    try:
        return ClientContext.open(interactive=False)
    except StartupError as error:
        print(error.message_zh(), file=err)
    return None


def run_list(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    context = _open(err)
    if context is None:
        return EXIT_FAILED
    try:
        rows = context.store.list_items()
    finally:
        context.close()
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
    elif not rows:
        print(
            "本机还没有任何信息。请打开程序窗口（不带参数运行 hnclient），"
            "用“文件 → 新建信息…”（Ctrl+N）写第一条；写好的信息会在这里列出。",
            file=out,
        )
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
    context = _open(err)
    if context is None:
        return EXIT_FAILED
    try:
        for zh, _en in context.notices:
            print(zh, file=err)
        matches = [s.id for s in context.store.list_items() if s.id.startswith(wanted)]
        if len(matches) != 1:
            text = "找不到这个编号的信息" if not matches else "这个编号对应多条信息，请多写几位"
            print(f"{text}：{wanted}（可用 hnclient list 查看）。", file=err)
            return EXIT_FAILED
        item = context.store.get_item(matches[0])
        if item.category not in context.forms:
            print(f"这条信息的类别“{item.category}”在本程序中没有表单，无法导出。", file=err)
            return EXIT_FAILED
        try:
            package = context.service.export(item.id, args.out)
        except Exception as error:  # noqa: BLE001 - ExportError, WordRenderError: they speak Chinese
            messages = officer_messages(error)
            if messages is None:  # never a library's English text: that goes to the log
                log.exception("export of %s failed", item.id)
            print(messages[0] if messages else UNEXPECTED_ZH, file=err)
            return EXIT_FAILED
    finally:
        context.close()
    print(f"已导出：{package}", file=out)
    return EXIT_OK
