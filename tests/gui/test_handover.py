"""学年交接 through its dialog: preview counts, new class teachers, apply once only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from liushou_desktop.gui.dialogs import HandoverDialog
from tests.conftest import make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

Btn = QMessageBox.StandardButton


@pytest.fixture
def prompts(monkeypatch) -> SimpleNamespace:
    state = SimpleNamespace(answers=[], questions=[], warnings=[])

    def question(parent, title, text, buttons=None, default=None):
        state.questions.append(text)
        return state.answers.pop(0) if state.answers else Btn.No

    def warning(parent, title, text, *args):
        state.warnings.append(text)
        return Btn.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    return state


@pytest.fixture
def school(service, school_id):
    """Two children in 四年级(2)班, one in 一年级(1)班, one in 六年级(1)班 (the top grade)."""
    for serial, (name, grade, class_no) in enumerate(
        [("张三", 4, 2), ("李四", 4, 2), ("王五", 1, 1), ("赵六", 6, 1)], start=1
    ):
        service.create(make_archive(school_id, name, grade=grade, class_no=class_no, serial=serial))
    service.set_class_teacher(school_id, 4, 2, "陈老师", "13600001111")
    return school_id


@pytest.fixture
def open_dialog(qtbot, runner, service, school) -> Iterator[Callable[[], HandoverDialog]]:
    dialogs: list[HandoverDialog] = []

    def make() -> HandoverDialog:
        dialog = HandoverDialog(runner, service, school)
        dialogs.append(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=5000)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.close()
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        dialog.deleteLater()


def table_rows(table) -> list[tuple[str, ...]]:
    return [
        tuple(
            table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())
        )
        for r in range(table.rowCount())
    ]


def test_preview_counts_and_prefilled_teachers(open_dialog):
    dialog = open_dialog()
    assert table_rows(dialog.moves_table) == [
        ("一年级(1)班", "二年级(1)班", "1"),
        ("四年级(2)班", "五年级(2)班", "2"),
        ("六年级(1)班", "Graduates", "1"),
        ("Total", "", "4"),
    ]
    assert "3" in dialog.totals_label.text() and "1" in dialog.totals_label.text()
    assert table_rows(dialog.teachers_table) == [
        ("二年级(1)班", "", ""),
        ("五年级(2)班", "陈老师", "13600001111"),
    ]
    assert dialog.teachers() == {(5, 2): ("陈老师", "13600001111")}
    assert dialog.apply_button.isEnabled()
    assert not dialog.done_banner.isVisible()


def test_a_wrong_teacher_phone_blocks_the_handover(open_dialog):
    dialog = open_dialog()
    dialog.teachers_table.item(0, 2).setText("12345")
    assert not dialog.apply_button.isEnabled()
    assert "电话号码格式不对" in dialog.teacher_message.text()
    assert "二年级(1)班" in dialog.teacher_message.text()
    dialog.teachers_table.item(0, 2).setText("13700002222")
    assert dialog.apply_button.isEnabled()
    assert dialog.teacher_message.text() == ""


def test_apply_promotes_graduates_sets_teachers_and_refuses_a_second_time(
    qtbot, open_dialog, service, school, prompts
):
    dialog = open_dialog()
    dialog.teachers_table.item(0, 1).setText("刘老师")
    dialog.teachers_table.item(0, 2).setText("13700002222")

    prompts.answers[:] = [Btn.No]
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert prompts.questions[0].startswith(
        "3 children will move up a grade and 1 children will graduate, for the school year "
        "2026-2027. This is recorded in the change history."
    )
    assert {r.grade for r in service.list_children(school)} == {1, 4, 6}  # nothing done

    prompts.answers[:] = [Btn.Yes]
    with qtbot.waitSignal(dialog.applied, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    changes = blocker.args[0]
    assert len(changes.children) == 4 and changes.classes
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)

    rows = {r.name: (r.grade, r.class_no, r.status) for r in service.list_children(school)}
    assert rows == {
        "张三": (5, 2, "在册"),
        "李四": (5, 2, "在册"),
        "王五": (2, 1, "在册"),
        "赵六": (6, 1, "毕业"),
    }
    teachers = {
        (c.grade, c.class_no): (c.teacher_name, c.teacher_phone) for c in service.classes(school)
    }
    assert teachers[(2, 1)] == ("刘老师", "13700002222")
    assert teachers[(5, 2)] == ("陈老师", "13600001111")

    again = open_dialog()
    assert again.plan is not None and again.plan.already_done
    assert again.done_banner.isVisible()
    assert "2026-2027" in again.done_banner.text()
    assert not again.apply_button.isEnabled()


def test_outside_the_summer_the_preview_warns_but_does_not_block(
    qtbot, open_dialog, service, prompts
):
    assert service.ctx.today().month == 11
    dialog = open_dialog()
    assert dialog.plan is not None and dialog.plan.off_season
    assert dialog.season_banner.isVisible()
    text = dialog.season_banner.text()
    assert "June to September" in text and "2026-2027" in text
    assert dialog.apply_button.isEnabled()  # a warning, not a refusal

    prompts.answers[:] = [Btn.No]
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert text in prompts.questions[0]  # said again where the user confirms


def test_in_the_summer_there_is_no_season_warning(qtbot, open_dialog, service, prompts):
    service.ctx.today = lambda: dt.date(2027, 7, 10)
    dialog = open_dialog()
    assert dialog.plan is not None and not dialog.plan.off_season
    assert dialog.plan.school_year == "2027-2028"
    assert not dialog.season_banner.isVisible()
    prompts.answers[:] = [Btn.No]
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert "June to September" not in prompts.questions[0]


def test_children_no_longer_left_behind_move_up_too(open_dialog, service, school):
    wang = next(r for r in service.list_children(school) if r.name == "王五")
    service.change_status(wang.id, "不再留守", dt.date(2026, 11, 1), "父亲返乡就业")
    zhang = next(r for r in service.list_children(school) if r.name == "张三")
    service.change_status(zhang.id, "转出", dt.date(2026, 11, 1), "转入县城小学")
    dialog = open_dialog()
    assert table_rows(dialog.moves_table) == [
        ("一年级(1)班", "二年级(1)班", "1"),  # 王五, 不再留守
        ("四年级(2)班", "五年级(2)班", "1"),  # 李四; 张三 left
        ("六年级(1)班", "Graduates", "1"),
        ("Total", "", "3"),
    ]
    intro = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "不再留守" in intro and "not on the register" not in intro
