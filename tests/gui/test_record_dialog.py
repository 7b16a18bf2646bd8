"""Writing records through the real dialog: a home visit with a photo, a guardians' meeting
for several children, the checks beside the fields, big files refused, corrections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from liushou_desktop.gui.dialogs.record_dialog import (
    RecordDialog,
    forget_helpers,
    remembered_helper,
)
from liushou_desktop.services.care import CareService, HelperDraft, RecordDraft
from tests.conftest import TODAY, make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

Btn = QMessageBox.StandardButton


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """ASCII by key clicks, Chinese as an input method commits it."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def png_bytes(width: int = 64, height: int = 48) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def kids(service, school_id) -> list[str]:
    names = ["张三", "李四", "王五", "赵六"]
    return [
        service.create(
            make_archive(school_id, name, serial=i, grade=3, class_no=1 + i // 2)
        ).child_id
        for i, name in enumerate(names)
    ]


@pytest.fixture
def teacher(care, school_id) -> str:
    return care.add_helper(school_id, HelperDraft("教师", "李老师", "13900001111"))


@pytest.fixture
def prompts(monkeypatch) -> SimpleNamespace:
    state = SimpleNamespace(answers=[], questions=[], warnings=[], files=[])

    def question(parent, title, text, buttons=None, default=None):
        state.questions.append(text)
        return state.answers.pop(0) if state.answers else Btn.Cancel

    def warning(parent, title, text, *args):
        state.warnings.append(text)
        return Btn.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(
        "liushou_desktop.gui.file_dialogs.open_files", lambda *a, **k: list(state.files)
    )
    return state


@pytest.fixture
def open_dialog(
    qtbot, runner, care, service, school_id, prompts
) -> Iterator[Callable[..., RecordDialog]]:
    forget_helpers()
    dialogs: list[RecordDialog] = []

    def make(**kw) -> RecordDialog:
        dialog = RecordDialog(runner, care, service, school_id, **kw)
        dialogs.append(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
        return dialog

    yield make
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    for dialog in dialogs:
        if dialog.isVisible():
            prompts.answers[:] = [Btn.Discard]
            dialog.reject()
        dialog.deleteLater()
    forget_helpers()


def save(qtbot, dialog: RecordDialog) -> str:
    with qtbot.waitSignal(dialog.saved, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def attach(qtbot, dialog: RecordDialog, prompts, *paths: Path) -> None:
    prompts.files[:] = [str(p) for p in paths]
    before = len(dialog.strip.attachments())
    qtbot.mouseClick(dialog.strip.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.strip.reading, timeout=5000)
    assert len(dialog.strip.attachments()) >= before


# --- a home visit ----------------------------------------------------------------------------------
def test_home_visit_from_a_child_with_checklist_follow_up_and_a_photo(
    qtbot, open_dialog, care, school_id, kids, teacher, prompts, tmp_path
):
    care.pair(teacher, kids[0], "代理家长", dt.date(2026, 9, 1))
    dialog = open_dialog(child_ids=[kids[0]])
    assert dialog.picker.child_ids() == [kids[0]]
    assert dialog.input_widget("occurred_on").text() == TODAY.isoformat()
    assert dialog.fields["helper_id"].value() == teacher  # the child's helper, preselected
    assert not dialog.visit_box.isVisibleTo(dialog)

    qtbot.mouseClick(dialog.kind_button("家访"), Qt.MouseButton.LeftButton)
    assert dialog.visit_box.isVisibleTo(dialog)
    assert dialog.fields["mode"].value() == "登门"
    type_text(qtbot, dialog.input_widget("summary"), "登门家访，了解学习生活")
    type_text(qtbot, dialog.input_widget("visitors"), "李老师、王老师")
    type_text(qtbot, dialog.input_widget("met"), "祖母")
    type_text(qtbot, dialog.input_widget("obs_sleep"), "睡眠正常")
    qtbot.mouseClick(dialog.fields["problems"].checks["缺少关爱"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.fields["problems"].checks["家庭生活艰辛"], Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.input_widget("problems_other"), "房屋漏雨")
    type_text(qtbot, dialog.input_widget("guardian_opinion"), "希望多关心学习")
    type_text(qtbot, dialog.input_widget("advice"), "每晚检查作业")
    type_text(qtbot, dialog.input_widget("follow_up"), "联系村委会申请临时救助")
    type_text(qtbot, dialog.input_widget("follow_up_due"), "2026-12-01")

    photo = tmp_path / "家访合影.png"
    photo.write_bytes(png_bytes())
    attach(qtbot, dialog, prompts, photo)
    (shown,) = dialog.strip.attachments()
    assert shown.is_image and max(shown.thumb.width(), shown.thumb.height()) <= 96
    assert dialog.strip.list.count() == 1

    record_id = save(qtbot, dialog)
    assert not dialog.isVisible()
    (r,) = care.records(child_id=kids[0])
    assert r.id == record_id
    assert (r.kind, r.mode, r.helper_id, r.summary) == (
        "家访",
        "登门",
        teacher,
        "登门家访，了解学习生活",
    )
    assert r.details["visitors"] == "李老师、王老师" and r.details["met"] == "祖母"
    assert r.details["observations"]["sleep"] == "睡眠正常"
    assert r.details["problems"] == ["缺少关爱", "家庭生活艰辛", "房屋漏雨"]
    assert r.details["guardian_opinion"] == "希望多关心学习"
    assert r.details["advice"] == "每晚检查作业"
    assert (r.follow_up, r.follow_up_due) == ("联系村委会申请临时救助", dt.date(2026, 12, 1))
    assert [a.filename for a in r.attachments] == ["家访合影.png"]
    assert care.blob(r.attachments[0].sha256) == photo.read_bytes()
    assert [f.id for f in care.open_follow_ups(school_id)] == [record_id]  # a due item
    assert remembered_helper(school_id) == teacher


def test_a_talk_keeps_no_visit_details(qtbot, open_dialog, care, kids):
    dialog = open_dialog(child_ids=[kids[1]], kind="谈心")
    assert dialog.kind_button("谈心").isChecked()
    assert not dialog.visit_box.isVisibleTo(dialog)
    type_text(qtbot, dialog.input_widget("summary"), "谈学习上的困难")
    save(qtbot, dialog)
    (r,) = care.records(child_id=kids[1])
    assert (r.kind, r.mode, r.details, r.helper_id) == ("谈心", "", {}, None)


# --- several children --------------------------------------------------------------------------
def test_a_guardians_meeting_for_children_found_by_typing_and_a_whole_class(
    qtbot, open_dialog, care, school_id, kids
):
    dialog = open_dialog(kind="监护人座谈会")
    picker = dialog.picker
    assert picker.child_ids() == []
    assert dialog.group_hint.isVisibleTo(dialog)

    type_text(qtbot, picker.search, "ls")  # pinyin initials of 李四
    assert picker.result_ids() == [kids[1]]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.child_ids() == [kids[1]] and picker.search.text() == ""

    type_text(qtbot, picker.search, "王")
    qtbot.mouseClick(
        picker.results.viewport(),
        Qt.MouseButton.LeftButton,
        pos=picker.results.visualItemRect(picker.results.item(0)).center(),
    )
    assert picker.child_ids() == [kids[1], kids[2]]

    at = picker.class_combo.findText("三年级(1)班")
    assert at > 0
    picker.class_combo.setCurrentIndex(at)
    picker.class_combo.activated.emit(at)
    assert set(picker.child_ids()) == {kids[0], kids[1], kids[2]}
    assert picker.class_combo.currentIndex() == 0

    # double-click a chip to take a child out again
    chip = picker.chosen.item(picker.child_ids().index(kids[2]))
    qtbot.waitUntil(lambda: picker.chosen.visualItemRect(chip).isValid())
    rect = picker.chosen.visualItemRect(chip)
    qtbot.mouseClick(picker.chosen.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(picker.chosen.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert kids[2] not in picker.child_ids()

    type_text(qtbot, dialog.input_widget("summary"), "本月监护人座谈会")
    save(qtbot, dialog)
    (r,) = care.records(school_id)
    assert r.kind == "监护人座谈会" and set(r.child_ids) == {kids[0], kids[1]}


# --- checks ------------------------------------------------------------------------------------
def test_reasons_show_beside_the_fields_when_saving_is_tried(qtbot, open_dialog, care, school_id):
    dialog = open_dialog()
    assert set(dialog.errors()) == {"kind", "child_ids"}
    assert dialog.message("kind") == ""  # calm until saving is tried
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message("kind") == "Choose what kind of record this is"
    assert dialog.message("child_ids") == "Choose at least one child"
    assert care.records(school_id) == []

    date = dialog.input_widget("occurred_on")
    date.clear()
    type_text(qtbot, date, "2026-12-25")
    assert dialog.message("occurred_on") == "The date cannot be after today"
    date.clear()
    type_text(qtbot, date, "last week")
    assert "2016-03-08" in dialog.message("occurred_on")

    type_text(qtbot, dialog.input_widget("follow_up_due"), "2026-12-01")
    assert dialog.message("follow_up") == "You gave a follow-up date: write what is to be done"


def test_the_services_reasons_are_shown_too(qtbot, open_dialog, care, school_id, kids, prompts):
    old = care.add_record(school_id, RecordDraft("谈心", dt.date(2026, 11, 1), [kids[0]], "x"))
    (original,) = care.records(school_id)
    dialog = open_dialog(correcting=original)
    care.correct_record(old, RecordDraft("谈心", dt.date(2026, 11, 2), [kids[0]], "y"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.warnings), timeout=5000)
    assert "已经更正过" in prompts.warnings[0]
    assert dialog.isVisible() and not dialog.busy  # nothing typed is lost


def test_files_over_20_mb_are_refused_with_the_services_words(
    qtbot, open_dialog, kids, prompts, tmp_path
):
    dialog = open_dialog(child_ids=[kids[0]], kind="体检")
    big = tmp_path / "体检报告扫描.pdf"
    with big.open("wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: no real 21 MB written
    small = tmp_path / "体检表.pdf"
    small.write_bytes(b"%PDF-1.4 small")
    attach(qtbot, dialog, prompts, big, small)
    assert [a.filename for a in dialog.strip.attachments()] == ["体检表.pdf"]
    assert not dialog.strip.attachments()[0].is_image
    assert dialog.message("attachments") == (
        "The attachment “体检报告扫描.pdf” is over 20 MB; compress it and attach it again"
    )
    # removing a file clears the message
    dialog.strip.list.item(0).setSelected(True)
    qtbot.mouseClick(dialog.strip.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.strip.attachments() == [] and dialog.message("attachments") == ""


def test_the_helper_is_remembered_for_the_next_record(
    qtbot, open_dialog, care, school_id, kids, teacher
):
    other = care.add_helper(school_id, HelperDraft("校外", "刘阿姨", "13700001111"))
    dialog = open_dialog(child_ids=[kids[0]], kind="书信")
    combo = dialog.helper_field.combo
    assert combo.currentData() == ""  # no pairing, nothing remembered yet
    combo.setCurrentIndex(combo.findData(other))
    save(qtbot, dialog)
    again = open_dialog(child_ids=[kids[1]], kind="书信")
    assert again.helper_field.combo.currentData() == other


def test_closing_with_unsaved_text_asks_first(qtbot, open_dialog, kids, prompts):
    dialog = open_dialog(child_ids=[kids[0]], kind="谈心")
    type_text(qtbot, dialog.input_widget("summary"), "谈心")
    prompts.answers[:] = [Btn.Cancel]
    dialog.reject()
    assert dialog.isVisible() and len(prompts.questions) == 1
    prompts.answers[:] = [Btn.Discard]
    dialog.reject()
    assert not dialog.isVisible()


# --- corrections -------------------------------------------------------------------------------
def test_a_correction_opens_prefilled_and_keeps_the_original(
    qtbot, open_dialog, care, school_id, kids, teacher
):
    photo = png_bytes()
    old_id = care.add_record(
        school_id,
        RecordDraft(
            "家访",
            dt.date(2026, 11, 10),
            [kids[0], kids[1]],
            "集体家访",
            mode="集体",
            helper_id=teacher,
            details={
                "visitors": "李老师",
                "met": "祖母",
                "observations": {"diet": "饮食规律"},
                "problems": ["性情孤僻", "父母离异"],
                "guardian_opinion": "",
                "advice": "多鼓励",
            },
            attachments=[("合影.png", photo)],
        ),
    )
    (old,) = care.records(school_id)
    dialog = open_dialog(correcting=old)
    assert dialog.windowTitle() == "Correct a record"
    assert dialog.kind_button("家访").isChecked()
    assert dialog.input_widget("occurred_on").text() == "2026-11-10"
    assert set(dialog.picker.child_ids()) == {kids[0], kids[1]}
    assert dialog.fields["mode"].value() == "集体"
    assert dialog.fields["helper_id"].value() == teacher
    assert dialog.fields["obs_diet"].value() == "饮食规律"
    assert dialog.fields["problems"].value() == ["性情孤僻"]
    assert dialog.fields["problems_other"].value() == "父母离异"
    assert [a.filename for a in dialog.strip.attachments()] == ["合影.png"]

    date = dialog.input_widget("occurred_on")
    date.clear()
    type_text(qtbot, date, "2026-11-11")
    new_id = save(qtbot, dialog)
    (current,) = care.records(school_id)
    assert current.id == new_id and current.corrects == old_id
    assert current.occurred_on == dt.date(2026, 11, 11)
    assert current.details["problems"] == ["性情孤僻", "父母离异"]
    assert [a.sha256 for a in current.attachments] == [a.sha256 for a in old.attachments]
    history = care.records(school_id, include_superseded=True)
    assert {r.id: r.corrected_by for r in history} == {new_id: None, old_id: new_id}


# --- the helper ------------------------------------------------------------------------------------
def test_a_childs_helper_is_preselected_when_the_child_is_added(
    qtbot, open_dialog, care, school_id, kids, teacher
):
    aunt = care.add_helper(school_id, HelperDraft("校外", "刘阿姨", "13700001111"))
    care.pair(aunt, kids[1], "爱心妈妈", dt.date(2026, 9, 1))
    care.pair(teacher, kids[1], "代理家长", dt.date(2026, 9, 2))
    dialog = open_dialog(kind="谈心")  # from the toolbar: no child yet
    combo = dialog.helper_field.combo
    assert combo.currentData() == ""
    type_text(qtbot, dialog.picker.search, "zs")  # 张三: not paired
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert combo.currentData() == ""
    type_text(qtbot, dialog.picker.search, "ls")  # 李四: the teacher before the aunt
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.picker.child_ids() == [kids[0], kids[1]]
    assert combo.currentData() == teacher
    type_text(qtbot, dialog.input_widget("summary"), "谈学习")
    save(qtbot, dialog)
    (r,) = care.records(child_id=kids[1])
    assert r.helper_id == teacher


def test_a_helper_the_user_chose_is_not_overwritten(
    qtbot, open_dialog, care, school_id, kids, teacher
):
    care.pair(teacher, kids[1], "代理家长", dt.date(2026, 9, 1))
    aunt = care.add_helper(school_id, HelperDraft("校外", "刘阿姨", "13700001111"))
    dialog = open_dialog(kind="谈心")
    combo = dialog.helper_field.combo
    combo.setCurrentIndex(combo.findData(aunt))
    dialog.picker.add(kids[1])
    assert combo.currentData() == aunt
    combo.setCurrentIndex(combo.findData(""))  # "not given", on purpose
    dialog.picker.add(kids[1])
    dialog.picker.remove(kids[1])
    dialog.picker.add(kids[1])
    assert combo.currentData() == ""


def test_helpers_are_listed_teachers_outsiders_classmates_by_pinyin_with_what_tells_them_apart(
    qtbot, open_dialog, care, school_id, kids, teacher
):
    add = care.add_helper
    add(school_id, HelperDraft("同学", "陈小明", child_id=kids[2]))
    add(school_id, HelperDraft("校外", "周阿姨", "13700002222"))
    add(
        school_id, HelperDraft("教师", "吴晓燕", "13900003333", subject="数学", grade=3, class_no=2)
    )
    add(school_id, HelperDraft("同学", "白雪", child_id=kids[3]))
    add(school_id, HelperDraft("教师", "吴晓燕", "13900004444", subject="英语"))
    add(school_id, HelperDraft("校外", "刘阿姨", "13700001111"))
    add(school_id, HelperDraft("教师", "安老师", "13900005555"))
    dialog = open_dialog()
    combo = dialog.helper_field.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "(not given)",
        "安老师（教师）",
        "李老师（教师）",
        "吴晓燕（教师·数学·三年级(2)班）",  # one name, told apart by subject and class
        "吴晓燕（教师·英语）",
        "刘阿姨（校外）",
        "周阿姨（校外）",
        "白雪（同学）",
        "陈小明（同学）",
    ]
