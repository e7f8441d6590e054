"""`shenbao gui` (and `shenbao` with no command): the desktop app.

`--screenshot FILE.png [--view main|wizard:<measure>|library|park|invoices|licence|register|todo|pipeline]` renders one
view offscreen to a PNG and exits, for the README's pictures and for checks (`--first-frame`: as first drawn, for the
timed start). Qt is imported only when this command runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

from shenbao.errors import KnownError, complain

SIMPLE_VIEWS = (
    "main",
    "library",
    "park",
    "welcome",
    "tour",
    "about",
    "help",
    "invoices",
    "licence",
    "register",
    "todo",
    "pipeline",
)
VIEWS = (*SIMPLE_VIEWS, "wizard:<措施>")
SETTINGS_ENV = "SHENBAO_SETTINGS"  # an INI file for the app's preferences (tests, benchmarks)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    g = sub.add_parser("gui", parents=[common], help="打开申报助手窗口（不带命令时的默认）")
    g.add_argument(
        "--demo",
        action="store_true",
        help="使用含几家示例企业的演示数据文件夹（未给 --data-dir 时在程序目录的 demo-data/）",
    )
    g.add_argument("--screenshot", metavar="FILE.png", help="在屏幕外绘制一个视图并存为 PNG，然后退出")
    g.add_argument("--view", default="main", metavar="VIEW", help="截图的视图：" + " | ".join(VIEWS))
    g.add_argument(
        "--first-frame",
        action="store_true",
        help="截图取视图绘出的第一帧（计时启动用），不等随后的布局与淡入",
    )
    g.add_argument("--as-of", metavar="YYYY-MM-DD", help="测算日期（默认：今天）")
    g.add_argument("--language", choices=("zh_CN", "en"), help="界面语言（默认：设置中的语言）")
    g.add_argument("--exit-after-show", action="store_true", help=argparse.SUPPRESS)
    g.set_defaults(handler=run)


def _as_of(text: str | None) -> dt.date | None:
    """--as-of as every command takes it (2026-12-10, 2026/12/10, 2026年12月10日); None: today."""
    if not text:
        return None
    from shenbao.commands.rules import parse_as_of

    return parse_as_of(text)


def run(args: argparse.Namespace) -> int:
    from shenbao.cli import data_dir_of

    as_of = _as_of(args.as_of)
    _import_core_before_qt()
    scan_imports_for_pyside_quickly()
    if args.screenshot:
        _check_view(args.view)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _quiet_offscreen()
    from shenbao.ui.app import AppSettings, create_application

    settings = AppSettings(os.environ.get(SETTINGS_ENV) or None)
    app = create_application(sys.argv[:1], language=args.language or settings.language)
    chosen = data_dir_of(args) or settings.data_dir or None
    if args.demo:
        from shenbao.ui.demo import prepare_demo_folder

        folder = prepare_demo_folder(chosen if data_dir_of(args) else None)
    elif chosen:  # as data_folder() does, without loading sqlite3 before the window shows
        folder = Path(chosen).expanduser().resolve()
    else:
        from shenbao.core.store.db import data_folder

        folder = data_folder(None)
    if args.screenshot:
        shot = Path(args.screenshot)
        return screenshot(
            app, folder, settings, args.view, shot, as_of, demo=args.demo, first_frame=args.first_frame
        )
    return run_window(app, folder, settings, as_of, exit_after_show=args.exit_after_show, demo=args.demo)


def _import_core_before_qt() -> None:
    """The core modules the first frame needs (the rules, the store), imported before Qt: once Qt for
    Python is loaded it reads the source file of every module imported after it (looking for its
    `__feature__` switches), which costs the start more than importing them."""
    import shenbao.core.rules  # noqa: F401
    import shenbao.core.store.repository  # noqa: F401


def scan_imports_for_pyside_quickly() -> None:
    """Load Qt for Python and let its import hook find out faster whether a module uses it.

    After each import the hook asks whether the new module's source names PySide6 (a module that does is
    told apart for Qt for Python's `__feature__` switches), and reads that source through
    `inspect.getsource`: line cache, encoding detection and the lines joined again, some 0.1 ms for each
    of the 60-odd modules the first frame imports after Qt. The answer is the same from the file's bytes
    (PySide6 is ASCII, and a module without a .py file is still asked the original way). Left as it is
    when this Qt for Python has no such hook."""
    from shenbao.commands.pyside_code import import_pyside

    import_pyside()  # loads the hook, its code kept compiled from an earlier start (pyside_code)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_bytes", False):
        return

    def uses_pyside(module: Any) -> bool:
        path = getattr(module, "__file__", None)
        if not (isinstance(path, str) and path.endswith(".py")):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:  # as inspect.getsource: no source, not a module that uses PySide
            return False

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


def run_window(
    app: Any,
    folder: Path,
    settings: Any,
    as_of: dt.date | None,
    *,
    exit_after_show: bool = False,
    demo: bool = False,
) -> int:
    """The window for a user: on an empty folder it welcomes them, and the first start shows the tour
    (not with --exit-after-show, which only measures how fast the window comes up)."""
    from PySide6.QtCore import QTimer

    from shenbao.ui.main_window import MainWindow
    from shenbao.ui.single_instance import SingleInstance

    guard = SingleInstance(folder)
    if not exit_after_show and not guard.acquire():
        complain(f"该数据文件夹（{folder}）已在另一个申报助手窗口中打开，已切换到该窗口")
        return 0
    window = MainWindow(
        folder,
        settings,
        today=(lambda: as_of) if as_of else dt.date.today,
        welcome=not exit_after_show,
        demo=demo,
    )
    guard.activated.connect(lambda: _bring_to_front(window))
    window.guard = guard
    geometry = settings.blob("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    window.show()
    if exit_after_show:
        app.processEvents()
        _mark("shown")
        window.finish_loading()
        app.processEvents()
        _mark("loaded")
        _start_up_done()
        window.close()
        return 0
    QTimer.singleShot(0, window.finish_loading)
    from shenbao.ui.workers import install_bug_hook, start_up_done

    # the loaded window is drawn on the loop's pass after finish_loading: then cycles may be collected
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, start_up_done))
    install_bug_hook()
    try:
        return int(app.exec())
    finally:
        guard.release()


def _start_up_done() -> None:
    from shenbao.ui.workers import start_up_done

    start_up_done()


def _bring_to_front(window: Any) -> None:
    """Another start on the same folder: this window comes forward instead."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def _check_view(view: str) -> None:
    if view not in SIMPLE_VIEWS and not (view.startswith("wizard:") and len(view) > 7):
        raise KnownError(f"--view: 未知的视图 {view!r}，应为 " + " | ".join(VIEWS))


