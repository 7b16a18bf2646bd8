"""Tables of the duties screens: one small table model over plain rows, and a tidy view for it.

:class:`RowTableModel` holds ids plus a row cache (ARCHITECTURE.md §3.4): a dict id → row (any
plain value: a ``DutyLine``, a ``Unit``, a ``ChildRow`` …), the ids in sort order and the ids the
current filter lets through. What a column shows is a :class:`Col` — a title and a function of
the row — so the dashboard, the calendar and the report build their tables from data, not
from items. Painting asks for all roles of a cell in one Python call (``multiData``), so a
table of 2,000 children scrolls as smoothly as the children list.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableView, QWidget

from ...domain.risk import is_high_risk
from ..models.roles import RISK_COLOURS, answer_multi_data
from .list_table import style_list_table

_Index = QModelIndex | QPersistentModelIndex

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the row's id
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # the row itself

_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

OVERDUE_COLOUR = "#a11d21"  # the 一级 text colour: "behind" reads the same everywhere


@dataclass(frozen=True)
class Col:
    """One column: its title, the text of a row, and how rows sort by it."""

    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None  # default: the text
    align: str = "left"  # "left", "right" (numbers) or "centre"
    risk: bool = False  # coloured like the children list's risk level (fill and text)
    name: bool = False  # bold and coloured for 一级/二级, like the children list's names
    alarm: Callable[[Any], bool] | None = None  # True: the cell's text in the overdue colour
    width: float = 0  # in CJK characters; 0: leave it to the view


class RowTableModel(QAbstractTableModel):
    """Rows keyed by id, shown through :class:`Col` columns; filter and sort in Python.

    ``risk_level(row)`` (optional) says which rows are 一级/二级, to highlight them."""

    def __init__(
        self,
        columns: Sequence[Col],
        key: Callable[[Any], Hashable],
        *,
        risk_level: Callable[[Any], int | None] | None = None,
        checkable: Callable[[Any], bool | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._key = key
        self._risk_level = risk_level
        self._checkable = checkable  # first column carries a check box: its state, or None
        self._cache: dict[Hashable, Any] = {}
        self._natural: dict[Hashable, int] = {}  # id → place in the order the rows came in
        self._order: list[Hashable] = []  # every id, in sort order
        self._ids: list[Hashable] = []  # the visible ids
        self._filter: Callable[[Any], bool] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._bold = QFont()
        self._bold.setBold(True)
        self._risk_brushes = {
            level: (QBrush(QColor(back)), QBrush(QColor(fore)))
            for level, (back, fore) in RISK_COLOURS.items()
        }
        self._alarm_brush = QBrush(QColor(OVERDUE_COLOUR))
        self.on_check: Callable[[Any, bool], None] | None = None

    # -- public API ----------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Any]) -> None:
        """Replace every row; their given order is the natural order (before any sort)."""
        self.beginResetModel()
        self._cache = {}
        natural: list[Hashable] = []
        for row in rows:
            k = self._key(row)
            if k not in self._cache:
                natural.append(k)
            self._cache[k] = row
        self._natural = {k: n for n, k in enumerate(natural)}
        self._order = self._sorted(natural)
        self._ids = self._visible()
        self.endResetModel()

    def set_filter(self, predicate: Callable[[Any], bool] | None) -> None:
        """Show only the rows ``predicate`` accepts (None: every row)."""
        self.beginResetModel()
        self._filter = predicate
        self._ids = self._visible()
        self.endResetModel()

    def rows(self) -> list[Any]:
        """The visible rows, in the order shown."""
        return [self._cache[i] for i in self._ids]

    def all_rows(self) -> list[Any]:
        return [self._cache[i] for i in self._order]

    def row(self, at: int) -> Any:
        return self._cache[self._ids[at]]

    def row_id(self, at: int) -> Hashable:
        return self._ids[at]

    def row_of(self, key: Hashable) -> int:
        try:
            return self._ids.index(key)
        except ValueError:
            return -1

    def total_count(self) -> int:
        return len(self._cache)

    def visible_count(self) -> int:
        return len(self._ids)

    def text(self, at: int, column: int) -> str:
        return self.columns[column].text(self.row(at))

    # -- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _ALIGN_RIGHT if self.columns[section].align == "right" else _ALIGN_LEFT
            return None
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        return self._value(self._cache[self._ids[index.row()]], index.column(), role)

    def multiData(  # Qt's name
        self, index: _Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData
    ) -> None:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            answer_multi_data(roleDataSpan, None)
            return
        row = self._cache[self._ids[index.row()]]
        column = index.column()
        answer_multi_data(roleDataSpan, lambda role: self._value(row, column, role))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable is not None and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A click on a row's check box asks ``on_check`` to do it; the box shows the stored
        state until the rows are set again."""
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or self._checkable is None
            or self.on_check is None
            or not index.isValid()
            or index.column() != 0
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.on_check(self.row(index.row()), checked)
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's values, ties in the natural order (-1: the natural order)."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [(self._ids[i.row()], i.column()) for i in old]
        self._sort_column = column
        self._sort_order = order
        self._order = self._sorted(self._order)
        self._ids = self._visible()
        positions = {k: n for n, k in enumerate(self._ids)}
        new = [self.index(positions[k], c) if k in positions else QModelIndex() for k, c in old_ids]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # -- internals -----------------------------------------------------------------------------
    def _value(self, row: Any, column: int, role: int) -> Any:
        col = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == ID_ROLE:
            return self._key(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return {"right": _ALIGN_RIGHT, "centre": _ALIGN_CENTRE}.get(col.align, _ALIGN_LEFT)
        if role == Qt.ItemDataRole.CheckStateRole:
            if self._checkable is None or column != 0:
                return None
            state = self._checkable(row)
            if state is None:
                return None
            return Qt.CheckState.Checked if state else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole:
            if (col.name or col.risk) and self._high(row):
                return self._bold
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if (col.name or col.risk) and self._level(row) in self._risk_brushes:
                return self._risk_brushes[self._level(row)][1]  # type: ignore[index]  # checked
            if col.alarm is not None and col.alarm(row):
                return self._alarm_brush
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if col.risk and self._level(row) in self._risk_brushes:
                return self._risk_brushes[self._level(row)][0]  # type: ignore[index]  # checked
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            text = col.text(row)
            return text if len(text) > 12 else None
        return None

    def _level(self, row: Any) -> int | None:
        return self._risk_level(row) if self._risk_level is not None else None

    def _high(self, row: Any) -> bool:
        return is_high_risk(self._level(row))

    def _sorted(self, ids: Iterable[Hashable]) -> list[Hashable]:
        natural = self._natural
        ordered = sorted(ids, key=lambda k: natural.get(k, 0))
        if not 0 <= self._sort_column < len(self.columns):
            return ordered
        col = self.columns[self._sort_column]
        value = col.sort or col.text
        cache = self._cache
        # sorted() is stable: ties keep the natural order, whichever way the column goes
        return sorted(
            ordered,
            key=lambda k: value(cache[k]),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def _visible(self) -> list[Hashable]:
        keep = self._filter
        if keep is None:
            return list(self._order)
        cache = self._cache
        return [k for k in self._order if keep(cache[k])]


def make_table(model: RowTableModel, parent: QWidget | None = None) -> QTableView:
    """A read-only table like the children list: whole rows, no grid, sortable columns."""
    table = QTableView(parent)
    table.setModel(model)
    style_list_table(table, row_padding=12)
    header = table.horizontalHeader()
    # A last column of text takes the spare width; numbers keep theirs (blank space after them
    # reads better than a number pushed to the far right).
    stretch = bool(model.columns) and model.columns[-1].align == "left"
    header.setStretchLastSection(stretch)
    if not stretch:  # the header's band runs on past the last column, as it does elsewhere
        header.setStyleSheet("QHeaderView { background: #eef1f5; }")
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # start in the rows' own order
    table.setSortingEnabled(True)
    unit = table.fontMetrics().horizontalAdvance("中")
    for n, col in enumerate(model.columns):
        if col.width:
            table.setColumnWidth(n, int(unit * col.width) + 24)
    return table


__all__ = ["ID_ROLE", "OVERDUE_COLOUR", "ROW_ROLE", "Col", "RowTableModel", "make_table"]
