"""Opening a data folder's store from the UI: the data passphrase when no keyring holds the key (kept in
the context for the stores of background work), and a damaged file offered back from its newest good
backup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from shenbao.errors import KnownError
from shenbao.ui.context import AppContext

if TYPE_CHECKING:
    from shenbao.core.store.repository import Store


def open_store(parent: QWidget, context: AppContext) -> Store | None:
    """The store of the context's folder, or None after telling the user why it did not open."""
    from PySide6.QtWidgets import QMessageBox

    from shenbao.core.store import DamagedStoreError
    from shenbao.core.store.repository import Store

    def prompt(new: bool) -> str | None:
        from shenbao.ui.settings_dialog import ask_passphrase, passphrase_not_given  # loaded when asked

        if context.passphrase and not new:  # the one the window now has (changed in the settings)
            return context.passphrase
        value = ask_passphrase(parent, new, QCoreApplication.translate("MainWindow", "数据口令"))
        if not value:
            refusal = passphrase_not_given(new)
            if refusal is not None:
                raise refusal
            return None
        context.passphrase = value
        return value

    def wrong() -> None:
        from shenbao.ui.settings_dialog import passphrase_wrong

        context.passphrase = None
        passphrase_wrong(parent, QCoreApplication.translate("MainWindow", "数据口令"))

    prompt.on_wrong = wrong  # type: ignore[attr-defined]  # the store asks again after a wrong one

    from shenbao.ui.style import known_text

    try:
        return Store.open(context.folder, prompt=prompt)
    except DamagedStoreError as err:
        said: KnownError = err
        buttons = QMessageBox.StandardButton
        if (
            err.backups
            and QMessageBox.question(
                parent,
                QCoreApplication.translate("MainWindow", "数据库已损坏"),
                known_text(err) + "\n\n" + QCoreApplication.translate("MainWindow", "从最近的完好备份恢复？"),
                buttons.Yes | buttons.No,
                buttons.No,
            )
            == buttons.Yes
        ):
            from shenbao.core.store.db import restore_backup

            try:
                restore_backup(context.folder)
            except KnownError as refused:  # no room for it, a backup gone since: said, nothing touched
                said = refused
            else:
                return open_store(parent, context)
        QMessageBox.critical(
            parent, QCoreApplication.translate("MainWindow", "无法打开数据"), known_text(said)
        )
    except KnownError as err:
        QMessageBox.critical(
            parent, QCoreApplication.translate("MainWindow", "无法打开数据"), known_text(err)
        )
    return None
