"""``hnclient-endpoint``: run the reference endpoint, and administer it.

hnclient-endpoint serve --host 127.0.0.1 --port 8750 --data DIR
hnclient-endpoint admin --data DIR units add NAME        (prints the new token once)
hnclient-endpoint admin --data DIR keys confirm KEY_ID
hnclient-endpoint admin --data DIR items publish ITEM_ID REV URL
hnclient-endpoint admin --data DIR notices list

Help and usage errors are in Chinese (with the English in brackets for help texts).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from hnendpoint.store import DB_NAME, StoreError
from hnprotocol.argparse_zh import ChineseArgumentParser


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from hnendpoint.app import create_app

    app = create_app(Path(args.data))
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


#: Column headings of the admin lists (Chinese, then the JSON key for scripts).
_HEADINGS = {
    "id": "编号",
    "name": "名称",
    "tokens": "令牌数",
    "items": "信息数",
    "unit": "单位",
    "key_id": "密钥编号",
    "post": "职务",
    "status": "状态",
    "registered_at": "登记时间",
    "item_id": "信息编号",
    "revision": "版本",
    "title": "标题",
    "received_at": "接收时间",
    "due_date": "截止日期",
    "published_at": "发布时间",
}


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    as_json: bool,
    blanks: dict[str, str] | None = None,
) -> None:
    """Rows under Chinese column headings, aligned; ``blanks``: what an empty cell means."""
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        print("（无）/ (none)")
        return
    blanks = blanks or {}
    cells = [[_HEADINGS.get(c, c) for c in columns]]
    for row in rows:
        cells.append(
            [blanks.get(c, "") if row.get(c) is None else str(row.get(c)) for c in columns]
        )
    widths = [max(_width(line[i]) for line in cells) for i in range(len(columns))]
    for line in cells:
        padded = [text + " " * (widths[i] - _width(text)) for i, text in enumerate(line)]
        print("  ".join(padded).rstrip())


def _admin(args: argparse.Namespace) -> int:
    from hnendpoint.admin import Admin

    admin = Admin(Path(args.data))
    unit = getattr(args, "unit", None)
    try:
        match (args.area, args.action):
            case ("units", "add"):
                token = admin.create_unit(args.name)
                print(f"单位“{args.name}”已创建。令牌只显示这一次，请妥善交给该单位：")
                print(token)
            case ("units", "token"):
                print(admin.issue_token(args.name))
            case ("units", "list"):
                _table(admin.list_units(), ("id", "name", "tokens", "items"), args.json)
            case ("keys", "list"):
                columns = ("unit", "key_id", "name", "post", "status", "registered_at")
                _table(admin.list_keys(), columns, args.json)
            case ("keys", "confirm"):
                released = admin.confirm_key(args.key_id, unit=unit)
                print(f"已确认密钥 {args.key_id}；放行了 {released} 条待核验的信息。")
            case ("keys", "revoke"):
                admin.revoke_key(args.key_id, unit=unit)
                print(f"已作废密钥 {args.key_id}。")
            case ("items", "list"):
                columns = ("unit", "item_id", "revision", "status", "title", "received_at")
                _table(admin.list_items(), columns, args.json)
            case ("items", "adopt"):
                admin.adopt(args.item_id, args.revision, unit=unit)
                print("已采用。")
            case ("items", "publish"):
                admin.publish(args.item_id, args.revision, args.url, unit=unit)
                print("已发布。")
            case ("items", "return"):
                admin.return_item(args.item_id, args.revision, args.reason, unit=unit)
                print("已退回。")
            case ("notices", "list"):
                shown: tuple[str, ...] = ("id", "unit", "title", "published_at")
                _table(admin.list_notices(), shown, args.json, {"unit": "全部单位"})
            case ("tasks", "list"):
                shown = ("id", "unit", "title", "due_date", "published_at")
                _table(admin.list_tasks(), shown, args.json, {"unit": "全部单位"})
            case ("notices", "add"):
                print(admin.add_notice(args.title, args.body, unit=unit))
            case ("tasks", "add"):
                print(admin.add_task(args.title, args.body, args.due, unit=unit))
            case _:  # pragma: no cover - argparse requires an action
                raise AssertionError((args.area, args.action))
    except StoreError as error:
        print(f"错误：{error.zh}\nerror: {error.en}", file=sys.stderr)
        return 1
    finally:
        admin.close()
    return 0


def _due(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"“{text}”不是日期，应写成 年-月-日，如 2026-07-20 (not a date YYYY-MM-DD)"
        ) from error


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="hnclient-endpoint",
        description="海南州政务信息报送 — 参考接收端（docs/protocol.md）"
        " (reference submission endpoint)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser(
        "serve", help="运行接收端（HTTP；TLS 请由前置服务器提供） (run the endpoint; HTTP)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="监听地址 (address to listen on)")
    serve.add_argument("--port", type=int, default=8750, help="端口 (port)")
    serve.add_argument("--data", required=True, help="数据文件夹（SQLite 和文件） (data folder)")
    serve.add_argument("--log-level", default="info", help="日志级别 (uvicorn log level)")
    serve.set_defaults(func=_serve)

    admin = commands.add_parser(
        "admin", help="管理接收端的数据：单位、密钥、信息、通报、任务 (administer the data)"
    )
    admin.add_argument("--data", required=True, help="数据文件夹（SQLite 和文件） (data folder)")
    admin.add_argument("--json", action="store_true", help="列表以 JSON 输出 (lists as JSON)")
    admin.set_defaults(func=_admin)
    areas = admin.add_subparsers(dest="area", required=True)

    def area(name: str, help_text: str) -> argparse._SubParsersAction[argparse.ArgumentParser]:
        return areas.add_parser(name, help=help_text).add_subparsers(dest="action", required=True)

    def with_unit(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--unit", help="单位名称（编号在多个单位间重复时） (the unit, when an id is ambiguous)"
        )
        return sub

    units = area("units", "单位及其令牌 (units and their tokens)")
    units.add_parser(
        "add", help="新建单位，只显示一次令牌 (create a unit; prints its token once)"
    ).add_argument("name", help="单位全称 (unit name)")
    units.add_parser("token", help="为单位再发一个令牌 (issue another token)").add_argument(
        "name", help="单位全称 (unit name)"
    )
    units.add_parser("list", help="列出单位 (list units)")

    keys = area("keys", "各单位登记的领导密钥 (leader keys registered by units)")
    keys.add_parser("list", help="列出密钥及其状态 (list keys and their status)")
    with_unit(keys.add_parser("confirm", help="确认（备案）密钥 (trust a key)")).add_argument(
        "key_id", help="密钥编号 (key id)"
    )
    with_unit(keys.add_parser("revoke", help="作废密钥 (stop trusting a key)")).add_argument(
        "key_id", help="密钥编号 (key id)"
    )

    items = area("items", "收到的信息 (delivered items)")
    items.add_parser("list", help="列出收到的信息 (list delivered items)")
    for action, help_text in (
        ("adopt", "标为已采用 (adopt)"),
        ("publish", "标为已发布，附网址 (publish, with the URL)"),
        ("return", "退回，附原因 (return, with the reason)"),
    ):
        sub = with_unit(items.add_parser(action, help=help_text))
        sub.add_argument("item_id", help="信息编号 (item id)")
        sub.add_argument("revision", type=int, help="版本号 (revision)")
        if action == "publish":
            sub.add_argument("url", help="发布后的网址 (published URL)")
        if action == "return":
            sub.add_argument("reason", help="退回原因 (reason)")

    notices = area("notices", "发给各单位的通报 (notices to the units)")
    notices.add_parser("list", help="列出已发布的通报 (list notices)")
    sub = with_unit(notices.add_parser("add", help="发布通报 (publish a notice)"))
    sub.add_argument("title", help="标题 (title)")
    sub.add_argument("body", help="正文 (text)")

    tasks = area("tasks", "有截止日期的任务 (tasks with a due date)")
    tasks.add_parser("list", help="列出已发布的任务 (list tasks)")
    sub = with_unit(tasks.add_parser("add", help="发布任务 (publish a task)"))
    sub.add_argument("title", help="标题 (title)")
    sub.add_argument("body", help="正文 (text)")
    sub.add_argument("--due", type=_due, required=True, help="截止日期 YYYY-MM-DD (due date)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data = Path(args.data)
    if data.exists() and not data.is_dir():
        print(f"--data 指定的“{data}”是一个文件，不是数据文件夹。/ --data must be a folder.",
              file=sys.stderr)  # fmt: skip
        return 2
    starting = args.command == "serve" or (args.area, args.action) == ("units", "add")
    if args.command == "admin" and not starting and not (data / DB_NAME).exists():
        # A mistyped path must not look like an empty endpoint.
        print(
            f"“{data}”里没有接收端的数据（文件夹不存在或是空的），请检查 --data 的路径。"
            f" / No endpoint data in {data}: check the --data path.",
            file=sys.stderr,
        )
        return 2
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
