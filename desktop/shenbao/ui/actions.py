"""The main window's actions as one table: id, text, shortcut, the window's method it calls, and when
it is enabled; and where each appears (menus, toolbar). A new command is one row here and one method."""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from shenbao.ui.app import QT_TRANSLATE_NOOP

CONTEXT = "MainWindow"  # the translation context the texts are looked up in
KEY = QKeySequence.StandardKey
ALWAYS, LOADED, STORE = "always", "loaded", "store"  # enabled: always, once the editor is built, with data


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    handler: str  # the window's method called with no arguments ("windows.park": of its attribute)
    shortcut: Any = None  # a QKeySequence.StandardKey or a key string
    tip: str = ""
    when: str = ALWAYS


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "new",
        QT_TRANSLATE_NOOP("MainWindow", "新建企业(&N)"),
        "new_enterprise",
        KEY.New,
        QT_TRANSLATE_NOOP("MainWindow", "新建一家企业的档案"),
        STORE,
    ),
    ActionSpec(
        "new_from_licence",
        QT_TRANSLATE_NOOP("MainWindow", "从营业执照照片新建企业(&L)…"),
        "new_from_licence",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "新建一家企业，从营业执照照片识别名称、统一社会信用代码等，逐项核对后填入"
        ),
        when=STORE,
    ),
    ActionSpec(
        "save",
        QT_TRANSLATE_NOOP("MainWindow", "保存(&S)"),
        "save",
        KEY.Save,
        QT_TRANSLATE_NOOP("MainWindow", "保存当前档案"),
        STORE,
    ),
    ActionSpec(
        "duplicate", QT_TRANSLATE_NOOP("MainWindow", "复制为新企业(&D)…"), "duplicate", "Ctrl+D", when=STORE
    ),
    ActionSpec(
        "delete", QT_TRANSLATE_NOOP("MainWindow", "删除企业(&R)…"), "delete", "Ctrl+Shift+Delete", when=STORE
    ),
    ActionSpec(
        "import",
        QT_TRANSLATE_NOOP("MainWindow", "导入(&I)…"),
        "operations.import_files",
        "Ctrl+I",
        QT_TRANSLATE_NOOP("MainWindow", "导入数据包、档案 JSON 或园区表格（CSV、Excel）"),
        STORE,
    ),
    ActionSpec(
        "import_invoices",
        QT_TRANSLATE_NOOP("MainWindow", "导入发票(&V)…"),
        "import_invoices",
        "Ctrl+Shift+I",
        QT_TRANSLATE_NOOP("MainWindow", "读取发票文件（XML、OFD、PDF），加入当前企业的算力服务发票"),
        STORE,
    ),
    ActionSpec(
        "export",
        QT_TRANSLATE_NOOP("MainWindow", "导出(&E)…"),
        "operations.export_bundle",
        "Ctrl+E",
        QT_TRANSLATE_NOOP(
            "MainWindow", "把列表中的企业导出为 .shenbao 数据包，或导出为园区表格（Excel、CSV）"
        ),
        STORE,
    ),
    ActionSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "设置(&T)…"), "open_settings", KEY.Preferences),
    ActionSpec("quit", QT_TRANSLATE_NOOP("MainWindow", "退出(&Q)"), "close", KEY.Quit),
    ActionSpec("find", QT_TRANSLATE_NOOP("MainWindow", "查找企业(&F)"), "focus_search", KEY.Find),
    ActionSpec(
        "wizard", QT_TRANSLATE_NOOP("MainWindow", "填写申报(&W)…"), "open_wizard", "Ctrl+Shift+W", when=STORE
    ),
    ActionSpec("library", QT_TRANSLATE_NOOP("MainWindow", "政策库(&L)"), "windows.library", "Ctrl+L"),
    ActionSpec(
        "park", QT_TRANSLATE_NOOP("MainWindow", "园区视图(&P)"), "windows.park", "Ctrl+Shift+P", when=STORE
    ),
    ActionSpec(
        "register",
        QT_TRANSLATE_NOOP("MainWindow", "申报记录(&D)"),
        "windows.register",
        "Ctrl+Shift+R",
        QT_TRANSLATE_NOOP("MainWindow", "全部申报：状态、金额、申报书文件与材料清单"),
        STORE,
    ),
    ActionSpec(
        "todo", QT_TRANSLATE_NOOP("MainWindow", "待办(&O)"), "windows.todo", "Ctrl+Shift+T", when=STORE
    ),
    ActionSpec(
        "pipeline",
        QT_TRANSLATE_NOOP("MainWindow", "申报进度(&G)"),
        "windows.pipeline",
        "Ctrl+Shift+G",
        when=STORE,
    ),
    ActionSpec(
        "guide",
        QT_TRANSLATE_NOOP("MainWindow", "用户指南(&G)"),
        "windows.guide",
        "F1",
        QT_TRANSLATE_NOOP("MainWindow", "打开用户指南（无需联网）"),
    ),
    ActionSpec(
        "tour",
        QT_TRANSLATE_NOOP("MainWindow", "界面导览(&T)"),
        "greeter.start_tour",
        tip=QT_TRANSLATE_NOOP("MainWindow", "逐一介绍主窗口的各个部分"),
        when=LOADED,
    ),
    ActionSpec("about", QT_TRANSLATE_NOOP("MainWindow", "关于申报助手(&A)"), "windows.about"),
)

