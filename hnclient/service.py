"""Named operations on items: what the window and the command line ask for, in one place.

Neither the window nor the CLI changes the store directly: they call :class:`ItemService`
("create", "save", "submit", "approve", "return" …), and the :class:`Outcome` says what
changed so views refresh from it. Business rules live where they belong — the life cycle in
:mod:`hnclient.lifecycle`, the approval record in :mod:`hnprotocol.approval`, the PIN and keys in
:mod:`hnclient.signing` — and this layer puts them together. Qt-free.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hnclient.attachments import AttachmentStore
from hnclient.cleantext import clean_item
from hnclient.errors import OfficerError
from hnclient.forms import FormDef
from hnclient.items import AttachmentRef, Item, JsonValue
from hnclient.lifecycle import Action, Actor, ActorRef, follow_up
from hnclient.storage import Leader, LeaderKey, SaveReason, Store, StoredApproval

log = logging.getLogger(__name__)

DEFAULT_OPINION = "同意"


@dataclass(frozen=True)
class Outcome:
    """What an operation changed: ``item`` is the item after it (None when it is gone)."""

    item_id: str
    item: Item | None
    message_zh: str = ""
    message_en: str = ""


@dataclass(frozen=True)
class AttachmentView:
    """One file as the leader sees it: what identifies it, its check note, and whether the
    stored bytes still hash to what the item names (``intact``)."""

    ref: AttachmentRef
    role: str  # "cover" or "attachment"
    note: dict[str, JsonValue]
    intact: bool


@dataclass(frozen=True)
class ReviewView:
    """Everything the review screen shows, gathered off the GUI thread."""

    item: Item
    page_html: str
    attachments: list[AttachmentView]
    changes: list[Any]  # hnclient.review.Change, since the last review (empty: first review)
    earlier_review: bool
    notes: list[dict[str, Any]]  # the officer's notes on screening findings
    submitted_by: str
    submitted_at: datetime | None
    leaders: list[Leader]


class ReviewRefused(OfficerError):
    """A review step cannot be taken; the messages say why and what to do."""


@dataclass
class LeaderSession:
    """A leader who has entered the right PIN on this PC (who is acting is always visible)."""

    leader: Leader
    since: datetime

    @property
    def actor(self) -> ActorRef:
        return ActorRef(Actor.LEADER, self.leader.id, self.leader.name)


@dataclass(frozen=True)
class SubmitRequest:
    """The officer's submission for review.

    ``public_confirmed``: the officer vouches the item may be made public (可公开).
    ``justifications``: screening finding fingerprint → why it may stay (the leader sees it).
    """

    public_confirmed: bool
    justifications: dict[str, str] = field(default_factory=dict)


class ItemService:
    """The operations. ``unit`` and ``officer`` are read when needed (settings may change)."""

    def __init__(
        self,
        store: Store,
        attachments: AttachmentStore,
        forms: dict[str, FormDef],
        *,
        unit: Callable[[], str] = lambda: "",
        officer: Callable[[], str] = lambda: "",
        phone: Callable[[], str] = lambda: "",
        allow_self_approval: bool = False,
        clock: Callable[[], datetime] | None = None,
        scrypt: Any = None,
        sending: Callable[[], bool] = lambda: False,
    ) -> None:
        self.store = store
        self.attachments = attachments
        self.forms = forms
        self._unit = unit
        self._officer = officer
        self._phone = phone
        self.allow_self_approval = allow_self_approval
        self._clock = clock or (lambda: datetime.now(UTC))
        self._scrypt = scrypt  # hnclient.signing.ScryptParams; the default outside tests
        #: Whether sending is configured: then an approval queues the item in the same
        #: transaction (hnclient.lifecycle.follow_up).
        self._sending = sending

    @property
    def read_only(self) -> bool:
        """The data folder cannot be written: every change raises
        :class:`~hnclient.storage.ReadOnlyStoreError` (the store refuses it, one home)."""
        return self.store.read_only

    # -- who -------------------------------------------------------------------------------

    @property
    def officer(self) -> ActorRef:
        return ActorRef.officer(self._officer())

    def contact(self) -> Any:
        """The submitter as documents print it (联系人、联系电话): the officer's name and
        telephone from the settings (a :class:`hnclient.word.office.Contact`)."""
        from hnclient.word.office import Contact

        return Contact(self._officer().strip(), self._phone().strip())

    def _now(self) -> datetime:
        return self._clock()

    # -- drafting --------------------------------------------------------------------------

    def create(self, category: str, *, edit_session: str | None = None) -> Outcome:
        form = self.forms[category]
        item = self.store.create_item(
            category, form.version, edit_session=edit_session, actor=self.officer
        )
        return Outcome(item.id, item)

    def duplicate(self, item_id: str, *, edit_session: str | None = None) -> Outcome:
        copy = self.store.duplicate_item(item_id, edit_session=edit_session, actor=self.officer)
        return Outcome(copy.id, copy)

    def save(
        self, item: Item, *, reason: SaveReason = "autosave", edit_session: str | None = None
    ) -> Item:
        """Autosave and "save now": the content as the officer has it (voids as the life
        cycle says).

        Text pasted from Word arrives with control characters that no document can hold
        (a manual line break as a vertical tab, a page break, a NUL): they are cleaned here,
        where every edit enters the store (:mod:`hnclient.cleantext`).
        """
        return self.store.save_item(
            clean_item(item), reason=reason, edit_session=edit_session, actor=self.officer
        )

    def change(
        self, item_id: str, change: Callable[[Item], Item], *, edit_session: str | None = None
    ) -> Outcome:
        """Apply ``change`` to the stored item and save it (e.g. a file checked after its
        item was left)."""
        item = self.store.get_item(item_id)
        saved = self.save(change(item), edit_session=edit_session)
        return Outcome(item_id, saved)

    def attach(
        self,
        item_id: str,
        reference: AttachmentRef,
        note: dict[str, JsonValue] | None = None,
        *,
        replaces: str = "",
        edit_session: str | None = None,
    ) -> Outcome:
        """Add a stored file to an item (replacing the attachment named ``replaces``)."""

        def apply(item: Item) -> Item:
            kept = [r for r in item.attachments if not replaces or r.name != replaces]
            notes = dict(item.notes)
            if note:
                notes[reference.sha256] = note
            if any(r.sha256 == reference.sha256 for r in kept):
                return item.with_changes(attachments=tuple(kept), notes=notes)
            return item.with_changes(attachments=(*kept, reference), notes=notes)

        return self.change(item_id, apply, edit_session=edit_session)

    def set_cover(
        self,
        item_id: str,
        cover: AttachmentRef,
        note: dict[str, JsonValue] | None = None,
        *,
        edit_session: str | None = None,
    ) -> Outcome:
        def apply(item: Item) -> Item:
            notes = dict(item.notes)
            if note:
                notes[cover.sha256] = note
            return item.with_changes(cover=cover, notes=notes)

        return self.change(item_id, apply, edit_session=edit_session)

    def delete(self, item_id: str) -> Outcome:
        self.store.delete_item(item_id)
        return Outcome(item_id, None)

    def restore(self, item_id: str) -> Outcome:
        self.store.restore_item(item_id)
        return Outcome(item_id, self.store.get_item(item_id))

    def purge(self, item_id: str) -> Outcome:
        self.store.purge_item(item_id)
        return Outcome(item_id, None)

    def empty_recycle_bin(self) -> int:
        return self.store.empty_recycle_bin()

    def restore_revision(
        self, item_id: str, revision: int, *, edit_session: str | None = None
    ) -> Outcome:
        old = self.store.get_revision(item_id, revision)
        current = self.store.get_item(item_id)
        saved = self.store.save_item(
            clean_item(old.with_changes(notes={**old.notes, **current.notes})),
            reason="restore",
            edit_session=edit_session,
            actor=self.officer,
        )
        return Outcome(item_id, saved)

    # -- export ----------------------------------------------------------------------------

    def printed(self, item: Item) -> tuple[StoredApproval | None, Any]:
        """The item's valid approval of this very content (or None) and what its documents
        print beside the content (:class:`hnclient.printed.Printed`): for an approved item
        the unit and contact the leader signed, for a draft the current settings. Every
        document and preview of an item takes these from here."""
        from hnclient.printed import printed_for
        from hnclient.storage import ApprovalMissingError

        approval: StoredApproval | None
        try:
            approval = self.store.verify_approval(item.id)
        except ApprovalMissingError:
            approval = None
        if approval is not None and approval.content_hash != item.content_hash():
            approval = None
        printed = printed_for(
            approval.record if approval is not None else None,
            signature_png=approval.signature_png if approval is not None else b"",
            content_hash=approval.content_hash if approval is not None else "",
            unit=self._unit(),
            contact=self.contact(),
        )
        return approval, printed

    def export(self, item_id: str, target: Path) -> Path:
        """The hand-carried package; approved content carries its approval record."""
        from hnclient.export import export_item

        item = self.store.get_item(item_id)
        form = self.forms[item.category]
        approval, printed = self.printed(item)
        return export_item(
            item,
            form,
            self.attachments,
            target,
            unit=printed.unit,
            approval=approval,
            sign_off=printed.sign_off,
            contact=printed.contact,
        )

    # -- review: the officer's side ---------------------------------------------------------

    def screen(self, item: Item) -> list[Any]:
        """Classified marks, personal data and near-duplicates (:mod:`hnclient.screening`)."""
        from hnclient.review import screen_item

        return screen_item(self.store, self.attachments, self.forms, item)

    def submit(self, item_id: str, request: SubmitRequest) -> Outcome:
        """提交审核: the item validates, the officer confirms 可公开, every screening finding
        is fixed or justified. Raises :class:`ReviewRefused` saying what is missing."""
        from hnclient.forms.engine import validate_item

        item = self.store.get_item(item_id)
        form = self.forms.get(item.category)
        if form is None:
            raise ReviewRefused(
                f"这条信息的类别“{item.category}”在本程序中没有表单，不能提交审核。",
                f"No form for category {item.category}.",
            )
        from hnclient.forms import china_today

        errors = [p for p in validate_item(form, item, china_today(self._now())) if p.is_error]
        if errors:
            first = errors[0]
            raise ReviewRefused(
                f"还有 {len(errors)} 处必须修改后才能提交审核，例如：{first.message}",
                f"{len(errors)} problem(s) must be fixed first, e.g. {first.message_en}",
            )
        if not request.public_confirmed:
            raise ReviewRefused(
                "提交审核前，请确认这条信息不涉密、可以公开（勾选“可公开”）。",
                "Confirm that the item may be made public before submitting.",
            )
        findings = self.screen(item)
        unexplained = [
            f for f in findings if not request.justifications.get(f.fingerprint, "").strip()
        ]
        if unexplained:
            raise ReviewRefused(
                f"检查发现 {len(unexplained)} 处需要处理的内容（如密级标志、身份证号、手机号）。"
                "请修改，或逐条写明可以保留的理由后再提交。",
                f"{len(unexplained)} finding(s) need a fix or a reason before submitting.",
            )
        notes = [
            {
                "fingerprint": f.fingerprint,
                "kind": f.kind,
                "where": f.label_zh,
                "context": f.context,
                "reason": request.justifications[f.fingerprint].strip(),
            }
            for f in findings
        ]
        done = self.store.transition(
            item_id,
            Action.SUBMIT,
            self.officer,
            expected_hash=item.content_hash(),
            detail={"public_confirmed": True, "screening": notes},
        )
        return Outcome(item_id, done, "已提交审核，请分管领导审核签发。", "Submitted for review.")

    def withdraw(self, item_id: str) -> Outcome:
        done = self.store.transition(item_id, Action.WITHDRAW, self.officer)
        return Outcome(item_id, done, "已撤回审核，可以继续修改。", "Withdrawn from review.")

    # -- leaders ---------------------------------------------------------------------------

    def leaders(self) -> list[Leader]:
        return self.store.list_leaders()

    def enrol_leader(self, name: str, post: str, pin: str) -> Leader:
        """A responsible leader enrols on this PC: PIN hash and a new PIN-sealed key pair."""
        from hnclient.signing import check_new_pin

        name, post = name.strip(), post.strip()
        if not name or not post:
            raise ReviewRefused("请填写领导的姓名和职务。", "Enter the leader's name and post.")
        check_new_pin(pin)
        if any(leader.name == name and leader.post == post for leader in self.leaders()):
            raise ReviewRefused(
                f"{name}（{post}）已经登记过。忘记 PIN 时请用“重新登记”。",
                f"{name} ({post}) is already enrolled; use re-enrol for a forgotten PIN.",
            )
        return self._enrol(os.urandom(16).hex(), name, post, pin)

    def reenrol_leader(self, leader_id: str, new_pin: str) -> Leader:
        """A forgotten PIN: a new PIN and a new key; the old public key stays for old
        approvals, its private key is deleted."""
        from hnclient.signing import check_new_pin

        check_new_pin(new_pin)
        leader = self.store.get_leader(leader_id)
        return self._enrol(leader.id, leader.name, leader.post, new_pin)

    def _enrol(self, leader_id: str, name: str, post: str, pin: str) -> Leader:
        from hnclient.signing import generate_sealed_key, hash_pin

        kdf = {} if self._scrypt is None else {"params": self._scrypt}
        pin_hash = hash_pin(pin, **kdf)
        sealed = generate_sealed_key(pin, aad=leader_id.encode(), **kdf)
        key = LeaderKey(
            key_id=sealed.key_id,
            leader_id=leader_id,
            alg=sealed.alg,
            public_key=sealed.public_key,
            sealed=sealed.to_json(),
            created_at=self._now(),
            retired_at=None,
        )
        return self.store.enrol_leader(leader_id, name, post, pin_hash.to_json(), key, self.officer)

    def change_pin(self, leader_id: str, old_pin: str, new_pin: str) -> None:
        from hnclient.signing import SealedKey, check_new_pin, hash_pin, reseal

        check_new_pin(new_pin)  # a malformed or guessable new PIN must not cost an attempt
        session = self.sign_in(leader_id, old_pin)
        key = self._current_key(session.leader)
        kdf = {} if self._scrypt is None else {"params": self._scrypt}
        assert key.sealed is not None
        sealed = reseal(
            SealedKey.from_json(key.sealed), old_pin, new_pin, aad=leader_id.encode(), **kdf
        )
        self.store.change_leader_pin(
            leader_id, hash_pin(new_pin, **kdf).to_json(), key.key_id, sealed.to_json()
        )

    def remove_leader(self, leader_id: str) -> None:
        self.store.remove_leader(leader_id, self.officer)

    def _current_key(self, leader: Leader) -> LeaderKey:
        from hnclient.signing import KeyFileError

        key = self.store.leader_key(leader.key_id) if leader.key_id else None
        if key is None or key.sealed is None or key.leader_id != leader.id:
            raise KeyFileError("no current sealed key for this leader")
        return key

    def lockout_state(self, leader_id: str) -> Any:
        from hnclient.signing import LockoutPolicy

        return LockoutPolicy().state(self.store.pin_failures(leader_id), self._now())

    def sign_in(self, leader_id: str, pin: str) -> LeaderSession:
        """Check a leader's PIN (growing delays; 5 failures lock for 15 minutes, recorded).

        Raises :class:`~hnclient.signing.PinFormatError` (not counted),
        :class:`~hnclient.signing.LockedError`, :class:`~hnclient.signing.RetryDelayError`,
        :class:`~hnclient.signing.WrongPinError` (counted, with attempts left),
        :class:`~hnclient.storage.LeaderNotFoundError`.
        """
        from hnclient.signing import (
            LockedError,
            LockoutPolicy,
            PinHash,
            PinRecordError,
            RetryDelayError,
            WrongPinError,
            check_pin_format,
            verify_pin,
        )

        check_pin_format(pin)
        leader = self.store.get_leader(leader_id)
        if not leader.active:
            from hnclient.storage import LeaderNotFoundError

            raise LeaderNotFoundError(leader_id)
        policy = LockoutPolicy()
        now = self._now()
        state = policy.state(self.store.pin_failures(leader_id), now)
        if state.locked_until is not None:
            raise LockedError(state.locked_until, now=now)
        if state.wait_seconds > 0:
            raise RetryDelayError(state.wait_seconds)
        try:
            record = PinHash.from_json(leader.pin_hash)
        except (ValueError, PinRecordError) as error:
            raise PinRecordError("the stored PIN record is damaged") from error
        if not verify_pin(pin, record):
            after = policy.state([*self.store.pin_failures(leader_id), now], now)
            self.store.record_pin_result(leader, False, locked=after.locked)
            if after.locked_until is not None:
                raise LockedError(after.locked_until, now=now)
            raise WrongPinError(after.attempts_left)
        self.store.record_pin_result(leader, True)
        return LeaderSession(leader, now)

    # -- review: the leader's side ----------------------------------------------------------

    def _check_not_own(self, session: LeaderSession, item_id: str) -> None:
        if self.allow_self_approval:
            return
        submitters = [
            e.actor_name
            for e in self.store.audit_entries(item_id)
            if e.action == Action.SUBMIT.value
        ]
        if submitters and submitters[-1].strip() == session.leader.name.strip():
            raise ReviewRefused(
                "这条信息是您本人提交审核的，按规定不能由本人签发。请由其他分管领导审核"
                "（如县里确需本人签发，请联系县信息化技术人员在预设中开启）。",
                "You submitted this item yourself and may not approve it.",
            )

    def approve(
        self,
        session: LeaderSession,
        item_id: str,
        *,
        pin: str,
        expected_hash: str,
        opinion: str,
        signature_png: bytes,
        deputy_for: str | None = None,
    ) -> Outcome:
        """签发: PIN again, an opinion and the drawn signature; bound to ``expected_hash`` (the
        content the leader was shown). ``deputy_for``: the leader id signed for (代签)."""
        from hnclient.signing import KeyFileError, SealedKey, WrongPinError, open_sealed_key
        from hnprotocol.approval import Person, build_record

        if not signature_png:
            raise ReviewRefused("请先在签名板上手写签名。", "Draw your signature first.")
        self._check_not_own(session, item_id)
        fresh = self.sign_in(session.leader.id, pin)  # PIN again, counted like any attempt
        leader = fresh.leader
        key = self._current_key(leader)
        assert key.sealed is not None
        try:
            signer = open_sealed_key(SealedKey.from_json(key.sealed), pin, aad=leader.id.encode())
        except WrongPinError as error:  # the PIN hash matched: the key record is not intact
            raise KeyFileError("the PIN is right but the sealed key does not open") from error
        deputy = None
        if deputy_for:
            other = self.store.get_leader(deputy_for)
            if other.id == leader.id:
                deputy_for = None
            else:
                deputy = Person(other.id, other.name, other.post)
        item = self.store.get_item(item_id)
        when = self._now()
        shown = self.contact()  # as the review page printed it: signed with the rest

        def build(head: tuple[int, str]) -> tuple[dict[str, Any], bytes]:
            record = build_record(
                item_id=item.id,
                revision=item.revision,
                content_hash=expected_hash,
                signer=Person(leader.id, leader.name, leader.post),
                deputy_for=deputy,
                opinion=opinion.strip() or DEFAULT_OPINION,
                signed_at=when,
                unit=self._unit(),
                signature_png=signature_png,
                audit_head=head,
                sign=signer,
                contact=(shown.name, shown.phone),
            )
            return record, signature_png

        then = follow_up(Action.APPROVE, sending=self._sending())
        done = self.store.transition(
            item_id,
            Action.APPROVE,
            fresh.actor,
            expected_hash=expected_hash,
            detail={"opinion": opinion.strip() or DEFAULT_OPINION},
            approve=build,
            then=then,
        )
        if then is Action.QUEUE:
            return Outcome(
                item_id, done, "已签发，已加入待发送。", "Approved and queued for sending."
            )
        return Outcome(item_id, done, "已签发。", "Approved.")

    def unqueue(self, item_id: str) -> Outcome:
        """取消发送: back to 已审核 (the approval stays; queueing again sends it)."""
        done = self.store.transition(item_id, Action.UNQUEUE, self.officer)
        return Outcome(item_id, done, "已取消发送。", "Removed from the send queue.")

    def mark_notice_read(self, notice_id: str) -> None:
        """The officer has read a notice or task from the office."""
        self.store.mark_notice_read(notice_id)

    def queue(self, item_id: str) -> Outcome:
        """加入待发送 (an approved item; the store verifies its approval)."""
        done = self.store.transition(item_id, Action.QUEUE, self.officer)
        return Outcome(item_id, done, "已加入待发送。", "Queued for sending.")

    def return_for_revision(
        self,
        session: LeaderSession,
        item_id: str,
        *,
        expected_hash: str,
        comment: str,
        field_comments: dict[str, str] | None = None,
    ) -> Outcome:
        """退回修改 with comments the officer sees beside the fields."""
        comments = {k: v.strip() for k, v in (field_comments or {}).items() if v.strip()}
        if not comment.strip() and not comments:
            raise ReviewRefused(
                "退回修改时请写明需要修改的地方。", "Say what needs changing when returning."
            )
        done = self.store.transition(
            item_id,
            Action.RETURN,
            session.actor,
            expected_hash=expected_hash,
            detail={"comment": comment.strip(), "field_comments": comments},
        )
        return Outcome(item_id, done, "已退回修改。", "Returned for revision.")

    def review_view(self, item_id: str) -> ReviewView:
        """The item exactly as it will be sent: page, files with their hashes checked, what
        changed since an earlier review, the officer's notes."""
        from hnclient.review import content_changes
        from hnclient.word import render_html

        item = self.store.get_item(item_id)
        form = self.forms[item.category]
        _approval, printed = self.printed(item)
        html = render_html(
            item, form, self.attachments, mode="page", unit=printed.unit, contact=printed.contact
        )
        files = []
        refs = ([("cover", item.cover)] if item.cover else []) + [
            ("attachment", ref) for ref in item.attachments
        ]
        for role, ref in refs:
            assert ref is not None
            intact = self.attachments.has(ref.sha256) and self.attachments.verify(ref.sha256)
            files.append(AttachmentView(ref, role, item.note_for(ref.sha256), intact))
        earlier = self.last_reviewed(item_id)
        submitted_by, submitted_at = "", None
        for entry in reversed(self.store.audit_entries(item_id)):
            if entry.action == Action.SUBMIT.value:
                submitted_by, submitted_at = entry.actor_name, entry.time
                break
        return ReviewView(
            item=item,
            page_html=html,
            attachments=files,
            changes=content_changes(form, earlier, item),
            earlier_review=earlier is not None,
            notes=self.submission_notes(item_id),
            submitted_by=submitted_by,
            submitted_at=submitted_at,
            leaders=self.leaders(),
        )

    def leader_comments(self, item_id: str) -> dict[str, Any] | None:
        """The newest return's comments while the item is 退回修改 (else None):
        ``{"comment", "field_comments", "leader", "at"}``."""
        for entry in reversed(self.store.audit_entries(item_id)):
            if entry.action == Action.RETURN.value:
                return {
                    "comment": entry.detail.get("comment", ""),
                    "field_comments": entry.detail.get("field_comments") or {},
                    "leader": entry.actor_name,
                    "at": entry.time,
                }
            if entry.action in (Action.SUBMIT.value, Action.APPROVE.value):
                return None
        return None

    def submission_notes(self, item_id: str) -> list[dict[str, Any]]:
        """What the officer wrote about screening findings in the newest submission."""
        for entry in reversed(self.store.audit_entries(item_id)):
            if entry.action == Action.SUBMIT.value:
                notes = entry.detail.get("screening") or []
                return [n for n in notes if isinstance(n, dict)]
        return []

    def last_reviewed(self, item_id: str) -> Item | None:
        """The content a leader last looked at (returned or approved), for the diff."""
        for entry in reversed(self.store.audit_entries(item_id)):
            if entry.action in (Action.RETURN.value, Action.APPROVE.value) and entry.revision:
                try:
                    return self.store.get_revision(item_id, entry.revision)
                except Exception:  # noqa: BLE001 - history folded or purged: no diff then
                    return None
        return None


def sign_off_block(approval: StoredApproval) -> Any:
    """The Word document's 签发 block of a verified approval."""
    from hnclient.printed import sign_off_of

    return sign_off_of(approval.record, approval.signature_png, approval.content_hash)
