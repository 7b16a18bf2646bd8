"""The quarterly report of dynamic changes (按季度上报动态变化), one sheet per township:
one row per school with the counts, and the children's names under each heading."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from .files import write_atomically

COLUMNS = (
    ("added", "新增"),
    ("transferred_in", "转入"),
    ("transferred_out", "转出"),
    ("no_longer", "不再留守"),
    ("level_changed", "等级变化"),
    ("dropped_out", "辍学"),
)


class SchoolChanges(Protocol):
    school: str
    start: dt.date
    end: dt.date
    added: list[str]
    transferred_in: list[str]
    transferred_out: list[str]
    no_longer: list[str]
    level_changed: list[str]
    dropped_out: list[str]


def write_dynamic_report(path: Path, title: str, schools: Sequence[SchoolChanges]) -> None:
    """Write the report as .xlsx (atomically: a temporary file, then renamed)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "动态变化"
    ws.append([f"留守儿童动态变化统计表（{title}）"])
    ws["A1"].font = Font(bold=True, size=14)
    if schools:
        ws.append([f"统计时段：{schools[0].start.isoformat()} 至 {schools[0].end.isoformat()}"])
    ws.append(["学校", *(label for _, label in COLUMNS), "合计"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    totals = [0] * len(COLUMNS)
    for sc in schools:
        counts = [len(getattr(sc, name)) for name, _ in COLUMNS]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        ws.append([sc.school, *counts, sum(counts)])
    ws.append(["合计", *totals, sum(totals)])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 34
    names = wb.create_sheet("名单")
    names.append(["学校", "变化", "姓名"])
    for sc in schools:
        for name, label in COLUMNS:
            for child in getattr(sc, name):
                names.append([sc.school, label, child])
    names.column_dimensions["A"].width = 34
    for row in names.iter_rows(min_row=1, max_row=1):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
    buf = io.BytesIO()
    wb.save(buf)
    write_atomically(buf.getvalue(), Path(path), what="动态变化表", opened_in="Excel/WPS")
