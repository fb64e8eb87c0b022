"""``hnclient-endpoint``: run the reference endpoint, and administer it.

hnclient-endpoint serve --host 127.0.0.1 --port 8750 --data DIR
hnclient-endpoint admin --data DIR units add NAME        (prints the new token once)
hnclient-endpoint admin --data DIR keys confirm KEY_ID
hnclient-endpoint admin --data DIR items publish ITEM_ID REV URL
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


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from hnendpoint.app import create_app

    app = create_app(Path(args.data))
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _table(rows: list[dict[str, Any]], columns: Sequence[str], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        print("（无）/ (none)")
        return
    for row in rows:
        print("\t".join("" if row.get(c) is None else str(row.get(c)) for c in columns))


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
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hnclient-endpoint",
        description="海南州政务信息报送 — reference submission endpoint (docs/protocol.md)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the endpoint (HTTP; put TLS in front)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--data", required=True, help="data directory (SQLite and files)")
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(func=_serve)

    admin = commands.add_parser("admin", help="administer the endpoint's data directory")
    admin.add_argument("--data", required=True, help="data directory (SQLite and files)")
    admin.add_argument("--json", action="store_true", help="lists as JSON")
    admin.set_defaults(func=_admin)
    areas = admin.add_subparsers(dest="area", required=True)

    def area(name: str, help_text: str) -> argparse._SubParsersAction[argparse.ArgumentParser]:
        return areas.add_parser(name, help=help_text).add_subparsers(dest="action", required=True)

    def with_unit(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--unit", help="the unit, when an id is not unique across units")
        return sub

    units = area("units", "units and their tokens")
    units.add_parser("add", help="create a unit; prints its token once").add_argument("name")
    units.add_parser("token", help="issue another token for a unit").add_argument("name")
    units.add_parser("list", help="list units")

    keys = area("keys", "leader keys registered by units")
    keys.add_parser("list", help="list keys and their status")
    with_unit(keys.add_parser("confirm", help="trust a key")).add_argument("key_id")
    with_unit(keys.add_parser("revoke", help="stop trusting a key")).add_argument("key_id")

    items = area("items", "delivered items")
    items.add_parser("list", help="list delivered items")
    for action, help_text in (
        ("adopt", "已采用"),
        ("publish", "已发布 (with the URL)"),
        ("return", "被退回 (with the reason)"),
    ):
        sub = with_unit(items.add_parser(action, help=help_text))
        sub.add_argument("item_id")
        sub.add_argument("revision", type=int)
        if action == "publish":
            sub.add_argument("url")
        if action == "return":
            sub.add_argument("reason")

    notices = area("notices", "notices (通报) to the units")
    sub = with_unit(notices.add_parser("add", help="publish a notice"))
    sub.add_argument("title")
    sub.add_argument("body")

    tasks = area("tasks", "tasks with a due date")
    sub = with_unit(tasks.add_parser("add", help="publish a task"))
    sub.add_argument("title")
    sub.add_argument("body")
    sub.add_argument("--due", type=_due, required=True, help="YYYY-MM-DD")
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
