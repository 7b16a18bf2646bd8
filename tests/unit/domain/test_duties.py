"""Duty arithmetic against cases worked by hand (see the module docstring for the rules)."""

import datetime as dt

from liushou_desktop.domain.duties import (
    DutyChild,
    DutyPairing,
    DutyRecord,
    DutyRule,
    Period,
    Term,
    UnitState,
    Window,
    current_term,
    evaluate,
    tally,
    windows,
)

D = dt.date
AUTUMN = Term("2026年秋季学期", D(2026, 9, 1), D(2027, 1, 20), "2026-2027")  # starts on a Tuesday
SPRING = Term("2027年春季学期", D(2027, 2, 20), D(2027, 7, 5), "2026-2027")
TERMS = [AUTUMN, SPRING]
A = DutyChild("a", 3, frozenset({"留守"}))
B = DutyChild("b", 1, frozenset({"留守", "贫困"}))
TALK_TWICE_A_WEEK = DutyRule("talk", "每周谈心两次", frozenset({"谈心"}), 2, Period.WEEK)


def rec(kind, on, *children, helper=None):
    return DutyRecord(kind, on, frozenset(children), helper)


def test_current_term_and_holidays():
    assert current_term(TERMS, D(2026, 10, 1)) is AUTUMN
    assert current_term(TERMS, D(2027, 2, 5)) is AUTUMN  # winter holiday: the term just ended
    assert current_term(TERMS, D(2027, 3, 1)) is SPRING
    assert current_term(TERMS, D(2026, 8, 1)) is None


def test_weeks_months_and_two_month_blocks_of_a_term():
    weeks = windows(Period.WEEK, AUTUMN)
    # Mon 31 Aug–6 Sep has 6 of its 7 days in term: counted. The last week, Mon 18–Sun 24
    # Jan, has 3 days in term: not counted.
    assert weeks[0] == Window(D(2026, 8, 31), D(2026, 9, 6))
    assert weeks[-1] == Window(D(2027, 1, 11), D(2027, 1, 17))
    assert len(weeks) == 20
    months = windows(Period.MONTH, AUTUMN)
    assert [w.start.month for w in months] == [9, 10, 11, 12, 1]  # 20 of January's 31 days
    blocks = windows(Period.TWO_MONTHS, AUTUMN)
    # Sep–Oct, Nov–Dec; Jan–Feb has only 20 of 59 days in term
    assert blocks == [
        Window(D(2026, 9, 1), D(2026, 10, 31)),
        Window(D(2026, 11, 1), D(2026, 12, 31)),
    ]
    assert windows(Period.TERM, AUTUMN) == [Window(AUTUMN.start, AUTUMN.end)]
    assert windows(Period.SCHOOL_YEAR, AUTUMN, TERMS) == [Window(D(2026, 9, 1), D(2027, 7, 5))]


def test_weekly_rule_met_overdue_and_due():
    records = [
        rec("谈心", D(2026, 9, 2), "a"),
        rec("谈心", D(2026, 9, 4), "a"),  # week 1: 2 of 2
        rec("谈心", D(2026, 9, 8), "a"),  # week 2: 1 of 2, ended → overdue by 1
        rec("谈心", D(2026, 9, 15), "a"),  # week 3 (current): 1 of 2 → 1 due
        rec("家访", D(2026, 9, 15), "a"),  # another kind: does not count
    ]
    units = evaluate([TALK_TWICE_A_WEEK], [A], records, [], TERMS, D(2026, 9, 16))
    assert [u.state for u in units] == [UnitState.MET, UnitState.OVERDUE, UnitState.DUE]
    t = tally(units, "child")["a"]
    assert (t.required, t.done, t.due, t.overdue, t.units_overdue) == (6, 4, 1, 1, 1)
    assert tally(units, "rule")["talk"].required == 6


def test_extra_records_do_not_make_up_for_another_week():
    records = [rec("谈心", D(2026, 9, 2), "a")] * 5
    units = evaluate([TALK_TWICE_A_WEEK], [A], records, [], TERMS, D(2026, 9, 9))
    assert [(u.done, u.state) for u in units] == [(2, UnitState.MET), (0, UnitState.DUE)]


