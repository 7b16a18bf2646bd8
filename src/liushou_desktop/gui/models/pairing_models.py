"""Table models of the pairing page: helpers, pairings, children to pick or pair, and booked
home visits. Each holds ids plus a row cache (ARCHITECTURE.md §3.4) and never touches the
database: the page loads plain rows from the services on the worker thread and hands them over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.care import HelperKind, Progress
from ...domain.enums import RiskLevel
from ...domain.grades import class_label, grade_label
from ...domain.listing import ChildFilter, ChildRow, fold, matches
from ...domain.pinyin import search_key
from ...domain.risk import is_high_risk, priority_key
from ..widgets.text import arg

if TYPE_CHECKING:  # the services' modules load SQLAlchemy: not needed to build the models
    from ...services.care import AppointmentInfo, HelperInfo, PairingInfo, ReviewInfo

_Index = QModelIndex | QPersistentModelIndex
_ALIGN_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the row's id
PROGRESS_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # list of TermProgress (pairings)

MUTED = QColor("#8a94a3")
WARN_FG = QColor("#8f4a00")
HIGH_RISK_FG = QColor("#a11d21")
HIGH_RISK_BG = QColor("#f9dcdc")
UNPAIRED_BG = QColor("#fff3cd")

_KIND_ORDER = {
    HelperKind.TEACHER.value: 0,
    HelperKind.CLASSMATE.value: 1,
    HelperKind.OUTSIDER.value: 2,
}


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


@dataclass(frozen=True)
class TermProgress:
    """A pairing's staged result for one term: the latest review of that term."""

    term: str
    progress: str
    reviewed_on: dt.date
    notes: str


def progress_by_term(reviews: Iterable[ReviewInfo]) -> list[TermProgress]:
    """One entry per term, in the order the terms were first reviewed; a later review of the
    same term replaces the earlier one (the chips show the term's final word)."""
    latest: dict[str, TermProgress] = {}
    for r in sorted(reviews, key=lambda r: r.reviewed_on):
        latest[r.term] = TermProgress(r.term, r.progress, r.reviewed_on, r.notes)
    first_seen: dict[str, dt.date] = {}
    for r in reviews:
        first_seen[r.term] = min(first_seen.get(r.term, r.reviewed_on), r.reviewed_on)
    return sorted(latest.values(), key=lambda t: first_seen[t.term])


PROGRESS_ARROWS = {Progress.BETTER.value: "↑", Progress.SAME.value: "→", Progress.WORSE.value: "↓"}


def progress_text(items: Sequence[TermProgress]) -> str:
    return " ".join(PROGRESS_ARROWS.get(t.progress, "?") for t in items)


Row = TypeVar("Row")


