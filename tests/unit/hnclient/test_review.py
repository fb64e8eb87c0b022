"""What changed since the earlier review, as the leader's list shows it."""

from __future__ import annotations

from hnclient.forms import load_forms
from hnclient.items import Item
from hnclient.review import content_changes

FORM = load_forms()["other"]
TITLE = "海南藏族自治州人民政府办公室关于印发冬春救助工作方案的通知"


def test_a_moved_title_break_is_listed_as_a_change() -> None:
    """The break is signed content: when only it moves, the approval is void, so the leader
    must see why (the title itself reads the same)."""
    before = Item(id="0" * 32, category="other", form_version=1, title=TITLE)
    after = before.with_changes(title_breaks=(TITLE.index("关于"),))
    assert after.content_hash() != before.content_hash()
    changes = content_changes(FORM, before, after)
    assert [(c.label_zh, c.before, c.after) for c in changes] == [
        ("“标题换行”", "", "海南藏族自治州人民政府办公室 ／ 关于印发冬春救助工作方案的通知")
    ]
    assert content_changes(FORM, after, after) == []
    removed = content_changes(FORM, after, before)
    assert [(c.label_zh, c.after) for c in removed] == [("“标题换行”", "")]
