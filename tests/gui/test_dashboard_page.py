"""The dashboard: the figures of ``duties status``, who is behind, each helper's own to-do,
the lists of children not visited or not paired, and the urgent banner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox, QTableView

from liushou_desktop.domain.archive import Assessment
from liushou_desktop.domain.duties import Term, Unit, UnitState, Window
from liushou_desktop.gui.dialogs.duty_calendar_dialog import DutyCalendarDialog
from liushou_desktop.gui.views import dashboard_page
from liushou_desktop.gui.views.dashboard_page import DashboardData, DashboardPage, window_text
from liushou_desktop.gui.widgets.duty_tables import ID_ROLE, Col, RowTableModel
from liushou_desktop.services.care import (
    CareService,
    DutyLine,
    DutyReport,
    HelperDraft,
    RecordDraft,
)
from tests.conftest import TODAY, make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = dt.date


# --- a school with care work -------------------------------------------------------------------


def care_school(service, care: CareService, school_id: str) -> SimpleNamespace:
    """Five children in three classes, two teachers, a calendar, three rules and some records."""
    kids = [
        service.create(
            make_archive(school_id, name, serial=n, grade=grade, class_no=class_no)
        ).child_id
        for n, (name, grade, class_no) in enumerate(
            [("张三", 3, 1), ("李四", 3, 1), ("王五", 4, 2), ("赵六", 4, 2), ("钱七", 5, 1)]
        )
    ]
    service.add_assessment(kids[2], Assessment(D(2026, 9, 5), 1, 1, "差", "李老师"))
    service.add_assessment(kids[3], Assessment(D(2026, 9, 5), 2, 2, "一般", "李老师"))
    service.add_assessment(kids[0], Assessment(D(2026, 9, 5), 3, 3, "一般", "李老师"))
    care.add_term(school_id, "2026年春季学期", D(2026, 2, 20), D(2026, 7, 5))
    care.add_term(school_id, "2026年秋季学期", D(2026, 9, 1), D(2027, 1, 20))
    care.add_rule(school_id, "每学期家访一次", frozenset({"家访"}), 1, "每学期")
    care.add_rule(school_id, "每月谈心一次", frozenset({"谈心"}), 1, "每月")
    care.add_rule(school_id, "一级儿童每月家访", frozenset({"家访"}), 1, "每月", frozenset({1}))
    li = care.add_helper(school_id, HelperDraft("教师", "李老师", "13900001111", subject="语文"))
    wang = care.add_helper(school_id, HelperDraft("教师", "王老师", "13900002222", subject="数学"))
    care.pair(li, kids[0], "代理家长", D(2026, 9, 1))
    care.pair(li, kids[1], "代理家长", D(2026, 9, 1))
    care.pair(wang, kids[2], "代理家长", D(2026, 9, 1))
    care.pair(wang, kids[3], "学习帮手", D(2026, 11, 10))
    for kind, on, child, helper, extra in [
        ("家访", D(2026, 10, 1), kids[0], li, {}),
        ("谈心", D(2026, 9, 10), kids[0], li, {}),
        ("谈心", D(2026, 10, 10), kids[0], li, {}),
        ("谈心", D(2026, 11, 5), kids[1], None, {}),
        (
            "家访",
            D(2026, 9, 20),
            kids[2],
            wang,
            {"follow_up": "联系村委会申请临时救助", "follow_up_due": D(2026, 10, 1)},
        ),
    ]:
        care.add_record(
            school_id, RecordDraft(kind, on, [child], "记录", helper_id=helper, **extra)
        )
    care.add_record(
        school_id, RecordDraft("监护人座谈会", D(2026, 10, 15), [kids[3], kids[4]], "座谈会")
    )
    visit = care.book_visit(kids[4], TODAY + dt.timedelta(days=3), "了解期中考试情况")
    incident = care.report_incident(kids[2], "独居无人监护", D(2026, 11, 20), "祖母住院")
    return SimpleNamespace(kids=kids, li=li, wang=wang, visit=visit, incident=incident)


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def school(service, care, school_id) -> SimpleNamespace:
    return care_school(service, care, school_id)


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: seen.append(text) or None
    )
    return seen


@pytest.fixture
def open_page(
    qtbot, runner, care, service, school_id, warnings
) -> Iterator[Callable[[], DashboardPage]]:
    pages: list[DashboardPage] = []

    def make() -> DashboardPage:
        page = DashboardPage(runner, care, service, school_id)
        pages.append(page)
        page.resize(1200, 800)
        page.show()
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            page.reload()
        return page

    yield make
    for page in pages:
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        for dialog in page.findChildren(DutyCalendarDialog):
            dialog.close()
        page.close()
        page.deleteLater()


def table_lines(model: RowTableModel, first: int = 0) -> list[dict[str, object]]:
    """What the table shows, as the JSON report's lines: id, name and the four counts."""
    n = model.columnCount()
    lines = []
    for r in range(model.rowCount()):
        texts = [model.index(r, c).data() for c in range(n)]
        lines.append(
            {
                "id": model.index(r, 0).data(ID_ROLE),
                "name": texts[first],
                "required": int(texts[n - 4]),
                "done": int(texts[n - 3]),
                "due": int(texts[n - 2]),
                "overdue": int(texts[n - 1]),
            }
        )
    return lines


