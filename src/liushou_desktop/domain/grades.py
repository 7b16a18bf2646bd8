"""Grades and classes as the schools write them."""

from __future__ import annotations

from .enums import cn_numeral

MIN_GRADE = 1
MAX_GRADE = 12


def grade_label(grade: int) -> str:
    """一年级 … 九年级, then 高一 … 高三."""
    if grade <= 9:
        return f"{cn_numeral(grade)}年级"
    return f"高{cn_numeral(grade - 9)}"


def class_label(grade: int, class_no: int) -> str:
    """三年级(2)班 / 高一(3)班."""
    return f"{grade_label(grade)}({class_no})班"


def school_year_of(year: int, month: int) -> str:
    """The school year a date falls in: from September; '2026-2027'."""
    start = year if month >= 9 else year - 1
    return f"{start}-{start + 1}"