def _quiet_offscreen() -> None:
    """The offscreen platform says it cannot propagate size hints each time a window shows; a
    screenshot run has nothing to say but the file it wrote."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(kind: Any, context: Any, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)


def _mark(what: str) -> None:
    sys.stdout.write(f"{what} {time.perf_counter():.6f}\n")
    sys.stdout.flush()


def screenshot(
    app: Any,
    folder: Path,
    settings: Any,
    view: str,
    out: Path,
    as_of: dt.date | None,
    *,
    demo: bool = False,
    first_frame: bool = False,
) -> int:
    """Render `view` offscreen at a fixed size and save it; exit status 0 on success. No welcome and no
    tour: the picture shows the window as it is, after three turns of the event loop (in which views lay
    themselves out again once shown), or with `first_frame` as first drawn (see `first_frame_drawn`)."""
    from shenbao.ui.main_window import MainWindow

    _answer_dialogs_with_cancel(app)  # parented to the app, it lives as long as the run
    window = MainWindow(folder, settings, today=(lambda: as_of) if as_of else dt.date.today, demo=demo)
    window.resize(1440, 900)
    window.show()
    window.finish_loading()
    if window.store is None:
        raise KnownError(f"{folder}: 无法打开数据文件夹")
    target: Any = window
    if view == "main":
        _pick_measure(window)
    elif view == "library":
        target = window.windows.library()
    elif view == "park":
        target = window.windows.park()
        if target is not None:
            _wait_for(app, target.loaded)
    elif view in ("register", "todo", "pipeline"):
        target = _register_view(app, window, view, demo=demo)
    elif view == "welcome":
        target = window.show_welcome()
    elif view == "about":
        target = window.windows.about()
    elif view == "help":
        target = window.windows.guide()
    elif view == "tour":  # its third step, over the preview; the user's own tour stays unseen
        _pick_measure(window)
        seen = settings.tour_done
        tour = window.start_tour()
        settings.tour_done = seen
        settings.sync()
        if tour is not None:
            tour.show_step(2)
    elif view == "invoices":
        target = _invoice_import(window)
    elif view == "licence":
        target = _licence_import(window)
    elif view.startswith("wizard:"):
        measure = view.split(":", 1)[1]
        _pick_enterprise_for(window, measure)
        if not window.current:
            raise KnownError(f"{folder}: 没有企业，无法打开申报向导（可加 --demo）")
        target = window.open_wizard(measure)
    else:
        raise KnownError(f"--view: 未知的视图 {view!r}，应为 " + " | ".join(VIEWS))
    if target is None:
        raise KnownError(f"--view {view}: 无法打开")
    if first_frame:
        first_frame_drawn(app, target)
    else:
        for _ in range(3):
            app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not drawn_frame(target).save(str(out), "PNG"):
        raise KnownError(f"{out}: 无法写入截图")
    print(f"已保存截图 {out}", file=sys.stderr)
    _start_up_done()
    if window.editor is not None:
        window.editor.undo_stack.setClean()
    window.close()
    return 0


def first_frame_drawn(app: Any, target: Any) -> None:
    """Let the event loop turn until `target` has been drawn once (at most three turns): the picture is
    then the first frame that shows it, as a user first sees it, which a timed start stops at. What is
    posted for after that frame (the main window's editor groups below the fold, a clear button's fade) is
    not waited for. A target that is not a widget (a picture made of two windows) gets the three turns."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    class Painted(QObject):
        seen = False

        def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 -- Qt's name
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    painted = Painted()
    if isinstance(target, QWidget):
        target.installEventFilter(painted)
    try:
        for _ in range(3):
            app.processEvents()
            if painted.seen:
                break
    finally:
        if isinstance(target, QWidget):
            target.removeEventFilter(painted)


