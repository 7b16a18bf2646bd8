"""Booking home visits (家访预约) and closing them as done or cancelled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from liushou_desktop.gui.dialogs.pairing_appointment_dialog import BookVisitDialog
from liushou_desktop.gui.views.pairing_appointments import VisitAppointmentsPanel
from liushou_desktop.gui.views.pairing_page import VISITS_TAB, PairingPage
from liushou_desktop.services.care import CareService, HelperDraft
from tests.conftest import TODAY, make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def kids(service, school_id) -> dict[str, str]:
    return {
        name: service.create(make_archive(school_id, name, serial=i + 1)).child_id
        for i, name in enumerate(["张三", "李四", "王五"])
    }


@pytest.fixture
def teacher(care, school_id, kids) -> str:
    t = care.add_helper(school_id, HelperDraft("教师", "李老师", "13900001111"))
    care.pair(t, kids["李四"], "代理家长", dt.date(2026, 9, 1))
    return t


@pytest.fixture
def questions(monkeypatch) -> list[str]:
    seen: list[str] = []

    def question(parent, title, text, *args):
        seen.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"warning: {a[2]}"))
    return seen


@pytest.fixture
def open_panel(
    qtbot, runner, care, service, school_id, questions
) -> Iterator[Callable[[], VisitAppointmentsPanel]]:
    panels: list[VisitAppointmentsPanel] = []

    def make() -> VisitAppointmentsPanel:
        panel = VisitAppointmentsPanel(runner, care, service, school_id)
        panels.append(panel)
        panel.resize(900, 500)
        panel.show()
        with qtbot.waitSignal(panel.count_changed, timeout=5000):
            panel.reload()
        return panel

    yield make
    for panel in panels:
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        if panel.current_dialog is not None:
            panel.current_dialog.close()
        panel.close()
        panel.deleteLater()


def test_booking_a_visit_for_today_or_later_with_the_childs_own_helper(
    qtbot, open_panel, kids, teacher, care, school_id
):
    panel = open_panel()
    assert panel.model.total_count() == 0 and panel.empty_label.isVisible()
    qtbot.mouseClick(panel.book_button, Qt.MouseButton.LeftButton)
    dialog = panel.current_dialog
    assert isinstance(dialog, BookVisitDialog)

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "child_id" in dialog.shown_errors() and dialog.child_message.isVisible()
    qtbot.keyClicks(dialog.picker.search_box, "ls")
    assert dialog.picker.model.rowCount() == 1
    qtbot.keyClick(dialog.picker.search_box, Qt.Key.Key_Return)  # the only one: chosen
    assert dialog.child_id() == kids["李四"]
    assert dialog.isVisible() and care.upcoming_visits(school_id) == []  # Enter did not book
    assert dialog.fields["helper_id"].value() == teacher  # 李四's own helper goes

    date = dialog.fields["planned_on"].edit
    date.setText((TODAY - dt.timedelta(days=1)).isoformat())
    assert dialog.fields["planned_on"].box.kind == "error"
    date.setText((TODAY + dt.timedelta(days=3)).isoformat())
    assert dialog.errors() == {}
    dialog.fields["purpose"].combo.setEditText("了解监护情况")

    changed: list[bool] = []
    panel.changed.connect(lambda: changed.append(True))
    with qtbot.waitSignal(panel.count_changed, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert changed
    (visit,) = care.upcoming_visits(school_id)
    assert (visit.child_id, visit.helper_id, visit.purpose) == (
        kids["李四"], teacher, "了解监护情况",
    )  # fmt: skip
    assert visit.planned_on == TODAY + dt.timedelta(days=3)
    assert panel.model.total_count() == 1 and panel.selected_id() == visit.id


def test_a_visit_is_closed_as_done_or_cancelled_after_asking(
    qtbot, open_panel, kids, care, school_id, questions
):
    done = care.book_visit(kids["张三"], TODAY, "送学习用品")
    cancelled = care.book_visit(kids["王五"], TODAY + dt.timedelta(days=5), "")
    panel = open_panel()
    assert panel.model.total_count() == 2
    assert not panel.done_button.isEnabled()

    panel.select(done)
    with qtbot.waitSignal(panel.count_changed, timeout=5000):
        qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert [v.id for v in care.upcoming_visits(school_id)] == [cancelled]
    assert questions == []  # done needs no question

    panel.select(cancelled)
    with qtbot.waitSignal(panel.count_changed, timeout=5000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert "王五" in questions[0]
    assert care.upcoming_visits(school_id) == [] and panel.empty_label.isVisible()
    statuses = {e.detail: e.title for e in care.timeline(kids["张三"]) if e.kind == "家访预约"}
    assert statuses == {"送学习用品": "已完成"}


def test_a_visit_already_past_its_date_is_marked(qtbot, open_panel, kids, care, ctx):
    care.book_visit(kids["张三"], TODAY, "")
    ctx.today = lambda: TODAY + dt.timedelta(days=2)  # two days later, not yet made
    panel = open_panel()
    assert panel.model.is_overdue(panel.model.row_at(0))
    assert "1" in panel.count_label.text()


def test_the_pairing_page_books_a_visit_for_the_chosen_pairing(
    qtbot, runner, care, service, school_id, kids, teacher, questions
):
    page = PairingPage(runner, care, service, school_id)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.reload()
    page.select_pairing(page.pairings_model.id_at(0))
    qtbot.mouseClick(page.visit_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, BookVisitDialog)
    assert dialog.child_id() == kids["李四"] and not dialog.picker.isVisible()
    assert dialog.fields["helper_id"].value() == teacher
    with qtbot.waitSignal(page.visits.count_changed, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentIndex() == VISITS_TAB
    assert "1" in page.tabs.tabText(VISITS_TAB)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    page.close()
    page.deleteLater()
