"""Operations on the store started from the main window: duplicate, delete, import and export.

Reading and checking files and writing bundles run off the UI thread (`BackgroundOp`), each on a store
connection of its own; questions (a bundle's passphrase, what to do with enterprises already stored) are
asked on the UI thread before or during the work.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from shenbao.errors import KnownError
from shenbao.ui.workers import BackgroundOp, Task, show_error

if TYPE_CHECKING:
    from shenbao.ui.main_window import MainWindow


class StoreOperations(QObject):
    imported = Signal(object)  # the store's ImportReport
    exported = Signal(str)  # the bundle written

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window

    def duplicate(self) -> None:
        from shenbao.core.model import check_value

        if self.w.store is None or not self.w._current or not self.w.confirm_leave():
            return
        title = self.tr("复制为新企业")
        code, ok = QInputDialog.getText(self.w, title, self.tr("新企业的统一社会信用代码："))
        while ok and check_value("uscc", code.strip()) is not None:
            code, ok = QInputDialog.getText(
                self.w, title, self.tr("统一社会信用代码格式或校验码不符，请重新输入："), text=code
            )
        if not ok:
            return
        name, ok = QInputDialog.getText(
            self.w,
            title,
            self.tr("新企业名称："),
            text=self.w.editor.text("enterprise.name") if self.w.editor else "",
        )
        if not ok:
            return
        try:
            profile = self.w.store.duplicate_enterprise(
                self.w._current, code.strip().upper(), name.strip() or None
            )
        except KnownError as err:
            show_error(self.w, err)
            return
        self.w.reload()
        self.w.select_enterprise(str(profile.uscc))

    def delete(self) -> None:
        if self.w.store is None or not self.w._current:
            return
        row = (
            self.w.model.rows()[self.w.model.row_of(self.w._current)]
            if self.w.model.row_of(self.w._current) >= 0
            else None
        )
        name = row.name if row else self.w._current
        count = row.declarations if row else 0
        if not self.w.ask(
            self.tr("删除企业"),
            self.tr(
                "删除「{name}」（{code}）及其 {count} 份申报？\n删除前会自动备份，可在“设置 → 备份”中恢复。"
            ).format(name=name, code=self.w._current, count=count),
        ):
            return
        try:
            self.w.store.backup_now("before-delete")
            self.w.store.delete_enterprise(self.w._current)
        except KnownError as err:
            show_error(self.w, err)
            return
        self.w._current = None
        self.w.editor.load(None) if self.w.editor else None
        self.w.reload()
        if self.w.proxy.rowCount():
            self.w.table.selectRow(0)
        else:
            self.w.new_enterprise()

    # --- moving data in and out (long work runs off the UI thread) -----------------------------

    def import_files(self, files: list[str] | None = None) -> None:
        """Read and check the files in the background, ask about conflicts, then write them all."""
        if self.w.store is None or not self.w.confirm_leave():
            return
        if files is None:
            files, _ = QFileDialog.getOpenFileNames(
                self.w,
                self.tr("导入"),
                "",
                self.tr("数据包、档案与表格 (*.shenbao *.json *.csv *.xlsx);;所有文件 (*)"),
            )
        if not files:
            return
        from shenbao.ui.settings_dialog import ask_passphrase

        def read(task: Task) -> list[Any]:
            from shenbao.core.store.transfer import read_sources

            incoming: list[Any] = []
            for done, name in enumerate(files):
                task.report(done, len(files), self.tr("正在读取 {name}…").format(name=Path(name).name))
                incoming += read_sources(
                    [name], lambda: task.ask(lambda: ask_passphrase(self.w, False, self.tr("数据包口令")))
                )
            return incoming

        BackgroundOp(read, parent=self.w, label=self.tr("正在读取…"), on_success=self._import_checked).start()

    def _import_checked(self, incoming: list[Any]) -> None:
        assert self.w.store is not None
        stored = [i for i in incoming if self.w.store.has_enterprise(str(i.profile.uscc))]
        on_conflict = None
        if stored:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("企业已存在"),
                self.tr("{count} 家企业已在本数据文件夹中（如 {name}）。").format(
                    count=len(stored), name=stored[0].profile.name
                ),
                parent=self.w,
            )
            keep = box.addButton(self.tr("保留已有"), QMessageBox.ButtonRole.AcceptRole)
            replace = box.addButton(self.tr("以导入的替换"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() not in (keep, replace):
                return
            on_conflict = "keep" if box.clickedButton() is keep else "replace"

        def write(task: Task) -> Any:
            from shenbao.core.store.transfer import import_into

            task.report(0, 0, self.tr("正在写入 {count} 家企业…").format(count=len(incoming)))
            with self.w.worker_store() as store:
                return import_into(store, incoming, on_conflict)

        def done(report: Any) -> None:
            self.w.reload()
            self.w.statusBar().showMessage(self.tr("导入完成：") + report.summary(), 8000)
            self.imported.emit(report)

        BackgroundOp(write, parent=self.w, label=self.tr("正在导入…"), on_success=done).start()

    def export_bundle(self, out: str | None = None, passphrase: str | None = None) -> None:
        """Export the enterprises the list shows (filter first to export a few) to a bundle."""
        if self.w.store is None or not self.w.confirm_leave():
            return
        codes = [self.w.proxy.uscc_at(self.w.proxy.index(r, 0)) for r in range(self.w.proxy.rowCount())]
        if not codes:
            QMessageBox.information(self.w, self.tr("导出"), self.tr("列表中没有企业可导出。"))
            return
        if out is None:
            out, _ = QFileDialog.getSaveFileName(
                self.w,
                self.tr("导出 {count} 家企业").format(count=len(codes)),
                "",
                self.tr("申报助手数据包 (*.shenbao);;园区表格 (*.xlsx);;园区表格 CSV (*.csv)"),
            )
            if not out:
                return
            if not _is_table(out):
                from shenbao.ui.settings_dialog import ask_passphrase

                passphrase = ask_passphrase(self.w, True, self.tr("数据包口令"), optional=True)
                if passphrase is None:
                    return

        def work(task: Task) -> int:
            from shenbao.core.store.transfer import export_bundle, export_table

            task.report(0, 0, self.tr("正在导出…"))
            with self.w.worker_store() as store:
                if _is_table(out):  # a park table: the profiles only, without ID numbers or phones
                    return export_table(store, Path(out), [c for c in codes if c])
                return export_bundle(
                    store,
                    Path(out),
                    [c for c in codes if c],
                    passphrase=passphrase or None,
                    omit_sensitive=not passphrase,
                )

        def done(count: int) -> None:
            self.w.statusBar().showMessage(
                self.tr("已导出 {count} 家企业到 {file}").format(count=count, file=out), 8000
            )
            self.exported.emit(out)

        BackgroundOp(work, parent=self.w, label=self.tr("正在导出…"), on_success=done).start()


def _is_table(path: str) -> bool:
    return path.lower().endswith((".csv", ".xlsx"))
