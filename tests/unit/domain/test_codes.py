"""The codes of new schools and townships: county code (GB/T 2260) + own number."""

from __future__ import annotations

import pytest

from liushou_desktop.domain import codes


@pytest.mark.parametrize(
    "county",
    ["522401", "110101", "441900", "429004", "650102", "820001", "５２２４０１", " 522401 "],
)
def test_county_codes_of_real_shape_pass(county: str) -> None:
    assert codes.county_code_problem(county) is None


@pytest.mark.parametrize(
    ("county", "words"),
    [
        ("", "请填写"),
        ("52240", "6位"),
        ("5224011", "6位"),
        ("52a401", "只能是数字"),
        ("992401", "省级代码"),
        ("002401", "省级代码"),
        ("160101", "省级代码"),  # 16 is no province
        ("520001", "地市"),  # no prefecture
        ("820000", "地市"),  # a province-level code, not a county's
    ],
)
def test_county_codes_of_wrong_shape_say_why(county: str, words: str) -> None:
    problem = codes.county_code_problem(county)
    assert problem is not None and words in problem


def test_every_province_code_is_known_and_named() -> None:
    expected = {
        *map(str, range(11, 16)),
        *map(str, range(21, 24)),
        *map(str, range(31, 38)),
        *map(str, range(41, 47)),
        *map(str, range(50, 55)),
        *map(str, range(61, 66)),
        "71",
        "81",
        "82",
    }
    assert set(codes.PROVINCES) == expected
    assert codes.province_of("522401") == "贵州省"
    assert codes.province_of("99") == ""


@pytest.mark.parametrize(
    ("number", "ok"),
    [("001", True), ("999", True), ("000", False), ("1", False), ("0011", False), ("a01", False)],
)
def test_the_own_number_is_three_digits_not_000(number: str, ok: bool) -> None:
    assert (codes.own_number_problem(number) is None) is ok


def test_a_whole_code_is_split_into_its_parts() -> None:
    assert codes.code_problems("522401001") == {}
    assert codes.code_problems("522401100", township=True) == {}
    problems = codes.code_problems("992401000")
    assert set(problems) == {"county", "number"}
    assert "9位" in codes.code_problems("T01", township=True)["county"]
    assert "乡镇" in codes.code_problems("T01", township=True)["county"]
    assert codes.code_problem("522401001") is None
    assert "本校编号不能是 000" in (codes.code_problem("522401000") or "")
    # the demo schools' codes follow the rules too (county code + 9xx)
    from liushou_desktop.services.demo_data import demo_school

    for seed in range(5):
        assert codes.code_problem(demo_school(seed)[1]) is None
