"""Importing invoice files into an enterprise's compute invoices: the dialog that shows what each file
says and whether it will be added, and the two ways in — 「导入发票…」 on an enterprise, and files
dropped on the invoice page of a compute wizard.

Everything decided here is decided by the core (`shenbao.core.documents`): reading, the checks, the
duplicate, buyer and year rules and the warnings. The dialog only shows them and lets the user allow an
invoice bought by another tax id (a branch, a renamed firm) before confirming. An invoice recognised on a
scan or a photo (with the `ocr` extra) is a proposal: its row stays unconfirmed, and out of what is
added, until the user ticks it after checking it against the paper.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shenbao.core import money
from shenbao.core.documents import DocumentError, Reading, read_document, said_of
from shenbao.core.documents.intake import (
    DETAIL,
    NOTE,
    IntakeRefused,
    add_invoices,
    claimed_year,
    same_invoice,
)
from shenbao.ui.app import core_text
from shenbao.ui.screen import fit_to_screen
from shenbao.ui.style import bracketed, sentence_text

FILE_FILTER = "*.xml *.ofd *.pdf *.XML *.OFD *.PDF *.jpg *.jpeg *.png *.JPG *.JPEG *.PNG"
SCAN_SUFFIXES = (".jpg", ".jpeg", ".png")  # photos and scans: recognised with the ocr extra, seconds each


class InvoiceImportDialog(QDialog):
    """Reads `paths` and shows, per file, the invoice and whether it will be added to `document`'s
    compute invoices. Accepting leaves the new document in `document` and the added rows in `added`."""

    def __init__(
        self,
        document: dict[str, Any],
        paths: Sequence[str | Path],
        parent: QWidget | None = None,
        *,
        read: list[tuple[Path, Any, str | None]] | None = None,
    ) -> None:
        """`read`: what `read_files` made of `paths` (read in the background); read here when not given."""
        super().__init__(parent)
        self.setObjectName("invoice_import")
        self.original = copy.deepcopy(document)
        self.document: dict[str, Any] = copy.deepcopy(document)
        self.added: list[dict[str, Any]] = []
        self.warnings: list[str] = []
        self.readings: list[tuple[Path, Reading | None, str]] = []
        self.confirmed: set[int] = set()  # rows recognised on a scan that the user ticked
        if read is None:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
            try:
                read = read_files(paths)
            finally:
                QApplication.restoreOverrideCursor()
        for path, reading, error in read:
            if error is not None:
                self.readings.append((path, None, error))
            elif isinstance(reading, Reading):
                self.readings.append((path, reading, ""))
            else:
                self.readings.append((path, None, self.tr("这是营业执照，不是发票")))
        self.setWindowTitle(self.tr("导入发票"))
        fit_to_screen(self, 900, 460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "读取税务平台下发的发票文件（XML、OFD、PDF），加入算力服务发票清单；每张发票记下来源文件及其 SHA-256。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("invoices")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("文件"),
                self.tr("发票号码"),
                self.tr("开票日期"),
                self.tr("销售方"),
                self.tr("价税合计（元）"),
                self.tr("结果"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the file's name gives way, shortened in its middle, so that the result stays whole (in English
        # 「Will be added」 was cut off behind a long name)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.itemChanged.connect(self._ticked)
        layout.addWidget(self.table, 1)
        self.allow_other_buyer = QCheckBox(self.tr("购买方不是本企业时也加入（分支机构、企业更名）(&O)"))
        self.allow_other_buyer.setObjectName("allow_other_buyer")
        self.allow_other_buyer.toggled.connect(self._evaluate)
        layout.addWidget(self.allow_other_buyer)
        self.notes = QLabel()
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._evaluate()

    def _evaluate(self) -> None:
        """Each readable file tried in turn against the list as it grows: a refused one is left out and
        says why; one that is an invoice already added from another file chosen with it (its XML and its
        OFD, say) counts once; the others are added."""
        document = copy.deepcopy(self.original)
        # one claimed year for all the files, the list's own before they are added (as the command's)
        year = claimed_year(list((document.get("facts") or {}).get(DETAIL) or []))
        self.added, self.warnings = [], []
        chosen: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}  # added here: file and row, by key
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.readings))
        for row, (path, reading, error) in enumerate(self.readings):
            if reading is None:
                self._show(row, path, None, self.tr("无法读取：") + sentence_text(None, error), False)
                continue
            if reading.recognised and row not in self.confirmed:
                self._show(row, path, reading, self.tr("识别自扫描件：请对照原件核对，勾选本行后加入"), False)
                continue
            if reading.invoice.key in chosen:
                try:
                    warning = same_invoice(*chosen[reading.invoice.key], reading)
                except IntakeRefused as err:
                    self._refused(row, path, reading, err)
                    continue
                self.warnings.append(warning)
                self._show(row, path, reading, sentence_text(None, warning).split(": ", 1)[-1], True)
                continue
            try:
                intake = add_invoices(
                    document,
                    [reading],
                    allow_other_buyer=self.allow_other_buyer.isChecked(),
                    accept_recognised=True,
                    year=year,
                )
            except IntakeRefused as err:
                self._refused(row, path, reading, err)
                continue
            document = intake.document
            self.added += intake.added
            chosen.update((reading.invoice.key, (reading.file, r)) for r in intake.added)
            self.warnings += intake.warnings
            self._show(
                row,
                path,
                reading,
                bracketed(self.tr("将加入"), self.tr("有提示")) if intake.warnings else self.tr("将加入"),
                True,
            )
        self.table.blockSignals(False)
        self.document = document
        problem = self._problem(document) if self.added else None
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("加入 %n 张发票", "", len(self.added)))
        ok.setEnabled(bool(self.added) and problem is None)
        lines = [f"· {sentence_text(None, w)}" for w in self.warnings] + [self.tr("说明：") + core_text(NOTE)]
        if problem:
            lines.insert(0, self.tr("不能加入：") + problem)
        self.notes.setText("\n".join(lines))

    @staticmethod
    def _problem(document: dict[str, Any]) -> str | None:
        """What the core says is wrong with the profile the invoices would make (a list whose total
        goes below zero), or None."""
        from shenbao.core.model import ProfileError, parse_profile

        try:
            parse_profile(document)
        except ProfileError as err:
            return sentence_text(None, err.message)  # the interface's language
        return None

    def _refused(self, row: int, path: Path, reading: Reading, err: IntakeRefused) -> None:
        """The row of an invoice left out, with why (the reason without the file it names)."""
        reason = sentence_text(None, err.message).split(": ", 1)[-1]
        self._show(row, path, reading, self.tr("不加入：") + reason, False)

    def _show(self, row: int, path: Path, reading: Reading | None, status: str, ok: bool) -> None:
        f = reading.invoice if reading else None
        cells = [
            path.name,
            " ".join(x for x in (f.invoice_code, f.invoice_no) if x) if f else "",
            f.date.isoformat() if f and f.date else "",
            (f.seller_name or "") if f else "",
            money.yuan(f.total) if f and f.total is not None else "",  # 250,000.00, as every sum is shown
            status,
        ]
        for column, text in enumerate(cells):
            if column != 5:  # what the file says, at any length: a cell of megabytes holds the window
                text = _cut(text, 80)
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if column == 0 and reading is not None and reading.recognised:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if row in self.confirmed else Qt.CheckState.Unchecked
                )
                item.setToolTip(self._recognised_text(reading))
            if column == 5:
                item.setForeground(Qt.GlobalColor.darkGreen if ok else Qt.GlobalColor.darkRed)
            if column == 4:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def _recognised_text(self, reading: Reading) -> str:
        """Everything read from a scan, for checking against the paper before ticking."""
        f = reading.to_dict()["fields"]
        lines = [
            self.tr("识别自扫描件 {file}，请逐项核对：").format(file=reading.file),
            self.tr("购买方：{name}（{code}）").format(name=f["buyer_name"], code=f["buyer_tax_id"]),
            self.tr("销售方：{name}（{code}）").format(name=f["seller_name"], code=f["seller_tax_id"]),
            self.tr("金额 {amount}，税额 {tax}，价税合计 {total}").format(
                amount=f["amount"], tax=f["tax"], total=f["total"]
            ),
            *(f"· {i['name']}  {i['amount']}  {i['rate']}" for i in f["items"]),
            *(f"✗ {sentence_text(None, c.message)}" for c in reading.failed),
        ]
        return "\n".join(lines)

    def _ticked(self, item: QTableWidgetItem) -> None:
        """A recognised row ticked or unticked: it is added, or left out, from now on."""
        if item.column() != 0 or not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return
        if item.checkState() == Qt.CheckState.Checked:
            self.confirmed.add(item.row())
        else:
            self.confirmed.discard(item.row())
        QTimer.singleShot(0, self, self._evaluate)  # not while the table is still changing the item

    def tick(self, row: int, on: bool = True) -> None:
        """Tick (or untick) a recognised row's box, as the user does."""
        item = self.table.item(row, 0)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        QCoreApplication.processEvents()


