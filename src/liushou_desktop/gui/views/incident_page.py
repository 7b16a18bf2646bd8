"""Incidents and safety: mandatory reports (强制报告), dropouts (辍学登记) and holiday screening
(寒暑假排查), as three tabs of one page. Each tab is also a page class of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Op, Role
from ..dialogs.fields import guarded
from ..messages import show_known_error
from ..models.record_incidents import IncidentColumn, IncidentsModel
from ..session import permitted
from ..widgets.record_table import list_table
from ..widgets.text import arg
from .incident_dropouts import DropoutsPage
from .screening_page import ScreeningPage

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.care import CareService, IncidentInfo
    from ..tasks import TaskRunner

_WIDTHS: dict[int, float] = {
    IncidentColumn.STATE: 4,
    IncidentColumn.FOUND_ON: 6,
    IncidentColumn.CHILD: 5,
    IncidentColumn.KIND: 9,
    IncidentColumn.DESCRIPTION: 16,
    IncidentColumn.REPORTED_ON: 6,
    IncidentColumn.REPORTED_TO: 7,
    IncidentColumn.OUTCOME: 12,
    IncidentColumn.CLOSED_ON: 6,
}

BANNER_STYLE = (
    "QLabel#urgentBanner { background: #fbe4e2; color: #8c1d18; border: 1px solid #f1b8b3;"
    " border-radius: 6px; padding: 8px 12px; font-weight: bold; }"
    "QLabel#calmBanner { color: #2e7d32; padding: 8px 0; }"
)


class IncidentListPage(QWidget):
    """Mandatory reports: open ones first and red. ``changed`` after any write;
    ``open_count_changed`` with the number of open incidents after each load."""

    changed = Signal()
    open_count_changed = Signal(int)

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
        self.model = IncidentsModel(self)
        self._build()
        self.reload()

    def _build(self) -> None:
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.report_button = QPushButton(self.tr("Report an incident…"), self)
        self.report_button.setObjectName("primary")
        self.report_button.clicked.connect(lambda: self.report_incident())
        self.follow_button = QPushButton(self.tr("Follow up…"), self)
        self.follow_button.setEnabled(False)
        self.follow_button.clicked.connect(self._follow_selected)
        self.table = list_table(
            self, "incidentsTable", self.model, _WIDTHS, IncidentColumn.DESCRIPTION
        )
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.empty_label = QLabel(
            self.tr("No incidents have been reported about your own children.")
            if self._teacher()
            else self.tr("No incidents have been reported."),
            self,
        )
        self.empty_label.setObjectName("hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        top = QHBoxLayout()
        top.addWidget(self.banner, 1)
        top.addWidget(self.follow_button)
        top.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self._show_counts()

    def _teacher(self) -> bool:
        """A teacher's list holds the reports about their own children only."""
        actor = self._care.ctx.actor
        return actor is not None and actor.role is Role.TEACHER

    # -- loading ----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        self._loading = True
        care, school_id = self._care, self._school_id
        self._runner.run(
            lambda _state: care.incidents(school_id),
            on_done=guarded(self, lambda rows: self._loaded(generation, rows)),
            on_error=guarded(self, lambda exc: self._failed(generation, exc)),
        )

    def _loaded(self, generation: int, rows: list[IncidentInfo]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.model.set_rows(rows)
        self._show_counts()
        self.open_count_changed.emit(self.model.open_count())

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            show_known_error(self, exc)

    def _show_counts(self) -> None:
        open_count = self.model.open_count()
        if open_count:
            self.banner.setObjectName("urgentBanner")
            self.banner.setText(
                arg(
                    self.tr("%1 report(s) still open: report, follow up and close each one."),
                    open_count,
                )
            )
        elif self._teacher():
            self.banner.setObjectName("calmBanner")
            self.banner.setText(self.tr("No open reports about your own children."))
        else:
            self.banner.setObjectName("calmBanner")
            self.banner.setText(self.tr("No open reports."))
        self.banner.setStyleSheet(BANNER_STYLE)
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)

    # -- actions ----------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        self.follow_button.setEnabled(self.table.currentIndex().isValid())

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.follow_up(self.model.item(index.row()).id)

    def _follow_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.follow_up(self.model.item(index.row()).id)

    def report_incident(self, child_id: str | None = None) -> None:
        """Open the dialog for a new incident (about ``child_id`` when given)."""
        self._open(None, child_id)

    def follow_up(self, incident_id: str) -> None:
        incident = self.model.get(incident_id)
        if incident is not None:
            self._open(incident, None)

    def _open(self, incident: IncidentInfo | None, child_id: str | None) -> None:
        from ..dialogs.incident_dialog import IncidentDialog

        dialog = IncidentDialog(
            self._runner,
            self._care,
            self._archive,
            self._school_id,
            incident=incident,
            child_id=child_id,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        if not permitted(self._care.ctx, Op.WRITE_RECORD):
            dialog.set_read_only(self.tr("Your account reads the reports and changes nothing."))
        dialog.open()

    def _saved(self, _incident_id: str) -> None:
        self.reload()
        self.changed.emit()


class IncidentsPage(QWidget):
    """Tabs: mandatory reports, dropouts, holiday screening. ``changed`` after any write in
    any tab; ``open_count_changed`` carries the number of open incidents (for a banner)."""

    changed = Signal()
    open_count_changed = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        archive: ArchiveService,
        school_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.incidents = IncidentListPage(runner, care, archive, school_id, self)
        self.dropouts = DropoutsPage(runner, care, archive, school_id, self)
        self.screening = ScreeningPage(runner, care, archive, school_id, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.incidents, self.tr("Mandatory reports"))
        self.tabs.addTab(self.dropouts, self.tr("Dropouts"))
        self.tabs.addTab(self.screening, self.tr("Holiday screening"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)
        for page in (self.incidents, self.dropouts, self.screening):
            page.changed.connect(self.changed)
        self.incidents.open_count_changed.connect(self._open_count)

    def reload(self) -> None:
        self.incidents.reload()
        self.dropouts.reload()
        self.screening.reload()

    def _open_count(self, count: int) -> None:
        title = (
            arg(self.tr("Mandatory reports (%1 open)"), count)
            if count
            else self.tr("Mandatory reports")
        )
        self.tabs.setTabText(0, title)
        self.open_count_changed.emit(count)
