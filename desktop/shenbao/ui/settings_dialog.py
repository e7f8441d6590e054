"""Settings: the data folder, backups (make and restore), the language and where the data key lives
(the keyring or a passphrase, moving it from one to the other, changing the passphrase, or changing the
key itself); and the small dialog that asks for a passphrase."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shenbao.core.store.secrets import KeyMoveError, KeyUnavailableError, check_new_passphrase
from shenbao.errors import OS_REASONS, KnownError, not_a_folder
from shenbao.ui.app import LANGUAGE_PROPERTY, LANGUAGES, UNATTENDED_PROPERTY, AppSettings, core_text
from shenbao.ui.screen import fit_to_screen
from shenbao.ui.style import gap, known_text
from shenbao.ui.workers import BackgroundOp, show_error

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from shenbao.core.store.repository import RotateReport, Store
    from shenbao.ui.workers import Task


class SettingsDialog(QDialog):
    """Changes to the folder and the language apply at the next start; backups act at once."""

    restored = Signal(str)  # the backup file put back
    passphrase_set = Signal(str)  # the key is now under this new data passphrase

    def __init__(
        self,
        settings: AppSettings,
        store: Store | None,
        folder: Path,
        parent: QWidget | None = None,
        *,
        open_store: Callable[[Task], Store] | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.store, self.folder = settings, store, Path(folder)
        # a store of its own for the background work (`AppContext.open_store`: it asks for the data
        # passphrase on this thread when it needs one), made from the folder when not given
        self._open_store = open_store
        self.rotation: BackgroundOp | None = None  # the change of key, or of its passphrase, under way
        # asked before a restore replaces the data: unsaved edits elsewhere saved, discarded or kept
        self.guard: Callable[[], bool] = lambda: True
        self.setWindowTitle(self.tr("设置"))
        fit_to_screen(self, 640, 520)

        self.folder_edit = QLineEdit(settings.data_dir)
        self.folder_edit.setObjectName("data_dir")
        self.folder_edit.setPlaceholderText(str(self.folder))
        self.folder_edit.setAccessibleName(self.tr("数据文件夹"))
        self.browse_button = QPushButton(self.tr("浏览(&B)…"))
        self.browse_button.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        general = QGroupBox(self.tr("常规"))
        form = QFormLayout(general)
        folder_label = QLabel(self.tr("数据文件夹(&D)："))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        language_label = QLabel(self.tr("界面语言(&L)："))
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        app = QApplication.instance()
        running = app.property(LANGUAGE_PROPERTY) if app is not None else None
        if running in LANGUAGES and running != settings.language:  # started with --language
            note = QLabel(
                self.tr("本次运行的界面语言为{running}（启动时指定）；此处选择的是以后启动时的语言。").format(
                    running=LANGUAGES[running]
                )
            )
            note.setObjectName("running_language")
            note.setWordWrap(True)
            form.addRow("", note)
        form.addRow("", QLabel(self.tr("更改数据文件夹或语言后，重新启动申报助手生效。")))

        self.key_label = QLabel()
        self.key_label.setObjectName("key_home")
        self.key_label.setWordWrap(True)
        self.key_button = QPushButton()
        self.key_button.setObjectName("move_key")
        self.key_button.clicked.connect(lambda: self.move_key())
        self.rotate_button = QPushButton(self.tr("更换数据密钥…"))
        self.rotate_button.setObjectName("rotate_key")
        self.rotate_button.setToolTip(
            self.tr("换用新的密钥重新加密所有敏感信息：旧密钥、旧口令和旧备份从此打不开当前数据")
        )
        self.rotate_button.clicked.connect(lambda: self.rotate_key())
        self.passphrase_button = QPushButton(self.tr("更改数据口令…"))
        self.passphrase_button.setObjectName("change_passphrase")
        self.passphrase_button.setToolTip(
            self.tr(
                "为同一个密钥设置新的数据口令：当前数据和备份从此用新口令打开，无需重新加密；复制到别处的副本仍由旧口令保护"
            )
        )
        self.passphrase_button.clicked.connect(lambda: self.change_passphrase())
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_button)
        key_row.addWidget(self.passphrase_button)
        key_row.addWidget(self.rotate_button)
        key_row.addStretch(1)
        key_box = QGroupBox(self.tr("加密密钥"))
        key_layout = QVBoxLayout(key_box)
        key_layout.addWidget(self.key_label)
        key_layout.addLayout(key_row)
        self.refresh_key()

        self.backups = QListWidget()
        self.backups.setObjectName("backups")
        self.backups.setAccessibleName(self.tr("备份列表"))
        self.backup_button = QPushButton(self.tr("立即备份(&K)"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("从所选备份恢复(&R)…"))
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.backup_button)
        buttons_row.addWidget(self.restore_button)
        buttons_row.addStretch(1)
        backup_box = QGroupBox(self.tr("备份（保留最近 10 份）"))
        backup_layout = QVBoxLayout(backup_box)
        backup_layout.addWidget(self.backups)
        backup_layout.addLayout(buttons_row)
        for widget in (self.backups, self.backup_button, self.restore_button):
            widget.setEnabled(store is not None)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(key_box)
        layout.addWidget(backup_box, 1)
        layout.addWidget(self.buttons)
        self.refresh_backups()

    def _key_text(self, home: str | None) -> str:
        if home == "keyring":
            return self.tr(
                "身份证号和联系电话用存放在系统钥匙串中的密钥加密。换电脑时请用“导出数据包”并设置口令。"
            )
        if home == "passphrase":
            return self.tr(
                "密钥由您设置的数据口令保护，每次启动后首次读取敏感信息时需要输入口令；"
                "口令不保存在任何地方，忘记后将无法读取这些信息。"
            )
        return self.tr(
            "尚未创建密钥：首次保存身份证号或联系电话时创建，优先存放在系统钥匙串中，不可用时改用数据口令。"
        )

    def refresh_key(self) -> None:
        """Describe where the key lives and offer to move it to the other place."""
        home = self.store.key_home() if self.store is not None else None
        self.key_label.setText(self._key_text(home))
        self.key_button.setToolTip("")
        if home == "passphrase" and self.store is not None:
            self.key_button.setText(self.tr("改存到系统钥匙串"))
            works = self.store.keyring_works()
            self.key_button.setEnabled(works)
            if not works:
                self.key_button.setToolTip(self.tr("这台电脑上没有可用的系统钥匙串"))
        else:
            self.key_button.setText(self.tr("改用数据口令保护…"))
            self.key_button.setEnabled(self.store is not None)
        self.passphrase_button.setVisible(home == "passphrase" and self.store is not None)
        self.rotate_button.setEnabled(home is not None)

    def rotate_key(self) -> BackgroundOp | None:
        """A new data key, every secret re-encrypted under it. Backups made before still hold the old
        key's ciphertext: the user says whether they are re-encrypted or deleted. The work running, or
        None when the user did not go ahead."""
        if self.store is None or self.rotation is not None:
            return None
        count = len(self.store.list_backups())
        buttons = QMessageBox.StandardButton
        if count:
            answer = QMessageBox.question(
                self,
                self.tr("更换数据密钥"),
                self.tr(
                    "将换用新的密钥重新加密所有身份证号、联系电话和申报内容。已有 %n 份备份仍由旧密钥加密：\n"
                    "“是”：把备份也重新加密；“否”：删除这些备份；“取消”：不更换。",
                    "",
                    count,
                ),
                buttons.Yes | buttons.No | buttons.Cancel,
                buttons.Cancel,
            )
            choice = {buttons.Yes: "reencrypt", buttons.No: "delete"}.get(answer)
        else:
            answer = QMessageBox.question(
                self,
                self.tr("更换数据密钥"),
                self.tr("将换用新的密钥重新加密所有身份证号、联系电话和申报内容。继续吗？"),
                buttons.Yes | buttons.Cancel,
                buttons.Cancel,
            )
            choice = "reencrypt" if answer == buttons.Yes else None
        if choice is None:
            return None
        return self._rotate(choice)

    def _rotate(self, backups: str) -> BackgroundOp:
        """Every secret re-encrypted off the UI thread, on a store of the work's own, with a progress
        dialog; the dialog's buttons wait meanwhile, and its message says what was done. 取消 is offered
        until the new key is committed (nothing is changed then); the backups are done whatever is asked."""
        labels = {
            "data": self.tr("正在用新的密钥重新加密身份证号、联系电话和申报内容…"),
            "backups": self.tr("正在重新加密备份…") if backups == "reencrypt" else self.tr("正在删除旧备份…"),
        }
        open_store = self._store_opener()

        def work(task: Task) -> RotateReport:
            def told(stage: str, done: int, total: int) -> None:
                if stage != "data":
                    task.commit()  # the new key is in use: the backups are done whatever is asked
                task.report(done, total, labels[stage])

            with open_store(task) as store:
                return store.rotate_key(backups, told)

        self._hold(True)
        self.rotation = BackgroundOp(
            work,
            parent=self,
            label=labels["data"],
            on_success=self._rotation_done,
            on_cancel=self._rotation_cancelled,
        )
        self.rotation.finished.connect(self._rotation_ended)
        return self.rotation.start()

    def _store_opener(self) -> Callable[[Task], Store]:
        """What opens the background work's own store: the window's (`AppContext.open_store`, which asks
        for the data passphrase on the UI thread when it needs one), else one made from the folder."""
        if self._open_store is not None:
            return self._open_store
        from shenbao.ui.context import AppContext

        return AppContext(self.folder, store=self.store, parent=self).open_store

    def _rotation_done(self, report: RotateReport) -> None:
        QMessageBox.information(self, self.tr("更换数据密钥"), self._rotated(report))

    def _rotation_cancelled(self) -> None:
        QMessageBox.information(
            self, self.tr("更换数据密钥"), self.tr("已取消：数据密钥未更换，数据和备份保持原样。")
        )

    def _rotation_ended(self) -> None:
        self.rotation = None
        if self.store is not None:
            # the key this window's store holds was read before the work changed it: the next secret
            # read or written reads the one now in use (its passphrase, unchanged, is not asked again)
            self.store.keys.forget()
        self._hold(False)

    def _hold(self, busy: bool) -> None:
        """While the key is changed nothing else here acts: not the key, the backups nor the dialog's own
        buttons (closing it would stop the work halfway); each is as it should be again after."""
        for widget in (
            self.key_button,
            self.passphrase_button,
            self.rotate_button,
            self.backups,
            self.backup_button,
            self.restore_button,
            self.browse_button,
            self.buttons,
        ):
            widget.setEnabled(not busy)
        if not busy:
            for widget in (self.backups, self.backup_button):
                widget.setEnabled(self.store is not None)
            self.refresh_key()
            self.refresh_backups()

    def _rotated(self, report: RotateReport) -> str:
        """What the change of key did, as `RotateReport.summary` says it, in the interface's language."""
        if report.no_key:
            return core_text(report.summary())
        lines = [self.tr("已更换数据密钥，重新加密 %n 项", "", report.secrets)]
        if report.reencrypted:
            lines.append(self.tr("%n 份备份已重新加密", "", len(report.reencrypted)))
        if report.deleted:
            lines.append(self.tr("%n 份备份已删除", "", len(report.deleted)))
        if report.older:
            lines.append(self.tr("%n 份更早的备份由更早的密钥加密，未改动", "", len(report.older)))
        if report.damaged:
            lines.append(self.tr("%n 份备份已损坏，未改动", "", len(report.damaged)))
        return self.tr("；").join(lines)

    def change_passphrase(self) -> BackgroundOp | None:
        """A new data passphrase for the same key, as `shenbao key --to passphrase` gives one: the current
        passphrase asked only when this window's store has not been given it, then the new one twice.
        The key is wrapped under the new one and every backup told, off the UI thread (a file rewritten
        per backup); nothing is re-encrypted. The work running, or None when the user did not go ahead."""
        if self.store is None or self.rotation is not None or self.store.key_home() != "passphrase":
            return None
        current = None
        if not self.store.keys.unlocked():
            current = ask_passphrase(self, False, self.tr("数据口令"))
            if current is None:
                return None
        new = ask_passphrase(self, True, self.tr("新的数据口令"))
        if new is None:
            return None
        label = self.tr("正在更改数据口令，并告知每份备份…")
        open_store = _given(self.folder, current) if current is not None else self._store_opener()

        def work(task: Task) -> tuple[bool, int]:
            # past its first step the key's new passphrase is written and the backups follow it: stopped
            # among them, some backups would open with the old passphrase only
            task.commit()
            told = [0]

            def progress(done: int, total: int, rewritten: int) -> None:
                told[0] = rewritten
                task.report(done, total, label)

            with open_store(task) as store:
                moved = store.move_key("passphrase", new, progress)
            return moved, told[0]

        def done(outcome: tuple[bool, int]) -> None:
            moved, told = outcome
            self.passphrase_set.emit(new)  # what opens the key now, for the window's other stores
            if not moved:
                text = self.tr("口令未变：新口令与现用的数据口令相同，未作更改")
            elif told:
                text = self.tr("已更换数据口令，请牢记新口令；%n 份备份已随之改用新口令", "", told)
            else:
                text = self.tr("已更换数据口令，请牢记新口令")
            QMessageBox.information(self, self.tr("更改数据口令"), text)

        self._hold(True)
        self.rotation = BackgroundOp(
            work,
            parent=self,
            label=label,
            on_success=done,
            on_failure=lambda err, details: show_error(self, err, details),
            on_cancel=self._passphrase_kept,
        )
        self.rotation.finished.connect(self._passphrase_changed)
        return self.rotation.start()

    def _passphrase_kept(self) -> None:
        """Cancelled before the work began: nothing was written."""
        QMessageBox.information(
            self, self.tr("更改数据口令"), self.tr("已取消：数据口令未更改，数据和备份保持原样。")
        )

    def _passphrase_changed(self) -> None:
        # the key itself is the same: the window's store keeps the one it holds
        self.rotation = None
        self._hold(False)

    def move_key(self) -> bool:
        """Move the key to the other place: under a new passphrase (asked twice), or into the keyring
        (which may ask for the current passphrase). The key itself stays the same."""
        if self.store is None:
            return False
        passphrase = None
        if self.store.key_home() == "passphrase":
            to = "keyring"
        else:
            to = "passphrase"
            passphrase = ask_passphrase(self, True, self.tr("数据口令"))
            if passphrase is None:
                return False
        try:
            self.store.move_key(to, passphrase)
        except KnownError as err:
            show_error(self, err)
            return False
        finally:
            self.refresh_key()
        if passphrase:
            self.passphrase_set.emit(passphrase)
        return True

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("选择数据文件夹"), self.folder_edit.text() or str(self.folder)
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def refresh_backups(self) -> None:
        self.backups.clear()
        if self.store is None:
            return
        for path in self.store.list_backups():
            stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            item = QListWidgetItem(stamp + gap() + path.name)  # an ideographic space only in Chinese
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.backups.addItem(item)
        if self.backups.count():
            self.backups.setCurrentRow(0)
        self.restore_button.setEnabled(self.backups.count() > 0)

    def backup_now(self) -> Path | None:
        if self.store is None:
            return None
        try:
            path = self.store.backup_now()
        except KnownError as err:
            show_error(self, err)
            return None
        self.refresh_backups()
        return path

    def restore_selected(self, confirm: bool = True) -> Path | None:
        item = self.backups.currentItem()
        if self.store is None or item is None:
            return None
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        buttons = QMessageBox.StandardButton
        if (
            confirm
            and QMessageBox.question(
                self,
                self.tr("恢复备份"),
                self.tr("用备份 {name} 替换当前数据？当前数据会先自动备份。").format(name=path.name),
                buttons.Yes | buttons.No,
                buttons.No,
            )
            != buttons.Yes
        ) or not self.guard():
            return None
        try:
            used = self.store.restore(path)
        except KnownError as err:
            show_error(self, err)
            return None
        self.refresh_backups()
        self.refresh_key()  # the backup's key, or none yet
        self.restored.emit(str(used))
        return used

    def reject(self) -> None:
        if self.rotation is None:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 -- Qt's name
        if self.rotation is not None:
            event.ignore()  # closed, the dialog would stop the change of key halfway
            return
        super().closeEvent(event)

    def accept(self) -> None:
        if self.rotation is not None:
            return
        language = str(self.language.currentData())
        typed = self.folder_edit.text().strip()
        # stored whole: a relative path was found again from whichever folder the program started in
        folder = str(Path(typed).expanduser().resolve()) if typed else ""
        why = not_a_folder(folder) if folder else None
        if why and why != OS_REASONS["ENOENT"]:  # one not there is made at the next start
            # a file kept as the data folder made every start say 「未能打开数据文件夹」
            QMessageBox.warning(
                self,
                self.tr("设置"),
                self.tr("{folder}：{why}，不能用作数据文件夹；请另选一个文件夹。").format(
                    folder=folder, why=core_text(why)
                ),
            )
            self.folder_edit.setFocus()
            return
        changed = language != self.settings.language or folder != self.settings.data_dir
        self.settings.language = language
        self.settings.data_dir = folder
        self.settings.sync()
        if changed:
            parent = self.parentWidget()
            if parent is not None:
                text = self.tr("设置已保存，重新启动申报助手后生效。")
                if folder != typed:
                    text += "\n" + self.tr("数据文件夹保存为完整路径：{folder}").format(folder=folder)
                QMessageBox.information(parent, self.tr("设置"), text)
        super().accept()


