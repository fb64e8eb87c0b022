"""Checking what was signed: the whole local store (``hnclient audit verify``) and a package
that arrived by QQ or USB (``hnclient verify PACKAGE``). Qt-free.

Each check returns a list of :class:`Finding` in the order found; the first one is what a
command names. Nothing here changes anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hnclient.attachments import AttachmentStore
from hnclient.audit import key_lives, verify_chain
from hnclient.items import Item, canonical_json
from hnclient.lifecycle import APPROVED_STATES, Action
from hnclient.storage import Store
from hnprotocol.approval import ApprovalInvalid, verify_record


@dataclass(frozen=True)
class Finding:
    """One thing that does not hold. ``where``: e.g. ``audit #12``, ``item 3f2a…``."""

    where: str
    message_zh: str
    message_en: str


def verify_store(store: Store, attachments: AttachmentStore | None = None) -> list[Finding]:
    """The audit chain, every approval's signature and its anchor in the chain, and every
    item that claims an approval: its content (and, given ``attachments``, its files' bytes)
    must still be what was signed."""
    findings: list[Finding] = []
    entries = store.audit_entries()
    problem = verify_chain(entries)
    if problem is not None:
        findings.append(Finding(f"audit #{problem.seq}", problem.reason_zh, problem.reason_en))
    by_seq = {e.seq: e for e in entries}
    lives = key_lives(entries)
    approve_entries = {
        int(e.detail.get("approval", 0)): e for e in entries if e.action == Action.APPROVE.value
    }
    for approval in store.all_approvals():
        where = f"approval #{approval.pk} (item {approval.item_id[:8]})"
        record = approval.record
        key_id = str((record.get("signature") or {}).get("key_id", ""))
        key = store.leader_key(key_id)
        try:
            verify_record(
                record,
                item_id=approval.item_id,
                content_hash=approval.content_hash,
                signature_png=approval.signature_png,
                public_key=key.public_key if key is not None else None,
            )
        except ApprovalInvalid as error:
            findings.append(Finding(where, error.message_zh(), error.message_en()))
            continue
        if key is None:
            findings.append(
                Finding(
                    where,
                    "签发所用的领导密钥不在本机的登记中（登记记录被删除或替换过）。",
                    "The signing key is not among the enrolled keys.",
                )
            )
            continue
        head = record.get("audit_head") or {}
        anchor = by_seq.get(int(head.get("seq", 0)))
        if int(head.get("seq", 0)) > 0 and (
            anchor is None or anchor.entry_hash != head.get("hash")
        ):
            findings.append(
                Finding(
                    where,
                    "签发之前的审计记录被改写过：与签发时签名的记录不一致。",
                    "The audit history before this approval was rewritten.",
                )
            )
        entry = approve_entries.get(approval.pk)
        if entry is None or entry.detail.get("record_sha256") != _sha(canonical_json(record)):
            findings.append(
                Finding(
                    where,
                    "签发记录与审计记录中登记的不一致（签发记录被替换或审计记录缺失）。",
                    "The approval does not match its audit entry.",
                )
            )
            continue
        life = lives.get(key_id)
        signer = record.get("signer") or {}
        if (
            life is None
            or life.public_key != base64.b64encode(key.public_key).decode("ascii")
            or life.leader_id != signer.get("id")
        ):
            findings.append(
                Finding(
                    where,
                    "签发所用的密钥与审计记录中登记的领导密钥不符（密钥记录被替换过）。",
                    "The signing key is not the one the audit trail enrolled.",
                )
            )
        elif not life.covers(entry.seq):
            findings.append(
                Finding(
                    where,
                    "签发所用的领导密钥在签发时已经停用（领导重新登记或被删除之后，旧密钥不能再签发）。",
                    "The approval was made with a key already retired.",
                )
            )
    # Every state change writes an entry: a state the trail does not end in was written
    # behind the program's back (items from before the audit trail have no such entry).
    last_state: dict[str, str] = {}
    for e in entries:
        if e.item_id is not None and e.to_state is not None:
            last_state[e.item_id] = e.to_state
    for summary in [*store.list_items(), *store.list_items(deleted=True)]:
        recorded = last_state.get(summary.id)
        if recorded is not None and recorded != summary.state.value:
            findings.append(
                Finding(
                    f"item {summary.id[:8]} “{summary.title[:20]}”",
                    f"这条信息的状态“{summary.state.label_zh}”与审计记录不符：状态在程序之外被改动过"
                    "（或审计记录被删除过）。",
                    f"The item's state {summary.state.value} is not the one its audit trail "
                    f"ends in ({recorded}).",
                )
            )
        if summary.state in APPROVED_STATES and summary.deleted_at is None:
            item = store.get_item(summary.id)
            findings.extend(_check_item(store, item, attachments))
    return findings


