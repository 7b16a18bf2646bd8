"""The ledger workbook's statistics (统计) and record list (记录) sheets, and the record list as a
workbook of its own (the records page's 导出Excel…).

Sheet 统计: the children of the ledger's detail counted by grade, class, left-behind kind, risk
type and level, guardian kind, paired or not, visited this term or not — one table (分类 / 项目 /
人数 / 占比) whose every partition adds up to the detail's row count (checked before saving,
as the 汇总 sheet is). Sheet 记录: one row per record (date, kind, mode, children, helper,
author, summary, follow-up). Both have a frozen header, set column widths and an A4 print
set-up (统计 portrait, 记录 landscape; one page wide, the header row repeated on every page,
"第 x 页 / 共 y 页").

Fed with plain values built by ``services.ledger``; the counting itself is the services' (the
partitions of ``liushou stats``, the township's paired/visited). No Qt, no services.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.errors import KnownError
from .files import write_atomically
from .ledger_xlsx import Partition, Summary, _lines, check_summary

STATS_SHEET = "统计"
RECORDS_SHEET = "记录"
STATS_TITLE = "农村留守儿童统计表"
RECORDS_TITLE = "关爱帮扶工作记录"
FOOTER = "第 &P 页 / 共 &N 页"
STATS_HEADER_ROW = 4  # rows 1–3: title, who is counted, blank
RECORDS_HEADER_ROW = 2  # row 1: title


@dataclass(frozen=True)
class Statistics:
    """The children of the ledger counted several ways: each partition's rows are (label,
    (count,)) and add up to ``total``; ``notes`` say how the less obvious ones are counted."""

    total: int
    partitions: tuple[Partition, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordLine:
    """One record as the list shows it: every value already in words."""

    on: dt.date
    kind: str
    mode: str
    children: str  # names, 、-separated
    helper: str
    author: str
    summary: str
    follow_up: str = ""
    follow_up_due: dt.date | None = None
    version: str = ""  # 已更正 / 更正 when corrected versions are listed


def check_statistics(stats: Statistics, detail_total: int) -> None:
    """Every partition of the 统计 sheet adds up to the detail's row count (勾稽关系)."""
    check_summary(Summary(stats.total, stats.partitions), detail_total, sheet="统计表")


# -- styles --------------------------------------------------------------------------------------
class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.wrap = Alignment(vertical="center", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center")
        self.head_font = Font(bold=True, size=10)
        self.body_font = Font(size=10)
        self.bold = Font(bold=True, size=10)
        self.title_font = Font(bold=True, size=14)
        self.fill = PatternFill("solid", fgColor="DDEBF7")
        self.total_fill = PatternFill("solid", fgColor="F2F2F2")


def _print_setup(ws: Any, *, landscape: bool, title_row: int) -> None:
    """A4, one page wide and as many down as it takes, the header row on every page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"${title_row}:${title_row}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = FOOTER
    ws.evenFooter.center.text = FOOTER


# -- 统计 ------------------------------------------------------------------------------------------
_STATS_COLUMNS = (("分类", 18.0), ("项目", 30.0), ("人数", 9.0), ("占比", 9.0))


def _head(ws: Any, row: int, columns: Sequence[tuple[str, float]], st: _Styles) -> None:
    """The header row, and the columns' widths."""
    from openpyxl.utils import get_column_letter

    for k, (title, width) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=k, value=title)
        cell.font, cell.alignment = st.head_font, st.center
        cell.border, cell.fill = st.border, st.fill
        ws.column_dimensions[get_column_letter(k)].width = width
    ws.row_dimensions[row].height = 18


