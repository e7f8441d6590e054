"""The application context: what every view shares, passed in rather than reached for.

One `AppContext` per window holds the data folder's store (and a factory for the stores of background
work: a SQLite connection belongs to the thread that opened it), the as-of date the app judges on, the
policy library in use, and signals for what changed. An operation that writes reports what it changed
(`OpChanges`, after Anki's) once it has committed; every open view listens and decides for itself
whether to reload. No view reaches into another, and none keeps a stale copy it later writes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from shenbao.ui.workers import BackgroundOp, Task

if TYPE_CHECKING:
    from shenbao.core.store.repository import Store


@dataclass(frozen=True)
class OpChanges:
    """What one committed operation changed (the codes of the enterprises concerned)."""

    saved: tuple[str, ...] = ()  # enterprises added or changed
    removed: tuple[str, ...] = ()
    declarations: tuple[str, ...] = ()  # enterprises whose declarations (drafts, forms) changed
    policy: bool = False  # the policy library was reloaded
    store: bool = False  # the whole store may differ (another folder, a restored backup)

    @classmethod
    def of(cls, saved: Iterable[str] = (), **kw: Any) -> OpChanges:
        return cls(saved=tuple(dict.fromkeys(saved)), **kw)

    def __bool__(self) -> bool:
        return bool(self.saved or self.removed or self.declarations or self.policy or self.store)

    def touches(self, uscc: str | None = None) -> bool:
        """Whether an enterprise's data or declarations changed: any one's (`uscc` None), or that one's.
        A view that gathers its rows again on a change asks this once per operation (an import reports
        100,000 codes at once), not at each code's own signal."""
        if uscc is None:
            return bool(self.saved or self.removed or self.declarations)
        return uscc in self.saved or uscc in self.removed or uscc in self.declarations


class AppContext(QObject):
    """The store, the as-of date, the policy library and the change signals one window's views share."""

    enterprise_removed = Signal(str)  # its code; what was written is in `changed`, once per operation
    policy_data_changed = Signal()
    as_of_changed = Signal(object)  # datetime.date
    store_replaced = Signal()  # another data folder or a restored backup: reload everything
    changed = Signal(object)  # the OpChanges, once per operation, after the signals above

    def __init__(
        self,
        folder: Path,
        *,
        store: Store | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        as_of: dt.date | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.store: Store | None = store
        self.today = today
        self._as_of = as_of or today()
        self._rules: Any = None
        self.passphrase: str | None = None  # the data passphrase when no keyring holds the key

    # --- the store ---------------------------------------------------------------------------------

    def open_store(self, task: Task | None = None) -> Store:
        """A new connection to this folder's store, for a background thread (the store factory). When the
        data key is under a passphrase not yet given, `task` asks for it on the UI thread, as the window
        asks when it opens the store, and the context keeps it for the work that follows."""
        from shenbao.core.store.repository import Store

        def prompt(new: bool) -> str | None:
            if self.passphrase is None and task is not None:
                task.ask(lambda: self._ask_passphrase(new))
                if self.passphrase is None:  # the dialog cancelled
                    from shenbao.ui.settings_dialog import passphrase_not_given

                    refusal = passphrase_not_given(new)
                    if refusal is not None:
                        raise refusal
            return self.passphrase

        def wrong() -> None:  # asked again, saying why, rather than tried again with the same words
            self.passphrase = None
            if task is not None:
                task.ask(self._passphrase_wrong)

        prompt.on_wrong = wrong  # type: ignore[attr-defined]
        return Store.open(self.folder, prompt=prompt, daily_backup=False)

    def _ask_passphrase(self, new: bool) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication

        from shenbao.ui.settings_dialog import ask_passphrase

        if self.passphrase is None:  # another piece of work may have asked meanwhile
            title = QCoreApplication.translate("MainWindow", "数据口令")
            self.passphrase = ask_passphrase(QApplication.activeWindow(), new, title) or None

    def _passphrase_wrong(self) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication

        from shenbao.ui.settings_dialog import passphrase_wrong

        passphrase_wrong(QApplication.activeWindow(), QCoreApplication.translate("MainWindow", "数据口令"))

    def replace_store(self, folder: Path, store: Store | None) -> None:
        """Another folder is now the data (None: none is open yet): every view reloads."""
        self.close_store()
        self.folder, self.store = Path(folder), store
        self.report(OpChanges(store=True))

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    # --- the as-of date and the policy library ----------------------------------------------------

    def as_of(self) -> dt.date:
        return self._as_of

    def set_as_of(self, date: dt.date) -> None:
        if date != self._as_of:
            self._as_of = date
            self.as_of_changed.emit(date)

    def rules(self) -> Any:
        """The policy library in use (loaded on first use; raises PolicyDataError when it does not load)."""
        if self._rules is None:
            from shenbao.core.rules import rules

            self._rules = rules()
        return self._rules

    # --- changes ----------------------------------------------------------------------------------

    def report(self, changes: OpChanges) -> None:
        """Tell every view what an operation changed, after it committed."""
        if not changes:
            return
        for code in changes.removed:
            self.enterprise_removed.emit(code)
        if changes.policy:
            self._rules = None
            self.policy_data_changed.emit()
        if changes.store:
            self.store_replaced.emit()
        self.changed.emit(changes)

    def run(
        self,
        work: Callable[[Store, Task], tuple[Any, OpChanges]],
        *,
        parent: QWidget | None,
        label: str = "",
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        on_post: Callable[[Any], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        show_progress: bool = True,
    ) -> BackgroundOp:
        """Run `work(store, task)` off the UI thread on a store of its own (after Anki's CollectionOp);
        it returns (result, OpChanges). Back on the UI thread the changes are reported, then
        `on_success(result)` runs."""

        def in_worker(task: Task) -> tuple[Any, OpChanges]:
            with self.open_store(task) as store:
                return work(store, task)

        def succeeded(outcome: tuple[Any, OpChanges]) -> None:
            result, changes = outcome
            self.report(changes)
            if on_success is not None:
                on_success(result)

        return BackgroundOp(
            in_worker,
            parent=parent,
            label=label,
            on_success=succeeded,
            on_failure=on_failure,
            on_cancel=on_cancel,
            on_post=on_post,
            on_progress=on_progress,
            show_progress=show_progress,
        ).start()
