"""Progress across terms at a glance: a row of small coloured chips, ↑ 进步, → 持平, ↓ 退步.

``ProgressChipsDelegate`` paints them in a table cell from the model's ``PROGRESS_ROLE``;
``ProgressChips`` is the same row as a widget (the plan dialog's header).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...domain.care import Progress
from ..models.pairing_models import PROGRESS_ARROWS, PROGRESS_ROLE, TermProgress

# (fill, text): a soft fill with dark text of the same hue, like the risk colours
CHIP_COLOURS: dict[str, tuple[str, str]] = {
    Progress.BETTER.value: ("#dcefe0", "#1e6b34"),
    Progress.SAME.value: ("#e7ebf0", "#4a5563"),
    Progress.WORSE.value: ("#f9dcdc", "#a11d21"),
}
_UNKNOWN = ("#eeeeee", "#555555")
_GAP = 4


def _chip_size(font: QFont, height: int) -> QSize:
    side = max(16, min(height - 6, 22))
    return QSize(side, side)


def paint_chips(
    painter: QPainter, rect: QRectF, items: Sequence[TermProgress], font: QFont
) -> None:
    """Chips left to right from ``rect``'s left edge, vertically centred; as many as fit."""
    size = _chip_size(font, int(rect.height()))
    bold = QFont(font)
    bold.setBold(True)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(bold)
    x = rect.left()
    top = rect.top() + (rect.height() - size.height()) / 2
    for item in items:
        if x + size.width() > rect.right():
            break
        fill, text = CHIP_COLOURS.get(item.progress, _UNKNOWN)
        chip = QRectF(x, top, size.width(), size.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(chip, 4, 4)
        painter.setPen(QColor(text))
        painter.drawText(
            chip, Qt.AlignmentFlag.AlignCenter, PROGRESS_ARROWS.get(item.progress, "?")
        )
        x += size.width() + _GAP
    painter.restore()


class ProgressChipsDelegate(QStyledItemDelegate):
    """Paints the chips of ``PROGRESS_ROLE`` instead of the cell's text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        items = index.data(PROGRESS_ROLE) or []
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        area = QRectF(option.rect).adjusted(6, 0, -4, 0)
        paint_chips(painter, area, items, option.font)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        items = index.data(PROGRESS_ROLE) or []
        hint = super().sizeHint(option, index)
        size = _chip_size(option.font, hint.height())
        return QSize(max(hint.width(), 10 + len(items) * (size.width() + _GAP)), hint.height())


class ProgressChips(QWidget):
    """The chips as a widget, with one tooltip listing each term's result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[TermProgress] = []
        self.setMinimumHeight(24)

    def set_items(self, items: Sequence[TermProgress]) -> None:
        self._items = list(items)
        self.setToolTip("\n".join(f"{t.term}：{t.progress}" for t in self._items))
        self.updateGeometry()
        self.update()

    def items(self) -> list[TermProgress]:
        return list(self._items)

    def sizeHint(self) -> QSize:
        side = _chip_size(self.font(), 24).width()
        return QSize(max(1, len(self._items)) * (side + _GAP), 24)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_chips(painter, QRectF(self.rect()), self._items, self.font())
        painter.end()
