"""The archive editor, driven through its widgets; results arrive from the worker thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QWidget

from liushou_desktop.domain.enums import Sex
from liushou_desktop.domain.idcard import make_id_number
from liushou_desktop.gui.dialogs import AssessmentDialog, ChildEditor, StatusDialog
from liushou_desktop.gui.dialogs.child_editor import BASIC, GUARDIAN, HISTORY, RISK
from tests.conftest import make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

Btn = QMessageBox.StandardButton


# --- helpers -----------------------------------------------------------------------------------


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type like a user: ASCII by key clicks, Chinese as an input method commits it."""
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def replace_text(qtbot, widget: QWidget, text: str) -> None:
    line = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    type_text(qtbot, line, text)


def choose(combo: QWidget, text: str) -> None:
    assert isinstance(combo, QComboBox)
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


@pytest.fixture
def prompts(monkeypatch) -> SimpleNamespace:
    """Message boxes do not block: questions take answers from a queue; every box is recorded."""
    state = SimpleNamespace(answers=[], questions=[], warnings=[])

    def question(parent, title, text, buttons=None, default=None):
        state.questions.append(text)
        return state.answers.pop(0) if state.answers else Btn.Cancel

    def warning(parent, title, text, *args):
        state.warnings.append(text)
        return Btn.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    return state


@pytest.fixture
def open_editor(qtbot, runner, service, school_id, prompts) -> Iterator[Callable[..., ChildEditor]]:
    editors: list[ChildEditor] = []

    def make(child_id: str | None = None) -> ChildEditor:
        editor = ChildEditor(runner, service, school_id, child_id)
        editors.append(editor)
        editor.show()
        qtbot.waitUntil(lambda: editor.loaded and not editor.busy, timeout=5000)
        return editor

    yield make
    for editor in editors:
        if editor.isVisible():
            prompts.answers[:] = [Btn.Discard]
            editor.close()
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        editor.deleteLater()


def save(qtbot, editor: ChildEditor) -> object:
    assert editor.save_button.isEnabled(), editor.errors()
    with qtbot.waitSignal(editor.saved, timeout=5000) as blocker:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def existing(service, school_id, **kw) -> str:
    return service.create(make_archive(school_id, **kw)).child_id


# --- creating ----------------------------------------------------------------------------------


def test_new_child_id_number_fills_birth_date_and_sex_then_saves(
    qtbot, open_editor, service, school_id
):
    editor = open_editor()
    assert editor.child_id is None
    assert not editor.save_button.isEnabled()
    assert "name" in editor.errors() and editor.message("name") == ""  # quiet until edited
    assert not editor.add_assessment_button.isEnabled()

    type_text(qtbot, editor.input_widget("name"), "王小雨")
    number = make_id_number("522401", dt.date(2015, 5, 20), 7, Sex.FEMALE)
    type_text(qtbot, editor.input_widget("id_number"), number)
    assert editor.input_widget("birth_date").text() == "2015-05-20"
    assert editor.input_widget("sex").currentText() == "女"
    assert editor.message("birth_date") == "" and editor.message("sex") == ""

    editor.tabs.setCurrentIndex(GUARDIAN)
    type_text(qtbot, editor.input_widget("guardian.name"), "王奶奶")
    type_text(qtbot, editor.input_widget("guardian.phone"), "139 1234 5678")
    assert editor.errors() == {}

    changes = save(qtbot, editor)
    child_id = editor.child_id
    assert child_id is not None and changes.children == {child_id}
    archive = service.get(child_id)
    assert archive.child.name == "王小雨"
    assert archive.child.birth_date == dt.date(2015, 5, 20)
    assert archive.child.sex == "女"
    assert archive.guardian.phone == "13912345678"  # normalized by the service
    assert editor.input_widget("guardian.phone").text() == "13912345678"
    assert not editor.is_dirty()
    assert editor.add_assessment_button.isEnabled() and editor.status_button.isEnabled()
    assert any(row[3] == "姓名" and row[5] == "王小雨" for row in editor.history.visible_rows())

    # after the first save the dialog keeps editing the same child
    replace_text(qtbot, editor.input_widget("student_no"), "2021007")
    save(qtbot, editor)
    assert editor.child_id == child_id
    assert len(service.list_children(school_id)) == 1
    assert service.get(child_id).child.student_no == "2021007"


