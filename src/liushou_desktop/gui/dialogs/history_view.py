"""The change history of one child's archive (变更记录): every field, old → new, who and when."""

from __future__ import annotations

import itertools
import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.archive import ENTITY_LABELS
from .fields import arg

if TYPE_CHECKING:
    from ...services.archive import HistoryEntry

_Index = QModelIndex | QPersistentModelIndex

TIME, AUTHOR, ENTITY, FIELD, OLD, NEW = range(6)
_CREATED_COLOR = QColor("#80868b")
_ASSESSMENT = ENTITY_LABELS["assessment"]


def is_archive_creation(entry: HistoryEntry) -> bool:
    """Filled in when the archive was made (建档). A new assessment is an event of its own."""
    return entry.created and entry.entity != _ASSESSMENT


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


class HistoryModel(QAbstractTableModel):
    """The entries, newest first. Entries of the first write (建档) are greyed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._headers = [
            self.tr("Time"),
            self.tr("Operator"),
            self.tr("Record"),
            self.tr("Item"),
            self.tr("Old value"),
            self.tr("New value"),
        ]
        self._created_text = self.tr("(new archive)")
        self._added_text = self.tr("(added)")

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        """Show ``entries`` (as the service returns them, oldest first) newest first."""
        # Reverse by write (hybrid-clock stamp), not by PC time, which may be wrong; the fields of
        # one write keep their order.
        writes = [list(group) for _stamp, group in itertools.groupby(entries, key=lambda e: e.hlc)]
        self.beginResetModel()
        self._entries = [e for write in reversed(writes) for e in write]
        self.endResetModel()

    def entry(self, row: int) -> HistoryEntry:
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's default argument
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's default argument
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        e = self._entries[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == TIME:
                return e.when.strftime("%Y-%m-%d %H:%M")
            if col == AUTHOR:
                return e.author
            if col == ENTITY:
                return e.entity
            if col == FIELD:
                return e.field
            if col == OLD:
                if e.created:
                    return self._created_text if is_archive_creation(e) else self._added_text
                return e.old
            if col == NEW:
                return e.new
        creation = is_archive_creation(e)
        if role == Qt.ItemDataRole.ForegroundRole and creation:
            return QBrush(_CREATED_COLOR)
        if role == Qt.ItemDataRole.FontRole:
            if e.created and col == OLD:
                font = QFont()
                font.setItalic(True)
                return font
            if not creation and col == NEW:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.UserRole:
            return creation
        return None


class _FieldFilter(QSortFilterProxyModel):
    """Keeps rows whose item (field name) contains the typed text; can hide 建档 entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._show_created = True

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = _fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_created(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_created = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not self._show_created and model.index(source_row, 0, source_parent).data(
            Qt.ItemDataRole.UserRole
        ):
            return False
        if not self._text:
            return True
        field = str(model.index(source_row, FIELD, source_parent).data() or "")
        return self._text in _fold(field)


class HistoryView(QWidget):
    """A filterable table of every change; give it entries with :meth:`set_entries`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.proxy = _FieldFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by item, e.g. phone or 管教方式"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.filter_edit.textChanged.connect(self._update_count)

        self.show_created = QCheckBox(self.tr("Show what was filled in when the archive was made"))
        self.show_created.setChecked(True)
        self.show_created.toggled.connect(self.proxy.set_show_created)
        self.show_created.toggled.connect(self._update_count)

        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((TIME, 130), (AUTHOR, 90), (ENTITY, 80), (FIELD, 170), (OLD, 200)):
            self.table.setColumnWidth(col, width)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Item:")))
        top.addWidget(self.filter_edit, 1)
        top.addSpacing(12)
        top.addWidget(self.show_created)
        top.addStretch(0)
        top.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._update_count()

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.model.set_entries(entries)
        self._update_count()

    def visible_rows(self) -> list[tuple[str, ...]]:
        """The texts of the rows as shown (after filtering), top to bottom."""
        return [
            tuple(str(self.proxy.index(r, c).data() or "") for c in range(self.proxy.columnCount()))
            for r in range(self.proxy.rowCount())
        ]

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(arg(self.tr("%1 changes"), total))
        else:
            self.count_label.setText(arg(self.tr("%1 of %2 changes"), shown, total))
