"""Operations on the store: duplicate, delete, import and export.

Each takes the application context and what it works on, writes through the store, and reports what
it changed to the context (`OpChanges`) once it has committed; the views listen and reload themselves,
so an operation never reaches into a window. Reading and checking files and writing bundles run off
the UI thread on a store of their own (`AppContext.run`); questions (a bundle's passphrase, what to do
with enterprises already stored) are asked on the UI thread before or during the work.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from shenbao.errors import KnownError
from shenbao.ui.context import AppContext, OpChanges
from shenbao.ui.style import listed, measure_title
from shenbao.ui.workers import BackgroundOp, Cancelled, Task, show_error


def stored_name(store: Any, uscc: str) -> str:
    """The name of the stored enterprise `uscc` as listed (read without the data key), else the code."""
    rows = store.list_enterprises(uscc)
    return next((row.name for row in rows if row.uscc == uscc), uscc)


class StoreOperations(QObject):
    imported = Signal(object)  # the store's ImportReport
    exported = Signal(str)  # the file written
    finished = Signal()  # an import or export has ended, however it ended

    def __init__(
        self,
        context: AppContext,
        parent: QWidget,
        *,
        shown: Callable[[], list[str]],
        status: Callable[[str, int], None],
        guard: Callable[[], bool] = lambda: True,
    ) -> None:
        """`shown()` gives the codes the list shows (what an export writes); `status` shows a message;
        `guard()` is asked before an import or export (unsaved edits: save, discard or cancel)."""
        super().__init__(parent)
        self.guard = guard
        self.ctx = context
        self.parent_widget = parent
        self.shown = shown
        self.status = status

    def ask(self, title: str, text: str) -> bool:
        """A yes-or-no question over the window (No unless the user says yes)."""
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(self.parent_widget, title, text, buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes

    def duplicate(self, uscc: str, name: str) -> str | None:
        """Copy the stored enterprise `uscc` under a new code the user types; the new code, or None."""
        from PySide6.QtWidgets import QInputDialog

        from shenbao.core.model import check_value

        store = self.ctx.store
        if store is None:
            return None
        parent, title = self.parent_widget, self.tr("复制为新企业")
        code, ok = QInputDialog.getText(parent, title, self.tr("新企业的统一社会信用代码："))
        while ok:
            typed = code.strip().upper()
            if check_value("uscc", typed) is not None:
                prompt = self.tr("统一社会信用代码格式或校验码不符，请重新输入：")
            elif store.has_enterprise(typed):  # asked again here, not refused by the store after
                prompt = self.tr("统一社会信用代码 {code} 已是「{name}」的代码，请输入另一个：").format(
                    code=typed, name=stored_name(store, typed)
                )
            else:
                break
            code, ok = QInputDialog.getText(parent, title, prompt, text=code)
        if not ok:
            return None
        name, ok = QInputDialog.getText(parent, title, self.tr("新企业名称："), text=name)
        if not ok:
            return None
        try:
            profile = store.duplicate_enterprise(uscc, code.strip().upper(), name.strip() or None)
        except KnownError as err:
            show_error(parent, err)
            return None
        self.ctx.report(OpChanges.of([str(profile.uscc)]))
        return str(profile.uscc)

    def delete(self, uscc: str) -> bool:
        """Delete a stored enterprise and its declarations after asking, with a backup first."""
        store = self.ctx.store
        if store is None:
            return False
        try:
            name = store.get_profile(uscc).get("enterprise", {}).get("name") or uscc
            count = len(store.list_declarations(uscc))
        except KnownError as err:
            show_error(self.parent_widget, err)
            return False
        if not self.ask(
            self.tr("删除企业"),
            self.tr(
                "删除「{name}」（{code}）及其 %n 份申报？\n删除前会自动备份，可在“设置 → 备份”中恢复。",
                "",
                count,
            ).format(name=name, code=uscc),
        ):
            return False
        try:
            store.backup_now("before-delete")
            store.delete_enterprise(uscc)
        except KnownError as err:
            show_error(self.parent_widget, err)
            return False
        self.ctx.report(OpChanges(removed=(uscc,)))
        return True

    def import_invoices(self, uscc: str, files: list[str] | None = None) -> bool:
        """Invoice files read into the compute invoices of the stored enterprise `uscc`, confirmed in
        the import dialog, saved, and every view told. True when something was saved."""
        from shenbao.ui.invoice_import import import_to_enterprise

        store = self.ctx.store
        if store is None:
            return False

        def save(document: dict[str, Any]) -> None:
            store.save_profile(document)
            self.ctx.report(OpChanges.of([uscc]))

        try:
            return import_to_enterprise(self.parent_widget, store, uscc, files, save=save)
        except KnownError as err:
            show_error(self.parent_widget, err)
            return False

    # --- moving data in and out (long work runs off the UI thread) -----------------------------

    def import_files(self, files: list[str] | None = None) -> None:
        """Read and check the files in the background, ask about conflicts, then write them all."""
        parent = self.parent_widget
        if self.ctx.store is None or not self.guard():
            self.finished.emit()
            return
        if files is None:
            from PySide6.QtWidgets import QFileDialog

            files, _ = QFileDialog.getOpenFileNames(
                parent,
                self.tr("导入"),
                "",
                self.tr("数据包、档案与表格 (*.shenbao *.json *.csv *.txt *.xlsx);;所有文件 (*)"),
            )
        if not files:
            self.finished.emit()
            return
        from shenbao.ui.settings_dialog import ask_passphrase

        names = list(files)

        open_store = self.ctx.open_store
        reading = self.tr("正在读取：已读 {count} 行…")
        checking = self.tr("正在检查：{done}/{total} 家企业…")

        def steps(task: Task) -> Callable[[str, int, int], None]:
            from shenbao.core.store.imports import READING

            def report(phase: str, done: int, total: int) -> None:
                text = reading if phase == READING else checking
                task.report(done, total, text.format(count=f"{done:,}", done=f"{done:,}", total=f"{total:,}"))

            return report

        def bundle_passphrase(task: Task) -> str:
            # not given, the import ends as one cancelled does: the core's refusal would tell the user
            # to type it at a terminal or set an environment variable
            given = task.ask(lambda: ask_passphrase(parent, False, self.tr("数据包口令")))
            if not given:
                raise Cancelled
            return str(given)

        def plan(task: Task) -> Any:
            from shenbao.core.store.imports import plan_import, read_incoming

            task.report(0, 0, self.tr("正在读取 %n 个文件…", "", len(names)))
            incoming, rejected = read_incoming(names, lambda: bundle_passphrase(task), steps(task))
            task.check()
            with open_store() as store:
                return plan_import(store, incoming, rejected, steps(task))

        self._background(plan, self.tr("正在读取…"), self._planned)

    def _background(self, work: Callable[[Task], Any], label: str, on_success: Callable[[Any], None]) -> None:
        def failed(err: BaseException, details: str) -> None:
            show_error(self.parent_widget, err, details)
            self.finished.emit()

        BackgroundOp(
            work,
            parent=self.parent_widget,
            label=label,
            on_success=on_success,
            on_failure=failed,
            on_cancel=self.finished.emit,
        ).start()

    def _planned(self, plan: Any) -> None:
        """The plan of an import: shown first when it touches enterprises already stored, leaves rows
        out (the user chooses, and may save the rejected rows), brings facts that contradict each other
        (to be checked) or does not take declarations a bundle carries (said why); written on the user's
        word."""
        on_conflict: str | None = None
        if plan.conflicts() or plan.rejected or plan.contradiction_lines() or plan.set_aside_lines():
            from shenbao.ui.import_preview import ImportPreview

            preview = ImportPreview(plan, self.parent_widget)
            accepted = preview.exec() == ImportPreview.DialogCode.Accepted
            on_conflict = preview.on_conflict
            preview.deleteLater()  # a child of the window: it would keep the plan as long as the window
            if not accepted:
                self.finished.emit()
                return
        today = self.ctx.today()

        def write(store: Any, task: Task) -> tuple[Any, OpChanges]:
            from shenbao.core.store.imports import apply_plan

            label = self.tr("正在写入 %n 家企业…", "", len(plan.entries))
            task.report(0, 0, label)
            report = apply_plan(
                store,
                plan,
                on_conflict,
                skip_bad_rows=True,
                progress=lambda done, total: task.report(done, total, label),
                today=today,
            )
            written = [*report.added, *report.replaced]
            return report, OpChanges.of(written, declarations=tuple(written) if report.declarations else ())

        def done(report: Any) -> None:
            self.status(self.tr("导入完成：") + self._summary(report), 8000)
            self.imported.emit(report)
            self.finished.emit()

        def failed(err: BaseException, details: str) -> None:
            show_error(self.parent_widget, err, details)
            self.finished.emit()

        self.ctx.run(
            write,
            parent=self.parent_widget,
            label=self.tr("正在导入…"),
            on_success=done,
            on_failure=failed,
            on_cancel=self.finished.emit,
        )

    def _summary(self, report: Any) -> str:
        """What an import did (core's ImportReport.summary), in the interface's language."""
        text = self.tr("新增 {added} 家，更新 {updated} 家，保留已有 {kept} 家").format(
            added=len(report.added), updated=len(report.replaced), kept=len(report.kept)
        )
        if report.unchanged:
            text += self.tr("，不变 {n} 家").format(n=len(report.unchanged))
        if report.skipped:
            text += self.tr("，跳过有错误的 %n 行", "", report.skipped)
        if report.declarations:
            text += self.tr("，申报 {n} 份").format(n=report.declarations)
        if report.set_aside:
            text += self.tr("，数据包中的 {n} 份申报未导入").format(n=len(report.set_aside))
        return text

    def export_bundle(self, out: str | None = None, passphrase: str | None = None) -> None:
        """Export the enterprises the list shows (filter first to export a few) to a bundle or a table."""
        from PySide6.QtWidgets import QMessageBox

        parent = self.parent_widget
        if self.ctx.store is None or not self.guard():
            return
        codes = self.shown()
        if not codes:
            QMessageBox.information(parent, self.tr("导出"), self.tr("列表中没有企业可导出。"))
            return
        if out is None:
            from shenbao.ui.done_message import ask_save_path

            kinds = {
                self.tr("申报助手数据包 (*.shenbao)"): ".shenbao",
                self.tr("园区表格 (*.xlsx)"): ".xlsx",
                self.tr("园区表格 CSV (*.csv)"): ".csv",
            }
            # 「园区」 typed with a table chosen is that table, not a bundle under the table's name
            chosen = ask_save_path(parent, self.tr("导出 %n 家企业", "", len(codes)), "", kinds)
            if chosen is None:
                return
            out = str(chosen)
            if not _is_table(out):
                from shenbao.ui.settings_dialog import ask_passphrase

                passphrase = ask_passphrase(parent, True, self.tr("数据包口令"), optional=True)
                if passphrase is None:
                    return
        target = out

        unreadable: list[str] = []  # enterprises whose damaged secrets were left out, to say so
        left_out: list[Any] = []  # declarations whose encrypted part is damaged: the others are exported

        def work(store: Any, task: Task) -> tuple[int, OpChanges]:
            from shenbao.core.store.transfer import export_bundle, export_table

            task.report(0, 0, self.tr("正在导出…"))
            if _is_table(target):  # a park table: the profiles only, without ID numbers or phones
                return export_table(store, Path(target), codes, unreadable=unreadable), OpChanges()
            count = export_bundle(
                store,
                Path(target),
                codes,
                passphrase=passphrase or None,
                omit_sensitive=not passphrase,
                unreadable=unreadable,
                left_out=left_out,
            )
            return count, OpChanges()

        def done(count: int) -> None:
            said = self.tr("已导出 %n 家企业到 {file}", "", count).format(file=target)
            if left_out:
                said += self.tr("（%n 份申报已损坏未导出）", "", len(left_out))
            self.status(said, 8000)
            if unreadable or left_out:
                QMessageBox.warning(parent, self.tr("导出"), self._left_out_text(count, unreadable, left_out))
            self.exported.emit(target)

        self.ctx.run(work, parent=parent, label=self.tr("正在导出…"), on_success=done)

    def _left_out_text(self, count: int, unreadable: list[str], left_out: list[Any]) -> str:
        """What an export left out because it was damaged on disk and could not be decrypted: the
        sensitive part of enterprises (core's `unreadable`), declarations (core's LeftOut)."""
        from shenbao.core.policies import catalogue
        from shenbao.ui.app import core_text

        lines = [self.tr("已导出 %n 家企业。", "", count)]
        if unreadable:
            lines.append(
                self.tr(
                    "以下企业的敏感信息已损坏、无法解密，只导出了其余信息（核心工程师人数未导出）：{codes}"
                ).format(codes=listed(unreadable))
            )
        if left_out:
            lines.append(self.tr("以下申报的加密内容已损坏、无法解密，未导出；其余申报均已导出："))
            measures = catalogue().measures
            for item in left_out:
                found = measures.get(item.measure)
                lines.append(
                    self.tr("· {name}（{uscc}）的申报 #{id} {title}：{part}已损坏").format(
                        name=item.name or item.uscc,
                        uscc=item.uscc,
                        id=item.id,
                        title=measure_title(item.measure, found.title) if found else item.measure,
                        part=core_text(item.part),  # 填写内容 or 生成依据, core strings
                    )
                )
        return "\n".join(lines)


def _is_table(path: str) -> bool:
    return path.lower().endswith((".csv", ".xlsx"))
