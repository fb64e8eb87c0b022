"""审核记录: every step of one item — who did what and when — from the hash-chained audit trail,
and each approval with whether it still holds."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hnclient.audit import AuditEntry
from hnclient.items import ItemState
from hnclient.lifecycle import Action, Actor
from hnclient.storage import StoredApproval
from hnclient.ui.formatting import local_datetime
from hnclient.ui.i18n import pick

_EXTRA_ACTIONS = {
    "create": ("新建", "Created"),
    "duplicate": ("复制新建", "Created as a copy"),
    "enrol_leader": ("登记审核领导", "Leader enrolled"),
    "reenrol_leader": ("重新登记审核领导", "Leader re-enrolled"),
    "remove_leader": ("删除审核领导", "Leader removed"),
    "change_pin": ("修改 PIN", "PIN changed"),
    "pin_failure": ("PIN 输入错误", "Wrong PIN"),
    "pin_locked": ("PIN 错误过多，已锁定", "Locked after wrong PINs"),
}


def action_text(action: str) -> str:
    if action in _EXTRA_ACTIONS:
        return pick(*_EXTRA_ACTIONS[action])
    try:
        return pick(Action(action).label_zh, Action(action).value)
    except ValueError:
        return action


def entry_details(entry: AuditEntry) -> str:
    detail = entry.detail
    parts = []
    if entry.from_state and entry.to_state and entry.from_state != entry.to_state:
        parts.append(
            f"{pick(ItemState(entry.from_state).label_zh, ItemState(entry.from_state).label_en)}"
            f" → {pick(ItemState(entry.to_state).label_zh, ItemState(entry.to_state).label_en)}"
        )
    if detail.get("opinion"):
        parts.append(pick(f"签发意见：{detail['opinion']}", f"Opinion: {detail['opinion']}"))
    if detail.get("comment"):
        parts.append(pick(f"意见：{detail['comment']}", f"Comment: {detail['comment']}"))
    if detail.get("voids") == "approval":
        parts.append(pick("原签发已失效", "the approval became void"))
    if detail.get("voids") == "review_request":
        parts.append(pick("撤回了审核申请", "the review request was withdrawn"))
    if entry.revision:
        parts.append(pick(f"第 {entry.revision} 版", f"version {entry.revision}"))
    return "；".join(parts)


class AuditDialog(QDialog):
    def __init__(
        self,
        title: str,
        entries: list[AuditEntry],
        approvals: list[StoredApproval],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review record of “%1”").replace("%1", title))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(entries), 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Who"), self.tr("Step"), self.tr("Details")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, entry in enumerate(entries):
            who = entry.actor_name
            try:
                role = Actor(entry.actor)
            except ValueError:
                role = None
            if role is not None and role is not Actor.OFFICER and role.label_zh != who:
                who = f"{who}（{role.label_zh}）"
            cells = [local_datetime(entry.time), who, action_text(entry.action)]
            cells.append(entry_details(entry))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        lines = []
        for approval in approvals:
            signer = (approval.record.get("signer") or {}).get("name", "")
            when = local_datetime(approval.created_at)
            if approval.valid:
                lines.append(
                    pick(
                        f"✔ {signer} 于 {when} 签发第 {approval.revision} 版，现在有效。",
                        f"✔ {signer} signed version {approval.revision} at {when}; valid.",
                    )
                )
            else:
                lines.append(
                    pick(
                        f"✘ {signer} 于 {when} 签发第 {approval.revision} 版，"
                        f"已于 {local_datetime(approval.void_at)} 失效（内容被修改）。",
                        f"✘ {signer} signed version {approval.revision} at {when}; void since "
                        f"{local_datetime(approval.void_at)} (content changed).",
                    )
                )
        self.approvals = QLabel(
            "\n".join(lines) or self.tr("No sign-off yet."),
            self,
        )
        self.approvals.setWordWrap(True)
        layout.addWidget(self.approvals)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