def drawn_frame(target: Any) -> Any:
    """The frame of `target` as last drawn, as a QPixmap. On the offscreen platform a shown window's
    frame is copied from where it was drawn (its backing store), as a screen shows it; `grab()` would draw
    the whole window again, which costs as much as drawing it first did (30 of the 600 ms of a timed
    start). Elsewhere, and for a part of a window, the widget is drawn again into the picture."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    offscreen = QGuiApplication.platformName() == "offscreen"
    if (
        offscreen
        and isinstance(target, QWidget)
        and target.isWindow()
        and target.isVisible()
        and target.screen()
    ):
        frame = target.screen().grabWindow(target.winId())
        if not frame.isNull() and frame.size() == target.size():
            return frame
    return target.grab()


def _invoice_import(window: Any) -> Any:
    """The invoice page of the compute wizard of the demo invoice's buyer, the invoice being imported
    over it: one picture of both windows."""
    from shenbao import paths
    from shenbao.core.documents import read_document
    from shenbao.ui.invoice_import import InvoiceDrop

    files = sorted((paths.resources() / "demo" / "invoices").glob("*.xml"))
    if not files or not window.select_enterprise(str(read_document(files[0]).invoice.buyer_tax_id)):
        raise KnownError("--view invoices: 数据文件夹中没有示例发票的购买方（请加 --demo）")
    wizard = window.open_wizard("fj2025.compute_voucher", "facts.compute_invoices")
    drop = wizard.findChild(InvoiceDrop) if wizard is not None else None
    if drop is None:
        return None
    wizard.resize(980, 720)
    dialog = drop.open_dialog([str(f) for f in files])
    dialog.resize(840, 300)
    return _dialog_over(wizard, dialog, 120, 330)


def _licence_import(window: Any) -> Any:
    """A new enterprise begun from the demo 营业执照 photo: the profile with the proposals over it (read
    here, with the recognition extra)."""
    from shenbao import paths
    from shenbao.core.documents import read_document
    from shenbao.core.ocr import OCR_EXTRA, ocr_available
    from shenbao.ui.licence_import import LicenceDialog

    photos = sorted((paths.resources() / "demo" / "licences").glob("*.jpg"))
    if not photos:
        raise KnownError("--view licence: 没有示例营业执照照片")
    if not ocr_available():
        raise KnownError(f"--view licence: 需要识别扩展（{OCR_EXTRA}）")
    window.new_enterprise(ask=False)
    editor = window.editor
    dialog = LicenceDialog(read_document(photos[0]), editor.text, editor.label, photos[0], window)
    dialog.resize(1060, 500)
    return _dialog_over(window, dialog, 190, 250)


def _dialog_over(base: Any, dialog: Any, x: int, y: int) -> Any:
    """One picture of a window with a dialog over it, drawn as a window: a title bar and a frame."""
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QApplication

    dialog.show()
    for _ in range(3):
        QApplication.processEvents()
    picture, shot = base.grab(), dialog.grab()
    painter = QPainter(picture)
    bar = 26
    painter.fillRect(x - 2, y - bar, shot.width() + 4, shot.height() + bar + 2, QColor("#4a5a70"))
    painter.setPen(QColor("white"))
    painter.drawText(x + 8, y - 8, dialog.windowTitle())
    painter.drawPixmap(x, y, shot)
    painter.end()

    class Picture:
        def grab(self) -> Any:
            return picture

    return Picture()


def _register_view(app: Any, window: Any, view: str, *, demo: bool) -> Any:
    """申报记录 (a paid declaration selected), 待办 or 申报进度; the demo gets its sample declarations."""
    if demo:
        from shenbao.ui.context import OpChanges
        from shenbao.ui.demo import add_demo_declarations

        if add_demo_declarations(window.store, window.ctx.as_of()):
            window.ctx.report(OpChanges(store=True))
    if view == "register":
        target = window.windows.register()
        if target is not None:
            paid = [e for e in target.model.entries if e.state == "paid"] or target.model.entries
            if paid:
                target.select(paid[0].id)
        return target
    target = window.windows.todo() if view == "todo" else window.windows.pipeline()
    if target is not None:
        _wait_for(app, target.loaded)
    return target


def _answer_dialogs_with_cancel(app: Any) -> None:
    """A screenshot runs unattended, so a dialog that asks (the data passphrase when no keyring holds the
    key, a question, an error) would wait forever: it is cancelled as soon as it shows. A refused
    passphrase then ends the command with the store's own one-line reason; a message box's text is
    passed on to stderr, as the user would have read it."""
    from PySide6.QtCore import QTimer

    from shenbao.ui.app import UNATTENDED_PROPERTY

    app.setProperty(UNATTENDED_PROPERTY, True)

    def cancel() -> None:  # only dialogs that ask: the view pictured may itself be a dialog (about, welcome)
        dialog = app.activeModalWidget()
        if dialog is None:  # the classes asked about load when a dialog is up, not before the first frame
            return
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        if isinstance(dialog, (QMessageBox, QInputDialog)) and dialog.isVisible():
            if isinstance(dialog, QMessageBox):
                sys.stderr.write(" ".join(dialog.text().split()) + "\n")
            dialog.reject()

    timer = QTimer(app)
    timer.timeout.connect(cancel)
    timer.start(50)


def _wait_for(app: Any, signal: Any, timeout_ms: int = 60000) -> None:
    """Run the event loop until `signal` fires (a view judging in the background), or time out."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def _pick_enterprise_for(window: Any, measure: str) -> None:
    """Open the wizard on an enterprise the measure suits: the first one judged eligible, else the
    first not judged ineligible, else the one selected."""
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules

    engine, as_of = rules(), window.ctx.as_of()
    if measure not in engine.catalogue.measures:
        raise KnownError(f"--view wizard:{measure}: 没有这项措施（见 shenbao measures）")
    ranked: dict[str, list[str]] = {"eligible": [], "incomplete": []}
    for row in window.store.list_enterprises():
        result = engine.preview(parse_profile(window.store.get_profile(row.uscc)), as_of).result(measure)
        if result.status in ranked:
            ranked[result.status].append(row.uscc)
    chosen = (ranked["eligible"] or ranked["incomplete"] or [None])[0]
    if chosen:
        window.select_enterprise(chosen)


def _pick_measure(window: Any) -> None:
    """Select the first measure that can be applied for, so the picture shows a trace."""
    preview = window.preview
    if preview is None or preview.preview is None:
        return
    for result in preview.preview.results:
        if result.status == "eligible" and result.amount is not None:
            preview.select_measure(result.measure)
            return
