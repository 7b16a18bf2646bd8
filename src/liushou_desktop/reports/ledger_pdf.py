"""The ledger (台账) as a printed table: landscape A4, the header repeated on every page.

The same children and values as the Excel ledger (:class:`~.ledger_xlsx.LedgerRow`, built by
``services.ledger``), in the columns that fit a landscape page legibly: the child, the
guardian, where the parents work, the left-behind and guardianship types, the current risk,
the aid received and the paired helpers; a 学校 column when the ledger covers several schools
(the township). Drawn by :mod:`.table_pdf`. No Qt, no services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from .ledger_xlsx import TITLE, UNASSESSED, LedgerRow
from .table_pdf import Column, Row, TableDocument

FORM = "台账"


def _columns(with_school: bool) -> list[Column]:
    cols = [Column("序号", 8, center=True)]
    if with_school:
        cols.append(Column("学校", 22))
    cols += [
        Column("班级", 16, center=True),
        Column("姓名", 14),
        Column("性别", 8, center=True),
        Column("出生日期", 17, center=True),
        Column("留守类型", 18),
        Column("姓名", 13, group="监护人"),
        Column("关系", 14, group="监护人", center=True),
        Column("联系电话", 20, group="监护人", center=True),
        Column("父亲", 18, group="父母务工地点", limit=40),
        Column("母亲", 18, group="父母务工地点", limit=40),
        Column("监护类型", 21),
        Column("类型", 9, group="风险评估", center=True),
        Column("等级", 9, group="风险评估", center=True),
        Column("获得救助", 16, limit=40),
        Column("帮扶人", 15, limit=40),
    ]
    return cols


def ledger_document(
    rows: Sequence[LedgerRow],
    unit: str,
    *,
    helpers: Mapping[str, Sequence[str]] | None = None,
    with_school: bool = False,
    scope: str = "",
    printed_on: dt.date | None = None,
) -> TableDocument:
    """``helpers``: child id → the names of the helpers paired with the child now;
    ``scope``: what part of the ledger this is (a class), shown before the head count."""
    helpers = helpers or {}
    lines: list[Row] = []
    for n, r in enumerate(rows, start=1):
        cells: list[object] = [n]
        if with_school:
            cells.append(r.school)
        cells += [
            r.class_label,
            r.name,
            r.sex,
            r.birth_date,
            r.left_behind_kind,
            r.guardian_name,
            r.guardian_relation,
            r.guardian_phone,
            r.father_work_place,
            r.mother_work_place,
            r.guardianship_type,
            r.risk_type or UNASSESSED,
            r.risk_level or UNASSESSED,
            "、".join(r.aid) or "无",
            "、".join(helpers.get(r.child_id, ())),
        ]
        lines.append(Row(tuple(cells), owner=r.name))
    count = f"共 {len(rows)} 人"
    return TableDocument(
        title=TITLE,
        columns=_columns(with_school),
        rows=lines,
        unit=unit,
        form=FORM,
        subtitle=f"{scope}　{count}" if scope else count,
        printed_on=printed_on,
        empty="没有在校的留守儿童。",
    )
