"""What each role sees in the GUI (issue 6, the reviewer's round): a teacher's records name
them, their other children show a contact card and dashes, printing and the duty report stay
within what they may do; an inspector's editors open read-only; the pairing limit is the
administrator's; the lock and the logout stop naming the user; the accounts form tells two
teachers of one name apart and warns about a teacher linked to nobody."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from liushou_desktop.domain.access import Role
from liushou_desktop.domain.errors import KnownError
from liushou_desktop.domain.listing import UNASSESSED
from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs.account_dialog import AccountsDialog
from liushou_desktop.gui.dialogs.child_editor import ChildEditor
from liushou_desktop.gui.dialogs.contact_card_dialog import ContactCardDialog
from liushou_desktop.gui.dialogs.duty_report_dialog import DutyReportDialog
from liushou_desktop.gui.dialogs.incident_dialog import IncidentDialog
from liushou_desktop.gui.dialogs.print_dialog import CLASS, EVERYONE, SELECTED
from liushou_desktop.gui.dialogs.record_dialog import RecordDialog
from liushou_desktop.gui.dialogs.record_viewer import RecordViewer
from liushou_desktop.gui.models.children_model import HIDDEN_TEXT, Column
from liushou_desktop.gui.session import LockPage
from liushou_desktop.gui.tasks import TaskRunner
from liushou_desktop.gui.views.children_page import ChildrenPage
from liushou_desktop.gui.views.incident_page import IncidentListPage
from liushou_desktop.gui.views.pairing_page import PairingPage
from liushou_desktop.services.accounts import AccountService, AuditService
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService, HelperDraft
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.demo import DEMO_PASSWORD, create_demo_database
from liushou_desktop.storage.db import Database
from tests.conftest import TODAY
from tests.gui import test_login as login_tests

N = 60  # demo children

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

# the whole app, as test_login starts it
app_state = login_tests.app_state
prompts = login_tests.prompts
start_window = login_tests.start_window


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    i18n.install_translators(qapp)
    yield
    i18n.remove_translators()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roles") / "demo.sqlite"
    create_demo_database(path, n=N).db.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    path.write_bytes(demo_template.read_bytes())
    return path


def _context(path: Path, username: str | None) -> ServiceContext:
    ctx = ServiceContext(db=Database.open(path), author="测试员")
    ctx.today = lambda: TODAY
    if username is not None:
        ctx.act_as(AccountService(ctx).login(username, DEMO_PASSWORD))
    return ctx


@pytest.fixture
def contexts(demo_db: Path) -> Iterator[dict[str, ServiceContext]]:
    """The demo school as its teacher, its inspector, and a teacher linked to no 帮扶人."""
    admin = _context(demo_db, "admin")
    AccountService(admin).add("xin", "辛老师", Role.TEACHER, DEMO_PASSWORD)
    made = {
        "admin": admin,
        "teacher": _context(demo_db, "teacher"),
        "inspector": _context(demo_db, "inspector"),
        "unlinked": _context(demo_db, "xin"),
    }
    yield made
    for ctx in made.values():
        ctx.db.close()


def school_of(ctx: ServiceContext) -> str:
    return ArchiveService(ctx).schools()[0].id


@pytest.fixture
def make_page(qtbot, runner: TaskRunner, contexts):
    def make(who: str) -> ChildrenPage:
        service = ArchiveService(contexts[who])
        page = ChildrenPage(runner)
        qtbot.addWidget(page)
        page.set_archive(service, school_of(contexts[who]))
        qtbot.waitUntil(lambda: not page.loading and page.model.total_count() > 0, timeout=15000)
        return page

    return make


def top_level(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def mine_and_others(page: ChildrenPage) -> tuple[str, str]:
    own = page.model.own_children()
    assert own
    rows = page.model.rows()
    return (
        next(r.id for r in rows if r.id in own),
        next(r.id for r in rows if r.id not in own and r.status == "在册"),
    )


# -- 1. a teacher's records name them as the helper ----------------------------------------------
def test_a_teachers_record_names_them_as_the_helper(qtbot, runner, contexts):
    teacher = contexts["teacher"]
    archive, care = ArchiveService(teacher), CareService(teacher)
    dialog = RecordDialog(runner, care, archive, school_of(teacher))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=15000)
    combo = dialog.helper_field.combo
    assert teacher.actor is not None and teacher.actor.helper_id
    assert combo.currentData() == teacher.actor.helper_id and not combo.isEnabled()
    # only their own children are offered: a record about another child would be refused
    own = archive.own_children()
    assert own and {r.id for r in dialog.picker.rows()} <= own

    unlinked = contexts["unlinked"]
    other = RecordDialog(
        runner, CareService(unlinked), ArchiveService(unlinked), school_of(unlinked)
    )
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.loaded, timeout=15000)
    assert other.helper_field.combo.currentData() == "" and not other.helper_field.combo.isEnabled()
    assert other.picker.rows() == []  # sees no child in full


# -- 2. an inspector's editors open read-only ------------------------------------------------------
def test_an_inspector_opens_the_archive_read_only_and_closes_without_a_question(qtbot, make_page):
    page = make_page("inspector")
    assert page.model.own_children() is None  # reads every child in full
    page.open_child(page.model.child_id(0))
    qtbot.waitUntil(lambda: bool(top_level(ChildEditor)), timeout=15000)
    editor = top_level(ChildEditor)[0]
    qtbot.waitUntil(lambda: editor.loaded, timeout=15000)
    assert editor.read_only and "督导" in editor.read_only_label.text()
    assert editor.save_button.isHidden() and editor.status_button.isHidden()
    assert editor.input_widget("name").isReadOnly()
    editor.input_widget("name").setText("改了")  # even typed at: nothing to save, nothing asked
    assert not editor.is_dirty()
    editor.reject()
    assert not editor.isVisible()


def test_an_inspector_sees_reports_plans_and_records_without_a_way_to_change_them(
    qtbot, runner, contexts
):
    inspector = contexts["inspector"]
    care, archive, school = CareService(inspector), ArchiveService(inspector), school_of(inspector)
    incidents = IncidentListPage(runner, care, archive, school)
    qtbot.addWidget(incidents)
    qtbot.waitUntil(lambda: not incidents.loading, timeout=15000)
    assert incidents.model.rowCount() > 0  # the demo's open report
    incidents.follow_up(incidents.model.item(0).id)
    dialog = top_level(IncidentDialog)[0]
    assert dialog.read_only and dialog.save_button.isHidden()
    assert dialog.input_widget("follow_up").isReadOnly()
    assert not dialog.input_widget("closed").isEnabled()
    dialog.reject()
    assert not dialog.isVisible()

    pairings = PairingPage(runner, care, archive, school)
    qtbot.addWidget(pairings)
    pairings.reload()
    qtbot.waitUntil(lambda: not pairings.loading, timeout=15000)
    pairings.all_check.setChecked(True)
    pairings.pairings_view.selectRow(0)
    plan = pairings.open_plan()
    assert plan is not None
    assert plan.save_plan_button.isHidden() and plan.new_review_box.isHidden()
    assert plan.plan_fields["goals"].edit.isReadOnly()  # type: ignore[attr-defined]
    assert not pairings.manages
    plan.reject()

    record = care.records(school)[0]
    viewer = RecordViewer(runner, care, record, {}, {})
    qtbot.addWidget(viewer)
    assert viewer.correct_button.isHidden()
    admin = contexts["admin"]
    admins = RecordViewer(runner, CareService(admin), record, {}, {})
    qtbot.addWidget(admins)
    assert not admins.correct_button.isHidden()


# -- 3. another teacher's child: the contact card ---------------------------------------------------
@pytest.mark.qt_log_ignore("This plugin does not support")  # the menu's popup, offscreen
def test_a_teacher_gets_the_contact_card_of_a_child_not_theirs(qtbot, make_page):
    page = make_page("teacher")
    mine, other = mine_and_others(page)
    page.open_child(other)
    dialog = page.contact_dialog
    assert isinstance(dialog, ContactCardDialog) and not top_level(ChildEditor)
    row = page.model.get(other)
    assert row is not None
    assert row.name in dialog.name_label.text() and row.class_label in dialog.class_label.text()
    assert row.guardian_phone and row.guardian_phone in dialog.text("guardian")
    qtbot.waitUntil(lambda: dialog.loaded, timeout=15000)
    assert dialog.card is not None and dialog.card.teacher.name  # read on the worker
    assert dialog.card.teacher.name in dialog.text("teacher")
    assert "班主任" in dialog.scope_label.text()
    dialog.reject()

    # the list's menu: no archive, no archive card, no visit form; the contact card stays
    page.table.selectRow(page.model.row_of(other))
    rect = page.table.visualRect(page.model.index(page.model.row_of(other), 0))
    page._context_menu(rect.center())
    texts = [a.text() for a in page.context_menu.actions()]
    page.context_menu.close()
    assert any("联系卡" in t for t in texts)
    assert not any("档案" in t or "家访" in t for t in texts), texts
    # their own child: the archive opens
    page.open_child(mine)
    qtbot.waitUntil(lambda: bool(top_level(ChildEditor)), timeout=15000)
    editor = top_level(ChildEditor)[0]
    assert not editor.read_only
    editor.reject()


# -- 4. the list: dashes for what is not seen, filters and the hint ---------------------------------
def test_a_teachers_list_shows_dashes_and_leaves_others_out_of_risk_filters(qtbot, make_page):
    page = make_page("teacher")
    mine, other = mine_and_others(page)
    model = page.model
    at = model.row_of(other)
    for column in (Column.RISK_LEVEL, Column.RISK_TYPE, Column.AGE, Column.KIND):
        assert model.index(at, column).data() == HIDDEN_TEXT
    assert model.index(at, Column.GUARDIAN_PHONE).data() != HIDDEN_TEXT
    assert model.index(model.row_of(mine), Column.RISK_LEVEL).data() != HIDDEN_TEXT
    assert not page.scope_label.isHidden() and "联系" in page.scope_label.text()

    page.risk_level_combo.set_value(UNASSESSED)  # 未评估: the other children are not counted
    page.apply_filter_now()
    own = model.own_children()
    assert own is not None
    assert all(model.child_id(r) in own for r in range(model.rowCount()))
    assert "筛选" in page.scope_label.text()
    page.clear_filters()
    assert model.row_of(other) >= 0


def test_an_unlinked_teacher_is_told_to_ask_the_administrator(qtbot, make_page):
    page = make_page("unlinked")
    assert page.model.own_children() == frozenset()
    assert not page.scope_label.isHidden() and "管理员" in page.scope_label.text()
    assert page.model.index(0, Column.RISK_LEVEL).data() == HIDDEN_TEXT


def test_an_administrator_sees_no_hint_and_no_dashes(qtbot, make_page):
    page = make_page("admin")
    assert page.scope_label.isHidden()
    assert all(
        page.model.index(r, Column.RISK_LEVEL).data() != HIDDEN_TEXT
        for r in range(page.model.rowCount())
    )


# -- 5. printing: only what they may print -----------------------------------------------------
def test_a_teacher_prints_archive_cards_for_their_class_and_contact_cards_for_anyone(
    qtbot, make_page
):
    page = make_page("teacher")
    mine, other = mine_and_others(page)
    own = page.model.own_children()
    assert own is not None
    dialog = page.open_print_dialog()
    assert dialog is not None
    dialog.kind_buttons["cards"].setChecked(True)
    qtbot.waitUntil(lambda: dialog.child_ids() is not None and dialog.grade_combo.count() != 0)
    assert dialog.everyone_button.isHidden()  # 全校 is not theirs for archive cards
    assert dialog.whom() == CLASS  # their own class by default
    mine_row = page.model.get(mine)
    assert mine_row is not None
    qtbot.waitUntil(lambda: dialog.child_ids() is not None, timeout=15000)
    ids = dialog.child_ids()
    assert ids and set(ids) <= own
    # contact cards: for everyone
    dialog.kind_buttons["contact"].setChecked(True)
    assert not dialog.everyone_button.isHidden()
    dialog.everyone_button.setChecked(True)
    qtbot.waitUntil(lambda: dialog.child_ids() is not None, timeout=15000)
    assert len(dialog.child_ids() or []) > len(own)
    # back to archive cards: everyone is no longer a choice
    dialog.kind_buttons["cards"].setChecked(True)
    assert dialog.whom() != EVERYONE
    dialog.reject()

    # the selection of one of theirs and one not: only theirs is printed, and it says so
    model = page.model
    page.table.selectRow(model.row_of(mine))
    page.table.selectionModel().select(
        model.index(model.row_of(other), 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    chosen = page.open_print_dialog(whom=SELECTED)
    assert chosen is not None
    chosen.kind_buttons["visit"].setChecked(True)
    assert chosen.child_ids() == [mine]
    assert not chosen.scope_hint.isHidden() and "1" in chosen.scope_hint.text()
    assert chosen.ok_button.isEnabled()
    chosen.reject()


# -- 6. the pairing limit ------------------------------------------------------------------------
def test_the_pairing_limit_is_the_administrators_and_goes_back_after_a_refusal(
    qtbot, runner, contexts, monkeypatch
):
    for who in ("teacher", "inspector"):
        ctx = contexts[who]
        page = PairingPage(runner, CareService(ctx), ArchiveService(ctx), school_of(ctx))
        qtbot.addWidget(page)
        assert not page.limit_spin.isEnabled(), who

    admin = contexts["admin"]
    care = CareService(admin)
    page = PairingPage(runner, care, ArchiveService(admin), school_of(admin))
    qtbot.addWidget(page)
    page.reload()
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    stored = page.data.limit
    assert page.limit_spin.isEnabled()

    def refuse(_school_id: str, _limit: int) -> None:
        raise KnownError("不行")

    monkeypatch.setattr(care, "set_pairing_limit", refuse)
    monkeypatch.setattr("liushou_desktop.gui.views.pairing_page.show_known_error", lambda *a: None)
    page.limit_spin.setValue(stored + 2)
    page._save_limit()  # (what the timer does)
    qtbot.waitUntil(lambda: page.limit_spin.value() == stored, timeout=15000)


# -- 7. the duty report ---------------------------------------------------------------------------
def test_a_teachers_duty_report_opens_on_their_own_and_prints_no_one_else(qtbot, runner, contexts):
    teacher = contexts["teacher"]
    dialog = DutyReportDialog(runner, CareService(teacher), school_of(teacher))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.teacher_combo.count() > 0, timeout=15000)
    assert teacher.actor is not None
    assert dialog.teacher_combo.currentData() == teacher.actor.helper_id
    assert dialog.print_all_button.isHidden()
    admin = contexts["admin"]
    theirs = DutyReportDialog(runner, CareService(admin), school_of(admin))
    qtbot.addWidget(theirs)
    assert not theirs.print_all_button.isHidden()


# -- 8. the lock and logging out stop naming the user ------------------------------------------
@pytest.mark.usefixtures("real_login")
def test_logging_out_clears_the_user_and_another_user_at_the_lock_can_go_back(
    qtbot, start_window, demo_db
):
    window = start_window(demo_db)
    dialog = login_tests.login_dialog(qtbot, window)
    with qtbot.waitSignal(window.archive_opened, timeout=15000):
        login_tests.log_in(qtbot, dialog, "teacher", DEMO_PASSWORD)
    session = window.session
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    name = session.actor.display_name
    assert name in session.user_label.text()

    session.lock()
    lock = session.dialog
    assert name in session.lock_page.text.text() and name in lock.intro_label.text()
    qtbot.mouseClick(lock.switch_button, Qt.MouseButton.LeftButton)
    assert name not in lock.intro_label.text() and name not in session.lock_page.text.text()
    assert session.user_label.isHidden() and session.user_label.text() == ""
    assert not lock.back_button.isHidden()
    qtbot.mouseClick(lock.back_button, Qt.MouseButton.LeftButton)  # the way back
    assert lock.username_edit.text() == "teacher" and lock.username_edit.isReadOnly()
    assert name in lock.intro_label.text() and name in session.user_label.text()
    login_tests.log_in(qtbot, lock, "teacher", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: not session.locked, timeout=15000)

    session.switch_user_action.trigger()
    login_tests.login_dialog(qtbot, window)
    assert session.user_label.isHidden() and session.user_label.text() == ""


def test_the_lock_page_says_its_text_above_the_dialog(qtbot):
    page = LockPage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.say("已锁定", "请登录后继续工作。")
    page.show()
    qtbot.waitExposed(page)
    # the login dialog stands in the middle of the window: the text keeps to the top
    assert page.text.geometry().bottom() < page.height() // 4


# -- 9. a teacher's reports ---------------------------------------------------------------------
def test_a_teachers_report_list_speaks_of_their_own_children(qtbot, runner, contexts):
    unlinked = contexts["unlinked"]  # no children of their own: no reports
    page = IncidentListPage(
        runner, CareService(unlinked), ArchiveService(unlinked), school_of(unlinked)
    )
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    assert page.model.rowCount() == 0
    assert "您" in page.banner.text() and "您" in page.empty_label.text()


# -- 10. the accounts form ----------------------------------------------------------------------
def test_the_accounts_form_tells_teachers_of_one_name_apart_and_warns_about_no_link(
    qtbot, runner, ctx, school_id
):
    service = AccountService(ctx)
    ctx.act_as(service.create_first_admin("admin", "王主任", "dashan-2026"))
    care = CareService(ctx)
    care.add_helper(
        school_id, HelperDraft(kind="教师", name="吴晓燕", subject="语文", grade=3, class_no=1)
    )
    care.add_helper(school_id, HelperDraft(kind="教师", name="吴晓燕", subject="体育"))
    assert ctx.actor is not None
    dialog = AccountsDialog(
        runner, service, mode="school", current=ctx.actor, idle_minutes=15, school_id=school_id
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15000)
    dialog.add_account()
    form = dialog.edit_dialog
    assert form is not None
    qtbot.waitUntil(lambda: not form.busy and form.helper_combo.count() == 3, timeout=15000)
    labels = [form.helper_combo.itemText(i) for i in range(1, 3)]
    assert len(set(labels)) == 2 and any("体育" in t for t in labels)
    assert any("三年级(1)班" in t and "语文" in t for t in labels)
    assert form.unlinked_teacher() and form.helper_hint.text() == form._unlinked_text

    # a reason appearing under a field does not move the fields below it
    form.show()
    qtbot.waitExposed(form)
    qtbot.wait(50)  # laid out
    below = form.password_edit.mapTo(form, form.password_edit.rect().topLeft()).y()
    form.name_edit.setText("辛老师")
    form.username_edit.setText("")
    form.password_edit.setText("xin-2026-ok")
    form.confirm_edit.setText("xin-2026-ok")
    form.save()
    assert "username" in form.problems()
    qtbot.wait(50)
    assert form.password_edit.mapTo(form, form.password_edit.rect().topLeft()).y() == below

    # saved unlinked: the accounts window says what that means
    form.username_edit.setText("xin")
    form.save()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and not dialog.busy, timeout=15000)
    assert "帮扶人" in dialog.status_label.text()


# -- 11. 锁定 is a lock in the trail --------------------------------------------------------------
@pytest.mark.usefixtures("real_login")
def test_locking_by_hand_is_audited_as_a_lock(qtbot, start_window, demo_db):
    window = start_window(demo_db)
    dialog = login_tests.login_dialog(qtbot, window)
    with qtbot.waitSignal(window.archive_opened, timeout=15000):
        login_tests.log_in(qtbot, dialog, "inspector", DEMO_PASSWORD)
    session = window.session
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    session.lock_action.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)

    def trail(n: int) -> list[tuple[str, str, str]]:
        ctx = ServiceContext(db=Database.open(demo_db))
        try:
            return [(e.action, e.who, e.detail) for e in AuditService(ctx).entries(limit=n)]
        finally:
            ctx.db.close()

    action, _who, detail = trail(1)[0]
    assert action == "lock" and "手动" in detail
    # another user at the lock: the locked one's work ends with a 退出登录
    lock = session.dialog
    qtbot.mouseClick(lock.switch_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.archive_opened, timeout=15000):
        login_tests.log_in(qtbot, lock, "admin", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)
    actions = [(a, w) for a, w, _d in trail(3)]
    assert any(a == "login" and "admin" in w for a, w in actions), actions
    assert any(a == "logout" and "inspector" in w for a, w in actions), actions
