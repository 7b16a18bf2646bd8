"""帮扶结对: the school's helpers, their pairings with children, help plans and term reviews,
the children nobody is paired with yet, and booked home visits.

Everything is read in one job on the worker thread (:func:`load_pairing_data`) and shown from
plain rows; every write goes through a dialog or a confirmed action, then the page reads again
and says so with ``changed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Op
from ...domain.care import HelperKind
from ...domain.duties import Term
from ...domain.enums import Status
from ...domain.listing import ChildRow
from ..dialogs.fields import guarded
from ..dialogs.helper_dialog import HelperDialog
from ..dialogs.pairing_dialog import PairingDialog
from ..dialogs.pairing_end_dialog import EndPairingDialog
from ..dialogs.pairing_plan_dialog import PlanDialog
from ..messages import show_known_error
from ..models.pairing_models import (
    HelperColumn,
    HelpersModel,
    PairingColumn,
    PairingsModel,
    TermProgress,
    UnpairedColumn,
    UnpairedModel,
    progress_by_term,
)
from ..session import permitted
from ..widgets.list_table import style_list_table
from ..widgets.pairing_progress import ProgressChipsDelegate
from ..widgets.text import arg
from .pairing_appointments import VisitAppointmentsPanel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from ...services.archive import ArchiveService
    from ...services.care import AppointmentInfo, CareService, HelperInfo, PairingInfo
    from ..dialogs.print_tables import TablePrinter
    from ..tasks import TaskRunner, TaskState

PAIRINGS_TAB, UNPAIRED_TAB, VISITS_TAB = range(3)


@dataclass(frozen=True)
class PairingData:
    """Everything the page shows, read in one job."""

    helpers: list[HelperInfo]
    pairings: list[PairingInfo]
    progress: dict[str, list[TermProgress]]  # pairing id → result per term
    children: list[ChildRow]  # every child of the school, whatever the status
    unpaired: list[str]
    visits: list[AppointmentInfo]
    terms: list[Term]
    limit: int

    def enrolled(self) -> list[ChildRow]:
        return [r for r in self.children if r.status == Status.ENROLLED]


def load_pairing_data(care: CareService, archive: ArchiveService, school_id: str) -> PairingData:
    pairings = care.pairings(school_id)
    reviews = care.reviews_for_school(school_id)
    return PairingData(
        helpers=care.helpers(school_id),
        pairings=pairings,
        progress={p.id: progress_by_term(reviews.get(p.id, [])) for p in pairings},
        children=archive.list_children(school_id),
        unpaired=care.unpaired_children(school_id),
        visits=care.upcoming_visits(school_id),
        terms=care.terms(school_id),
        limit=care.pairing_limit(school_id),
    )


def _table(parent: QWidget, model: object) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)  # type: ignore[arg-type]  # one of our table models
    style_list_table(table)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _widths(table: QTableView, widths: dict[int, float]) -> None:
    unit = table.fontMetrics().horizontalAdvance("中")
    for column, chars in widths.items():
        table.setColumnWidth(column, int(unit * chars) + 24)


class PairingPage(QWidget):
    """帮扶结对 for one school. ``changed`` fires after any write; ``open_child(child_id)``
    asks the window to open a child's archive; ``loaded`` after each (re)load."""

    changed = Signal()
    open_child = Signal(str)
    loaded = Signal()

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
        self._data = PairingData([], [], {}, [], [], [], [], 3)
        self._generation = 0
        self._loading = False
        self._select_helper_after_load: str | None = None
        self._dialog: QDialog | None = None

        self.helpers_model = HelpersModel(self)
        self.pairings_model = PairingsModel(self)
        self.unpaired_model = UnpairedModel(self)
        self._limit_timer = QTimer(self)
        self._limit_timer.setSingleShot(True)
        self._limit_timer.setInterval(600)
        self._limit_timer.timeout.connect(self._save_limit)
        self._build()
        self._update_actions()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._pairings_tab(), self.tr("Helpers and pairings"))
        self.tabs.addTab(self._unpaired_tab(), self.tr("Not paired"))
        self.visits = VisitAppointmentsPanel(
            self._runner, self._care, self._archive, self._school_id, self
        )
        visits_page = QWidget(self)
        visits_layout = QVBoxLayout(visits_page)
        visits_layout.setContentsMargins(10, 10, 10, 10)
        visits_layout.addWidget(self.visits)
        self.tabs.addTab(visits_page, self.tr("Home visits booked"))
        self.visits.changed.connect(self.changed)
        self.visits.open_child.connect(self.open_child)
        self.visits.count_changed.connect(self._update_tab_titles)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.tabs)

    def _pairings_tab(self) -> QWidget:
        # left: the helpers
        self.helper_search = QLineEdit(self)
        self.helper_search.setPlaceholderText(self.tr("Search helpers by name or pinyin"))
        self.helper_search.setClearButtonEnabled(True)
        self.helper_search.textChanged.connect(self._helper_search_changed)
        self.helpers_view = _table(self, self.helpers_model)
        _widths(
            self.helpers_view,
            {
                HelperColumn.KIND: 2,
                HelperColumn.NAME: 5,
                HelperColumn.CHILDREN: 3,
                HelperColumn.PHONE: 6.5,
            },
        )
        self.helpers_view.selectionModel().currentRowChanged.connect(self._helper_selected)
        self.helpers_view.doubleClicked.connect(lambda _i: self._helper_double_clicked())
        self.limit_spin = QSpinBox(self)
        self.limit_spin.setRange(1, 30)
        self.limit_spin.setToolTip(
            self.tr("A teacher with more children than this is pointed out (allowed)")
        )
        self.limit_spin.valueChanged.connect(lambda _v: self._limit_timer.start())
        # 每位教师结对上限 is the administrator's (Op.MANAGE_CARE): shown, not changeable
        self.limit_spin.setEnabled(self.manages)
        self.add_helper_button = QPushButton(self.tr("Add helper…"), self)
        self.add_helper_button.setObjectName("primary")
        self.add_helper_button.clicked.connect(lambda: self.add_helper())
        self.edit_helper_button = QPushButton(self.tr("Edit…"), self)
        self.edit_helper_button.clicked.connect(lambda: self.edit_helper())
        self.active_button = QPushButton(self.tr("Mark as left…"), self)
        self.active_button.clicked.connect(self.toggle_helper_active)
        self.helpers_count = QLabel(self)
        self.helpers_count.setObjectName("countLabel")

        limit_row = QHBoxLayout()
        limit_row.addWidget(QLabel(self.tr("Children per teacher, at most"), self))
        limit_row.addWidget(self.limit_spin)
        limit_row.addStretch(1)
        limit_row.addWidget(self.helpers_count)
        helper_buttons = QHBoxLayout()
        helper_buttons.addWidget(self.add_helper_button)
        helper_buttons.addWidget(self.edit_helper_button)
        helper_buttons.addStretch(1)
        helper_buttons.addWidget(self.active_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(self.helper_search)
        left_layout.addLayout(limit_row)
        left_layout.addWidget(self.helpers_view, 1)
        left_layout.addLayout(helper_buttons)

        # right: the pairings of the chosen helper, or of everyone
        self.pairings_title = QLabel(self)
        self.pairings_title.setObjectName("cardTitle")
        self.pairings_subtitle = QLabel(self)
        self.pairings_subtitle.setObjectName("hint")
        self.all_check = QCheckBox(self.tr("All pairings of the school"), self)
        self.all_check.toggled.connect(lambda _on: self._update_scope())
        self.ended_check = QCheckBox(self.tr("Show ended pairings"), self)
        self.ended_check.setChecked(True)
        self.ended_check.toggled.connect(lambda _on: self._update_scope())
        self.pairings_view = _table(self, self.pairings_model)
        self.pairings_view.setItemDelegateForColumn(
            PairingColumn.PROGRESS, ProgressChipsDelegate(self.pairings_view)
        )
        _widths(
            self.pairings_view,
            {
                PairingColumn.CHILD: 5,
                PairingColumn.CLASS: 7,
                PairingColumn.HELPER: 5,
                PairingColumn.ROLE: 6,
                PairingColumn.START: 6,
                PairingColumn.END: 6,
            },
        )
        self.pairings_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_actions()
        )
        self.pairings_view.doubleClicked.connect(lambda _i: self.open_plan())
        self.pairings_empty = QLabel(self)
        self.pairings_empty.setObjectName("hint")
        self.pairings_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pairings_empty.setWordWrap(True)
        self.pair_button = QPushButton(self.tr("Pair children…"), self)
        self.pair_button.setObjectName("primary")
        self.pair_button.clicked.connect(lambda: self.pair_children())
        self.plan_button = QPushButton(self.tr("Help plan and reviews…"), self)
        self.plan_button.clicked.connect(lambda: self.open_plan())
        self.end_button = QPushButton(self.tr("End pairing…"), self)
        self.end_button.clicked.connect(lambda: self.end_pairing())
        self.visit_button = QPushButton(self.tr("Book a visit…"), self)
        self.visit_button.clicked.connect(lambda: self.book_visit())
        self.open_button = QPushButton(self.tr("Open archive"), self)
        self.open_button.clicked.connect(self._open_pairing_child)
        self.print_button = QPushButton(self.tr("Print the pairing list…"), self)
        self.print_button.setToolTip(
            self.tr("Every current pairing of the school as a table (PDF, landscape A4)")
        )
        self.print_button.clicked.connect(lambda: self.print_pairings())

        checks = QHBoxLayout()
        checks.addWidget(self.all_check)
        checks.addWidget(self.ended_check)
        checks.addStretch(1)
        checks.addWidget(self.print_button)
        title = QVBoxLayout()
        title.setSpacing(2)
        title.addWidget(self.pairings_title)
        title.addWidget(self.pairings_subtitle)
        pairing_buttons = QHBoxLayout()
        pairing_buttons.addWidget(self.pair_button)
        pairing_buttons.addWidget(self.plan_button)
        pairing_buttons.addWidget(self.end_button)
        pairing_buttons.addStretch(1)
        pairing_buttons.addWidget(self.visit_button)
        pairing_buttons.addWidget(self.open_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addLayout(title)
        right_layout.addLayout(checks)
        right_layout.addWidget(self.pairings_view, 1)
        right_layout.addWidget(self.pairings_empty, 1)
        right_layout.addLayout(pairing_buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([560, 760])
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.splitter)
        return page

    def _unpaired_tab(self) -> QWidget:
        hint = QLabel(
            self.tr(
                "Children on the register with no active pairing, 一级 and 二级 first. Choose "
                "one or more and pair them with a helper."
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.unpaired_search = QLineEdit(self)
        self.unpaired_search.setPlaceholderText(
            self.tr("Search by name, pinyin initials (e.g. zs) or class")
        )
        self.unpaired_search.setClearButtonEnabled(True)
        self.unpaired_search.textChanged.connect(self._unpaired_search_changed)
        self.unpaired_count = QLabel(self)
        self.unpaired_count.setObjectName("countLabel")
        self.unpaired_view = _table(self, self.unpaired_model)
        self.unpaired_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        _widths(
            self.unpaired_view,
            {
                UnpairedColumn.NAME: 5,
                UnpairedColumn.CLASS: 7,
                UnpairedColumn.RISK: 4,
                UnpairedColumn.GUARDIAN: 10,
            },
        )
        self.unpaired_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_actions()
        )
        self.unpaired_view.doubleClicked.connect(self._unpaired_double_clicked)
        self.unpaired_empty = QLabel(self.tr("Every child on the register has a helper."), self)
        self.unpaired_empty.setObjectName("emptyTitle")
        self.unpaired_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pair_unpaired_button = QPushButton(self.tr("Pair with a helper…"), self)
        self.pair_unpaired_button.setObjectName("primary")
        self.pair_unpaired_button.clicked.connect(
            lambda: self.pair_children(self.chosen_unpaired())
        )
        self.unpaired_open_button = QPushButton(self.tr("Open archive"), self)
        self.unpaired_open_button.clicked.connect(self._open_unpaired_child)

        top = QHBoxLayout()
        top.addWidget(self.unpaired_search, 1)
        top.addSpacing(12)
        top.addWidget(self.unpaired_count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pair_unpaired_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unpaired_open_button)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.unpaired_view, 1)
        layout.addWidget(self.unpaired_empty, 1)
        layout.addLayout(buttons)
        self.unpaired_empty.hide()
        return page

    # -- loading --------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def data(self) -> PairingData:
        return self._data

    def reload(self) -> None:
        """Read helpers, pairings, reviews, unpaired children and booked visits again."""
        care, archive, school_id = self._care, self._archive, self._school_id
        self._generation += 1
        generation = self._generation
        self._loading = True

        def load(_state: TaskState) -> PairingData:
            return load_pairing_data(care, archive, school_id)

        self._runner.run(
            load,
            on_done=guarded(self, lambda data: self._loaded(generation, data)),
            on_error=guarded(self, lambda exc: self._load_failed(generation, exc)),
        )

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            show_known_error(self, exc)

    def _loaded(self, generation: int, data: PairingData) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._data = data
        helper_id = self._select_helper_after_load or self.selected_helper_id()
        self._select_helper_after_load = None
        pairing_id = self.selected_pairing_id()

        labels = {r.id: f"{r.name} {r.class_label}" for r in data.children}
        self.helpers_model.set_context(labels, data.limit)
        self.helpers_model.set_rows(data.helpers)
        self.pairings_model.set_pairings(data.pairings, data.progress)
        by_id = {r.id: r for r in data.children}
        self.unpaired_model.set_rows([by_id[i] for i in data.unpaired if i in by_id])
        self.visits.set_data(data.visits, data.children, data.helpers, data.pairings)

        self._show_limit()
        if helper_id is None and self.helpers_model.rowCount():
            helper_id = self.helpers_model.id_at(0)
        if helper_id is not None:
            self.select_helper(helper_id)
        self._update_scope()
        if pairing_id is not None:
            self.select_pairing(pairing_id)
        self._show_unpaired()
        self._update_tab_titles()
        self._update_helpers_count()
        self._update_actions()
        self.loaded.emit()

    # -- selection ------------------------------------------------------------------------------
    def selected_helper_id(self) -> str | None:
        index = self.helpers_view.currentIndex()
        return self.helpers_model.id_at(index.row()) if index.isValid() else None

    def selected_helper(self) -> HelperInfo | None:
        helper_id = self.selected_helper_id()
        return self.helpers_model.get(helper_id) if helper_id else None

    def select_helper(self, helper_id: str) -> None:
        at = self.helpers_model.row_of(helper_id)
        if at >= 0:
            self.helpers_view.selectRow(at)
            self.helpers_view.scrollTo(self.helpers_model.index(at, 0))

    def selected_pairing_id(self) -> str | None:
        index = self.pairings_view.currentIndex()
        return self.pairings_model.id_at(index.row()) if index.isValid() else None

    def selected_pairing(self) -> PairingInfo | None:
        pairing_id = self.selected_pairing_id()
        return self.pairings_model.get(pairing_id) if pairing_id else None

    def select_pairing(self, pairing_id: str) -> None:
        at = self.pairings_model.row_of(pairing_id)
        if at >= 0:
            self.pairings_view.selectRow(at)

    def chosen_unpaired(self) -> list[str]:
        rows = sorted({i.row() for i in self.unpaired_view.selectionModel().selectedRows()})
        return [self.unpaired_model.id_at(r) for r in rows]

    def _helper_selected(self, *_args: object) -> None:
        self._update_scope()
        self._update_actions()

    def _helper_search_changed(self, text: str) -> None:
        selected = self.selected_helper_id()
        self.helpers_model.set_text(text)
        if selected is not None:
            self.select_helper(selected)
        self._update_helpers_count()
        self._update_scope()

    def _unpaired_search_changed(self, text: str) -> None:
        self.unpaired_model.set_text(text)
        self._show_unpaired()

    def _update_scope(self) -> None:
        helper = None if self.all_check.isChecked() else self.selected_helper()
        everyone = self.all_check.isChecked()
        self.pairings_model.set_scope(
            None if everyone else (helper.id if helper else ""), self.ended_check.isChecked()
        )
        self.pairings_view.setColumnHidden(PairingColumn.HELPER, not everyone)
        if everyone:
            self.pairings_title.setText(self.tr("All pairings"))
            active = sum(1 for p in self._data.pairings if p.active)
            self.pairings_subtitle.setText(
                arg(self.tr("%1 active pairings, %2 children not paired"), active,
                    len(self._data.unpaired))
            )  # fmt: skip
        elif helper is not None:
            self.pairings_title.setText(f"{helper.name}（{helper.kind}）")
            self.pairings_subtitle.setText(self._helper_summary(helper))
        else:
            self.pairings_title.setText(self.tr("Pairings"))
            self.pairings_subtitle.setText("")
        empty = self.pairings_model.rowCount() == 0
        self.pairings_view.setVisible(not empty)
        self.pairings_empty.setVisible(empty)
        if helper is None and not everyone:
            self.pairings_empty.setText(
                self.tr("Add a helper on the left, then pair children with them.")
                if not self._data.helpers
                else self.tr("Choose a helper on the left.")
            )
        elif helper is not None and not helper.active:
            self.pairings_empty.setText(self.tr("This helper has left and had no pairing."))
        else:
            self.pairings_empty.setText(self.tr("No pairing yet. Click “Pair children…”."))
        self._update_actions()

    def _helper_summary(self, h: HelperInfo) -> str:
        parts = []
        detail = self.helpers_model.detail(h)
        if detail:
            parts.append(detail)
        if h.phone:
            parts.append(h.phone)
        parts.append(arg(self.tr("%1 children paired"), h.children))
        if h.kind == HelperKind.TEACHER and h.children > self._data.limit:
            parts.append(arg(self.tr("more than the limit of %1"), self._data.limit))
        if not h.active:
            parts.append(self.tr("has left"))
        return " · ".join(parts)

    def _show_unpaired(self) -> None:
        empty = self.unpaired_model.total_count() == 0
        self.unpaired_view.setVisible(not empty)
        self.unpaired_empty.setVisible(empty)
        self.unpaired_count.setText(
            arg(self.tr("%1 of %2 shown"), self.unpaired_model.rowCount(),
                self.unpaired_model.total_count())
        )  # fmt: skip
        self._update_actions()

    def _update_tab_titles(self, *_args: object) -> None:
        self.tabs.setTabText(
            UNPAIRED_TAB, arg(self.tr("Not paired (%1)"), self.unpaired_model.total_count())
        )
        self.tabs.setTabText(
            VISITS_TAB, arg(self.tr("Home visits booked (%1)"), self.visits.model.total_count())
        )

    def _update_helpers_count(self) -> None:
        active = sum(1 for h in self._data.helpers if h.active)
        self.helpers_count.setText(arg(self.tr("%1 helpers"), active))

    def _update_actions(self) -> None:
        helper = self.selected_helper()
        pairing = self.selected_pairing()
        self.edit_helper_button.setEnabled(helper is not None)
        self.active_button.setEnabled(helper is not None)
        self.active_button.setText(
            self.tr("Helper again")
            if helper is not None and not helper.active
            else self.tr("Mark as left…")
        )
        self.pair_button.setEnabled(any(h.active for h in self._data.helpers))
        self.plan_button.setEnabled(pairing is not None)
        self.end_button.setEnabled(pairing is not None and pairing.active)
        self.visit_button.setEnabled(pairing is not None)
        self.open_button.setEnabled(pairing is not None)
        chosen = bool(self.chosen_unpaired())
        self.pair_unpaired_button.setEnabled(chosen and any(h.active for h in self._data.helpers))
        self.unpaired_open_button.setEnabled(chosen)

    # -- actions --------------------------------------------------------------------------------
    @property
    def current_dialog(self) -> QDialog | None:
        """The dialog opened last, while it is open (deleted on close)."""
        dialog = self._dialog
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()

    def _written(self, *_args: object) -> None:
        self.changed.emit()
        self.reload()

    def add_helper(self) -> HelperDialog:
        return self._helper_dialog(None)

    def edit_helper(self) -> HelperDialog | None:
        helper = self.selected_helper()
        return self._helper_dialog(helper) if helper is not None else None

    def _helper_dialog(self, helper: HelperInfo | None) -> HelperDialog:
        taken = {h.child_id: h.id for h in self._data.helpers if h.child_id and h.active}
        children = self._data.enrolled()
        if helper is not None and helper.child_id:  # a classmate who has left keeps their row
            children += [
                r for r in self._data.children if r.id == helper.child_id and r not in children
            ]
        dialog = HelperDialog(
            self._runner,
            self._care,
            self._school_id,
            children,
            helper,
            taken,
            parent=self,
        )
        dialog.saved.connect(self._helper_saved)
        self._show(dialog)
        return dialog

    def _helper_saved(self, helper_id: str) -> None:
        self._select_helper_after_load = helper_id
        self.helper_search.clear()
        self._written()

    def toggle_helper_active(self) -> None:
        helper = self.selected_helper()
        if helper is None:
            return
        if helper.active:
            answer = QMessageBox.question(
                self,
                self.tr("Mark as left"),
                arg(
                    self.tr(
                        "%1 will no longer be a helper. Their %2 active pairings end today and "
                        "stay in the history; those children show under “Not paired” if nobody "
                        "else helps them. Continue?"
                    ),
                    helper.name,
                    helper.children,
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        care, helper_id, active = self._care, helper.id, not helper.active
        self.active_button.setEnabled(False)
        self._runner.run(
            lambda _state: care.set_helper_active(helper_id, active),
            on_done=guarded(self, self._written),
            on_error=guarded(self, self._action_failed),
        )

    def pair_children(self, child_ids: list[str] | None = None) -> PairingDialog:
        """Open the pairing dialog: for the chosen helper, or for the given children."""
        helper = None if self.all_check.isChecked() or child_ids else self.selected_helper()
        dialog = PairingDialog(
            self._runner,
            self._care,
            self._data.helpers,
            self._data.enrolled(),
            self._data.pairings,
            limit=self._data.limit,
            helper_id=helper.id if helper is not None else None,
            child_ids=child_ids or (),
            parent=self,
        )
        dialog.paired.connect(self._written)
        self._show(dialog)
        return dialog

    def open_plan(self) -> PlanDialog | None:
        pairing = self.selected_pairing()
        if pairing is None:
            return None
        dialog = PlanDialog(self._runner, self._care, pairing, self._data.terms, parent=self)
        dialog.changed.connect(self._written)
        self._show(dialog)
        return dialog

    def end_pairing(self) -> EndPairingDialog | None:
        pairing = self.selected_pairing()
        if pairing is None or not pairing.active:
            return None
        dialog = EndPairingDialog(self._runner, self._care, pairing, parent=self)
        dialog.ended.connect(self._written)
        self._show(dialog)
        return dialog

    def book_visit(self) -> QDialog | None:
        pairing = self.selected_pairing()
        if pairing is None:
            return None
        helper = self.helpers_model.get(pairing.helper_id)
        dialog = self.visits.book(
            pairing.child_id, pairing.helper_id if helper and helper.active else None
        )
        self._dialog = dialog
        dialog.booked.connect(lambda _id: self.tabs.setCurrentIndex(VISITS_TAB))
        return dialog

    def _action_failed(self, exc: BaseException) -> None:
        self._update_actions()
        self._show_limit()  # a refused change of the limit: back to the stored value
        show_known_error(self, exc)

    def _show_limit(self) -> None:
        self._limit_timer.stop()
        self.limit_spin.blockSignals(True)
        self.limit_spin.setValue(self._data.limit)
        self.limit_spin.blockSignals(False)

    def _save_limit(self) -> None:
        limit = self.limit_spin.value()
        if limit == self._data.limit:
            return
        if not self.manages:
            self._show_limit()
            return
        care, school_id = self._care, self._school_id
        self._runner.run(
            lambda _state: care.set_pairing_limit(school_id, limit),
            on_done=guarded(self, self._written),
            on_error=guarded(self, self._action_failed),
        )

    def print_pairings(self) -> TablePrinter | None:
        """打印结对名单: every current pairing of the school as a landscape A4 table (PDF),
        built on the worker with progress and cancel, then opened. The printer, or None when
        the file dialog was cancelled."""
        from ..dialogs.print_tables import PAIRINGS, TablePrinter

        printer = TablePrinter(self._runner, self)
        if not printer.start(PAIRINGS, self._care.ctx, "结对帮扶名单.pdf"):
            return None
        return printer

    def _open_pairing_child(self) -> None:
        pairing = self.selected_pairing()
        if pairing is not None:
            self.open_child.emit(pairing.child_id)

    def _open_unpaired_child(self) -> None:
        chosen = self.chosen_unpaired()
        if chosen:
            self.open_child.emit(chosen[0])

    def _unpaired_double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        child_id = self.unpaired_model.id_at(index.row())
        if self.manages:
            self.pair_children([child_id])
        else:  # pairing is the administrator's: the child's archive (or contact card)
            self.open_child.emit(child_id)

    def _helper_double_clicked(self) -> None:
        if self.manages:  # others see the helper's pairings on the right, and no editor
            self.edit_helper()

    @property
    def manages(self) -> bool:
        """Whether the user may change helpers, pairings, plans and the limit."""
        return permitted(self._care.ctx, Op.MANAGE_CARE)
