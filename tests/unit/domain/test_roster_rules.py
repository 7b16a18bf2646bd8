"""The roster rules on single values: how schools write dates, classes, IDs and headers."""

from __future__ import annotations

import datetime as dt

import pytest

from liushou_desktop.domain.roster import (
    BadValue,
    find_header,
    grade_of_sheet,
    parse_class,
    parse_date,
    parse_grade,
    parse_id,
    parse_kind,
    parse_relation,
    skip_reason,
    split_place,
)

D = dt.date(2015, 3, 8)


@pytest.mark.parametrize(
    "cell",
    [dt.datetime(2015, 3, 8), D, 20150308, "20150308", "2015.03.08", "2015-3-8", "2015年3月8日",
     "2015/3/8", " 2015 . 3 . 8 ", 42071, 42071.0],
)  # fmt: skip
def test_dates(cell):
    assert parse_date(cell) == D


@pytest.mark.parametrize("cell", ["2015.13.01", "明年", "2015-02-30", True])
def test_bad_dates_say_why(cell):
    with pytest.raises(BadValue):
        parse_date(cell)


def test_a_month_alone_needs_the_id_number():
    assert parse_date("2015.03", month_ok=True) is None
    with pytest.raises(BadValue, match="只有年月"):
        parse_date("2015年3月")


@pytest.mark.parametrize(
    ("cell", "hint", "expected"),
    [("三(2)班", None, (3, 2)), ("三（2）班", None, (3, 2)), ("3(2)班", None, (3, 2)),
     ("三年级(2)班", None, (3, 2)), ("三年级二班", None, (3, 2)), ("三年级2班", None, (3, 2)),
     ("3.2班", None, (3, 2)), ("3-2", None, (3, 2)), ("3．2", None, (3, 2)),
     ("初一(3)班", None, (7, 3)), ("高二3班", None, (11, 3)), ("十二班", 4, (4, 12)),
     ("2班", 5, (5, 2)), (2, 5, (5, 2)), ("(2)班", 5, (5, 2))],
)  # fmt: skip
def test_classes(cell, hint, expected):
    assert parse_class(cell, hint) == expected


@pytest.mark.parametrize(
    ("cell", "grade"),
    [("二年级", 2), (2, 2), ("2年级", 2), ("初一", 7), ("七年级", 7), ("高三", 12)],
)
def test_grades(cell, grade):
    assert parse_grade(cell) == grade


def test_sheet_names_that_are_grades():
    assert [grade_of_sheet(n) for n in ("三年级", "2年级", "初二", "填表说明", "Sheet1")] == [
        3, 2, 8, None, None,
    ]  # fmt: skip


def test_id_numbers_are_folded_and_numbers_refused():
    assert parse_id(" 341222 201410241050 ") == "341222201410241050"
    assert parse_id("４５０９２３２０１４０３０６７１９６") == "450923201403067196"
    assert parse_id("45092320170303912x") == "45092320170303912X"
    for cell in (4.50923201403067e17, 450923201403067000, "4.50923E+17"):
        with pytest.raises(BadValue, match="丢失"):
            parse_id(cell)


def test_kinds_relations_and_places():
    assert parse_kind("父母双方外出") == parse_kind("父母均外出") == "父母均外出"
    assert parse_relation("奶奶") == "祖父母" and parse_relation("外婆") == "外祖父母"
    assert parse_relation("舅舅") == "其他亲属" and parse_relation("邻居") == "其他"
    assert split_place("广东省深圳市") == ("广东省", "深圳市")
    assert split_place("重庆市万州区") == ("重庆市", "万州区")
    assert split_place("新疆维吾尔自治区乌鲁木齐市") == ("新疆维吾尔自治区", "乌鲁木齐市")


def test_rows_that_are_no_children():
    assert skip_reason([None, " ", ""]) == "blank"
    assert skip_reason(["合计", "40人", None]) == "total"
    assert skip_reason(["制表人：", None, "审核人："]) == "footer"
    assert skip_reason(["序号", "姓名", "性别", "身份证号"]) == "header"
    assert skip_reason([1, "张三", "男", "110101201603080010"]) is None


def test_the_header_under_a_title_and_a_filled_in_line():
    rows = [
        ["某镇留守儿童花名册", None, None, None, None],
        ["填报单位：某小学", None, None, "填报日期：2026年9月", None],
        ["序号", "姓名", "监护人", None, "父亲"],
        [None, None, "姓名", "联系电话", "务工地点"],
        [1, "张三", "张大", "13800001111", "广东省深圳市"],
    ]
    header = find_header(rows, [(0, 0, 0, 4), (2, 2, 2, 3), (2, 0, 3, 0), (2, 1, 3, 1)])
    assert header is not None and (header.first_row, header.depth) == (2, 2)
    assert header.labels == ("序号", "姓名", "监护人/姓名", "监护人/联系电话", "父亲/务工地点")
