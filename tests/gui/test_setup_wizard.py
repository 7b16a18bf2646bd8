"""The first-run wizard (建档向导), walked through its real widgets in the whole app: a school
(skipping the optional step, joining a township, choosing a roster), a township (writing its
enrollment file), the codes refused beside their fields, and Cancel leaving nothing behind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget, QWizard

from liushou_desktop.domain.access import Role
from liushou_desktop.domain.errors import KnownError
from liushou_desktop.gui import session
from liushou_desktop.gui.dialogs.roster_import_dialog import RosterImportDialog
from liushou_desktop.gui.dialogs.setup_wizard import (
    ADMIN_PAGE,
    IDENTITY_PAGE,
    KIND_PAGE,
    LATER_PAGE,
    SetupWizard,
    plain_menu_text,
)
from liushou_desktop.gui.dialogs.sync_join_dialog import SyncJoinDialog
from liushou_desktop.gui.main_window import MainWindow
from liushou_desktop.services.accounts import AccountService, AuditService
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.sync import SyncService, init_township, read_enrollment_file
from liushou_desktop.storage.db import Database
from tests.gui import test_main_window as main_window_tests
from tests.gui.conftest import admin_login
from tests.gui.test_roster_import import write_roster

app_state = main_window_tests.app_state
prompts = main_window_tests.prompts
start_window = main_window_tests.start_window
type_chinese = main_window_tests.type_chinese

PASSWORD = "qingshan-2026"
Button = QWizard.WizardButton

pytestmark = [
    # the application's own login: a first-administrator dialog after the wizard would show
    pytest.mark.usefixtures("real_login"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


# -- driving the wizard ---------------------------------------------------------------------------
def open_wizard(qtbot, window: MainWindow) -> SetupWizard:
    page = window.first_run_page
    qtbot.waitUntil(lambda: window.current_page() is page, timeout=15000)
    qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
    wizard = window.setup_wizard
    assert isinstance(wizard, SetupWizard)
    qtbot.waitUntil(wizard.isVisible)
    assert wizard.currentId() == KIND_PAGE
    return wizard


def closed(wizard: SetupWizard) -> bool:
    return not shiboken6.isValid(wizard) or not wizard.isVisible()


def click(qtbot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot, box: QAbstractButton) -> None:
    """Click a radio button or check box on its indicator (the widget may be wider)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def type_into(qtbot, edit: QWidget, text: str) -> None:
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        type_chinese(edit, text)


def fill_identity(qtbot, wizard: SetupWizard, name: str, county: str, number: str) -> None:
    page = wizard.identity_page
    for edit, text in (
        (page.name_edit, name),
        (page.county_edit, county),
        (page.number_edit, number),
    ):
        edit.clear()
        type_into(qtbot, edit, text)


def fill_admin(qtbot, wizard: SetupWizard, name: str = "张校长", password: str = PASSWORD) -> None:
    fields = wizard.admin_page.fields
    for edit in (fields.name_edit, fields.password_edit, fields.confirm_edit):
        edit.clear()
    type_into(qtbot, fields.name_edit, name)
    type_into(qtbot, fields.password_edit, password)
    type_into(qtbot, fields.confirm_edit, password)


def walk_to_later(
    qtbot,
    wizard: SetupWizard,
    *,
    township: bool = False,
    name: str = "青山小学",
    county: str = "522401",
    number: str = "002",
    top_grade: int = 6,
) -> None:
    if township:
        tick(qtbot, wizard.kind_page.township_radio)
        assert wizard.kind() == "township"
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == IDENTITY_PAGE
    fill_identity(qtbot, wizard, name, county, number)
    combo = wizard.identity_page.type_combo
    assert combo.isVisible() is (not township)
    if not township:
        combo.setCurrentIndex(combo.findData(top_grade))
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == ADMIN_PAGE, wizard.identity_page.problems()
    fill_admin(qtbot, wizard)
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == LATER_PAGE, wizard.admin_page.fields.problems()