def _cut(text: str, most: int) -> str:
    """`text`, cut to `most` characters with … when longer: a cell of megabytes holds the window."""
    return text if len(text) <= most else text[: most - 1] + "…"


def read_files(paths: Sequence[str | Path], task: Any = None) -> list[tuple[Path, Any, str | None]]:
    """Each file read in turn: (its path, what it holds, or None with why it could not be read). Runs on
    any thread; with a background `task`, it says which file it reads and stops when cancelled."""
    files = [Path(p) for p in paths]
    read: list[tuple[Path, Any, str | None]] = []
    for done, path in enumerate(files):
        if task is not None:
            task.check()
            text = QCoreApplication.translate("InvoiceImport", "正在读取 {file}（{done}/{total}）…")
            task.report(done, len(files), text.format(file=path.name, done=done + 1, total=len(files)))
        try:
            read.append((path, read_document(path), None))
        except DocumentError as err:
            # the row names the file already: its folder would only push the reason out of sight
            read.append((path, None, said_of(err.message)))
    return read


def read_for_dialog(parent: QWidget | None, paths: Sequence[str | Path]) -> tuple[bool, Any]:
    """(go on, what to give the dialog as `read`). The files are read off the UI thread, the window
    answering meanwhile, and the call returns once they are read. Photos and scans (recognised with the
    `ocr` extra, seconds each) show a progress dialog at once, naming the file, with 取消; invoice files
    show it only when their reading takes longer than 300 ms (XML and OFD take milliseconds, a PDF tens of
    milliseconds, a PDF that is a scan seconds: what it is is known only once it is read). (False, None)
    when the user cancelled."""
    from shenbao.ui.workers import wait_for

    photos = any(Path(p).suffix.lower() in SCAN_SUFFIXES for p in paths)
    if photos:
        label = QCoreApplication.translate("InvoiceImport", "正在识别发票…")
    else:
        label = QCoreApplication.translate("InvoiceImport", "正在读取发票…")
    outcome = wait_for(lambda task: read_files(paths, task), parent=parent, label=label, at_once=photos)
    return bool(outcome), outcome[0] if outcome else None


