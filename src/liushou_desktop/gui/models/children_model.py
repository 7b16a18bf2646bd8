"""The children list as a Qt table model: ids plus a row cache (ARCHITECTURE.md §3.4).

The model holds every :class:`ChildRow` of the open archive in a dict (id → row) and two id
lists: all ids in the current sort order, and the ids the current :class:`ChildFilter` lets
through. Filtering re-runs :func:`domain.listing.matches` over the cached rows in Python and
resets the model; sorting sorts the cached values. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import replace
from enum import IntEnum
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

from ...domain.enums import RiskLevel, RiskType, Status
from ...domain.listing import ChildFilter, ChildRow, matches, narrows
from ...domain.risk import age_on, is_high_risk, priority_key
from .roles import RISK_COLOURS, answer_multi_data

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    SEX = 1
    AGE = 2
    CLASS = 3
    KIND = 4
    GUARDIAN = 5
    GUARDIAN_PHONE = 6
    FATHER_WORK = 7
    MOTHER_WORK = 8
    RISK_LEVEL = 9
    RISK_TYPE = 10
    STATUS = 11
    SCHOOL = 12  # shown in township mode only (the ledger of every school)


ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the child's id
HIGH_RISK_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # True for 一级 / 二级
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # the ChildRow itself


_Key = tuple[Any, ...]
_RECENT_FILTERS = 16

_CENTRED = frozenset({Column.SEX, Column.AGE, Column.RISK_LEVEL, Column.RISK_TYPE})
_ALIGN_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


_MISSING = (None, "")

# What a teacher does not see of a child who is not theirs (domain.access.limited_row blanks
# it): shown as a grey dash, not as 未评估 or an empty cell that looks like data.
HIDDEN_COLUMNS = frozenset(
    {
        Column.AGE,
        Column.KIND,
        Column.FATHER_WORK,
        Column.MOTHER_WORK,
        Column.RISK_LEVEL,
        Column.RISK_TYPE,
    }
)
HIDDEN_TEXT = "—"
_HIDDEN_FG = QColor("#9aa0a6")


def _uses_hidden_fields(f: ChildFilter) -> bool:
    """Whether the filter asks about something a contact card does not show."""
    return any(v is not None for v in (f.left_behind_kind, f.category, f.risk_type, f.risk_level))


def _full_pinyin(row: ChildRow) -> str:
    """ "zs zhangsan" → "zhangsan": names sort by their full reading, as Chinese lists do."""
    keys = row.name_pinyin.split()
    return keys[1] if len(keys) > 1 else (keys[0] if keys else row.name)


def _default_key(row: ChildRow) -> _Key:
    """The list's natural order: 一级/二级 first, then by class and name."""
    return (priority_key(row.risk_level), row.grade, row.class_no, _full_pinyin(row), row.id)


