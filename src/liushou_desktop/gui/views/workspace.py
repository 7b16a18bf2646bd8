"""The pages of an open archive, as tabs under one urgent banner: the duties dashboard (first),
the children list, helpers and pairings, records, and incidents / dropouts / screening.

The children page lives as long as the window (the list keeps its filters across databases);
the care pages are built anew for each opened archive, since they hold its services. Only the
dashboard is built at once: the other care pages are built when their tab is first chosen, so
opening an archive reads no more than what is on screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

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


class _Pending(QWidget):
    """Stands in a tab until the page it holds the place of is first shown (or, for the
    dashboard, until the children list has been read)."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget, text: str = "") -> None:
        super().__init__(parent)
        self.build = build
        if text:
            label = QLabel(text, self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setObjectName("hint")
            QVBoxLayout(self).addWidget(label)


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
        self._dashboard_waiting: _Pending | None = None
        self.banner.open_child.connect(self.open_child)
        self.tabs.currentChanged.connect(self._tab_chosen)
        children.loaded.connect(self._list_loaded)

    def set_archive(self, care: CareService, archive: ArchiveService, school_id: str) -> None:
        """Put up the care pages for a newly opened archive; the dashboard comes first, built
        once the children list has been read (the list's read goes first: they would compete)."""
        for index in reversed(range(self.tabs.count())):
            page = self.tabs.widget(index)
            if page is not None and page is not self.children_page:
                self.tabs.removeTab(index)
                page.deleteLater()
        self.dashboard = self.pairing = self.records = self.incidents = None
        waiting = _Pending(
            lambda: self._build_dashboard(care, archive, school_id), self, self.tr("Counting…")
        )
        self._dashboard_waiting = waiting
        self.tabs.blockSignals(True)
        self.tabs.insertTab(0, waiting, self.tr("Duties"))
        for title, build in (
            (self.tr("Pairing"), lambda: self._build_pairing(care, archive, school_id)),
            (self.tr("Records"), lambda: self._build_records(care, archive, school_id)),
            (
                self.tr("Reports and safety"),
                lambda: self._build_incidents(care, archive, school_id),
            ),
        ):
            self.tabs.addTab(_Pending(build, self), title)
        self.tabs.setCurrentWidget(waiting)
        self.tabs.blockSignals(False)

    def _list_loaded(self, _count: int) -> None:
        waiting, self._dashboard_waiting = self._dashboard_waiting, None
        if waiting is not None and self.tabs.indexOf(waiting) >= 0:
            self._replace(waiting)

    def _build_dashboard(
        self, care: CareService, archive: ArchiveService, school_id: str
    ) -> QWidget:
        from .dashboard_page import DashboardPage

        page = self.dashboard = DashboardPage(self.runner, care, archive, school_id, self)
        page.set_banner_enabled(False)  # the workspace's banner shows on every tab
        page.incidents_loaded.connect(self._incidents)
        page.open_child.connect(self.open_child)
        return page

    def _build_pairing(self, care: CareService, archive: ArchiveService, school_id: str) -> QWidget:
        from .pairing_page import PairingPage

        page = self.pairing = PairingPage(self.runner, care, archive, school_id, self)
        page.open_child.connect(self.open_child)
        page.changed.connect(self.refresh_duties)
        page.reload()
        return page

    def _build_records(self, care: CareService, archive: ArchiveService, school_id: str) -> QWidget:
        from .record_page import RecordsPage

        page = self.records = RecordsPage(self.runner, care, archive, school_id, self)
        page.changed.connect(self.refresh_duties)
        return page

    def _build_incidents(
        self, care: CareService, archive: ArchiveService, school_id: str
    ) -> QWidget:
        from .incident_page import IncidentsPage

        page = self.incidents = IncidentsPage(self.runner, care, archive, school_id, self)
        page.changed.connect(self.refresh_duties)
        return page

    def _tab_chosen(self, index: int) -> None:
        pending = self.tabs.widget(index)
        if isinstance(pending, _Pending) and pending is not self._dashboard_waiting:
            self._replace(pending)

    def _replace(self, pending: _Pending) -> None:
        index = self.tabs.indexOf(pending)
        current = self.tabs.currentIndex()
        page = pending.build()
        title = self.tabs.tabText(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        pending.deleteLater()

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
