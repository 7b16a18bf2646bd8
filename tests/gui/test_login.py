"""Logging in to the whole app: the first administrator, the login window and its refusals,
what each role sees in the menus, the idle lock, another user at the lock, logging out."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from liushou_desktop.domain.access import Role
from liushou_desktop.gui.dialogs.login_dialog import FirstAdminDialog, LoginDialog
from liushou_desktop.gui.main_window import MainWindow
from liushou_desktop.services.accounts import AccountService, AuditService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.demo import DEMO_PASSWORD, create_demo_database
from liushou_desktop.services.setup import init_school
from liushou_desktop.services.sync import init_township
from liushou_desktop.storage.db import Database
from tests.gui import test_main_window as main_window_tests

PASSWORD = "qingshan-2026"

# the whole app, started as in test_main_window (its fixtures)
app_state = main_window_tests.app_state
prompts = main_window_tests.prompts
start_window = main_window_tests.start_window
N = 40  # demo children

pytestmark = [
    pytest.mark.usefixtures("real_login"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def accounts_db(ctx: ServiceContext) -> Path:
    """大山小学 with its administrator 王主任 (admin) and an inspector (duban)."""
    service = AccountService(ctx)
    admin = service.create_first_admin("admin", "王主任", PASSWORD)
    ctx.act_as(admin)
    service.add("duban", "李督导", Role.INSPECTOR, PASSWORD)
    ctx.act_as(None)
    return ctx.db.path


@pytest.fixture
def no_accounts_db(tmp_path: Path) -> Path:
    """青山小学 made without accounts (as by ``liushou init``): opening it asks for its
    administrator. (The first-run wizard makes the administrator itself:
    test_setup_wizard.py.)"""
    path = tmp_path / "new" / "school.sqlite"
    init_school(path, "青山小学", "522401002").db.close()
    return path


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("login") / "demo.sqlite"
    create_demo_database(path, n=N).db.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    path.write_bytes(demo_template.read_bytes())
    return path


def login_dialog(qtbot, window: MainWindow) -> LoginDialog:
    qtbot.waitUntil(lambda: isinstance(window.session.dialog, LoginDialog), timeout=15000)
    dialog = window.session.dialog
    assert isinstance(dialog, LoginDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def log_in(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    if not dialog.username_edit.isReadOnly():
        dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def wait_refused(qtbot, dialog: LoginDialog, before: str = "") -> str:
    qtbot.waitUntil(lambda: dialog.message() not in ("", before) and not dialog.busy, timeout=15000)
    return dialog.message()


def audit_actions(path: Path) -> list[tuple[str, str, str]]:
    """(action, who, detail) of the audit trail, oldest first."""
    ctx = ServiceContext(db=Database.open(path))
    try:
        return [(e.action, e.who, e.detail) for e in reversed(AuditService(ctx).entries())]
    finally:
        ctx.db.close()


# -- the first start ------------------------------------------------------------------------------
def test_a_database_without_accounts_asks_for_the_administrator_then_the_workspace_shows(
    qtbot, start_window, no_accounts_db
):
    db_path = no_accounts_db
    window = start_window(db_path)

    qtbot.waitUntil(lambda: isinstance(window.session.dialog, FirstAdminDialog), timeout=15000)
    dialog = window.session.dialog
    assert isinstance(dialog, FirstAdminDialog)
    assert window.archive is None  # nothing of the archive before the account exists
    assert dialog.username_edit.text() == "admin"
    dialog.name_edit.setText("张校长")
    dialog.password_edit.setText(PASSWORD)
    dialog.confirm_edit.setText("something-else")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.problems().get("confirm")  # the two passwords differ
    dialog.confirm_edit.setText(PASSWORD)
    with qtbot.waitSignal(window.archive_opened, timeout=15000) as opened:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    archive = opened.args[0]
    actor = archive.context.actor
    assert actor is not None and actor.role is Role.ADMIN and actor.username == "admin"
    assert archive.context.author == "张校长"  # the history names the account
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    assert "张校长" in window.session.user_label.text()
    assert window.session.accounts_action.isVisible()
    window.close()
    assert [a for a, _w, _d in audit_actions(db_path)][:1] == ["account_add"]


def test_a_weak_password_is_refused_beside_the_field(qtbot, start_window, no_accounts_db):
    window = start_window(no_accounts_db)
    qtbot.waitUntil(lambda: isinstance(window.session.dialog, FirstAdminDialog), timeout=15000)
    dialog = window.session.dialog
    dialog.name_edit.setText("张校长")
    dialog.password_edit.setText("123456")
    dialog.confirm_edit.setText("123456")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "常见" in dialog.problems()["password"]
    assert dialog.isVisible() and window.archive is None


def test_cancelling_the_administrator_goes_back_to_the_first_run_page(
    qtbot, start_window, no_accounts_db
):
    db_path = no_accounts_db
    window = start_window(db_path)
    page = window.first_run_page
    qtbot.waitUntil(lambda: isinstance(window.session.dialog, FirstAdminDialog), timeout=15000)
    dialog = window.session.dialog
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is page)
    assert window.archive is None and not page.back_button.isVisible()
    # the file is there, without accounts: opening it asks for the administrator again
    window.open_database(db_path)
    qtbot.waitUntil(lambda: isinstance(window.session.dialog, FirstAdminDialog), timeout=15000)


# -- the login window ---------------------------------------------------------------------------
def test_a_wrong_password_shows_the_reason_and_the_window_stays(qtbot, start_window, accounts_db):
    window = start_window(accounts_db)
    dialog = login_dialog(qtbot, window)
    assert window.stack.currentWidget() is window.loading_page  # no list before the login
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.demo_label.isVisible()  # not the demo: no password is told
    log_in(qtbot, dialog, "admin", "wrong-password")
    message = wait_refused(qtbot, dialog)
    assert "密码不对" in message and "4" in message  # tries left
    assert dialog.isVisible() and window.archive is None
    assert dialog.password_edit.text() == ""

    log_in(qtbot, dialog, "nobody", PASSWORD)
    assert "账号或密码不对" in wait_refused(qtbot, dialog, message)

    with qtbot.waitSignal(window.archive_opened, timeout=15000):
        log_in(qtbot, dialog, "admin", PASSWORD)
    assert window.archive is not None and window.archive.context.actor.username == "admin"
    window.close()
    actions = audit_actions(accounts_db)
    assert [a for a, _w, _d in actions[-4:]] == ["login_failed", "login_failed", "login", "logout"]
    assert all(PASSWORD not in detail for _a, _w, detail in actions)


def test_five_wrong_passwords_lock_the_account(qtbot, start_window, accounts_db):
    window = start_window(accounts_db)
    dialog = login_dialog(qtbot, window)
    message = ""
    for _ in range(5):
        log_in(qtbot, dialog, "admin", "wrong-password")
        dialog.message_label.clear()  # each refusal is told anew
        qtbot.waitUntil(lambda: not dialog.busy and dialog.message() != "", timeout=15000)
        message = dialog.message()
    assert "账号已锁定" in message and "5" in message
    log_in(qtbot, dialog, "admin", PASSWORD)  # even the right password waits now
    dialog.message_label.clear()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.message() != "", timeout=15000)
    assert "分钟后再试" in dialog.message()
    assert window.archive is None


def test_cancelling_the_login_goes_back_to_the_first_run_page(qtbot, start_window, accounts_db):
    window = start_window(accounts_db)
    dialog = login_dialog(qtbot, window)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.first_run_page)
    assert window.archive is None


# -- the roles --------------------------------------------------------------------------------------
def visible(action) -> bool:
    return action.isVisible()


def test_the_demo_tells_its_accounts_and_a_teacher_sees_no_admin_work(qtbot, start_window, demo_db):
    window = start_window(demo_db)
    dialog = login_dialog(qtbot, window)
    assert dialog.demo_label.isVisible()
    hint = dialog.demo_label.text()
    assert "teacher" in hint and "inspector" in hint and DEMO_PASSWORD in hint
    with qtbot.waitSignal(window.archive_opened, timeout=15000):
        log_in(qtbot, dialog, "teacher", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    actor = window.session.actor
    assert actor is not None and actor.role is Role.TEACHER
    assert "教师" in window.session.user_label.text()
    session = window.session
    for action in (
        session.accounts_action,
        session.audit_action,
        window.import_roster_action,
        window.roster_history_action,
        window.handover_action,
        window.export_ledger_action,
        window.print_ledger_action,
        window.calendar_action,
        window.new_school_action,
        window.add_child_action,  # new archives are the administrator's
        window.sync_actions.menu.menuAction(),
        window.backup_actions.menu.menuAction(),
    ):
        assert not visible(action), action.text()
    for action in (
        window.write_record_action,
        session.change_password_action,
        session.lock_action,
        session.switch_user_action,
    ):
        assert visible(action), action.text()
    assert window.toolbar.isVisible()
    # the children page's own 新增儿童 (shown on an empty list) is kept hidden too
    qtbot.waitUntil(lambda: bool(window.children_page.empty_add_button.property("roleGuarded")))


def test_an_inspector_sees_no_writing_work(qtbot, start_window, demo_db):
    window = start_window(demo_db)
    dialog = login_dialog(qtbot, window)
    with qtbot.waitSignal(window.archive_opened, timeout=15000):
        log_in(qtbot, dialog, "inspector", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    session = window.session
    for action in (
        window.add_child_action,
        window.write_record_action,
        window.import_roster_action,
        window.handover_action,
        window.calendar_action,
        window.sync_actions.menu.menuAction(),
        window.backup_actions.menu.menuAction(),
        session.accounts_action,
        session.audit_action,
    ):
        assert not visible(action), action.text()
    assert visible(window.export_ledger_action)  # an inspector reads and exports
    assert not window.toolbar.isVisible()  # nothing of it is theirs
    # the pages' own buttons too, as each page is built
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.dashboard is not None, timeout=15000)
    qtbot.waitUntil(lambda: workspace.dashboard.calendar_button.isHidden(), timeout=15000)
    assert not workspace.dashboard.report_button.isHidden()  # reading is theirs
    workspace.tabs.setCurrentIndex(workspace.tabs.count() - 2)  # 记录
    qtbot.waitUntil(lambda: workspace.records is not None, timeout=15000)
    records = workspace.records
    qtbot.waitUntil(lambda: records.write_button.isHidden(), timeout=15000)
    records.write_button.show()  # the page showing it again (its own state) is undone
    qtbot.waitUntil(lambda: records.write_button.isHidden(), timeout=15000)
    assert not records.export_button.isHidden()


def test_an_administrator_sees_everything(qtbot, start_window, demo_db):
    window = start_window(demo_db)
    dialog = login_dialog(qtbot, window)
    with qtbot.waitSignal(window.archive_opened, timeout=15000):
        log_in(qtbot, dialog, "admin", DEMO_PASSWORD)
    session = window.session
    for action in (
        session.accounts_action,
        session.audit_action,
        window.import_roster_action,
        window.handover_action,
        window.export_ledger_action,
        window.sync_actions.menu.menuAction(),
        window.backup_actions.menu.menuAction(),
    ):
        assert visible(action), action.text()


# -- the idle lock ----------------------------------------------------------------------------------
def logged_in(qtbot, window: MainWindow, username: str = "admin") -> None:
    dialog = login_dialog(qtbot, window)
    with qtbot.waitSignal(window.archive_opened, timeout=15000):
        log_in(qtbot, dialog, username, PASSWORD)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)


def test_the_idle_lock_hides_the_archive_and_opens_with_the_password(
    qtbot, start_window, accounts_db
):
    window = start_window(accounts_db)
    logged_in(qtbot, window)
    session = window.session
    assert session.idle.watching and session.idle.interval_ms == 15 * 60_000  # the default
    workspace = window.workspace
    session.idle.set_interval_ms(150)
    qtbot.waitUntil(lambda: session.locked, timeout=15000)

    assert window.stack.currentWidget() is session.lock_page
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert window.windowTitle() == window.tr("Left-behind Children Care Archive")
    dialog = session.dialog
    assert isinstance(dialog, LoginDialog) and dialog.unlocking and dialog.isVisible()
    assert dialog.username_edit.text() == "admin" and dialog.username_edit.isReadOnly()
    assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    dialog.reject()  # Esc does not unlock
    assert dialog.isVisible()

    log_in(qtbot, dialog, "admin", "wrong-password")
    assert "密码不对" in wait_refused(qtbot, dialog)
    assert session.locked
    log_in(qtbot, dialog, "admin", PASSWORD)
    qtbot.waitUntil(lambda: not session.locked, timeout=15000)
    assert window.stack.currentWidget() is workspace
    assert window.menuBar().isVisible()
    assert session.idle.watching
    session.idle.stop()
    window.close()
    tail = audit_actions(accounts_db)[-4:]  # the lock, a wrong try, the unlock, closing
    assert [a for a, _w, _d in tail] == ["lock", "login_failed", "login", "logout"]
    assert "闲置" in tail[0][2] and "闲置" not in tail[3][2]


def test_the_lock_covers_a_window_left_open(qtbot, start_window, accounts_db):
    window = start_window(accounts_db)
    logged_in(qtbot, window)
    session = window.session
    session.change_password()
    editor = session.dialog
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    session.lock()
    lock = session.dialog
    assert isinstance(lock, LoginDialog)
    covers = [w for w in editor.children() if type(w).__name__ == "_Cover"]
    assert covers and covers[0].isVisible() and covers[0].geometry() == editor.rect()
    log_in(qtbot, lock, "admin", PASSWORD)
    qtbot.waitUntil(lambda: not session.locked, timeout=15000)
    assert editor.isVisible()  # the work left open is still there
    qtbot.waitUntil(lambda: not any(type(w).__name__ == "_Cover" for w in editor.children()))


def test_another_user_at_the_lock_gets_the_archive_opened_for_them(
    qtbot, start_window, accounts_db
):
    window = start_window(accounts_db)
    logged_in(qtbot, window)
    session = window.session
    session.change_password()  # left open by the administrator
    editor = session.dialog
    session.lock()
    lock = session.dialog
    assert isinstance(lock, LoginDialog)
    qtbot.mouseClick(lock.switch_button, Qt.MouseButton.LeftButton)
    assert not lock.username_edit.isReadOnly() and lock.switch_label.isVisible()
    with qtbot.waitSignal(window.archive_opened, timeout=15000) as opened:
        log_in(qtbot, lock, "duban", PASSWORD)
    assert opened.args[0].context.actor.username == "duban"
    assert session.actor is not None and session.actor.role is Role.INSPECTOR
    assert not session.locked and window.menuBar().isVisible()
    # the administrator's window was closed (and, being WA_DeleteOnClose, is gone)
    assert editor is not None and (not shiboken6.isValid(editor) or not editor.isVisible())
    assert not window.add_child_action.isVisible()  # the inspector's view
    assert "李督导" in session.user_label.text()


def test_logging_out_and_cancelling_closes_the_archive(qtbot, start_window, accounts_db):
    window = start_window(accounts_db)
    logged_in(qtbot, window)
    window.session.switch_user_action.trigger()
    dialog = login_dialog(qtbot, window)
    assert not dialog.unlocking
    assert window.stack.currentWidget() is window.session.lock_page
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.first_run_page)
    assert window.archive is None and window.session.actor is None
    assert not window.first_run_page.back_button.isVisible()  # no way back without a login
    assert not window.session.menu.menuAction().isVisible()


def test_a_township_without_accounts_asks_for_its_township_administrator(
    qtbot, start_window, tmp_path
):
    path = tmp_path / "township.sqlite"
    init_township(path, "城关镇", "T01").db.close()  # as by ``liushou township init``
    window = start_window(path)
    qtbot.waitUntil(lambda: isinstance(window.session.dialog, FirstAdminDialog), timeout=15000)
    dialog = window.session.dialog
    assert "乡镇管理员" in dialog.intro_label.text()
    dialog.name_edit.setText("李干事")
    dialog.password_edit.setText(PASSWORD)
    dialog.confirm_edit.setText(PASSWORD)
    with qtbot.waitSignal(window.archive_opened, timeout=15000) as opened:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert opened.args[0].mode == "township"
    assert opened.args[0].context.actor.role is Role.TOWNSHIP_ADMIN
    assert opened.args[0].context.author == "李干事"  # edits, decisions, transfers: the officer
