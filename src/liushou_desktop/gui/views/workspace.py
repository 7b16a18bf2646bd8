"""The pages of an open archive, as tabs under one urgent banner: the duties dashboard (first),
the children list, helpers and pairings, records, and incidents / dropouts / screening.

The children page lives as long as the window (the list keeps its filters across databases);
the care pages are built anew for each opened archive, since they hold its services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..tasks import TaskRunner
from ..widgets.duty_incident_banner import IncidentBanner

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.care import CareService
    from .children_page import ChildrenPage
    from .dashboard_page import DashboardPage
    from .incident_page import IncidentsPage
    from .pairing_page import PairingPage
    from .record_page import RecordsPage


class Workspace(QWidget):
    open_child = Signal(str)  # a page asks to open a child's archive

    def __init__(self, runner: TaskRunner, children: ChildrenPage, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.children_page = children
        self.banner = IncidentBanner(self)  # hides itself while no case is open
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(children, self.tr("Children"))
        self.dashboard: DashboardPage | None = None
        self.pairing: PairingPage | None = None
        self.records: RecordsPage | None = None
        self.incidents: IncidentsPage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.banner.open_child.connect(self.open_child)

    def set_archive(self, care: CareService, archive: ArchiveService, school_id: str) -> None:
        """Build the care pages for a newly opened archive; the dashboard comes first."""
        from .dashboard_page import DashboardPage
        from .incident_page import IncidentsPage
        from .pairing_page import PairingPage
        from .record_page import RecordsPage

        for old in (self.dashboard, self.pairing, self.records, self.incidents):
            if old is not None:
                self.tabs.removeTab(self.tabs.indexOf(old))
                old.deleteLater()
        self.dashboard = DashboardPage(self.runner, care, archive, school_id, self)
        self.dashboard.set_banner_enabled(False)  # the workspace's banner shows on every tab
        self.pairing = PairingPage(self.runner, care, archive, school_id, self)
        self.records = RecordsPage(self.runner, care, archive, school_id, self)
        self.incidents = IncidentsPage(self.runner, care, archive, school_id, self)
        self.tabs.insertTab(0, self.dashboard, self.tr("Duties"))
        self.tabs.addTab(self.pairing, self.tr("Pairing"))
        self.tabs.addTab(self.records, self.tr("Records"))
        self.tabs.addTab(self.incidents, self.tr("Reports and safety"))
        self.dashboard.incidents_loaded.connect(self._incidents)
        self.dashboard.open_child.connect(self.open_child)
        self.pairing.open_child.connect(self.open_child)
        self.pairing.changed.connect(self.refresh_duties)
        self.records.changed.connect(self.refresh_duties)
        self.incidents.changed.connect(self.refresh_duties)
        self.pairing.reload()  # the other pages read their data when built or first shown
        self.tabs.setCurrentWidget(self.dashboard)

    def refresh_duties(self) -> None:
        """Something changed that the dashboard counts (a record, a pairing, an incident)."""
        if self.dashboard is not None:
            self.dashboard.reload()

    def _incidents(self, incidents: list[object]) -> None:
        self.banner.set_incidents(incidents)  # type: ignore[arg-type]  # IncidentInfo values

    def show_children(self) -> None:
        self.tabs.setCurrentWidget(self.children_page)

    def current_page(self) -> QWidget:
        page = self.tabs.currentWidget()
        return page if page is not None else self.children_page
