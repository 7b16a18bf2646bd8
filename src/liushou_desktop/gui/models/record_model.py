"""The record list as a table model: ids plus a row cache (ARCHITECTURE.md §3.4).

Rows are :class:`RecordInfo` (newest first, as the service returns them). Filtering by kind,
by children and by a date range runs over the cache; child and helper names come from lookup
tables the page fills once per load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.care import RecordInfo

_Index = QModelIndex | QPersistentModelIndex

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 2

_MUTED = QColor("#8a94a3")


class RecordColumn(IntEnum):
    DATE = 0
    KIND = 1
    MODE = 2
    CHILDREN = 3
    HELPER = 4
    AUTHOR = 5
    SUMMARY = 6
    FILES = 7
    VERSION = 8


@dataclass(frozen=True)
class RecordFilter:
    kind: str | None = None
    child_ids: frozenset[str] | None = None  # None: any child
    since: dt.date | None = None
    until: dt.date | None = None

    def accepts(self, r: RecordInfo) -> bool:
        if self.kind is not None and r.kind != self.kind:
            return False
        if self.since is not None and r.occurred_on < self.since:
            return False
        if self.until is not None and r.occurred_on > self.until:
            return False
        return self.child_ids is None or not self.child_ids.isdisjoint(r.child_ids)


class RecordsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[str, RecordInfo] = {}
        self._order: list[str] = []  # every id, newest first
        self._ids: list[str] = []  # the visible ids
        self._filter = RecordFilter()
        self._children: dict[str, str] = {}
        self._helpers: dict[str, str] = {}
        self._headers = {
            RecordColumn.DATE: self.tr("Date"),
            RecordColumn.KIND: self.tr("Kind"),
            RecordColumn.MODE: self.tr("Mode"),
            RecordColumn.CHILDREN: self.tr("Children"),
            RecordColumn.HELPER: self.tr("Helper"),
            RecordColumn.AUTHOR: self.tr("Written by"),
            RecordColumn.SUMMARY: self.tr("Summary"),
            RecordColumn.FILES: self.tr("Files"),
            RecordColumn.VERSION: self.tr("Version"),
        }
        self._corrected = self.tr("Corrected")
        self._correction = self.tr("Correction")
        self._muted = QBrush(_MUTED)

    # -- public ---------------------------------------------------------------------------------
    def set_rows(
        self,
        records: Iterable[RecordInfo],
        child_names: dict[str, str],
        helper_names: dict[str, str],
    ) -> None:
        self.beginResetModel()
        records = list(records)
        self._cache = {r.id: r for r in records}
        self._order = [r.id for r in records]
        self._children = dict(child_names)
        self._helpers = dict(helper_names)
        self._ids = [i for i in self._order if self._filter.accepts(self._cache[i])]
        self.endResetModel()

    def set_filter(self, record_filter: RecordFilter) -> None:
        if record_filter == self._filter:
            return
        self.beginResetModel()
        self._filter = record_filter
        self._ids = [i for i in self._order if record_filter.accepts(self._cache[i])]
        self.endResetModel()

    def record_filter(self) -> RecordFilter:
        return self._filter

    def record(self, row: int) -> RecordInfo:
        return self._cache[self._ids[row]]

    def get(self, record_id: str) -> RecordInfo | None:
        return self._cache.get(record_id)

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def total_count(self) -> int:
        return len(self._cache)

    def visible_count(self) -> int:
        return len(self._ids)

    def child_names(self, r: RecordInfo) -> str:
        return "、".join(self._children.get(c, "?") for c in r.child_ids)

    def helper_name(self, r: RecordInfo) -> str:
        return self._helpers.get(r.helper_id, "") if r.helper_id else ""

    # -- Qt interface ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(RecordColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(RecordColumn)
        ):
            return self._headers[RecordColumn(section)]
        return super().headerData(section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        r = self._cache[self._ids[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == ID_ROLE:
            return r.id
        if role == RECORD_ROLE:
            return r
        if role == Qt.ItemDataRole.ForegroundRole and r.corrected_by is not None:
            return self._muted  # a replaced version
        if role == Qt.ItemDataRole.ToolTipRole and column in (
            RecordColumn.SUMMARY,
            RecordColumn.CHILDREN,
        ):
            text = self._display(r, column)
            return text or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RecordColumn.FILES:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, r: RecordInfo, column: int) -> str:
        match column:
            case RecordColumn.DATE:
                return r.occurred_on.isoformat()
            case RecordColumn.KIND:
                return r.kind
            case RecordColumn.MODE:
                return r.mode
            case RecordColumn.CHILDREN:
                return self.child_names(r)
            case RecordColumn.HELPER:
                return self.helper_name(r)
            case RecordColumn.AUTHOR:
                return r.author
            case RecordColumn.SUMMARY:
                return " ".join(r.summary.split())
            case RecordColumn.FILES:
                return str(len(r.attachments)) if r.attachments else ""
            case RecordColumn.VERSION:
                if r.corrected_by is not None:
                    return self._corrected
                return self._correction if r.corrects is not None else ""
        return ""


__all__ = ["ID_ROLE", "RECORD_ROLE", "RecordColumn", "RecordFilter", "RecordsModel"]
