"""A short guided tour of the main window: each step dims the window, outlines one real widget and explains
it in a bubble beside it, with 上一步 / 下一步 / 跳过 (Esc skips).

The tour is a child widget laid over the window rather than a window of its own, so it follows the
window when it moves or resizes and needs nothing from the window manager (it draws the same offscreen).
Clicks on the dimmed area reach the main window itself, not the widgets under it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shenbao.ui.app import ui_font

if TYPE_CHECKING:
    from shenbao.ui.preview_panel import PreviewPanel

BUBBLE_WIDTH = 360
GAP = 14  # between the outlined widget and the bubble
MARGIN = 8  # the outline around the widget, and the bubble's distance from the window's edges
DIM = QColor(0, 0, 0, 120)
OUTLINE = QColor("#f0a30a")


class Step(NamedTuple):
    target: QWidget | None  # None: the bubble stands in the middle of the window
    title: str
    text: str


class Tour(QWidget):
    finished = Signal()

    def __init__(self, window: QWidget, steps: list[Step]) -> None:
        super().__init__(window)
        self.setObjectName("tour")
        self.host = window
        self.steps = steps
        self.index = 0
        self._target: QWidget | None = None
        self._focus_before: QWidget | None = None

        self.bubble = QFrame(self)
        self.bubble.setObjectName("tourBubble")
        self.bubble.setStyleSheet(
            "QFrame#tourBubble { background: palette(base); border: 2px solid "
            + OUTLINE.name()
            + "; border-radius: 8px; }"
        )
        self.bubble.setFixedWidth(BUBBLE_WIDTH)
        self.counter = QLabel()
        self.counter.setObjectName("tourCounter")
        self.title = QLabel()
        self.title.setObjectName("tourTitle")
        self.title.setFont(ui_font(2, bold=True))
        self.text = QLabel()
        self.text.setObjectName("tourText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.back_button = QPushButton(self.tr("上一步"))
        self.back_button.setObjectName("tourBack")
        self.next_button = QPushButton(self.tr("下一步"))
        self.next_button.setObjectName("tourNext")
        self.skip_button = QPushButton(self.tr("跳过"))
        self.skip_button.setObjectName("tourSkip")
        self.skip_button.setToolTip(self.tr("结束导览（Esc）。以后可从“帮助 → 界面导览”再看。"))
        for button in (self.back_button, self.next_button, self.skip_button):
            button.setAutoDefault(True)  # Enter presses the button with the focus, as in a dialog
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.forward)
        self.skip_button.clicked.connect(self.skip)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self.bubble)
        layout.addWidget(self.counter)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(self.skip)
        window.installEventFilter(self)
        self.hide()

    # --- moving through the steps -----------------------------------------------------------------

    def start(self) -> None:
        self._focus_before = QApplication.focusWidget()
        self.setGeometry(self.host.rect())
        self.show()
        self.raise_()
        self.show_step(0)

    def show_step(self, index: int) -> None:
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.steps[self.index]
        if self._target is not None:
            self._target.removeEventFilter(self)
        self._target = step.target
        if self._target is not None:
            self._target.installEventFilter(self)
        self.counter.setText(
            self.tr("界面导览 {step} / {count}").format(step=self.index + 1, count=len(self.steps))
        )
        self.title.setText(step.title)
        self.text.setText(step.text)
        last = self.index == len(self.steps) - 1
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setText(self.tr("完成") if last else self.tr("下一步"))
        self._place()
        self.update()
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def forward(self) -> None:
        if self.index >= len(self.steps) - 1:
            self.finish()
        else:
            self.show_step(self.index + 1)

    def back(self) -> None:
        if self.index > 0:
            self.show_step(self.index - 1)

    def skip(self) -> None:
        self.finish()

    def finish(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        self.host.removeEventFilter(self)
        if self._target is not None:
            self._target.removeEventFilter(self)
            self._target = None
        if self._focus_before is not None and self._focus_before.isVisible():
            self._focus_before.setFocus(Qt.FocusReason.OtherFocusReason)
        self.finished.emit()
        self.deleteLater()

    # --- where things go --------------------------------------------------------------------------

    def target_rect(self) -> QRect | None:
        """The outlined area in this overlay's coordinates, or None when the step has no visible target."""
        target = self._target
        if target is None or not target.isVisible() or target.width() <= 0:
            return None
        top_left = target.mapTo(self.host, QPoint(0, 0))
        return (
            QRect(top_left, target.size()).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN).intersected(self.rect())
        )

    def _place(self) -> None:
        """Beside the target where there is room (right, left, below, above), else in the middle."""
        self.bubble.adjustSize()
        size = self.bubble.size()
        area = self.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        hole = self.target_rect()
        centre = area.center()
        spot = QPoint(centre.x() - size.width() // 2, centre.y() - size.height() // 2)
        if hole is not None:
            middle_y = hole.center().y() - size.height() // 2
            middle_x = hole.center().x() - size.width() // 2
            candidates = [
                (area.right() - hole.right() - GAP >= size.width(), QPoint(hole.right() + GAP, middle_y)),
                (
                    hole.left() - area.left() - GAP >= size.width(),
                    QPoint(hole.left() - GAP - size.width(), middle_y),
                ),
                (area.bottom() - hole.bottom() - GAP >= size.height(), QPoint(middle_x, hole.bottom() + GAP)),
                (
                    hole.top() - area.top() - GAP >= size.height(),
                    QPoint(middle_x, hole.top() - GAP - size.height()),
                ),
            ]
            spot = next((point for fits, point in candidates if fits), spot)
        x = max(area.left(), min(spot.x(), area.right() - size.width()))
        y = max(area.top(), min(spot.y(), area.bottom() - size.height()))
        self.bubble.move(x, y)
        self.bubble.raise_()

    # --- events -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.host and kind == QEvent.Type.Resize:
            self.setGeometry(self.host.rect())
            self._place()
        elif watched is self._target and kind in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self._place()
            self.update()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.skip()
        else:
            super().keyPressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shade = QPainterPath()
        shade.addRect(QRectF(self.rect()))
        hole = self.target_rect()
        if hole is not None:
            cut = QPainterPath()
            cut.addRoundedRect(QRectF(hole), 6, 6)
            shade = shade.subtracted(cut)
        painter.fillPath(shade, DIM)
        if hole is not None:
            painter.setPen(QPen(OUTLINE, 3))
            painter.drawRoundedRect(QRectF(hole), 6, 6)


class MainWindowTour(Tour):
    """The tour of the main window: the list, the editor, the preview, its badges, and the wizard."""

    def __init__(self, window: QWidget, enterprises: QWidget, editor: QWidget, preview: PreviewPanel) -> None:
        super().__init__(window, [])
        self.steps = self._steps(enterprises, editor, preview)

    def _steps(self, enterprises: QWidget, editor: QWidget, preview: PreviewPanel) -> list[Step]:
        return [
            Step(
                enterprises,
                self.tr("企业列表与查找"),
                self.tr(
                    "左侧列出本数据文件夹中的企业。在上方的查找框中输入名称、统一社会信用代码或地区，列表即时筛选"
                    "（Ctrl+F）；按 ↓ 进入列表，按回车开始编辑。"
                ),
            ),
            Step(
                editor,
                self.tr("企业档案"),
                self.tr(
                    "中间是所选企业的档案。每个字段都有说明，输入时即时校验。Ctrl+S 保存，Ctrl+Z 撤销；"
                    "标题栏中的 * 表示尚未保存。Ctrl+N 新建一家企业。"
                ),
            ),
            Step(
                preview,
                self.tr("测算结果"),
                self.tr(
                    "右侧在每次修改后重新测算全部措施，按政策文件分组。顶部是最高可申请的合计金额（万元），"
                    "旁边可以改测算日期。"
                ),
            ),
            Step(
                preview.tree,
                self.tr("标记和金额类型"),
                self.tr(
                    "<b>可申报</b>：条件均已满足；<b>不符合</b>：有条件不满足；<b>待补充</b>：还缺少信息；"
                    "<b>未生效·已失效</b>：测算日期不在文件有效期内。<br>"
                    "金额类型：<b>定额</b>按标准给予，<b>最高</b>为上限，<b>估算</b>以主管部门核定为准，"
                    "<b>按规定</b>为文件未写明金额。标有<b>遴选</b>的措施须经遴选或评选，入选后方可获得。"
                ),
            ),
            Step(
                preview.wizard_button,
                self.tr("填写申报"),
                self.tr(
                    "选中一项措施，下方显示测算依据和条款原文。点「填写申报」（Ctrl+Shift+W）逐步填写申报内容，"
                    "最后打印可签字盖章的申报书。以后可从“帮助 → 界面导览”再看一遍。"
                ),
            ),
        ]