def audit_actions(path: Path) -> list[str]:
    ctx = ServiceContext(db=Database.open(path))
    try:
        return [e.action for e in reversed(AuditService(ctx).entries())]
    finally:
        ctx.db.close()


@pytest.fixture
def town(tmp_path: Path) -> tuple[Path, str]:
    """A township made by the services, and its enrollment file: (file, fingerprint)."""
    ctx = init_township(tmp_path / "town" / "town.sqlite", "城关镇中心校", "522401100")
    try:
        out = tmp_path / "town" / "城关镇-登记文件.json"
        fingerprint = SyncService(ctx).write_enrollment(out)
    finally:
        ctx.db.close()
    return out, fingerprint


# -- a school -------------------------------------------------------------------------------------
def test_a_school_with_its_administrator_skipping_the_optional_step(qtbot, start_window, tmp_path):
    db_path = tmp_path / "new" / "school.sqlite"
    window = start_window(db_path)
    wizard = open_wizard(qtbot, window)
    assert not wizard.button(Button.BackButton).isVisible()  # nothing before the first step
    walk_to_later(qtbot, wizard, top_grade=9)
    assert wizard.identity_page.code() == "522401002"
    assert not db_path.exists()  # nothing is written before 完成
    skip = wizard.button(Button.CustomButton1)
    assert skip.isVisible()
    with qtbot.waitSignal(window.archive_opened, timeout=20000) as opened:
        qtbot.mouseClick(skip, Qt.MouseButton.LeftButton)

    archive = opened.args[0]
    assert db_path.exists() and archive.path == db_path
    assert (archive.school.name, archive.school.code, archive.school.top_grade) == (
        "青山小学",
        "522401002",
        9,
    )
    actor = archive.context.actor
    assert actor is not None and actor.role is Role.ADMIN and actor.username == "admin"
    assert archive.context.author == "张校长"  # the history names the account
    # logged in as that administrator: no 创建管理员账号 or 登录 dialog afterwards
    assert window.session.dialog is None and window.session.actor == actor
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    assert "张校长" in window.session.user_label.text()
    assert closed(wizard) and window.setup_summary is None  # nothing more to tell
    assert window.findChild(RosterImportDialog) is None
    window.close()
    assert audit_actions(db_path)[:1] == ["account_add"]
    again = ServiceContext(db=Database.open(db_path))
    try:
        assert AccountService(again).has_accounts()
        assert SyncService(again).township() is None  # joining was skipped
    finally:
        again.db.close()


def test_bad_codes_and_a_missing_name_are_refused_beside_their_fields(
    qtbot, start_window, tmp_path
):
    db_path = tmp_path / "school.sqlite"
    window = start_window(db_path)
    wizard = open_wizard(qtbot, window)
    click(qtbot, wizard, Button.NextButton)
    page = wizard.identity_page

    def refused(name: str, county: str, number: str) -> dict[str, str]:
        fill_identity(qtbot, wizard, name, county, number)
        click(qtbot, wizard, Button.NextButton)
        assert wizard.currentId() == IDENTITY_PAGE  # the wizard stays on the step
        return page.problems()

    problems = refused("", "992401", "1")
    assert set(problems) == {"name", "county", "number"}
    assert "学校名称" in problems["name"]
    assert "省级代码" in problems["county"] and "99" in problems["county"]
    assert "3位数字" in problems["number"]
    assert page.county_error.isVisible() and page.number_error.isVisible()
    assert "地市" in refused("青山小学", "520001", "001")["county"]
    assert "6位" in refused("青山小学", "52240", "001")["county"]
    assert "000" in refused("青山小学", "522401", "000")["number"]
    # typing again takes the reason away; the province is named as the code is typed
    page.number_edit.setFocus()
    qtbot.keyClick(page.number_edit, Qt.Key.Key_Backspace)
    assert "number" not in page.problems()
    assert page.province_label.text() == "贵州省"
    fill_identity(qtbot, wizard, "青山小学", "522401", "001")
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == ADMIN_PAGE
    assert page.code() == "522401001"

    # the administrator's password, the same rules as 创建管理员账号
    fill_admin(qtbot, wizard, password="123456")
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == ADMIN_PAGE
    assert "常见" in wizard.admin_page.fields.problems()["password"]
    assert not db_path.exists()


