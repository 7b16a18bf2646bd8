"""The main window: menus, the first-run page and the children page.

The window never touches the database itself. ``app.py`` hands it a :class:`ArchiveBackend`
whose methods open or create a database; the window runs them on the worker thread and
receives an :class:`OpenedArchive` (plain values and services, no ORM objects).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..domain.access import Actor, Op, allows
from . import file_dialogs
from .backup_actions import BackupActions
from .help_window import HelpDesk
from .messages import show_known_error
from .session import Session
from .sync_actions import SyncActions
from .tasks import Task, TaskRunner, TaskState
from .widgets.busy import BusyIndicator
from .widgets.text import arg
from .widgets.tips import describe

if TYPE_CHECKING:
    from ..services.archive import ArchiveService, SchoolInfo
    from ..services.care import CareService
    from ..services.context import ServiceContext
    from .dialogs.setup_wizard import SetupWizard
    from .views.children_page import ChildrenPage
    from .views.first_run import FirstRunPage
    from .views.workspace import Workspace

DEFAULT_SIZE = (1280, 800)
# Fixed, so switching pages never changes the window's size limits (each change makes the
# window system re-read them; the offscreen test platform warns about it).
MINIMUM_SIZE = (800, 560)
_BUSY_BAR_DELAY_MS = 400  # short jobs finish before the bar would flicker
_DB_FILTER_SUFFIXES = "*.sqlite *.db"


_START_AT_LATEST_MS = 300  # if the window system never sends a paint (minimised start)


class _FirstPaint(QObject):
    """Calls back once, on the watched widget's first paint."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            callback()
        return False


@dataclass
class OpenedArchive:
    """An open database and the services over it, as the window uses them."""

    path: Path
    context: ServiceContext
    service: ArchiveService
    school: SchoolInfo
    demo: bool = False
    mode: str = "school"  # "school" or "township" (services.sync.MODE_*)
    has_accounts: bool = True  # False: its administrator is asked for before anything else
    idle_minutes: int = 15  # the idle lock (AccountService.idle_minutes; 0: never)
    demo_accounts: bool = False  # the demo's accounts: the login window names them

    @property
    def care(self) -> CareService:
        """Care work over the same database (helpers, pairings, records, duties)."""
        from ..services.care import CareService

        return CareService(self.context)


class ArchiveBackend(Protocol):
    """Opens and creates databases. Every method runs on the worker thread."""

    def open(self, path: Path, *, demo: bool = False) -> OpenedArchive: ...

    def create_school(self, path: Path, name: str, code: str, top_grade: int) -> OpenedArchive: ...

    def create_demo(self, path: Path) -> OpenedArchive: ...

    def create_township(self, path: Path, name: str, code: str) -> OpenedArchive: ...


@dataclass(frozen=True)
class WindowPaths:
    db_path: Path  # opened at start; the first-run page creates it when it does not exist
    demo_path: Path  # the demo school's own file
    log_path: Path  # where the crash handler writes (shown in 关于)
    data_dir: Path | None = None  # the data folder (关于 opens it); None: log_path's