def test_rule_for_level_one_children_only():
    rule = DutyRule("l1", "一级儿童每月家访", frozenset({"家访"}), 1, Period.MONTH, frozenset({1}))
    units = evaluate([rule], [A, B], [], [], TERMS, D(2026, 10, 10))
    assert {u.child_id for u in units} == {"b"}
    assert [u.state for u in units] == [UnitState.OVERDUE, UnitState.DUE]


def test_rule_for_a_category():
    rule = DutyRule(
        "p", "贫困儿童每学期帮扶", frozenset({"帮扶活动"}), 1, Period.TERM, category="贫困"
    )
    units = evaluate([rule], [A, B], [], [], TERMS, D(2026, 10, 10))
    assert [u.child_id for u in units] == ["b"]


def test_a_record_covering_several_children_counts_for_each():
    rule = DutyRule("m", "每月监护人座谈会", frozenset({"监护人座谈会"}), 1, Period.MONTH)
    records = [rec("监护人座谈会", D(2026, 9, 20), "a", "b")]
    units = evaluate([rule], [A, B], records, [], TERMS, D(2026, 9, 30))
    assert all(u.state is UnitState.MET for u in units) and len(units) == 2


def test_several_kinds_count_for_one_rule():
    rule = DutyRule("c", "每月联系家长两次", frozenset({"亲情电话", "联系家长"}), 2, Period.MONTH)
    records = [rec("亲情电话", D(2026, 9, 3), "a"), rec("联系家长", D(2026, 9, 20), "a")]
    units = evaluate([rule], [A], records, [], TERMS, D(2026, 9, 30))
    assert units[0].state is UnitState.MET


def test_helper_units_count_only_the_helpers_own_records():
    rule = DutyRule("v", "每学期家访一次", frozenset({"家访"}), 1, Period.TERM)
    pairing = DutyPairing("t1", "a", D(2026, 9, 1))
    records = [rec("家访", D(2026, 10, 8), "a", helper="t2")]  # another teacher visited
    units = evaluate([rule], [A], records, [pairing], TERMS, D(2026, 11, 1))
    child = next(u for u in units if u.helper_id is None)
    mine = next(u for u in units if u.helper_id == "t1")
    assert child.state is UnitState.MET
    assert mine.state is UnitState.DUE and mine.done == 0
    assert tally(units, "helper")["t1"].due == 1


def test_child_paired_mid_term():
    rule = DutyRule("v", "每学期家访一次", frozenset({"家访"}), 1, Period.TERM)
    early = DutyPairing("t1", "a", D(2026, 10, 1))  # covers 112 of the term's 142 days
    late = DutyPairing("t2", "a", D(2026, 12, 1))  # covers 51 days: owes nothing this term
    units = evaluate([rule], [A], [], [early, late], TERMS, D(2026, 12, 10))
    assert {u.helper_id for u in units} == {None, "t1"}


def test_helper_who_leaves_owes_nothing_after():
    pairing = DutyPairing("t1", "a", D(2026, 9, 1), end=D(2026, 9, 10))
    units = evaluate([TALK_TWICE_A_WEEK], [A], [], [pairing], TERMS, D(2026, 9, 16))
    helper_windows = [u.window.start for u in units if u.helper_id == "t1"]
    # week of 31 Aug: 6 days paired; week of 7 Sep: 4 of 7 days; week of 14 Sep: none
    assert helper_windows == [D(2026, 8, 31), D(2026, 9, 7)]
    assert len([u for u in units if u.helper_id is None]) == 3


def test_in_the_holiday_the_ended_term_is_final():
    rule = DutyRule("v", "每学期家访一次", frozenset({"家访"}), 1, Period.TERM)
    units = evaluate([rule], [A], [], [], TERMS, D(2027, 2, 5))
    assert [u.state for u in units] == [UnitState.OVERDUE]


def test_school_year_rule_is_due_until_the_year_ends():
    rule = DutyRule("y", "每学年书信一封", frozenset({"书信"}), 1, Period.SCHOOL_YEAR)
    units = evaluate([rule], [A], [], [], TERMS, D(2026, 12, 1))
    assert [(u.window.end, u.state) for u in units] == [(D(2027, 7, 5), UnitState.DUE)]


def test_no_calendar_no_duties():
    assert evaluate([TALK_TWICE_A_WEEK], [A], [], [], [], D(2026, 9, 16)) == []
