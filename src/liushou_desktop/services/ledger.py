"""The ledger (台账): every child still at school, in the shape of the national registration
form, as plain rows for ``reports.ledger_xlsx`` (and the Excel export itself), with the same
children's statistics (统计: ``archive.partitions`` — what ``liushou stats`` counts — and the
township's paired/visited) and the school year's records (记录) on sheets of their own.

Reads the list rows (``ArchiveService.list_children``: one query with the guardian, parents and
current assessment) plus one bulk query for the fields the list does not carry; never a query
per child."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..domain.access import Op
from ..domain.duties import current_term
from ..domain.enums import (
    AT_SCHOOL,
    GuardianAssessment,
    GuardianKind,
    LeftBehindKind,
    RiskLevel,
    RiskType,
    Status,
)
from ..domain.errors import KnownError
from ..domain.grades import class_label, grade_label
from ..domain.listing import ChildRow
from ..reports.ledger_xlsx import (
    LedgerRow,
    Partition,
    build_summary,
    write_ledger,
    write_statistics,
)
from ..reports.stats_xlsx import RecordLine, Statistics, write_records
from .access import requires, trusted, write_audit
from .archive import ArchiveService, partitions
from .care import CareService, RecordInfo
from .changes import read_meta, read_mode
from .context import ServiceContext
from .sync import META_NAME, MODE_TOWNSHIP
from .township import paired_ids, visit_period_start, visited_ids

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


def _order(key: str) -> tuple[int, list[int], str]:
    """Numbers in number order ("3" before "10", "3-2" before "3-10"); words after them."""
    parts = key.split("-")
    if all(p.isdigit() for p in parts):
        return 0, [int(p) for p in parts], key
    return 1, [], key


def _class_name(key: str) -> str:
    grade, _, number = key.partition("-")
    return class_label(int(grade), int(number))


def _risk_label(enum: type[RiskType] | type[RiskLevel]) -> Callable[[str], str]:
    """The label of "1" … (一类, 一级 …); 未评估 stays as it is."""
    return lambda k: enum(int(k)).label if k.isdigit() else k


def _partition(
    title: str, counts: dict[str, int], label: Callable[[str], str], order: Sequence[str] = ()
) -> Partition:
    """One way of counting for the 统计 sheet: ``order`` first (those counted), then the rest
    in number order."""
    keys = [k for k in order if k in counts]
    keys += sorted((k for k in counts if k not in keys), key=_order)
    return Partition(title, ("人数",), tuple((label(k), (counts[k],)) for k in keys))


def _yes_no(
    title: str, yes: str, no: str, children: Sequence[ChildRow], hit: set[str]
) -> Partition:
    n = sum(1 for r in children if r.id in hit)
    return Partition(title, ("人数",), ((yes, (n,)), (no, (len(children) - n,))))


class LedgerService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.archive = ArchiveService(ctx)

    @requires(Op.READ_LIST)
    def unit_name(self, school_id: str | None = None) -> str:
        """Who the ledger is of: the school's name, or the township's."""
        schools = self.archive.schools()
        if school_id is not None:
            return next((sc.name for sc in schools if sc.id == school_id), "")
        with self.ctx.db.session(write=False) as s:
            if read_mode(s) == MODE_TOWNSHIP:
                return read_meta(s, META_NAME) or "乡镇"
        return schools[0].name if len(schools) == 1 else "全部学校"

    @trusted
    def ledger_rows(self, school_id: str | None = None) -> list[LedgerRow]:
        """The children still at school (在册, 不再留守; never 已删除) of one school, or of every
        school this database keeps, by school, class and name."""
        return self._ledger_rows(self._children(school_id), self._scope(school_id))

    def _scope(self, school_id: str | None) -> str | None:
        """The school the ledger is of: the one asked for; at a school, its own; at a
        township, None (every school)."""
        if school_id is None and self.archive.mode() != MODE_TOWNSHIP:
            own = self.archive.schools()
            school_id = own[0].id if len(own) == 1 else None
        return school_id

    def _children(self, school_id: str | None) -> list[ChildRow]:
        """The ledger's children as list rows, in the ledger's order."""
        scope = self._scope(school_id)
        rows = [r for r in self.archive.list_children(scope) if r.status in AT_SCHOOL]
        rows.sort(key=lambda r: (r.school_name, r.grade, r.class_no, r.name_pinyin, r.id))
        return rows

    def _ledger_rows(self, rows: list[ChildRow], school_id: str | None) -> list[LedgerRow]:
        extra = self._extra({r.id for r in rows}, school_id)
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
            child_id=r.id,
        )

    # -- statistics and records -------------------------------------------------------------
    @trusted
    def statistics(self, children: Sequence[ChildRow], on: dt.date) -> Statistics:
        """``children`` counted by grade, class, left-behind kind, risk type and level and
        guardian kind (``archive.partitions``, as ``liushou stats``), paired or not and visited
        this term or not (as the township's figures count them)."""
        care = CareService(self.ctx)
        schools = sorted({r.school_id for r in children})
        starts = {sid: visit_period_start(care, sid, on) for sid in schools}
        visited: set[str] = set()
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            paired = paired_ids(conn, on)
            for sid in schools:
                mine = {r.id for r in children if r.school_id == sid}
                visited |= mine & visited_ids(conn, starts[sid], on)
        counts = partitions(children)
        class_rows: list[tuple[str, tuple[int, ...]]] = []
        if len(schools) > 1:  # the classes of several schools: each school's own
            for sid in schools:
                theirs = [r for r in children if r.school_id == sid]
                per_class = partitions(theirs)["by_class"]
                class_rows += [
                    (f"{theirs[0].school_name} {_class_name(k)}", (per_class[k],))
                    for k in sorted(per_class, key=_order)
                ]
        else:
            per_class = counts["by_class"]
            class_rows = [(_class_name(k), (per_class[k],)) for k in sorted(per_class, key=_order)]
        no_term = on - dt.timedelta(days=120)  # visit_period_start's answer without a term
        if len(set(starts.values())) != 1:
            term = "各校本学期（未设学期的学校为最近120天）"
        elif starts[schools[0]] == no_term:
            term = f"最近120天（{no_term.isoformat()} 起；校历未设本学期）"
        else:
            term = f"本学期（{starts[schools[0]].isoformat()} 起）"
        return Statistics(
            total=len(children),
            partitions=(
                _partition("按年级", counts["by_grade"], lambda k: grade_label(int(k))),
                Partition("按班级", ("人数",), tuple(class_rows)),
                _partition(
                    "按留守类型",
                    counts["by_left_behind_kind"],
                    str,
                    [k.value for k in LeftBehindKind],
                ),
                _partition("按风险类型", counts["by_risk_type"], _risk_label(RiskType)),
                _partition("按风险等级", counts["by_risk_level"], _risk_label(RiskLevel)),
                _partition(
                    "按监护人类别", counts["by_guardian_kind"], str, [k.value for k in GuardianKind]
                ),
                _yes_no("结对帮扶", "已结对", "未结对", children, paired),
                _yes_no("本学期家访", "已家访", "未家访", children, visited),
            ),
            notes=(
                f"已结对：{on.isoformat()} 有进行中的结对帮扶。",
                f"已家访：{term}有家访记录。",
                "风险类型、风险等级按儿童当前的风险评估；“未评估”为还没有评估的儿童。",
            ),
        )

    @requires(Op.READ_LIST)
    def school_year_start(self, school_id: str | None = None) -> tuple[dt.date, str]:
        """Since when the ledger's 记录 sheet lists records, and how to say so: the first day of
        the current school year (the earliest, at a township); with no school calendar, a year
        back."""
        care = CareService(self.ctx)
        today: dt.date = self.ctx.today()
        scope = self._scope(school_id)
        schools = [scope] if scope is not None else [sc.id for sc in self.archive.schools()]
        starts: list[tuple[dt.date, str]] = []
        for sid in schools:
            terms = care.terms(sid)
            term = current_term(terms, today)
            if term is not None:
                first = min(t.start for t in terms if t.school_year == term.school_year)
                starts.append((first, term.school_year))
        if not starts:
            since = today - dt.timedelta(days=365)
            return since, f"{since.isoformat()} 以来"
        since, year = min(starts)
        return since, f"{year} 学年，{since.isoformat()} 起"

    @trusted
    def record_lines(
        self, records: Sequence[RecordInfo], school_id: str | None = None
    ) -> list[RecordLine]:
        """Records as the list shows them: children's and helpers' names looked up."""
        scope = self._scope(school_id)
        care = CareService(self.ctx)
        names = {r.id: r.name for r in self.archive.list_children(scope)}
        schools = [scope] if scope is not None else [sc.id for sc in self.archive.schools()]
        helpers = {h.id: h.name for sid in schools for h in care.helpers(sid)}
        lines: list[RecordLine] = []
        for r in records:
            version = ""
            if r.corrected_by is not None:
                version = "已更正"
            elif r.corrects is not None:
                version = "更正"
            lines.append(
                RecordLine(
                    on=r.occurred_on,
                    kind=r.kind,
                    mode=r.mode,
                    children="、".join(names.get(c, "?") for c in r.child_ids),
                    helper=helpers.get(r.helper_id, "") if r.helper_id else "",
                    author=r.author,
                    summary=r.summary,
                    follow_up=r.follow_up,
                    follow_up_due=r.follow_up_due,
                    version=version,
                )
            )
        return lines

    @requires(Op.EXPORT)
    def export_records(
        self,
        path: Path,
        records: Sequence[RecordInfo],
        school_id: str | None = None,
        *,
        kind: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        child_text: str = "",
        superseded: bool = False,
    ) -> dict[str, Any]:
        """The records given (those the records page shows) as a workbook of their own, the
        filter they were chosen by written in its title. Returns {"path", "records"}."""
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            raise KnownError(f"记录要保存为 .xlsx 文件（Excel），而不是 {path.name}。")
        lines = self.record_lines(records, school_id)
        parts: list[str] = []
        if kind:
            parts.append(f"类型：{kind}")
        if since and until:
            parts.append(f"日期：{since.isoformat()} 至 {until.isoformat()}")
        elif since or until:
            parts.append(f"日期：{since.isoformat()} 起" if since else f"日期：至 {until}")
        if child_text.strip():
            parts.append(f"儿童：{child_text.strip()}")
        if superseded:
            parts.append("含已更正的旧版本")
        today: dt.date = self.ctx.today()
        unit = self.unit_name(self._scope(school_id))
        write_records(path, lines, unit=unit, on=today, scope="，".join(parts) or "全部记录")
        write_audit(
            self.ctx,
            "export",
            child_ids=[c for r in records for c in r.child_ids],
            detail=f"记录 {len(lines)} 条 → {path.name}",
        )
        return {"path": str(path), "records": len(lines)}

    @requires(Op.EXPORT)
    def export_ledger(
        self,
        path: Path,
        school_id: str | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        *,
        lean: bool = False,
    ) -> dict[str, Any]:
        """Write the ledger workbook (台账, 汇总, 统计, 记录); returns {"path", "children",
        "unit", "records", "lean"}. ``lean``: for sending out of the school — no ID number and
        no phone (the child's, the guardian's, the parents') anywhere in the workbook: the
        detail leaves those columns out and says so in its title, and such numbers written in
        the records' text are replaced (``reports.ledger_xlsx.write_ledger``)."""
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            raise KnownError(f"台账要保存为 .xlsx 文件（Excel），而不是 {path.name}。")
        if progress:
            progress(0, 3, "正在读取儿童档案…")
        scope = self._scope(school_id)
        children = self._children(scope)
        rows = self._ledger_rows(children, scope)
        unit = self.unit_name(school_id)
        today: dt.date = self.ctx.today()
        statistics = self.statistics(children, today)
        since, records_scope = self.school_year_start(scope)
        records = self.record_lines(CareService(self.ctx).records(scope, since=since), scope)
        if cancelled and cancelled():
            raise KnownError("已取消导出台账。")
        if progress:
            progress(1, 3, "正在生成台账…")
        write_ledger(
            path,
            rows,
            unit=unit,
            on=today,
            statistics=statistics,
            records=records,
            records_scope=records_scope,
            lean=lean,
        )
        if progress:
            progress(3, 3, "台账已保存")
        write_audit(
            self.ctx,
            "export",
            child_ids=[r.child_id for r in rows],
            detail=f"台账{'（不含身份证号和电话）' if lean else ''} {len(rows)} 名儿童 → {path.name}",
        )
        return {
            "path": str(path),
            "children": len(rows),
            "unit": unit,
            "records": len(records),
            "lean": lean,
        }

    @requires(Op.EXPORT_STATS)
    def export_statistics(self, path: Path, school_id: str | None = None) -> dict[str, Any]:
        """The ledger's counts alone, for sending out: its 汇总 and 统计 sheets (the same
        children, counted the same ways, checked the same way), no child's name, ID number,
        phone, address or any line per child, nor a record. The 统计 sheet starts with the
        children by status, so its 在册 is ``liushou stats``' ``active`` and every other
        partition is ``liushou stats``' plus the 不再留守 children. Returns {"path", "unit",
        "date", "children", "on_register", "no_longer_left_behind"}."""
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            raise KnownError(f"统计表要保存为 .xlsx 文件（Excel），而不是 {path.name}。")
        scope = self._scope(school_id)
        children = self._children(scope)
        rows = self._ledger_rows(children, scope)
        unit = self.unit_name(school_id)
        today: dt.date = self.ctx.today()
        enrolled = sum(1 for r in children if r.status == Status.ENROLLED)
        no_longer = len(children) - enrolled
        by_status = Partition(
            "按状态",
            ("人数",),
            (
                (Status.ENROLLED.value, (enrolled,)),
                (Status.NO_LONGER_LEFT_BEHIND.value, (no_longer,)),
            ),
        )
        statistics = self.statistics(children, today)
        statistics = dataclasses.replace(statistics, partitions=(by_status, *statistics.partitions))
        write_statistics(
            path,
            build_summary(rows, today),
            statistics,
            unit=unit,
            on=today,
            total=len(children),
            subject=(
                f"在校的 {len(children)} 名儿童（在册 {enrolled} 人，不再留守 {no_longer} 人；"
                "不含转出、毕业、辍学）"
            ),
        )
        write_audit(self.ctx, "export", detail=f"统计数字（不含儿童信息）→ {path.name}")
        return {
            "path": str(path),
            "unit": unit,
            "date": today.isoformat(),
            "children": len(children),
            "on_register": enrolled,
            "no_longer_left_behind": no_longer,
        }
