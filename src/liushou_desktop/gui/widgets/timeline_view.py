"""A child's timeline: everything about one child, newest first, as a dated vertical list.

Entries come from ``CareService.timeline`` (records, pairings and their end, risk assessments,
incidents, booked visits). Each kind has its colour: a dot on the rail and a small badge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..dialogs.fields import guarded

if TYPE_CHECKING:
    from ...services.care import CareService, TimelineEntry
    from ..tasks import TaskRunner

ENTRY_ROLE = int(Qt.ItemDataRole.UserRole) + 1

# Kind (the service's Chinese value) → colour. Unknown kinds are grey.
KIND_COLOURS: dict[str, str] = {
    "记录": "#2f6fae",
    "结对": "#2e7d32",
    "结对结束": "#78909c",
    "风险评估": "#b35c00",
    "强制报告": "#c62828",
    "家访预约": "#6a4c93",
}
_OTHER = "#5f6b7a"
_MUTED = QColor("#5f6b7a")
_RAIL = QColor("#d0d6de")
_DETAIL_LINES = 4
_PAD = 8


def kind_colour(kind: str) -> QColor:
    return QColor(KIND_COLOURS.get(kind, _OTHER))


class _EntryDelegate(QStyledItemDelegate):
    """Paints date | rail with a coloured dot | badge, title and detail."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _columns(self, fm: QFontMetrics) -> tuple[int, int, int]:
        date_w = fm.horizontalAdvance("2026-11-22") + 12
        rail = _PAD + date_w + 12
        return date_w, rail, rail + 16

    def _detail_rect(self, width: int, fm: QFontMetrics, text: str) -> QRect:
        _d, _r, content = self._columns(fm)
        available = max(120, width - content - _PAD)
        bound = fm.boundingRect(
            QRect(0, 0, available, fm.lineSpacing() * _DETAIL_LINES),
            int(Qt.TextFlag.TextWordWrap),
            text,
        )
        return QRect(content, 0, available, min(bound.height(), fm.lineSpacing() * _DETAIL_LINES))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        entry: TimelineEntry | None = index.data(ENTRY_ROLE)
        fm = QFontMetrics(option.font)
        width = self._view.viewport().width()
        height = _PAD * 2 + fm.height() + 6
        if entry is not None and entry.detail:
            height += self._detail_rect(width, fm, entry.detail).height() + 2
        return QSize(width, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        entry: TimelineEntry | None = index.data(ENTRY_ROLE)
        if entry is None:
            return
        rect: QRect = option.rect
        font: QFont = option.font
        state = option.state
        fm = QFontMetrics(font)
        date_w, rail, content = self._columns(fm)
        colour = kind_colour(entry.kind)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor("#e3ecf6"))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor("#f3f6f9"))
        top = rect.top() + _PAD
        line_h = fm.height() + 6
        centre_y = top + line_h // 2
        # the rail through the whole row, the dot on the first line
        painter.setPen(QPen(_RAIL, 2))
        first, last = index.row() == 0, index.row() == index.model().rowCount() - 1
        painter.drawLine(
            rail,
            rect.top() if not first else centre_y,
            rail,
            rect.bottom() if not last else centre_y,
        )
        painter.setPen(QPen(QColor("white"), 2))
        painter.setBrush(colour)
        painter.drawEllipse(rail - 6, centre_y - 6, 12, 12)
        # the date
        painter.setPen(_MUTED)
        painter.setFont(font)
        painter.drawText(
            QRect(rect.left() + _PAD, top, date_w, line_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            entry.on.isoformat(),
        )
        # the kind as a badge
        badge_w = fm.horizontalAdvance(entry.kind) + 14
        badge = QRect(rect.left() + content, top + 1, badge_w, line_h - 2)
        fill = QColor(colour)
        fill.setAlpha(32)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(colour)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), entry.kind)
        # the title, bold
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(option.palette.color(option.palette.ColorRole.Text))
        title_x = badge.right() + 10
        title_rect = QRect(title_x, top, rect.right() - title_x - _PAD, line_h)
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(bold).elidedText(
                entry.title, Qt.TextElideMode.ElideRight, title_rect.width()
            ),
        )
        # the detail, wrapped
        if entry.detail:
            painter.setFont(font)
            painter.setPen(_MUTED)
            detail = self._detail_rect(rect.width(), fm, entry.detail)
            detail.moveTo(rect.left() + content, top + line_h + 2)
            painter.drawText(detail, int(Qt.TextFlag.TextWordWrap), entry.detail)
        painter.restore()


class TimelineView(QWidget):
    """The timeline of one child. ``entry_activated`` carries the double-clicked entry (its
    ``kind`` and ``ref_id`` say what it is: a record id for "记录", …)."""

    entry_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []
        self.list = QListWidget(self)
        self.list.setObjectName("timeline")
        self.list.setItemDelegate(_EntryDelegate(self.list))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMouseTracking(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet("QListWidget#timeline { background: white; }")
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        self.empty_label = QLabel(self.tr("Nothing has been recorded about this child yet."), self)
        self.empty_label.setObjectName("hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label = QLabel(self.tr("Loading…"), self)
        self.loading_label.setObjectName("hint")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.loading_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.stack.setCurrentWidget(self.empty_label)

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        """Show ``entries`` (newest first, as ``CareService.timeline`` returns them)."""
        self._entries = list(entries)
        self.list.clear()
        for entry in self._entries:
            item = QListWidgetItem()
            item.setData(ENTRY_ROLE, entry)
            item.setToolTip(f"{entry.on.isoformat()} {entry.kind}：{entry.title}")
            self.list.addItem(item)
        self.stack.setCurrentWidget(self.list if self._entries else self.empty_label)

    def entries(self) -> list[TimelineEntry]:
        return list(self._entries)

    def load(self, runner: TaskRunner, care: CareService, child_id: str) -> None:
        """Read the child's timeline on the worker thread and show it."""
        self.stack.setCurrentWidget(self.loading_label)
        runner.run(
            lambda _state: care.timeline(child_id),
            on_done=guarded(self, self.set_entries),
            on_error=guarded(self, self._failed),
        )

    def _failed(self, exc: BaseException) -> None:
        from ..messages import show_known_error

        self.set_entries(self._entries)
        show_known_error(self, exc)

    def _activated(self, item: QListWidgetItem) -> None:
        entry = item.data(ENTRY_ROLE)
        if entry is not None:
            self.entry_activated.emit(entry)

    def resizeEvent(self, event: object) -> None:  # Qt's name; heights depend on the width
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.list.doItemsLayout()
