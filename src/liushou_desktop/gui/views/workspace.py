"""The pages of an open archive, as tabs under one urgent banner: the duties dashboard (first),
the children list, helpers and pairings, records, and incidents / dropouts / screening.

The children page lives as long as the window (the list keeps its filters across databases);
the care pages are built anew for each opened archive, since they hold its services. Only the
dashboard is built at once: the other care pages are built when their tab is first chosen, so
opening an archive reads no more than what is on screen.

A township's database (opened with ``children_page.TOWNSHIP_SCHOOL_ID``) gets the township's
tabs instead: the ledger (台账, the children page over every school), statistics per school
(统计), conflicts (冲突处理) and possible duplicate children (重复儿童)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ..tasks import TaskRunner
from ..widgets.duty_incident_banner import IncidentBanner
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.care import CareService
    from ...services.context import ServiceContext
    from .children_page import ChildrenPage
    from .dashboard_page import DashboardPage
    from .incident_page import IncidentsPage
    from .pairing_page import PairingPage
    from .record_page import RecordsPage
    from .township_conflicts_page import TownshipConflictsPage
    from .township_duplicates_page import TownshipDuplicatesPage
    from .township_stats_page import TownshipStatsPage


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
        self.township_stats: TownshipStatsPage | None = None
        self.township_conflicts: TownshipConflictsPage | None = None
        self.township_duplicates: TownshipDuplicatesPage | None = None
        self._township = False
        self._conflicts_tab: QWidget | None = None
        self._conflict_count_generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self._dashboard_waiting: _Pending | None = None
        self.banner.open_child.connect(self.open_child)
        self.tabs.currentChanged.connect(self._tab_chosen)
        children.loaded.connect(self._list_loaded)
        children.rows_updated.connect(lambda *_counts: self._ledger_changed())

    def set_archive(
        self,
        care: CareService,
        archive: ArchiveService,
        school_id: str,
        mode: str | None = None,
    ) -> None:
        """Put up the care pages for a newly opened archive; the dashboard comes first, built
        once the children list has been read (the list's read goes first: they would compete).

        ``mode`` "township" (or, when not given, the township's school id) puts up the
        township's pages instead."""
        from .children_page import TOWNSHIP_SCHOOL_ID

        self._clear_pages()
        if mode == "township" or (mode is None and school_id == TOWNSHIP_SCHOOL_ID):
            self._set_township(archive.ctx)
            return
        self._township = False
        self.tabs.setTabText(self.tabs.indexOf(self.children_page), self.tr("Children"))
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

    def _clear_pages(self) -> None:
        for index in reversed(range(self.tabs.count())):
            page = self.tabs.widget(index)
            if page is not None and page is not self.children_page:
                self.tabs.removeTab(index)
                page.deleteLater()
        self.dashboard = self.pairing = self.records = self.incidents = None
        self.township_stats = self.township_conflicts = self.township_duplicates = None
        self._conflicts_tab = None
        self._dashboard_waiting = None
        self.banner.set_incidents([])

    # -- township mode -----------------------------------------------------------------------
    @property
    def township(self) -> bool:
        return self._township

    def _set_township(self, ctx: ServiceContext) -> None:
        """The township's tabs: the ledger first (the children page over every school), then
        statistics, conflicts and duplicates, each built when first chosen."""
        self._township = True
        self.tabs.blockSignals(True)
        self.tabs.setTabText(self.tabs.indexOf(self.children_page), self.tr("Ledger"))
        self.tabs.addTab(_Pending(lambda: self._build_stats(ctx), self), self.tr("Statistics"))
        conflicts = _Pending(lambda: self._build_conflicts(ctx), self)
        self._conflicts_tab = conflicts
        self.tabs.addTab(conflicts, self.tr("Conflicts"))
        self.tabs.addTab(
            _Pending(lambda: self._build_duplicates(ctx), self), self.tr("Duplicate children")
        )
        self.tabs.setCurrentWidget(self.children_page)
        self.tabs.blockSignals(False)
        self._count_conflicts(ctx)

    def _count_conflicts(self, ctx: ServiceContext) -> None:
        """The number of undecided conflicts, on the tab's title (before the page is built)."""
        from .township_conflicts_page import load_conflicts

        self._conflict_count_generation += 1
        generation = self._conflict_count_generation

        def count(_state: object) -> int:
            return sum(1 for c in load_conflicts(ctx) if not c.decision)

        self.runner.run(
            count,
            on_done=lambda n: self._show_conflict_count(n, generation),
            on_error=lambda _exc: None,  # the page itself shows the error when opened
        )

    def _show_conflict_count(self, count: int, generation: int | None = None) -> None:
        if generation is not None and generation != self._conflict_count_generation:
            return
        tab = self._conflicts_tab
        index = self.tabs.indexOf(tab) if tab is not None else -1
        if index < 0:
            return
        title = self.tr("Conflicts")
        self.tabs.setTabText(index, arg(self.tr("%1 (%2)"), title, count) if count else title)

    def _build_stats(self, ctx: ServiceContext) -> QWidget:
        from .township_stats_page import TownshipStatsPage

        page = self.township_stats = TownshipStatsPage(self.runner, ctx, self)
        return page

    def _build_conflicts(self, ctx: ServiceContext) -> QWidget:
        from .township_conflicts_page import TownshipConflictsPage

        page = self.township_conflicts = TownshipConflictsPage(self.runner, ctx, self)
        self._conflicts_tab = page
        page.changed.connect(self._conflict_decided)
        page.open_count_changed.connect(self._show_conflict_count)
        return page

    def _build_duplicates(self, ctx: ServiceContext) -> QWidget:
        from .township_duplicates_page import TownshipDuplicatesPage

        page = self.township_duplicates = TownshipDuplicatesPage(self.runner, ctx, self)
        page.decided.connect(self._duplicate_decided)
        return page

    def _conflict_decided(self, changes: object) -> None:
        self.children_page.apply_changes(changes)  # type: ignore[arg-type]  # a Changes
        self._ledger_changed()

    def _duplicate_decided(self) -> None:
        self.children_page.reload()
        self._ledger_changed()

    def _ledger_changed(self) -> None:
        if self.township_stats is not None:
            self.township_stats.mark_stale()

    def refresh_township(self) -> None:
        """After bundles were imported: read the ledger and every township page again."""
        if not self._township:
            return
        self.children_page.reload()
        for page in (self.township_stats, self.township_conflicts, self.township_duplicates):
            if page is not None:
                page.reload()
        service = self.children_page.service
        if self.township_conflicts is None and service is not None:
            self._count_conflicts(service.ctx)

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
