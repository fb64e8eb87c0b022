"""Several kills in a row: the officer is still told what was recovered from the first one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from hnclient.ui.app import ClientContext

CHILD = textwrap.dedent(
    """
    import sys, time
    from hnclient.ui.app import ClientContext, build_window

    context = ClientContext.open()
    if sys.argv[1] == "edit":
        item = context.store.create_item(
            "other", 1, edit_session=context.session.session_id, title="断电前的稿件"
        )
        print("ITEM", item.id, flush=True)
    else:
        print("OPENED", ",".join(context.recovered_ids), flush=True)
    time.sleep(120)
    """
)


def run_and_kill(mode: str) -> str:
    """Start the client core in a child, wait for its line, then kill -9 it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(30)
    return line


def test_recovered_items_are_still_reported_after_a_second_kill(hnclient_home: Path) -> None:
    line = run_and_kill("edit")
    assert line.startswith("ITEM")
    item_id = line.split()[1]
    # The next run is killed too, before the officer saw the window (power cut again).
    line = run_and_kill("open")
    assert line.startswith("OPENED") and item_id in line
    line = run_and_kill("open")
    assert item_id in line, "the third run no longer knows what the first one recovered"
    context = ClientContext.open()
    try:
        assert context.recovered_ids == [item_id]
    finally:
        context.close()
    clean = ClientContext.open()  # after a clean exit there is nothing to report
    try:
        assert clean.recovered_ids == []
    finally:
        clean.close()


ADD_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from hnclient.attachments import AttachmentStore
    from hnclient.paths import app_paths

    AttachmentStore(app_paths().attachments).add(Path(sys.argv[1]), kind="wmv")
    """
)


def test_copies_cut_off_by_a_kill_do_not_fill_the_disk(hnclient_home: Path, tmp_path: Path) -> None:
    from hnclient.paths import app_paths

    root = app_paths().attachments
    video = tmp_path / "会议视频.wmv"
    with video.open("wb") as handle:
        handle.truncate(512 * 1024 * 1024)  # sparse: long to copy, cheap to make
    child = subprocess.Popen([sys.executable, "-c", ADD_CHILD, str(video)])
    try:
        for _ in range(2000):  # until the copy has started (bounded)
            if list(root.glob(".incoming-*")) or child.poll() is not None:
                break
            try:
                child.wait(0.01)
            except subprocess.TimeoutExpired:
                pass
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(30)
    leftovers = list(root.glob(".incoming-*"))
    assert leftovers, "the copy finished before the kill; nothing to test"
    day_ago = leftovers[0].stat().st_mtime - 2 * 24 * 3600
    os.utime(leftovers[0], (day_ago, day_ago))
    in_progress = root / ".incoming-another-process"
    in_progress.write_bytes(b"still being written")
    context = ClientContext.open()
    context.close()
    assert not leftovers[0].exists()
    assert in_progress.exists()  # young: may belong to a copy that is still running
