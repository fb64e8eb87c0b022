"""`hnclient sync`: send the queue once and fetch what the office did, without a window.

For a scheduled task or a quick check: prints in plain Chinese what became of each item
and exits 0 when nothing failed, 1 when something did (it stays queued and is tried again),
2 for a usage or set-up problem, 3 when another sender has the data folder (the window is
open and sends by itself; on a network drive, whenever the window is open). It runs beside an
open window that is not sending (the store is shared, see :mod:`hnclient.storage.database`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3


def add_parsers(subparsers: Any) -> None:
    sync = subparsers.add_parser(
        "sync",
        help="发送待发送的信息并查询报送结果 (send the queue once and fetch statuses)",
        description="把“待发送”的信息发送到州政府办公室的报送系统，并查询已报送信息的采用、发布、"
        "退回情况和新的通报。不打开窗口，适合计划任务。",
    )
    sync.add_argument(
        "--token-stdin",
        action="store_true",
        help="从标准输入读取单位令牌（本机没有系统钥匙串时使用；令牌不会写入任何文件）",
    )
    sync.add_argument(
        "--resume",
        action="store_true",
        help="在窗口中暂停了发送时，取消暂停并发送（窗口下次打开时也不再暂停）",
    )


def _title(context: Any, item_id: str) -> str:
    try:
        return str(context.store.get_item(item_id).title) or item_id[:8]
    except Exception:  # noqa: BLE001 - a purged item: its id will do
        return item_id[:8]


def _token(args: argparse.Namespace, tokens: Any, err: TextIO) -> str | None:
    token = tokens.get()
    if token:
        return str(token)
    if args.token_stdin:
        token = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        import getpass

        token = getpass.getpass("请输入州政府办公室发给本单位的报送令牌：").strip()
    if not token:
        print(
            "没有单位的报送令牌。本机没有可用的系统钥匙串时，令牌不会保存：请用"
            "“hnclient sync --token-stdin”从标准输入提供令牌，或在程序窗口中发送。",
            file=err,
        )
        return None
    tokens.set(token)
    return str(token)


def run_sync(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from hnclient.context import ClientContext, StartupError
    from hnclient.paths import app_paths
    from hnclient.sending.errors import AlreadySending, SendingError
    from hnclient.sending.lock import SenderLock

    out, err = out or sys.stdout, err or sys.stderr
    paths = app_paths()
    lock = SenderLock(paths.data)
    try:
        lock.acquire()  # before the database: a sending window holds both
    except AlreadySending:
        from hnclient.instance import window_running

        print(AlreadySending(window_running(paths)).message_zh(), file=err)
        return EXIT_BUSY
    try:
        try:
            context = ClientContext.open(paths, interactive=False)
        except StartupError as error:
            from hnclient.storage import DatabaseLockedError

            if isinstance(error.__cause__, DatabaseLockedError):
                # A network drive keeps the single-process mode (see storage.database).
                print(
                    "数据文件夹在网络盘上，程序窗口打开时“hnclient sync”不能同时运行。"
                    "窗口打开时会自动发送待发送的信息；如需用命令发送，请先关闭程序窗口。",
                    file=err,
                )
                return EXIT_BUSY
            print(error.message_zh(), file=err)
            return EXIT_USAGE
        for zh, _en in context.notices:  # a refused preset says why, before "not set"
            print(zh, file=err)
        try:
            return _sync(context, args, lock, out, err)
        except SendingError as error:
            print(error.message_zh(), file=err)
            return EXIT_USAGE
        finally:
            context.close()
    finally:
        lock.release()


def _sync(context: Any, args: argparse.Namespace, lock: Any, out: TextIO, err: TextIO) -> int:
    from hnclient.sending.config import SendingConfig
    from hnclient.sending.credentials import TokenStore
    from hnclient.sending.sender import Sender

    if context.settings.sending_paused == "yes":
        if not getattr(args, "resume", False):
            print(
                "发送已暂停（在程序窗口的发送栏按了“暂停”），本次没有发送。要发送，请在窗口中点"
                "“继续”，或运行“hnclient sync --resume”。",
                file=out,
            )
            return EXIT_OK
        context.settings.sending_paused = ""
        context.save_settings(context.settings)
    config = SendingConfig.from_preset(context.preset)
    tokens = TokenStore(config.endpoint)
    token = _token(args, tokens, err)
    if token is None:
        return EXIT_USAGE
    sender = Sender(
        context.store,
        context.attachments,
        config,
        token,
        unit=lambda: context.unit,
        lock=lock,
    )
    try:
        report = sender.run_once()
    finally:
        sender.transport.close()
    for outcome in report.outcomes:
        title = _title(context, outcome.item_id)
        if outcome.delivered and outcome.status == "held_unregistered_signer":
            print(
                f"已报送，但签发人未备案：{title}（州政府办公室确认签发领导的密钥后才会处理）",
                file=out,
            )
        elif outcome.delivered:
            print(f"已报送：{title}（回执编号 {outcome.receipt_id}）", file=out)
        elif outcome.refused:
            print(f"报送被拒绝：{title}：{outcome.message_zh}", file=out)
        else:
            print(f"暂未报送：{title}：{outcome.message_zh}", file=out)
        if outcome.stops_all:
            tokens.forget()
    for change in report.office:
        title = _title(context, change.item_id)
        if change.status == "published":
            print(f"已发布：{title}  {change.url}", file=out)
        elif change.status == "returned":
            print(f"被退回：{title}。退回原因：{change.reason}", file=out)
        elif change.status == "adopted":
            print(f"已采用：{title}", file=out)
        elif change.status == "received":
            print(f"签发人已备案，报送系统开始处理：{title}", file=out)
    for notice in report.notices:
        if notice.kind == "task":
            print(f"新任务：{notice.title}（截止日期 {notice.due_date or '未定'}）", file=out)
        else:
            print(f"新通报：{notice.title}", file=out)
    if report.problem is not None:
        print(report.problem[0], file=out)
    if not (report.outcomes or report.office or report.notices or report.problem):
        print("没有待发送的信息，也没有新的报送结果。", file=out)
    return EXIT_FAILED if report.failed else EXIT_OK
