"""Who is working in the main window: logging in once a database is open, the 账号 menu, the
user and role in the status bar, and the idle lock.

**Logging in.** Every database the window opens or creates goes through :func:`login_prompt`
before its pages show: a database without accounts asks for its administrator (创建管理员账号),
any other for 账号 and 密码 (``dialogs.login_dialog``). The prompt is a module attribute so the
GUI tests can put in one that logs in without typing (tests/gui/conftest.py); the application
itself always asks. The services then act for the account (``ServiceContext.act_as``).

**The idle lock.** :class:`IdleWatcher` is an application-wide event filter: any key, click,
wheel or mouse move restarts its clock; after ``AccountService.idle_minutes()`` minutes without
one (0: never) the :class:`Session` locks. The window's pages give way to a blank lock page, the
menu bar and toolbar hide, every other window of the program (an editor left open …) is covered,
and an application-modal dialog asks for the same user's password (a 锁定 and a 登录 in the
audit trail). Another user may log in instead: the open windows are closed and the archive
is opened again for them, since what they may see differs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QVBoxLayout, QWidget

from ..domain.access import Actor, Op, allows
from .widgets.text import arg
from .widgets.tips import describe

if TYPE_CHECKING:
    from ..services.context import ServiceContext
    from .main_window import MainWindow, OpenedArchive
    from .tasks import TaskRunner

# What counts as someone at the keyboard.
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits :attr:`idle` once after ``interval`` without input anywhere in the program.

    The filter only notes the time of the last input (no timer restarted per mouse move); the
    timer checks when the interval could have run out and waits on for the rest."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._interval_ms = 0
        self._watching = False
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def watching(self) -> bool:
        return self._watching

    def set_minutes(self, minutes: int) -> None:
        """The idle time after which to lock; 0 never locks."""
        self.set_interval_ms(max(0, minutes) * 60_000)

    def set_interval_ms(self, milliseconds: int) -> None:
        """Also for tests: a lock after a fraction of a second. A running watch restarts."""
        self._interval_ms = max(0, milliseconds)
        if self._watching:
            self.start()

    def start(self) -> None:
        self.stop()
        app = QCoreApplication.instance()
        if self._interval_ms <= 0 or app is None:
            return
        app.installEventFilter(self)
        self._watching = True
        self._clock.start()
        self._timer.start(self._interval_ms)

    def stop(self) -> None:
        if self._watching:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        self._watching = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() in ACTIVITY:
            self._clock.restart()
        return False

    def _check(self) -> None:
        if not self._watching:
            return
        left = self._interval_ms - self._clock.elapsed()
        if left > 0:
            self._timer.start(int(left))
            return
        self.stop()
        self.idle.emit()


def permitted(ctx: ServiceContext | None, op: Op) -> bool:
    """Whether whoever the services act for may do ``op`` at all (a context without an
    account acts as the local administrator: yes). For a teacher and a child-bound op it holds
    for their own children only (``ArchiveService.own_children``)."""
    actor = ctx.actor if ctx is not None else None
    return actor is None or allows(actor.role, op)


# -- the login prompt ---------------------------------------------------------------------------
@dataclass(frozen=True)
class LoginRequest:
    """What a login prompt needs to know about the database just opened."""

    context: ServiceContext
    place: str  # the school's or the township's name
    mode: str  # "school" or "township"
    has_accounts: bool  # False: the first start, its administrator is made
    demo_hint: bool = False  # the demo school: say its accounts and password


LoginDone = Callable[[Actor | None], None]


class LoginPrompt(Protocol):
    """Asks who is working; calls ``done`` once, with the actor or None (cancelled). Returns the
    dialog it shows, if any."""

    def __call__(
        self, parent: QWidget, runner: TaskRunner, request: LoginRequest, done: LoginDone
    ) -> QDialog | None: ...


def ask_login(
    parent: QWidget, runner: TaskRunner, request: LoginRequest, done: LoginDone
) -> QDialog | None:
    """The application's prompt: 创建管理员账号 for a database without accounts, else 登录."""
    from ..services.accounts import AccountService
    from .dialogs.login_dialog import FirstAdminDialog, LoginDialog

    service = AccountService(request.context)
    dialog: FirstAdminDialog | LoginDialog
    if request.has_accounts:
        dialog = LoginDialog(
            runner, service, place=request.place, demo_hint=request.demo_hint, parent=parent
        )
    else:
        dialog = FirstAdminDialog(
            runner, service, place=request.place, mode=request.mode, parent=parent
        )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(result: int) -> None:
        done(dialog.actor if result == QDialog.DialogCode.Accepted else None)

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


