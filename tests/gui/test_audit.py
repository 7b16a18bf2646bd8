"""审计日志: the entries newest first, the filters, the export to Excel read back, and the menu
entry that opens it."""

from __future__ import annotations

import contextlib
import datetime as dt
from itertools import count
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from liushou_desktop.domain.access import Role
from liushou_desktop.domain.errors import KnownError
from liushou_desktop.gui.dialogs.audit_dialog import AuditDialog
from liushou_desktop.services.access import check
from liushou_desktop.services.accounts import AccountService, AuditService
from liushou_desktop.services.context import ServiceContext
from tests.conftest import TODAY
from tests.gui import test_main_window as main_window_tests

PASSWORD = "dashan-2026"

# the whole app, started as in test_main_window (its fixtures)
app_state = main_window_tests.app_state
prompts = main_window_tests.prompts
start_window = main_window_tests.start_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def trail_ctx(ctx: ServiceContext) -> ServiceContext:
    """An administrator and an inspector; a day of logins (two failed) and one refused action,
    a minute apart."""
    minutes = count()
    ctx.now = lambda: (
        dt.datetime.combine(TODAY, dt.time(8, 0)) + dt.timedelta(minutes=next(minutes))
    )
    service = AccountService(ctx)
    admin = service.create_first_admin("admin", "王主任", PASSWORD)
    ctx.act_as(admin)
    service.add("zhang", "张督导", Role.INSPECTOR, PASSWORD)
    for username, password in (("zhang", "wrong-one"), ("zhang", "wrong-two"), ("zhang", PASSWORD)):
        with contextlib.suppress(KnownError):
            service.login(username, password)
    inspector = service.login("zhang", PASSWORD)
    ctx.act_as(inspector)
    with pytest.raises(KnownError):
        from liushou_desktop.domain.access import Op

        check(ctx, Op.IMPORT_ROSTER)
    ctx.act_as(admin)
    return ctx


@pytest.fixture
def dialog(qtbot, runner, trail_ctx: ServiceContext) -> AuditDialog:
    made = AuditDialog(runner, AuditService(trail_ctx), folder=str(trail_ctx.db.path.parent))
    qtbot.addWidget(made)
    made.show()
    qtbot.waitUntil(lambda: not made.loading and made.model.rowCount() > 0, timeout=15000)
    return made


def wait_loaded(qtbot, dialog: AuditDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.loading, timeout=15000)


def test_the_entries_show_newest_first(qtbot, qtmodeltester, dialog: AuditDialog):
    qtmodeltester.check(dialog.model)
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert len(headers) == 7
    entries = dialog.entries()
    assert [e.action for e in entries] == [
        "refused",
        "login",
        "login",
        "login_failed",
        "login_failed",
        "account_add",
        "account_add",
    ]
    assert entries[0].at > entries[-1].at
    assert model.text(0, 1) == "张督导（zhang）" and model.text(0, 2) == "督导"
    assert model.text(0, 3) == "拒绝操作" and "导入花名册" in model.text(0, 6)
    assert "7" in dialog.count_label.text()


def test_the_filters(qtbot, dialog: AuditDialog):
    dialog.set_action("login_failed")
    wait_loaded(qtbot, dialog)
    assert [e.action for e in dialog.entries()] == ["login_failed", "login_failed"]
    assert all("还可以试" in e.detail for e in dialog.entries())

    dialog.set_action("")
    dialog.set_outcome("refused")
    wait_loaded(qtbot, dialog)
    assert {e.action for e in dialog.entries()} == {"login_failed", "refused"}

    dialog.set_outcome("")
    qtbot.keyClicks(dialog.who_edit, "admin")  # read a moment after the last key
    qtbot.waitUntil(
        lambda: not dialog.loading and {e.who for e in dialog.entries()} == {"王主任（admin）"},
        timeout=15000,
    )
    assert [e.action for e in dialog.entries()] == ["account_add", "account_add"]

    dialog.who_edit.clear()
    day_after = TODAY + dt.timedelta(days=1)
    dialog.since_edit.setDate(QDate(day_after.year, day_after.month, day_after.day))
    dialog.until_edit.setDate(QDate(day_after.year, day_after.month, day_after.day))
    wait_loaded(qtbot, dialog)
    assert dialog.model.rowCount() == 0 and not dialog.export_button.isEnabled()

    dialog.clear_filters()
    wait_loaded(qtbot, dialog)
    assert dialog.model.rowCount() == 7 and dialog.export_button.isEnabled()


def test_the_export_writes_the_entries_shown(qtbot, dialog: AuditDialog, monkeypatch, tmp_path):
    asked: list[str] = []

    def save_path(parent, caption, directory="", filter="", *, suffix):
        asked.append(directory)
        assert suffix == ".xlsx"
        return tmp_path / "out" / "audit.xlsx"

    (tmp_path / "out").mkdir()
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_path", save_path)
    dialog.set_outcome("refused")
    wait_loaded(qtbot, dialog)
    shown = dialog.entries()
    assert len(shown) == 3
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "out" / "audit.xlsx"
    qtbot.waitUntil(lambda: str(target) in dialog.status_label.text(), timeout=15000)
    assert asked and asked[0].endswith(".xlsx")

    sheet = load_workbook(target).active
    assert sheet.title == "审计日志"
    assert [c.value for c in sheet[2]] == [
        "时间",
        "操作人",
        "角色",
        "操作",
        "结果",
        "涉及儿童",
        "说明",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(rows) == 3
    assert [r[3] for r in rows] == [e.action_label for e in shown]
    assert {r[4] for r in rows} == {"拒绝"}
    assert PASSWORD not in str(rows)
    # the export itself is in the trail
    assert AuditService(dialog._service.ctx).entries(action="export")


def test_the_menu_opens_the_audit_trail_for_an_administrator(qtbot, start_window, ctx):
    path = ctx.db.path
    window = start_window(path)  # the tests' login: the administrator is made (conftest.py)
    qtbot.waitUntil(lambda: window.session.actor is not None, timeout=15000)
    assert window.session.audit_action.isVisible()
    window.session.audit_action.trigger()
    dialog = window.session.dialog
    assert isinstance(dialog, AuditDialog)
    qtbot.waitUntil(lambda: not dialog.loading and dialog.model.rowCount() > 0, timeout=15000)
    assert "account_add" in {e.action for e in dialog.entries()}
    window.session.accounts_action.trigger()
    from liushou_desktop.gui.dialogs.account_dialog import AccountsDialog

    accounts = window.session.dialog
    assert isinstance(accounts, AccountsDialog)
    qtbot.waitUntil(lambda: accounts.model.rowCount() == 1, timeout=15000)
    assert Path(path).exists()
