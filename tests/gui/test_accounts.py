"""账号管理: the accounts table, adding a teacher linked to their helper record, refusals shown in
Chinese, switching an account off, resetting a password, the idle minutes; 修改密码."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from liushou_desktop.domain.access import Role
from liushou_desktop.gui.dialogs.account_dialog import (
    AccountEditDialog,
    AccountsDialog,
    PasswordDialog,
)
from liushou_desktop.services.accounts import AccountService, AuditService
from liushou_desktop.services.care import CareService, HelperDraft
from liushou_desktop.services.context import ServiceContext

PASSWORD = "dashan-2026"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def admin_ctx(ctx: ServiceContext, school_id: str) -> ServiceContext:
    """大山小学, its administrator logged in, and a class teacher 李老师 (4年级2班)."""
    service = AccountService(ctx)
    ctx.act_as(service.create_first_admin("admin", "王主任", PASSWORD))
    CareService(ctx).add_helper(
        school_id, HelperDraft(kind="教师", name="李老师", grade=4, class_no=2)
    )
    return ctx


@pytest.fixture
def dialog(qtbot, runner, admin_ctx: ServiceContext) -> AccountsDialog:
    assert admin_ctx.actor is not None
    made = AccountsDialog(
        runner, AccountService(admin_ctx), mode="school", current=admin_ctx.actor, idle_minutes=15
    )
    qtbot.addWidget(made)
    made.show()
    qtbot.waitUntil(lambda: made.model.rowCount() == 1 and not made.busy, timeout=15000)
    return made


def open_form(qtbot, dialog: AccountsDialog, button) -> AccountEditDialog:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = dialog.edit_dialog
    assert form is not None
    qtbot.waitUntil(lambda: not form.busy and form.helper_combo.count() > 1, timeout=15000)
    return form


def test_the_table_shows_the_accounts(qtbot, qtmodeltester, dialog: AccountsDialog):
    qtmodeltester.check(dialog.model)
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert len(headers) == 7
    assert [model.text(0, c) for c in range(3)] == ["admin", "王主任", "管理员"]
    dialog.select("admin")
    assert dialog.selected() is not None
    assert not dialog.active_button.isEnabled()  # not one's own account


def test_adding_a_teacher_linked_to_their_helper(qtbot, dialog: AccountsDialog, admin_ctx):
    form = open_form(qtbot, dialog, dialog.add_button)
    assert form.role_combo.currentData() == Role.TEACHER.value  # the usual new account
    assert [form.role_combo.itemData(i) for i in range(form.role_combo.count())] == [
        "管理员",
        "教师",
        "督导",
    ]
    assert form.helper_combo.isEnabled()
    teachers = AccountService(admin_ctx).teachers()
    assert form.choose_helper(teachers[0][0])
    form.username_edit.setText("lilaoshi")
    form.name_edit.setText("李老师")
    form.password_edit.setText("lilaoshi-1")
    form.confirm_edit.setText("lilaoshi-1")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and not dialog.busy, timeout=15000)
    added = next(a for a in dialog.accounts() if a.username == "lilaoshi")
    assert added.role == "教师" and added.helper_name == "李老师" and added.active
    assert dialog.selected() is not None and dialog.selected().username == "lilaoshi"
    # the new teacher can log in, as a teacher with their helper record
    actor = AccountService(admin_ctx).login("lilaoshi", "lilaoshi-1")
    assert actor.role is Role.TEACHER and actor.helper_id == teachers[0][0]


def test_refusals_are_shown_beside_their_fields(qtbot, dialog: AccountsDialog):
    form = open_form(qtbot, dialog, dialog.add_button)
    form.username_edit.setText("admin")  # taken
    form.name_edit.setText("张老师")
    form.password_edit.setText("zhang")  # too short
    form.confirm_edit.setText("zhang")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "6" in form.problems()["password"]  # checked at once, before any work
    form.password_edit.setText("zhang-2026")
    form.confirm_edit.setText("zhang-2026")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "username" in form.problems(), timeout=15000)
    assert "已经有人用了" in form.problems()["username"]
    assert form.isVisible()
    # an inspector is linked to nobody: the helper list is off
    form.role_combo.setCurrentIndex(form.role_combo.findData("督导"))
    assert not form.helper_combo.isEnabled()


def test_switching_off_and_on_resetting_and_the_idle_minutes(
    qtbot, dialog: AccountsDialog, admin_ctx
):
    service = AccountService(admin_ctx)
    service.add("zhang", "张老师", "督导", "zhang-2026")
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and not dialog.busy, timeout=15000)
    dialog.select("zhang")
    assert dialog.active_button.isEnabled()
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and not dialog.selected().active, timeout=15000)
    assert dialog.model.text(dialog.model.row_of(dialog.selected().id), 4) != ""
    with pytest.raises(Exception, match="停用"):
        service.login("zhang", "zhang-2026")

    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    reset = dialog.password_dialog
    assert isinstance(reset, PasswordDialog) and not reset.old_edit.isVisible()
    reset.new_edit.setText("zhang-new-1")
    reset.confirm_edit.setText("zhang-new-1")
    with qtbot.waitSignal(reset.accepted, timeout=15000):
        qtbot.mouseClick(reset.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not dialog.busy, timeout=15000)
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)  # on again
    qtbot.waitUntil(lambda: not dialog.busy and dialog.selected().active, timeout=15000)
    assert service.login("zhang", "zhang-new-1").username == "zhang"

    minutes: list[int] = []
    dialog.idle_minutes_changed.connect(minutes.append)
    dialog.idle_spin.setValue(5)
    qtbot.mouseClick(dialog.idle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: minutes == [5], timeout=15000)
    assert service.idle_minutes() == 5
    actions = [e.action for e in AuditService(admin_ctx).entries()]
    assert actions.count("account_change") == 3 and "password_reset" in actions


def test_the_last_administrator_cannot_be_made_a_teacher(qtbot, dialog: AccountsDialog):
    dialog.select("admin")
    form = open_form(qtbot, dialog, dialog.edit_button)
    assert form.username_edit.isReadOnly() and not form.password_edit.isVisible()
    form.role_combo.setCurrentIndex(form.role_combo.findData("教师"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "message" in form.problems(), timeout=15000)
    assert "唯一的管理员" in form.problems()["message"]


def test_changing_ones_own_password(qtbot, runner, admin_ctx):
    service = AccountService(admin_ctx)
    dialog = PasswordDialog(
        runner, service.change_own_password, ask_old=True, title="修改密码", username="admin"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.old_edit.setText("not-my-password")
    dialog.new_edit.setText("dashan-2027")
    dialog.confirm_edit.setText("dashan-2027")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "old" in dialog.problems(), timeout=15000)
    assert "原密码不对" in dialog.problems()["old"]
    dialog.old_edit.setText(PASSWORD)
    dialog.new_edit.setText("dashan-2027")
    dialog.confirm_edit.setText("dashan-2027")
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert service.login("admin", "dashan-2027").username == "admin"
