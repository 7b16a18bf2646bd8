"""Table models for incidents (强制报告), dropouts (辍学登记) and holiday screening (寒暑假排查).

Each holds ids plus a row cache of the service's dataclasses (ARCHITECTURE.md §3.4). The
screening model is editable: one check box per item of ``domain.care.SCREENING_ITEMS`` and
the notes; an edit changes the cached row and emits :attr:`ScreeningModel.edited` with the
child's id, and the page saves that child.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.care import SCREENING_ITEMS
from ...services.care import DropoutInfo, IncidentInfo, ScreeningInfo

_Index = QModelIndex | QPersistentModelIndex

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_URGENT = QColor("#b3261e")
_URGENT_BACK = QColor("#fbe4e2")
_DONE = QColor("#2e7d32")
_MUTED = QColor("#5f6b7a")


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _ListModel(QAbstractTableModel):
    """Ids in service order plus a cache; subclasses say the headers and the cells."""

    headers: list[str]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []
        self._cache: dict[str, Any] = {}

    def _key(self, item: Any) -> str:
        return str(item.id)

    def set_rows(self, items: Iterable[Any]) -> None:
        self.beginResetModel()
        items = list(items)
        self._cache = {self._key(i): i for i in items}
        self._ids = [self._key(i) for i in items]
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._cache[self._ids[row]]

    def get(self, key: str) -> Any:
        return self._cache.get(key)

    def row_of(self, key: str) -> int:
        try:
            return self._ids.index(key)
        except ValueError:
            return -1

    def items(self) -> list[Any]:
        return [self._cache[i] for i in self._ids]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        item = self._cache[self._ids[index.row()]]
        if role == ID_ROLE:
            return self._key(item)
        return self.cell(item, index.column(), role)

    def cell(self, item: Any, column: int, role: int) -> Any:
        raise NotImplementedError


# --- incidents ---------------------------------------------------------------------------------
class IncidentColumn(IntEnum):
    STATE = 0
    FOUND_ON = 1
    CHILD = 2
    KIND = 3
    DESCRIPTION = 4
    REPORTED_ON = 5
    REPORTED_TO = 6
    OUTCOME = 7
    CLOSED_ON = 8


class IncidentsModel(_ListModel):
    """Open incidents first (the service's order), shown in red."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("State"),
            self.tr("Found on"),
            self.tr("Child"),
            self.tr("Situation"),
            self.tr("What was found"),
            self.tr("Reported on"),
            self.tr("Reported to"),
            self.tr("Outcome"),
            self.tr("Closed on"),
        ]
        self._open = self.tr("Open")
        self._closed = self.tr("Closed")
        self._not_reported = self.tr("Not reported yet")
        self._bold = QFont()
        self._bold.setBold(True)
        self._urgent = QBrush(_URGENT)
        self._urgent_back = QBrush(_URGENT_BACK)
        self._muted = QBrush(_MUTED)

    def open_count(self) -> int:
        return sum(1 for i in self._cache.values() if i.closed_on is None)

    def cell(self, item: IncidentInfo, column: int, role: int) -> Any:
        is_open = item.closed_on is None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._urgent if is_open else self._muted
        if role == Qt.ItemDataRole.BackgroundRole and is_open and column == IncidentColumn.STATE:
            return self._urgent_back
        if (
            role == Qt.ItemDataRole.FontRole
            and is_open
            and column
            in (
                IncidentColumn.STATE,
                IncidentColumn.CHILD,
            )
        ):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == IncidentColumn.DESCRIPTION:
            return item.description or None
        return None

    def _display(self, i: IncidentInfo, column: int) -> str:
        match column:
            case IncidentColumn.STATE:
                return self._open if i.closed_on is None else self._closed
            case IncidentColumn.FOUND_ON:
                return _date(i.found_on)
            case IncidentColumn.CHILD:
                return i.child_name
            case IncidentColumn.KIND:
                return i.kind
            case IncidentColumn.DESCRIPTION:
                return _one_line(i.description)
            case IncidentColumn.REPORTED_ON:
                return _date(i.reported_on) if i.reported_on else self._not_reported
            case IncidentColumn.REPORTED_TO:
                return i.reported_to
            case IncidentColumn.OUTCOME:
                return _one_line(i.outcome)
            case IncidentColumn.CLOSED_ON:
                return _date(i.closed_on)
        return ""


# --- dropouts ----------------------------------------------------------------------------------
class DropoutColumn(IntEnum):
    STATE = 0
    REGISTERED_ON = 1
    CHILD = 2
    REASON = 3
    ATTEMPTS = 4
    LAST_ATTEMPT = 5
    OUTCOME = 6
    CLOSED_ON = 7


