"""Grades and classes as the schools write them."""

from __future__ import annotations

import datetime as dt

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


def handover_school_year(on: dt.date) -> str:
    """The school year a 学年交接 on this date starts. Handovers happen in the summer, before
    or after September, so the year turns in June: June 2027 and September 2027 both start
    2027-2028, while a handover in November 2026 belongs to 2026-2027."""
    start = on.year if on.month >= 6 else on.year - 1
    return f"{start}-{start + 1}"
