"""The item life cycle: the one place that says which state may move where, who may move it,
and what a move voids (domain.md, "Item life cycle"; notice 四(二), 五(二)).

Nothing else decides a state. :meth:`hnclient.storage.Store.transition` asks :func:`move` and
writes the new state, the audit entry and the pinned revision in one transaction; a content
change asks :func:`after_edit`. The states themselves are :class:`hnclient.items.ItemState`.

Moves (state, action) → new state, with the actors allowed to make them::

    draft / returned_by_leader / returned_by_office --submit (officer)--> awaiting_review
    awaiting_review --withdraw (officer)--> draft
    awaiting_review --approve (leader)--> approved
    awaiting_review --return (leader)--> returned_by_leader
    approved --queue (officer, leader, sender)--> queued      needs a valid approval
    queued --unqueue (officer)--> approved
    queued --deliver (sender)--> sent                         needs the office's receipt
    sent --adopt (office)--> adopted
    sent / adopted --publish (office)--> published
    sent / adopted --office_return (office)--> returned_by_office

A content change (``edit``) is allowed in :data:`EDITABLE`; from ``awaiting_review`` it
withdraws the request for review, from ``approved`` it voids the approval, from
``returned_by_office`` it starts the next revision as a draft. Queued and delivered content is
never changed in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hnclient.errors import OfficerError
from hnclient.items import ItemState


class Actor(StrEnum):
    """Who makes a move."""

    OFFICER = "officer"  # 信息报送员
    LEADER = "leader"  # 分管领导 (signed in with the PIN)
    SENDER = "sender"  # the client's background sender
    OFFICE = "office"  # 州政府办公室, through the submission endpoint

    @property
    def label_zh(self) -> str:
        return {"officer": "信息报送员", "leader": "审核领导", "sender": "发送程序",
                "office": "州政府办公室"}[self.value]  # fmt: skip


class Action(StrEnum):
    SUBMIT = "submit"  # 提交审核
    WITHDRAW = "withdraw"  # 撤回审核
    APPROVE = "approve"  # 签发
    RETURN = "return"  # 退回修改
    QUEUE = "queue"  # 加入待发送
    UNQUEUE = "unqueue"  # 取消发送
    DELIVER = "deliver"  # 已报送 (receipt)
    ADOPT = "adopt"  # 已采用
    PUBLISH = "publish"  # 已发布
    OFFICE_RETURN = "office_return"  # 被退回
    EDIT = "edit"  # a content change

    @property
    def label_zh(self) -> str:
        return _ACTION_LABELS_ZH[self]


_ACTION_LABELS_ZH = {
    Action.SUBMIT: "提交审核",
    Action.WITHDRAW: "撤回审核",
    Action.APPROVE: "签发",
    Action.RETURN: "退回修改",
    Action.QUEUE: "加入待发送",
    Action.UNQUEUE: "取消发送",
    Action.DELIVER: "已报送",
    Action.ADOPT: "已采用",
    Action.PUBLISH: "已发布",
    Action.OFFICE_RETURN: "被州政府办公室退回",
    Action.EDIT: "修改内容",
}


class Voids(StrEnum):
    """What a move makes invalid (kept in history, never deleted)."""

    NOTHING = ""
    REVIEW_REQUEST = "review_request"
    APPROVAL = "approval"


@dataclass(frozen=True)
class Move:
    source: ItemState
    action: Action
    target: ItemState
    actors: frozenset[Actor]
    voids: Voids = Voids.NOTHING
    #: The move needs a valid approval of the current content (checked by the store).
    needs_approval: bool = False


S, A = ItemState, Action
_O, _L, _SND, _OFF = Actor.OFFICER, Actor.LEADER, Actor.SENDER, Actor.OFFICE


def _m(
    source: ItemState,
    action: Action,
    target: ItemState,
    *actors: Actor,
    voids: Voids = Voids.NOTHING,
    needs_approval: bool = False,
) -> Move:
    return Move(source, action, target, frozenset(actors), voids, needs_approval)


MOVES: tuple[Move, ...] = (
    _m(S.DRAFT, A.SUBMIT, S.AWAITING_REVIEW, _O),
    _m(S.RETURNED_BY_LEADER, A.SUBMIT, S.AWAITING_REVIEW, _O),
    _m(S.RETURNED_BY_OFFICE, A.SUBMIT, S.AWAITING_REVIEW, _O),
    _m(S.AWAITING_REVIEW, A.WITHDRAW, S.DRAFT, _O, voids=Voids.REVIEW_REQUEST),
    _m(S.AWAITING_REVIEW, A.APPROVE, S.APPROVED, _L),
    _m(S.AWAITING_REVIEW, A.RETURN, S.RETURNED_BY_LEADER, _L, voids=Voids.REVIEW_REQUEST),
    _m(S.APPROVED, A.QUEUE, S.QUEUED, _O, _L, _SND, needs_approval=True),
    _m(S.QUEUED, A.UNQUEUE, S.APPROVED, _O),
    _m(S.QUEUED, A.DELIVER, S.SENT, _SND, needs_approval=True),
    _m(S.SENT, A.ADOPT, S.ADOPTED, _OFF),
    _m(S.SENT, A.PUBLISH, S.PUBLISHED, _OFF),
    _m(S.ADOPTED, A.PUBLISH, S.PUBLISHED, _OFF),
    _m(S.SENT, A.OFFICE_RETURN, S.RETURNED_BY_OFFICE, _OFF),
    _m(S.ADOPTED, A.OFFICE_RETURN, S.RETURNED_BY_OFFICE, _OFF),
    # Content changes: what an edit does to the state.
    _m(S.DRAFT, A.EDIT, S.DRAFT, _O),
    _m(S.RETURNED_BY_LEADER, A.EDIT, S.RETURNED_BY_LEADER, _O),
    _m(S.AWAITING_REVIEW, A.EDIT, S.DRAFT, _O, voids=Voids.REVIEW_REQUEST),
    _m(S.APPROVED, A.EDIT, S.DRAFT, _O, voids=Voids.APPROVAL),
    # Delivered content carried an approval: changing it starts a new revision without one.
    _m(S.RETURNED_BY_OFFICE, A.EDIT, S.DRAFT, _O, voids=Voids.APPROVAL),
)
_BY_KEY = {(m.source, m.action): m for m in MOVES}

#: Not yet delivered to the office: the officer's work in progress.
UNSENT: frozenset[ItemState] = frozenset(
    {S.DRAFT, S.AWAITING_REVIEW, S.RETURNED_BY_LEADER, S.APPROVED, S.QUEUED}
)
#: The office holds a receipt for it (roadmap: the weekly quota counts these).
DELIVERED: frozenset[ItemState] = frozenset({S.SENT, S.ADOPTED, S.PUBLISHED, S.RETURNED_BY_OFFICE})
#: States whose content the officer may change.
EDITABLE: frozenset[ItemState] = frozenset(m.source for m in MOVES if m.action is A.EDIT)
#: States in which an item carries a valid approval of its current content.
APPROVED_STATES: frozenset[ItemState] = frozenset({S.APPROVED, S.QUEUED}) | DELIVERED


class TransitionError(OfficerError):
    """A move the life cycle does not allow; the messages say what to do instead."""

    def __init__(self, state: ItemState, action: Action, actor: Actor, reason: str = "") -> None:
        self.state, self.action, self.actor = state, action, actor
        zh = reason or (
            f"这条信息现在是“{state.label_zh}”状态，{actor.label_zh}不能对它“{action.label_zh}”。"
            "请刷新列表，查看这条信息的最新状态。"
        )
        en = (
            f"An item in state “{state.label_en}” cannot be moved by “{action.value}” "
            f"({actor.value}). Refresh the list to see its current state."
        )
        super().__init__(zh, en)


def move(state: ItemState, action: Action, actor: Actor) -> Move:
    """The allowed move, or :class:`TransitionError`."""
    found = _BY_KEY.get((ItemState(state), Action(action)))
    if found is None or actor not in found.actors:
        raise TransitionError(ItemState(state), Action(action), Actor(actor))
    return found


#: Moves that, with sending configured, bring another move by the same actor in the same
#: transaction: approving queues the item (issue 7: approving and queueing are one act, so
#: an approved item never waits for someone to remember to send it). Queueing still needs
#: the valid approval the store verifies.
FOLLOW_UPS: dict[Action, Action] = {Action.APPROVE: Action.QUEUE}


def follow_up(action: Action, *, sending: bool) -> Action | None:
    """The move that follows ``action`` in the same transaction, if any."""
    return FOLLOW_UPS.get(Action(action)) if sending else None


#: What the office's status feed (docs/protocol.md §5) asks of an item, by status.
OFFICE_STATUS_ACTIONS: dict[str, Action] = {
    "adopted": Action.ADOPT,
    "published": Action.PUBLISH,
    "returned": Action.OFFICE_RETURN,
}


def allowed(state: ItemState, action: Action, actor: Actor) -> bool:
    found = _BY_KEY.get((ItemState(state), Action(action)))
    return found is not None and actor in found.actors


def after_edit(state: ItemState) -> Move:
    """What a content change does in ``state`` (the officer is the only one who edits)."""
    return move(state, Action.EDIT, Actor.OFFICER)


def is_editable(state: ItemState) -> bool:
    return ItemState(state) in EDITABLE


def actions_for(state: ItemState, actor: Actor) -> list[Action]:
    """Moves ``actor`` may make from ``state`` (edits excluded), in table order."""
    return [
        m.action
        for m in MOVES
        if m.source is ItemState(state) and actor in m.actors and m.action is not A.EDIT
    ]


@dataclass(frozen=True)
class ActorRef:
    """Who is acting, as the audit trail names them: a kind, a stable id and a display name.

    The officer is the PC's user (``id`` "officer", name from the settings); a leader is
    named by their enrolment id; the sender and the office by their own names.
    """

    kind: Actor
    id: str
    name: str

    @classmethod
    def officer(cls, name: str = "") -> ActorRef:
        return cls(Actor.OFFICER, "officer", name or "信息报送员")


SENDER = ActorRef(Actor.SENDER, "sender", "发送程序")
OFFICE = ActorRef(Actor.OFFICE, "office", "州政府办公室")
