"""`hnclient audit verify` and `hnclient verify PACKAGE`: checking sign-offs without a window.

``audit verify`` checks this PC's audit chain, every approval signature and its place in the
chain, and every approved item's content and files; ``verify`` checks a package that came by
QQ or USB (``hnclient export``). Both exit 0 when everything holds and 1 naming the first
thing that does not; 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_WHERE_ZH = {"approval": "签发记录", "item": "信息内容", "manifest.json": "清单 manifest.json"}


def where_zh(where: str) -> str:
    """A finding's place in words an office clerk reads: 第 12 条审计记录, 签发记录 …"""
    if where in _WHERE_ZH:
        return _WHERE_ZH[where]
    if where.startswith("audit #"):
        return f"第 {where[7:]} 条审计记录"
    if where.startswith("approval #"):
        number, _, rest = where[10:].partition(" ")
        return f"第 {number} 份签发{rest.replace('(item', '（信息').replace(')', '）')}"
    if where.startswith("item "):
        return "信息 " + where[5:]
    return where


def add_parsers(subparsers: Any) -> None:
    audit = subparsers.add_parser(
        "audit",
        help="检查本机的审核记录（审计链、签发签名） (verify the audit trail)",
        description="检查本机审计记录是否完整、未被改动，以及每一份领导签发的电子签名。",
    )
    audit_commands = audit.add_subparsers(dest="audit_command")
    check = audit_commands.add_parser(
        "verify", help="检查审计链和所有签发 (verify chain and approvals)"
    )
    check.add_argument("--json", action="store_true", help="输出 JSON")
    verify = subparsers.add_parser(
        "verify",
        help="核验一个报送包（文件校验值、内容、领导签发） (verify an exported package)",
        description="核验通过 QQ 群或U盘收到的报送包："
        "每个文件的校验值、信息内容和领导签发的电子签名。",
    )
    verify.add_argument("package", type=Path, metavar="PACKAGE", help="报送包文件夹")
    verify.add_argument("--json", action="store_true", help="输出 JSON")


def run_audit(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    from hnclient.context import ClientContext, StartupError
    from hnclient.verification import verify_store

    out, err = out or sys.stdout, err or sys.stderr
    if getattr(args, "audit_command", None) != "verify":
        print("用法：hnclient audit verify", file=err)
        return EXIT_USAGE
    try:
        context = ClientContext.open(interactive=False)
    except StartupError as error:
        print(error.message_zh(), file=err)
        return EXIT_FAILED
    try:
        entries = len(context.store.audit_entries())
        approvals = len(context.store.all_approvals())
        findings = verify_store(context.store, context.attachments)
    finally:
        context.close()
    if args.json:
        data = {
            "ok": not findings,
            "entries": entries,
            "approvals": approvals,
            "findings": [
                {"where": f.where, "message": f.message_zh, "message_en": f.message_en}
                for f in findings
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
    elif findings:
        first = findings[0]
        print(f"审核记录检查未通过：{where_zh(first.where)}：{first.message_zh}", file=out)
        for other in findings[1:]:
            print(f"  另外：{where_zh(other.where)}：{other.message_zh}", file=out)
    else:
        print(f"审核记录完整：{entries} 条审计记录、{approvals} 份签发均核验通过。", file=out)
    return EXIT_FAILED if findings else EXIT_OK


def run_verify(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    from hnclient.verification import verify_package

    out, err = out or sys.stdout, err or sys.stderr
    package: Path = args.package
    if package.is_file():
        print(f"“{package}”是一个文件，不是文件夹。请指定报送包所在的文件夹。", file=err)
        return EXIT_USAGE
    if not str(args.package).strip() or not package.is_dir():
        print(f"找不到报送包文件夹：{package}", file=err)
        return EXIT_USAGE
    report = verify_package(package)
    if args.json:
        data = {
            "ok": report.ok,
            "approved": report.approved,
            "signer": report.signer,
            "key_id": report.key_id,
            "notes": list(report.notes),
            "findings": [
                {"where": f.where, "message": f.message_zh, "message_en": f.message_en}
                for f in report.findings
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
    elif report.ok:
        print(
            f"核验通过：所有文件与清单一致，内容未被改动，Word 文档与签发的内容一致，"
            f"已由 {report.signer} 电子签发。\n"
            f"签名密钥编号：{report.key_id}（请与本单位在州政府办公室备案的密钥核对）",
            file=out,
        )
        for note in report.notes:
            print(f"  注意：{note}", file=out)
    else:
        first = report.findings[0]
        print(f"核验未通过：{where_zh(first.where)}：{first.message_zh}", file=out)
        for other in report.findings[1:]:
            print(f"  另外：{where_zh(other.where)}：{other.message_zh}", file=out)
    return EXIT_OK if report.ok else EXIT_FAILED
