"""Booked home visits (家访预约): book one, see what is coming up (overdue ones marked), and
close each as done (已完成) or cancelled (已取消)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Status
from ...domain.listing import ChildRow
from ..dialogs.fields import guarded
from ..dialogs.pairing_appointment_dialog import BookVisitDialog
from ..messages import show_known_error
from ..models.pairing_models import AppointmentsModel, VisitColumn
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.care import AppointmentInfo, CareService, HelperInfo, PairingInfo
    from ..tasks import TaskRunner, TaskState

DONE = "已完成"
CANCELLED = "已取消"


@dataclass(frozen=True)
class VisitData:
    visits: list[AppointmentInfo]
    children: list[ChildRow]  # every child of the school (names and classes)
    helpers: list[HelperInfo]
    pairings: list[PairingInfo]  # active ones: they suggest who goes


def load_visit_data(care: CareService, archive: ArchiveService, school_id: str) -> VisitData:
    return VisitData(
        care.upcoming_visits(school_id),
        archive.list_children(school_id),
        care.helpers(school_id),
        care.pairings(school_id, active_only=True),
    )


class VisitAppointmentsPanel(QWidget):
    """The booked visits of a school. Works on its own (:meth:`reload` reads everything it
    needs) or inside the pairing page, which hands it the data it has loaded anyway
    (:meth:`set_data`). ``changed`` fires after each write; ``open_child`` asks the window to
    open a child's archive; ``count_changed`` gives the number of visits booked."""

    changed = Signal()
    open_child = Signal(str)
    count_changed = Signal(int)

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
        self._data = VisitData([], [], [], [])
        self._generation = 0
        self._dialog: BookVisitDialog | None = None
        self._select_after_load: str | None = None
        self.model = AppointmentsModel(self, today=care.ctx.today)
        self._build()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.book_button = QPushButton(self.tr("Book a visit…"), self)
        self.book_button.setObjectName("primary")
        self.book_button.clicked.connect(lambda: self.book())

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        unit = self.fontMetrics().horizontalAdvance("中")
        for column, chars in (
            (VisitColumn.DATE, 10),
            (VisitColumn.CHILD, 5),
            (VisitColumn.CLASS, 7),
            (VisitColumn.HELPER, 6),
        ):
            self.table.setColumnWidth(column, unit * chars + 24)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())

        self.empty_label = QLabel(self.tr("No home visit is booked."), self)
        self.empty_label.setObjectName("emptyTitle")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.done_button = QPushButton(self.tr("Visit done"), self)
        self.done_button.setToolTip(self.tr("Mark the visit as made (已完成)"))
        self.done_button.clicked.connect(self.mark_done)
        self.cancel_button = QPushButton(self.tr("Cancel visit"), self)
        self.cancel_button.setToolTip(self.tr("Mark the visit as cancelled (已取消)"))
        self.cancel_button.clicked.connect(self.cancel_visit)
        self.open_button = QPushButton(self.tr("Open archive"), self)
        self.open_button.clicked.connect(self._open_selected_child)

        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.book_button)
        actions = QHBoxLayout()
        actions.addWidget(self.done_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        self.table.hide()
        layout.addLayout(actions)
        self._show_count()
        self._update_actions()

    # -- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the visits and what booking needs (children, helpers, pairings)."""
        care, archive, school_id = self._care, self._archive, self._school_id
        self._generation += 1
        generation = self._generation
        self._runner.run(
            lambda _state: load_visit_data(care, archive, school_id),
            on_done=guarded(self, lambda data: self._loaded(generation, data)),
            on_error=guarded(self, lambda exc: show_known_error(self, exc)),
        )

    def reload_visits(self) -> None:
        """Read only the visits again (after booking or closing one)."""
        care, school_id = self._care, self._school_id
        self._generation += 1
        generation = self._generation

        def visits(_state: TaskState) -> list[AppointmentInfo]:
            return care.upcoming_visits(school_id)

        self._runner.run(
            visits,
            on_done=guarded(self, lambda v: self._visits_loaded(generation, v)),
            on_error=guarded(self, lambda exc: show_known_error(self, exc)),
        )

    def set_data(
        self,
        visits: Sequence[AppointmentInfo],
        children: Sequence[ChildRow],
        helpers: Sequence[HelperInfo],
        pairings: Sequence[PairingInfo],
    ) -> None:
        self._generation += 1  # a load still on its way is older than this
        self._loaded(
            self._generation,
            VisitData(
                list(visits), list(children), list(helpers), [p for p in pairings if p.active]
            ),
        )

    def _loaded(self, generation: int, data: VisitData) -> None:
        if generation != self._generation:
            return
        self._data = data
        self.model.set_context(
            {h.id: h.name for h in data.helpers}, {r.id: r.class_label for r in data.children}
        )
        self._visits_loaded(generation, data.visits)

    def _visits_loaded(self, generation: int, visits: list[AppointmentInfo]) -> None:
        if generation != self._generation:
            return
        selected = self._select_after_load or self.selected_id()
        self._select_after_load = None
        self.model.set_rows(visits)
        self.table.setVisible(bool(visits))
        self.empty_label.setVisible(not visits)
        if selected is not None and (at := self.model.row_of(selected)) >= 0:
            self.table.selectRow(at)
        self._show_count()
        self._update_actions()
        self.count_changed.emit(self.model.total_count())

    def _show_count(self) -> None:
        total = self.model.total_count()
        overdue = sum(1 for a in self.model.all_rows() if self.model.is_overdue(a))
        text = arg(self.tr("%1 visits booked"), total)
        if overdue:
            text += arg(self.tr(", %1 of them past their date"), overdue)
        self.count_label.setText(text)

    # -- actions --------------------------------------------------------------------------------
    @property
    def current_dialog(self) -> BookVisitDialog | None:
        """The booking dialog, while it is open (deleted on close)."""
        dialog = self._dialog
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select(self, appointment_id: str) -> None:
        at = self.model.row_of(appointment_id)
        if at >= 0:
            self.table.selectRow(at)

    def book(self, child_id: str | None = None, helper_id: str | None = None) -> BookVisitDialog:
        enrolled = [r for r in self._data.children if r.status == Status.ENROLLED]
        dialog = BookVisitDialog(
            self._runner,
            self._care,
            enrolled,
            self._data.helpers,
            self._data.pairings,
            child_id=child_id,
            helper_id=helper_id,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.booked.connect(self._booked)
        self._dialog = dialog
        dialog.open()
        return dialog

    def mark_done(self) -> None:
        self._close(DONE)

    def cancel_visit(self) -> None:
        appointment_id = self.selected_id()
        row = self.model.get(appointment_id) if appointment_id else None
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Cancel visit"),
            arg(
                self.tr("Cancel the visit to %1 on %2?"), row.child_name, row.planned_on.isoformat()
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._close(CANCELLED)

    def _close(self, status: str) -> None:
        appointment_id = self.selected_id()
        if appointment_id is None:
            return
        care = self._care
        self.done_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self._runner.run(
            lambda _state: care.close_appointment(appointment_id, status, None),
            on_done=guarded(self, lambda _changes: self._written()),
            on_error=guarded(self, self._failed),
        )

    def _failed(self, exc: BaseException) -> None:
        self._update_actions()
        show_known_error(self, exc)

    def _booked(self, appointment_id: str) -> None:
        self._select_after_load = appointment_id
        self._written()

    def _written(self) -> None:
        self.changed.emit()
        self.reload_visits()

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_child.emit(self.model.row_at(index.row()).child_id)

    def _open_selected_child(self) -> None:
        appointment_id = self.selected_id()
        row = self.model.get(appointment_id) if appointment_id else None
        if row is not None:
            self.open_child.emit(row.child_id)

    def _update_actions(self) -> None:
        chosen = self.selected_id() is not None
        for button in (self.done_button, self.cancel_button, self.open_button):
            button.setEnabled(chosen)