class MainWindow(QMainWindow):
    archive_opened = Signal(object)  # OpenedArchive, after it is shown (and logged in)
    _job_failed = Signal()  # emitted on the worker thread when an open/create job raises

    def __init__(
        self,
        runner: TaskRunner,
        backend: ArchiveBackend,
        paths: WindowPaths,
        *,
        geometry_settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.paths = paths
        self.archive: OpenedArchive | None = None
        self.setup_wizard: SetupWizard | None = None  # the first-run wizard, while open
        self.setup_summary: QWidget | None = None  # what its optional steps came to
        self._geometry_settings = geometry_settings
        self._shut_down = False

        # The pages are built after the first paint (see _build_pages): the window shows at once.
        self._first_run_page: FirstRunPage | None = None
        self._children_page: ChildrenPage | None = None
        self._workspace: Workspace | None = None
        self.loading_page, self._loading_indicator = self._build_loading_page()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.loading_page)
        self.setCentralWidget(self.stack)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self._restore_geometry()
        self._show_page(self.loading_page)

    # -- layout ------------------------------------------------------------------------------
    @property
    def first_run_page(self) -> FirstRunPage:
        if self._first_run_page is None:
            self._build_pages()
        assert self._first_run_page is not None
        return self._first_run_page

    @property
    def children_page(self) -> ChildrenPage:
        if self._children_page is None:
            self._build_pages()
        assert self._children_page is not None
        return self._children_page

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._build_pages()
        assert self._workspace is not None
        return self._workspace

    def _build_pages(self) -> None:
        """The first-run and children pages, built on first use (after the window is shown)."""
        from .views.children_page import ChildrenPage
        from .views.first_run import FirstRunPage

        first_run = self._first_run_page = FirstRunPage(self)
        from .views.workspace import Workspace

        children = self._children_page = ChildrenPage(self.runner, self)
        children.settings = self._geometry_settings  # the print dialog's last choice
        self._workspace = Workspace(self.runner, children, self)
        self.stack.addWidget(first_run)
        self.stack.addWidget(self._workspace)
        self._workspace.open_child.connect(children.open_child)
        self._workspace.tabs.currentChanged.connect(lambda _i: self._update_actions())
        # pages are built when first shown (the dashboard once the list is read): their
        # buttons follow the user's role too
        self._workspace.tabs.currentChanged.connect(lambda _i: self.session.guard_pages())
        children.loaded.connect(lambda *_a: self.session.guard_pages())
        first_run.setup_requested.connect(self.start_setup)
        first_run.demo_requested.connect(self.open_demo)
        first_run.open_requested.connect(self._choose_database)
        first_run.back_requested.connect(self._back_to_list)
        children.rows_updated.connect(self._rows_updated)

    def _build_loading_page(self) -> tuple[QWidget, BusyIndicator]:
        page = QWidget(self)
        indicator = BusyIndicator(page)
        indicator.setFixedWidth(360)
        indicator.set_text(self.tr("Opening the archive…"))
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(indicator, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page, indicator

    def _build_actions(self) -> None:
        self.new_school_action = QAction(self.tr("&New school…"), self)
        self.open_action = QAction(self.tr("&Open database…"), self)
        self.open_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.export_ledger_action = QAction(self.tr("Export the &ledger (Excel)…"), self)
        self.print_ledger_action = QAction(self.tr("&Print the ledger (PDF)…"), self)
        self.import_roster_action = QAction(self.tr("&Import a roster…"), self)
        self.roster_template_action = QAction(
            self.tr("Download the roster import &template…"), self
        )
        self.roster_history_action = QAction(self.tr("Roster import &history…"), self)
        self.quit_action = QAction(self.tr("E&xit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.add_child_action = QAction(self.tr("&Add child"), self)
        self.add_child_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.add_child_action.setIconText(self.tr("Add child"))  # toolbar: no "(&A)"
        self.handover_action = QAction(self.tr("School-year &handover…"), self)
        self.handover_action.setIconText(self.tr("School-year handover"))
        self.reload_action = QAction(self.tr("&Reload list"), self)
        self.reload_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.about_action = QAction(self.tr("&About"), self)
        self.help_action = QAction(self.tr("&User guide"), self)
        self.help = HelpDesk(self, self.help_action)  # F1, from every page and dialog
        self.write_record_action = QAction(self.tr("&Write a record…"), self)
        self.write_record_action.setShortcut(QKeySequence("Ctrl+R"))
        self.write_record_action.setIconText(self.tr("Write a record"))
        self.calendar_action = QAction(self.tr("School &calendar and duty rules…"), self)
        self.duty_report_action = QAction(self.tr("Teacher's year-end duty &report…"), self)
        self.sync_actions = SyncActions(self, self.runner, self._geometry_settings)
        self.backup_actions = BackupActions(self, self.runner, self._geometry_settings)
        self.backup_actions.set_database(self.paths.db_path)
        self.session = Session(self)  # who is logged in, the 账号 menu, the idle lock
        # What each action needs of the user's role (domain.access): not allowed, not shown.
        self._action_ops: dict[QAction, tuple[Op, ...]] = {
            self.new_school_action: (Op.MANAGE_SCHOOL,),
            self.import_roster_action: (Op.IMPORT_ROSTER,),
            self.roster_template_action: (Op.IMPORT_ROSTER,),
            self.roster_history_action: (Op.IMPORT_ROSTER,),
            self.export_ledger_action: (Op.EXPORT,),
            self.print_ledger_action: (Op.PRINT, Op.EXPORT),  # the whole ledger leaves on paper
            self.add_child_action: (Op.ADD_CHILD,),
            self.handover_action: (Op.MANAGE_SCHOOL,),
            self.write_record_action: (Op.WRITE_RECORD,),
            self.calendar_action: (Op.MANAGE_CARE,),
            self.duty_report_action: (Op.READ_CARE,),
        }
        self._describe_actions()

    def _describe_actions(self) -> None:
        """Each action's tooltip and status tip: what it does, for someone new to it."""
        for action, text in (
            (
                self.new_school_action,
                self.tr("Start the archive of a school in a new database file"),
            ),
            (self.open_action, self.tr("Open another archive database file (Ctrl+O)")),
            (
                self.import_roster_action,
                self.tr(
                    "Add or update children from the school's Excel or CSV roster; "
                    "everything is checked and shown before it is written"
                ),
            ),
            (
                self.roster_template_action,
                self.tr("Save an Excel template with the columns the roster import understands"),
            ),
            (
                self.roster_history_action,
                self.tr("The roster imports made so far; each of them can be undone"),
            ),
            (
                self.export_ledger_action,
                self.tr(
                    "Write the ledger of the children at school to an Excel file (in full, "
                    "without ID numbers and phones, or the counts alone)"
                ),
            ),
            (
                self.print_ledger_action,
                self.tr("Print the ledger of the children at school as a landscape A4 table (PDF)"),
            ),
            (self.quit_action, self.tr("Close the program (Ctrl+Q)")),
            (self.add_child_action, self.tr("Open an empty archive for a new child (Ctrl+N)")),
            (
                self.handover_action,
                self.tr(
                    "At the start of a school year: every class moves up one grade and the top "
                    "grade graduates (shown first, then applied)"
                ),
            ),
            (self.reload_action, self.tr("Read the children list again (F5)")),
            (
                self.write_record_action,
                self.tr(
                    "Write down a home visit, talk, call or other care work for one or more "
                    "children (Ctrl+R)"
                ),
            ),
            (
                self.calendar_action,
                self.tr(
                    "Terms, the duty rules (how often the children must be visited or talked "
                    "to) and how many children a teacher may pair with"
                ),
            ),
            (
                self.duty_report_action,
                self.tr("A teacher's pairings, records and duties met or missed in a school year"),
            ),
            (self.help_action, self.tr("Open the user guide at the page you are on (F1)")),
            (
                self.about_action,
                self.tr("The version, where the data is kept, and the licences"),
            ),
        ):
            describe(action, text)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_school_action)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_roster_action)
        file_menu.addAction(self.roster_template_action)
        file_menu.addAction(self.roster_history_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_ledger_action)
        file_menu.addAction(self.print_ledger_action)
        file_menu.addSeparator()
        file_menu.addMenu(self.backup_actions.menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        archive_menu = bar.addMenu(self.tr("A&rchive"))
        archive_menu.addAction(self.add_child_action)
        archive_menu.addAction(self.handover_action)
        archive_menu.addSeparator()
        archive_menu.addAction(self.reload_action)
        work_menu = bar.addMenu(self.tr("&Work"))
        work_menu.addAction(self.write_record_action)
        work_menu.addSeparator()
        work_menu.addAction(self.calendar_action)
        work_menu.addAction(self.duty_report_action)
        bar.addMenu(self.sync_actions.menu)
        bar.addMenu(self.session.menu)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        for menu in (file_menu, archive_menu, work_menu, help_menu):
            menu.setToolTipsVisible(True)  # each entry says what it does

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Archive"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.write_record_action)
        self.toolbar.addAction(self.add_child_action)
        self.toolbar.addAction(self.handover_action)
        self.addToolBar(self.toolbar)

    def _build_status_bar(self) -> None:
        self.path_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedSize(120, 6)
        self.busy_bar.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(_BUSY_BAR_DELAY_MS)
        self._busy_timer.timeout.connect(self.busy_bar.show)
        status = self.statusBar()
        status.addPermanentWidget(self.busy_bar)
        status.addPermanentWidget(self.session.user_label)
        status.addPermanentWidget(self.path_label)

    def _connect(self) -> None:
        self.new_school_action.triggered.connect(self.new_archive)
        self.open_action.triggered.connect(self._choose_database)
        self.quit_action.triggered.connect(self.close)
        self.add_child_action.triggered.connect(lambda: self.children_page.new_child())
        self.handover_action.triggered.connect(self.open_handover)
        self.reload_action.triggered.connect(lambda: self.children_page.reload())
        self.about_action.triggered.connect(self.show_about)
        self.write_record_action.triggered.connect(self.write_record)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.duty_report_action.triggered.connect(self.open_duty_report)
        self.export_ledger_action.triggered.connect(self.export_ledger)
        self.print_ledger_action.triggered.connect(self.print_ledger)
        self.import_roster_action.triggered.connect(self.import_roster)
        self.roster_template_action.triggered.connect(self.save_roster_template)
        self.roster_history_action.triggered.connect(self.open_roster_history)
        self.sync_actions.changed.connect(self._sync_changed)
        self.backup_actions.restored.connect(self._backup_restored)
        self.runner.busy_changed.connect(self._busy_changed)
        self._job_failed.connect(self._return_after_failure)
        self.session.lock_changed.connect(self._lock_changed)

    def _restore_geometry(self) -> None:
        self.setMinimumSize(*MINIMUM_SIZE)
        saved = self._geometry_settings.value("main/geometry") if self._geometry_settings else None
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        width, height = DEFAULT_SIZE
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.95))
            height = min(height, int(available.height() * 0.92))
        self.resize(width, height)

    # -- pages -------------------------------------------------------------------------------
    def start_after_first_paint(self) -> None:
        """Call :meth:`start` once the window has painted (or after a short while at the
        latest), so the user sees the window before the pages are built and the database
        opens."""
        self._started = False

        def go() -> None:
            if not self._started and not self._shut_down:
                self._started = True
                self.start()

        self._first_paint_watch = _FirstPaint(self, lambda: QTimer.singleShot(0, go))
        QTimer.singleShot(_START_AT_LATEST_MS, go)

    def start(self) -> None:
        """Open the database, or show the first-run page when there is none yet."""
        if self._children_page is None:
            self._build_pages()
        if self.paths.db_path.exists():
            self.open_database(self.paths.db_path)
        else:
            self.show_first_run()

    def _show_page(self, page: QWidget) -> None:
        """Show a page; the children page and the care pages are tabs of the workspace."""
        if page is self._children_page and self._workspace is not None:
            self._workspace.show_children()
            page = self._workspace
        if self.session.defer_page(page):  # locked: the page shows once unlocked
            return
        self.stack.setCurrentWidget(page)
        self._update_actions()
        self._update_title()

    def _show_workspace(self) -> None:
        """The open archive's pages, on whichever tab is current (the dashboard at first)."""
        assert self._workspace is not None
        if self.session.defer_page(self._workspace):
            return
        self.stack.setCurrentWidget(self._workspace)
        self._update_actions()
        self._update_title()

    def current_page(self) -> QWidget:
        """The page the user sees: the first-run or loading page, or the workspace's tab."""
        widget = self.stack.currentWidget()
        if self._workspace is not None and widget is self._workspace:
            return self._workspace.current_page()
        return widget if widget is not None else self.loading_page

    def _update_actions(self) -> None:
        in_archive = self.archive is not None and self.stack.currentWidget() is self._workspace
        on_list = in_archive and self.current_page() is self._children_page
        for action in (
            self.add_child_action,
            self.handover_action,
            self.write_record_action,
            self.calendar_action,
            self.duty_report_action,
            self.export_ledger_action,
            self.print_ledger_action,
            self.import_roster_action,
            self.roster_template_action,
            self.roster_history_action,
        ):
            action.setEnabled(in_archive)
        self.reload_action.setEnabled(on_list)
        self.sync_actions.set_enabled(in_archive)
        self.backup_actions.set_enabled(in_archive)
        self.toolbar.setVisible(in_archive and any(a.isVisible() for a in self.toolbar.actions()))

    def show_first_run(self) -> None:
        page = self.first_run_page
        page.set_busy(False)
        page.set_can_go_back(self.archive is not None)
        if self.paths.db_path.exists():
            page.target_label.setText(
                arg(
                    self.tr(
                        "The new archive is saved in %1, in a file named after the school "
                        "(the wizard lets you choose another)."
                    ),
                    self.paths.db_path.parent,
                )
            )
        else:
            page.set_target_path(self.paths.db_path)
        self._show_page(page)

    def _back_to_list(self) -> None:
        if self.archive is not None:
            self._show_page(self.children_page)

    def _return_after_failure(self) -> None:
        """After a failed job: leave the loading page (for the list, or first run)."""
        if self._shut_down:
            return
        self.first_run_page.set_busy(False)
        if self.stack.currentWidget() is not self.loading_page:
            return  # e.g. the first-run form stays, with its problems shown
        if self.archive is not None:
            self._show_page(self.children_page)
        else:
            self.show_first_run()

    def _update_title(self) -> None:
        app_name = self.tr("Left-behind Children Care Archive")
        if self.archive is None or self.stack.currentWidget() is not self._workspace:
            self.setWindowTitle(app_name)
            return
        title = arg(self.tr("%1 — %2"), self.archive.school.name, app_name)
        if self.archive.demo:
            title += self.tr(" (demo data)")
        self.setWindowTitle(title)

    # -- opening and creating ----------------------------------------------------------------
    def _run(
        self,
        fn: Callable[[TaskState], object],
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
    ) -> Task:
        """Run ``fn`` on the worker; whatever it raises, the window leaves its busy state.

        The worker announces the failure itself (a queued signal, delivered before the task's
        own error): connecting to the returned task's ``failed`` could come too late."""
        failed = self._job_failed

        def guarded(state: TaskState) -> object:
            try:
                return fn(state)
            except BaseException:
                failed.emit()
                raise

        return self.runner.run(guarded, on_done=on_done, on_error=on_error)

    def open_database(self, path: Path, *, demo: bool = False, actor: Actor | None = None) -> None:
        """Open an existing database on the worker thread, then (after the login, or as
        ``actor`` who just logged in) show its children."""
        backend = self.backend
        self._loading_indicator.set_text(self.tr("Opening the archive…"))
        self._show_page(self.loading_page)
        self._run(
            lambda state: backend.open(path, demo=demo),
            on_done=lambda opened: self._archive_ready(opened, actor),
            on_error=self._show_error,
        )

    def _choose_database(self) -> None:
        start = self.archive.path.parent if self.archive else self.paths.db_path.parent
        chosen = file_dialogs.open_file(
            self,
            self.tr("Open an archive database"),
            str(start),
            arg(self.tr("Archive databases (%1);;All files (*)"), _DB_FILTER_SUFFIXES),
        )
        if chosen:
            path = Path(chosen)
            self.open_database(path, demo=path == self.paths.demo_path)

    def new_archive(self) -> None:
        """文件 → 新建学校…: the first-run page, and the wizard over it."""
        self.show_first_run()
        self.start_setup()

    def start_setup(self) -> None:
        """开始建档: the first-run wizard (dialogs/setup_wizard.py) makes a school's or a
        township's database with its administrator; the window then opens it logged in."""
        from .dialogs.setup_wizard import SetupWizard

        shown = self.setup_wizard
        if shown is not None and shiboken6.isValid(shown) and shown.isVisible():
            shown.raise_()
            return
        db_path = self.paths.db_path
        target = None if db_path.exists() else db_path  # else one named after the school
        wizard = SetupWizard(self.runner, self.backend, target, db_path.parent, parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.created.connect(self._setup_done)
        self.setup_wizard = wizard
        wizard.open()

    def _setup_done(self, result: object) -> None:
        """The wizard made the database and its administrator: open it as them; then the
        roster chosen in the wizard, after what its other steps came to is told."""
        from .dialogs.setup_wizard import SetupResult, show_summary

        assert isinstance(result, SetupResult)
        opened = result.opened
        self._archive_ready(opened, result.actor)
        if self._shut_down:
            return
        roster = result.roster

        def then() -> None:
            if roster is None or self.archive is not opened:
                return
            from .dialogs.roster_import_dialog import choose_roster

            choose_roster(
                self,
                self.runner,
                opened.context,
                self._geometry_settings,
                self._sync_changed,
                path=roster,
            )

        self.setup_summary = show_summary(self, result, then)

    def _show_error(self, exc: BaseException) -> None:
        if not self._shut_down:
            show_known_error(self, exc)

    def _start_failed(self, exc: BaseException) -> None:
        if self._shut_down:
            return
        self.first_run_page.set_busy(False)
        show_known_error(self, exc)

    def open_demo(self) -> None:
        """Open the demo school, creating it (about 300 children) the first time."""
        backend = self.backend
        path = self.paths.demo_path
        self.first_run_page.set_busy(True, self.tr("Preparing the demo school…"))

        def work(state: TaskState) -> OpenedArchive:
            if path.exists():
                return backend.open(path, demo=True)
            return backend.create_demo(path)

        self._run(work, on_done=self._archive_ready, on_error=self._start_failed)

    def _archive_ready(self, result: object, actor: Actor | None = None) -> None:
        """A database is open: who works on it? (``actor``: someone who just logged in.)"""
        assert isinstance(result, OpenedArchive)
        opened = result
        if self._shut_down:  # the window closed while the worker was opening it
            opened.context.db.close()
            return
        self.first_run_page.set_busy(False)
        if actor is not None:
            self._logged_in(opened, actor)
            return
        self._loading_indicator.set_text(self.tr("Waiting for the login…"))
        self.session.authenticate(
            opened,
            lambda who: self._logged_in(opened, who),
            lambda: self._login_cancelled(opened),
        )

    def _login_cancelled(self, opened: OpenedArchive) -> None:
        """No login: the database is closed again, the first-run page shows."""
        if self.archive is None or self.archive.context is not opened.context:
            db = opened.context.db
            self.runner.run(lambda state: db.close())
        if not self._shut_down:
            self.show_first_run()

    def _logged_in(self, opened: OpenedArchive, actor: Actor) -> None:
        """``actor`` works on ``opened``: the services act for them, the pages show."""
        if self._shut_down:
            opened.context.db.close()
            return
        opened.context.act_as(actor)
        previous, self.archive = self.archive, opened
        if previous is not None and previous.context is not opened.context:
            db = previous.context.db
            self.runner.run(lambda state: db.close())
        self.session.start(opened, actor)
        self.children_page.set_archive(opened.service, opened.school.id)
        assert self._workspace is not None
        self._workspace.set_archive(opened.care, opened.service, opened.school.id, opened.mode)
        self.toolbar.setVisible(opened.mode != "township")  # its actions are the school's
        self.path_label.setText(arg(self.tr("Database: %1"), opened.path))
        # the 同步 menu reads the sync state: only for those who may sync
        syncs = allows(actor.role, Op.SYNC)
        self.sync_actions.set_archive(
            opened.context if syncs else None, opened.mode, demo=opened.demo
        )
        self.backup_actions.set_archive(opened.context, opened.path, demo=opened.demo)
        self._apply_role()
        self.session.guard_pages()
        self._show_workspace()  # the duties dashboard opens first
        self.archive_opened.emit(opened)

    # -- the user's role -----------------------------------------------------------------------
    def permits(self, action: QAction) -> bool:
        """Whether the user logged in may do what ``action`` does (nobody logged in: yes, the
        actions are disabled then)."""
        actor = self.session.actor
        ops = self._action_ops.get(action, ())
        return actor is None or all(allows(actor.role, op) for op in ops)

    def _apply_role(self) -> None:
        """Show only what the user's role may do (the services refuse the rest anyway)."""
        for action in self._action_ops:
            action.setVisible(self.permits(action))
        actor = self.session.actor
        for menu, op in (
            (self.sync_actions.menu, Op.SYNC),
            (self.backup_actions.menu, Op.BACKUP),
        ):
            menu.menuAction().setVisible(actor is None or allows(actor.role, op))

    def reopen_for(self, actor: Actor) -> None:
        """Another user logged in (the lock, 切换用户): open the archive again for them."""
        if self.archive is not None:
            self.open_database(self.archive.path, demo=self.archive.demo, actor=actor)

    def close_archive(self) -> None:
        """Logged out and nobody logged in again: nothing of the archive stays reachable."""
        opened, self.archive = self.archive, None
        self.session.end()
        if opened is not None:
            if self._children_page is not None:
                self._children_page.detach()
            self.sync_actions.set_archive(None, opened.mode)
            self.backup_actions.set_archive(None, opened.path)
            db = opened.context.db
            self.runner.run(lambda state: db.close())
        self._apply_role()
        self.show_first_run()

    def _lock_changed(self, locked: bool) -> None:
        self._update_actions()
        self._update_title()

    # -- archive actions ---------------------------------------------------------------------
    def open_handover(self) -> None:
        """学年交接: promote every class; then read the list again."""
        if self.archive is None:
            return
        from .dialogs.handover_dialog import HandoverDialog  # its module is only needed now

        dialog = HandoverDialog(
            self.runner, self.archive.service, self.archive.school.id, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self._handover_applied)
        dialog.open()

    def write_record(self) -> None:
        """写记录: a record for one or more children (the selected child, when on the list)."""
        if self.archive is None:
            return
        from .dialogs.record_dialog import RecordDialog

        selected = (
            self.children_page.selected_child_id()
            if self.current_page() is (self._children_page)
            else None
        )
        dialog = RecordDialog(
            self.runner,
            self.archive.care,
            self.archive.service,
            self.archive.school.id,
            [selected] if selected else None,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _rid: self._care_changed())
        dialog.open()

    def open_calendar(self) -> None:
        """校历与工作要求: terms, duty rules and presets, the pairing limit."""
        if self.archive is None:
            return
        from .dialogs.duty_calendar_dialog import DutyCalendarDialog

        dialog = DutyCalendarDialog(
            self.runner, self.archive.care, self.archive.school.id, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._care_changed)
        dialog.open()

    def open_duty_report(self) -> None:
        """A teacher's year-end duty report (考核)."""
        if self.archive is None:
            return
        from .dialogs.duty_report_dialog import DutyReportDialog

        dialog = DutyReportDialog(
            self.runner, self.archive.care, self.archive.school.id, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def export_ledger(self) -> None:
        """文件 → 导出台账（Excel）: the children still at school (every school at the township) —
        the full ledger, the ledger without ID numbers and phones (to send out) or the counts
        alone, chosen in ``dialogs/ledger_export_dialog.py``."""
        if self.archive is None:
            return
        from .dialogs.ledger_export_dialog import LedgerExportDialog

        opened = self.archive
        dialog = LedgerExportDialog(opened.school.name, opened.path.parent, self)
        self.ledger_export_dialog = dialog
        dialog.accepted.connect(lambda: self._export_ledger(opened, dialog.kind(), dialog.path()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _export_ledger(self, opened: OpenedArchive, kind: str, path: Path | None) -> None:
        from .dialogs.ledger_export_dialog import export_job

        if path is None:
            return
        school_id = opened.school.id or None  # the township: every school
        self.statusBar().showMessage(self.tr("Writing the ledger…"), 5000)
        self.runner.run(
            export_job(opened.context, school_id, kind, path),
            on_done=self._ledger_written,
            on_error=self._show_error,
        )

    def print_ledger(self) -> None:
        """文件 → 打印台账（PDF）: the ledger as a landscape A4 table (every school at the
        township), built on the worker with progress and cancel, then opened."""
        if self.archive is None:
            return
        from .dialogs.print_tables import LEDGER, TablePrinter

        opened = self.archive
        suggestion = opened.path.parent / f"{opened.school.name}-台账.pdf"
        TablePrinter(self.runner, self).start(LEDGER, opened.context, str(suggestion))

    def import_roster(self) -> None:
        """文件 → 导入花名册…: choose an Excel/CSV roster, check its columns and rows, import;
        the rows it changed are refreshed (school mode only: hidden at the township)."""
        if self.archive is None:
            return
        from .dialogs.roster_import_dialog import choose_roster

        choose_roster(
            self, self.runner, self.archive.context, self._geometry_settings, self._sync_changed
        )

    def save_roster_template(self) -> None:
        """文件 → 下载花名册导入模板…"""
        if self.archive is None:
            return
        from .dialogs.roster_import_dialog import save_template

        save_template(self, self.runner, self.archive.context, self._geometry_settings)

    def open_roster_history(self) -> None:
        """文件 → 花名册导入记录…: the imports, each of which can be undone."""
        if self.archive is None:
            return
        from .dialogs.roster_import_dialog import open_history

        open_history(self, self.runner, self.archive.context, self._sync_changed)

    def _ledger_written(self, result: object) -> None:
        assert isinstance(result, dict)
        if self._shut_down:
            return
        from .dialogs.ledger_export_dialog import show_written

        show_written(self, result)

    def _care_changed(self) -> None:
        if self._workspace is None:
            return
        self._workspace.refresh_duties()
        for page in (self._workspace.records, self._workspace.pairing):
            if page is not None:
                page.reload()

    def _sync_changed(self, changes: object) -> None:
        """A sync bundle was merged: refresh the rows it changed and the care pages (the
        township: its ledger and pages)."""
        if self._workspace is not None and self._workspace.township:
            self._workspace.refresh_township()
            return
        if self._children_page is not None:
            if getattr(changes, "children", None):
                self._children_page.apply_changes(changes)  # type: ignore[arg-type]  # Changes
            else:
                self._children_page.reload()
        self._care_changed()

    def _backup_restored(self, report: object) -> None:
        """文件 → 备份 → 从备份恢复 put the database back: open it again (services and pages
        are rebuilt from the file)."""
        path = Path(getattr(report, "db_path", self.paths.db_path))
        self.open_database(path, demo=path == self.paths.demo_path)

    def _handover_applied(self, changes: object) -> None:
        self.children_page.reload()
        moved = len(getattr(changes, "children", ()))  # services.changes.Changes
        self.statusBar().showMessage(
            arg(self.tr("School-year handover done: %1 child(ren) moved up or graduated"), moved),
            15000,
        )

    def _rows_updated(self, updated: int, added: int, hidden: int) -> None:
        parts: list[str] = []
        if added:
            parts.append(arg(self.tr("Added the archive of %1 new child(ren)"), added))
        if updated:
            parts.append(arg(self.tr("Updated the archive of %1 child(ren)"), updated))
        if hidden:
            parts.append(arg(self.tr("%1 of them not shown with the current filters"), hidden))
        self.statusBar().showMessage(self.tr("; ").join(parts), 8000)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy_bar.hide()

    def show_about(self) -> None:
        """帮助 → 关于: version, where the files are (打开数据文件夹), licences."""
        from .dialogs.about_dialog import AboutDialog

        paths = self.paths
        dialog = AboutDialog(
            db_path=self.archive.path if self.archive else paths.db_path,
            data_dir=paths.data_dir or paths.log_path.parent.parent,  # <data>/logs/liushou.log
            log_path=paths.log_path,
            backups_dir=self.backup_actions.folder(),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog = dialog  # tests look at it
        dialog.open()

    # -- closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._geometry_settings is not None:
            self._geometry_settings.setValue("main/geometry", self.saveGeometry())
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the worker thread and close the database (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        if self._children_page is not None:
            self._children_page.detach()
        self.session.idle.stop()
        self.help.close()
        self.runner.shutdown()
        if self.archive is not None:
            self.session.closing()  # its 退出登录 in the audit trail: the worker has stopped
            self.archive.context.db.close()  # the worker has stopped: safe on this thread