# Where the actions appear: menus in order, None a separator; the editor adds undo and redo to 编辑.
MENUS: tuple[tuple[str, str, tuple[str | None, ...]], ...] = (
    (
        "file",
        QT_TRANSLATE_NOOP("MainWindow", "文件(&F)"),
        (
            "new",
            "new_from_licence",
            "save",
            "duplicate",
            "delete",
            None,
            "import",
            "import_invoices",
            "export",
            None,
            "settings",
            None,
            "quit",
        ),
    ),
    ("edit", QT_TRANSLATE_NOOP("MainWindow", "编辑(&E)"), ("find",)),
    (
        "view",
        QT_TRANSLATE_NOOP("MainWindow", "查看(&V)"),
        ("library", "park", None, "register", "todo", "pipeline"),
    ),
    ("apply", QT_TRANSLATE_NOOP("MainWindow", "申报(&A)"), ("wizard",)),
    ("help", QT_TRANSLATE_NOOP("MainWindow", "帮助(&H)"), ("guide", "tour", None, "about")),
)
TOOLBAR = ("new", "save", "import", "export", "wizard", "library", "park")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def build(window: QMainWindow) -> tuple[dict[str, QAction], dict[str, QMenu], QToolBar]:
    """The actions, each calling the window's method of its spec, in the window's menus and toolbar."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(_tr(spec.text), window)
        action.setObjectName(f"action_{spec.id}")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(_tr(spec.tip))
        owner: Any = window
        *path, name = spec.handler.split(".")
        for part in path:
            owner = getattr(owner, part)
        handler: Callable[[], Any] = getattr(owner, name)
        action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[spec.id] = action
    menus: dict[str, QMenu] = {}
    for name, title, items in MENUS:
        menu = menus[name] = window.menuBar().addMenu(_tr(title))
        for item in items:
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[item])
    toolbar = window.addToolBar(_tr(QT_TRANSLATE_NOOP("MainWindow", "常用")))
    toolbar.setObjectName("toolbar")
    for item in TOOLBAR:
        toolbar.addAction(actions[item])
    return actions, menus, toolbar


def enable(actions: dict[str, QAction], states: Container[str]) -> None:
    """Enable each action whose condition holds (`states`: which of LOADED and STORE hold now)."""
    for spec in ACTIONS:
        actions[spec.id].setEnabled(spec.when == ALWAYS or spec.when in states)


def add_undo(window: QMainWindow, actions: dict[str, QAction], menu: QMenu, stack: QUndoStack) -> None:
    """撤销 and 重做 of the editor's undo stack, first in the Edit menu, each with its letter (what it undoes
    named after it) and every one of the system's standard keys (redo is Ctrl+Y and Ctrl+Shift+Z on
    Windows: `setShortcut` would keep only the first)."""
    undo = stack.createUndoAction(window, _tr(QT_TRANSLATE_NOOP("MainWindow", "撤销(&U)")))
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(window, _tr(QT_TRANSLATE_NOOP("MainWindow", "重做(&R)")))
    redo.setShortcuts(QKeySequence.StandardKey.Redo)
    actions["undo"], actions["redo"] = undo, redo
    first = menu.actions()[0]  # 查找企业: the Edit menu is never empty
    menu.insertActions(first, [undo, redo])
    menu.insertSeparator(first)
