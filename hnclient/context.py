"""The client context: paths, settings, preset, forms, store, attachments and the service —
opened the same way by the window, the command line and (later) a background sender. Qt-free.

Every failure on the way is an :class:`~hnclient.errors.OfficerError` with Chinese and
English texts; the window and the CLI decide how to show them. Problems that do not stop the
start (a broken preset, a damaged database moved aside) are collected in ``notices``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hnclient.attachments import AttachmentStore
from hnclient.errors import OfficerError
from hnclient.forms import FormDef, FormDefinitionError, load_forms
from hnclient.items import Item
from hnclient.logs import configure_logging
from hnclient.paths import AppPaths, DataDirError, app_paths
from hnclient.preset import ImportPlan, Preset, load_preset_reporting
from hnclient.recovery import Session
from hnclient.settings import Settings
from hnclient.storage import ReadOnlyStoreError, Store, StoreError
from hnclient.storage.database import can_write

if TYPE_CHECKING:
    from hnclient.service import ItemService

log = logging.getLogger(__name__)

Notice = tuple[str, str]  # (Chinese, English)


class StartupError(OfficerError):
    """The client cannot start; the messages say why and what to do."""


def _readable_data(paths: AppPaths, error: DataDirError) -> bool:
    """The data folder (only it) cannot be written, but there is a database to read."""
    return (
        error.path == paths.data and paths.database.is_file() and os.access(paths.database, os.R_OK)
    )


@dataclass
class ClientContext:
    """The opened parts of one run of the client (window or command)."""

    paths: AppPaths
    settings: Settings
    store: Store
    forms: dict[str, FormDef]
    attachments: AttachmentStore
    session: Session | None = None
    preset: Preset = field(default_factory=Preset)
    recovered_ids: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    verified: bool = True
    #: A sender is running in this process (the county's endpoint or the demo one).
    sending_active: bool = False
    _service: ItemService | None = None

    @classmethod
    def open(cls, paths: AppPaths | None = None, *, interactive: bool = True) -> ClientContext:
        """Open everything. ``interactive`` (the window) also starts a crash-recovery session
        and may defer the database page check; a command checks only when in doubt."""
        paths = paths or app_paths()
        read_only = False
        try:
            paths.ensure()
        except DataDirError as error:
            if not _readable_data(paths, error):
                raise StartupError(error.message_zh(), error.message_en()) from error
            # Drafts are still there to read: open them read-only and say so.
            read_only = True
            try:
                paths.ensure(data=False)
            except DataDirError as other:
                raise StartupError(other.message_zh(), other.message_en()) from other
        if not read_only and paths.database.exists() and not can_write(paths.database):
            read_only = True
        configure_logging(paths.logs)
        settings = Settings.load(paths.config / "settings.json")
        notices: list[Notice] = []
        preset, problems = load_preset_reporting()
        notices += [(error.message_zh(), error.message_en()) for error in problems]
        try:
            forms = load_forms()
        except FormDefinitionError as error:
            raise StartupError(
                f"程序自带的表单定义有误，无法启动：{error}。请联系本县信息化技术人员重新安装程序。",
                f"A form definition shipped with the program is broken: {error}. "
                "Please ask your IT staff to reinstall the program.",
            ) from error
        # The full page check costs ~5 ms per 1,000 items: at start only when there is reason
        # to doubt the file (the last run was killed, or a background check found damage);
        # otherwise the window runs it in the background once it is up (check_integrity).
        suspect = paths.integrity_flag.exists()
        verify = suspect or Session.previous_run_unclean(paths.session_marker)
        try:
            store = Store.open(paths.database, verify=verify, read_only=read_only)
        except StoreError as error:
            raise StartupError(error.message_zh(), error.message_en()) from error
        if read_only:
            log.warning("data folder %s cannot be written: opened read-only", paths.data)
            denied = ReadOnlyStoreError(str(paths.data))
            notices.append((denied.message_zh(), denied.message_en()))
        if verify and suspect and not read_only:
            paths.integrity_flag.unlink(missing_ok=True)
        if store.recovered_from_corruption is not None:
            moved = store.recovered_from_corruption
            notices.append(
                (
                    f"数据文件已损坏，无法读取。为保护其中的内容，程序没有覆盖它，而是把它移到了：\n{moved}\n"
                    "现在使用一个新的空白数据文件。请把上面这个文件交给本县信息化技术人员尝试修复。",
                    f"The data file was damaged and could not be read. It was not overwritten but "
                    f"moved to:\n{moved}\nA new, empty data file is in use now. Please give that "
                    "file to your IT staff for repair.",
                )
            )
        attachments = AttachmentStore(paths.attachments)
        session: Session | None = None
        recovered: list[str] = []
        if interactive and not read_only:
            # Copies cut off by a kill are never finished; without this they fill the disk.
            attachments.remove_leftovers()
            session = Session.begin(paths.session_marker)
            if session.recovering:
                summaries = [
                    summary
                    for session_id in session.recovering
                    for summary in store.items_edited_in_session(session_id)
                ]
                summaries.sort(key=lambda s: s.updated_at, reverse=True)
                recovered = list(dict.fromkeys(s.id for s in summaries))
                if session.recovering_items:
                    # Only what was open in the editor may have lost typing; items finished
                    # earlier in the session were stored when the officer left them.
                    open_items = set(session.recovering_items)
                    recovered = [i for i in recovered if i in open_items]
            log.info(
                "started: %d items, previous run %s",
                store.count_items(),
                "ended cleanly" if session.previous is None else "did not end cleanly",
            )
        return cls(
            paths=paths,
            settings=settings,
            store=store,
            forms=forms,
            attachments=attachments,
            session=session,
            preset=preset,
            recovered_ids=recovered,
            notices=notices,
            verified=verify or not interactive,
        )

    @property
    def read_only(self) -> bool:
        """The data folder cannot be written: drafts are shown, nothing is changed."""
        return self.store.read_only

    @property
    def unit(self) -> str:
        """The officer's own setting, else the county preset's (not copied into settings, so
        a corrected preset reaches everyone who never set their own)."""
        return self.settings.unit or self.preset.unit

    @property
    def service(self) -> ItemService:
        """The named operations (:mod:`hnclient.service`) over this context's parts."""
        if self._service is None:
            from hnclient.service import ItemService

            self._service = ItemService(
                self.store,
                self.attachments,
                self.forms,
                unit=lambda: self.unit,
                officer=lambda: self.settings.officer,
                phone=lambda: self.settings.phone,
                allow_self_approval=self.preset.allow_self_approval,
                sending=lambda: self.preset.sending_configured or self.sending_active,
            )
        return self._service

    def check_integrity(self) -> Notice | None:
        """The page check skipped at start (worker thread). A message when damage is found.

        The damaged file cannot be swapped while it is open, so the next start is told to
        check it fully (and move it aside if it is bad) and the officer is asked to restart.
        """
        problems = self.store.integrity_problems()
        if not problems:
            return None
        log.error("database integrity check failed: %s", "; ".join(problems[:5]))
        self.paths.integrity_flag.write_text("\n".join(problems[:20]), encoding="utf-8")
        return (
            "检查发现本机的数据文件有损坏。请先用“导出报送包”备份正在处理的信息，然后关闭并重新打开"
            "程序：程序会把损坏的文件移到一旁保存（不会删除），再新建数据文件。",
            "The data file on this PC is damaged. Export the items you are working on, then "
            "close and reopen the program: it will move the damaged file aside (not delete it) "
            "and start a new one.",
        )

    def plan_preset_import(self, source: Path) -> ImportPlan:
        """Validate a county preset file and say what importing it would set (PresetError)."""
        from hnclient.preset import plan_import

        return plan_import(source)

    def import_preset(self, plan: ImportPlan) -> Preset:
        """Install the plan's per-user part and use the merged preset from now on. The unit,
        the columns and the size limits take effect at once; security settings never come
        from an import (:mod:`hnclient.preset`)."""
        from hnclient.preset import install_user_preset

        install_user_preset(plan)
        self.preset, _problems = load_preset_reporting()  # told at start already
        return self.preset

    def save_settings(self, settings: Settings) -> None:
        settings.save(self.paths.config / "settings.json")

    def attachment_path(self, sha256: str) -> Path | None:
        return self.attachments.path_for(sha256) if self.attachments.has(sha256) else None

    def render_preview(self, item: Item, mode: str) -> str:
        """The page (with the approval, or marked as a draft) or the WeChat preview."""
        from hnclient.word import render_html

        form = self.forms[item.category]
        _approval, printed = self.service.printed(item)  # the signed unit once approved
        return render_html(
            item,
            form,
            self.attachments,
            mode="page" if mode == "page" else "wechat",
            unit=printed.unit,
            sign_off=printed.sign_off if mode == "page" else None,
            contact=printed.contact,
        )

    def close(self) -> None:
        self.store.close()
        if self.session is not None:
            self.session.end()