def test_a_new_childs_form_starts_calm_and_shows_an_error_once_its_field_is_edited(
    qtbot, open_editor
):
    editor = open_editor()
    assert set(editor.errors()) >= {"name", "sex", "birth_date", "guardian.name"}
    assert editor.shown_errors() == {}
    for path in editor.errors():
        assert editor.message(path) == "" and editor.message_kind(path) == "", path
    assert editor.input_widget("name").property("problem") in (None, "")
    assert all("(" not in editor.tabs.tabText(i) for i in range(editor.tabs.count()))
    assert not editor.save_button.isEnabled()  # still blocked, just not red
    summary = editor.summary_label.text()
    assert "4" in summary and "Basic information" in summary and "Guardian" in summary
    assert editor.summary_label.property("role") == "hint"

    name = editor.input_widget("name")
    type_text(qtbot, name, "王")
    replace_text(qtbot, name, "")  # typed, then wiped: now it is the user's problem
    assert editor.message_kind("name") == "error" and "请填写姓名" in editor.message("name")
    assert name.property("problem") == "error"
    assert editor.message("sex") == "" and editor.message("guardian.name") == ""
    assert editor.tabs.tabText(BASIC).endswith("(1)")
    assert editor.tabs.tabText(GUARDIAN) == "Guardian"
    assert editor.summary_label.property("role") == "error"

    # a wrong phone shows at once, in a field the user has touched
    phone = editor.input_widget("phone")
    type_text(qtbot, phone, "12345")
    assert "电话号码格式不对" in editor.message("phone")

    # trying to save shows every reason, on the first tab that has one
    editor.tabs.setCurrentIndex(HISTORY)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.shown_errors() == editor.errors()
    assert "请选择性别" in editor.message("sex")
    assert "请填写监护人姓名" in editor.message("guardian.name")
    assert editor.tabs.currentIndex() == BASIC
    assert editor.tabs.tabText(GUARDIAN).endswith("(1)")
    assert not editor.save_button.isEnabled()


def test_an_id_number_that_fills_in_a_bad_birth_date_shows_why(qtbot, open_editor):
    editor = open_editor()
    number = make_id_number("522401", dt.date(2001, 5, 20), 7, Sex.FEMALE)
    type_text(qtbot, editor.input_widget("id_number"), number)
    assert editor.input_widget("birth_date").text() == "2001-05-20"
    assert "出生日期太早" in editor.message("birth_date")  # filled in for the user: shown


def test_an_existing_childs_errors_show_without_touching_the_field(
    qtbot, open_editor, service, school_id
):
    archive = make_archive(school_id)
    archive.guardian.name, archive.guardian.relation = "", "无"
    editor = open_editor(service.create(archive).child_id)
    editor.tabs.setCurrentIndex(GUARDIAN)
    choose(editor.input_widget("guardian.relation"), "外祖父母")
    assert "请填写监护人姓名" in editor.message("guardian.name")
    assert editor.message_kind("guardian.name") == "error"


def test_id_number_does_not_overwrite_a_typed_birth_date_but_warns(qtbot, open_editor):
    editor = open_editor()
    type_text(qtbot, editor.input_widget("birth_date"), "2015-01-01")
    number = make_id_number("522401", dt.date(2015, 5, 20), 3, Sex.MALE)
    type_text(qtbot, editor.input_widget("id_number"), number)
    assert editor.input_widget("birth_date").text() == "2015-01-01"
    assert editor.input_widget("sex").currentText() == "男"  # empty before: filled
    assert editor.message_kind("id_number") == "warning"
    assert "出生日期与身份证号不符" in editor.message("id_number")
    assert "id_number" not in editor.errors()


