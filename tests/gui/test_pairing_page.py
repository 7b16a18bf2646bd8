"""The pairing page: helpers, pairing children (with the limit warning), ending pairings, a
helper who leaves, the children nobody helps yet, help plans and term reviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QTableView, QWidget

from liushou_desktop.gui.dialogs.pairing_dialog import PairingDialog
from liushou_desktop.gui.dialogs.pairing_end_dialog import EndPairingDialog
from liushou_desktop.gui.dialogs.pairing_plan_dialog import PlanDialog
from liushou_desktop.gui.models.pairing_models import PROGRESS_ROLE, PairingColumn
from liushou_desktop.gui.views.pairing_page import UNPAIRED_TAB, PairingPage
from liushou_desktop.services.care import CareService, HelperDraft
from tests.conftest import TODAY, make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = dt.date
NAMES = ["张三", "李四", "王五", "赵六", "钱七", "孙八"]


def type_chinese(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose(combo: QComboBox, text: str) -> None:
    at = combo.findText(text)
    assert at >= 0, text
    combo.setCurrentIndex(at)


def click(qtbot, view: QTableView, index: QModelIndex, double: bool = False) -> None:
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def kids(service, school_id) -> dict[str, str]:
    return {
        name: service.create(make_archive(school_id, name, serial=i + 1, grade=3)).child_id
        for i, name in enumerate(NAMES)
    }


@pytest.fixture
def teacher(care, school_id, kids) -> str:
    """李老师 with 张三 and 李四 (and a review of 张三's pairing); 王老师 with nobody."""
    t = care.add_helper(school_id, HelperDraft("教师", "李老师", "13900001111", subject="语文"))
    care.add_helper(school_id, HelperDraft("教师", "王老师", "13900002222", subject="数学"))
    first, _ = care.pair(t, kids["张三"], "代理家长", D(2026, 3, 1))
    care.pair(t, kids["李四"], "代理家长", D(2026, 9, 1))
    care.add_review(first, "2026年春季学期", D(2026, 6, 30), "退步", "")
    care.add_review(first, "2026年秋季学期", D(2026, 11, 20), "进步", "作业按时完成")
    return t


@pytest.fixture
def boxes(monkeypatch) -> dict[str, list[str]]:
    """Message boxes answered without a person: questions get ``answer`` (Yes by default)."""
    seen: dict[str, list[str]] = {"warning": [], "question": [], "answer": ["yes"]}

    def question(parent, title, text, *args):
        seen["question"].append(text)
        if seen["answer"][-1] == "yes":
            return QMessageBox.StandardButton.Yes
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a: seen["warning"].append(text))
    monkeypatch.setattr(QMessageBox, "question", question)
    return seen


@pytest.fixture
def open_page(
    qtbot, runner, care, service, school_id, boxes
) -> Iterator[Callable[[], PairingPage]]:
    pages: list[PairingPage] = []

    def make() -> PairingPage:
        page = PairingPage(runner, care, service, school_id)
        pages.append(page)
        page.resize(1200, 700)
        page.show()
        with qtbot.waitSignal(page.loaded, timeout=5000):
            page.reload()
        return page

    yield make
    for page in pages:
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        dialog = page.current_dialog
        if dialog is not None and dialog.isVisible():
            dialog.close()
        page.close()
        page.deleteLater()


def pairing_row(page: PairingPage, child_name: str) -> int:
    return shown_pairings(page).index(child_name)


def shown_pairings(page: PairingPage) -> list[str]:
    m = page.pairings_model
    return [m.row_at(r).child_name for r in range(m.rowCount())]


def test_helpers_left_pairings_of_the_chosen_one_right_and_the_unpaired_count(
    qtbot, open_page, teacher, kids
):
    page = open_page()
    names = [page.helpers_model.row_at(r).name for r in range(page.helpers_model.rowCount())]
    assert names == ["李老师", "王老师"]
    assert page.selected_helper_id() == teacher  # the first helper is chosen
    assert shown_pairings(page) == ["李四", "张三"]  # by class, then pinyin
    assert page.pairings_view.isColumnHidden(PairingColumn.HELPER)
    chips = page.pairings_model.index(1, PairingColumn.PROGRESS).data(PROGRESS_ROLE)
    assert [(c.term, c.progress) for c in chips] == [
        ("2026年春季学期", "退步"),
        ("2026年秋季学期", "进步"),
    ]
    assert "4" in page.tabs.tabText(UNPAIRED_TAB)
    assert page.unpaired_model.total_count() == 4

    click(qtbot, page.helpers_view, page.helpers_model.index(1, 1))
    assert shown_pairings(page) == [] and page.pairings_empty.isVisible()
    qtbot.mouseClick(page.all_check, Qt.MouseButton.LeftButton)
    assert shown_pairings(page) == ["李四", "张三"]
    assert not page.pairings_view.isColumnHidden(PairingColumn.HELPER)

    qtbot.keyClicks(page.helper_search, "wls")
    assert page.helpers_model.rowCount() == 1


