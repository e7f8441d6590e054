"""The main window: the enterprise list, the profile editor and the live preview, wired together.

It is shown before anything heavy is imported; `finish_loading()` (run from the event loop right after
the first show) opens the store, builds the views and imports the rules. Every view gets the window's
`AppContext` (the store, the as-of date, the policy library, the change signals) and refreshes itself
when an operation reports a change; the window wires them and keeps which enterprise is edited. The
actions are declared in `actions.py`; the windows and dialogs it opens (a measure's wizard, the settings,
the library, …) are `side_windows.py`'s; the welcome and the tour of a real start are `first_run.Greeter`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from shenbao.errors import KnownError
from shenbao.ui import actions as action_table
from shenbao.ui.app import AppSettings
from shenbao.ui.context import AppContext, OpChanges
from shenbao.ui.operations import StoreOperations
from shenbao.ui.screen import fit_to_screen
from shenbao.ui.side_windows import SideWindows
from shenbao.ui.workers import show_error

if TYPE_CHECKING:
    from shenbao.core.store.repository import Store
    from shenbao.ui.enterprise_list import EnterpriseList
    from shenbao.ui.preview_panel import PreviewPanel
    from shenbao.ui.profile_editor import ProfileEditor
    from shenbao.ui.single_instance import SingleInstance


class MainWindow(QMainWindow):
    def __init__(
        self,
        folder: Path,
        settings: AppSettings,
        *,
        store: Store | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        welcome: bool = False,
        demo: bool = False,
        demo_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = AppContext(folder, store=store, today=today, parent=self)
        self.settings = settings
        self.demo = demo  # the folder holds the demo enterprises: the title and the status bar say so
        self.demo_folder = demo_folder  # where the welcome's 「打开演示数据」 puts them (None: the default)
        self.guard: SingleInstance | None = None  # one window per data folder (set by a real start)
        self.editor: ProfileEditor | None = None
        self.preview: PreviewPanel | None = None
        self.enterprises: EnterpriseList | None = None
        self.loaded = False
        self.current: str | None = None  # the code of the enterprise in the editor, None for a new one
        self.refused: str | None = None  # the last enterprise that could not be read (a wrong passphrase)
        self.windows = SideWindows(self.ctx, self)
        self.setWindowTitle(self.tr("申报助手") + "[*]")
        fit_to_screen(self, 1360, 840)
        self.loading_label = QLabel(self.tr("正在载入…"))
        self.splitter = QSplitter()  # horizontal; the list and the work area arrive in finish_loading
        self.splitter.addWidget(self.loading_label)
        self.setCentralWidget(self.splitter)
        self.folder_label = QLabel()
        self.statusBar().addPermanentWidget(self.folder_label)
        self.operations = StoreOperations(
            self.ctx,
            self,
            shown=lambda: self.enterprises.codes() if self.enterprises else [],
            status=self.status,
            guard=self.confirm_leave,
        )
        from shenbao.ui.first_run import CREATE, DEMO, IMPORT, Greeter

        self.greeter = Greeter(
            self,
            settings,
            active=welcome,
            ways={CREATE: self._start_editing, IMPORT: self.operations.import_files, DEMO: self.open_demo},
            import_ended=self.operations.finished,
            tour_parts=self._tour_parts,
        )
        self.actions_by_id, self.menus, self.toolbar = action_table.build(self)
        action_table.enable(self.actions_by_id, ())
        self.ctx.enterprise_removed.connect(self._removed)

    store = property(lambda self: self.ctx.store)  # the store and the folder are the context's
    folder = property(lambda self: self.ctx.folder)

    def status(self, text: str, timeout: int = 4000) -> None:
        self.statusBar().showMessage(text, timeout)

    # --- loading ----------------------------------------------------------------------------------

    def finish_loading(self) -> None:
        """Everything after the first show: the list, the editor, the preview, the rules and the store."""
        if self.loaded:
            return
        from shenbao.ui.enterprise_list import EnterpriseList
        from shenbao.ui.preview_panel import PreviewPanel, judge_with
        from shenbao.ui.profile_editor import ProfileEditor

        self.toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        lists = self.enterprises = EnterpriseList(self.ctx)
        lists.chosen.connect(self._chosen)
        lists.entered.connect(self._start_editing)
        lists.reloaded.connect(lambda n: self.status(self.tr("共 %n 家企业", "", n)))
        self.splitter.insertWidget(0, lists)
        editor = self.editor = ProfileEditor(context=self.ctx)
        preview = self.preview = PreviewPanel(judge_with(self.ctx), context=self.ctx)
        editor.document_changed.connect(preview.show_document)
        editor.undo_stack.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        preview.wizard_requested.connect(self.open_wizard)
        editor.list_requested.connect(self.edit_list)
        self.ctx.policy_data_changed.connect(lambda: preview.show_document(editor.document()))
        action_table.add_undo(self, self.actions_by_id, self.menus["edit"], editor.undo_stack)
        work = self.work = QSplitter(QtCore.Qt.Orientation.Horizontal, self.splitter)
        work.addWidget(editor)
        work.addWidget(preview)
        self.loading_label.hide()
        self.loading_label.deleteLater()
        self.splitter.insertWidget(1, work)  # insertWidget hands ownership to Qt; replaceWidget did not
        self.splitter.setStretchFactor(1, 5)
        total = max(self.width(), 1000)
        share = 0.27 if total >= 1400 else 0.21  # a small screen gives the editor and the preview the room
        self.splitter.setSizes([int(total * share), int(total * (1 - share))])
        work.setSizes([int(total * 0.41), int(total * 0.38)])
        self.setTabOrder(lists.table, editor)
        self.setTabOrder(editor, preview)
        self.loaded = True
        action_table.enable(self.actions_by_id, (action_table.LOADED,))
        if self.ctx.store is None:
            from shenbao.ui.data_folder import open_store

            store = open_store(self, self.ctx)
            if store is None:
                preview.show_document(editor.document())
                return
            self.ctx.store = store
        self._store_ready()  # loads an enterprise, or a new one, into the editor: the preview follows

    def _store_ready(self) -> None:
        text = self.tr("演示数据（示例企业）：{folder}") if self.demo else self.tr("数据文件夹：{folder}")
        self.folder_label.setText(text.format(folder=self.folder))
        action_table.enable(self.actions_by_id, (action_table.LOADED, action_table.STORE))
        self.reload()
        last = self.settings.last_enterprise
        self.refused = None
        if not (last and self.select_enterprise(last)) and self.refused is None:
            self._show_first()  # not after a refusal: the next one would be refused again, said again
        if self.refused is not None and self.current is None:
            self.new_enterprise(ask=False)  # the status bar says why no enterprise is shown
        empty = self.enterprises is None or self.enterprises.model.rowCount() == 0
        self.greeter.greet(self.folder, empty)
        if not empty and self.greeter.active:  # a real start, not a test, a screenshot or a timed start
            self.windows.todo(on_start=True)

    def open_folder(self, folder: Path, *, demo: bool = False) -> bool:
        """Open `folder` in this window instead (the welcome's demo); the views reload themselves."""
        if not self.loaded or not self.confirm_leave():
            return False
        if self.guard is not None and not self.guard.move_to(folder):
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                self,
                self.tr("已在别处打开"),
                self.tr("数据文件夹 {folder} 已在另一个申报助手窗口中打开，已切换到该窗口。").format(
                    folder=folder
                ),
            )
            return False
        from shenbao.ui.data_folder import open_store

        self.ctx.close_store()
        self.ctx.folder, self.ctx.passphrase = Path(folder), None
        self.demo, self.current, self.greeter.welcomed = demo, None, False
        if self.editor is not None:
            self.editor.undo_stack.setClean()
        self.ctx.replace_store(folder, open_store(self, self.ctx))  # the views reload themselves
        if self.store is None:
            action_table.enable(self.actions_by_id, (action_table.LOADED,))
            self.folder_label.setText(self.tr("未能打开数据文件夹：{folder}").format(folder=self.folder))
            self.new_enterprise(ask=False)
            return False
        self._store_ready()
        return True

    # --- the first start --------------------------------------------------------------------------

    tour = property(lambda self: self.greeter.tour)

    def show_welcome(self) -> QWidget:
        return self.greeter.show_welcome(self.folder)

    def start_tour(self) -> QWidget | None:
        return self.greeter.start_tour()

    def _tour_parts(self) -> tuple[QWidget, QWidget, Any] | None:
        parts = (self.enterprises, self.editor, self.preview)
        return parts if self.loaded and None not in parts else None  # type: ignore[return-value]

    def open_demo(self) -> bool:
        """Open the demo enterprises in this window (made the first time, kept as edited after)."""
        from shenbao.ui.demo import prepare_demo_folder

        try:
            folder = prepare_demo_folder(self.demo_folder)
        except KnownError as err:
            show_error(self, err)
            return False
        return self.open_folder(folder, demo=True)

    # --- the list and the editor ------------------------------------------------------------------

    def reload(self) -> None:
        if self.enterprises is not None:
            self.enterprises.reload()

    def select_enterprise(self, uscc: str) -> bool:
        return self.enterprises is not None and self.enterprises.select(uscc) and self.current == uscc

    def show_enterprise(self, uscc: str) -> None:
        """Another window (the park view, 待办) asks for an enterprise: shown in the editor as if chosen
        in the list (unsaved edits asked about first), the window brought to the front."""
        if self.enterprises is not None and self.enterprises.search.text():
            self.enterprises.search.clear()  # a search that hides it would keep it from the list
        listed = self.enterprises is not None and self.enterprises.proxy.index_of(uscc).isValid()
        if (
            not self.select_enterprise(uscc)
            and self.store is not None
            and not self.store.has_enterprise(uscc)
        ):
            # removed by another program since that window listed it: said (by the list when it still
            # listed it, as it tried to open it), and every view drops it
            if not listed:
                from shenbao.core.phrases import Phrase
                from shenbao.core.store.db import REFUSALS, StoreError

                show_error(self, StoreError(Phrase(REFUSALS["no_enterprise"], uscc=uscc)))
            self.ctx.report(OpChanges(removed=(uscc,)))
            return
        self.raise_()
        self.activateWindow()

    def _show_first(self) -> None:
        """After the shown enterprise went away: the first one listed, else a new one."""
        if self.enterprises is None:
            return
        self.current = None
        self.enterprises.reload()  # the list as stored now, without the enterprise that went away
        self.enterprises.select_quietly(None)
        if not self.enterprises.select_first():
            self.new_enterprise(ask=False)

    def _list_as_stored(self) -> None:
        if self.enterprises is not None:
            self.enterprises.reload()
            self.enterprises.select_quietly(self.current)

    def _removed(self, uscc: str) -> None:
        if uscc == self.current:
            if self.editor is not None:
                self.editor.load(None)  # its unsaved edits went with it: nothing to ask about
            self._show_first()

    def _chosen(self, uscc: str) -> None:
        if self.editor is not None and not self.editor.is_clean():
            # asking may save, and saving re-reads the list: not while the view is emitting
            QtCore.QTimer.singleShot(0, self, lambda: self._leave_for(uscc))
            return
        self.load_enterprise(uscc)

    def _leave_for(self, uscc: str) -> None:
        if self.confirm_leave():
            self.load_enterprise(uscc)
        elif self.enterprises is not None:
            self.enterprises.select_quietly(self.current)

    def load_enterprise(self, uscc: str) -> bool:
        if self.store is None or self.editor is None or self.enterprises is None:
            return False
        try:
            document = self.store.get_profile(uscc)
        except KnownError as err:
            # the row goes back to what the editor shows: highlighted beside an empty editor, the
            # enterprise looked as if nothing of it had been filled in
            from shenbao.ui.style import known_text

            self.refused = uscc
            if not self.store.has_enterprise(uscc):  # removed by another program: the list as stored
                QtCore.QTimer.singleShot(0, self, self._list_as_stored)  # once the view is done emitting
            self.enterprises.select_quietly(self.current)
            self.status(self.tr("未能打开该企业：{reason}").format(reason=known_text(err)), 0)
            show_error(self, err)
            return False
        self.current = uscc
        self.editor.load(document)
        self.settings.last_enterprise = uscc
        self.enterprises.select_quietly(uscc)
        self._update_title()
        return True

    def _update_title(self) -> None:
        name = self.editor.text("enterprise.name") if self.editor else ""
        title = name or self.tr("新企业（未保存）")
        app = self.tr("申报助手（演示数据）") if self.demo else self.tr("申报助手")
        self.setWindowTitle(f"{title}[*] — " + app)

    def confirm_leave(self) -> bool:
        """True when the editor may show something else: nothing unsaved, saved now, or discarded.
        Discarded edits leave the editor at once (it shows the stored profile again, or a new empty
        one), as the caller may stay on this enterprise (an import, an export) and a later save must
        not write what the user chose to throw away."""
        if self.editor is None or self.editor.is_clean():
            return True
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            self.tr("尚未保存"),
            self.tr("当前档案有尚未保存的修改。保存吗？"),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return self.save()
        if answer != buttons.Discard:
            return False
        if self.current is None or not self.load_enterprise(self.current):
            self.new_enterprise(ask=False)
        return True

    def new_enterprise(self, *, ask: bool = True) -> None:
        if self.editor is None or (ask and not self.confirm_leave()):
            return
        self.current = None
        self.editor.load({"enterprise": {"org_type": "enterprise", "province": "福建省"}, "facts": {}})
        if self.enterprises is not None:
            self.enterprises.select_quietly(None)
        self._update_title()
        self.editor.focus_field("enterprise.name")

    def new_from_licence(self) -> None:
        """A new enterprise begun from its 营业执照 photo: an empty profile, then the photo's fields.
        Without the recognition extra only what it would add is said, and the enterprise being edited is
        not left (nor its unsaved edits asked about) for an empty profile nothing can fill."""
        from shenbao.core.ocr import ocr_available

        if self.editor is not None and not ocr_available():
            self.editor.licence.choose()
            return
        self.new_enterprise()
        if self.editor is not None and self.current is None:
            self.editor.licence.choose()

    def save(self) -> bool:
        """Check and save the profile; on errors say which fields, in Chinese, and keep everything."""
        from shenbao.ui.profile_editor import save_profile

        if self.editor is None or self.store is None:
            return False
        code = save_profile(self, self.ctx, self.editor, self.current)
        if code is None:
            return False
        self.current = code
        self.settings.last_enterprise = code
        if self.enterprises is not None:
            self.enterprises.select_quietly(code)
        self._update_title()
        self.status(self.tr("已保存"), 3000)
        return True

    def _start_editing(self) -> None:
        if self.editor is not None:
            self.editor.focus_field("enterprise.name")

    def focus_search(self) -> None:
        if self.enterprises is not None:
            self.enterprises.focus_search()

    def duplicate(self) -> None:
        current, name = self.current, self.editor.text("enterprise.name") if self.editor else ""
        if not current:
            self.status(self.tr("当前企业尚未保存：保存后才能复制"))
            return
        code = self.operations.duplicate(current, name) if self.confirm_leave() else None
        if code is not None:
            self.select_enterprise(code)

    def delete(self) -> None:
        if not self.current:
            self.status(self.tr("当前企业尚未保存，没有可删除的记录"))
            return
        self.operations.delete(self.current)

    def import_invoices(self, files: list[str] | None = None) -> bool:  # the editor follows what is saved
        """The invoices go straight into the stored profile: an enterprise not saved yet is saved first
        when the user agrees, as 填写申报 does, never passed over without a word."""
        if not self.current and not (
            self.store is not None
            and self.operations.ask(
                self.tr("先保存档案"), self.tr("导入发票前需要先保存当前档案。现在保存吗？")
            )
            and self.save()
        ):
            return False
        current = self.current
        return bool(current and self.confirm_leave() and self.operations.import_invoices(current, files))

    # --- other views (their modules are imported only when asked for) -----------------------------

    def wizard_for(self, uscc: str, measure: str) -> QWidget | None:
        """The wizard of a measure for an enterprise (a draft reopened from the register)."""
        # unsaved edits asked about here rather than through the list, which asks only after this returns
        if uscc != self.current and not (self.confirm_leave() and self.load_enterprise(uscc)):
            return None
        return self.open_wizard(measure)

    def open_wizard(self, measure: str = "", start: str = "") -> QWidget | None:
        """The wizard of a measure for the saved enterprise in the editor, resuming its draft."""
        if not measure and self.preview is not None and self.preview.current_result() is not None:
            measure = self.preview.current_result().measure
        if self.store is None:
            return None
        if not measure:  # 申报 → 填写申报 before a measure is chosen: said, and the list to choose from
            self.status(self.tr("请先在右侧的测算结果中选择一项措施，再填写申报"), 8000)
            if self.preview is not None:
                self.preview.tree.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
            return None
        unsaved = not self.current or not self.editor or not self.editor.is_clean()
        if unsaved and not (
            self.operations.ask(self.tr("先保存档案"), self.tr("填写申报前需要先保存当前档案。现在保存吗？"))
            and self.save()
        ):
            return None
        return self.windows.wizard(self.current or "", measure, start)

    def edit_list(self, path: str) -> QWidget | None:
        """The wizard page of a detail list (facts.compute_invoices), of a measure in force asking for it."""
        from shenbao.ui.wizard import measure_asking

        measure = measure_asking(path, self.preview.preview if self.preview else None)
        return self.open_wizard(measure, start=path) if measure else None

    def open_settings(self) -> None:
        dialog = self.windows.settings(self.settings, on_restored=self._show_first)
        # a restore replaces every enterprise: unsaved edits are asked about while they are still its own
        dialog.guard = self.confirm_leave  # type: ignore[attr-defined]

    def closeEvent(self, event: QCloseEvent) -> None:
        from shenbao.ui.workers import running

        if not self.confirm_leave():
            event.ignore()
            return
        if running() and not self.operations.ask(
            self.tr("仍有任务在进行"), self.tr("仍有导入或导出在进行。仍要退出吗？")
        ):
            event.ignore()
            return
        self.settings.set_blob("geometry", self.saveGeometry())
        self.settings.sync()
        self.windows.close_all()
        self.ctx.close_store()
        event.accept()