def double_click(qtbot, table: QTableView, row: int, column: int = 0) -> None:
    index = table.model().index(row, column)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# --- the figures -------------------------------------------------------------------------------


def test_counts_agree_with_duties_status(open_page, school, care, school_id):
    page = open_page()
    expected = care.duties_status(school_id, TODAY).to_json()  # = liushou duties status --json
    assert expected["helpers"] and expected["children"] and expected["classes"]
    assert table_lines(page.helpers_model) == expected["helpers"]
    assert table_lines(page.children_model) == expected["children"]
    assert table_lines(page.classes_model) == expected["classes"]
    assert expected["term"]["name"] in page.term_label.text()
    assert not page.setup_card.isVisible()
    overdue = sum(c["overdue"] for c in expected["children"])
    assert overdue > 0 and page.stats.values["overdue"].text() == str(overdue)
    assert page.stats.values["behind"].text() == str(
        sum(1 for c in expected["children"] if c["overdue"])
    )


def test_level_one_and_two_children_come_first_and_stand_out(open_page, school):
    page = open_page()
    model = page.children_model
    assert [model.index(r, 0).data() for r in range(2)] == ["王五", "赵六"]
    assert model.index(0, 2).data() == "一级" and model.index(1, 2).data() == "二级"
    font = model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole) is None  # 三级: plain


def test_filter_shows_only_children_behind(qtbot, open_page, school, care, school_id):
    page = open_page()
    report = care.duties_status(school_id, TODAY)
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.children_table.parentWidget()))
    page.behind_combo.setCurrentIndex(page.behind_combo.findData("overdue"))
    shown = {page.children_model.row_id(r) for r in range(page.children_model.rowCount())}
    assert shown == {c.key for c in report.children if c.overdue}
    assert page.children_count.text().startswith(str(len(shown)))
    page.behind_combo.setCurrentIndex(page.behind_combo.findData("behind"))
    shown = {page.children_model.row_id(r) for r in range(page.children_model.rowCount())}
    assert shown == {c.key for c in report.children if c.overdue or c.due}
    page.behind_combo.setCurrentIndex(page.behind_combo.findData("all"))
    qtbot.keyClicks(page.child_search, "zs")  # pinyin initials of 张三
    assert [
        page.children_model.index(r, 0).data() for r in range(page.children_model.rowCount())
    ] == ["张三"]


def test_my_todo_lists_the_helpers_own_units(open_page, school, care, school_id):
    page = open_page()
    assert page.helper_combo.currentIndex() == -1  # 测试员 is nobody's helper
    assert page.todo_model.rowCount() == 0
    page.helper_combo.setCurrentIndex(page.helper_combo.findData(school.wang))
    report = care.duties_status(school_id, TODAY)
    rules = {r.id: r.name for r, _ in care.rules(school_id)}
    names = {school.kids[2]: "王五", school.kids[3]: "赵六"}
    expected = sorted(
        (names[u.child_id], rules[u.rule_id], window_text(u.window), str(u.missing), u.state.value)
        for u in report.units
        if u.helper_id == school.wang and u.state is not UnitState.MET
    )
    shown = sorted(
        tuple(page.todo_model.index(r, c).data() for c in (0, 2, 3, 4, 5))
        for r in range(page.todo_model.rowCount())
    )
    assert shown == expected and expected
    first = page.todo_model.row(0).unit
    assert first.state is UnitState.OVERDUE  # the overdue ones first
    assert "王五" in {row[0] for row in shown} and "赵六" in {row[0] for row in shown}


