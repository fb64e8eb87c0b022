"""The life cycle table: every allowed move, every refused one, the state sets, edits."""

from __future__ import annotations

import itertools
import re

import pytest

from hnclient import lifecycle
from hnclient.items import ItemState
from hnclient.lifecycle import (
    APPROVED_STATES,
    DELIVERED,
    EDITABLE,
    MOVES,
    UNSENT,
    Action,
    Actor,
    ActorRef,
    TransitionError,
    Voids,
)

S = ItemState
_CJK = re.compile(r"[\u4e00-\u9fff]")
ALLOWED = {(m.source, m.action, actor): m for m in MOVES for actor in m.actors}
EVERY = list(itertools.product(ItemState, Action, Actor))


def test_the_table_has_one_move_per_state_and_action() -> None:
    keys = [(m.source, m.action) for m in MOVES]
    assert len(keys) == len(set(keys))
    assert all(m.actors for m in MOVES)


@pytest.mark.parametrize(
    ("source", "action", "actor"), sorted(ALLOWED), ids=lambda v: getattr(v, "value", v)
)
def test_every_move_in_the_table_is_allowed_for_its_actors(
    source: ItemState, action: Action, actor: Actor
) -> None:
    found = lifecycle.move(source, action, actor)
    assert found is ALLOWED[(source, action, actor)]
    assert lifecycle.allowed(source, action, actor)


def test_every_other_state_action_actor_is_refused_with_a_chinese_message() -> None:
    refused = [key for key in EVERY if key not in ALLOWED]
    assert len(refused) == len(EVERY) - len(ALLOWED) > 300
    for state, action, actor in refused:
        assert not lifecycle.allowed(state, action, actor)
        with pytest.raises(TransitionError) as caught:
            lifecycle.move(state, action, actor)
        error = caught.value
        assert (error.state, error.action, error.actor) == (state, action, actor)
        zh = error.message_zh()
        assert _CJK.search(zh), zh
        assert state.label_zh in zh and action.label_zh in zh and actor.label_zh in zh
        assert state.label_en in error.message_en()


def test_moves_accept_plain_strings_as_stored_in_the_database() -> None:
    assert lifecycle.move("approved", "queue", "sender").target is S.QUEUED  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        lifecycle.move("nonsense", "queue", "sender")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "action", "actors", "target"),
    [
        (S.DRAFT, Action.SUBMIT, {Actor.OFFICER}, S.AWAITING_REVIEW),
        (S.RETURNED_BY_LEADER, Action.SUBMIT, {Actor.OFFICER}, S.AWAITING_REVIEW),
        (S.RETURNED_BY_OFFICE, Action.SUBMIT, {Actor.OFFICER}, S.AWAITING_REVIEW),
        (S.AWAITING_REVIEW, Action.WITHDRAW, {Actor.OFFICER}, S.DRAFT),
        (S.AWAITING_REVIEW, Action.APPROVE, {Actor.LEADER}, S.APPROVED),
        (S.AWAITING_REVIEW, Action.RETURN, {Actor.LEADER}, S.RETURNED_BY_LEADER),
        (S.APPROVED, Action.QUEUE, {Actor.OFFICER, Actor.LEADER, Actor.SENDER}, S.QUEUED),
        (S.QUEUED, Action.UNQUEUE, {Actor.OFFICER}, S.APPROVED),
        (S.QUEUED, Action.DELIVER, {Actor.SENDER}, S.SENT),
        (S.SENT, Action.ADOPT, {Actor.OFFICE}, S.ADOPTED),
        (S.SENT, Action.PUBLISH, {Actor.OFFICE}, S.PUBLISHED),
        (S.ADOPTED, Action.PUBLISH, {Actor.OFFICE}, S.PUBLISHED),
        (S.SENT, Action.OFFICE_RETURN, {Actor.OFFICE}, S.RETURNED_BY_OFFICE),
        (S.ADOPTED, Action.OFFICE_RETURN, {Actor.OFFICE}, S.RETURNED_BY_OFFICE),
    ],
)
def test_the_documented_moves(
    source: ItemState, action: Action, actors: set[Actor], target: ItemState
) -> None:
    for actor in Actor:
        if actor in actors:
            assert lifecycle.move(source, action, actor).target is target
        else:
            with pytest.raises(TransitionError):
                lifecycle.move(source, action, actor)