def test_a_school_joins_a_township_made_by_the_services(
    qtbot, start_window, tmp_path, town, monkeypatch
):
    enrollment, fingerprint = town
    db_path = tmp_path / "school.sqlite"
    window = start_window(db_path)
    wizard = open_wizard(qtbot, window)
    walk_to_later(qtbot, wizard)
    later = wizard.later_page
    assert later.join_group.isVisible() and later.roster_group.isVisible()
    assert not later.out_group.isVisible()
    monkeypatch.setattr(
        "liushou_desktop.gui.file_dialogs.open_file", lambda *a, **k: str(enrollment)
    )
    qtbot.mouseClick(later.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(getattr(later, "join_dialog", None), SyncJoinDialog))
    dialog = later.join_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.fingerprint_label.text() == fingerprint  # to compare with the card
    assert dialog.name_label.text() == "城关镇中心校"
    assert not dialog.join_button.isEnabled()  # not before the box is ticked
    tick(qtbot, dialog.same_box)
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: later.enrollment is not None)
    assert "城关镇中心校" in later.join_label.text() and fingerprint in later.join_label.text()
    assert later.join_error.isHidden()  # the same county: nothing to warn about

    with qtbot.waitSignal(window.archive_opened, timeout=20000) as opened:
        click(qtbot, wizard, Button.FinishButton)
    archive = opened.args[0]
    township = SyncService(archive.context).township()
    assert township is not None and township.name == "城关镇中心校"
    assert township.fingerprint == fingerprint
    summary = window.setup_summary
    assert isinstance(summary, QMessageBox)
    qtbot.waitUntil(summary.isVisible)
    assert "城关镇中心校" in summary.text()
    # the 同步 menu knows: the school exports for its township now
    qtbot.waitUntil(lambda: window.sync_actions.export_action.isEnabled(), timeout=15000)
    summary.accept()
    assert window.session.dialog is None


def test_a_file_that_is_not_an_enrollment_is_refused_beside_the_button(
    qtbot, start_window, tmp_path, monkeypatch
):
    bogus = tmp_path / "notes.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    window = start_window(tmp_path / "school.sqlite")
    wizard = open_wizard(qtbot, window)
    walk_to_later(qtbot, wizard)
    later = wizard.later_page
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.open_file", lambda *a, **k: str(bogus))
    qtbot.mouseClick(later.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not later.join_error.isHidden(), timeout=15000)
    assert "登记文件" in later.join_error.text()
    assert later.enrollment is None


def test_a_roster_chosen_in_the_wizard_opens_the_import_after_the_window(
    qtbot, start_window, tmp_path, monkeypatch
):
    roster = write_roster(tmp_path / "花名册.xlsx")
    window = start_window(tmp_path / "school.sqlite")
    wizard = open_wizard(qtbot, window)
    walk_to_later(qtbot, wizard)
    later = wizard.later_page
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.open_file", lambda *a, **k: str(roster))
    qtbot.mouseClick(later.roster_button, Qt.MouseButton.LeftButton)
    assert later.roster == roster and str(roster) in later.roster_label.text()
    with qtbot.waitSignal(window.archive_opened, timeout=20000):
        click(qtbot, wizard, Button.FinishButton)
    qtbot.waitUntil(lambda: window.findChild(RosterImportDialog) is not None, timeout=20000)
    dialog = window.findChild(RosterImportDialog)
    assert dialog.isVisible()
    dialog.reject()  # nothing imported: the user decides in the import window