def test_two_teachers_of_one_name_can_be_told_apart(open_page, school, care, school_id):
    first = care.add_helper(
        school_id, HelperDraft("教师", "吴晓燕", "13900003333", subject="数学", grade=3, class_no=2)
    )
    second = care.add_helper(
        school_id, HelperDraft("教师", "吴晓燕", "13900004444", subject="英语")
    )
    aunt = care.add_helper(school_id, HelperDraft("校外", "刘阿姨", "13700001111"))
    page = open_page()
    combo = page.helper_combo
    assert combo.itemText(combo.findData(first)) == "吴晓燕（教师·数学·三年级(2)班）"
    assert combo.itemText(combo.findData(second)) == "吴晓燕（教师·英语）"
    assert combo.itemText(combo.findData(school.li)) == "李老师（教师·语文）"
    assert combo.itemText(combo.findData(aunt)) == "刘阿姨（校外）"


def test_an_operator_who_is_a_helper_sees_their_own_list_at_once(
    qtbot, runner, care, service, school_id, school
):
    care.ctx.author = "李老师"
    page = DashboardPage(runner, care, service, school_id)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    assert page.helper_combo.currentData() == school.li
    assert {page.todo_model.row(r).unit.helper_id for r in range(page.todo_model.rowCount())} == {
        school.li
    }
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    page.deleteLater()


def test_lists_of_children_not_visited_not_paired_follow_ups_and_visits(open_page, school):
    page = open_page()
    kids = school.kids
    not_visited = {
        page.not_visited_model.row_id(r) for r in range(page.not_visited_model.rowCount())
    }
    assert not_visited == {kids[1], kids[3], kids[4]}  # 张三 and 王五 had a home visit
    assert [page.unpaired_model.row_id(r) for r in range(page.unpaired_model.rowCount())] == [
        kids[4]
    ]
    assert page.follow_ups_model.rowCount() == 1
    assert page.follow_ups_model.index(0, 1).data() == "王五"
    assert page.follow_ups_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.appointments_model.rowCount() == 1
    assert page.appointments_model.index(0, 1).data() == "钱七"
    titles = [page.tabs.tabText(n) for n in range(page.tabs.count())]
    assert any(t.endswith("(3)") for t in titles)  # not visited this term


def test_urgent_banner_until_the_incident_is_closed(qtbot, open_page, school, care):
    page = open_page()
    assert page.banner.isVisible()
    assert page.banner.child_names() == ["王五"]
    assert "1" in page.banner.title.text()
    with qtbot.waitSignal(page.open_child, timeout=1000) as clicked:
        page.banner.details.linkActivated.emit(school.kids[2])
    assert clicked.args == [school.kids[2]]
    page.set_banner_enabled(False)  # the main window shows its own banner above every page
    assert not page.banner.isVisible()
    with qtbot.waitSignal(page.incidents_loaded, timeout=10_000) as got:
        page.reload()
    assert [i.child_name for i in got.args[0]] == ["王五"]
    assert not page.banner.isVisible()
    page.set_banner_enabled(True)
    assert page.banner.isVisible()
    care.update_incident(
        school.incident,
        reported_on=D(2026, 11, 20),
        reported_to="镇派出所",
        follow_up="",
        outcome="姑姑接回照看",
        closed_on=D(2026, 11, 21),
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload_button.click()
    assert not page.banner.isVisible()


def test_double_clicks_open_a_child_or_a_helpers_list(qtbot, open_page, school):
    page = open_page()
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.children_table.parentWidget()))
    with qtbot.waitSignal(page.open_child, timeout=1000) as opened:
        double_click(qtbot, page.children_table, 0)
    assert opened.args == [school.kids[2]]  # 王五, 一级, first

    page.tabs.setCurrentIndex(page.tabs.indexOf(page.helpers_table.parentWidget()))
    at = next(
        r for r in range(page.helpers_model.rowCount()) if page.helpers_model.row_id(r) == school.li
    )
    double_click(qtbot, page.helpers_table, at)
    assert page.tabs.currentIndex() == 0 and page.helper_combo.currentData() == school.li

    page.tabs.setCurrentIndex(page.tabs.indexOf(page.classes_table.parentWidget()))
    double_click(qtbot, page.classes_table, 0)  # 三年级(1)班
    assert page.tabs.currentWidget() is page.children_table.parentWidget()
    shown = {page.children_model.row_id(r) for r in range(page.children_model.rowCount())}
    assert shown == {school.kids[0], school.kids[1]}


