"""Long work off the UI thread: a plain function run on a QThreadPool, with progress, cancel, and its
success or failure delivered back on the UI thread (after Anki's `CollectionOp`).

The function receives a `Task`: `task.report(done, total, text)` moves the progress bar,
`task.check()` raises `Cancelled` once the user pressed 取消, `task.post(part)` hands a part of the result
to the UI thread while the work goes on (rows judged so far), and `task.ask(fn)` runs `fn` on the UI
thread and waits for its answer (a passphrase dialog in the middle of an import). It must never touch a
widget itself. A SQLite connection belongs to the thread that opened it, so work on the store opens its
own `Store` inside the function (see AppContext.run, which opens it).
"""

from __future__ import annotations

import gc
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from shenbao.errors import KnownError

if TYPE_CHECKING:  # the dialogs load when one is shown
    from PySide6.QtWidgets import QProgressDialog


class Cancelled(Exception):
    """Raised inside the work by `Task.check()` once cancel was asked for."""


class _Bridge(QObject):
    """Lives on the UI thread; the worker emits, the UI thread receives (queued connections)."""

    progress = Signal(int, int, str)
    posted = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()
    asked = Signal(object)
    committed = Signal()


class Task:
    """What the work function sees: progress, cancel and questions to the user."""

    def __init__(self, bridge: _Bridge) -> None:
        self._bridge = bridge
        self._cancel = threading.Event()
        self._committed = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set() and not self._committed.is_set()

    def cancel(self) -> None:
        if not self._committed.is_set():
            self._cancel.set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled

    def commit(self) -> None:
        """The work's outcome is decided (its transaction has committed): from here a cancel is not
        heeded, the rest being done as it would be, and the progress dialog offers none."""
        if not self._committed.is_set():
            self._committed.set()
            self._bridge.committed.emit()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        self.check()
        self._bridge.progress.emit(done, total, text)

    def post(self, part: Any) -> None:
        """Hand `part` to the operation's `on_post` on the UI thread; raises Cancelled once cancelled."""
        self.check()
        self._bridge.posted.emit(part)

    def ask(self, fn: Callable[[], Any]) -> Any:
        """Run `fn` on the UI thread and return what it returned (or raise what it raised)."""
        box: dict[str, Any] = {}
        done = threading.Event()
        self._bridge.asked.emit((fn, box, done))
        while not done.wait(0.05):
            self.check()
        if "error" in box:
            raise box["error"]
        return box.get("value")


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Task], Any], task: Task, bridge: _Bridge) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn: Callable[[Task], Any] | None = fn
        self._task, self._bridge = task, bridge

    def run(self) -> None:
        fn, self._fn = self._fn, None
        assert fn is not None  # a runnable runs once
        signal: Any
        args: tuple[Any, ...]
        try:
            self._task.check()  # cancelled while it waited for a thread: it does not start
            result = fn(self._task)
        except Cancelled:
            signal, args = self._bridge.cancelled, ()
        except BaseException as err:  # noqa: BLE001 -- every failure goes back to the UI thread
            signal, args = self._bridge.failed, (err, traceback.format_exc())
        else:
            signal, args = self._bridge.succeeded, (result,)
        del fn  # the op lets go of the work last, on the UI thread (BackgroundOp._release)
        signal.emit(*args)


_running: set[BackgroundOp] = set()

BUSY_SWITCH_INTERVAL = 0.0002
"""How long a thread waits for the interpreter lock before asking its holder to hand it over, while work
runs (the interpreter's own is 5 ms). Every call Qt makes into Python on the UI thread (a model's data(),
a delegate, an event filter) needs the lock, and a worker busy in Python keeps it until asked: the
progress dialog appearing over the window made 3,150 such calls, which took 1.5–1.8 s at 5 ms while a
park table's rows were read, and 0.05–0.11 s at 0.2 ms. The import's own time did not change; two threads
both busy in Python lost 0–10 % to the extra hand-overs in trials."""
_switch_interval: list[float] = []  # the interval before the first piece of work started


