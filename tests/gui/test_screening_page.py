"""Holiday screening (寒暑假排查): a checklist per child, each tick saved at once, completion
per child and the count of children completed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from liushou_desktop.domain.care import SCREENING_ITEMS
from liushou_desktop.gui.models.record_incidents import (
    FIRST_ITEM_COLUMN,
    NOTES_COLUMN,
    STATE_COLUMN,
    ScreeningModel,
)
from liushou_desktop.gui.views.screening_page import ScreeningPage, holiday_choices
from liushou_desktop.services.care import CareService
from tests.conftest import TODAY, make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = dt.date
HOLIDAY = "2027年寒假"


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def kids(service, school_id) -> list[str]:
    return [
        service.create(
            make_archive(school_id, name, serial=i, grade=3, class_no=1 + i % 2)
        ).child_id
        for i, name in enumerate(["张三", "李四", "王五"])
    ]


@pytest.fixture
def page(qtbot, runner, care, service, school_id, kids) -> Iterator[ScreeningPage]:
    p = ScreeningPage(runner, care, service, school_id)
    qtbot.addWidget(p)
    p.resize(1300, 600)
    p.show()
    qtbot.waitUntil(lambda: not p.loading and p.model.rowCount() == 3, timeout=5000)
    yield p
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def row_of(page: ScreeningPage, child_id: str) -> int:
    return page.model.row_of(child_id)


def tick(qtbot, page: ScreeningPage, child_id: str, item: str) -> None:
    """Select the cell and press Space, as a user ticks a box with the keyboard."""
    index = page.model.index(
        row_of(page, child_id), FIRST_ITEM_COLUMN + SCREENING_ITEMS.index(item)
    )
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)


def saved_items(care, school_id, child_id, holiday=HOLIDAY) -> dict[str, bool]:
    return next(s for s in care.screenings(school_id, holiday) if s.child_id == child_id).items


def test_the_coming_holiday_is_offered_first():
    assert holiday_choices(TODAY) == ["2027年寒假", "2026年暑假"]
    assert holiday_choices(D(2027, 1, 10)) == ["2027年寒假", "2026年暑假"]
    assert holiday_choices(D(2027, 5, 10)) == ["2027年暑假", "2027年寒假"]


def test_each_tick_is_saved_and_completion_counted(qtbot, page, care, school_id, kids, runner):
    assert page.holiday() == HOLIDAY
    assert page.count_label.text() == "0 of 3 children completed"
    tick(qtbot, page, kids[0], "防溺水")
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert saved_items(care, school_id, kids[0]) == {"防溺水": True}
    row = row_of(page, kids[0])
    assert page.model.index(row, STATE_COLUMN).data() == "Not yet"
    assert page.model.index(row, STATE_COLUMN + 1).data() == TODAY.isoformat()

    for item in SCREENING_ITEMS[1:]:
        tick(qtbot, page, kids[0], item)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert all(saved_items(care, school_id, kids[0]).values())
    assert page.model.index(row, STATE_COLUMN).data() == "Done"
    assert page.count_label.text() == "1 of 3 children completed"
    assert page.completed() == (1, 3)

    tick(qtbot, page, kids[0], "防溺水")  # untick
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert saved_items(care, school_id, kids[0])["防溺水"] is False
    assert page.count_label.text() == "0 of 3 children completed"


def test_notes_are_typed_in_the_table(qtbot, page, care, school_id, kids, runner):
    index = page.model.index(row_of(page, kids[1]), NOTES_COLUMN)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.viewport().findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "mother away")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits on the next turn of the event loop
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    saved = next(s for s in care.screenings(school_id, HOLIDAY) if s.child_id == kids[1])
    assert saved.notes == "mother away"


def test_tick_everything_for_the_selected_children(qtbot, page, care, school_id, kids, runner):
    assert not page.tick_button.isEnabled()
    page.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
    page.table.selectRow(row_of(page, kids[1]))
    page.table.selectRow(row_of(page, kids[2]))
    assert page.tick_button.isEnabled()
    qtbot.mouseClick(page.tick_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    done = {s.child_id: s.complete for s in care.screenings(school_id, HOLIDAY)}
    assert done == {kids[0]: False, kids[1]: True, kids[2]: True}
    assert page.count_label.text() == "2 of 3 children completed"


def test_filters_and_another_holiday(qtbot, page, care, school_id, kids, runner):
    care.save_screening(kids[2], "2026年暑假", dict.fromkeys(SCREENING_ITEMS, True), "", TODAY)
    page.class_combo.setCurrentIndex(page.class_combo.findText("三年级(2)班"))
    assert [page.model.item(r).child_id for r in range(page.model.rowCount())] == [kids[1]]
    page.class_combo.setCurrentIndex(0)

    line = page.holiday_combo.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "2026")
    event = QInputMethodEvent()
    event.setCommitString("年暑假")
    QApplication.sendEvent(line, event)
    with qtbot.waitSignal(page.loaded, timeout=5000) as blocker:
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert blocker.args == ["2026年暑假"] and page.holiday() == "2026年暑假"
    assert page.count_label.text() == "1 of 3 children completed"
    page.incomplete_check.setChecked(True)
    assert {page.model.item(r).child_id for r in range(page.model.rowCount())} == {
        kids[0],
        kids[1],
    }


def test_screening_model_passes_the_model_tester(qtmodeltester, care, school_id, kids):
    care.save_screening(kids[0], HOLIDAY, {"防溺水": True}, "外出", TODAY)
    model = ScreeningModel()
    model.set_rows(care.screenings(school_id, HOLIDAY))
    qtmodeltester.check(model)
    index = model.index(model.row_of(kids[0]), FIRST_ITEM_COLUMN)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.flags(model.index(0, NOTES_COLUMN)) & Qt.ItemFlag.ItemIsEditable
