"""The pairing list (结对帮扶名单) as a printed table: every current pairing — the child and
class, the helper, what kind of helper, the phone, the role, since when, and a summary of the
help plan — on landscape A4 with the header repeated on every page. Drawn by
:mod:`.table_pdf`. No Qt, no services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .table_pdf import Column, Row, TableDocument

TITLE = "留守儿童结对帮扶名单"
FORM = "结对帮扶名单"
PLAN_LIMIT = 110  # characters of the plan's summary; the whole plan is in the archive


@dataclass(frozen=True)
class PairingLine:
    child_name: str
    class_label: str
    helper_name: str
    helper_kind: str  # 教师 / 同学 / 校外
    helper_phone: str
    role: str
    since: dt.date | None
    goals: str = ""
    content: str = ""
    help_times: str = ""
    study_situation: str = ""
    school: str = ""
    child_id: str = ""  # counts the children (not printed)


def plan_summary(p: PairingLine) -> str:
    """The help plan in one cell: goals, content, times, then the study situation."""
    parts = (
        ("目标", p.goals),
        ("内容", p.content),
        ("时间", p.help_times),
        ("学情", p.study_situation),
    )
    return "；".join(f"{label}：{' '.join(text.split())}" for label, text in parts if text.strip())


def pairing_document(
    lines: Sequence[PairingLine],
    unit: str,
    *,
    with_school: bool = False,
    scope: str = "",
    printed_on: dt.date | None = None,
) -> TableDocument:
    cols = [Column("序号", 8, center=True)]
    if with_school:
        cols.append(Column("学校", 22))
    cols += [
        Column("姓名", 14, group="留守儿童"),
        Column("班级", 17, group="留守儿童", center=True),
        Column("姓名", 14, group="帮扶人"),
        Column("身份", 9, group="帮扶人", center=True),
        Column("联系电话", 21, group="帮扶人", center=True),
        Column("帮扶角色", 17, center=True),
        Column("结对日期", 18, center=True),
        Column("帮扶计划（摘要）", 112, limit=PLAN_LIMIT),
    ]
    rows: list[Row] = []
    for n, p in enumerate(lines, start=1):
        cells: list[object] = [n]
        if with_school:
            cells.append(p.school)
        cells += [
            p.child_name,
            p.class_label,
            p.helper_name,
            p.helper_kind,
            p.helper_phone,
            p.role,
            p.since,
            plan_summary(p),
        ]
        rows.append(Row(tuple(cells), owner=p.child_name))
    children = len({p.child_id or (p.school, p.class_label, p.child_name) for p in lines})
    count = f"共 {len(lines)} 对，{children} 名儿童"
    return TableDocument(
        title=TITLE,
        columns=cols,
        rows=rows,
        unit=unit,
        form=FORM,
        subtitle=f"{scope}　{count}" if scope else count,
        printed_on=printed_on,
        empty="目前没有结对帮扶。",
    )