def _given(folder: Path, passphrase: str) -> Callable[[Task], Store]:
    """A store factory for work whose data passphrase was just typed: a wrong one is refused at once,
    not asked for again from the thread."""

    def open_store(_task: Task) -> Store:
        from shenbao.core.phrases import Phrase
        from shenbao.core.store.db import REFUSALS
        from shenbao.core.store.repository import Store

        def wrong() -> None:
            raise KeyUnavailableError(Phrase(REFUSALS["wrong_passphrase"]))

        def prompt(_new: bool) -> str:
            return passphrase

        prompt.on_wrong = wrong  # type: ignore[attr-defined]
        return Store.open(folder, prompt=prompt, daily_backup=False)

    return open_store


def _heading(what: str) -> str:
    """A passphrase's name (「数据口令」, "data passphrase") as the title of the dialog asking for it: in
    English with a capital, as a title starts ("Data passphrase"); within a sentence it stays as it is."""
    return what[:1].upper() + what[1:]


def passphrase_not_given(new: bool) -> KeyUnavailableError | None:
    """Why the data cannot be read (or a secret saved) when the window's dialog asking for the data
    passphrase was cancelled, as the window says it: the store's own sentence sends the user to a
    terminal or an environment variable, which is the command line's way of giving it. None on a run
    nobody watches (UNATTENDED_PROPERTY), whose dialog was cancelled by the run itself: the store's own
    sentence, naming the environment variable, is then the one to say."""
    app = QCoreApplication.instance()
    if app is not None and app.property(UNATTENDED_PROPERTY):
        return None
    if new:
        text = QCoreApplication.translate(
            "SettingsDialog", "系统钥匙串不可用，需要设置数据口令才能加密保存身份证号和联系电话"
        )
    else:
        text = QCoreApplication.translate(
            "SettingsDialog", "未输入数据口令，加密保存的身份证号和联系电话无法读取"
        )
    return KeyUnavailableError(text)