# --- checking as you type ----------------------------------------------------------------------


def test_invalid_id_number_and_phone_show_the_reason_and_block_saving(
    qtbot, open_editor, service, school_id
):
    editor = open_editor(existing(service, school_id))
    id_edit = editor.input_widget("id_number")
    good = id_edit.text()

    replace_text(qtbot, id_edit, good[:17])
    assert "应为18位" in editor.message("id_number")
    assert editor.message_kind("id_number") == "error"
    assert id_edit.property("problem") == "error"
    assert not editor.save_button.isEnabled()
    assert editor.tabs.tabText(BASIC).endswith("(1)")

    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    replace_text(qtbot, id_edit, wrong_check)
    assert "校验位" in editor.message("id_number")

    editor.tabs.setCurrentIndex(GUARDIAN)
    phone = editor.input_widget("guardian.phone")
    replace_text(qtbot, phone, "12345")
    assert "电话号码格式不对" in editor.message("guardian.phone")
    assert editor.tabs.tabText(GUARDIAN).endswith("(1)")
    assert "2" in editor.summary_label.text()

    replace_text(qtbot, id_edit, good)
    assert editor.message("id_number") == ""
    assert not editor.save_button.isEnabled()  # the phone is still wrong
    replace_text(qtbot, phone, "0851-1234567")
    assert editor.errors() == {}
    assert editor.save_button.isEnabled()
    assert not editor.tabs.tabText(GUARDIAN).endswith(")")


def test_a_birth_date_that_disagrees_with_the_id_number_warns_without_blocking(
    qtbot, open_editor, service, school_id
):
    editor = open_editor(existing(service, school_id))
    replace_text(qtbot, editor.input_widget("birth_date"), "2016-04-09")
    assert editor.message_kind("id_number") == "warning"
    assert "出生日期与身份证号不符（身份证号为2016-03-08）" in editor.message("id_number")
    assert editor.save_button.isEnabled()

    replace_text(qtbot, editor.input_widget("birth_date"), "2016/4/31")
    assert editor.message_kind("birth_date") == "error"
    assert not editor.save_button.isEnabled()


def test_required_guardian_name_follows_the_relation(qtbot, open_editor, service, school_id):
    editor = open_editor(existing(service, school_id))
    replace_text(qtbot, editor.input_widget("guardian.name"), "")
    assert "请填写监护人姓名" in editor.message("guardian.name")
    choose(editor.input_widget("guardian.relation"), "无")
    assert editor.message("guardian.name") == ""


# --- editing an existing child -----------------------------------------------------------------


def test_edit_guardian_discipline_and_phone_then_history_shows_old_and_new(
    qtbot, open_editor, service, school_id
):
    child_id = existing(service, school_id)
    editor = open_editor(child_id)
    editor.tabs.setCurrentIndex(GUARDIAN)
    choose(editor.input_widget("guardian.discipline"), "溺爱型")
    replace_text(qtbot, editor.input_widget("guardian.phone"), "13988887777")
    assert editor.is_dirty()
    save(qtbot, editor)

    guardian = service.get(child_id).guardian
    assert guardian.discipline == "溺爱型" and guardian.phone == "13988887777"

    editor.tabs.setCurrentIndex(HISTORY)
    rows = editor.history.visible_rows()
    discipline = [r for r in rows if r[3] == "管教方式"]
    assert discipline[0][1:] == ("测试员", "监护人", "管教方式", "", "溺爱型")
    phone = [r for r in rows if r[2] == "监护人" and r[3] == "联系电话"]
    assert phone[0][4:] == ("13912345678", "13988887777")
    assert phone[0][1] == "测试员"
    assert phone[-1][4] != "13912345678"  # the oldest is the entry made when the archive began
    # newest first: the edits come before everything written when the archive was made
    assert rows.index(discipline[0]) < rows.index(phone[-1])

    type_text(qtbot, editor.history.filter_edit, "管教")
    assert {r[3] for r in editor.history.visible_rows()} == {"管教方式"}