# Replaced by the GUI tests (tests/gui/conftest.py); the application always asks.
login_prompt: LoginPrompt = ask_login


# -- the pages' own buttons ------------------------------------------------------------------------
# Buttons of the workspace's pages that do what a role may not: hidden for that role (the services
# refuse anyway). By page class and attribute, so the pages need not know about roles. The care
# and township pages are built anew for every archive opened, so a guard never outlives a login.
PAGE_BUTTONS: dict[str, dict[str, Op]] = {
    "ChildrenPage": {"empty_add_button": Op.ADD_CHILD, "transfer_button": Op.SYNC},
    "DashboardPage": {"calendar_button": Op.MANAGE_CARE, "setup_button": Op.MANAGE_CARE},
    "PairingPage": {
        "add_helper_button": Op.MANAGE_CARE,
        "edit_helper_button": Op.MANAGE_CARE,
        "active_button": Op.MANAGE_CARE,
        "pair_button": Op.MANAGE_CARE,
        # 帮扶计划 opens for everyone: read-only without Op.MANAGE_CARE (reviews: WRITE_RECORD)
        "end_button": Op.MANAGE_CARE,
        "pair_unpaired_button": Op.MANAGE_CARE,
        "visit_button": Op.WRITE_RECORD,
    },
    "VisitAppointmentsPanel": {
        "book_button": Op.WRITE_RECORD,
        "done_button": Op.WRITE_RECORD,
        "cancel_button": Op.WRITE_RECORD,
    },
    "RecordsPage": {"write_button": Op.WRITE_RECORD, "export_button": Op.EXPORT},
    "IncidentListPage": {"report_button": Op.WRITE_RECORD, "follow_button": Op.WRITE_RECORD},
    "DropoutsPage": {
        "register_button": Op.WRITE_RECORD,
        "attempt_button": Op.WRITE_RECORD,
        "close_button": Op.WRITE_RECORD,
    },
    "ScreeningPage": {"tick_button": Op.WRITE_RECORD},
    "TownshipConflictsPage": {
        "take_a_button": Op.SYNC,
        "take_b_button": Op.SYNC,
        "keep_both_button": Op.SYNC,
        "merge_button": Op.MANAGE_SCHOOL,
    },
    "TownshipDuplicatesPage": {
        "different_button": Op.MANAGE_SCHOOL,
        "same_button": Op.MANAGE_SCHOOL,
        "transfer_button": Op.SYNC,
    },
    "TownshipStatsPage": {"export_button": Op.EXPORT, "policy_button": Op.MANAGE_CARE},
}


