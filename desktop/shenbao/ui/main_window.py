"""The main window: the enterprise list, the profile editor and the live preview.

It is shown before anything heavy is imported; `finish_loading()` (run from the event loop right after
the first show) opens the store, builds the editor and the preview and imports the rules. The store,
the data folder, the settings and the clock are passed in; nothing reaches for a global window.

With `welcome` (a real start, not a screenshot or a test), an empty data folder opens on a welcome that
offers the ways in, and the first start ends with a short tour of the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao.errors import KnownError
from shenbao.ui.app import AppSettings, core_text

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

    from shenbao.core.store.repository import Store
    from shenbao.ui.operations import StoreOperations
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
        self.folder = Path(folder)
        self.settings = settings
        self.welcome = welcome  # greet an empty folder and show the tour once (a real start only)
        self.demo = demo  # the folder holds the demo enterprises: the title and the status bar say so
        self.demo_folder = demo_folder  # where the welcome's 「打开演示数据」 puts them (None: the default)
        self._welcomed = False
        self.tour: QWidget | None = None
        self.guard: SingleInstance | None = None  # one window per data folder (set by a real start)
        self.store: Store | None = store
        self.today = today
        self.editor: ProfileEditor | None = None
        self.preview: PreviewPanel | None = None
        self.loaded = False
        self._passphrase: str | None = None
        self._current: str | None = None  # the code of the enterprise in the editor, None for a new one
        self._windows: list[QWidget] = []
        self.setWindowTitle(self.tr("申报助手") + "[*]")
        self.resize(1360, 840)

        self.loading_label = QLabel(self.tr("正在载入…"))
        self.splitter = QSplitter()  # horizontal; the list and the work area arrive in finish_loading
        self.splitter.addWidget(self.loading_label)
        self.setCentralWidget(self.splitter)
        self.folder_label = QLabel()
        self.statusBar().addPermanentWidget(self.folder_label)

        self._operations: StoreOperations | None = None
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()

    @property
    def operations(self) -> StoreOperations:
        if self._operations is None:
            from shenbao.ui.operations import StoreOperations

            self._operations = StoreOperations(self)
        return self._operations

    # --- actions ----------------------------------------------------------------------------------

    def _action(
        self, name: str, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self._action(
            "new", self.tr("新建企业(&N)"), self.new_enterprise, key.New, self.tr("新建一家企业的档案")
        )
        self._action("save", self.tr("保存(&S)"), self.save, key.Save, self.tr("保存当前档案"))
        self._action("duplicate", self.tr("复制为新企业(&D)…"), lambda: self.operations.duplicate(), "Ctrl+D")
        self._action(
            "delete", self.tr("删除企业(&R)…"), lambda: self.operations.delete(), "Ctrl+Shift+Delete"
        )
        self._action(
            "import",
            self.tr("导入(&I)…"),
            lambda: self.operations.import_files(),
            "Ctrl+I",
            self.tr("导入数据包、档案 JSON 或园区表格（CSV、Excel）"),
        )
        self._action(
            "export",
            self.tr("导出(&E)…"),
            lambda: self.operations.export_bundle(),
            "Ctrl+E",
            self.tr("把列表中的企业导出为 .shenbao 数据包，或导出为园区表格（Excel、CSV）"),
        )
        self._action("settings", self.tr("设置(&T)…"), self.open_settings, key.Preferences)
        self._action("quit", self.tr("退出(&Q)"), self.close, key.Quit)
        self._action("find", self.tr("查找企业(&F)"), self.focus_search, key.Find)
        self._action("wizard", self.tr("填写申报(&W)…"), self.open_wizard, "Ctrl+Shift+W")
        self._action("library", self.tr("政策库(&L)"), self.open_library, "Ctrl+L")
        self._action("park", self.tr("园区视图(&P)"), self.open_park, "Ctrl+Shift+P")
        self._action(
            "guide", self.tr("用户指南(&G)"), self.open_guide, "F1", self.tr("打开用户指南（无需联网）")
        )
        self._action(
            "tour", self.tr("界面导览(&T)"), self.start_tour, tip=self.tr("逐一介绍主窗口的各个部分")
        )
        self._action("about", self.tr("关于申报助手(&A)"), self.about)
        self.actions["tour"].setEnabled(False)
        self._enable_store_actions(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        for name in (
            "new",
            "save",
            "duplicate",
            "delete",
            None,
            "import",
            "export",
            None,
            "settings",
            None,
            "quit",
        ):
            file_menu.addSeparator() if name is None else file_menu.addAction(self.actions[name])
        self.edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.edit_menu.addAction(self.actions["find"])
        view_menu = bar.addMenu(self.tr("查看(&V)"))
        view_menu.addAction(self.actions["library"])
        view_menu.addAction(self.actions["park"])
        apply_menu = bar.addMenu(self.tr("申报(&A)"))
        apply_menu.addAction(self.actions["wizard"])
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        for name in ("guide", "tour", None, "about"):
            help_menu.addSeparator() if name is None else help_menu.addAction(self.actions[name])
        toolbar = self.toolbar = self.addToolBar(self.tr("常用"))
        toolbar.setObjectName("toolbar")
        for name in ("new", "save", "import", "export", "wizard", "library", "park"):
            toolbar.addAction(self.actions[name])

    def _build_list(self) -> None:
        """The enterprise list and its search field (built after the first show: see the module doc)."""
        from shenbao.ui.enterprise_model import EnterpriseFilterProxy, EnterpriseTableModel

        self.model = EnterpriseTableModel(self)
        self.proxy = EnterpriseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("按名称、统一社会信用代码或地区查找（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("查找企业"))
        self.search.textChanged.connect(self.proxy.set_query)
        self.search.installEventFilter(self)
        self.table = QTableView()
        self.table.setObjectName("enterprises")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(EnterpriseTableModel.NAME, QtCore.Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            EnterpriseTableModel.NAME, QHeaderView.ResizeMode.Stretch
        )
        header = self.table.horizontalHeader()
        for column in (
            EnterpriseTableModel.USCC,
            EnterpriseTableModel.DISTRICT,
            EnterpriseTableModel.DECLARATIONS,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnHidden(EnterpriseTableModel.UPDATED, True)  # in each row's tooltip
        self.table.setAccessibleName(self.tr("企业列表"))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.installEventFilter(self)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table, 1)

        self.splitter.insertWidget(0, left)
        self.setTabOrder(self.search, self.table)

    # --- loading ----------------------------------------------------------------------------------

    def finish_loading(self) -> None:
        """Everything after the first show: the editor, the preview, the rules and the store."""
        if self.loaded:
            return
        self._build_list()
        self.toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        from shenbao.core.model import label_of, parse_profile
        from shenbao.core.rules import rules
        from shenbao.ui.preview_panel import PreviewPanel
        from shenbao.ui.profile_editor import ProfileEditor

        try:
            engine = rules()
        except ValueError as err:  # the policy data did not load: edit anyway, say why nothing is judged
            problem = err

            def judge(_doc: dict[str, Any], _as_of: dt.date) -> Any:
                raise problem
        else:

            def judge(doc: dict[str, Any], as_of: dt.date) -> Any:
                ent = doc.get("enterprise")
                if isinstance(ent, dict) and not ent.get("name"):  # judge while the name is still to come
                    doc = {**doc, "enterprise": {**ent, "name": self.tr("（未填写名称）")}}
                return engine.preview(parse_profile(doc), as_of)

        self.editor = ProfileEditor()
        self.preview = PreviewPanel(judge, today=self.today, label_of=lambda path: core_text(label_of(path)))
        self.editor.document_changed.connect(self.preview.show_document)
        self.editor.undo_stack.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self.preview.wizard_requested.connect(self.open_wizard)
        undo = self.editor.undo_stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.editor.undo_stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.actions["undo"], self.actions["redo"] = undo, redo
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        self.edit_menu.insertActions(first, [undo, redo])
        self.edit_menu.insertSeparator(first)
        work = QSplitter(QtCore.Qt.Orientation.Horizontal, self.splitter)
        work.addWidget(self.editor)
        work.addWidget(self.preview)
        work.setStretchFactor(0, 1)
        work.setStretchFactor(1, 1)
        self.loading_label.hide()
        self.loading_label.deleteLater()
        self.splitter.insertWidget(1, work)  # insertWidget hands ownership to Qt; replaceWidget did not
        self.splitter.setStretchFactor(1, 5)
        total = max(self.width(), 1000)
        self.splitter.setSizes([int(total * 0.27), int(total * 0.73)])
        work.setSizes([int(total * 0.37), int(total * 0.36)])
        self.work = work
        self.setTabOrder(self.table, self.editor)
        self.setTabOrder(self.editor, self.preview)
        self.preview.show_document(self.editor.document())
        self.loaded = True
        self.actions["tour"].setEnabled(True)
        if self.store is None and not self._open_store():
            return
        self._store_ready()

    def _open_store(self) -> bool:
        from shenbao.core.store import DamagedStoreError
        from shenbao.core.store.repository import Store

        try:
            self.store = Store.open(self.folder, prompt=self.ask_passphrase)
        except DamagedStoreError as err:
            if err.backups and self.ask(
                self.tr("数据库已损坏"), str(err) + "\n\n" + self.tr("从最近的完好备份恢复？")
            ):
                from shenbao.core.store.db import restore_backup

                restore_backup(self.folder)
                return self._open_store()
            QMessageBox.critical(self, self.tr("无法打开数据"), str(err))
            return False
        except KnownError as err:
            QMessageBox.critical(self, self.tr("无法打开数据"), str(err))
            return False
        return True

    def _store_ready(self) -> None:
        if self.demo:
            self.folder_label.setText(self.tr("演示数据（示例企业）：{folder}").format(folder=self.folder))
        else:
            self.folder_label.setText(self.tr("数据文件夹：{folder}").format(folder=self.folder))
        self._enable_store_actions(True)
        self.reload()
        last = self.settings.last_enterprise
        if not (last and self.select_enterprise(last)) and self.proxy.rowCount() > 0:
            self.table.selectRow(0)
        elif self.proxy.rowCount() == 0:
            self.new_enterprise()
        self._greet()

    def _enable_store_actions(self, enabled: bool) -> None:
        for name in ("save", "duplicate", "delete", "import", "export", "new", "park", "wizard"):
            self.actions[name].setEnabled(enabled)

    def open_folder(self, folder: Path, *, demo: bool = False) -> bool:
        """Close this folder's store and open `folder` in the same window (the welcome's demo)."""
        if not self.loaded or not self.confirm_leave():
            return False
        if self.guard is not None and not self.guard.move_to(folder):
            QMessageBox.information(
                self,
                self.tr("已在别处打开"),
                self.tr("数据文件夹 {folder} 已在另一个申报助手窗口中打开，已切换到该窗口。").format(folder=folder),
            )
            return False
        for window in [w for w in self._windows if w.objectName() == "park"]:  # it reads the old store
            window.close()
        if self.store is not None:
            self.store.close()
            self.store = None
        self.folder, self.demo = Path(folder), demo
        self._current, self._passphrase, self._welcomed = None, None, False
        self.editor.undo_stack.setClean() if self.editor else None
        if not self._open_store():
            self._enable_store_actions(False)
            self.model.set_rows([])
            self.folder_label.setText(self.tr("未能打开数据文件夹：{folder}").format(folder=self.folder))
            return False
        self._store_ready()
        return True

    # --- the first start --------------------------------------------------------------------------

    def _greet(self) -> None:
        """On a real start: the welcome on an empty folder (once each time one is opened), else the tour."""
        if not self.welcome:
            return
        if self.proxy.rowCount() == 0 and not self._welcomed:
            self._welcomed = True
            self.show_welcome()
        else:
            self.offer_tour()

    def show_welcome(self) -> QWidget:
        from shenbao.ui.first_run import WelcomeDialog

        dialog = WelcomeDialog(self.folder, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.finished.connect(lambda _result, d=dialog: self._welcome_chosen(d.choice))
        dialog.open()
        return dialog

    def _welcome_chosen(self, choice: str) -> None:
        from shenbao.ui.first_run import CREATE, DEMO, IMPORT

        if choice == IMPORT:
            self.operations.import_files()
        elif choice == DEMO:
            self.open_demo()
        elif choice == CREATE and self.editor is not None:
            self.editor.focus_field("enterprise.name")
        self._offer_tour_when_idle()

    def _offer_tour_when_idle(self) -> None:
        """The tour once an import started from the welcome has finished and no dialog is open."""
        from PySide6.QtWidgets import QApplication

        from shenbao.ui.workers import running

        if running() or QApplication.activeModalWidget() is not None:
            QTimer.singleShot(300, self, self._offer_tour_when_idle)  # dropped if the window closes
            return
        self.offer_tour()

    def open_demo(self) -> bool:
        """Open the demo enterprises in this window (made the first time, kept as edited after)."""
        from shenbao.ui.demo import prepare_demo_folder

        try:
            folder = prepare_demo_folder(self.demo_folder)
        except KnownError as err:
            _show_error(self, err)
            return False
        return self.open_folder(folder, demo=True)

    def offer_tour(self) -> None:
        """The tour, the first time the app really starts; later only from the Help menu."""
        if self.welcome and not self.settings.tour_done:
            self.start_tour()

    def start_tour(self) -> QWidget | None:
        if not self.loaded or self.editor is None or self.preview is None:
            return None
        if self.tour is not None:
            return self.tour
        from shenbao.ui.tour import MainWindowTour

        self.settings.tour_done = True
        self.settings.sync()
        tour = self.tour = MainWindowTour(self)
        tour.finished.connect(self._tour_ended)
        tour.start()
        return tour

    def _tour_ended(self) -> None:
        self.tour = None

    def worker_store(self) -> Store:
        """A store for a background thread (a SQLite connection stays on its own thread)."""
        from shenbao.core.store.repository import Store

        return Store.open(self.folder, prompt=lambda _new: self._passphrase, daily_backup=False)

    def ask_passphrase(self, new: bool) -> str | None:
        """The data passphrase, when the system keyring cannot hold the key (kept for worker stores)."""
        from shenbao.ui.settings_dialog import ask_passphrase

        value = ask_passphrase(self, new, self.tr("数据口令"))
        if value:
            self._passphrase = value
        return value

    def _remember_passphrase(self, value: str) -> None:
        """The data passphrase just set in the settings, for the stores of background work."""
        self._passphrase = value

    # --- the list ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list again, keeping the enterprise being edited selected."""
        if self.store is None:
            return
        self.model.set_rows(self.store.list_enterprises())
        if self._current:
            self._select_quietly(self._current)
        self.statusBar().showMessage(self.tr("共 {count} 家企业").format(count=self.model.rowCount()), 4000)

    def select_enterprise(self, uscc: str) -> bool:
        index = self.proxy.index_of(uscc)
        if not index.isValid():
            return False
        if index == self.table.currentIndex():
            self._row_changed(index, index)  # shown selected while the editor kept another one
        else:
            self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return self._current == uscc

    def _select_quietly(self, uscc: str | None) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        index = self.proxy.index_of(uscc) if uscc else None
        if index is not None and index.isValid():
            selection.setCurrentIndex(
                index,
                QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            selection.clearSelection()
            selection.clearCurrentIndex()
        selection.blockSignals(False)
        self.table.viewport().update()

    def _row_changed(self, current: Any, _previous: Any) -> None:
        uscc = self.proxy.uscc_at(current)
        if uscc is None or uscc == self._current:
            return
        if self.editor is not None and not self.editor.is_clean():
            # asking may save, and saving re-reads the list: not while the view is emitting
            QTimer.singleShot(0, lambda: self._leave_for(uscc))
            return
        self.load_enterprise(uscc)

    def _leave_for(self, uscc: str) -> None:
        if self.confirm_leave():
            self.load_enterprise(uscc)
        else:
            self._select_quietly(self._current)

    def load_enterprise(self, uscc: str) -> bool:
        if self.store is None or self.editor is None:
            return False
        try:
            document = self.store.get_profile(uscc)
        except KnownError as err:
            _show_error(self, err)
            return False
        self._current = uscc
        self.editor.load(document)
        self.settings.last_enterprise = uscc
        self._select_quietly(uscc)
        self._update_title()
        return True

    def _update_title(self) -> None:
        name = self.editor.text("enterprise.name") if self.editor else ""
        title = name or self.tr("新企业（未保存）")
        app = self.tr("申报助手（演示数据）") if self.demo else self.tr("申报助手")
        self.setWindowTitle(f"{title}[*] — " + app)

    # --- editing ----------------------------------------------------------------------------------

    def confirm_leave(self) -> bool:
        """True when the editor may show something else: nothing unsaved, saved now, or discarded."""
        if self.editor is None or self.editor.is_clean():
            return True
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
        return answer == buttons.Discard

    def new_enterprise(self) -> None:
        if self.editor is None or not self.confirm_leave():
            return
        self._current = None
        self.editor.load({"enterprise": {"org_type": "enterprise", "province": "福建省"}, "facts": {}})
        self._select_quietly(None)
        self._update_title()
        self.editor.focus_field("enterprise.name")

    def save(self) -> bool:
        """Check and save the profile; on errors say which fields, in Chinese, and keep everything."""
        from shenbao.core.model import ProfileErrors

        if self.editor is None or self.store is None:
            return False
        problems = self.editor.errors()
        if problems:
            lines = "\n".join(f"· {label}：{message}" for _p, label, message in problems)
            QMessageBox.warning(self, self.tr("无法保存"), self.tr("以下内容需要改正：") + "\n" + lines)
            self.editor.focus_field(problems[0][0])
            return False
        document = self.editor.document()
        code = str(document["enterprise"].get("uscc") or "").upper()
        replace = bool(self._current) and code == self._current
        if (
            self._current
            and code
            and code != self._current
            and not self.ask(
                self.tr("统一社会信用代码已修改"),
                self.tr("代码已由 {old} 改为 {new}。另存为一家新企业吗？原企业仍保留。").format(
                    old=self._current, new=code
                ),
            )
        ):
            return False
        try:
            self.store.save_profile(document, replace=replace)
        except ProfileErrors as err:
            self.editor.show_errors(err.errors)
            QMessageBox.warning(self, self.tr("无法保存"), "\n".join(f"· {e.message}" for e in err.errors))
            self.editor.focus_field(err.errors[0].field)
            return False
        except KnownError as err:
            _show_error(self, err)
            return False
        self._current = code
        self.editor.mark_saved(document)
        self.settings.last_enterprise = code
        self.reload()
        self._update_title()
        self.statusBar().showMessage(self.tr("已保存"), 3000)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if watched is self.search and key == QtCore.Qt.Key.Key_Down:
                self.table.setFocus()
                if not self.table.currentIndex().isValid() and self.proxy.rowCount():
                    self.table.selectRow(0)
                return True
            if (
                watched is self.table
                and key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
                and self.editor
            ):
                self.editor.focus_field("enterprise.name")
                return True
        return super().eventFilter(watched, event)

    # --- other views (their modules are imported only when asked for) -----------------------------

    def open_wizard(self, measure: str = "", start: str = "") -> QWidget | None:
        """The wizard of a measure for the saved enterprise in the editor, resuming its draft."""
        if not measure and self.preview is not None and self.preview.current_result() is not None:
            measure = self.preview.current_result().measure
        if not measure or self.store is None:
            return None
        unsaved = not self._current or not self.editor or not self.editor.is_clean()
        if unsaved and not (
            self.ask(self.tr("先保存档案"), self.tr("填写申报前需要先保存当前档案。现在保存吗？"))
            and self.save()
        ):
            return None
        from shenbao.ui.wizard import WizardDialog

        as_of = self.preview.as_of() if self.preview else self.today()
        try:
            dialog = WizardDialog(
                self.store, measure, self._current, as_of, parent=self, start_field=start or None
            )
        except KnownError as err:
            _show_error(self, err)
            return None
        dialog.finished.connect(lambda _result: self.reload())
        dialog.open()
        return dialog

    def _open_window(self, make: Callable[[], QWidget], name: str) -> QWidget | None:
        try:
            window = make()
        except KnownError as err:
            _show_error(self, err)
            return None
        window.setObjectName(name)
        window.setWindowFlag(QtCore.Qt.WindowType.Window, True)
        window.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.destroyed.connect(
            lambda _obj=None, w=window: self._windows.remove(w) if w in self._windows else None
        )
        self._windows.append(window)
        window.resize(1100, 760)
        window.show()
        return window

    def open_library(self) -> QWidget | None:
        from shenbao.ui.library_view import LibraryView

        return self._open_window(lambda: LibraryView(self), "library")

    def open_park(self) -> QWidget | None:
        if self.store is None:
            return None
        from shenbao.ui.park_view import ParkView

        return self._open_window(lambda: ParkView(self.store, self), "park")

    def open_settings(self) -> None:
        from shenbao.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.store, self.folder, self)
        dialog.restored.connect(self._after_restore)
        dialog.passphrase_set.connect(self._remember_passphrase)
        dialog.open()

    def _after_restore(self) -> None:
        self._current = None
        self.reload()
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.new_enterprise()

    def open_guide(self) -> QWidget | None:
        """The user guide in the interface's language, read from the docs folder (no network)."""
        from PySide6.QtCore import QLocale

        from shenbao import paths
        from shenbao.ui.help_view import HelpWindow, guide_path

        for window in self._windows:
            if window.objectName() == "help":
                window.raise_()
                window.activateWindow()
                return window
        path = guide_path(paths.docs(), QLocale().name())
        return self._open_window(lambda: HelpWindow(path, self), "help")

    def about(self) -> QWidget:
        from shenbao.ui.about import AboutDialog

        dialog = AboutDialog(self.today(), self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton
        return QMessageBox.question(self, title, text, buttons.Yes | buttons.No, buttons.No) == buttons.Yes

    def closeEvent(self, event: QCloseEvent) -> None:
        from shenbao.ui.workers import running

        if not self.confirm_leave():
            event.ignore()
            return
        if running() and not self.ask(
            self.tr("仍有任务在进行"), self.tr("仍有导入或导出在进行。仍要退出吗？")
        ):
            event.ignore()
            return
        self.settings.set_blob("geometry", self.saveGeometry())
        self.settings.sync()
        for window in self._windows:
            window.close()
        if self.store is not None:
            self.store.close()
            self.store = None
        event.accept()


def _show_error(parent: QWidget, err: BaseException) -> None:
    from shenbao.ui.workers import show_error

    show_error(parent, err)
