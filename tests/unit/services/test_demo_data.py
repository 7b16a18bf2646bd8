"""The demo-data generator: deterministic, valid, consistent and roughly the right shape."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

import pytest

from liushou_desktop.domain.archive import (
    ChildArchive,
    ParentRecord,
    archive_warnings,
    phone_problem,
    validate_archive,
    validate_assessment,
)
from liushou_desktop.domain.enums import (
    Category,
    ContactFrequency,
    GuardianRelation,
    LeftBehindKind,
    RiskType,
    Sex,
    Status,
)
from liushou_desktop.domain.idcard import parse_id_number
from liushou_desktop.domain.risk import age_on
from liushou_desktop.services.demo_data import (
    DemoChild,
    generate_children,
    generate_classes,
)

TODAY = dt.date(2026, 11, 22)
N = 3000
MOBILE = re.compile(r"^1[3-9]\d{9}$")
GRANDPARENTS = {GuardianRelation.GRANDPARENTS.value, GuardianRelation.MATERNAL_GRANDPARENTS.value}
RELATIVES = {GuardianRelation.RELATIVE.value, GuardianRelation.OTHER.value}
PARENTS = {GuardianRelation.FATHER.value, GuardianRelation.MOTHER.value}


@pytest.fixture(scope="module")
def kids() -> list[DemoChild]:
    return generate_children(N, 42, TODAY)


def share(items: Iterable[bool]) -> float:
    values = list(items)
    return sum(values) / len(values)


def school_year_start(today: dt.date) -> dt.date:
    return dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def parents(archive: ChildArchive) -> tuple[ParentRecord, ParentRecord]:
    return archive.father, archive.mother


# --- determinism ---------------------------------------------------------------------------


def test_same_arguments_same_children() -> None:
    assert generate_children(300, 7, TODAY) == generate_children(300, 7, TODAY)
    assert generate_classes(7) == generate_classes(7)


def test_different_seed_different_children() -> None:
    a = generate_children(50, 1, TODAY)
    b = generate_children(50, 2, TODAY)
    assert [k.archive.child.name for k in a] != [k.archive.child.name for k in b]
    assert generate_classes(1) != generate_classes(2)


def test_more_children_extend_the_list() -> None:
    assert generate_children(40, 5, TODAY) == generate_children(120, 5, TODAY)[:40]


def test_ids_and_school_fields_are_left_to_the_caller(kids: list[DemoChild]) -> None:
    for k in kids:
        assert k.archive.child.id == "" and k.archive.child.school_id == ""
        assert all(a.id == "" and a.child_id == "" for a in k.assessments)


def test_records_are_not_shared_between_children(kids: list[DemoChild]) -> None:
    seen: set[int] = set()
    for k in kids:
        a = k.archive
        for obj in (a.child, a.guardian, a.father, a.mother, a.child.categories, a.child.aid):
            assert id(obj) not in seen
            seen.add(id(obj))


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        generate_children(-1, 1, TODAY)
    with pytest.raises(ValueError):
        generate_children(1, 1, TODAY, top_grade=0)
    with pytest.raises(ValueError):
        generate_classes(1, top_grade=13)
    assert generate_children(0, 1, TODAY) == []


# --- validity ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "today", "top_grade"),
    [
        (42, TODAY, 6),
        (3, dt.date(2026, 8, 31), 6),  # the last day of a school year
        (4, dt.date(2026, 9, 1), 6),  # the first day of the next one
        (5, dt.date(2028, 2, 29), 9),
        (6, dt.date(2026, 3, 15), 1),
    ],
)
def test_every_archive_validates(seed: int, today: dt.date, top_grade: int) -> None:
    kids = generate_children(1500, seed, today, top_grade)
    for k in kids:
        assert validate_archive(k.archive, today) == {}, k.archive.child
        assert archive_warnings(k.archive) == {}, k.archive.child
        assert 1 <= len(k.assessments) <= 3
        for a in k.assessments:
            assert validate_assessment(a, today) == {}
        assert 1 <= k.archive.child.grade <= top_grade


def test_ten_thousand_children() -> None:
    kids = generate_children(10_000, 11, TODAY)
    assert len(kids) == 10_000
    numbers = [k.archive.child.id_number for k in kids if k.archive.child.id_number]
    assert len(numbers) == len(set(numbers))


# --- ID numbers ----------------------------------------------------------------------------


def test_child_id_numbers_agree_with_birth_and_sex(kids: list[DemoChild]) -> None:
    regions = set()
    for k in kids:
        c = k.archive.child
        if not c.id_number:
            continue
        info = parse_id_number(c.id_number)
        assert info is not None
        assert info.birth_date == c.birth_date
        assert info.sex.value == c.sex
        regions.add(c.id_number[:6])
    assert len(regions) == 1  # one school, one county
    assert 0.01 < share(not k.archive.child.id_number for k in kids) < 0.06


def test_adult_id_numbers_agree_with_age_and_sex(kids: list[DemoChild]) -> None:
    owners: dict[str, set[str]] = {}
    for k in kids:
        a = k.archive
        for p, sex in ((a.father, Sex.MALE), (a.mother, Sex.FEMALE)):
            if p.id_number:
                info = parse_id_number(p.id_number)
                assert info is not None and info.sex is sex
                assert p.age == age_on(info.birth_date, TODAY)
        if a.guardian.id_number:
            info = parse_id_number(a.guardian.id_number)
            assert info is not None
            assert a.guardian.age == age_on(info.birth_date, TODAY)
        for number, name in (
            (a.father.id_number, a.father.name),
            (a.mother.id_number, a.mother.name),
            (a.guardian.id_number, a.guardian.name),
        ):
            if number:
                owners.setdefault(number, set()).add(name)
    # siblings share their parents and guardian; otherwise one number, one person
    assert all(len(names) == 1 for names in owners.values())


# --- ages, grades, classes -----------------------------------------------------------------


@pytest.mark.parametrize("today", [TODAY, dt.date(2027, 5, 10), dt.date(2027, 9, 1)])
def test_age_matches_grade(today: dt.date) -> None:
    start = school_year_start(today)
    kids = generate_children(1000, 8, today)
    gaps = Counter(age_on(k.archive.child.birth_date or today, start) - k.archive.child.grade
                   for k in kids)  # fmt: skip
    assert set(gaps) <= {5, 6}  # grade 1 is 6 (or 7) years old on 1 September
    assert gaps[5] / len(kids) > 0.85


def test_grades_classes_and_student_numbers(kids: list[DemoChild]) -> None:
    start = school_year_start(TODAY)
    grades = Counter(k.archive.child.grade for k in kids)
    assert set(grades) == set(range(1, 7))
    assert min(grades.values()) > N / 6 * 0.8
    assert {k.archive.child.class_no for k in kids} == {1, 2}
    numbers = [k.archive.child.student_no for k in kids]
    assert len(set(numbers)) == len(numbers)
    for k in kids:
        c = k.archive.child
        assert c.student_no.startswith(str(start.year - c.grade + 1))
        assert c.student_no.isdigit() and len(c.student_no) >= 10


def test_boarding_is_more_common_in_higher_grades(kids: list[DemoChild]) -> None:
    low = share(k.archive.child.boarding for k in kids if k.archive.child.grade <= 2)
    high = share(k.archive.child.boarding for k in kids if k.archive.child.grade >= 5)
    assert low < high
    assert 0.12 < share(k.archive.child.boarding for k in kids) < 0.28


def test_classes() -> None:
    classes = generate_classes(3, top_grade=9, classes_per_grade=3)
    assert len(classes) == 27
    assert {(c.grade, c.class_no) for c in classes} == {
        (g, n) for g in range(1, 10) for n in range(1, 4)
    }
    assert len({c.teacher_name for c in classes}) == 27
    for c in classes:
        assert 2 <= len(c.teacher_name) <= 4
        assert MOBILE.match(c.teacher_phone)
    assert len(generate_classes(3)) == 12


def test_assessors_include_the_class_teachers(kids: list[DemoChild]) -> None:
    teachers = {(c.grade, c.class_no): c.teacher_name for c in generate_classes(42)}
    by_teacher = share(
        a.assessor == teachers[(k.archive.child.grade, k.archive.child.class_no)]
        for k in kids
        for a in k.assessments
    )
    assert 0.5 < by_teacher < 0.8


# --- proportions ---------------------------------------------------------------------------


def test_sex_ratio(kids: list[DemoChild]) -> None:
    assert 0.48 < share(k.archive.child.sex == Sex.MALE for k in kids) < 0.56


def test_left_behind_kinds(kids: list[DemoChild]) -> None:
    kinds = Counter(k.archive.child.left_behind_kind for k in kids)
    assert 0.65 < kinds[LeftBehindKind.BOTH_AWAY] / N < 0.75
    assert 0.12 < kinds[LeftBehindKind.FATHER_AWAY] / N < 0.18
    assert 0.05 < kinds[LeftBehindKind.MOTHER_AWAY] / N < 0.11
    assert 0.015 < kinds[LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE] / N < 0.05
    assert 0.02 < kinds[LeftBehindKind.NOT_LEFT_BEHIND] / N < 0.065


def test_categories(kids: list[DemoChild]) -> None:
    cats = Counter(c for k in kids for c in k.archive.child.categories)
    assert 0.09 < cats[Category.POOR] / N < 0.16
    assert 0.04 < cats[Category.SINGLE_PARENT] / N < 0.085
    assert 0.01 < cats[Category.DISABLED] / N < 0.035
    assert 0 < cats[Category.ORPHAN] / N < 0.015
    assert 0.003 < cats[Category.UNSUPPORTED] / N < 0.02
    order = [c.value for c in Category]
    for k in kids:
        c = k.archive.child
        assert (Category.LEFT_BEHIND in c.categories) == (
            c.left_behind_kind != LeftBehindKind.NOT_LEFT_BEHIND
        )
        assert c.categories, "every archived child belongs to some category"
        assert c.categories == sorted(c.categories, key=order.index)
        assert len(set(c.categories)) == len(c.categories)
        assert bool(c.disability) == (Category.DISABLED in c.categories)
        assert c.income_sources


def test_aid_goes_mostly_to_poor_children(kids: list[DemoChild]) -> None:
    poor = [k.archive.child for k in kids if Category.POOR in k.archive.child.categories]
    assert share("低保" in c.aid for c in poor) > 0.5
    others = [k.archive.child for k in kids if Category.POOR not in k.archive.child.categories]
    assert share("低保" in c.aid for c in others) < 0.02


def test_guardians_follow_the_town_statistics(kids: list[DemoChild]) -> None:
    # Seed 004: 隔代监护 74 %, 寄养 25 %, 无人监护 1 % (children with no parent at home)
    relations = Counter(
        k.archive.guardian.relation for k in kids if k.archive.guardian.relation not in PARENTS
    )
    total = sum(relations.values())
    grand = sum(relations[r] for r in GRANDPARENTS) / total
    relatives = sum(relations[r] for r in RELATIVES) / total
    nobody = relations[GuardianRelation.NONE] / total
    assert 0.68 < grand < 0.80
    assert 0.19 < relatives < 0.31
    assert 0.001 < nobody < 0.03


def test_risk_levels_and_guardian_assessments(kids: list[DemoChild]) -> None:
    latest = Counter(k.assessments[-1].risk_level for k in kids)
    assert 0.005 < latest[1] / N < 0.04
    assert 0.05 < latest[2] / N < 0.12
    assert 0.25 < latest[3] / N < 0.36
    assert 0.53 < latest[4] / N < 0.67
    ga = Counter(a.guardian_assessment for k in kids for a in k.assessments)
    total = sum(ga.values())
    assert 0.38 < ga["较好"] / total < 0.52
    assert 0.38 < ga["一般"] / total < 0.52
    assert 0.06 < ga["差"] / total < 0.15
    # worse guardianship goes with higher risk
    poor_high = share(a.guardian_assessment == "差" for k in kids for a in k.assessments
                      if a.risk_level <= 2)  # fmt: skip
    poor_low = share(a.guardian_assessment == "差" for k in kids for a in k.assessments
                     if a.risk_level == 4)  # fmt: skip
    assert poor_high > 3 * poor_low


def test_statuses(kids: list[DemoChild]) -> None:
    statuses = Counter(k.archive.child.status for k in kids)
    assert 0.85 < statuses[Status.ENROLLED] / N < 0.98
    assert 0.005 < statuses[Status.TRANSFERRED_OUT] / N < 0.04
    assert 0.002 < statuses[Status.DROPPED_OUT] / N < 0.025
    assert 0.005 < statuses[Status.NO_LONGER_LEFT_BEHIND] / N < 0.04
    for k in kids:
        c = k.archive.child
        if c.status == Status.ENROLLED:
            assert c.status_date is None and c.status_reason == ""
        else:
            assert c.status_date is not None and c.status_date <= TODAY
            assert c.status_reason
        if c.status == Status.NO_LONGER_LEFT_BEHIND:
            assert c.left_behind_kind != LeftBehindKind.NOT_LEFT_BEHIND


def test_siblings_share_their_family(kids: list[DemoChild]) -> None:
    families: dict[tuple[str, ...], list[DemoChild]] = {}
    for k in kids:
        a = k.archive
        key = (a.father.name, a.father.phone, a.mother.name, a.guardian.name, a.child.address)
        families.setdefault(key, []).append(k)
    in_families = sum(len(v) for v in families.values() if len(v) > 1)
    assert 0.02 < in_families / N < 0.12
    for members in families.values():
        if len(members) > 1:
            first = members[0].archive
            assert len({m.archive.child.name[:1] for m in members}) == 1
            assert len({m.archive.child.name for m in members}) == len(members)
            assert all(m.archive.child.left_behind_kind == first.child.left_behind_kind
                       for m in members)  # fmt: skip


# --- consistency of each archive -----------------------------------------------------------


def test_guardian_matches_the_left_behind_kind(kids: list[DemoChild]) -> None:
    for k in kids:
        a = k.archive
        kind, relation = a.child.left_behind_kind, a.guardian.relation
        f, m = a.father, a.mother
        if kind == LeftBehindKind.BOTH_AWAY:
            assert f.away and m.away
            assert relation not in PARENTS
        elif kind == LeftBehindKind.FATHER_AWAY:
            assert f.away and not m.away and m.capable
            assert relation == GuardianRelation.MOTHER and a.guardian.name == m.name
        elif kind == LeftBehindKind.MOTHER_AWAY:
            assert m.away and not f.away and f.capable
            assert relation == GuardianRelation.FATHER and a.guardian.name == f.name
        elif kind == LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE:
            assert f.away != m.away
            at_home = m if f.away else f
            assert not at_home.capable
            assert relation not in PARENTS
        else:
            assert not f.away and not m.away
            if relation in PARENTS:
                home = f if relation == GuardianRelation.FATHER else m
                assert home.capable and a.guardian.phone == home.phone
            else:
                assert Category.ORPHAN in a.child.categories or (
                    Category.UNSUPPORTED in a.child.categories
                )
        if relation == GuardianRelation.NONE:
            assert a.guardian.name == "" and a.guardian.phone == ""
            assert not a.guardian.agreement_signed
        else:
            assert a.guardian.name and MOBILE.match(a.guardian.phone)


def test_risk_type_follows_the_guardian(kids: list[DemoChild]) -> None:
    # 一类 nobody, 二类 relatives/others, 三类 grandparents; a parent at home is recorded as 三类
    expected = {
        GuardianRelation.NONE.value: RiskType.NO_GUARDIAN,
        GuardianRelation.RELATIVE.value: RiskType.RELATIVES,
        GuardianRelation.OTHER.value: RiskType.RELATIVES,
        GuardianRelation.GRANDPARENTS.value: RiskType.GRANDPARENTS,
        GuardianRelation.MATERNAL_GRANDPARENTS.value: RiskType.GRANDPARENTS,
        GuardianRelation.FATHER.value: RiskType.GRANDPARENTS,
        GuardianRelation.MOTHER.value: RiskType.GRANDPARENTS,
    }
    for k in kids:
        for a in k.assessments:
            assert a.risk_type == expected[k.archive.guardian.relation]
    nobody = [k for k in kids if k.archive.guardian.relation == GuardianRelation.NONE]
    assert share(k.assessments[-1].risk_level <= 2 for k in nobody) > 0.5


def test_orphans_and_single_parents(kids: list[DemoChild]) -> None:
    for k in kids:
        a = k.archive
        cats = a.child.categories
        if Category.ORPHAN in cats:
            assert not a.father.capable and not a.mother.capable
            assert a.guardian.relation not in PARENTS
        if Category.SINGLE_PARENT in cats:
            assert any(not p.capable or "离异" in p.home_frequency for p in parents(a))
        for p in parents(a):
            if "去世" in p.home_frequency or "病故" in p.home_frequency:
                assert not p.away and not p.capable
                assert p.employer == "" and p.expectations == "" and p.phone == ""


def test_parent_records(kids: list[DemoChild]) -> None:
    contacts = {c.value for c in ContactFrequency} | {""}
    for k in kids:
        for p in parents(k.archive):
            assert p.contact_frequency in contacts
            if p.age is not None:
                assert 28 <= p.age <= 45
            if p.phone:
                assert MOBILE.match(p.phone)
            assert phone_problem(p.phone) is None
            if p.away:
                assert p.capable and p.name and p.phone
                assert p.employer and p.trade and p.work_province and p.work_city and p.income
                assert re.match(r"^\d{4}-(0[1-9]|1[0-2])$", p.left_since)
                assert p.left_since <= f"{TODAY:%Y-%m}"
                assert p.contact_frequency and p.home_frequency
            else:
                assert p.work_province == "" and p.left_since == ""


def test_guardian_records(kids: list[DemoChild]) -> None:
    for k in kids:
        g = k.archive.guardian
        if g.relation in GRANDPARENTS:
            assert g.age is not None and 55 <= g.age <= 78
            assert g.education and g.discipline and g.health and g.personality
        elif g.relation in RELATIVES:
            assert g.age is not None and 18 <= g.age <= 70
            assert g.discipline
    signed = [k.archive.guardian.agreement_signed for k in kids
              if k.archive.guardian.relation != GuardianRelation.NONE]  # fmt: skip
    assert 0.72 < share(signed) < 0.88
    education = Counter(
        k.archive.guardian.education for k in kids if k.archive.guardian.relation in GRANDPARENTS
    )
    assert education["文盲/半文盲"] + education["小学"] > 0.7 * sum(education.values())


def test_child_texts_are_filled(kids: list[DemoChild]) -> None:
    for k in kids:
        c = k.archive.child
        for text in (c.moral, c.habits, c.interests, c.intelligence, c.personality,
                     c.motivation, c.learning_ability, c.guardian_rapport,
                     c.parent_communication, c.psych_state, c.hukou_place, c.health):  # fmt: skip
            assert text and "{" not in text
        assert re.match(r"^\S+村[一二三四五六七八九十]+组$", c.address)
        assert c.ethnicity.endswith("族")
    addresses = {k.archive.child.address.split("村")[0] for k in kids}
    assert 4 <= len(addresses) <= 8
    assert len({k.archive.child.hukou_place for k in kids}) == 1
    assert share(k.archive.child.phone == "" for k in kids) > 0.95


def test_assessment_series(kids: list[DemoChild]) -> None:
    changed = 0
    for k in kids:
        dates = [a.assessed_on for a in k.assessments]
        assert dates == sorted(dates)
        assert all((b - a).days >= 30 for a, b in pairwise(dates))
        assert dates[-1] <= TODAY
        assert dates[0] >= TODAY - dt.timedelta(days=18 * 31)
        if k.archive.child.status_date is not None:
            assert dates[-1] <= k.archive.child.status_date
        assert all(a.assessor and a.reasons for a in k.assessments)
        levels = [a.risk_level for a in k.assessments]
        changed += len(set(levels)) > 1
    multi = sum(len(k.assessments) > 1 for k in kids)
    assert 0.1 < changed / multi < 0.6