class _KeptHidden(QObject):
    """Hides a button again whenever its page shows it (the page decides by its own state)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):

            def hide() -> None:
                if shiboken6.isValid(watched):
                    watched.hide()

            QTimer.singleShot(0, hide)
        return False


def guard_buttons(root: QWidget, actor: Actor | None) -> int:
    """Hide the buttons under ``root`` that ``actor``'s role may not use; how many were newly
    guarded."""
    if actor is None:
        return 0
    guarded = 0
    for page in root.findChildren(QWidget):
        wanted = PAGE_BUTTONS.get(type(page).__name__)
        if not wanted:
            continue
        for name, op in wanted.items():
            button = getattr(page, name, None)
            if not isinstance(button, QWidget) or allows(actor.role, op):
                continue
            if button.property("roleGuarded"):
                continue
            button.setProperty("roleGuarded", True)
            button.installEventFilter(_KeptHidden(button))
            button.hide()
            guarded += 1
    return guarded


# -- the lock -----------------------------------------------------------------------------------
class LockPage(QWidget):
    """What the window shows while locked or while nobody is logged in: nothing of the
    archive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("emptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setObjectName("hint")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        # at the top: the login or unlock dialog stands in the middle of the window and would
        # hide (and clip) a centred text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 40, 24, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def say(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)


class _Cover(QWidget):
    """Hides a window's content (an editor left open) while the program is locked."""

    def __init__(self, window: QWidget, text: str) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        label = QLabel(text, self)
        label.setObjectName("emptyTitle")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        elif event.type() == QEvent.Type.ChildAdded:
            self.raise_()
        return False


class Session(QObject):
    """The window's logged-in user, the 账号 menu and the idle lock (see the module's text)."""

    changed = Signal(object)  # the Actor now working, or None
    lock_changed = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.runner = window.runner
        self.actor: Actor | None = None
        self.archive: OpenedArchive | None = None
        self.locked = False
        self.dialog: QDialog | None = None  # the login, lock or account dialog last shown
        self._page_after: QWidget | None = None  # the page to show again when unlocked
        self._covers: list[_Cover] = []
        self._unnamed = False  # logged out, or another user logging in at the lock
        self._logged_out = False  # 切换用户/退出登录: the trail has the 退出登录 already
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(lambda: self.lock(idle=True))
        self.lock_page = LockPage(window)
        self.user_label = QLabel(window)
        self.user_label.setObjectName("userLabel")

        self.change_password_action = QAction(self.tr("Change my &password…"), self)
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.switch_user_action = QAction(self.tr("&Switch user / log out…"), self)
        self.accounts_action = QAction(self.tr("&Accounts…"), self)
        self.audit_action = QAction(self.tr("Audit &trail…"), self)
        self.change_password_action.triggered.connect(self.change_password)
        self.lock_action.triggered.connect(lambda: self.lock(idle=False))
        self.switch_user_action.triggered.connect(self.log_out)
        self.accounts_action.triggered.connect(self.open_accounts)
        self.audit_action.triggered.connect(self.open_audit)
        self.menu = QMenu(self.tr("A&ccount"), window)
        self.menu.addAction(self.change_password_action)
        self.menu.addAction(self.lock_action)
        self.menu.addAction(self.switch_user_action)
        self.menu.addSeparator()
        self.menu.addAction(self.accounts_action)
        self.menu.addAction(self.audit_action)
        self.menu.setToolTipsVisible(True)
        for action, text in (
            (self.change_password_action, self.tr("Set a new password for your own account")),
            (
                self.lock_action,
                self.tr("Hide the archive at once until your password is typed again (Ctrl+L)"),
            ),
            (
                self.switch_user_action,
                self.tr("Log out, so that someone else can log in with their own account"),
            ),
            (
                self.accounts_action,
                self.tr(
                    "Add accounts, change roles, reset a forgotten password, and set after "
                    "how many idle minutes the program locks"
                ),
            ),
            (
                self.audit_action,
                self.tr("Who logged in, printed, exported, imported or changed what, and when"),
            ),
        ):
            describe(action, text)
        self._update()

    # -- logging in --------------------------------------------------------------------------
    def authenticate(
        self,
        opened: OpenedArchive,
        on_done: Callable[[Actor], None],
        on_cancel: Callable[[], None],
    ) -> None:
        """Ask who is working on ``opened`` (its administrator, the first time)."""
        request = LoginRequest(
            context=opened.context,
            place=opened.school.name,
            mode=opened.mode,
            has_accounts=opened.has_accounts,
            demo_hint=opened.demo or opened.demo_accounts,
        )

        def done(actor: Actor | None) -> None:
            self.dialog = None
            if actor is None:
                on_cancel()
            else:
                on_done(actor)

        shown = login_prompt(self.window, self.runner, request, done)
        if shown is not None and shown.isVisible():
            self.dialog = shown

    def start(self, opened: OpenedArchive, actor: Actor) -> None:
        """``actor`` works on ``opened`` from now on (the window shows its pages next)."""
        self._leave_lock()
        self.archive = opened
        self.actor = actor
        self.locked = False
        self._logged_out = False
        self.idle.set_minutes(opened.idle_minutes)
        self.idle.start()
        self._update()
        self.changed.emit(actor)

    def end(self) -> None:
        """Nobody is logged in (the archive was closed)."""
        self._leave_lock()
        self.idle.stop()
        self.archive = None
        self.actor = None
        self.locked = False
        self._logged_out = False
        self._update()
        self.changed.emit(None)

    def may(self, op: Op) -> bool:
        """Whether the user logged in may do ``op`` (nobody logged in: nothing is shown)."""
        return self.actor is not None and allows(self.actor.role, op)

    def guard_pages(self) -> None:
        """Hide the page buttons the role may not use, once the pages just built are in
        place (the workspace builds its pages when they are first shown)."""
        QTimer.singleShot(0, self._guard_now)

    def _guard_now(self) -> None:
        if shiboken6.isValid(self.window):
            guard_buttons(self.window.stack, self.actor)

    def set_idle_minutes(self, minutes: int) -> None:
        """The administrator changed the idle time (账号管理)."""
        if self.archive is not None:
            self.archive.idle_minutes = minutes
        self.idle.set_minutes(minutes)
        if self.actor is not None and not self.locked:
            self.idle.start()

    def _update(self) -> None:
        actor = self.actor
        logged_in = actor is not None and actor.account_id is not None
        for action in (self.change_password_action, self.lock_action, self.switch_user_action):
            action.setVisible(logged_in)
            action.setEnabled(logged_in and not self.locked)
        self.accounts_action.setVisible(self.may(Op.ACCOUNTS))
        self.audit_action.setVisible(self.may(Op.AUDIT))
        self.menu.menuAction().setVisible(logged_in)
        if actor is None or self._unnamed:
            self.user_label.clear()
            self.user_label.hide()
        else:
            self.user_label.setText(arg(self.tr("User: %1 · %2"), actor.label, actor.role.value))
            self.user_label.show()

    # -- locking -----------------------------------------------------------------------------
    def defer_page(self, page: QWidget) -> bool:
        """While locked the window keeps the lock page: ``page`` shows once unlocked. True when
        the page was put off."""
        if not self.locked:
            return False
        if page is not self.lock_page:
            self._page_after = page
        return True

    def lock(self, *, idle: bool = False) -> None:
        """Hide everything and ask for the password again (闲置锁定, or 锁定 from the menu)."""
        actor, archive = self.actor, self.archive
        if actor is None or archive is None or self.locked:
            return
        self.idle.stop()
        self._audit_lock(actor, archive.context, idle=idle)
        self._hide_content(
            self.tr("Locked"),
            arg(
                self.tr("%1 is logged in. Enter the password to go on working."),
                actor.label,
            ),
        )
        from ..services.accounts import AccountService
        from .dialogs.login_dialog import LoginDialog

        dialog = LoginDialog(
            self.runner,
            AccountService(archive.context),
            place=archive.school.name,
            locked_user=actor,
            idle=idle,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.logged_in.connect(self._unlocked)
        dialog.switching.connect(lambda on: self._name_locked_user(actor, not on))
        self.dialog = dialog
        dialog.show()
        if QGuiApplication.platformName() != "offscreen":  # (tests: it cannot raise windows)
            dialog.raise_()
        dialog.activateWindow()
        self.lock_changed.emit(True)

    def _name_locked_user(self, actor: Actor, named: bool) -> None:
        """While another user logs in at the lock, neither the page nor the status bar names
        the user who locked it; back to unlocking, both do again."""
        if not self.locked:
            return
        self._unnamed = not named
        if named:
            self.lock_page.say(
                self.tr("Locked"),
                arg(self.tr("%1 is logged in. Enter the password to go on working."), actor.label),
            )
        else:
            self.lock_page.say(self.tr("Locked"), self.tr("Log in to go on working."))
        self._update()

    def _unlocked(self, actor: object) -> None:
        assert isinstance(actor, Actor)
        self.dialog = None
        if actor == self.actor:  # the same account, with the same role and class
            page = self._page_after
            self._leave_lock()
            if page is not None:
                self.window.stack.setCurrentWidget(page)
            self.idle.start()
            self.lock_changed.emit(False)
            return
        self._switch_to(actor)

    def _switch_to(self, actor: Actor) -> None:
        """Someone else logged in: nothing of the last user's work stays open; the archive is
        read again for the new user."""
        previous = self.actor
        if previous is not None and self.archive is not None and not self._logged_out:
            # another user logged in at the lock: the locked user's work ends here
            self._log_out(previous, self.archive.context, idle=False)
        self._logged_out = False
        self._close_other_windows()
        self._leave_lock()
        if self.archive is not None:
            # until the archive is open again, the services already answer as the new user
            self.archive.context.act_as(actor)
        self.actor = actor
        self._update()
        self.lock_changed.emit(False)
        self.window.reopen_for(actor)

    def log_out(self) -> None:
        """切换用户/退出登录: the login window; cancelling it closes the archive."""
        actor, archive = self.actor, self.archive
        if actor is None or archive is None or self.locked:
            return
        self.idle.stop()
        self._log_out(actor, archive.context, idle=False)
        self._close_other_windows()
        self._unnamed = True  # nobody is logged in until the login: the status bar says nobody
        self._logged_out = True
        self._hide_content(self.tr("Logged out"), self.tr("Log in to go on working."))
        self.lock_changed.emit(True)

        def cancelled() -> None:
            self._leave_lock()
            self.window.close_archive()

        self.authenticate(archive, self._switch_to, cancelled)

    def closing(self) -> None:
        """The window closes (the worker has stopped): the user's 退出登录, on this thread."""
        actor, archive = self.actor, self.archive
        self.idle.stop()
        if actor is None or archive is None or actor.account_id is None or self._logged_out:
            return  # 切换用户/退出登录 has logged them out already
        from ..services.accounts import AccountService

        AccountService(archive.context).logout(actor)  # an audit failure is logged, not raised

    def _log_out(self, actor: Actor, context: ServiceContext, *, idle: bool) -> None:
        def work(_state: object) -> None:
            from ..services.accounts import AccountService

            AccountService(context).logout(actor, idle=idle)

        self.runner.run(work)

    def _audit_lock(self, actor: Actor, context: ServiceContext, *, idle: bool) -> None:
        """锁定 (by hand or idle): a ``lock`` entry in the trail, not a 退出登录."""

        def work(_state: object) -> None:
            from ..services.accounts import AccountService

            AccountService(context).lock(actor, idle=idle)

        self.runner.run(work)

    def _hide_content(self, title: str, text: str) -> None:
        window = self.window
        self.locked = True
        self._update()
        if window.stack.indexOf(self.lock_page) < 0:
            window.stack.addWidget(self.lock_page)
        current = window.stack.currentWidget()
        if current is not self.lock_page:
            self._page_after = current
        self.lock_page.say(title, text)
        window.stack.setCurrentWidget(self.lock_page)
        window.menuBar().hide()
        window.toolbar.hide()
        popup = QApplication.activePopupWidget()
        while popup is not None:
            popup.close()
            following = QApplication.activePopupWidget()
            popup = following if following is not popup else None
        cover_text = self.tr("Locked")
        for top in QApplication.topLevelWidgets():
            if top is window or not top.isVisible() or not top.isWindow():
                continue
            if top.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                continue
            self._covers.append(_Cover(top, cover_text))

    def _leave_lock(self) -> None:
        """Put the window's bars back and uncover the other windows (the page is the
        caller's)."""
        for cover in self._covers:
            try:
                cover.deleteLater()
                cover.hide()
            except RuntimeError:  # its window was closed meanwhile
                pass
        self._covers = []
        if self.locked:
            self.window.menuBar().show()  # the toolbar is the window's (its _update_actions)
        self.locked = False
        self._unnamed = False
        self._page_after = None
        self._update()

    def _close_other_windows(self) -> None:
        """Close every other window of the program: the next user must not see them. Unsaved
        input in them is dropped (the lock dialog said so)."""
        for top in QApplication.topLevelWidgets():
            if top is self.window or top is self.dialog or not top.isVisible():
                continue
            if isinstance(top, QDialog):
                top.done(QDialog.DialogCode.Rejected)
            top.hide()

    # -- the menu's dialogs -------------------------------------------------------------------
    def _service(self) -> Any:
        from ..services.accounts import AccountService

        assert self.archive is not None
        return AccountService(self.archive.context)

    def change_password(self) -> None:
        if self.actor is None or self.archive is None:
            return
        from .dialogs.account_dialog import PasswordDialog

        service = self._service()
        dialog = PasswordDialog(
            self.runner,
            lambda old, new: service.change_own_password(old, new),
            ask_old=True,
            title=self.tr("Change my password"),
            intro=arg(self.tr("A new password for %1."), self.actor.label),
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.window.statusBar().showMessage(self.tr("Your password was changed."), 8000)
        )
        self.dialog = dialog
        dialog.open()

    def open_accounts(self) -> None:
        if self.actor is None or self.archive is None or not self.may(Op.ACCOUNTS):
            return
        from .dialogs.account_dialog import AccountsDialog

        dialog = AccountsDialog(
            self.runner,
            self._service(),
            mode=self.archive.mode,
            current=self.actor,
            idle_minutes=self.archive.idle_minutes,
            parent=self.window,
            school_id=self.archive.school.id,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.idle_minutes_changed.connect(self.set_idle_minutes)
        self.dialog = dialog
        dialog.open()

    def open_audit(self) -> None:
        if self.archive is None or not self.may(Op.AUDIT):
            return
        from ..services.accounts import AuditService
        from .dialogs.audit_dialog import AuditDialog

        dialog = AuditDialog(
            self.runner,
            AuditService(self.archive.context),
            folder=str(self.archive.path.parent),
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()


__all__ = [
    "ACTIVITY",
    "IdleWatcher",
    "LockPage",
    "LoginPrompt",
    "LoginRequest",
    "Session",
    "ask_login",
    "guard_buttons",
    "login_prompt",
    "permitted",
]