# -- a township -----------------------------------------------------------------------------------
def test_a_township_with_its_administrator_and_its_enrollment_file(
    qtbot, start_window, tmp_path, monkeypatch
):
    db_path = tmp_path / "township.sqlite"
    window = start_window(db_path)
    wizard = open_wizard(qtbot, window)
    walk_to_later(qtbot, wizard, township=True, name="城关镇中心校", number="100")
    assert wizard.identity_page.code() == "522401100"
    later = wizard.later_page
    assert later.out_group.isVisible()
    assert not later.join_group.isVisible() and not later.roster_group.isVisible()
    out = tmp_path / "stick" / "城关镇-登记文件.json"
    out.parent.mkdir()
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_path", lambda *a, **k: out)
    qtbot.mouseClick(later.out_button, Qt.MouseButton.LeftButton)
    assert later.enrollment_out == out and str(out) in later.out_label.text()
    with qtbot.waitSignal(window.archive_opened, timeout=20000) as opened:
        click(qtbot, wizard, Button.FinishButton)

    archive = opened.args[0]
    assert archive.mode == "township"
    assert (archive.school.name, archive.school.code) == ("城关镇中心校", "522401100")
    actor = archive.context.actor
    assert actor is not None and actor.role is Role.TOWNSHIP_ADMIN
    assert window.session.dialog is None
    assert window.workspace.township
    doc = read_enrollment_file(out)
    assert (doc["role"], doc["code"], doc["name"]) == ("township", "522401100", "城关镇中心校")
    fingerprint = SyncService(archive.context).fingerprint()
    summary = window.setup_summary
    assert isinstance(summary, QMessageBox)
    assert fingerprint in summary.text() and str(out) in summary.text()
    summary.accept()


def test_a_township_code_follows_the_township_rules(qtbot, start_window, tmp_path):
    window = start_window(tmp_path / "township.sqlite")
    wizard = open_wizard(qtbot, window)
    tick(qtbot, wizard.kind_page.township_radio)
    click(qtbot, wizard, Button.NextButton)
    page = wizard.identity_page
    assert "乡镇" in page.name_caption.text() and not page.type_combo.isVisible()
    fill_identity(qtbot, wizard, "城关镇中心校", "522401", "T1")
    click(qtbot, wizard, Button.NextButton)
    assert "乡镇编号" in page.problems()["number"]
    assert wizard.currentId() == IDENTITY_PAGE


# -- cancel and failures leave nothing --------------------------------------------------------------
def test_cancel_returns_to_the_first_run_page_and_makes_nothing(qtbot, start_window, tmp_path):
    db_path = tmp_path / "new" / "school.sqlite"
    window = start_window(db_path)
    wizard = open_wizard(qtbot, window)
    walk_to_later(qtbot, wizard)
    click(qtbot, wizard, Button.CancelButton)
    qtbot.waitUntil(lambda: closed(wizard))
    assert window.current_page() is window.first_run_page
    assert window.archive is None
    assert not db_path.parent.exists()


def test_cancel_while_it_is_being_made_removes_it_again(qtbot, start_window, tmp_path):
    db_path = tmp_path / "new" / "school.sqlite"
    window = start_window(db_path)
    wizard = open_wizard(qtbot, window)
    walk_to_later(qtbot, wizard)
    # hold the worker so that Cancel comes while the job is under way
    release = threading.Event()
    window.runner.run(lambda state: release.wait(20))
    click(qtbot, wizard, Button.FinishButton)
    assert wizard.busy and not wizard.button(Button.FinishButton).isEnabled()
    click(qtbot, wizard, Button.CancelButton)
    assert wizard.isVisible()  # it waits for the job to stop
    release.set()
    qtbot.waitUntil(lambda: closed(wizard), timeout=20000)
    assert window.archive is None
    assert window.current_page() is window.first_run_page
    assert not db_path.exists() and not Path(f"{db_path}-wal").exists()
    assert not db_path.parent.exists()


