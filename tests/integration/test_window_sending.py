"""The whole loop in the window, as `make run` shows it to a new user: demo sending on this PC
starts the reference endpoint on loopback, an item with a photo and a video is signed off by
the demo leader, sent (已报送), adopted by the "office" with the admin API, and the window
shows 已采用 — all over real HTTP."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hnclient.attaching import add_file
from hnclient.context import ClientContext
from hnclient.demo import DEMO_LEADER, DEMO_PIN
from hnclient.items import ItemState
from hnclient.ui.app import build_window
from hnclient.ui.sending_start import start_sending
from tests.signoff_support import signature_png

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "checks"


@pytest.mark.slow
def test_demo_loop_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    context = ClientContext.open()
    context.settings.officer = "张三"
    context.settings.demo_sending = "on"
    window = build_window(context)
    qtbot.addWidget(window)
    window.show()
    session = start_sending(window, context)
    try:
        assert session is not None and session.demo is not None
        assert window.sending is not None and window.sending_menu is not None
        service = context.service
        leader = next(x for x in service.leaders() if x.name == DEMO_LEADER[0])

        from PIL import Image

        photo = tmp_path / "现场照片.jpg"
        Image.new("RGB", (320, 240), (90, 140, 60)).save(photo, "JPEG", quality=90)
        video = Path(shutil.copy(SAMPLES / "sample.wmv", tmp_path / "会议视频.wmv"))
        refs = []
        notes = {}
        for path in (photo, video):
            added = add_file(context.attachments, path)
            assert added.reference is not None, added.verdict.message
            refs.append(added.reference)
            notes[added.reference.sha256] = added.note
        item = window.create_item("other")
        assert item is not None
        service.save(
            item.with_changes(
                title="共和县召开冬季草原防火工作会议",
                event_date=date.today(),
                values={"content_type": "news", "body": "会议部署防火工作。", "source": "县政府办"},
                attachments=tuple(refs),
                notes=notes,
            ),
            reason="manual",
        )
        from hnclient.service import SubmitRequest

        service.submit(item.id, SubmitRequest(public_confirmed=True))
        session_leader = service.sign_in(leader.id, DEMO_PIN)
        current = context.store.get_item(item.id)
        outcome = service.approve(
            session_leader,
            item.id,
            pin=DEMO_PIN,
            expected_hash=current.content_hash(),
            opinion="同意",
            signature_png=signature_png(),
        )
        assert outcome.item is not None and outcome.item.state is ItemState.QUEUED
        session.sender.wake()
        qtbot.waitUntil(
            lambda: context.store.get_item(item.id).state is ItemState.SENT, timeout=60_000
        )
        window.open_item(item.id)
        entry = context.store.outbox_entry(item.id)
        assert entry is not None and entry.office_status == "received"
        # The office received exactly these bytes.
        files = session.demo.admin.files(item.id, current.revision)
        assert sorted(p.read_bytes() for p in files.values()) == sorted(
            p.read_bytes() for p in (photo, video)
        )
        # The office adopts it; the window learns it from the status feed.
        session.demo.admin.adopt(item.id, current.revision)
        session.sender.wake()
        qtbot.waitUntil(
            lambda: context.store.get_item(item.id).state is ItemState.ADOPTED, timeout=60_000
        )
        row = window.model.row_of(item.id)
        assert row is not None

        def listed_as_adopted() -> bool:
            summary = window.model.summary_at(row)
            return summary is not None and summary.state is ItemState.ADOPTED

        qtbot.waitUntil(listed_as_adopted, timeout=10_000)
        # A task from the office arrives by the notices feed and is shown, then read.
        session.demo.admin.add_task("本周报送提醒", "本周请至少报送3条信息。", date(2026, 12, 6))
        session.sender.wake()
        qtbot.waitUntil(lambda: bool(context.store.notices()), timeout=60_000)
        from hnclient.ui.notices_dialog import NoticesDialog

        dialog = NoticesDialog(service, window)
        assert "本周报送提醒" in dialog.list.item(0).text()
        assert "2026-12-06" in dialog.body.toPlainText()
        assert context.store.notices(unread_only=True) == []
        dialog.close()
    finally:
        session_stop = session.stop if session is not None else None
        window.close()
        if session_stop is not None:
            session_stop()
        context.close()


@pytest.mark.slow
def test_a_pause_is_kept_across_restarts(qtbot: QtBot) -> None:
    """The officer pauses sending and closes the program: the next start is still paused."""
    context = ClientContext.open()
    context.settings.demo_sending = "on"
    window = build_window(context)
    qtbot.addWidget(window)
    session = start_sending(window, context)
    assert session is not None and window.sending is not None
    try:
        window.sending.bar.pause_button.click()
        assert session.sender.control.paused
    finally:
        session.stop()
        window.close()
        context.close()

    context = ClientContext.open()
    assert context.settings.sending_paused == "yes"
    window = build_window(context)
    qtbot.addWidget(window)
    session = start_sending(window, context)
    assert session is not None and window.sending is not None
    try:
        assert session.sender.control.paused
        assert window.sending.bar.pause_button.isChecked()
        window.sending.bar.pause_button.click()  # 继续
        assert not session.sender.control.paused
        assert context.settings.sending_paused == ""
    finally:
        session.stop()
        window.close()
        context.close()


@pytest.mark.slow
def test_queueing_is_the_officers_act_not_the_leaders(qtbot: QtBot, tmp_path: Path) -> None:
    """A trial found 加入待发送 recorded under the officer's name while a leader was acting in
    the window: the action is the officer's, so it is offered only to the officer."""
    from hnclient.service import SubmitRequest

    context = ClientContext.open()
    context.settings.officer = "才让措"
    context.settings.demo_sending = "on"
    window = build_window(context)
    qtbot.addWidget(window)
    session = start_sending(window, context)
    assert session is not None and window.sending is not None
    try:
        service = context.service
        leader = next(x for x in service.leaders() if x.name == DEMO_LEADER[0])
        item = window.create_item("other")
        assert item is not None
        service.save(
            item.with_changes(
                title="共和县召开冬季草原防火工作会议",
                event_date=date.today(),
                values={"content_type": "news", "body": "会议部署防火工作。", "source": "县政府办"},
            ),
            reason="manual",
        )
        service.submit(item.id, SubmitRequest(public_confirmed=True))
        acting = service.sign_in(leader.id, DEMO_PIN)
        current = context.store.get_item(item.id)
        service.approve(
            acting,
            item.id,
            pin=DEMO_PIN,
            expected_hash=current.content_hash(),
            opinion="同意",
            signature_png=signature_png(),
        )
        session.sender.pause()  # keep it here while the test looks at the actions
        service.unqueue(item.id)
        window.open_item(item.id)
        assert window.sending.queue_action.isEnabled()  # the officer may queue it again
        window.leader_session = acting
        window.open_item(item.id)
        window.sending.update_actions()
        assert not window.sending.queue_action.isEnabled()
        assert not window.sending.unqueue_action.isEnabled()
        window.leader_session = None
        window.sending.update_actions()
        assert window.sending.queue_action.isEnabled()
    finally:
        session.stop()
        window.close()
        context.close()