def test_pairing_several_children_over_the_limit_is_said_and_done(
    qtbot, open_page, teacher, kids, care, boxes
):
    page = open_page()
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))
    qtbot.mouseClick(page.pair_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, PairingDialog) and dialog.helper().id == teacher
    assert dialog.fields["role"].value() == "代理家长"
    picker = dialog.picker
    first_four = [picker.model.id_at(r) for r in range(4)]
    assert set(first_four) == {kids[n] for n in ("王五", "赵六", "钱七", "孙八")}  # unpaired first
    assert picker.model.is_disabled(kids["张三"])  # already this helper's child

    for name in ("王五", "赵六"):
        click(qtbot, picker.table, picker.index_of(kids[name]))
    assert sorted(dialog.chosen_children()) == sorted([kids["王五"], kids["赵六"]])
    assert "李老师" in dialog.limit_warning() and "3" in dialog.limit_warning()

    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert changed
    assert len(boxes["warning"]) == 1 and "超过" in boxes["warning"][0]
    assert {p.child_name for p in care.pairings(helper_id=teacher)} == {
        "张三",
        "李四",
        "王五",
        "赵六",
    }
    assert sorted(shown_pairings(page)) == sorted(["张三", "李四", "王五", "赵六"])
    assert page.unpaired_model.total_count() == 2


def test_a_child_refused_does_not_stop_the_others(qtbot, open_page, teacher, kids, care, boxes):
    page = open_page()
    qtbot.mouseClick(page.pair_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, PairingDialog)
    dialog.picker.select([kids["王五"], kids["赵六"]])
    care.pair(teacher, kids["王五"], "代理家长")  # someone else was quicker
    with qtbot.waitSignal(dialog.paired, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert len(blocker.args[0]) == 1
    refused = [o for o in dialog.outcomes() if o.pairing_id is None]
    assert [o.child_id for o in refused] == [kids["王五"]] and "已经" in refused[0].error
    assert "王五" in boxes["warning"][0]


def test_the_pairing_dialog_needs_a_child_and_a_date_not_in_the_future(
    qtbot, open_page, teacher, care
):
    page = open_page()
    qtbot.mouseClick(page.pair_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, PairingDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "child_ids" in dialog.shown_errors() and dialog.children_message.isVisible()
    dialog.fields["start_date"].edit.setText((TODAY + dt.timedelta(days=1)).isoformat())
    assert dialog.fields["start_date"].box.kind == "error"
    assert len(care.pairings(helper_id=teacher)) == 2
    dialog.close()


def test_ending_a_pairing_asks_date_and_reason_and_keeps_it_greyed(
    qtbot, open_page, teacher, kids, care
):
    page = open_page()
    click(qtbot, page.pairings_view, page.pairings_model.index(pairing_row(page, "李四"), 0))
    assert page.end_button.isEnabled()
    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, EndPairingDialog)
    dialog.fields["end_date"].edit.setText("2026-08-01")  # before the start
    assert dialog.fields["end_date"].box.kind == "error"
    dialog.fields["end_date"].edit.setText(TODAY.isoformat())
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "end_reason" in dialog.shown_errors()
    dialog.fields["end_reason"].combo.setEditText("学生转学")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (p,) = [p for p in care.pairings(child_id=kids["李四"])]
    assert (p.end_date, p.end_reason) == (TODAY, "学生转学")
    row = page.pairings_model.row_of(p.id)
    assert page.pairings_model.index(row, PairingColumn.END).data() == TODAY.isoformat()
    assert page.pairings_model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert kids["李四"] in {r.id for r in page.unpaired_model.all_rows()}
    page.ended_check.setChecked(False)
    assert shown_pairings(page) == ["张三"]


def test_marking_a_helper_as_left_asks_first_then_ends_the_pairings(
    qtbot, open_page, teacher, care, school_id, boxes
):
    page = open_page()
    leave_text = page.active_button.text()
    boxes["answer"].append("no")
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert "李老师" in boxes["question"][0] and "2" in boxes["question"][0]
    assert care.helpers(school_id)[0].active

    boxes["answer"].append("yes")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    h = next(h for h in care.helpers(school_id) if h.id == teacher)
    assert not h.active and h.children == 0
    assert all(not p.active for p in care.pairings(helper_id=teacher))
    assert page.selected_helper_id() == teacher  # still chosen, now at the end and greyed
    assert not page.selected_helper().active and page.active_button.text() != leave_text
    assert shown_pairings(page) == ["李四", "张三"]  # ended, kept in the history
    assert page.unpaired_model.total_count() == 6

    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)  # helper again: no question
    assert len(boxes["question"]) == 2
    assert next(h for h in care.helpers(school_id) if h.id == teacher).active