def write_stats_sheet(
    ws: Any, stats: Statistics, unit: str, on: dt.date, *, note: str = "", subject: str = ""
) -> None:
    """``note`` follows the unit and date (e.g. 只含统计数字); ``subject`` says who is counted
    (default: the ledger's detail)."""
    from openpyxl.utils import get_column_letter

    st = _Styles()
    ws.title = STATS_SHEET
    last = get_column_letter(len(_STATS_COLUMNS))
    wide = sum(w for _, w in _STATS_COLUMNS)
    ws["A1"] = STATS_TITLE
    ws["A1"].font = st.title_font
    ws["A1"].alignment = st.center
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 24
    who = (
        f"统计对象：{subject or f'台账明细中的 {stats.total} 名儿童'}；每一项分类的人数相加"
        f"均等于 {stats.total} 人（已与明细核对）。"
    )
    when = f"{unit}　截至 {on.isoformat()}{note}"
    ws["A2"] = f"{when}\n{who}"
    ws["A2"].alignment = st.wrap
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 15 * (_lines(when, wide) + _lines(who, wide))
    header = STATS_HEADER_ROW
    _head(ws, header, _STATS_COLUMNS, st)
    row = header
    for p in stats.partitions:
        lines = [(label, counts[0]) for label, counts in p.rows]
        lines.append(("合计", sum(c for _, c in lines)))
        for n, (label, count) in enumerate(lines):
            row += 1
            is_total = n == len(lines) - 1
            # the 分类 on every row: a page may break inside a partition; filters work
            values = [p.title, label, count, count / stats.total if stats.total else 0]
            for k, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=k, value=value)
                cell.border = st.border
                cell.font = st.bold if is_total else st.body_font
                cell.alignment = st.wrap if k <= 2 else st.right
                if k == 4:
                    cell.number_format = "0.0%"
                if is_total and k > 1:
                    cell.fill = st.total_fill
    ws.auto_filter.ref = f"A{header}:{last}{row}"
    ws.freeze_panes = f"A{header + 1}"
    row += 1
    for note in stats.notes:
        row += 1
        ws.cell(row=row, column=1, value=note).alignment = st.wrap
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = 15 * _lines(note, wide)
    ws.cell(row=row + 2, column=1, value="填表人：")
    ws.cell(row=row + 2, column=3, value="审核人：")
    _print_setup(ws, landscape=False, title_row=header)


# -- 记录 ------------------------------------------------------------------------------------------
# (header, width, value); widths in Excel's column units
_RECORD_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 5.5),
    ("日期", 11.0),
    ("类型", 10.0),
    ("方式", 7.0),
    ("儿童", 16.0),
    ("帮扶人", 9.0),
    ("填写人", 12.0),
    ("内容摘要", 48.0),
    ("后续跟进", 24.0),
    ("跟进期限", 11.0),
)


def _record_values(n: int, r: RecordLine, with_version: bool) -> list[Any]:
    values: list[Any] = [
        n, r.on, r.kind, r.mode, r.children, r.helper, r.author,
        " ".join(r.summary.split()), r.follow_up, r.follow_up_due,
    ]  # fmt: skip
    if with_version:
        values.append(r.version)
    return values


def write_records_sheet(
    ws: Any, records: Sequence[RecordLine], unit: str, on: dt.date, scope: str = ""
) -> None:
    """The record list; ``scope`` says which records these are (e.g. "2026-2027 学年，
    2026-09-01 起")."""
    from openpyxl.utils import get_column_letter

    st = _Styles()
    ws.title = RECORDS_SHEET
    with_version = any(r.version for r in records)
    columns = list(_RECORD_COLUMNS) + ([("版本", 8.0)] if with_version else [])
    last = get_column_letter(len(columns))
    what = "，".join(x for x in (unit, scope, f"共 {len(records)} 条") if x)
    ws["A1"] = f"{RECORDS_TITLE}（{what}，导出日期 {on.isoformat()}）"
    ws["A1"].font = st.title_font
    ws["A1"].alignment = st.center
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 26
    header = RECORDS_HEADER_ROW
    _head(ws, header, columns, st)
    widths = [w for _, w in columns]
    for n, r in enumerate(records, start=1):
        values = _record_values(n, r, with_version)
        row = header + n
        for k, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=k, value=value)
            cell.border = st.border
            cell.font = st.body_font
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
                cell.alignment = st.center
            elif k in (1, 3, 4) or (k == len(columns) and with_version):
                cell.alignment = st.center
            else:
                cell.alignment = st.wrap
        # Neither Excel nor WPS grows a row for wrapped text on opening: size it here.
        lines = max(_lines(v, w) for v, w in zip(values, widths, strict=True))
        if lines > 1:
            ws.row_dimensions[row].height = 13.5 * min(lines, 30)
    ws.freeze_panes = f"A{header + 1}"
    if records:
        ws.auto_filter.ref = f"A{header}:{last}{header + len(records)}"
    _print_setup(ws, landscape=True, title_row=header)


def write_records(
    path: Path, records: Sequence[RecordLine], *, unit: str, on: dt.date, scope: str = ""
) -> Path:
    """The record list as a workbook of its own (one sheet, 记录), written atomically."""
    from openpyxl import Workbook

    if not records:
        raise KnownError("没有要导出的记录（请先改一改筛选条件）。")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    write_records_sheet(ws, records, unit, on, scope)
    buf = io.BytesIO()
    wb.save(buf)
    return write_atomically(
        buf.getvalue(), Path(path), what="记录表", opened_in="Excel/WPS", make_parents=False
    )
