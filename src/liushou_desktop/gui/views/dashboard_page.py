"""The dashboard (工作台), the page that opens first: who is behind with the care work.

Everything is read on the worker thread in one job (:func:`load_dashboard`) and shown in
tables backed by :class:`RowTableModel` (ids plus a row cache). The counts are those of
``CareService.duties_status`` — the same report ``liushou duties status --json`` prints — so
the screen and the command line never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.duties import UnitState, Window
from ...domain.enums import RiskLevel, Status
from ...domain.listing import ChildRow, fold
from ...domain.risk import priority_key
from ..dialogs.fields import guarded
from ..dialogs.record_dialog import helper_label
from ..messages import show_known_error
from ..tasks import TaskRunner
from ..widgets.duty_incident_banner import IncidentBanner
from ..widgets.duty_tables import OVERDUE_COLOUR, Col, RowTableModel, make_table
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...domain.duties import Unit
    from ...services.archive import ArchiveService
    from ...services.care import (
        AppointmentInfo,
        CareService,
        DutyLine,
        DutyReport,
        HelperInfo,
        IncidentInfo,
        RecordInfo,
    )


# --- the data, read on the worker thread ---------------------------------------------------------
@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard shows, read in one go (plain values, no ORM objects)."""

    on: dt.date
    report: DutyReport
    children: dict[str, ChildRow]  # every child of the school, by id
    helpers: list[HelperInfo]
    rule_names: dict[str, str]  # rule id → name (active or not)
    active_rules: int
    helpers_of: dict[str, list[str]]  # child id → names of the active helpers
    not_visited: list[str]  # children on the register with no home visit this term
    unpaired: list[str]
    follow_ups: list[RecordInfo]
    appointments: list[AppointmentInfo]
    incidents: list[IncidentInfo]


def load_dashboard(
    care: CareService, archive: ArchiveService, school_id: str, on: dt.date | None = None
) -> DashboardData:
    """Read what the dashboard needs (runs on the worker thread)."""
    on = on or care.ctx.today()
    report = care.duties_status(school_id, on)
    rows = archive.list_children(school_id)  # 一级/二级 first, then by class and name
    children = {r.id: r for r in rows}
    rules = care.rules(school_id, active_only=False)
    helpers_of: dict[str, list[str]] = {}
    for p in care.pairings(school_id, active_only=True):
        helpers_of.setdefault(p.child_id, []).append(p.helper_name)
    not_visited: list[str] = []
    if report.term is not None:
        visited = care.visited(school_id, report.term.start, on)
        not_visited = [r.id for r in rows if r.status == Status.ENROLLED and r.id not in visited]
    return DashboardData(
        on=on,
        report=report,
        children=children,
        helpers=care.helpers(school_id),
        rule_names={r.id: r.name for r, _ in rules},
        active_rules=sum(1 for _, active in rules if active),
        helpers_of=helpers_of,
        not_visited=not_visited,
        unpaired=care.unpaired_children(school_id),
        follow_ups=care.open_follow_ups(school_id),
        appointments=care.upcoming_visits(school_id),
        incidents=care.incidents(school_id, open_only=True),
    )


# --- rows of the tables -------------------------------------------------------------------------
@dataclass(frozen=True)
class HelperDuty:
    line: DutyLine
    kind: str
    children: int


@dataclass(frozen=True)
class ClassDuty:
    line: DutyLine
    children: int


@dataclass(frozen=True)
class ChildDuty:
    line: DutyLine
    row: ChildRow | None
    helpers: str

    @property
    def class_label(self) -> str:
        return self.row.class_label if self.row is not None else ""


@dataclass(frozen=True)
class TodoItem:
    unit: Unit
    child_name: str
    class_label: str
    risk_level: int | None
    rule: str

    @property
    def key(self) -> tuple[str, str, dt.date]:
        return (self.unit.rule_id, self.unit.child_id, self.unit.window.start)


