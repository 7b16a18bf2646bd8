"""Duty rules and the arithmetic of who is behind (三个二, 四个一次, …). Pure: no DB, no Qt.

A **rule** says: records of these kinds, this many, every period (week, month, two months, term,
school year), for these children (all, some risk levels, or one category). Periods live inside
the school calendar: a week or month counts for a term when at least half of its days fall in
it, so holidays owe nothing; a two-month block starts at the term's first month; a school
year is its terms together.

Each (rule, child, period) is a **unit**. For the child, every record of a counted kind that
covers the child and is dated inside the period counts, whoever wrote it. For a helper paired
with the child, only the helper's own records count, and the unit exists only when the
pairing covers at least half of the period (a child paired late in a term owes that helper
nothing for the term; a helper who left owes nothing after leaving).

A unit whose period has ended is **met** or **overdue**; the period containing the evaluation
date is **met** or **due**; later periods are not counted yet.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Period(StrEnum):
    WEEK = "每周"
    MONTH = "每月"
    TWO_MONTHS = "每两月"
    TERM = "每学期"
    SCHOOL_YEAR = "每学年"


class UnitState(StrEnum):
    MET = "已完成"
    DUE = "待完成"
    OVERDUE = "已逾期"


@dataclass(frozen=True)
class Term:
    name: str  # e.g. "2026年秋季学期"
    start: dt.date
    end: dt.date
    school_year: str  # e.g. "2026-2027"


@dataclass(frozen=True)
class DutyRule:
    id: str
    name: str
    kinds: frozenset[str]  # record kinds that count
    count: int
    period: Period
    risk_levels: frozenset[int] = frozenset()  # empty: every child
    category: str | None = None  # e.g. "留守"; None: every category


@dataclass(frozen=True)
class DutyChild:
    id: str
    risk_level: int | None
    categories: frozenset[str]


@dataclass(frozen=True)
class DutyRecord:
    kind: str
    on: dt.date
    child_ids: frozenset[str]
    helper_id: str | None  # the helper who wrote it, when the author is a registered helper


@dataclass(frozen=True)
class DutyPairing:
    helper_id: str
    child_id: str
    start: dt.date
    end: dt.date | None = None  # None: still active


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlap_days(self, start: dt.date, end: dt.date | None) -> int:
        last = min(self.end, end) if end is not None else self.end
        first = max(self.start, start)
        return max(0, (last - first).days + 1)


@dataclass(frozen=True)
class Unit:
    rule_id: str
    child_id: str
    helper_id: str | None  # None: the child's own unit (records by anyone)
    window: Window
    required: int
    done: int  # records counted, capped at required
    state: UnitState

    @property
    def missing(self) -> int:
        return self.required - self.done


@dataclass
class Tally:
    required: int = 0
    done: int = 0
    due: int = 0  # records still to do in current periods
    overdue: int = 0  # records missing from periods that have ended
    units_overdue: int = 0

    def add(self, unit: Unit) -> None:
        self.required += unit.required
        self.done += unit.done
        if unit.state is UnitState.DUE:
            self.due += unit.missing
        elif unit.state is UnitState.OVERDUE:
            self.overdue += unit.missing
            self.units_overdue += 1


def current_term(terms: Sequence[Term], on: dt.date) -> Term | None:
    """The term containing ``on``; in a holiday, the last term that has ended; else None."""
    ended = [t for t in terms if t.start <= on]
    for t in ended:
        if t.end >= on:
            return t
    return max(ended, key=lambda t: t.end) if ended else None


def _month_start(d: dt.date, add: int = 0) -> dt.date:
    index = d.year * 12 + d.month - 1 + add
    return dt.date(index // 12, index % 12 + 1, 1)


def windows(period: Period, term: Term, terms: Sequence[Term] = ()) -> list[Window]:
    """The period instances a term owes, in date order."""
    if period is Period.TERM:
        return [Window(term.start, term.end)]
    if period is Period.SCHOOL_YEAR:
        same_year = [t for t in terms if t.school_year == term.school_year] or [term]
        return [Window(min(t.start for t in same_year), max(t.end for t in same_year))]
    found: list[Window] = []
    if period is Period.WEEK:
        start = term.start - dt.timedelta(days=term.start.weekday())
        step = None
    else:
        start = _month_start(term.start)
        step = 1 if period is Period.MONTH else 2
    months = 0
    while start <= term.end:
        if step is None:
            window = Window(start, start + dt.timedelta(days=6))
            following = start + dt.timedelta(days=7)
        else:
            months += step
            following = _month_start(term.start, months)
            window = Window(start, following - dt.timedelta(days=1))
        if window.overlap_days(term.start, term.end) * 2 >= window.days:
            found.append(window)
        start = following
    return found


def applies(rule: DutyRule, child: DutyChild) -> bool:
    if rule.risk_levels and child.risk_level not in rule.risk_levels:
        return False
    return rule.category is None or rule.category in child.categories


@dataclass
class _Index:
    """Record dates by (child, kind), and by (child, kind, helper), sorted for bisect."""

    by_child: dict[tuple[str, str], list[dt.date]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_helper: dict[tuple[str, str, str], list[dt.date]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @classmethod
    def build(cls, records: Iterable[DutyRecord]) -> _Index:
        index = cls()
        for r in records:
            for child in r.child_ids:
                index.by_child[(child, r.kind)].append(r.on)
                if r.helper_id is not None:
                    index.by_helper[(child, r.kind, r.helper_id)].append(r.on)
        for dates in (*index.by_child.values(), *index.by_helper.values()):
            dates.sort()
        return index

    @staticmethod
    def count(dates: list[dt.date] | None, window: Window) -> int:
        if not dates:
            return 0
        return bisect_right(dates, window.end) - bisect_left(dates, window.start)


def _state(window: Window, on: dt.date, done: int, required: int) -> UnitState:
    if done >= required:
        return UnitState.MET
    return UnitState.OVERDUE if window.end < on else UnitState.DUE


def evaluate(
    rules: Sequence[DutyRule],
    children: Sequence[DutyChild],
    records: Iterable[DutyRecord],
    pairings: Sequence[DutyPairing],
    terms: Sequence[Term],
    on: dt.date,
) -> list[Unit]:
    """Every unit of the current term (see :func:`current_term`) up to ``on``."""
    term = current_term(terms, on)
    if term is None:
        return []
    index = _Index.build(records)
    by_child: dict[str, list[DutyPairing]] = defaultdict(list)
    for p in pairings:
        by_child[p.child_id].append(p)
    units: list[Unit] = []
    for rule in rules:
        rule_windows = [w for w in windows(rule.period, term, terms) if w.start <= on]
        if not rule_windows:
            continue
        for child in children:
            if not applies(rule, child):
                continue
            child_pairings = by_child.get(child.id, ())
            for window in rule_windows:
                done = sum(
                    _Index.count(index.by_child.get((child.id, kind)), window)
                    for kind in rule.kinds
                )
                done = min(done, rule.count)
                units.append(
                    Unit(
                        rule.id,
                        child.id,
                        None,
                        window,
                        rule.count,
                        done,
                        _state(window, on, done, rule.count),
                    )
                )
                for p in child_pairings:
                    if window.overlap_days(p.start, p.end) * 2 < window.days:
                        continue
                    mine = sum(
                        _Index.count(index.by_helper.get((child.id, kind, p.helper_id)), window)
                        for kind in rule.kinds
                    )
                    mine = min(mine, rule.count)
                    units.append(
                        Unit(
                            rule.id,
                            child.id,
                            p.helper_id,
                            window,
                            rule.count,
                            mine,
                            _state(window, on, mine, rule.count),
                        )
                    )
    return units


def tally(units: Iterable[Unit], key: str) -> dict[str, Tally]:
    """Sum units by ``"rule"``, ``"child"`` (the children's own units), ``"helper"``, or
    ``"helper_rule"`` (helpers' units by rule)."""
    totals: dict[str, Tally] = defaultdict(Tally)
    for u in units:
        if key in ("helper", "helper_rule"):
            if u.helper_id is not None:
                totals[u.helper_id if key == "helper" else u.rule_id].add(u)
        elif u.helper_id is None:
            totals[u.rule_id if key == "rule" else u.child_id].add(u)
    return dict(totals)
