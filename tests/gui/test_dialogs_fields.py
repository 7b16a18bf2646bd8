"""Form helpers: dates as people type them, placeholders, coded values kept when unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from liushou_desktop.gui.dialogs.fields import (
    ChecksField,
    ChoiceField,
    DateField,
    OptionalIntField,
    arg,
    parse_date,
)


@pytest.mark.parametrize(
    "text",
    [
        "2016-03-08",
        "2016-3-8",
        "2016/3/8",
        "2016.03.08",
        "20160308",
        "2016年3月8日",
        "２０１６－３－８",
    ],
)
def test_dates_as_people_type_them(text):
    assert parse_date(text) == dt.date(2016, 3, 8)


@pytest.mark.parametrize("text", ["2016-02-30", "3/8/2016", "2016", "明天"])
def test_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_empty_is_no_date():
    assert parse_date("  ") is None


def test_arg_fills_placeholders_in_any_order():
    assert arg("%2 of %1", 5, 3) == "3 of 5"
    assert arg("%1%", "50") == "50%"


def test_date_field_reports_what_it_cannot_read(qtbot):
    field = DateField()
    qtbot.addWidget(field.widget)
    field.edit.setText("2016-13-01")
    assert field.value() is None and field.parse_error()
    field.edit.setText("2016-12-01")
    assert field.value() == dt.date(2016, 12, 1) and field.parse_error() is None


def test_choice_field_keeps_a_stored_value_that_is_not_a_choice(qtbot):
    field = ChoiceField(["较好", "一般", "差"])
    qtbot.addWidget(field.widget)
    assert field.value() == ""
    field.set_value("很差")
    assert field.value() == "很差"
    required = ChoiceField([("一类", 1), ("二类", 2)], required=True)
    qtbot.addWidget(required.widget)
    assert required.value() == "" and required.combo.currentIndex() == -1
    required.set_value(2)
    assert required.value() == 2


def test_checks_field_keeps_unknown_values_and_reads_in_choice_order(qtbot):
    field = ChecksField(["低保", "临时救助", "其他"])
    qtbot.addWidget(field.widget)
    field.set_value(["其他", "低保", "助学金"])
    assert field.value() == ["低保", "其他", "助学金"]


def test_optional_int_field(qtbot):
    field = OptionalIntField(120)
    qtbot.addWidget(field.widget)
    assert field.value() is None
    field.set_value(67)
    assert field.value() == 67
    field.set_value(None)
    assert field.value() is None