def test_a_failure_after_the_database_was_made_removes_it(
    qtbot, start_window, tmp_path, monkeypatch, prompts
):
    db_path = tmp_path / "school.sqlite"
    window = start_window(db_path)
    wizard = open_wizard(qtbot, window)
    walk_to_later(qtbot, wizard)

    def broken(*_a: object) -> None:
        raise KnownError("磁盘已满，账号没有保存。")

    monkeypatch.setattr(AccountService, "create_first_admin", broken)
    click(qtbot, wizard, Button.FinishButton)
    qtbot.waitUntil(lambda: bool(prompts.warnings), timeout=20000)
    assert "磁盘已满" in prompts.warnings[0]
    assert wizard.isVisible() and not wizard.busy  # the user may try again or cancel
    assert wizard.button(Button.FinishButton).isEnabled()
    assert not db_path.exists() and window.archive is None


# -- where the file goes, and the menus named ------------------------------------------------------
def test_a_second_archive_is_named_after_the_school_beside_the_first(
    qtbot, start_window, ctx: ServiceContext, monkeypatch
):
    monkeypatch.setattr(session, "login_prompt", admin_login)  # no login dialog for this one
    first = Path(ctx.db.path)
    ctx.db.close()
    window = start_window(first)
    qtbot.waitUntil(lambda: window.archive is not None, timeout=20000)
    window.new_school_action.trigger()  # 文件 → 新建学校…
    wizard = window.setup_wizard
    assert isinstance(wizard, SetupWizard)
    qtbot.waitUntil(wizard.isVisible)
    assert window.current_page() is window.first_run_page
    assert window.first_run_page.back_button.isVisible()
    click(qtbot, wizard, Button.NextButton)
    fill_identity(qtbot, wizard, "青山小学", "522401", "003")
    assert wizard.target == first.parent / "青山小学.sqlite"
    assert str(wizard.target) in wizard.identity_page.path_label.text()
    # 更改…: a file that exists is refused beside the location
    taken = first.parent / "taken.sqlite"
    taken.write_bytes(b"")
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_path", lambda *a, **k: taken)
    qtbot.mouseClick(wizard.identity_page.path_button, Qt.MouseButton.LeftButton)
    assert wizard.target == taken
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == IDENTITY_PAGE
    assert "已经存在" in wizard.identity_page.problems()["path"]
    click(qtbot, wizard, Button.CancelButton)
    qtbot.waitUntil(lambda: closed(wizard))
    assert window.archive is not None and window.archive.path == first  # still open
    assert ArchiveService(window.archive.context).schools()[0].name == "大山小学"


def test_each_optional_step_names_its_menu_entry(qtbot, start_window, tmp_path):
    window = start_window(tmp_path / "school.sqlite")
    wizard = open_wizard(qtbot, window)
    walk_to_later(qtbot, wizard)
    later = wizard.later_page
    file_menu = plain_menu_text(window.menuBar().actions()[0].text())
    roster_entry = plain_menu_text(window.import_roster_action.text())
    assert f"“{file_menu} → {roster_entry}”" in later.roster_later.text()
    sync_menu = plain_menu_text(window.sync_actions.menu.title())
    join_entry = plain_menu_text(window.sync_actions.join_action.text())
    assert f"“{sync_menu} → {join_entry}”" in later.join_later.text()
    assert "文件 → 导入花名册…" in later.roster_later.text()  # in Chinese, as on screen
    assert "同步 → 加入乡镇…" in later.join_later.text()
    accounts = plain_menu_text(window.session.accounts_action.text())
    assert accounts in wizard.admin_page.later_label.text()
    click(qtbot, wizard, Button.BackButton)
    click(qtbot, wizard, Button.BackButton)
    click(qtbot, wizard, Button.BackButton)
    tick(qtbot, wizard.kind_page.township_radio)
    walk_to_later(qtbot, wizard, township=True, number="100")
    entry = plain_menu_text(window.sync_actions.write_enrollment_action.text())
    assert f"“{sync_menu} → {entry}”" in later.out_later.text()
    click(qtbot, wizard, Button.CancelButton)