def choose_invoice_files(parent: QWidget | None) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("InvoiceImport", "选择发票文件"),
        "",
        QCoreApplication.translate("InvoiceImport", "发票文件") + f" ({FILE_FILTER})",
    )
    return paths


def import_to_enterprise(
    parent: QWidget | None,
    store: Any,
    uscc: str,
    paths: Sequence[str] | None = None,
    save: Callable[[dict[str, Any]], Any] | None = None,
) -> bool:
    """「导入发票…」 for the stored enterprise `uscc`: choose files (unless given), confirm in the dialog,
    then save the profile with the invoices added — through `save` when the caller has its own way of
    saving (so every view hears of it), else straight to the store. True when something was saved."""
    paths = list(paths) if paths is not None else choose_invoice_files(parent)
    if not paths:
        return False
    from shenbao.core.model import FORMAT

    stored = store.get_profile(uscc)
    go_on, read = read_for_dialog(parent, paths)
    if not go_on:
        return False
    dialog = InvoiceImportDialog({"format": FORMAT, **stored}, paths, parent, read=read)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.added:
        return False
    # the whole profile as read before the dialog is written: a change another program saved while it
    # was open would be undone without a word
    if store.get_profile(uscc) != stored:
        from shenbao.errors import KnownError

        raise KnownError(
            QCoreApplication.translate(
                "InvoiceImport",
                "导入发票期间，该企业的档案已在另一个窗口或程序中修改：发票未加入，别处的修改已保留；请重新导入发票",
            )
        )
    (save or store.save_profile)(dialog.document)
    return True