def test_the_unpaired_tab_pairs_the_chosen_children_with_a_helper(
    qtbot, open_page, teacher, kids, care, school_id
):
    page = open_page()
    page.tabs.setCurrentIndex(UNPAIRED_TAB)
    qtbot.keyClicks(page.unpaired_search, "qq")  # 钱七
    assert page.unpaired_model.rowCount() == 1
    click(qtbot, page.unpaired_view, page.unpaired_model.index(0, 0))
    assert page.chosen_unpaired() == [kids["钱七"]]
    qtbot.mouseClick(page.pair_unpaired_button, Qt.MouseButton.LeftButton)
    dialog = page.current_dialog
    assert isinstance(dialog, PairingDialog)
    assert dialog.chosen_children() == [kids["钱七"]] and dialog.helper() is None
    wang = next(h.id for h in care.helpers(school_id) if h.name == "王老师")
    dialog.fields["helper_id"].set_value(wang)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [p.helper_name for p in care.pairings(child_id=kids["钱七"])] == ["王老师"]
    assert page.unpaired_model.total_count() == 3
    assert "3" in page.tabs.tabText(UNPAIRED_TAB)


def test_help_plan_and_a_term_review_show_in_the_chips(qtbot, open_page, teacher, kids, care):
    page = open_page()
    at = pairing_row(page, "李四")
    click(qtbot, page.pairings_view, page.pairings_model.index(at, 0), double=True)
    dialog = page.current_dialog
    assert isinstance(dialog, PlanDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.reviews() == [] and dialog.reviews_empty.isVisible()
    assert not dialog.save_plan_button.isEnabled()  # nothing to save yet

    type_chinese(dialog.plan_fields["study_situation"].edit, "数学偏弱")
    type_chinese(dialog.plan_fields["goals"].edit, "期末数学及格")
    assert dialog.plan_dirty() and dialog.save_plan_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.save_plan_button, Qt.MouseButton.LeftButton)
    (p,) = care.pairings(child_id=kids["李四"])
    assert (p.study_situation, p.goals) == ("数学偏弱", "期末数学及格")
    assert not dialog.plan_dirty()

    qtbot.mouseClick(dialog.add_review_button, Qt.MouseButton.LeftButton)
    assert "progress" in dialog.review_errors()  # the result must be chosen
    assert dialog.review_fields["term"].value() == ""  # no calendar: typed by hand
    dialog.review_fields["term"].combo.setEditText("2026年秋季学期")
    choose(dialog.review_fields["progress"].combo, "持平")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.add_review_button, Qt.MouseButton.LeftButton)
    assert [(r.term, r.progress) for r in dialog.reviews()] == [("2026年秋季学期", "持平")]
    assert [c.progress for c in dialog.chips.items()] == ["持平"]
    assert dialog.review_table.rowCount() == 1

    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.reject()
    row = page.pairings_model.row_of(p.id)
    chips = page.pairings_model.index(row, PairingColumn.PROGRESS).data(PROGRESS_ROLE)
    assert [c.progress for c in chips] == ["持平"]


def test_closing_the_plan_with_changes_offers_to_save(
    qtbot, open_page, teacher, kids, care, monkeypatch
):
    page = open_page()
    click(qtbot, page.pairings_view, page.pairings_model.index(pairing_row(page, "张三"), 0))
    dialog = page.open_plan()
    assert isinstance(dialog, PlanDialog)
    type_chinese(dialog.plan_fields["help_times"].edit, "每周二放学后")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.reject()
    assert care.pairings(child_id=kids["张三"])[0].help_times == "每周二放学后"


def test_open_archive_asks_for_the_child(qtbot, open_page, teacher, kids):
    page = open_page()
    click(qtbot, page.pairings_view, page.pairings_model.index(pairing_row(page, "张三"), 0))
    with qtbot.waitSignal(page.open_child, timeout=1000) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [kids["张三"]]


def test_the_limit_per_teacher_is_saved(qtbot, open_page, teacher, care, school_id):
    page = open_page()
    assert page.limit_spin.value() == 3
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.limit_spin.setValue(5)
    assert care.pairing_limit(school_id) == 5


def test_an_empty_school_says_what_to_do(qtbot, open_page, kids):
    page = open_page()
    assert page.helpers_model.rowCount() == 0
    assert page.pairings_empty.isVisible() and not page.pair_button.isEnabled()
    assert page.unpaired_model.total_count() == len(NAMES)
