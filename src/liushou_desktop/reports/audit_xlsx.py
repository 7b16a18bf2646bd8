"""The audit trail (审计日志) as an .xlsx: one sheet, the entries the browser showed."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from ..domain.errors import KnownError
from .files import write_atomically
from .ledger_xlsx import _lines
from .stats_xlsx import _head, _print_setup, _Styles

AUDIT_COLUMNS = (
    ("时间", 19.0),
    ("操作人", 18.0),
    ("角色", 10.0),
    ("操作", 12.0),
    ("结果", 7.0),
    ("涉及儿童", 24.0),
    ("说明", 40.0),
)
HEADER_ROW = 2

AuditLine = tuple[str, str, str, str, str, str, str]


def write_audit_xlsx(path: Path, rows: Sequence[AuditLine], *, on: dt.date) -> Path:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    if not rows:
        raise KnownError("没有要导出的审计记录（请先改一改筛选条件）。")
    st = _Styles()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "审计日志"
    last = get_column_letter(len(AUDIT_COLUMNS))
    ws["A1"] = f"审计日志（共 {len(rows)} 条，导出日期 {on.isoformat()}）"
    ws["A1"].font = st.title_font
    ws["A1"].alignment = st.center
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 26
    _head(ws, HEADER_ROW, AUDIT_COLUMNS, st)
    widths = [w for _, w in AUDIT_COLUMNS]
    for n, values in enumerate(rows, start=1):
        row = HEADER_ROW + n
        for k, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=k, value=value)
            cell.border, cell.font = st.border, st.body_font
            cell.alignment = st.center if k in (1, 3, 4, 5) else st.wrap
        lines = max(_lines(v, w) for v, w in zip(values, widths, strict=True))
        if lines > 1:
            ws.row_dimensions[row].height = 13.5 * min(lines, 30)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
    _print_setup(ws, landscape=True, title_row=HEADER_ROW)
    buf = io.BytesIO()
    wb.save(buf)
    return write_atomically(
        buf.getvalue(), Path(path), what="审计日志", opened_in="Excel/WPS", make_parents=False
    )