def passphrase_wrong(parent: QWidget | None, what: str) -> None:
    """Said before a passphrase is asked again after a wrong one (the store asks up to three times)."""
    QMessageBox.warning(
        parent,
        _heading(what),
        QCoreApplication.translate("SettingsDialog", "{what}不正确，请重新输入").format(what=what),
    )


def ask_passphrase(parent: QWidget | None, new: bool, what: str, *, optional: bool = False) -> str | None:
    """Ask for a passphrase (twice when a new one is set). With `optional`, an empty answer returns ""
    (no passphrase); cancelling returns None."""
    title = _heading(what)
    while True:
        if optional:
            prompt = QCoreApplication.translate(
                "SettingsDialog",
                "为数据包设置{what}（可选）。加密的数据包他人无法读取或改动，交给他人时请加密。"
                "不设口令时，身份证号和联系电话不会导出，且数据包只有完整性校验：任何人都可以改动内容并重算校验码。",
            ).format(what=what)
        elif new:
            prompt = QCoreApplication.translate("SettingsDialog", "设置{what}（至少 8 个字符）：").format(
                what=what
            )
        else:
            prompt = QCoreApplication.translate("SettingsDialog", "请输入{what}：").format(what=what)
        first, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if optional and not first:
            return ""
        if new:
            try:  # the store's own refusal, in its words
                check_new_passphrase(first, what)
            except KeyMoveError as err:
                QMessageBox.warning(parent, title, known_text(err))
                continue
        if new:
            again, ok = QInputDialog.getText(
                parent,
                title,
                QCoreApplication.translate("SettingsDialog", "请再次输入{what}：").format(what=what),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return None
            if again != first:
                QMessageBox.warning(
                    parent,
                    title,
                    QCoreApplication.translate("SettingsDialog", "两次输入的{what}不一致").format(what=what),
                )
                continue
        return first