class DropoutsModel(_ListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("State"),
            self.tr("Registered on"),
            self.tr("Child"),
            self.tr("Reason"),
            self.tr("Persuasion visits"),
            self.tr("Latest result"),
            self.tr("Outcome"),
            self.tr("Closed on"),
        ]
        self._open = self.tr("Persuading")
        self._closed = self.tr("Closed")
        self._bold = QFont()
        self._bold.setBold(True)
        self._urgent = QBrush(_URGENT)
        self._muted = QBrush(_MUTED)

    def open_count(self) -> int:
        return sum(1 for d in self._cache.values() if d.closed_on is None)

    def cell(self, item: DropoutInfo, column: int, role: int) -> Any:
        is_open = item.closed_on is None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == DropoutColumn.STATE and is_open:
                return self._urgent
            return None if is_open else self._muted
        if role == Qt.ItemDataRole.FontRole and is_open and column == DropoutColumn.STATE:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DropoutColumn.ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, d: DropoutInfo, column: int) -> str:
        match column:
            case DropoutColumn.STATE:
                return self._open if d.closed_on is None else self._closed
            case DropoutColumn.REGISTERED_ON:
                return _date(d.registered_on)
            case DropoutColumn.CHILD:
                return d.child_name
            case DropoutColumn.REASON:
                return _one_line(d.reason)
            case DropoutColumn.ATTEMPTS:
                return str(len(d.attempts))
            case DropoutColumn.LAST_ATTEMPT:
                if not d.attempts:
                    return ""
                on, by, result = d.attempts[-1]
                return f"{_date(on)} {by}：{_one_line(result)}"
            case DropoutColumn.OUTCOME:
                return _one_line(d.outcome)
            case DropoutColumn.CLOSED_ON:
                return _date(d.closed_on)
        return ""


# --- holiday screening -------------------------------------------------------------------------
NAME_COLUMN = 0
CLASS_COLUMN = 1
FIRST_ITEM_COLUMN = 2
NOTES_COLUMN = FIRST_ITEM_COLUMN + len(SCREENING_ITEMS)
STATE_COLUMN = NOTES_COLUMN + 1
CHECKED_ON_COLUMN = STATE_COLUMN + 1


class ScreeningModel(_ListModel):
    """Every child on the register with the holiday's checklist. Check boxes and notes are
    editable; an edit emits ``edited`` (child id) for the page to save."""

    edited = Signal(str)

    def __init__(self, parent: QObject | None = None, items: Sequence[str] = SCREENING_ITEMS):
        super().__init__(parent)
        self._items = tuple(items)
        self.headers = [
            self.tr("Name"),
            self.tr("Class"),
            *self._items,
            self.tr("Notes"),
            self.tr("Completed"),
            self.tr("Checked on"),
        ]
        self._done = self.tr("Done")
        self._not_done = self.tr("Not yet")
        self._done_brush = QBrush(_DONE)
        self._urgent = QBrush(_URGENT)
        self._saving: set[str] = set()
        self._saving_text = self.tr("Saving…")

    def _key(self, item: Any) -> str:
        return str(item.child_id)

    def complete_count(self) -> int:
        return sum(1 for s in self._cache.values() if s.complete)

    def set_saving(self, child_id: str, saving: bool) -> None:
        (self._saving.add if saving else self._saving.discard)(child_id)
        self._changed_row(child_id)

    def replace(self, info: ScreeningInfo) -> None:
        """Put a fresh copy of one child's checklist into the cache."""
        if info.child_id in self._cache:
            self._cache[info.child_id] = info
            self._changed_row(info.child_id)

    def set_items(self, child_id: str, items: dict[str, bool]) -> None:
        """Tick or untick items of one child (as the user would) and emit ``edited``."""
        info = self._cache.get(child_id)
        if info is None:
            return
        merged = {**info.items, **items}
        if merged != info.items:
            self._cache[child_id] = dataclasses.replace(info, items=merged)
            self._changed_row(child_id)
            self.edited.emit(child_id)

    def _changed_row(self, child_id: str) -> None:
        at = self.row_of(child_id)
        if at >= 0:
            self.dataChanged.emit(self.index(at, 0), self.index(at, len(self.headers) - 1))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        column = index.column()
        if FIRST_ITEM_COLUMN <= column < NOTES_COLUMN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column == NOTES_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def cell(self, item: ScreeningInfo, column: int, role: int) -> Any:
        if FIRST_ITEM_COLUMN <= column < NOTES_COLUMN:
            if role == Qt.ItemDataRole.CheckStateRole:
                name = self._items[column - FIRST_ITEM_COLUMN]
                ticked = item.items.get(name, False)
                return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            match column:
                case 0:
                    return item.child_name
                case 1:
                    return item.class_label
                case _ if column == NOTES_COLUMN:
                    return item.notes
                case _ if column == STATE_COLUMN:
                    if item.child_id in self._saving:
                        return self._saving_text
                    return self._done if item.complete else self._not_done
                case _ if column == CHECKED_ON_COLUMN:
                    return _date(item.checked_on)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE_COLUMN:
            return self._done_brush if item.complete else self._urgent
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return False
        child_id = self._ids[index.row()]
        info: ScreeningInfo = self._cache[child_id]
        column = index.column()
        if FIRST_ITEM_COLUMN <= column < NOTES_COLUMN and role == Qt.ItemDataRole.CheckStateRole:
            name = self._items[column - FIRST_ITEM_COLUMN]
            ticked = Qt.CheckState(value) == Qt.CheckState.Checked
            new = dataclasses.replace(info, items={**info.items, name: ticked})
        elif column == NOTES_COLUMN and role == Qt.ItemDataRole.EditRole:
            text = str(value or "").strip()
            if text == info.notes:
                return False
            new = dataclasses.replace(info, notes=text)
        else:
            return False
        self._cache[child_id] = new
        self._changed_row(child_id)
        self.edited.emit(child_id)
        return True