def _check_item(store: Store, item: Item, attachments: AttachmentStore | None) -> list[Finding]:
    from hnclient.storage import ApprovalMissingError

    where = f"item {item.id[:8]} “{item.title[:20]}”"
    try:
        store.verify_approval(item.id)
    except ApprovalMissingError as error:
        return [Finding(where, error.message_zh(), error.message_en())]
    found: list[Finding] = []
    if attachments is not None:
        refs = ([item.cover] if item.cover else []) + list(item.attachments)
        for ref in refs:
            if not attachments.has(ref.sha256) or not attachments.verify(ref.sha256):
                found.append(
                    Finding(
                        where,
                        f"附件“{ref.name}”在本机保存的文件与签发时不同（被替换或损坏）。",
                        f"The stored file of “{ref.name}” is not the one approved.",
                    )
                )
    return found


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass(frozen=True)
class PackageReport:
    findings: list[Finding]
    approved: bool
    signer: str = ""
    key_id: str = ""
    #: What the check does not cover for this package (plain Chinese, for the office).
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.findings and self.approved


def verify_package(package: Path) -> PackageReport:
    """Every file against its hash and size, the content hash recomputed from the manifest,
    the approval signature over that content and the drawn signature image.

    Trust in the leader's key itself comes from the office's register of confirmed keys
    (the submission endpoint); the report names the key id to compare.
    """
    from hnclient.export import FORMAT, MANIFEST, SIGNATURE_FILE

    findings: list[Finding] = []
    if not (package / MANIFEST).is_file():
        return PackageReport(
            [
                Finding(
                    MANIFEST,
                    f"这个文件夹里没有 {MANIFEST}，不是本程序导出的报送包。"
                    "请确认选的是报送包文件夹本身"
                    "（里面有 Word 文档、附件文件夹和 manifest.json）。",
                    f"No {MANIFEST} here: not an exported package folder.",
                )
            ],
            approved=False,
        )
    try:
        manifest = json.loads((package / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("the manifest is not a JSON object")
    except (OSError, ValueError) as error:
        return PackageReport(
            [
                Finding(
                    MANIFEST,
                    f"报送包中的 {MANIFEST} 缺失或已损坏，无法核验（{error}）。"
                    "请让报送单位重新导出。",
                    f"{MANIFEST} is missing or damaged ({error}).",
                )
            ],
            approved=False,
        )
    if manifest.get("format") != FORMAT:
        findings.append(
            Finding(
                MANIFEST,
                "这不是本程序（新版）导出的报送包，无法核验签发。请让报送单位用新版程序重新导出。",
                f"Not a {FORMAT} package.",
            )
        )
        return PackageReport(findings, approved=False)
    files = manifest.get("files") or []
    by_sha: dict[str, dict[str, Any]] = {}
    root = package.resolve()
    for entry in files:
        name = str(entry.get("path", ""))
        path = (package / name).resolve()
        if root not in path.parents:
            findings.append(Finding(name, "清单中的文件路径不合法。", "Illegal path in manifest."))
            continue
        if not path.is_file():
            findings.append(
                Finding(name, f"报送包中缺少文件“{name}”。", f"File “{name}” is missing.")
            )
            continue
        if path.stat().st_size != entry.get("size") or _file_sha(path) != entry.get("sha256"):
            findings.append(
                Finding(
                    name,
                    f"文件“{name}”与清单记录不符：在导出后被改动或已损坏。",
                    f"File “{name}” does not match the manifest.",
                )
            )
            continue
        by_sha[str(entry.get("sha256"))] = entry
    listed = {str(entry.get("path", "")) for entry in files}
    for path in sorted(package.rglob("*")):
        name = path.relative_to(package).as_posix()
        if path.is_file() and name != MANIFEST and name not in listed:
            findings.append(
                Finding(
                    name,
                    f"报送包中有清单没有记录的文件“{name}”：它不是导出时放进去的，不能当作报送内容。",
                    f"File “{name}” is not in the manifest: it was added after export.",
                )
            )
    raw = dict(manifest.get("item") or {})
    try:
        item = Item.from_content(raw)
        content_hash = item.content_hash()
    except (KeyError, ValueError, TypeError) as error:
        findings.append(
            Finding(
                "item", f"清单中的信息内容不完整（{error}）。", f"Item content invalid: {error}"
            )
        )
        return PackageReport(findings, approved=False)
    if raw.get("content_hash") != content_hash:
        findings.append(
            Finding(
                "item",
                "清单中的信息内容与其校验值不符：内容在导出后被改动过。",
                "The item content does not match its hash.",
            )
        )
    findings.extend(_check_file_list(files, item, approved=manifest.get("approval") is not None))
    for ref in ([item.cover] if item.cover else []) + list(item.attachments):
        if ref.sha256 not in by_sha:
            findings.append(
                Finding(
                    ref.name,
                    f"信息引用的附件“{ref.name}”不在报送包中，或与签发时的文件不同。",
                    f"Attachment “{ref.name}” is missing or differs.",
                )
            )
    record = manifest.get("approval")
    if record is None:
        findings.append(
            Finding(
                "approval",
                "这个报送包没有领导签发记录：是未经审核的草稿，不能作为正式报送。",
                "The package has no approval: it is an unreviewed draft.",
            )
        )
        document, _notes = _check_document(package, manifest, item, None, b"", content_hash)
        findings.extend(document)
        return PackageReport(findings, approved=False)
    signature_path = package / SIGNATURE_FILE
    png = signature_path.read_bytes() if signature_path.is_file() else None
    try:
        verify_record(record, item_id=item.id, content_hash=content_hash, signature_png=png)
    except ApprovalInvalid as error:
        findings.append(Finding("approval", error.message_zh(), error.message_en()))
        return PackageReport(findings, approved=False)
    if png is None:
        findings.append(
            Finding("approval", "报送包中缺少手写签名图片。", "The signature image is missing.")
        )
    document, notes = _check_document(package, manifest, item, record, png or b"", content_hash)
    findings.extend(document)
    signer = record.get("signer") or {}
    key_id = str((record.get("signature") or {}).get("key_id", ""))
    return PackageReport(
        findings,
        approved=True,
        signer=f"{signer.get('name', '')}（{signer.get('post', '')}）",
        key_id=key_id,
        notes=notes,
    )


def _check_file_list(files: list[Any], item: Item, *, approved: bool) -> list[Finding]:
    """The manifest must list exactly the files export makes from this content
    (:func:`hnclient.export.planned_files`): one Word document under the title's name, the
    signature, the signed attachments under their own names. The manifest is not signed, so
    a second document, an extra file or a renamed one listed there with its hash would
    otherwise pass as part of what the leader signed."""
    from hnclient.export import planned_files

    expected = planned_files(item, approved=approved)
    found = [
        (
            str(entry.get("path", "")),
            str(entry.get("role", "")),
            str(entry.get("sha256", "")) if entry.get("role") in ("cover", "attachment") else None,
        )
        for entry in files
        if isinstance(entry, dict)
    ]
    if found == expected:
        return []
    extra = [path for path, _role, _sha in found if path not in {e[0] for e in expected}]
    missing = [path for path, _role, _sha in expected if path not in {f[0] for f in found}]
    if extra:
        zh = f"报送包中有签发内容没有的文件“{extra[0]}”（例如多出的 Word 文档或改了名的附件）"
        en = f"The package holds “{extra[0]}”, which the signed content does not name"
    elif missing:
        zh = f"报送包中缺少签发内容应有的文件“{missing[0]}”"
        en = f"The package lacks “{missing[0]}”, which the signed content names"
    else:
        zh = "报送包的文件清单与签发的内容不一致（文件的用途或顺序被改动）"
        en = "The package's file list does not match the signed content"
    return [
        Finding(
            MANIFEST_DOCUMENT,
            zh + "：报送包在导出后被改动过，不能作为正式报送。请让报送单位重新导出。",
            en + ": it was changed after export.",
        )
    ]


#: How much of a differing line a message quotes.
_QUOTE_CHARS = 40


def _check_document(
    package: Path,
    manifest: dict[str, Any],
    item: Item,
    record: dict[str, Any] | None,
    signature_png: bytes,
    content_hash: str,
) -> tuple[list[Finding], tuple[str, ...]]:
    """The Word document against the content it claims to show.

    The clerk reads the .docx, which no signature covers by itself: it is rendered again
    from the package's content (its hash checked above), the approval record (unit, contact,
    sign-off) and, for what the record does not hold, the manifest's ``unit`` and
    ``contact``, by the same code and rules (:func:`hnclient.printed.printed_for`); then the
    text of both documents, paragraph by paragraph and cell by cell, and their pictures are
    compared (the bytes cannot be: a .docx is a zip with timestamps). ``record`` is None for
    a draft, whose document must still show the package's content, marked 草稿.
    """
    import tempfile

    from hnclient.export import document_file_name
    from hnclient.printed import contact_from_json, printed_for

    files = manifest.get("files") or []
    documents = [str(e.get("path", "")) for e in files if e.get("role") == "document"]
    if not documents:
        return [
            Finding(
                MANIFEST_DOCUMENT,
                "报送包的清单中没有 Word 文档，无法核对文档内容。请让报送单位重新导出。",
                "The manifest lists no Word document.",
            )
        ], ()
    name = documents[0]
    path = package / name
    if not path.is_file():
        return [], ()  # named above as a missing file
    has_contact = isinstance(manifest.get("contact"), dict)
    printed = printed_for(
        record,
        signature_png=signature_png,
        content_hash=content_hash,
        unit=str(manifest.get("unit") or ""),
        contact=contact_from_json(manifest.get("contact")),
    )
    notes: list[str] = []
    skip_contact = not printed.contact_signed and not has_contact
    if record is not None and not printed.contact_signed:
        notes.append(
            "报送信息中的“联系人”“联系电话”两行不在领导签名范围内（这份签发记录没有记录联系人，"
            "是较早版本签发的）；如有疑问，请按报送单位备案的电话核实。"
        )
    try:
        from hnclient.forms import FormDefinitionError, load_forms

        form = load_forms().get(item.category)
    except FormDefinitionError:
        form = None
    if form is None:
        return [
            Finding(
                name,
                f"本程序没有“{item.category}”类信息的表单，无法核对 Word 文档“{name}”的内容。"
                "请用新版程序核验。",
                f"No form for category {item.category}: the Word document was not checked.",
            )
        ], tuple(notes)
    by_sha = {str(e.get("sha256")): package / str(e.get("path", "")) for e in files}
    with tempfile.TemporaryDirectory(prefix="hnclient-verify-") as scratch:
        root = Path(scratch)
        store = AttachmentStore(root / "files")
        for ref in ([item.cover] if item.cover else []) + list(item.attachments):
            source = by_sha.get(ref.sha256)
            if source is None or not source.is_file() or _file_sha(source) != ref.sha256:
                continue  # named above; the document is compared without it
            target = store.path_for(ref.sha256)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        from hnclient.word import WordRenderError, render_docx

        again = root / document_file_name(item)
        try:
            render_docx(
                item,
                form,
                store,
                again,
                unit=printed.unit,
                sign_off=printed.sign_off,
                contact=printed.contact,
            )
        except WordRenderError as error:
            return [
                Finding(
                    name,
                    f"无法重新生成 Word 文档来核对“{name}”（{error.message_zh()}）。",
                    f"The Word document could not be rendered again: {error.message_en()}",
                )
            ], tuple(notes)
        except Exception as error:  # noqa: BLE001 - content a renderer chokes on: say so
            return [
                Finding(
                    name,
                    f"无法重新生成 Word 文档来核对“{name}”："
                    "报送包中的信息内容有本程序无法排版的部分，文档内容没有核对。请让报送单位用新版程序重新导出。",
                    f"The Word document could not be rendered again "
                    f"({type(error).__name__}: {error}).",
                )
            ], tuple(notes)
        expected = document_lines(again)
    try:
        found = document_lines(path)
    except Exception as error:  # noqa: BLE001 - any unreadable .docx: say so, don't crash
        return [
            Finding(
                name,
                f"Word 文档“{name}”无法打开（已损坏或不是 Word 文档），无法核对内容。",
                f"The Word document cannot be read ({type(error).__name__}: {error}).",
            )
        ], tuple(notes)
    if skip_contact:
        expected, found = _without_contact(expected), _without_contact(found)
        notes.append(
            "这个报送包没有记录联系人（较早版本导出），Word 文档中的“联系人”“联系电话”两行未核对。"
        )
    difference = _first_difference(expected, found)
    if difference is None:
        return [], tuple(notes)
    number, want, got = difference
    what = "签发的内容" if record is not None else "报送包中的信息内容"
    version = str(manifest.get("client_version") or "")
    from hnclient import __version__

    hint = (
        f"（报送包由 {version} 版导出，本机是 {__version__} 版：版本不同也可能造成差异，"
        "请用相同版本的程序核验。）"
        if version and version != __version__
        else ""
    )
    return [
        Finding(
            name,
            f"Word 文档“{name}”的内容与{what}不一致，文档在导出后被改动过："
            f"第 {number} 行应为“{_quote(want)}”，文档中是“{_quote(got)}”。"
            f"请以报送包中经签名核验的内容为准，或让报送单位重新导出。{hint}",
            f"The Word document “{name}” differs from the {'signed ' if record else ''}content "
            f"at line {number}: expected “{want}”, found “{got}”.",
        )
    ], tuple(notes)


#: ``where`` of a finding about the manifest's document entry.
MANIFEST_DOCUMENT = "manifest.json"


def document_lines(path: Path) -> list[str]:
    """The text a reader sees, in order: every non-empty paragraph of the headers and
    footers (the 草稿 mark), then of the body — table cells included, each cell's
    paragraphs in reading order — and a line per picture (DrawingML or VML) naming its
    SHA-256 where it stands; then the text of footnotes, endnotes and comments, and a line
    per embedded HTML/RTF block. Text in a run marked hidden is wrapped in 〔隐藏：…〕, so
    hiding a sentence is a difference too. Other formatting (fonts, sizes, colours, hiding through
    a style) is not compared."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    paragraph, text, run = qn("w:p"), qn("w:t"), qn("w:r")
    blip = qn("a:blip")
    imagedata = "{urn:schemas-microsoft-com:vml}imagedata"
    embed, rel_id = qn("r:embed"), qn("r:id")
    hidden_tags = (qn("w:vanish"), qn("w:specVanish"), qn("w:webHidden"))
    lines: list[str] = []

    def hidden(node: Any) -> bool:
        owner = node.getparent()
        while owner is not None and owner.tag != run:
            owner = owner.getparent()
        properties = owner.find(qn("w:rPr")) if owner is not None else None
        if properties is None:
            return False
        for tag in hidden_tags:
            mark = properties.find(tag)
            if mark is not None and mark.get(qn("w:val"), "true") not in ("false", "0", "off"):
                return True
        return False

    def walk(element: Any, related: Any) -> None:
        for node in element.iter(paragraph, blip, imagedata):
            if node.tag == paragraph:
                pieces = []
                for piece in node.iter(text):
                    value = piece.text or ""
                    pieces.append(f"〔隐藏：{value}〕" if value and hidden(piece) else value)
                line = "".join(pieces).strip()
                if line:
                    lines.append(line)
            else:
                target = related.get(node.get(embed if node.tag == blip else rel_id))
                blob = getattr(target, "blob", b"") if target is not None else b""
                lines.append(f"[图片 {_sha(blob)[:16]}]")

    def parts_of(*kinds: str) -> list[Any]:
        return sorted(
            (
                rel.target_part
                for rel in document.part.rels.values()
                if not rel.is_external and rel.reltype.rsplit("/", 1)[-1] in kinds
            ),
            key=lambda part: str(part.partname),
        )

    for part in parts_of("header", "footer"):
        walk(parse_xml(part.blob), part.related_parts)
    walk(document.element.body, document.part.related_parts)
    # Printed or shown beside the body: footnotes, endnotes, comments (a trial added a
    # footnote that Word and LibreOffice print), and embedded HTML/RTF blocks (altChunk,
    # which Word renders in place) — by their bytes, since their text is not WordprocessingML.
    for part in parts_of("footnotes", "endnotes", "comments"):
        walk(parse_xml(part.blob), part.related_parts)
    for part in parts_of("aFChunk"):
        lines.append(f"[嵌入内容 {_sha(part.blob)[:16]}]")
    return lines


def _without_contact(lines: list[str]) -> list[str]:
    """``lines`` without the value after a 联系人 or 联系电话 label."""
    from hnclient.word.office import CONTACT_NAME_LABEL, CONTACT_PHONE_LABEL

    kept: list[str] = []
    skip = False
    for line in lines:
        if skip:
            skip = False
            continue
        kept.append(line)
        skip = line in (CONTACT_NAME_LABEL, CONTACT_PHONE_LABEL)
    return kept


def _first_difference(expected: list[str], found: list[str]) -> tuple[int, str, str] | None:
    for number, (want, got) in enumerate(zip(expected, found, strict=False), start=1):
        if want != got:
            return number, want, got
    if len(expected) != len(found):
        number = min(len(expected), len(found)) + 1
        want = expected[number - 1] if len(expected) >= number else "（没有这一行）"
        got = found[number - 1] if len(found) >= number else "（没有这一行）"
        return number, want, got
    return None


def _quote(line: str) -> str:
    return line if len(line) <= _QUOTE_CHARS else line[: _QUOTE_CHARS - 1] + "…"
