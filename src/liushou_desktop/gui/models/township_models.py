"""Table models of the township's pages: figures per school (with the township's totals),
counts by risk level / type and guardian kind, conflicts, possible duplicate children.

Each holds ids plus a row cache (ARCHITECTURE.md §3.4) of the plain dataclasses the services
return; nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.archive import ENTITY_LABELS, FIELD_LABELS
from ...domain.care import CARE_ENTITY_LABELS
from ...domain.enums import GuardianKind, RiskLevel, RiskType

if TYPE_CHECKING:
    from ...services.sync import ConflictInfo
    from ...services.township import DuplicatePair, SchoolFigures

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
TOTAL_ID = ""  # the id of the township's totals row
UNASSESSED = "未评估"  # the services' key for children without an assessment

SILENT_BACK = QColor("#fde2e1")
SILENT_FORE = QColor("#a11d21")
DECIDED_FORE = QColor("#8a8a8a")
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def percent(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%" if whole else "—"


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity) or CARE_ENTITY_LABELS.get(entity) or entity


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def differing_fields(info: ConflictInfo) -> list[str]:
    """The field names whose values the two sides disagree on (in the group's order)."""
    names = list(dict.fromkeys([*info.a.values, *info.b.values]))
    return [n for n in names if info.a.values.get(n) != info.b.values.get(n)]


def conflict_subject(info: ConflictInfo) -> str:
    """What the conflict is about, e.g. "监护人：联系电话"."""
    fields = differing_fields(info)
    shown = "、".join(field_label(n) for n in fields[:3]) + ("…" if len(fields) > 3 else "")
    return f"{entity_label(info.entity)}：{shown}" if shown else entity_label(info.entity)


class _Table(QAbstractTableModel):
    """Ids plus a row cache; subclasses give headers and a cell's value per role."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []
        self._headers: list[str] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if not 0 <= index.column() < len(self._headers):
            return None
        row_id = self._ids[index.row()]
        if role == ID_ROLE:
            return row_id
        return self._value(row_id, index.column(), role)

    def _value(self, row_id: str, column: int, role: int) -> Any:
        raise NotImplementedError

    def row_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, row_id: str) -> int:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def ids(self) -> list[str]:
        return list(self._ids)


# -- figures per school ---------------------------------------------------------------------
class FigureColumn(IntEnum):
    SCHOOL = 0
    CHILDREN = 1
    ARCHIVE_RATE = 2
    PAIRED_RATE = 3
    VISITED_RATE = 4
    OVERDUE = 5
    LAST_BUNDLE = 6
    DAYS_SILENT = 7


class FiguresModel(_Table):
    """One row per school, then the township's totals; schools silent for ``silent_days`` or
    more (or never heard from) are marked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._figures: dict[str, SchoolFigures] = {}
        self._totals: dict[str, Any] = {}
        self._silent_days = 30
        self._headers = [
            self.tr("School"),
            self.tr("On register"),
            self.tr("Archive rate"),
            self.tr("Paired rate"),
            self.tr("Visited this term"),
            self.tr("Overdue duties"),
            self.tr("Last bundle"),
            self.tr("Days without sync"),
        ]
        self._total_name = self.tr("Whole township")
        self._never = self.tr("never")
        self._silent_tip = self.tr("No sync bundle for %1 days or more")
        self._bold = QFont()
        self._bold.setBold(True)
        self._silent_back, self._silent_fore = QBrush(SILENT_BACK), QBrush(SILENT_FORE)

    def set_figures(self, figures: Sequence[SchoolFigures], totals: dict[str, Any]) -> None:
        self.beginResetModel()
        self._figures = {f.school_id: f for f in figures}
        self._totals = dict(totals)
        self._ids = [f.school_id for f in figures] + ([TOTAL_ID] if figures else [])
        self.endResetModel()

    def set_silent_days(self, days: int) -> None:
        self._silent_days = days
        if self._ids:
            last = len(self._headers) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last))

    def silent_days(self) -> int:
        return self._silent_days

    def figures(self, school_id: str) -> SchoolFigures | None:
        return self._figures.get(school_id)

    def is_silent(self, school_id: str) -> bool:
        f = self._figures.get(school_id)
        return f is not None and (f.days_silent is None or f.days_silent >= self._silent_days)

    def silent_schools(self) -> list[str]:
        return [i for i in self._ids if self.is_silent(i)]

    def _value(self, row_id: str, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row_id, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if row_id == TOTAL_ID else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT if column == FigureColumn.SCHOOL else _ALIGN_RIGHT
        silent = row_id != TOTAL_ID and self.is_silent(row_id)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._silent_back if silent else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._silent_fore if silent else None
        if role == Qt.ItemDataRole.ToolTipRole and silent:
            return self._silent_tip.replace("%1", str(self._silent_days))
        return None

    def _display(self, row_id: str, column: int) -> str:
        if row_id == TOTAL_ID:
            t = self._totals
            children = int(t.get("children", 0))
            match column:
                case FigureColumn.SCHOOL:
                    return self._total_name
                case FigureColumn.CHILDREN:
                    return str(children)
                case FigureColumn.ARCHIVE_RATE:
                    return percent(int(t.get("archived", 0)), children)
                case FigureColumn.PAIRED_RATE:
                    return percent(int(t.get("paired", 0)), children)
                case FigureColumn.VISITED_RATE:
                    return percent(int(t.get("visited", 0)), children)
                case FigureColumn.OVERDUE:
                    return str(t.get("overdue", 0))
            return ""
        f = self._figures[row_id]
        match column:
            case FigureColumn.SCHOOL:
                return f.name
            case FigureColumn.CHILDREN:
                return str(f.children)
            case FigureColumn.ARCHIVE_RATE:
                return percent(f.archived, f.children)
            case FigureColumn.PAIRED_RATE:
                return percent(f.paired, f.children)
            case FigureColumn.VISITED_RATE:
                return percent(f.visited, f.children)
            case FigureColumn.OVERDUE:
                return str(f.overdue)
            case FigureColumn.LAST_BUNDLE:
                return f.last_bundle or self._never
            case FigureColumn.DAYS_SILENT:
                return "" if f.days_silent is None else str(f.days_silent)
        return ""


# -- counts by level, type and guardian kind --------------------------------------------------
def _risk_order(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (99, key)


class BreakdownModel(_Table):
    """Schools (and the township) by risk level, risk type and guardian kind: one column per
    value found, in the scales' order, "not assessed" last in each group."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._figures: dict[str, SchoolFigures] = {}
        self._totals: dict[str, Any] = {}
        self._columns: list[tuple[str, str]] = []  # (attribute, key)
        self._bold = QFont()
        self._bold.setBold(True)
        self._total_name = self.tr("Whole township")
        self._level = self.tr("Level: %1")
        self._type = self.tr("Type: %1")
        self._level_unassessed = self.tr("Level not assessed")
        self._type_unassessed = self.tr("Type not assessed")

    def set_figures(self, figures: Sequence[SchoolFigures], totals: dict[str, Any]) -> None:
        self.beginResetModel()
        self._figures = {f.school_id: f for f in figures}
        self._totals = dict(totals)
        self._ids = [f.school_id for f in figures] + ([TOTAL_ID] if figures else [])
        self._columns = []
        headers = [self.tr("School")]
        levels = sorted(dict(totals.get("by_risk_level", {})), key=_risk_order)
        types = sorted(dict(totals.get("by_risk_type", {})), key=_risk_order)
        order = {k.value: n for n, k in enumerate(GuardianKind)}
        kinds = sorted(dict(totals.get("by_guardian_kind", {})), key=lambda k: order.get(k, 99))
        for key in levels:
            self._columns.append(("by_risk_level", key))
            headers.append(
                self._level.replace("%1", RiskLevel(int(key)).label)
                if key.isdigit()
                else self._level_unassessed
            )
        for key in types:
            self._columns.append(("by_risk_type", key))
            headers.append(
                self._type.replace("%1", RiskType(int(key)).label)
                if key.isdigit()
                else self._type_unassessed
            )
        for key in kinds:
            self._columns.append(("by_guardian_kind", key))
            headers.append(key)
        self._headers = headers
        self.endResetModel()

    def count(self, row_id: str, attribute: str, key: str) -> int:
        source = (
            self._totals.get(attribute, {})
            if row_id == TOTAL_ID
            else getattr(self._figures[row_id], attribute)
        )
        return int(source.get(key, 0))

    def _value(self, row_id: str, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self._total_name if row_id == TOTAL_ID else self._figures[row_id].name
            attribute, key = self._columns[column - 1]
            return str(self.count(row_id, attribute, key))
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if row_id == TOTAL_ID else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT if column == 0 else _ALIGN_RIGHT
        return None


# -- conflicts --------------------------------------------------------------------------------
class ConflictColumn(IntEnum):
    STATE = 0
    KIND = 1
    SCHOOL = 2
    CHILD = 3
    SUBJECT = 4
    SIDE_A = 5
    SIDE_B = 6


class ConflictsModel(_Table):
    """Conflicts, open ones first; decided ones greyed with their decision."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[str, ConflictInfo] = {}
        self._headers = [
            self.tr("Decision"),
            self.tr("Kind"),
            self.tr("School"),
            self.tr("Child"),
            self.tr("About"),
            self.tr("Side A"),
            self.tr("Side B"),
        ]
        self._open_text = self.tr("Open")
        self._grey = QBrush(DECIDED_FORE)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_conflicts(self, conflicts: Sequence[ConflictInfo]) -> None:
        self.beginResetModel()
        self._cache = {c.id: c for c in conflicts}
        self._ids = [c.id for c in conflicts]
        self.endResetModel()

    def conflict(self, conflict_id: str) -> ConflictInfo | None:
        return self._cache.get(conflict_id)

    def open_count(self) -> int:
        return sum(1 for c in self._cache.values() if not c.decision)

    def _value(self, row_id: str, column: int, role: int) -> Any:
        c = self._cache[row_id]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(c, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._grey if c.decision else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if column == ConflictColumn.STATE and not c.decision else None
        if role == Qt.ItemDataRole.ToolTipRole and column == ConflictColumn.SUBJECT:
            return conflict_subject(c)
        return None

    def _display(self, c: ConflictInfo, column: int) -> str:
        match column:
            case ConflictColumn.STATE:
                return c.decision or self._open_text
            case ConflictColumn.KIND:
                return c.kind
            case ConflictColumn.SCHOOL:
                return c.school
            case ConflictColumn.CHILD:
                return c.child_name
            case ConflictColumn.SUBJECT:
                return conflict_subject(c)
            case ConflictColumn.SIDE_A:
                return f"{c.a.unit} · {c.a.author}"
            case ConflictColumn.SIDE_B:
                return f"{c.b.unit} · {c.b.author}"
        return ""


# -- duplicates -------------------------------------------------------------------------------
class DuplicatesModel(_Table):
    """Possible duplicate children: each pair side by side."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[str, DuplicatePair] = {}
        self._headers = [
            self.tr("Why"),
            self.tr("Child A"),
            self.tr("School of A"),
            self.tr("Child B"),
            self.tr("School of B"),
        ]
        self._columns: list[Callable[[DuplicatePair], str]] = [
            lambda p: p.reason,
            lambda p: p.a_name,
            lambda p: p.a_school,
            lambda p: p.b_name,
            lambda p: p.b_school,
        ]

    def set_pairs(self, pairs: Sequence[DuplicatePair]) -> None:
        self.beginResetModel()
        self._cache = {p.id: p for p in pairs}
        self._ids = [p.id for p in pairs]
        self.endResetModel()

    def pair(self, pair_id: str) -> DuplicatePair | None:
        return self._cache.get(pair_id)

    def _value(self, row_id: str, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[column](self._cache[row_id])
        return None