def test_only_a_leader_approves_and_nothing_reaches_approved_any_other_way() -> None:
    into_approved = [m for m in MOVES if m.target is S.APPROVED]
    assert {(m.source, m.action) for m in into_approved} == {
        (S.AWAITING_REVIEW, Action.APPROVE),
        (S.QUEUED, Action.UNQUEUE),
    }
    assert lifecycle.move(S.AWAITING_REVIEW, Action.APPROVE, Actor.LEADER).actors == {Actor.LEADER}


def test_moves_out_of_an_approval_need_a_valid_one() -> None:
    needing = {(m.source, m.action) for m in MOVES if m.needs_approval}
    assert needing == {(S.APPROVED, Action.QUEUE), (S.QUEUED, Action.DELIVER)}
    into_queue = [m for m in MOVES if m.target is S.QUEUED]
    assert into_queue and all(m.needs_approval for m in into_queue)


def test_unsent_and_delivered_split_every_state() -> None:
    assert UNSENT | DELIVERED == frozenset(ItemState)
    assert not UNSENT & DELIVERED
    assert DELIVERED == {S.SENT, S.ADOPTED, S.PUBLISHED, S.RETURNED_BY_OFFICE}
    assert {S.APPROVED, S.QUEUED} <= APPROVED_STATES
    assert not APPROVED_STATES & {S.DRAFT, S.AWAITING_REVIEW, S.RETURNED_BY_LEADER}


def test_editable_is_what_the_table_says() -> None:
    from_table = {m.source for m in MOVES if m.action is Action.EDIT}
    assert (
        EDITABLE
        == from_table
        == {
            S.DRAFT,
            S.RETURNED_BY_LEADER,
            S.AWAITING_REVIEW,
            S.APPROVED,
            S.RETURNED_BY_OFFICE,
        }
    )
    for state in ItemState:
        assert lifecycle.is_editable(state) is (state in EDITABLE) is state.editable
    assert not EDITABLE & {S.QUEUED, S.SENT, S.ADOPTED, S.PUBLISHED}


@pytest.mark.parametrize(
    ("state", "target", "voids"),
    [
        (S.DRAFT, S.DRAFT, Voids.NOTHING),
        (S.RETURNED_BY_LEADER, S.RETURNED_BY_LEADER, Voids.NOTHING),
        (S.AWAITING_REVIEW, S.DRAFT, Voids.REVIEW_REQUEST),
        (S.APPROVED, S.DRAFT, Voids.APPROVAL),
        # The office returned delivered, approved content: a change starts the next
        # revision, and the approval of the content it had no longer holds.
        (S.RETURNED_BY_OFFICE, S.DRAFT, Voids.APPROVAL),
    ],
)
def test_after_edit(state: ItemState, target: ItemState, voids: Voids) -> None:
    edit = lifecycle.after_edit(state)
    assert (edit.target, edit.voids) == (target, voids)


@pytest.mark.parametrize("state", [S.QUEUED, S.SENT, S.ADOPTED, S.PUBLISHED])
def test_queued_and_delivered_content_is_never_edited(state: ItemState) -> None:
    with pytest.raises(TransitionError) as caught:
        lifecycle.after_edit(state)
    assert "修改内容" in caught.value.message_zh()


def test_only_the_officer_edits() -> None:
    for state in EDITABLE:
        for actor in set(Actor) - {Actor.OFFICER}:
            assert not lifecycle.allowed(state, Action.EDIT, actor)


def test_actions_for_excludes_edits_and_keeps_table_order() -> None:
    assert lifecycle.actions_for(S.AWAITING_REVIEW, Actor.LEADER) == [
        Action.APPROVE,
        Action.RETURN,
    ]
    assert lifecycle.actions_for(S.AWAITING_REVIEW, Actor.OFFICER) == [Action.WITHDRAW]
    assert lifecycle.actions_for(S.SENT, Actor.OFFICE) == [
        Action.ADOPT,
        Action.PUBLISH,
        Action.OFFICE_RETURN,
    ]
    assert lifecycle.actions_for(S.PUBLISHED, Actor.OFFICE) == []
    for state, actor in itertools.product(ItemState, Actor):
        assert Action.EDIT not in lifecycle.actions_for(state, actor)


def test_labels_are_chinese() -> None:
    for action in Action:
        assert _CJK.search(action.label_zh)
    for actor in Actor:
        assert _CJK.search(actor.label_zh)
    officer = ActorRef.officer()
    assert (officer.kind, officer.id, officer.name) == (Actor.OFFICER, "officer", "信息报送员")
    assert ActorRef.officer("张三").name == "张三"
