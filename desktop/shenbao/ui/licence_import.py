"""「从营业执照照片识别…」: a 营业执照 photo read in the background, its fields shown beside the profile's
as proposals the user confirms one by one, and the confirmed ones put into the profile editor as edits —
saved only when the user saves, each then recorded as 「识别自营业执照」 with the photo's name and SHA-256.

Reading is the core's (`shenbao.core.documents`, with the optional `ocr` extra); the 统一社会信用代码 is
proposed only when it passes GB 32100, otherwise it is shown as 无法识别. Without the extra the action
stays where it is and says what installing it would add.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shenbao.core.fieldkinds import format_value
from shenbao.core.model import ENTERPRISE_FIELDS
from shenbao.core.ocr import OCR_EXTRA, ocr_available
from shenbao.core.provenance import RECOGNISED, Provenance
from shenbao.ui.app import core_text
from shenbao.ui.style import bracketed, gap, sentence_text

if TYPE_CHECKING:  # the readers load when a photo is read: the editor's first frame does not need them
    from shenbao.core.documents import LicenceReading
    from shenbao.core.documents.licence import Proposal
    from shenbao.ui.profile_editor import ProfileEditor

IMAGES = ("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp")
IMAGE_FILTER = " ".join(f"*.{e} *.{e.upper()}" for e in IMAGES)
PREVIEW = (360, 480)  # the photo beside the proposals, at most, in pixels


def preview_image(path: Path) -> QImage:
    """The photo decoded at the size it is shown (null when it cannot be read), turned upright as the
    phone took it. Decoding at that size costs the preview's pixels, not the photo's: an 8000×6000
    phone photo decoded whole is 192 MB and a second or more. A QImage, not a QPixmap, so that it may
    be made off the UI thread."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImageIOHandler, QImageReader

    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and not size.isEmpty():
        width, height = PREVIEW
        if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
            width, height = height, width  # the size is the stored image's, before it is turned
        if size.width() > width or size.height() > height:
            reader.setScaledSize(size.scaled(QSize(width, height), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.width() > PREVIEW[0] or image.height() > PREVIEW[1]:  # a format that ignores the scaled size
        image = image.scaled(
            *PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image


def install_hint() -> str:
    """What the recognition extra adds and how to install it, for a build or environment without it."""
    return (
        QCoreApplication.translate(
            "LicenceImport",
            "识别营业执照照片需要可选的识别扩展（OCR）。安装后，可从照片中读出名称、统一社会信用代码、类型、"
            "法定代表人、注册资本、成立日期和住所，逐项核对后填入档案；扫描的发票也可识别。"
            "扩展约 390 MB，完全离线运行，运行时不下载任何内容。",
        )
        + "\n\n"
        + QCoreApplication.translate("LicenceImport", "安装方法：{command}").format(command=OCR_EXTRA)
        + "\n"
        + QCoreApplication.translate("LicenceImport", "默认安装包不含此扩展。")
    )


class LicenceDialog(QDialog):
    """The licence's fields beside the profile's: a box per field, ticked when the field is empty and
    the reading differs, unticked when it would replace a value; unreadable fields cannot be ticked.
    `confirmed()` gives the ticked fields' values as the editor writes them. `image` is the photo as
    decoded by `preview_image` (in the background), or its path."""

    def __init__(
        self,
        reading: LicenceReading,
        current: Callable[[str], str],
        label: Callable[[str], str],
        image: Path | QImage | None = None,
        parent: QWidget | None = None,
    ) -> None:
        from PySide6.QtGui import QPixmap
        from PySide6.QtWidgets import QDialogButtonBox, QTableWidget

        from shenbao.core.documents.licence import proposals

        super().__init__(parent)
        self.setObjectName("licence_import")
        self.reading = reading
        self.proposals = proposals(reading.licence)
        self.boxes: dict[str, QCheckBox] = {}  # per field: ticked to fill it in
        self.texts = {  # per field: the proposal as the editor's text
            p.path: format_value(ENTERPRISE_FIELDS[p.path.split(".", 1)[1]].kind, p.value)
            for p in self.proposals
            if p.value is not None
        }
        self.setWindowTitle(self.tr("从营业执照照片识别"))
        self.resize(1000, 520)
        layout = QHBoxLayout(self)
        if image is not None:
            photo = QLabel()
            photo.setObjectName("photo")
            preview = preview_image(image) if isinstance(image, Path) else image
            if not preview.isNull():
                photo.setPixmap(QPixmap.fromImage(preview))
            photo.setAlignment(Qt.AlignmentFlag.AlignTop)
            layout.addWidget(photo)
        column = QVBoxLayout()
        layout.addLayout(column, 1)
        intro = QLabel(
            self.tr(
                "以下是从照片 {file} 中识别出的内容。请对照营业执照原件逐项核对，勾选要填入档案的项目；"
                "填入后仍可修改，保存时才写入，并注明「识别自营业执照」。"
            ).format(file=reading.file)
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.table = QTableWidget(len(self.proposals), 3)
        self.table.setObjectName("proposals")
        self.table.setHorizontalHeaderLabels([self.tr("填入"), self.tr("当前值"), self.tr("识别结果")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, proposal in enumerate(self.proposals):
            self._show(row, proposal, current(proposal.path), label(proposal.path))
        column.addWidget(self.table, 1)
        problems = [sentence_text(None, c.message) for c in reading.failed]
        self.notes = QLabel("\n".join(f"· {m}" for m in problems))
        self.notes.setObjectName("notes")
        self.notes.setStyleSheet("color: #a8322d")
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(problems))
        column.addWidget(self.notes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self._update()

    def _show(self, row: int, proposal: Proposal, now: str, label: str) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        box = QCheckBox(label.replace("&", "&&"))
        box.setObjectName(proposal.path)
        proposed = self.texts.get(proposal.path)
        same = proposed is not None and proposed == now
        box.setEnabled(proposed is not None and not same)
        box.setChecked(box.isEnabled() and not now)  # never replaces a value unless ticked by the user
        box.toggled.connect(self._update)
        self.boxes[proposal.path] = box
        self.table.setCellWidget(row, 0, box)
        current = QTableWidgetItem(self._shown(proposal.path, now) if now else self.tr("（空）"))
        result = QTableWidgetItem(self._result(proposal, same))
        if proposal.value is None:
            result.setForeground(Qt.GlobalColor.darkRed)
        for column, item in ((1, current), (2, result)):
            item.setToolTip(item.text())
            self.table.setItem(row, column, item)

    def _result(self, proposal: Proposal, same: bool) -> str:
        if proposal.value is None:
            if proposal.key == "uscc" and proposal.read:
                return self.tr("无法识别（读作 {text}，未通过 GB 32100 校验，请照原件填写）").format(
                    text=proposal.read
                )
            if (
                proposal.key == "registered_capital"
                and proposal.read
                and proposal.read == self.reading.licence.capital_seen
            ):
                return self.tr("不按人民币填入（照片上为 {text}），请折算后填写").format(text=proposal.read)
            if proposal.key == "registered_capital" and proposal.read:
                return self.tr("无法识别（照片上为 {text}），请照原件填写").format(text=proposal.read)
            if proposal.key == "type" and proposal.read:
                return self.tr("无法识别单位类型（照片上为 {text}）").format(text=proposal.read)
            return self.tr("无法识别")
        shown = self._shown(proposal.path, self.texts[proposal.path])
        if proposal.key == "type" and proposal.read:
            shown = bracketed(shown, proposal.read)
        return shown + (gap() + self.tr("与当前值相同") if same else "")

    def _shown(self, path: str, text: str) -> str:
        if path == "enterprise.org_type":
            return core_text(text)
        if path == "enterprise.registered_capital":
            return self.tr("{amount} 元").format(amount=text)
        return text

    def result_text(self, path: str) -> str:
        row = next(r for r, p in enumerate(self.proposals) if p.path == path)
        item = self.table.item(row, 2)
        return item.text() if item is not None else ""

    def confirmed(self) -> dict[str, str]:
        """The ticked fields: path → the value the editor takes."""
        return {path: text for path, text in self.texts.items() if self.boxes[path].isChecked()}

    def _update(self, *_args: Any) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        count = len(self.confirmed())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("填入 %n 项", "", count))
        ok.setEnabled(count > 0)


class LicenceImport(QObject):
    """「从营业执照照片识别…」 on a profile editor: the button (and photos dropped on the editor), the
    reading in the background, the dialog, and the confirmed values handed to the editor."""

    proposed = Signal(object)  # the LicenceDialog, once it is shown
    filled = Signal(list)  # the paths filled in the editor

    def __init__(self, editor: ProfileEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.dialog: LicenceDialog | None = None
        self.row = QWidget()
        line = QHBoxLayout(self.row)
        line.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton(self.tr("从营业执照照片识别(&Z)…"))
        self.button.setObjectName("recognise_licence")
        self.button.setAutoDefault(True)  # Enter presses it when it has the focus, as in a dialog
        self.button.setToolTip(
            self.tr("读取营业执照照片，逐项核对后填入名称、统一社会信用代码等；也可把照片拖到档案上")
            if ocr_available()
            else install_hint()
        )
        self.button.clicked.connect(lambda: self.choose())
        line.addWidget(self.button)
        line.addStretch(1)
        editor.setAcceptDrops(True)  # the editor hands its drag events to take_drag()

    def choose(self) -> bool:
        """Pick a photo and read it; without the extra, say what it would add. True when reading began."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        if not ocr_available():
            QMessageBox.information(self.editor.window(), self.tr("需要识别扩展"), install_hint())
            return False
        path, _ = QFileDialog.getOpenFileName(
            self.editor.window(), self.tr("选择营业执照照片"), "", self.tr("图片") + f" ({IMAGE_FILTER})"
        )
        return bool(path) and self.read(path)

    def read(self, path: str | Path) -> bool:
        """Read the photo off the UI thread, then show the proposals (or say why not)."""
        from PySide6.QtWidgets import QMessageBox

        if not ocr_available():
            QMessageBox.information(self.editor.window(), self.tr("需要识别扩展"), install_hint())
            return False
        from shenbao.core.documents import LicenceReading, read_document
        from shenbao.core.documents.invoice import DocumentError
        from shenbao.ui.workers import BackgroundOp, Task

        image = Path(path)

        def work(task: Task) -> tuple[LicenceReading, QImage]:
            reading = read_document(image)
            task.check()
            if not isinstance(reading, LicenceReading):
                message = QCoreApplication.translate("LicenceImport", "{file} 不是营业执照照片")
                raise DocumentError(message.format(file=image.name))
            return reading, preview_image(image)  # decoded here: a large photo would hold the window

        BackgroundOp(
            work,
            parent=self.editor.window(),
            label=self.tr("正在识别营业执照照片 {file}…").format(file=image.name),
            on_success=lambda result: self._show(*result),
        ).start()
        return True

    def _show(self, reading: LicenceReading, image: QImage) -> None:
        editor = self.editor
        self.dialog = LicenceDialog(reading, editor.text, editor.label, image, editor.window())
        self.dialog.accepted.connect(self._accepted)
        self.dialog.open()
        self.proposed.emit(self.dialog)

    def _accepted(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        values = dialog.confirmed()
        reading = dialog.reading
        source = Provenance(RECOGNISED, file=reading.file, sha256=reading.sha256)
        self.editor.fill_recognised(values, source)
        self.filled.emit(list(values))

    @staticmethod
    def photos_of(event: Any) -> list[str]:
        from shenbao.ui.invoice_import import InvoiceDrop

        return [f for f in InvoiceDrop.files_of(event) if f.lower().rsplit(".", 1)[-1] in IMAGES]

    def take_drag(self, event: Any, *, drop: bool = False) -> bool:
        """A drag over the editor (or its drop, `drop`): one photo is taken and, dropped, read. The
        editor calls this from its own drag handlers rather than through an event filter, whose first
        event makes Qt for Python build some fifty event classes before the first frame."""
        photos = self.photos_of(event)
        if len(photos) != 1:
            return False
        event.acceptProposedAction()
        if drop:
            self.read(photos[0])
        return True


def recognised_to_stamp(editor: ProfileEditor, saved: Sequence[str]) -> dict[str, Provenance]:
    """Of the fields being saved, those still holding the value recognised on a licence, with where
    it was read."""
    return {
        path: source
        for path, (text, source) in editor.recognised.items()
        if path in saved and editor.text(path) == text
    }