@dataclass(frozen=True)
class ChildItem:
    """A child in the lists of those not visited or not paired."""

    row: ChildRow
    helpers: str


@dataclass(frozen=True)
class FollowUpItem:
    record: RecordInfo
    names: str
    overdue: bool


@dataclass(frozen=True)
class _Tab:
    title: str
    table: QTableView
    count: Callable[[], int] | None = None


def window_text(w: Window) -> str:
    """A period as dates: 2026-11-16 ~ 11-22 (the year once when both ends share it)."""
    end = f"{w.end:%m-%d}" if w.end.year == w.start.year else f"{w.end:%Y-%m-%d}"
    return f"{w.start:%Y-%m-%d} ~ {end}"


def _level_text(level: int | None) -> str:
    return RiskLevel(level).label if level is not None else ""


# --- the page -----------------------------------------------------------------------------------
class DashboardPage(QWidget):
    """Who is behind, for the current period: per helper, per class, per child; children not
    visited this term, not paired; open follow-ups, booked visits; each helper's own to-do.

    Signals: ``open_child(child_id)`` when a child's row is double-clicked or Enter pressed on
    it (or a name in the urgent banner clicked); ``open_calendar()`` when the user asks for the
    calendar and rules (the page itself opens :class:`DutyCalendarDialog` and reloads when it
    changes; connect only to follow along); ``loaded()`` after fresh figures are shown;
    ``incidents_loaded(list)`` with the open incidents of each load.

    The figures are counted when the page is first shown; call :meth:`reload` after anything
    that changes them (a record written, a pairing made)."""

    open_child = Signal(str)
    open_calendar = Signal()
    loaded = Signal()
    incidents_loaded = Signal(list)  # the open IncidentInfo, for a banner shown elsewhere

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        archive: ArchiveService,
        school_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._care = care
        self._archive = archive
        self._school_id = school_id
        self._generation = 0
        self._loading = False
        self.data: DashboardData | None = None
        self._own_banner = True
        self._build()
        self._connect()
        self._show_term()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = IncidentBanner(self)

        title = QLabel(self.tr("Duties"), self)
        title.setObjectName("pageTitle")
        self.term_label = QLabel(self)
        self.term_label.setObjectName("hint")
        self.term_label.setWordWrap(True)
        self.calendar_button = QPushButton(self.tr("School calendar and duty rules…"), self)
        self.report_button = QPushButton(self.tr("Year-end duty report…"), self)
        self.reload_button = QPushButton(self.tr("Refresh"), self)
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(title)
        head.addSpacing(8)
        head.addWidget(self.term_label, 1)
        head.addWidget(self.calendar_button)
        head.addWidget(self.report_button)
        head.addWidget(self.reload_button)

        self.setup_card = self._build_setup_card()
        self.stats = _Stats(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._tabs: list[_Tab] = []
        self._build_todo_tab()
        self._build_helpers_tab()
        self._build_children_tab()
        self._build_classes_tab()
        self._build_not_visited_tab()
        self._build_unpaired_tab()
        self._build_follow_ups_tab()
        self._build_appointments_tab()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addLayout(head)
        layout.addWidget(self.setup_card)
        layout.addWidget(self.stats)
        layout.addWidget(self.tabs, 1)

    def _build_setup_card(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("card")
        self.setup_title = QLabel(card)
        self.setup_title.setObjectName("cardTitle")
        self.setup_hint = QLabel(card)
        self.setup_hint.setObjectName("hint")
        self.setup_hint.setWordWrap(True)
        self.setup_button = QPushButton(self.tr("Set up the calendar and rules…"), card)
        self.setup_button.setObjectName("primary")
        text = QVBoxLayout()
        text.addWidget(self.setup_title)
        text.addWidget(self.setup_hint)
        row = QHBoxLayout(card)
        row.setContentsMargins(16, 12, 16, 12)
        row.addLayout(text, 1)
        row.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignVCenter)
        card.hide()
        return card

    def _count_cols(self, *, required: bool = True) -> list[Col]:
        """应做 / 已做 / 待完成 / 已逾期 of a row holding a DutyLine as ``line``."""
        cols = []
        if required:
            cols.append(
                Col(
                    self.tr("Required"),
                    lambda r: str(r.line.required),
                    lambda r: r.line.required,
                    "right",
                    width=4,
                )
            )
        cols += [
            Col(
                self.tr("Done"),
                lambda r: str(r.line.done),
                lambda r: r.line.done,
                "right",
                width=4,
            ),
            Col(self.tr("Due"), lambda r: str(r.line.due), lambda r: r.line.due, "right", width=4),
            Col(
                self.tr("Overdue"),
                lambda r: str(r.line.overdue),
                lambda r: r.line.overdue,
                "right",
                alarm=lambda r: r.line.overdue > 0,
                width=4,
            ),
        ]
        return cols

    def _add_tab(
        self, widget: QWidget, table: QTableView, title: str, count: Callable[[], int] | None = None
    ) -> None:
        self._tabs.append(_Tab(title, table, count))
        self.tabs.addTab(widget, title)
        # activated: a double-click, or Enter on the current row
        table.activated.connect(lambda index, t=table: self._activated(t, index))

    def _build_todo_tab(self) -> None:
        self.todo_model = RowTableModel(
            [
                Col(self.tr("Child"), lambda r: r.child_name, name=True, width=5),
                Col(self.tr("Class"), lambda r: r.class_label, width=7),
                Col(self.tr("Duty rule"), lambda r: r.rule, width=12),
                Col(
                    self.tr("Period"),
                    lambda r: window_text(r.unit.window),
                    lambda r: r.unit.window.start,
                    width=13,
                ),
                Col(
                    self.tr("Still to do"),
                    lambda r: str(r.unit.missing),
                    lambda r: r.unit.missing,
                    "right",
                    width=4,
                ),
                Col(
                    self.tr("State"),
                    lambda r: r.unit.state.value,
                    lambda r: r.unit.state is UnitState.DUE,
                    alarm=lambda r: r.unit.state is UnitState.OVERDUE,
                ),
            ],
            key=lambda r: r.key,
            risk_level=lambda r: r.risk_level,
            parent=self,
        )
        self.todo_table = make_table(self.todo_model, self)
        self.helper_combo = QComboBox(self)
        self.helper_combo.setMinimumContentsLength(10)
        self.helper_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.helper_combo.setPlaceholderText(self.tr("Choose your name"))
        self.todo_summary = QLabel(self)
        self.todo_summary.setObjectName("countLabel")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("I am:"), self))
        top.addWidget(self.helper_combo)
        top.addSpacing(12)
        top.addWidget(self.todo_summary, 1)
        self._add_tab(
            _column(self, top, self.todo_table),
            self.todo_table,
            self.tr("My to-do"),
            self.todo_model.visible_count,
        )

    def _build_helpers_tab(self) -> None:
        self.helpers_model = RowTableModel(
            [
                Col(self.tr("Helper"), lambda r: r.line.label, width=6),
                Col(self.tr("Kind"), lambda r: r.kind, width=4),
                Col(
                    self.tr("Paired children"),
                    lambda r: str(r.children),
                    lambda r: r.children,
                    "right",
                    width=4,
                ),
                *self._count_cols(),
            ],
            key=lambda r: r.line.key,
            parent=self,
        )
        self.helpers_table = make_table(self.helpers_model, self)
        hint = QLabel(
            self.tr(
                "Each helper's own records for the children paired with them. "
                "Double-click a helper to see their to-do list."
            ),
            self,
        )
        hint.setObjectName("hint")
        self._add_tab(
            _column(self, hint, self.helpers_table), self.helpers_table, self.tr("By helper")
        )

    def _build_children_tab(self) -> None:
        self.children_model = RowTableModel(
            [
                Col(self.tr("Name"), lambda r: r.line.label, name=True, width=5),
                Col(
                    self.tr("Class"),
                    lambda r: r.class_label,
                    lambda r: (r.row.grade, r.row.class_no) if r.row else (0, 0),
                    width=7,
                ),
                Col(
                    self.tr("Risk level"),
                    lambda r: _level_text(r.line.risk_level),
                    lambda r: priority_key(r.line.risk_level),
                    risk=True,
                    width=4,
                ),
                Col(self.tr("Helpers"), lambda r: r.helpers, width=10),
                *self._count_cols(),
            ],
            key=lambda r: r.line.key,
            risk_level=lambda r: r.line.risk_level,
            parent=self,
        )
        self.children_table = make_table(self.children_model, self)
        self.behind_combo = QComboBox(self)
        self.behind_combo.addItem(self.tr("All children"), "all")
        self.behind_combo.addItem(self.tr("Children with overdue duties"), "overdue")
        self.behind_combo.addItem(self.tr("Children with duties not yet done"), "behind")
        self.child_search = QLineEdit(self)
        self.child_search.setPlaceholderText(self.tr("Search by name, pinyin initials or class"))
        self.child_search.setClearButtonEnabled(True)
        self.child_search.setMinimumWidth(260)
        self.children_count = QLabel(self)
        self.children_count.setObjectName("countLabel")
        top = QHBoxLayout()
        top.addWidget(self.behind_combo)
        top.addWidget(self.child_search)
        top.addSpacing(12)
        top.addWidget(self.children_count, 1)
        self._add_tab(
            _column(self, top, self.children_table), self.children_table, self.tr("By child")
        )

    def _build_classes_tab(self) -> None:
        self.classes_model = RowTableModel(
            [
                Col(
                    self.tr("Class"),
                    lambda r: r.line.label,
                    lambda r: _class_key(r.line.key),
                    width=8,
                ),
                Col(
                    self.tr("Children"),
                    lambda r: str(r.children),
                    lambda r: r.children,
                    "right",
                    width=4,
                ),
                *self._count_cols(),
            ],
            key=lambda r: r.line.key,
            parent=self,
        )
        self.classes_table = make_table(self.classes_model, self)
        hint = QLabel(self.tr("Double-click a class to see its children."), self)
        hint.setObjectName("hint")
        self._add_tab(
            _column(self, hint, self.classes_table), self.classes_table, self.tr("By class")
        )

    def _child_cols(self, last: Col) -> list[Col]:
        return [
            Col(self.tr("Name"), lambda r: r.row.name, name=True, width=5),
            Col(
                self.tr("Class"),
                lambda r: r.row.class_label,
                lambda r: (r.row.grade, r.row.class_no),
                width=7,
            ),
            Col(
                self.tr("Risk level"),
                lambda r: _level_text(r.row.risk_level),
                lambda r: priority_key(r.row.risk_level),
                risk=True,
                width=4,
            ),
            Col(self.tr("Guardian"), lambda r: r.row.guardian_name, width=5),
            Col(self.tr("Guardian phone"), lambda r: r.row.guardian_phone, width=7),
            last,
        ]

    def _build_not_visited_tab(self) -> None:
        self.not_visited_model = RowTableModel(
            self._child_cols(Col(self.tr("Helpers"), lambda r: r.helpers)),
            key=lambda r: r.row.id,
            risk_level=lambda r: r.row.risk_level,
            parent=self,
        )
        self.not_visited_table = make_table(self.not_visited_model, self)
        self._add_tab(
            self.not_visited_table,
            self.not_visited_table,
            self.tr("Not visited this term"),
            self.not_visited_model.total_count,
        )

    def _build_unpaired_tab(self) -> None:
        self.unpaired_model = RowTableModel(
            self._child_cols(Col(self.tr("Left-behind kind"), lambda r: r.row.left_behind_kind)),
            key=lambda r: r.row.id,
            risk_level=lambda r: r.row.risk_level,
            parent=self,
        )
        self.unpaired_table = make_table(self.unpaired_model, self)
        self._add_tab(
            self.unpaired_table,
            self.unpaired_table,
            self.tr("Not paired"),
            self.unpaired_model.total_count,
        )

    def _build_follow_ups_tab(self) -> None:
        self.follow_ups_model = RowTableModel(
            [
                Col(
                    self.tr("Follow up by"),
                    lambda r: _date(r.record.follow_up_due),
                    alarm=lambda r: r.overdue,
                    width=6,
                ),
                Col(self.tr("Children"), lambda r: r.names, width=8),
                Col(self.tr("Record"), lambda r: r.record.kind, width=5),
                Col(self.tr("Written on"), lambda r: _date(r.record.occurred_on), width=6),
                Col(self.tr("What to follow up"), lambda r: r.record.follow_up),
            ],
            key=lambda r: r.record.id,
            parent=self,
        )
        self.follow_ups_table = make_table(self.follow_ups_model, self)
        self._add_tab(
            self.follow_ups_table,
            self.follow_ups_table,
            self.tr("Follow-ups"),
            self.follow_ups_model.total_count,
        )

    def _build_appointments_tab(self) -> None:
        self.appointments_model = RowTableModel(
            [
                Col(self.tr("Date"), lambda r: _date(r.planned_on), width=6),
                Col(self.tr("Child"), lambda r: r.child_name, width=5),
                Col(self.tr("Helper"), lambda r: self._helper_name(r.helper_id), width=6),
                Col(self.tr("Purpose"), lambda r: r.purpose),
            ],
            key=lambda r: r.id,
            parent=self,
        )
        self.appointments_table = make_table(self.appointments_model, self)
        self._add_tab(
            self.appointments_table,
            self.appointments_table,
            self.tr("Booked visits"),
            self.appointments_model.total_count,
        )

    def _connect(self) -> None:
        self.banner.open_child.connect(self.open_child)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.setup_button.clicked.connect(self.open_calendar)
        self.open_calendar.connect(self.show_calendar)
        self.report_button.clicked.connect(self.show_report)
        self.reload_button.clicked.connect(self.reload)
        self.helper_combo.currentIndexChanged.connect(self._show_todo)
        self.behind_combo.currentIndexChanged.connect(self._filter_children)
        self.child_search.textChanged.connect(self._filter_children)

    # -- loading -----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def set_banner_enabled(self, enabled: bool) -> None:
        """Show open 强制报告 cases on this page (the default), or leave that to a banner the
        main window shows above every page (fed by ``incidents_loaded``)."""
        self._own_banner = enabled
        if not enabled:
            self.banner.set_incidents([])
        elif self.data is not None:
            self.banner.set_incidents(self.data.incidents)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """Count the first time the page is shown (later: :meth:`reload` when data changed)."""
        super().showEvent(event)
        if self.data is None and not self._loading:
            self.reload()

    def reload(self) -> None:
        """Compute everything again on the worker thread; the old figures stay until then."""
        self._generation += 1
        generation = self._generation
        self._loading = True
        self.reload_button.setEnabled(False)
        self.term_label.setText(
            self.tr("Counting…") if self.data is None else self.term_label.text()
        )
        care, archive, school_id = self._care, self._archive, self._school_id
        self._runner.run(
            lambda _state: load_dashboard(care, archive, school_id),
            on_done=guarded(self, lambda data: self._loaded(generation, data)),
            on_error=guarded(self, lambda exc: self._failed(generation, exc)),
        )

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.reload_button.setEnabled(True)
        self._show_term()
        show_known_error(self, exc)

    def _loaded(self, generation: int, data: DashboardData) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        self._loading = False
        self.reload_button.setEnabled(True)
        self.data = data
        if self._own_banner:
            self.banner.set_incidents(data.incidents)
        self.incidents_loaded.emit(list(data.incidents))
        self._show_term()
        self._fill_helpers()
        self._fill_children()
        self._fill_classes()
        self._fill_lists()
        self._fill_helper_choices()
        self._show_todo()
        self.stats.show_data(data)
        self._update_tab_titles()
        self.loaded.emit()

    # -- filling the tables ------------------------------------------------------------------
    def _show_term(self) -> None:
        data = self.data
        if data is None:
            self.term_label.setText(self.tr("Counting…") if self._loading else "")
            self.setup_card.hide()
            return
        term = data.report.term
        if term is None:
            self.term_label.setText("")
            self.setup_title.setText(self.tr("The school calendar is not set up yet"))
            self.setup_hint.setText(
                self.tr(
                    "Enter this school year's terms and choose the duty rules (三个二, "
                    "四个一次 or your own). The dashboard then shows, for every helper, "
                    "class and child, what is due and what is overdue."
                )
            )
            self.setup_card.show()
            return
        text = arg(
            self.tr("%1 (%2 to %3), as of %4"),
            term.name,
            _date(term.start),
            _date(term.end),
            _date(data.on),
        )
        if data.on > term.end:
            text += self.tr(" — holidays: the term's final figures")
        self.term_label.setText(text)
        if data.active_rules == 0:
            self.setup_title.setText(self.tr("No duty rules are switched on"))
            self.setup_hint.setText(
                self.tr(
                    "Choose the rules your school follows (三个二, 四个一次 or your own) "
                    "to see who is behind."
                )
            )
            self.setup_card.show()
        else:
            self.setup_card.hide()

    def _fill_helpers(self) -> None:
        assert self.data is not None
        info = {h.id: h for h in self.data.helpers}
        rows = []
        for line in self.data.report.helpers:
            h = info.get(line.key)
            rows.append(HelperDuty(line, h.kind if h else "", h.children if h else 0))
        self.helpers_model.set_rows(rows)

    def _fill_children(self) -> None:
        data = self.data
        assert data is not None
        self.children_model.set_rows(
            ChildDuty(
                line, data.children.get(line.key), "、".join(data.helpers_of.get(line.key, ()))
            )
            for line in data.report.children
        )
        self._filter_children()

    def _fill_classes(self) -> None:
        data = self.data
        assert data is not None
        per_class: dict[str, int] = {}
        for line in data.report.children:
            row = data.children.get(line.key)
            if row is not None:
                k = f"{row.grade}-{row.class_no}"
                per_class[k] = per_class.get(k, 0) + 1
        self.classes_model.set_rows(
            ClassDuty(line, per_class.get(line.key, 0)) for line in data.report.classes
        )

    def _fill_lists(self) -> None:
        data = self.data
        assert data is not None

        def items(ids: list[str]) -> list[ChildItem]:
            return [
                ChildItem(data.children[c], "、".join(data.helpers_of.get(c, ())))
                for c in ids
                if c in data.children
            ]

        self.not_visited_model.set_rows(items(data.not_visited))
        self.unpaired_model.set_rows(items(data.unpaired))
        self.follow_ups_model.set_rows(
            FollowUpItem(
                r,
                "、".join(data.children[c].name for c in r.child_ids if c in data.children),
                r.follow_up_due is not None and r.follow_up_due < data.on,
            )
            for r in data.follow_ups
        )
        self.appointments_model.set_rows(data.appointments)

    def _helper_name(self, helper_id: str | None) -> str:
        if helper_id is None or self.data is None:
            return ""
        return next((h.name for h in self.data.helpers if h.id == helper_id), "")

    def _update_tab_titles(self) -> None:
        for n, tab in enumerate(self._tabs):
            if tab.count is None:
                continue
            count = tab.count()
            self.tabs.setTabText(n, f"{tab.title} ({count})" if count else tab.title)

    # -- children filter ---------------------------------------------------------------------
    def _filter_children(self) -> None:
        mode = self.behind_combo.currentData()
        words = [fold(w) for w in self.child_search.text().split()]

        def keep(r: ChildDuty) -> bool:
            if mode == "overdue" and r.line.overdue == 0:
                return False
            if mode == "behind" and r.line.overdue + r.line.due == 0:
                return False
            if words:
                row = r.row
                hay = fold(f"{r.line.label}|{r.class_label}|{row.name_pinyin if row else ''}")
                return all(w in hay for w in words)
            return True

        self.children_model.set_filter(keep if mode != "all" or words else None)
        self.children_count.setText(
            arg(
                self.tr("%1 of %2 children shown"),
                self.children_model.visible_count(),
                self.children_model.total_count(),
            )
        )

    def show_only_children_behind(self, overdue_only: bool = True) -> None:
        """Filter the children table to those behind (overdue, or with anything not done)."""
        self.behind_combo.setCurrentIndex(
            self.behind_combo.findData("overdue" if overdue_only else "behind")
        )

    # -- my to-do ----------------------------------------------------------------------------
    def _fill_helper_choices(self) -> None:
        data = self.data
        assert data is not None
        current = self.helper_combo.currentData()
        if current is None:  # first time: the user's own list, when they are a helper
            actor = self._care.ctx.actor
            current = (actor.helper_id if actor is not None else None) or next(
                (h.id for h in data.helpers if h.active and h.name == self._care.ctx.author), None
            )
        self.helper_combo.blockSignals(True)
        self.helper_combo.clear()
        for h in sorted(data.helpers, key=lambda h: (not h.active, h.kind != "教师", h.name)):
            self.helper_combo.addItem(helper_label(h), h.id)  # two teachers may share a name
        self.helper_combo.setCurrentIndex(self.helper_combo.findData(current) if current else -1)
        self.helper_combo.blockSignals(False)

    def select_helper(self, helper_id: str) -> None:
        """Show one helper's to-do list (the operator says who they are)."""
        at = self.helper_combo.findData(helper_id)
        if at >= 0:
            self.helper_combo.setCurrentIndex(at)
        self.tabs.setCurrentIndex(0)

    def _show_todo(self) -> None:
        data = self.data
        helper_id = self.helper_combo.currentData()
        if data is None or helper_id is None:
            self.todo_model.set_rows([])
            self.todo_summary.setText(
                self.tr("Choose your name to see the children you still owe a record.")
            )
            self._update_tab_titles()
            return
        items = []
        for u in data.report.units:
            if u.helper_id != helper_id or u.state is UnitState.MET:
                continue
            row = data.children.get(u.child_id)
            items.append(
                TodoItem(
                    u,
                    row.name if row else u.child_id,
                    row.class_label if row else "",
                    row.risk_level if row else None,
                    data.rule_names.get(u.rule_id, ""),
                )
            )
        items.sort(
            key=lambda t: (
                t.unit.state is not UnitState.OVERDUE,
                t.unit.window.start,
                priority_key(t.risk_level),
                t.child_name,
                t.rule,
            )
        )
        self.todo_model.set_rows(items)
        due = sum(t.unit.missing for t in items if t.unit.state is UnitState.DUE)
        overdue = sum(t.unit.missing for t in items if t.unit.state is UnitState.OVERDUE)
        if items:
            self.todo_summary.setText(arg(self.tr("%1 records due, %2 overdue"), due, overdue))
        else:
            self.todo_summary.setText(self.tr("Nothing to do: every duty is met."))
        self._update_tab_titles()

    # -- actions -----------------------------------------------------------------------------
    def _activated(self, table: QTableView, index: QModelIndex) -> None:
        if not index.isValid():
            return
        model = table.model()
        assert isinstance(model, RowTableModel)
        row: Any = model.row(index.row())
        if table is self.helpers_table:
            self.select_helper(row.line.key)
        elif table is self.classes_table:
            self.behind_combo.setCurrentIndex(0)
            self.child_search.setText(row.line.label)
            self.tabs.setCurrentIndex(self._tab_of(self.children_table))
        else:
            child_id = _child_of(row)
            if child_id:
                self.open_child.emit(child_id)

    def _tab_of(self, table: QTableView) -> int:
        return next(n for n, t in enumerate(self._tabs) if t.table is table)

    def show_calendar(self) -> None:
        """Open 校历与工作要求; the figures are counted again when something changes."""
        from ..dialogs.duty_calendar_dialog import DutyCalendarDialog

        dialog = DutyCalendarDialog(self._runner, self._care, self._school_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.reload)
        dialog.open()

    def show_report(self) -> None:
        """Open the year-end duty report per teacher (考核)."""
        from ..dialogs.duty_report_dialog import DutyReportDialog

        dialog = DutyReportDialog(self._runner, self._care, self._school_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


def _child_of(row: object) -> str | None:
    if isinstance(row, ChildDuty):
        return row.line.key
    if isinstance(row, ChildItem):
        return row.row.id
    if isinstance(row, TodoItem):
        return row.unit.child_id
    if isinstance(row, FollowUpItem):
        return row.record.child_ids[0] if row.record.child_ids else None
    return getattr(row, "child_id", None)  # an AppointmentInfo


def _class_key(key: str) -> tuple[int, ...]:
    """ "4-2" (grade 4, class 2) → (4, 2), so 十年级 sorts after 二年级."""
    return tuple(int(part) for part in key.split("-") if part.isdigit())


def _date(value: dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else ""


def _column(parent: QWidget, top: QWidget | QHBoxLayout, table: QTableView) -> QWidget:
    page = QWidget(parent)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 8, 0, 0)
    layout.setSpacing(6)
    if isinstance(top, QHBoxLayout):
        layout.addLayout(top)
    else:
        layout.addWidget(top)
    layout.addWidget(table, 1)
    return page


class _Stats(QFrame):
    """A row of figures: records overdue and due, children behind, not visited, not paired."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for key, caption in (
            ("overdue", self.tr("records overdue")),
            ("due", self.tr("records due this period")),
            ("behind", self.tr("children with overdue duties")),
            ("not_visited", self.tr("children not visited this term")),
            ("unpaired", self.tr("children not paired")),
        ):
            card = QFrame(self)
            card.setObjectName("card")
            value = QLabel("–", card)
            value.setObjectName("statValue")
            value.setStyleSheet("font-size: 18pt; font-weight: bold;")
            label = QLabel(caption, card)
            label.setObjectName("hint")
            column = QVBoxLayout(card)
            column.setContentsMargins(14, 8, 14, 8)
            column.setSpacing(0)
            column.addWidget(value)
            column.addWidget(label)
            row.addWidget(card, 1)
            self.values[key] = value

    def show_data(self, data: DashboardData) -> None:
        report = data.report
        figures = {
            "overdue": sum(c.overdue for c in report.children),
            "due": sum(c.due for c in report.children),
            "behind": sum(1 for c in report.children if c.overdue),
            "not_visited": len(data.not_visited),
            "unpaired": len(data.unpaired),
        }
        for key, value in figures.items():
            label = self.values[key]
            counted = report.term is not None or key == "unpaired"  # no term: nothing owed yet
            label.setText(str(value) if counted else "–")
            alarm = key in ("overdue", "behind") and value > 0
            colour = f" color: {OVERDUE_COLOUR};" if alarm else ""
            label.setStyleSheet(f"font-size: 18pt; font-weight: bold;{colour}")


__all__ = ["DashboardData", "DashboardPage", "load_dashboard", "window_text"]