class InvoiceDrop(QObject):
    """Invoice files dropped on `target` (the invoice page of a compute wizard): read and confirmed in
    the dialog, opened without blocking; the accepted rows go to `append`. `document()` gives the profile
    as the wizard currently has it, so a duplicate of a row only typed on the page is caught too."""

    imported = Signal(int)  # how many invoices were appended

    def __init__(
        self,
        target: QWidget,
        document: Callable[[], dict[str, Any]],
        append: Callable[[list[dict[str, Any]]], None],
    ) -> None:
        super().__init__(target)
        self.target, self.document, self.append = target, document, append
        self.dialog: InvoiceImportDialog | None = None
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    @staticmethod
    def files_of(event: Any) -> list[str]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.target and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            files = self.files_of(event)
            if files:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                if kind == QEvent.Type.Drop:
                    self.open_dialog(files)
                return True
        return super().eventFilter(watched, event)

    def open_dialog(self, files: Sequence[str]) -> InvoiceImportDialog | None:
        """The dialog over the files, opened without blocking (None when the reading was cancelled)."""
        go_on, read = read_for_dialog(self.target.window(), files)
        if not go_on:
            return None
        self.dialog = InvoiceImportDialog(self.document(), files, self.target.window(), read=read)
        self.dialog.accepted.connect(self._accepted)
        self.dialog.open()
        return self.dialog

    def _accepted(self) -> None:
        if self.dialog is not None and self.dialog.added:
            self.append(self.dialog.added)
            self.imported.emit(len(self.dialog.added))


def attach_invoice_drop(page: Any, document: Callable[[], dict[str, Any]]) -> InvoiceDrop | None:
    """On a wizard page asking for the compute invoices: accept invoice files dropped on the page, and
    offer a button to choose them; both go through the dialog. None on any other page."""
    editor = page.editors.get("facts.compute_invoices")
    if editor is None or editor.model is None:
        return None
    drop = InvoiceDrop(page, document, editor.model.append_rows)
    row = QHBoxLayout()
    hint = QLabel(
        QCoreApplication.translate(
            "InvoiceImport", "可把税务平台下发的发票文件（XML、OFD、PDF）拖到此页，自动读取加入"
        )
    )
    hint.setObjectName("invoice_drop_hint")
    hint.setWordWrap(True)  # a long hint (in English) wraps rather than push the field's label off the page
    hint.setStyleSheet("color:#666")
    button = QPushButton(QCoreApplication.translate("InvoiceImport", "从发票文件导入(&I)…"))
    button.setObjectName("import_invoices")
    button.clicked.connect(lambda: (files := choose_invoice_files(page)) and drop.open_dialog(files))
    row.addWidget(hint, 1)
    row.addWidget(button)
    editor.layout().addLayout(row)
    return drop