def test_add_assessment_suggests_the_type_and_lists_it_first(
    qtbot, open_editor, service, school_id
):
    child_id = existing(service, school_id)  # guardian: 祖父母
    editor = open_editor(child_id)
    editor.tabs.setCurrentIndex(RISK)
    assert editor.risk_table.rowCount() == 0
    qtbot.mouseClick(editor.add_assessment_button, Qt.MouseButton.LeftButton)
    dialog = editor.findChild(AssessmentDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.fields["risk_type"].combo.currentText() == "三类"
    assert "三类" in dialog.suggestion_label.text()
    assert dialog.fields["assessor"].edit.text() == "测试员"
    assert dialog.fields["assessed_on"].edit.text() == "2026-11-22"
    assert not dialog.ok_button.isEnabled()  # level and guardian assessment still missing

    choose(dialog.fields["risk_level"].combo, "二级")
    choose(dialog.fields["guardian_assessment"].combo, "一般")
    replace_text(qtbot, dialog.fields["assessor"].edit, "")
    assert "请填写评估人" in dialog.fields["assessor"].box.message.text()
    assert not dialog.ok_button.isEnabled()
    type_text(qtbot, dialog.fields["assessor"].edit, "李老师")
    type_text(qtbot, dialog.fields["reasons"].edit, "祖母年迈，无力辅导作业")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.risk_table.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: editor.findChild(AssessmentDialog) is None)  # closed and deleted

    series = service.assessments(child_id)
    assert [(a.risk_type, a.risk_level, a.assessor) for a in series] == [(3, 2, "李老师")]
    assert editor.risk_table.item(0, 0).text() == "Current"
    assert editor.risk_table.item(0, 3).text() == "二级"
    assert editor.risk_table.item(0, 3).font().bold()
    qtbot.waitUntil(
        lambda: any(r[2] == "风险评估" for r in editor.history.visible_rows()), timeout=5000
    )


def test_change_status_requires_a_reason_and_keeps_the_archive(
    qtbot, open_editor, service, school_id, prompts
):
    child_id = existing(service, school_id)
    editor = open_editor(child_id)
    assert "在册" in editor.status_label.text()
    qtbot.mouseClick(editor.status_button, Qt.MouseButton.LeftButton)
    dialog = editor.findChild(StatusDialog)
    assert dialog is not None and dialog.isVisible()
    choose(dialog.fields["status"].combo, "不再留守")
    assert "请填写原因" in dialog.fields["status_reason"].box.message.text()
    assert not dialog.ok_button.isEnabled()  # checked as you type: no round trip needed
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not prompts.warnings

    type_text(qtbot, dialog.fields["status_reason"].edit, "父亲返乡就业")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不再留守" in editor.status_label.text(), timeout=5000)
    assert "父亲返乡就业" in editor.status_label.text()
    qtbot.waitUntil(lambda: editor.findChild(StatusDialog) is None)  # closed and deleted
    child = service.get(child_id).child
    assert (child.status, child.status_reason) == ("不再留守", "父亲返乡就业")
    assert not editor.is_dirty()


def test_status_change_keeps_unsaved_typing(qtbot, open_editor, service, school_id):
    child_id = existing(service, school_id)
    editor = open_editor(child_id)
    replace_text(qtbot, editor.input_widget("student_no"), "X-1")
    qtbot.mouseClick(editor.status_button, Qt.MouseButton.LeftButton)
    dialog = editor.findChild(StatusDialog)
    choose(dialog.fields["status"].combo, "转出")
    type_text(qtbot, dialog.fields["status_reason"].edit, "转入县城小学")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "转出" in editor.status_label.text(), timeout=5000)
    assert editor.input_widget("student_no").text() == "X-1"
    assert editor.is_dirty()
    save(qtbot, editor)
    child = service.get(child_id).child
    assert (child.student_no, child.status) == ("X-1", "转出")


