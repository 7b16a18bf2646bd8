"""Adding and editing helpers: kind-dependent fields, the phone checked as it is typed, a
classmate chosen by searching the school's children."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget

from liushou_desktop.gui.dialogs.helper_dialog import HelperDialog
from liushou_desktop.services.care import CareService, HelperDraft
from tests.conftest import make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_chinese(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose(combo: QComboBox, text: str) -> None:
    at = combo.findText(text)
    assert at >= 0, text
    combo.setCurrentIndex(at)


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def children(service, school_id):
    for i, (name, grade) in enumerate([("张三", 3), ("李四", 4), ("王小明", 5)]):
        service.create(make_archive(school_id, name, serial=i + 1, grade=grade))
    return service.list_children(school_id)


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: seen.append(text) or None
    )
    return seen


@pytest.fixture
def open_dialog(
    qtbot, runner, care, school_id, children, warnings
) -> Iterator[Callable[..., HelperDialog]]:
    dialogs: list[HelperDialog] = []

    def make(helper=None, taken=None) -> HelperDialog:
        dialog = HelperDialog(runner, care, school_id, children, helper, taken)
        dialogs.append(dialog)
        dialog.show()
        return dialog

    yield make
    for dialog in dialogs:
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        dialog.close()
        dialog.deleteLater()


def save(qtbot, dialog: HelperDialog) -> str:
    with qtbot.waitSignal(dialog.saved, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_a_teacher_with_subject_class_and_a_phone_checked_as_typed(
    qtbot, open_dialog, care, school_id, warnings
):
    dialog = open_dialog()
    assert dialog.kind() == "教师" and dialog.teacher_box.isVisible()
    assert not dialog.classmate_box.isVisible() and not dialog.outsider_box.isVisible()
    assert dialog.shown_errors() == {}  # a new form does not start out red

    type_chinese(dialog.fields["name"].edit, "李老师")
    phone = dialog.fields["phone"].edit
    qtbot.keyClicks(phone, "1390000")
    assert "电话号码格式不对" in dialog.message("phone")
    qtbot.keyClicks(phone, "1111")
    assert dialog.message("phone") == ""
    choose(dialog.fields["subject"].combo, "数学")
    choose(dialog.fields["grade"].combo, "三年级")
    dialog.fields["class_no"].spin.setValue(2)

    helper_id = save(qtbot, dialog)
    (h,) = care.helpers(school_id)
    assert (h.id, h.kind, h.name, h.phone, h.subject, h.grade, h.class_no) == (
        helper_id, "教师", "李老师", "13900001111", "数学", 3, 2,
    )  # fmt: skip
    assert warnings == []


def test_saving_an_empty_form_shows_every_reason_and_writes_nothing(
    qtbot, open_dialog, care, school_id
):
    dialog = open_dialog()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert set(dialog.shown_errors()) == {"name"}
    assert dialog.message("name") and dialog.fields["name"].box.kind == "error"
    assert dialog.isVisible() and care.helpers(school_id) == []


def test_a_classmate_is_found_by_pinyin_and_gives_the_name(
    qtbot, open_dialog, care, school_id, children
):
    dialog = open_dialog()
    choose(dialog.fields["kind"].combo, "同学")
    assert dialog.classmate_box.isVisible() and not dialog.teacher_box.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "child_id" in dialog.shown_errors()
    assert dialog.classmate_message.property("role") == "error"

    qtbot.keyClicks(dialog.picker.search_box, "wxm")
    assert dialog.picker.model.rowCount() == 1
    index = dialog.picker.model.index(0, 0)
    rect = dialog.picker.table.visualRect(index)
    qtbot.mouseClick(dialog.picker.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.fields["name"].value() == "王小明"  # filled in from the child
    assert "child_id" not in dialog.errors()

    helper_id = save(qtbot, dialog)
    (h,) = care.helpers(school_id)
    wang = next(r for r in children if r.name == "王小明")
    assert (h.id, h.kind, h.child_id, h.name) == (helper_id, "同学", wang.id, "王小明")


def test_a_child_who_already_is_a_helper_cannot_be_chosen_again(open_dialog, children):
    zhang = next(r for r in children if r.name == "张三")
    dialog = open_dialog(taken={zhang.id: "h1"})
    choose(dialog.fields["kind"].combo, "同学")
    dialog.picker.select([zhang.id])
    assert dialog.picker.model.is_disabled(zhang.id)
    assert dialog.picker.selected_ids() == []
    assert "child_id" in dialog.errors()


def test_an_outsider_with_a_typed_role_and_editing_keeps_the_id(
    qtbot, open_dialog, care, school_id
):
    dialog = open_dialog()
    choose(dialog.fields["kind"].combo, "校外")
    assert dialog.outsider_box.isVisible()
    type_chinese(dialog.fields["name"].edit, "刘阿姨")
    choose(dialog.fields["role_note"].combo, "爱心妈妈")
    helper_id = save(qtbot, dialog)
    (h,) = care.helpers(school_id)
    assert (h.kind, h.role_note, h.subject, h.grade) == ("校外", "爱心妈妈", "", None)

    edit = open_dialog(helper=h)
    assert edit.windowTitle() != dialog.windowTitle()
    assert edit.fields["role_note"].value() == "爱心妈妈"
    edit.fields["role_note"].combo.setEditText("村干部")
    qtbot.keyClicks(edit.fields["phone"].edit, "0851-1234567")
    assert save(qtbot, edit) == helper_id
    (h,) = care.helpers(school_id)
    assert (h.role_note, h.phone) == ("村干部", "0851-1234567")


def test_the_services_reason_appears_beside_the_field(
    qtbot, open_dialog, care, school_id, monkeypatch
):
    dialog = open_dialog()
    type_chinese(dialog.fields["name"].edit, "张老师")
    from liushou_desktop.domain.errors import ValidationFailed

    def refuse(school_id: str, draft: HelperDraft) -> str:
        raise ValidationFailed({"phone": "号码已被另一位帮扶人使用"})

    monkeypatch.setattr(care, "add_helper", refuse)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message("phone") == "号码已被另一位帮扶人使用", timeout=5000)
    assert dialog.isVisible() and dialog.fields["name"].value() == "张老师"