class BackgroundOp(QObject):
    """One piece of background work with an optional progress dialog.

    >>> BackgroundOp(lambda task: slow(task), parent=window, label="正在导入…",
    ...              on_success=lambda report: ...).start()
    """

    finished = Signal()

    def __init__(
        self,
        fn: Callable[[Task], Any],
        *,
        parent: QWidget | None,
        label: str = "",
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        on_post: Callable[[Any], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        pool: QThreadPool | None = None,
        show_progress: bool = True,
    ) -> None:
        # The application's while the work runs, its window's once it has reported: a window deleted
        # meanwhile (a side window is deleted when closed) would take the op with it, and its report
        # would never arrive (counted as running for good, the cycle collector left off).
        super().__init__(QCoreApplication.instance())
        self._fn: Callable[[Task], Any] | None = fn
        self._parent = parent
        self._orphaned = False  # its window went before it reported
        if parent is not None:
            parent.destroyed.connect(self._parent_gone)
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancel = on_cancel
        self._on_post = on_post
        self._on_progress = on_progress
        self._pool = pool or QThreadPool.globalInstance()
        self._bridge = _Bridge(self)  # deleted with the op, on the UI thread, whoever lets go of it last
        self.task = Task(self._bridge)
        self.dialog: QProgressDialog | None = None
        if show_progress:
            from PySide6.QtWidgets import QProgressDialog

            self.dialog = QProgressDialog(label, self.tr("取消"), 0, 0, parent)
            self.dialog.setWindowTitle(self.tr("请稍候"))
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
        queued = Qt.ConnectionType.QueuedConnection
        self._bridge.progress.connect(self._progress, queued)
        self._bridge.posted.connect(self._posted, queued)
        self._bridge.succeeded.connect(self._succeeded, queued)
        self._bridge.failed.connect(self._failed, queued)
        self._bridge.cancelled.connect(self._cancelled, queued)
        self._bridge.asked.connect(self._asked, queued)
        self._bridge.committed.connect(self._committed, queued)

    def start(self) -> BackgroundOp:
        if self._fn is None:
            raise RuntimeError("a BackgroundOp runs once: its work was let go of when it reported")
        if not _running:
            # Python collects cycles in whichever thread happens to allocate: in a worker that would
            # delete Qt objects (a closed window's wrappers) off the UI thread, which crashes Qt. While
            # work runs, cycles wait; the UI thread collects them once the last piece of work has ended.
            gc.disable()
            if not _switch_interval:
                _switch_interval.append(sys.getswitchinterval())
                sys.setswitchinterval(min(BUSY_SWITCH_INTERVAL, _switch_interval[0]))
        _running.add(self)
        if self.dialog is not None:
            self.dialog.setValue(0)
        self._pool.start(_Runnable(self._fn, self.task, self._bridge))
        return self

    @Slot()
    def cancel(self) -> None:
        self.task.cancel()
        if self.dialog is not None and self.task.cancelled:
            self.dialog.setLabelText(self.tr("正在取消…"))

    @Slot()
    def _committed(self) -> None:
        if self.dialog is not None:
            self.dialog.setCancelButton(None)  # type: ignore[arg-type]  # none: the work is past cancelling

    @Slot()
    def _parent_gone(self) -> None:
        """Its window was deleted before the work reported: the work is cancelled (a cancel leaves no
        partial file), and what it reports is only counted off, the window it would tell being gone (its
        progress dialog with it)."""
        self._orphaned = True
        self._parent = None
        self.dialog = None
        self.task.cancel()

    @Slot(object)
    def _posted(self, part: Any) -> None:
        if self._on_post is not None and not self.task.cancelled:
            self._on_post(part)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self._on_progress is not None and not self.task.cancelled:
            self._on_progress(done, total, text)
        dialog = self.dialog
        if dialog is None:
            return
        if text:
            dialog.setLabelText(text)
        dialog.setMaximum(max(total, 0))
        # Last: a modal dialog's setValue() runs the event loop, where the work's end may close it.
        dialog.setValue(min(done, total) if total else 0)

    @Slot(object)
    def _asked(self, request: tuple[Callable[[], Any], dict[str, Any], threading.Event]) -> None:
        fn, box, done = request
        try:
            self.task.check()  # cancelled (its window gone, perhaps): nobody to ask
            box["value"] = fn()
        except BaseException as err:  # noqa: BLE001 -- handed back to the worker
            box["error"] = err
        done.set()

    def _end(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        _running.discard(self)
        if not _running:
            if _switch_interval:
                sys.setswitchinterval(_switch_interval.pop())
            QTimer.singleShot(0, _collect)
        if self._parent is not None:
            self._parent.destroyed.disconnect(self._parent_gone)
            self.setParent(self._parent)
        elif not self._orphaned:
            self.setParent(None)  # made without a window: Python's again, let go of with its last reference
        self.finished.emit()

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        self._end()
        try:
            if self._on_success is not None and not self._orphaned:
                self._on_success(result)
        finally:
            self._release()

    @Slot(object, str)
    def _failed(self, err: BaseException, details: str) -> None:
        self._end()
        try:
            if self._on_failure is not None and not self._orphaned:
                self._on_failure(err, details)
            else:  # its window gone, said on its own: it failed before its cancel reached it
                show_error(self._parent, err, details)
        finally:
            self._release()

    @Slot()
    def _cancelled(self) -> None:
        self._end()
        try:
            if self._on_cancel is not None and not self._orphaned:
                self._on_cancel()
        finally:
            self._release()

    def _release(self) -> None:
        """Let go of the work and of what it reported to, once reported. The op stays a child of its
        window for the window's life, and what the work's closures hold would stay with it: a park
        table's import plan, 100,000 enterprises and some 400 MB, for every import. They are let go of
        here, on the UI thread, so that any Qt object among them is deleted on the thread it lives in."""
        self._fn = None
        self._on_success = self._on_failure = self._on_cancel = None
        self._on_post = self._on_progress = None
        if self._orphaned:
            self.deleteLater()


def wait_for(
    fn: Callable[[Task], Any], *, parent: QWidget | None, label: str, at_once: bool = False
) -> list[Any]:
    """Run `fn` in the background and wait for it here, in a local event loop: the window stays drawn and
    the progress dialog answers 取消 meanwhile (shown `at_once` when the wait is known to be long, else
    after 300 ms). [its result], or [] when cancelled or failed (a failure is shown)."""
    from PySide6.QtCore import QEventLoop

    outcome: list[Any] = []
    ended: list[bool] = []
    loop = QEventLoop()
    op = BackgroundOp(fn, parent=parent, label=label, on_success=outcome.append)
    if at_once and op.dialog is not None:
        op.dialog.setMinimumDuration(0)
    op.finished.connect(loop.quit)
    op.finished.connect(lambda: ended.append(True))
    op.start()
    if not ended:  # a modal dialog's first step runs the event loop, where the work may already have ended
        loop.exec()
    return outcome


def _collect() -> None:
    """The cycles made while work ran, collected on the UI thread on the event loop's next pass, unless
    work started again meanwhile (an import's writing starts as its reading reports): the collection
    walks every object made since it was turned off, 0.4–0.6 s after a park table's rows were read."""
    if not _running:
        gc.enable()
        gc.collect()


def start_up_done() -> None:
    """The start's first frame is drawn: Python may collect cycles again. `shenbao gui` turns the
    collector off before it imports anything: the start makes hundreds of thousands of objects that live
    as long as the process (modules, Qt's enums, the policy library, the window), and collecting among
    them cost the first frame a tenth of its time. They are frozen, so no later collection walks them
    again (a collection of them all would pause the window as long). Left off while work runs in the
    background (see `start`)."""
    if not _running and not gc.isenabled():
        gc.freeze()
        gc.enable()


def running() -> int:
    """How many background operations have not yet reported back."""
    return len(_running)


def install_bug_hook() -> None:
    """An exception nobody expected (a bug in a formula, in a slot) reaches the bug dialog with its details,
    instead of vanishing into the console or passing for bad input."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], err: BaseException, tb: Any) -> None:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is None or not isinstance(err, Exception):
            previous(kind, err, tb)
            return
        traceback.print_exception(kind, err, tb)
        show_error(QApplication.activeWindow(), err, "".join(traceback.format_exception(kind, err, tb)))

    sys.excepthook = hook


def show_error(parent: QWidget | None, err: BaseException, details: str = "") -> None:
    """A known error in plain words; anything else as a bug with the details to report."""
    from PySide6.QtWidgets import QMessageBox

    if isinstance(err, KnownError):
        from shenbao.ui.style import known_text

        QMessageBox.warning(parent, QCoreApplication.translate("Errors", "无法完成"), known_text(err))
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Errors", "程序出错"),
        QCoreApplication.translate("Errors", "出现了一个程序错误。请把下面的详细信息发给维护人员。"),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setDetailedText(details or "".join(traceback.format_exception(err)))
    box.exec()