class _RowsModel(QAbstractTableModel, Generic[Row]):
    """Rows by id; a list of the visible ids in display order. Subclasses give the columns."""

    COLUMNS: Sequence[IntEnum] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[str, Row] = {}
        self._ids: list[str] = []
        self._all: list[str] = []

    # -- public ---------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._cache = {self._id(r): r for r in rows}
        self._all = sorted(self._cache, key=lambda i: self._order_key(self._cache[i]))
        self._ids = [i for i in self._all if self._visible(self._cache[i])]
        self.endResetModel()

    def refilter(self) -> None:
        self.beginResetModel()
        self._ids = [i for i in self._all if self._visible(self._cache[i])]
        self.endResetModel()

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_at(self, row: int) -> Row:
        return self._cache[self._ids[row]]

    def get(self, row_id: str) -> Row | None:
        return self._cache.get(row_id)

    def row_of(self, row_id: str) -> int:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def rows(self) -> list[Row]:
        """The visible rows, in display order."""
        return [self._cache[i] for i in self._ids]

    def all_rows(self) -> list[Row]:
        return [self._cache[i] for i in self._all]

    def total_count(self) -> int:
        return len(self._cache)

    # -- to override ----------------------------------------------------------------------------
    def _id(self, row: Row) -> str:
        return str(row.id)  # type: ignore[attr-defined]  # every row dataclass has an id

    def _order_key(self, row: Row) -> Any:
        return 0

    def _visible(self, row: Row) -> bool:
        return True

    def _headers(self) -> dict[int, str]:
        return {}

    def _value(self, row: Row, column: int, role: int) -> Any:
        return None

    # -- Qt -------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers().get(section, "")
            return None
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row = self._cache[self._ids[index.row()]]
        if role == ID_ROLE:
            return self._ids[index.row()]
        return self._value(row, index.column(), role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# --- helpers ------------------------------------------------------------------------------------
class HelperColumn(IntEnum):
    KIND = 0
    NAME = 1
    CHILDREN = 2
    PHONE = 3
    DETAIL = 4


class HelpersModel(_RowsModel["HelperInfo"]):
    """Every helper of the school: active ones first (teachers, classmates, outsiders, by
    name), former helpers greyed at the end. ``set_text`` filters by name or pinyin."""

    COLUMNS = tuple(HelperColumn)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._child_labels: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._text = ""
        self._limit = 3
        self._bold = QFont()
        self._bold.setBold(True)
        self._header_text: dict[int, str] = {
            HelperColumn.KIND: self.tr("Kind"),
            HelperColumn.NAME: self.tr("Name"),
            HelperColumn.CHILDREN: self.tr("Children"),
            HelperColumn.PHONE: self.tr("Phone"),
            HelperColumn.DETAIL: self.tr("Subject, class or role"),
        }
        self._left = self.tr("left")

    def set_context(self, child_labels: dict[str, str], limit: int) -> None:
        """Labels of the classmates' own child records (name and class) and the school's
        limit of children per teacher; call before :meth:`set_rows`."""
        self._child_labels = child_labels
        self._limit = limit

    def set_rows(self, rows: Iterable[HelperInfo]) -> None:
        rows = list(rows)
        self._keys = {h.id: f"{fold(h.name)} {search_key(h.name)}" for h in rows}
        super().set_rows(rows)

    def set_text(self, text: str) -> None:
        folded = fold(text)
        if folded == self._text:
            return
        self._text = folded
        self.refilter()

    def limit(self) -> int:
        return self._limit

    def detail(self, h: HelperInfo) -> str:
        if h.kind == HelperKind.TEACHER:
            parts = [h.subject] if h.subject else []
            if h.grade:
                parts.append(
                    class_label(h.grade, h.class_no) if h.class_no else grade_label(h.grade)
                )
            return " ".join(parts)
        if h.kind == HelperKind.CLASSMATE:
            return self._child_labels.get(h.child_id or "", "")
        return h.role_note

    def _order_key(self, h: HelperInfo) -> Any:
        key = self._keys.get(h.id, h.name).split()
        return (not h.active, _KIND_ORDER.get(h.kind, 9), key[-1] if key else h.name, h.id)

    def _visible(self, h: HelperInfo) -> bool:
        if not self._text:
            return True
        key = self._keys.get(h.id, "")
        if self._text in fold(h.name):
            return True
        return self._text.isascii() and any(k.startswith(self._text) for k in key.split())

    def _headers(self) -> dict[int, str]:
        return dict(self._header_text)

    def _over_limit(self, h: HelperInfo) -> bool:
        return h.kind == HelperKind.TEACHER and h.children > self._limit

    def _value(self, h: HelperInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case HelperColumn.KIND:
                    return h.kind
                case HelperColumn.NAME:
                    return h.name if h.active else f"{h.name}（{self._left}）"
                case HelperColumn.PHONE:
                    return h.phone
                case HelperColumn.DETAIL:
                    return self.detail(h)
                case HelperColumn.CHILDREN:
                    return str(h.children)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if not h.active:
                return QBrush(MUTED)
            if column == HelperColumn.CHILDREN and self._over_limit(h):
                return QBrush(WARN_FG)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column == HelperColumn.CHILDREN and h.active and self._over_limit(h):
                return self._bold
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_CENTRE if column == HelperColumn.CHILDREN else _ALIGN_LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            if not h.active:
                return self.tr("No longer a helper; the pairings are kept in the history.")
            if column == HelperColumn.CHILDREN and self._over_limit(h):
                return arg(
                    self.tr("More children than the school's limit per teacher (%1)"), self._limit
                )
            return None
        return None


# --- pairings -----------------------------------------------------------------------------------
class PairingColumn(IntEnum):
    CHILD = 0
    CLASS = 1
    HELPER = 2
    ROLE = 3
    START = 4
    END = 5
    PROGRESS = 6


class PairingsModel(_RowsModel["PairingInfo"]):
    """Pairings in the service's order (active first, then by class and name). Ended pairings
    are greyed; ``PROGRESS_ROLE`` gives each pairing's result per term for the chips."""

    COLUMNS = tuple(PairingColumn)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._order: dict[str, int] = {}
        self._progress: dict[str, list[TermProgress]] = {}
        self._helper_id: str | None = None
        self._show_ended = True
        self._header_text: dict[int, str] = {
            PairingColumn.CHILD: self.tr("Child"),
            PairingColumn.CLASS: self.tr("Class"),
            PairingColumn.HELPER: self.tr("Helper"),
            PairingColumn.ROLE: self.tr("Role"),
            PairingColumn.START: self.tr("Start"),
            PairingColumn.END: self.tr("End"),
            PairingColumn.PROGRESS: self.tr("Progress by term"),
        }

    def set_pairings(
        self, pairings: Sequence[PairingInfo], progress: dict[str, list[TermProgress]]
    ) -> None:
        self._order = {p.id: n for n, p in enumerate(pairings)}
        self._progress = progress
        self.set_rows(pairings)

    def set_scope(self, helper_id: str | None, show_ended: bool) -> None:
        """Show one helper's pairings (None: every pairing of the school); with or without
        the ended ones."""
        if (helper_id, show_ended) == (self._helper_id, self._show_ended):
            return
        self._helper_id, self._show_ended = helper_id, show_ended
        self.refilter()

    def scope(self) -> tuple[str | None, bool]:
        return self._helper_id, self._show_ended

    def progress(self, pairing_id: str) -> list[TermProgress]:
        return list(self._progress.get(pairing_id, []))

    def _order_key(self, p: PairingInfo) -> Any:
        return self._order.get(p.id, 0)

    def _visible(self, p: PairingInfo) -> bool:
        if self._helper_id is not None and p.helper_id != self._helper_id:
            return False
        return self._show_ended or p.active

    def _headers(self) -> dict[int, str]:
        return dict(self._header_text)

    def _value(self, p: PairingInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case PairingColumn.CHILD:
                    return p.child_name
                case PairingColumn.CLASS:
                    return p.class_label
                case PairingColumn.HELPER:
                    return p.helper_name
                case PairingColumn.ROLE:
                    return p.role
                case PairingColumn.START:
                    return p.start_date.isoformat()
                case PairingColumn.END:
                    return p.end_date.isoformat() if p.end_date else ""
                case PairingColumn.PROGRESS:
                    return progress_text(self._progress.get(p.id, []))
            return None
        if role == PROGRESS_ROLE:
            return self._progress.get(p.id, [])
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if p.active else QBrush(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == PairingColumn.PROGRESS:
                items = self._progress.get(p.id, [])
                if not items:
                    return self.tr("No term review yet")
                return "\n".join(
                    f"{t.term}：{t.progress}" + (f"（{t.notes}）" if t.notes else "") for t in items
                )
            if column == PairingColumn.END and p.end_reason:
                return p.end_reason
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_LEFT
        return None


# --- children: to pick from, or not yet paired --------------------------------------------------
class PickColumn(IntEnum):
    NAME = 0
    CLASS = 1
    RISK = 2
    NOTE = 3


class ChildPickModel(_RowsModel["ChildRow"]):
    """Children to choose from, searched as you type (``domain.listing.matches``).

    The children flagged as *first* (say: with no pairing yet) come first and are marked;
    ``disabled`` children are shown with their reason but cannot be chosen. In ``multi`` mode
    each row carries a check mark; otherwise the view's current row is the choice."""

    COLUMNS = tuple(PickColumn)

    def __init__(self, parent: QObject | None = None, *, multi: bool = False) -> None:
        super().__init__(parent)
        self.multi = multi
        self._first: set[str] = set()
        self._first_note = ""
        self._notes: dict[str, str] = {}
        self._disabled: dict[str, str] = {}
        self._checked: list[str] = []
        self._filter = ChildFilter()
        self._header_text: dict[int, str] = {
            PickColumn.NAME: self.tr("Name"),
            PickColumn.CLASS: self.tr("Class"),
            PickColumn.RISK: self.tr("Risk"),
            PickColumn.NOTE: self.tr("Note"),
        }

    def set_children(
        self,
        rows: Iterable[ChildRow],
        first: Iterable[str] = (),
        first_note: str = "",
        notes: dict[str, str] | None = None,
    ) -> None:
        self._first = set(first)
        self._first_note = first_note
        self._notes = dict(notes or {})
        rows = list(rows)
        known = {r.id for r in rows}
        self._checked = [i for i in self._checked if i in known]
        self.set_rows(rows)

    def set_disabled(self, disabled: dict[str, str]) -> None:
        """Children that cannot be chosen now, with the reason shown in the note column."""
        self._disabled = dict(disabled)
        self._checked = [i for i in self._checked if i not in self._disabled]
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(PickColumn) - 1)
            )

    def set_text(self, text: str) -> None:
        new = ChildFilter(text=text)
        if new == self._filter:
            return
        self._filter = new
        self.refilter()

    def is_disabled(self, child_id: str) -> bool:
        return child_id in self._disabled

    def checked(self) -> list[str]:
        return list(self._checked)

    def set_checked(self, child_id: str, on: bool) -> None:
        if child_id not in self._cache or (on and child_id in self._disabled):
            return
        if on and child_id not in self._checked:
            self._checked.append(child_id)
        elif not on and child_id in self._checked:
            self._checked.remove(child_id)
        else:
            return
        at = self.row_of(child_id)
        if at >= 0:
            self.dataChanged.emit(self.index(at, 0), self.index(at, len(PickColumn) - 1))

    def toggle(self, child_id: str) -> None:
        self.set_checked(child_id, child_id not in self._checked)

    def _order_key(self, r: ChildRow) -> Any:
        keys = r.name_pinyin.split()
        return (
            r.id not in self._first,
            priority_key(r.risk_level),
            r.grade,
            r.class_no,
            keys[1] if len(keys) > 1 else r.name,
            r.id,
        )

    def _visible(self, r: ChildRow) -> bool:
        return matches(r, self._filter)

    def _headers(self) -> dict[int, str]:
        return dict(self._header_text)

    def _note(self, r: ChildRow) -> str:
        if r.id in self._disabled:
            return self._disabled[r.id]
        if r.id in self._first and self._first_note:
            return self._first_note
        return self._notes.get(r.id, "")

    def _value(self, r: ChildRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case PickColumn.NAME:
                    return r.name
                case PickColumn.CLASS:
                    return r.class_label
                case PickColumn.RISK:
                    return RiskLevel(r.risk_level).label if r.risk_level else ""
                case PickColumn.NOTE:
                    return self._note(r)
            return None
        if role == Qt.ItemDataRole.CheckStateRole and self.multi and column == PickColumn.NAME:
            checked = r.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.id in self._disabled:
                return QBrush(MUTED)
            high = r.risk_level is not None and is_high_risk(r.risk_level)
            if column in (PickColumn.NAME, PickColumn.RISK) and high:
                return QBrush(HIGH_RISK_FG)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == PickColumn.NOTE and r.id in self._first and r.id not in self._disabled:
                return QBrush(UNPAIRED_BG)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_CENTRE if column == PickColumn.RISK else _ALIGN_LEFT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._ids[index.row()] in self._disabled:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class UnpairedColumn(IntEnum):
    NAME = 0
    CLASS = 1
    RISK = 2
    GUARDIAN = 3
    PHONE = 4


class UnpairedModel(_RowsModel["ChildRow"]):
    """The children on the register with no active pairing: 一级/二级 first."""

    COLUMNS = tuple(UnpairedColumn)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = ChildFilter()
        self._header_text: dict[int, str] = {
            UnpairedColumn.NAME: self.tr("Name"),
            UnpairedColumn.CLASS: self.tr("Class"),
            UnpairedColumn.RISK: self.tr("Risk level"),
            UnpairedColumn.GUARDIAN: self.tr("Guardian"),
            UnpairedColumn.PHONE: self.tr("Guardian phone"),
        }
        self._unassessed = self.tr("Not assessed")
        self._bold = QFont()
        self._bold.setBold(True)

    def set_text(self, text: str) -> None:
        new = ChildFilter(text=text)
        if new != self._filter:
            self._filter = new
            self.refilter()

    def _order_key(self, r: ChildRow) -> Any:
        keys = r.name_pinyin.split()
        return (
            priority_key(r.risk_level),
            r.grade,
            r.class_no,
            keys[1] if len(keys) > 1 else r.name,
            r.id,
        )

    def _visible(self, r: ChildRow) -> bool:
        return matches(r, self._filter)

    def _headers(self) -> dict[int, str]:
        return dict(self._header_text)

    def _value(self, r: ChildRow, column: int, role: int) -> Any:
        high = r.risk_level is not None and is_high_risk(r.risk_level)
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case UnpairedColumn.NAME:
                    return r.name
                case UnpairedColumn.CLASS:
                    return r.class_label
                case UnpairedColumn.RISK:
                    return RiskLevel(r.risk_level).label if r.risk_level else self._unassessed
                case UnpairedColumn.GUARDIAN:
                    if r.guardian_name and r.guardian_relation:
                        return f"{r.guardian_name}（{r.guardian_relation}）"
                    return r.guardian_name or r.guardian_relation
                case UnpairedColumn.PHONE:
                    return r.guardian_phone
            return None
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and high
            and column
            in (
                UnpairedColumn.NAME,
                UnpairedColumn.RISK,
            )
        ):
            return QBrush(HIGH_RISK_FG)
        if role == Qt.ItemDataRole.BackgroundRole and high and column == UnpairedColumn.RISK:
            return QBrush(HIGH_RISK_BG)
        if role == Qt.ItemDataRole.FontRole and high and column == UnpairedColumn.NAME:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_CENTRE if column == UnpairedColumn.RISK else _ALIGN_LEFT
        return None


# --- booked home visits -------------------------------------------------------------------------
class VisitColumn(IntEnum):
    DATE = 0
    CHILD = 1
    CLASS = 2
    HELPER = 3
    PURPOSE = 4


class AppointmentsModel(_RowsModel["AppointmentInfo"]):
    """Booked home visits by date; a date already past is shown as overdue."""

    COLUMNS = tuple(VisitColumn)

    def __init__(
        self, parent: QObject | None = None, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._today_value = today()
        self._helper_names: dict[str, str] = {}
        self._classes: dict[str, str] = {}
        self._header_text: dict[int, str] = {
            VisitColumn.DATE: self.tr("Date"),
            VisitColumn.CHILD: self.tr("Child"),
            VisitColumn.CLASS: self.tr("Class"),
            VisitColumn.HELPER: self.tr("Helper"),
            VisitColumn.PURPOSE: self.tr("Purpose"),
        }
        self._overdue = self.tr("overdue")
        self._today_text = self.tr("today")
        self._bold = QFont()
        self._bold.setBold(True)

    def set_context(self, helper_names: dict[str, str], classes: dict[str, str]) -> None:
        self._helper_names = helper_names
        self._classes = classes

    def set_rows(self, rows: Iterable[AppointmentInfo]) -> None:
        self._today_value = self._today()
        super().set_rows(rows)

    def is_overdue(self, a: AppointmentInfo) -> bool:
        return a.planned_on < self._today_value

    def _order_key(self, a: AppointmentInfo) -> Any:
        return (a.planned_on, a.child_name, a.id)

    def _headers(self) -> dict[int, str]:
        return dict(self._header_text)

    def _value(self, a: AppointmentInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case VisitColumn.DATE:
                    day = a.planned_on.isoformat()
                    if self.is_overdue(a):
                        return f"{day}（{self._overdue}）"
                    if a.planned_on == self._today_value:
                        return f"{day}（{self._today_text}）"
                    return day
                case VisitColumn.CHILD:
                    return a.child_name
                case VisitColumn.CLASS:
                    return self._classes.get(a.child_id, "")
                case VisitColumn.HELPER:
                    return self._helper_names.get(a.helper_id or "", "")
                case VisitColumn.PURPOSE:
                    return a.purpose
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == VisitColumn.DATE:
            return QBrush(WARN_FG) if self.is_overdue(a) else None
        if role == Qt.ItemDataRole.FontRole and column == VisitColumn.DATE:
            return self._bold if a.planned_on <= self._today_value else None
        if role == Qt.ItemDataRole.ToolTipRole and column == VisitColumn.PURPOSE:
            return a.purpose or None
        return None


__all__ = [
    "ID_ROLE",
    "PROGRESS_ARROWS",
    "PROGRESS_ROLE",
    "AppointmentsModel",
    "ChildPickModel",
    "HelperColumn",
    "HelpersModel",
    "PairingColumn",
    "PairingsModel",
    "PickColumn",
    "TermProgress",
    "UnpairedColumn",
    "UnpairedModel",
    "VisitColumn",
    "progress_by_term",
    "progress_text",
]