# --- no calendar yet ---------------------------------------------------------------------------


def test_without_a_calendar_the_page_asks_for_it_and_counts_once_it_is_set(
    qtbot, open_page, service, school_id, care
):
    service.create(make_archive(school_id, "张三"))
    page = open_page()
    assert page.setup_card.isVisible() and page.helpers_model.rowCount() == 0
    assert page.setup_button.isVisible()
    with qtbot.waitSignal(page.open_calendar, timeout=1000):
        qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
    (dialog,) = page.findChildren(DutyCalendarDialog)
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=5000)

    qtbot.keyClicks(dialog.term_fields["start_date"].edit, "2026-09-01")
    qtbot.keyClicks(dialog.term_fields["end_date"].edit, "2027-01-20")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.add_term_button, Qt.MouseButton.LeftButton)
    assert page.setup_card.isVisible()  # a term, but no rules yet
    assert "2026年秋季学期" in page.term_label.text()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=5000)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.preset_buttons["四个一次"], Qt.MouseButton.LeftButton)
    assert not page.setup_card.isVisible()
    assert page.children_model.rowCount() == 1
    expected = care.duties_status(school_id, TODAY).to_json()
    assert table_lines(page.children_model) == expected["children"]


# --- the table model and speed -----------------------------------------------------------------


def test_row_model_passes_the_qt_model_tester(qtmodeltester):
    model = RowTableModel(
        [
            Col("name", lambda r: r[1]),
            Col("n", lambda r: str(r[2]), lambda r: r[2], "right", alarm=lambda r: r[2] > 2),
        ],
        key=lambda r: r[0],
        risk_level=lambda r: r[3],
        checkable=lambda r: r[2] % 2 == 0,
    )
    qtmodeltester.check(model)
    model.set_rows([("a", "甲", 3, 1), ("b", "乙", 1, None), ("c", "丙", 2, 2)])
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.row_id(r) for r in range(3)] == ["a", "c", "b"]
    model.set_filter(lambda r: r[2] > 1)
    assert model.visible_count() == 2 and model.total_count() == 3
    model.sort(-1)
    assert [model.row_id(r) for r in range(2)] == ["a", "c"]
    model.set_rows([])
    qtmodeltester.check(model)


def synthetic_data(n_children: int = 2000, n_helpers: int = 300) -> DashboardData:
    from tests.gui.test_children_model import make_row

    rows = [
        make_row(f"儿童{i}", grade=1 + i % 6, class_no=1 + i % 3, risk_level=1 + i % 4)
        for i in range(n_children)
    ]
    term = Term("2026年秋季学期", D(2026, 9, 1), D(2027, 1, 20), "2026-2027")
    children = [
        DutyLine(r.id, r.name, 4, i % 4, 1, i % 3, r.risk_level) for i, r in enumerate(rows)
    ]
    helpers = [DutyLine(f"h{i}", f"老师{i}", 20, 10, 5, 5) for i in range(n_helpers)]
    units = [
        Unit(
            "rule",
            r.id,
            f"h{i % n_helpers}",
            Window(D(2026, 11, 1), D(2026, 11, 30)),
            1,
            0,
            UnitState.DUE,
        )
        for i, r in enumerate(rows)
    ]
    report = DutyReport(TODAY, term, [], children, helpers, [], units)
    return DashboardData(
        on=TODAY,
        report=report,
        children={r.id: r for r in rows},
        helpers=[],
        rule_names={"rule": "每月家访一次"},
        active_rules=1,
        helpers_of={},
        not_visited=[r.id for r in rows[::2]],
        unpaired=[r.id for r in rows[::7]],
        follow_ups=[],
        appointments=[],
        incidents=[],
    )


def test_two_thousand_children_are_shown_at_once(
    qtbot, runner, care, service, school_id, monkeypatch
):
    data = synthetic_data()
    monkeypatch.setattr(dashboard_page, "load_dashboard", lambda *a, **k: data)
    page = DashboardPage(runner, care, service, school_id)
    page.resize(1366, 860)
    page.show()
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.children_table.parentWidget()))
    # (speed is measured in bench/dashboard.py, not asserted here)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    page.grab()  # laid out and painted
    assert page.children_model.rowCount() == 2000
    assert page.not_visited_model.rowCount() == 1000
    page.behind_combo.setCurrentIndex(page.behind_combo.findData("overdue"))
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    page.close()
    page.deleteLater()
