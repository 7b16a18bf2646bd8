"""The ledger (台账): every child still at school, in the shape of the national registration
form, as plain rows for ``reports.ledger_xlsx`` (and the Excel export itself).

Reads the list rows (``ArchiveService.list_children``: one query with the guardian, parents and
current assessment) plus one bulk query for the fields the list does not carry; never a query
per child."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.enums import (
    AT_SCHOOL,
    GuardianAssessment,
    GuardianKind,
    LeftBehindKind,
    RiskLevel,
    RiskType,
)
from ..domain.errors import KnownError
from ..domain.listing import ChildRow
from ..reports.ledger_xlsx import LedgerRow, write_ledger
from .archive import ArchiveService
from .changes import read_meta
from .context import ServiceContext
from .sync import META_NAME, MODE_TOWNSHIP

Progress = Callable[[int, int, str], None]

# 监护类型 of the registration form.
NOBODY = "无人监护"
PARENT_INCAPABLE = "父或母无监护能力"
ENTRUSTED_INCAPABLE = "受委托监护人监护能力不足"
FAIR = "监护情况一般"
GOOD = "监护情况较好"
NOT_ASSESSED = "未评估"

_EXTRA_SQL = """
SELECT c.id, c.ethnicity, c.hukou_place, c.address, c.health, c.disability, c.aid,
       g.id_number, g.address,
       f.work_province, f.work_city, m.work_province, m.work_city
FROM child c
LEFT JOIN guardian g ON g.child_id = c.id
LEFT JOIN parent f ON f.child_id = c.id AND f.role = '父亲'
LEFT JOIN parent m ON m.child_id = c.id AND m.role = '母亲'
"""


def guardianship_type(guardian_kind: str, left_behind_kind: str, assessment: str | None) -> str:
    """The form's 监护类型 from the guardian kind, the left-behind kind and the current
    guardian assessment (较好/一般/差)."""
    if guardian_kind == GuardianKind.NOBODY:
        return NOBODY
    if left_behind_kind == LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE:
        return PARENT_INCAPABLE
    if assessment == GuardianAssessment.POOR:
        return ENTRUSTED_INCAPABLE
    if assessment == GuardianAssessment.FAIR:
        return FAIR
    if assessment == GuardianAssessment.GOOD:
        return GOOD
    return NOT_ASSESSED


def _place(province: str | None, city: str | None) -> str:
    p, c = (province or "").strip(), (city or "").strip()
    if p and c and c.startswith(p):
        return c
    return f"{p}{c}" if not (p and c) else f"{p} {c}"


class LedgerService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.archive = ArchiveService(ctx)

    def unit_name(self, school_id: str | None = None) -> str:
        """Who the ledger is of: the school's name, or the township's."""
        schools = self.archive.schools()
        if school_id is not None:
            return next((sc.name for sc in schools if sc.id == school_id), "")
        with self.ctx.db.session(write=False) as s:
            if (read_meta(s, "mode") or "") == MODE_TOWNSHIP:
                return read_meta(s, META_NAME) or "乡镇"
        return schools[0].name if len(schools) == 1 else "全部学校"

    def ledger_rows(self, school_id: str | None = None) -> list[LedgerRow]:
        """The children still at school (在册, 不再留守; never 已删除) of one school, or of every
        school this database keeps, by school, class and name."""
        if school_id is None and self.archive.mode() != MODE_TOWNSHIP:
            own = self.archive.schools()
            school_id = own[0].id if len(own) == 1 else None
        rows = [r for r in self.archive.list_children(school_id) if r.status in AT_SCHOOL]
        extra = self._extra({r.id for r in rows}, school_id)
        rows.sort(key=lambda r: (r.school_name, r.grade, r.class_no, r.name_pinyin, r.id))
        return [self._ledger_row(r, extra.get(r.id)) for r in rows]

    def _extra(self, wanted: set[str], school_id: str | None) -> dict[str, tuple[Any, ...]]:
        sql = _EXTRA_SQL + (" WHERE c.school_id = ?" if school_id else "")
        with self.ctx.db.session(write=False) as s:
            raw = s.connection().exec_driver_sql(sql, (school_id,) if school_id else ()).fetchall()
        return {t[0]: tuple(t) for t in raw if t[0] in wanted}

    @staticmethod
    def _ledger_row(r: ChildRow, x: tuple[Any, ...] | None) -> LedgerRow:
        x = x or (r.id, "", "", "", "", "", "[]", "", "", "", "", "", "")
        kind = r.guardian_kind
        return LedgerRow(
            school=r.school_name,
            class_label=r.class_label,
            grade=r.grade,
            name=r.name,
            sex=r.sex,
            ethnicity=x[1] or "",
            birth_date=r.birth_date,
            id_number=r.id_number,
            hukou_place=x[2] or "",
            address=x[3] or "",
            health=x[4] or "",
            disability=x[5] or "",
            boarding=r.boarding,
            guardian_name=r.guardian_name,
            guardian_relation=r.guardian_relation,
            guardian_phone=r.guardian_phone,
            guardian_id_number=x[7] or "",
            guardian_address=x[8] or "",
            guardian_kind=kind,
            father_name=r.father_name,
            father_work_place=_place(x[9], x[10]),
            father_phone=r.father_phone,
            mother_name=r.mother_name,
            mother_work_place=_place(x[11], x[12]),
            mother_phone=r.mother_phone,
            left_behind_kind=r.left_behind_kind,
            guardianship_type=guardianship_type(kind, r.left_behind_kind, r.guardian_assessment),
            guardian_assessment=r.guardian_assessment or "",
            risk_type=RiskType(r.risk_type).label if r.risk_type else "",
            risk_level=RiskLevel(r.risk_level).label if r.risk_level else "",
            aid=tuple(json.loads(x[6]) if x[6] else ()),
            categories=r.categories,
            status=r.status,
        )

    def export_ledger(
        self,
        path: Path,
        school_id: str | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> dict[str, Any]:
        """Write the ledger workbook; returns {"path", "children", "unit"}."""
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            raise KnownError(f"台账要保存为 .xlsx 文件（Excel），而不是 {path.name}。")
        if progress:
            progress(0, 3, "正在读取儿童档案…")
        rows = self.ledger_rows(school_id)
        unit = self.unit_name(school_id)
        if cancelled and cancelled():
            raise KnownError("已取消导出台账。")
        if progress:
            progress(1, 3, "正在生成台账…")
        today: dt.date = self.ctx.today()
        write_ledger(path, rows, unit=unit, on=today)
        if progress:
            progress(3, 3, "台账已保存")
        return {"path": str(path), "children": len(rows), "unit": unit}