# --- leaving -----------------------------------------------------------------------------------


def test_leaving_with_unsaved_changes_asks_first(qtbot, open_editor, service, school_id, prompts):
    child_id = existing(service, school_id)
    editor = open_editor(child_id)
    replace_text(qtbot, editor.input_widget("name"), "张三丰")

    prompts.answers[:] = [Btn.Cancel]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(prompts.questions) == 1 and "张三丰" in prompts.questions[0]
    assert editor.isVisible()

    prompts.answers[:] = [Btn.Cancel]
    editor.close()  # the window's close box
    assert len(prompts.questions) == 2
    assert editor.isVisible()

    prompts.answers[:] = [Btn.Discard]
    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    assert len(prompts.questions) == 3
    assert not editor.isVisible()
    assert service.get(child_id).child.name == "张三"


def test_leaving_and_choosing_save_saves_then_closes(
    qtbot, open_editor, service, school_id, prompts
):
    child_id = existing(service, school_id)
    editor = open_editor(child_id)
    replace_text(qtbot, editor.input_widget("address"), "大山村三组")
    prompts.answers[:] = [Btn.Save]
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)
    assert service.get(child_id).child.address == "大山村三组"


def test_closing_without_changes_does_not_ask(qtbot, open_editor, service, school_id, prompts):
    editor = open_editor(existing(service, school_id))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert prompts.questions == []
    assert not editor.isVisible()


def test_every_field_of_the_archive_round_trips(qtbot, open_editor, service, school_id):
    """Whatever the service holds, the form shows and saves back unchanged."""
    archive = make_archive(school_id)
    archive.child.categories = ["留守", "贫困"]
    archive.child.aid = ["低保"]
    archive.child.income_sources = ["外出务工", "务农/养殖"]
    archive.child.ethnicity = "苗族"
    archive.child.boarding = True
    archive.guardian.age = 68
    archive.guardian.discipline = "隔代溺爱，说教较多"  # not a suggestion: kept as typed
    archive.guardian.agreement_signed = True
    archive.father.education = "初中"
    archive.father.away = True
    archive.mother.capable = False
    archive.mother.left_since = "2019-02"
    child_id = service.create(archive).child_id
    stored = service.get(child_id)
    editor = open_editor(child_id)
    assert editor.archive() == stored
    assert not editor.is_dirty() and not editor.save_button.isEnabled()
    assert editor.input_widget("guardian.discipline").currentText() == "隔代溺爱，说教较多"


def test_a_child_that_cannot_be_found_is_reported_and_the_editor_closes(
    qtbot, runner, service, school_id, prompts
):
    editor = ChildEditor(runner, service, school_id, "no-such-child")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: bool(prompts.warnings), timeout=5000)
    assert "找不到这名儿童的档案" in prompts.warnings[0]
    assert not editor.isVisible() and not editor.loaded


def test_the_timeline_tab_shows_the_childs_care_work(qtbot, runner, service, school_id):
    import datetime as dt

    from liushou_desktop.gui.dialogs.child_editor import ChildEditor
    from liushou_desktop.services.care import CareService, HelperDraft, RecordDraft
    from tests.conftest import make_archive

    child = service.create(make_archive(school_id)).child_id
    care = CareService(service.ctx)
    helper = care.add_helper(school_id, HelperDraft("教师", "李老师", "13900001111"))
    care.pair(helper, child, "代理家长", dt.date(2026, 9, 1))
    care.add_record(school_id, RecordDraft("家访", dt.date(2026, 10, 8), [child], "登门家访"))
    editor = ChildEditor(runner, service, school_id, child)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: len(editor.timeline.entries()) == 2, timeout=10_000)
    kinds = [e.kind for e in editor.timeline.entries()]
    assert kinds == ["记录", "结对"]
    assert editor.tabs.indexOf(editor.timeline) >= 0
    editor.close()
