import datetime as dt

import pytest

from liushou_desktop.domain.enums import Sex
from liushou_desktop.domain.idcard import (
    check_char,
    id_mismatches,
    id_number_problem,
    make_id_number,
    normalize_id_number,
    parse_id_number,
)


def test_known_valid_number_with_x_check():
    # The standard's own example: 11010519491231002X
    assert check_char("11010519491231002") == "X"
    info = parse_id_number("11010519491231002X")
    assert info is not None
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.sex is Sex.FEMALE


def test_normalizes_spaces_full_width_and_lowercase_x():
    assert normalize_id_number(" １１０１０５ 19491231002x\u3000") == "11010519491231002X"
    assert parse_id_number("110105 1949 1231 002x") is not None


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("", "为空"),
        ("1101051949123100", "18位"),
        ("11010519491231002A", "数字"),
        ("110105194913310021", "出生日期"),
        ("110105194912310021", "校验位"),
    ],
)
def test_problems_are_explained(number, reason):
    problem = id_number_problem(number)
    assert problem is not None and reason in problem


def test_made_numbers_are_valid_and_carry_birth_and_sex():
    for serial in range(300):
        sex = Sex.MALE if serial % 2 else Sex.FEMALE
        birth = dt.date(2012, 1, 1) + dt.timedelta(days=serial * 7)
        number = make_id_number("522401", birth, serial, sex)
        info = parse_id_number(number)
        assert info is not None, number
        assert (info.birth_date, info.sex) == (birth, sex)


def test_mismatch_with_typed_values_is_flagged():
    number = make_id_number("522401", dt.date(2015, 3, 8), 7, Sex.MALE)
    assert id_mismatches(number, dt.date(2015, 3, 8), "男") == []
    problems = id_mismatches(number, dt.date(2015, 3, 9), "女")
    assert len(problems) == 2
    assert "2015-03-08" in problems[0]
    assert "男" in problems[1]
    assert id_mismatches("bad", dt.date(2015, 3, 9), "女") == []