class ChildrenModel(QAbstractTableModel):
    """All children of the open archive; shows the ones the filter lets through."""

    def __init__(
        self, parent: QObject | None = None, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._today_value = today()
        self._cache: dict[str, ChildRow] = {}
        self._sorted: list[str] = []  # every id, in sort order
        self._ids: list[str] = []  # the visible ids, in sort order
        self._filter = ChildFilter()
        # Results of the last few filters over the current rows and order; cleared on any change.
        self._recent: OrderedDict[ChildFilter, list[str]] = OrderedDict()
        self._sort_column = int(Column.RISK_LEVEL)
        self._sort_order = Qt.SortOrder.AscendingOrder
        # The school whose database this is ("" for a township's ledger): its children that
        # the township moved to another school count as transferred out.
        self._own_school = ""
        # The children the user sees in full (a teacher's); None: every child.
        self._own: frozenset[str] | None = None
        self._headers = {
            Column.NAME: self.tr("Name"),
            Column.SEX: self.tr("Sex"),
            Column.AGE: self.tr("Age"),
            Column.CLASS: self.tr("Class"),
            Column.KIND: self.tr("Left-behind kind"),
            Column.GUARDIAN: self.tr("Guardian"),
            Column.GUARDIAN_PHONE: self.tr("Guardian phone"),
            Column.FATHER_WORK: self.tr("Father works in"),
            Column.MOTHER_WORK: self.tr("Mother works in"),
            Column.RISK_LEVEL: self.tr("Risk level"),
            Column.RISK_TYPE: self.tr("Risk type"),
            Column.STATUS: self.tr("Status"),
            Column.SCHOOL: self.tr("School"),
        }
        self._moved_text = self.tr("Transferred out (to %1)")
        self._unassessed = self.tr("Not assessed")
        self._contact_only = self.tr(
            "Contact details only: the full archive is seen by the class teacher, the paired "
            "helpers and the administrators"
        )
        self._hidden_brush = QBrush(_HIDDEN_FG)
        self._bold = QFont()
        self._bold.setBold(True)
        self._risk_brushes = {
            level: (QBrush(QColor(back)), QBrush(QColor(fore)))
            for level, (back, fore) in RISK_COLOURS.items()
        }

    # -- public API ----------------------------------------------------------------------------
    def set_own_school(self, school_id: str) -> None:
        """The school this database belongs to ("" for a township): call before
        :meth:`set_rows`. A child whose school is another one was transferred away."""
        self._own_school = school_id

    def own_school(self) -> str:
        return self._own_school

    def moved_away(self, row: ChildRow) -> bool:
        """Whether the township moved this child from this school to another one."""
        return bool(self._own_school) and row.school_id != self._own_school

    def set_own_children(self, own: frozenset[str] | None) -> None:
        """The children the user sees in full (None: all): call before :meth:`set_rows`. The
        others show only what a contact card shows; their hidden values are a grey dash, and a
        filter on them (risk, kind, category) leaves them out."""
        self._own = own
        self._recent.clear()

    def own_children(self) -> frozenset[str] | None:
        return self._own

    def filters_hidden_fields(self) -> bool:
        """Whether the current filter leaves out the children seen as contact cards only."""
        return self._own is not None and _uses_hidden_fields(self._filter)

    def limited(self, row: ChildRow | str) -> bool:
        """Whether only the contact card of this child is seen."""
        child_id = row if isinstance(row, str) else row.id
        return self._own is not None and child_id not in self._own

    def _matches(self, row: ChildRow, f: ChildFilter) -> bool:
        if self._own is not None and row.id not in self._own and _uses_hidden_fields(f):
            return False  # not known: neither 未评估 nor any kind
        return matches(row, f)

    def _adapt(self, row: ChildRow) -> ChildRow:
        """A child moved away counts as 转出 here, whatever its status at the new school."""
        if self.moved_away(row) and row.status != Status.TRANSFERRED_OUT:
            return replace(row, status=Status.TRANSFERRED_OUT.value)
        return row

    def set_rows(self, rows: Iterable[ChildRow]) -> None:
        """Replace every row (after opening or reloading the archive)."""
        self.beginResetModel()
        self._today_value = self._today()
        self._cache = {r.id: r for r in map(self._adapt, rows)}
        self._recent.clear()
        self._sorted = self._sorted_ids(self._cache.keys())
        self._ids = self._filtered(self._sorted)
        self.endResetModel()

    def set_filter(self, child_filter: ChildFilter) -> None:
        """Show only the children ``child_filter`` matches."""
        if child_filter == self._filter:
            return
        previous, shown = self._filter, self._ids
        self.beginResetModel()
        self._filter = child_filter
        # Typing one more letter can only narrow the list: search what is shown, not all rows.
        self._ids = self._filtered(shown if narrows(previous, child_filter) else self._sorted)
        self.endResetModel()

    def child_filter(self) -> ChildFilter:
        return self._filter

    def upsert_rows(self, rows: Iterable[ChildRow]) -> None:
        """Put fresh copies of changed (or new) rows into the cache, touching only their lines.

        A changed row that stays visible keeps its place (so it does not jump away from under
        the user's eyes); a new one goes where the current sort puts it."""
        for row in rows:
            self._upsert(row)

    def remove_ids(self, ids: Iterable[str]) -> None:
        for child_id in ids:
            if child_id not in self._cache:
                continue
            del self._cache[child_id]
            self._recent.clear()
            self._sorted.remove(child_id)
            self._remove_visible(child_id)

    def rows(self) -> list[ChildRow]:
        """Every cached row (visible or not), in sort order."""
        return [self._cache[i] for i in self._sorted]

    def total_count(self) -> int:
        return len(self._cache)

    def visible_count(self) -> int:
        return len(self._ids)

    def child_id(self, row: int) -> str:
        return self._ids[row]

    def child_row(self, row: int) -> ChildRow:
        return self._cache[self._ids[row]]

    def get(self, child_id: str) -> ChildRow | None:
        return self._cache.get(child_id)

    def row_of(self, child_id: str) -> int:
        """The visible row number of a child, or -1 when filtered out or unknown."""
        try:
            return self._ids.index(child_id)
        except ValueError:
            return -1

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[Column(section)]
            return None
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        return self._value(self._cache[self._ids[index.row()]], index.column(), role)

    def multiData(  # Qt's name
        self, index: _Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData
    ) -> None:
        """Every role of a cell in one call: the delegate asks for seven roles per cell, and
        one Python call instead of seven keeps repainting a full page cheap."""
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            answer_multi_data(roleDataSpan, None)
            return
        row = self._cache[self._ids[index.row()]]
        column = index.column()
        answer_multi_data(roleDataSpan, lambda role: self._value(row, column, role))

    def _value(self, row: ChildRow, column: int, role: int) -> Any:
        hidden = column in HIDDEN_COLUMNS and self.limited(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return HIDDEN_TEXT if hidden else self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == HIGH_RISK_ROLE:
            return is_high_risk(row.risk_level)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.FontRole:
            if column in (Column.NAME, Column.RISK_LEVEL) and is_high_risk(row.risk_level):
                return self._bold
            return None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if hidden:
                return self._hidden_brush if role == Qt.ItemDataRole.ForegroundRole else None
            if column in (Column.RISK_LEVEL, Column.NAME) and row.risk_level in self._risk_brushes:
                back, fore = self._risk_brushes[row.risk_level]
                if role == Qt.ItemDataRole.ForegroundRole:
                    return fore
                return back if column == Column.RISK_LEVEL else None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _CENTRED:
                return _ALIGN_CENTRE
            return _ALIGN_LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            if hidden or (column == Column.NAME and self.limited(row)):
                return self._contact_only
            if column == Column.NAME:
                return f"{row.name}  {row.id_number}" if row.id_number else row.name
            return None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's cached values (-1: the natural order, high risk first)."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [(self._ids[i.row()], i.column()) for i in old]
        self._sort_column = column
        self._sort_order = order
        self._recent.clear()
        self._sorted = self._sorted_ids(self._cache.keys())
        visible = set(self._ids)
        self._ids = [i for i in self._sorted if i in visible]
        positions = {child_id: n for n, child_id in enumerate(self._ids)}
        self.changePersistentIndexList(
            old, [self.index(positions[child_id], col) for child_id, col in old_ids]
        )
        self.layoutChanged.emit()

    # -- internals -----------------------------------------------------------------------------
    def _display(self, row: ChildRow, column: int) -> str:
        match column:
            case Column.NAME:
                return row.name
            case Column.SEX:
                return row.sex
            case Column.AGE:
                return str(age_on(row.birth_date, self._today_value)) if row.birth_date else ""
            case Column.CLASS:
                return row.class_label
            case Column.KIND:
                return row.left_behind_kind
            case Column.GUARDIAN:
                if not row.guardian_name:
                    return row.guardian_relation
                if not row.guardian_relation:
                    return row.guardian_name
                return f"{row.guardian_name}（{row.guardian_relation}）"
            case Column.GUARDIAN_PHONE:
                return row.guardian_phone
            case Column.FATHER_WORK:
                return row.father_work_place
            case Column.MOTHER_WORK:
                return row.mother_work_place
            case Column.RISK_LEVEL:
                if row.risk_level is None:
                    return self._unassessed
                return RiskLevel(row.risk_level).label
            case Column.RISK_TYPE:
                return RiskType(row.risk_type).label if row.risk_type is not None else ""
            case Column.STATUS:
                if self.moved_away(row):
                    return self._moved_text.replace("%1", row.school_name)
                return row.status
            case Column.SCHOOL:
                return row.school_name
        return ""

    def _sort_value(self) -> Callable[[ChildRow], Any] | None:
        """The sorted column's value of a row (None or "" = missing); None: natural order."""
        today = self._today_value
        match self._sort_column:
            case Column.NAME:
                return lambda r: (_full_pinyin(r), r.name)
            case Column.SEX:
                return lambda r: r.sex
            case Column.AGE:
                return lambda r: age_on(r.birth_date, today) if r.birth_date else None
            case Column.CLASS:
                return lambda r: (r.grade, r.class_no)
            case Column.KIND:
                return lambda r: r.left_behind_kind
            case Column.GUARDIAN:
                return lambda r: r.guardian_name
            case Column.GUARDIAN_PHONE:
                return lambda r: r.guardian_phone
            case Column.FATHER_WORK:
                return lambda r: r.father_work_place
            case Column.MOTHER_WORK:
                return lambda r: r.mother_work_place
            case Column.RISK_LEVEL:
                return lambda r: r.risk_level
            case Column.RISK_TYPE:
                return lambda r: r.risk_type
            case Column.STATUS:
                return lambda r: r.status
            case Column.SCHOOL:
                return lambda r: r.school_name
        return None

    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _sorted_ids(self, ids: Iterable[str]) -> list[str]:
        """Rows with a value in the sorted column in the chosen order, ties in the natural
        order; rows without a value (no birth date, not assessed) always at the end."""
        cache = self._cache
        value = self._sort_value()
        if value is None:
            return sorted(ids, key=lambda i: _default_key(cache[i]))
        present: list[str] = []
        missing: list[str] = []
        for i in ids:
            (missing if value(cache[i]) in _MISSING else present).append(i)
        present.sort(
            key=lambda i: (value(cache[i]), _default_key(cache[i])), reverse=self._descending()
        )
        missing.sort(key=lambda i: _default_key(cache[i]))
        return present + missing

    def _comes_before(self, a: ChildRow, b: ChildRow) -> bool:
        """Whether ``a`` sorts before ``b`` (the same order as :meth:`_sorted_ids`)."""
        value = self._sort_value()
        if value is None:
            return _default_key(a) < _default_key(b)
        va, vb = value(a), value(b)
        a_missing, b_missing = va in _MISSING, vb in _MISSING
        if a_missing or b_missing:
            return b_missing and (not a_missing or _default_key(a) < _default_key(b))
        ka, kb = (va, _default_key(a)), (vb, _default_key(b))
        return kb < ka if self._descending() else ka < kb

    def _filtered(self, candidates: list[str]) -> list[str]:
        """The ids among ``candidates`` that the current filter matches (a fresh list)."""
        f = self._filter
        if f.is_empty():
            return list(self._sorted)
        # Backspace returns to a filter seen a moment ago: reuse its result.
        remembered = self._recent.get(f)
        if remembered is None:
            cache = self._cache
            remembered = [i for i in candidates if self._matches(cache[i], f)]
            self._recent[f] = remembered
            while len(self._recent) > _RECENT_FILTERS:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(f)
        return list(remembered)

    def _position(self, ids: list[str], row: ChildRow) -> int:
        """Where ``row`` belongs in ``ids`` under the current sort."""
        for n, child_id in enumerate(ids):
            if self._comes_before(row, self._cache[child_id]):
                return n
        return len(ids)

    def _upsert(self, row: ChildRow) -> None:
        row = self._adapt(row)
        self._recent.clear()
        if row.id in self._cache:
            self._sorted.remove(row.id)
        self._cache[row.id] = row
        self._sorted.insert(self._position(self._sorted, row), row.id)
        visible_at = self.row_of(row.id)
        wanted = self._matches(row, self._filter)
        if visible_at >= 0 and wanted:
            self.dataChanged.emit(
                self.index(visible_at, 0), self.index(visible_at, len(Column) - 1)
            )
        elif visible_at >= 0:
            self._remove_visible(row.id)
        elif wanted:
            at = self._position(self._ids, row)
            self.beginInsertRows(QModelIndex(), at, at)
            self._ids.insert(at, row.id)
            self.endInsertRows()

    def _remove_visible(self, child_id: str) -> None:
        at = self.row_of(child_id)
        if at < 0:
            return
        self.beginRemoveRows(QModelIndex(), at, at)
        del self._ids[at]
        self.endRemoveRows()


__all__ = [
    "HIDDEN_COLUMNS",
    "HIDDEN_TEXT",
    "HIGH_RISK_ROLE",
    "ID_ROLE",
    "ROW_ROLE",
    "ChildrenModel",
    "Column",
]
