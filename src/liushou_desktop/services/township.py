"""The township's view of the merged ledger: figures per school and for the township, schools
behind with duties or silent for days, possible duplicate children across schools, and the
quarterly report of dynamic changes.

Definitions (also in docs/architecture.md):

* children: those on the register (在册) — deleted (已删除) archives never count;
* 建档率: the share of them whose archive is complete — a guardian with a phone number and at
  least one risk assessment (the ledger's target is 100 %);
* paired: with an active pairing (结对) on the day; visited: with a 家访 record in the school's
  current term (or, with no term set, in the last 120 days).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..domain.access import Op
from ..domain.enums import Status, guardian_kind
from ..domain.errors import KnownError, NotFound, ValidationFailed
from ..storage import models
from .access import requires, trusted, write_audit
from .archive import ArchiveService
from .care import CareService, HelperDraft
from .changes import DELETED, ChangeWriter, read_meta
from .context import ServiceContext
from .merge import KIND_DUPLICATE

VISIT = "家访"


@dataclass
class SchoolFigures:
    school_id: str
    code: str
    name: str
    children: int = 0
    archived: int = 0  # complete archives
    paired: int = 0
    visited: int = 0
    by_risk_type: dict[str, int] = field(default_factory=dict)
    by_risk_level: dict[str, int] = field(default_factory=dict)
    by_guardian_kind: dict[str, int] = field(default_factory=dict)
    overdue: int = 0  # duty units overdue
    last_bundle: str | None = None  # ISO date of the last bundle merged from the school
    days_silent: int | None = None

    @staticmethod
    def _rate(part: int, whole: int) -> float:
        return round(part / whole, 4) if whole else 0.0

    @property
    def archive_rate(self) -> float:
        return self._rate(self.archived, self.children)

    @property
    def paired_rate(self) -> float:
        return self._rate(self.paired, self.children)

    @property
    def visited_rate(self) -> float:
        return self._rate(self.visited, self.children)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(
            archive_rate=self.archive_rate,
            paired_rate=self.paired_rate,
            visited_rate=self.visited_rate,
        )
        return d


@dataclass(frozen=True)
class DuplicatePair:
    id: str  # the conflict id the decision is kept under
    reason: str  # 身份证号相同 / 姓名、出生日期、监护人电话相同
    a_id: str
    a_name: str
    a_school: str
    b_id: str
    b_name: str
    b_school: str


@dataclass
class PolicyResult:
    """Which schools a setting was applied to, and why others were left alone."""

    done: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)


@dataclass
class DynamicChanges:
    """按季度上报动态变化 for one school."""

    school: str
    start: dt.date
    end: dt.date
    added: list[str] = field(default_factory=list)  # names
    transferred_in: list[str] = field(default_factory=list)
    transferred_out: list[str] = field(default_factory=list)
    no_longer: list[str] = field(default_factory=list)
    level_changed: list[str] = field(default_factory=list)
    dropped_out: list[str] = field(default_factory=list)


class TownshipService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- figures ------------------------------------------------------------------------------
    @requires(Op.READ_LIST)
    def school_figures(
        self, on: dt.date | None = None, *, duties: bool = True
    ) -> list[SchoolFigures]:
        on = on or self.ctx.today()
        archive = ArchiveService(self.ctx)
        care = CareService(self.ctx)
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            complete = {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT c.id FROM child c JOIN guardian g ON g.child_id = c.id "
                    "WHERE g.name != '' AND g.phone != '' "
                    "AND EXISTS (SELECT 1 FROM assessment a WHERE a.child_id = c.id)"
                )
            }
            paired = paired_ids(conn, on)
            bundles = {
                str(r[0]): r[1]
                for r in conn.exec_driver_sql(
                    "SELECT school_id, MAX(last_bundle_at) FROM peer WHERE role = 'school' "
                    "GROUP BY school_id"
                )
            }
        result = []
        for school in archive.schools():
            rows = [r for r in archive.list_children(school.id) if r.status == Status.ENROLLED]
            start = visit_period_start(care, school.id, on)
            with self.ctx.db.session(write=False) as s:
                visited = visited_ids(s.connection(), start, on)
            f = SchoolFigures(school.id, school.code, school.name, children=len(rows))
            f.archived = sum(r.id in complete for r in rows)
            f.paired = sum(r.id in paired for r in rows)
            f.visited = sum(r.id in visited for r in rows)
            f.by_risk_type = _count([str(r.risk_type or "未评估") for r in rows])
            f.by_risk_level = _count([str(r.risk_level or "未评估") for r in rows])
            f.by_guardian_kind = _count([guardian_kind(r.guardian_relation).value for r in rows])
            if duties and rows:
                f.overdue = sum(line.overdue for line in care.duties_status(school.id, on).rules)
            last = bundles.get(school.id)
            if last:
                when = dt.datetime.fromisoformat(str(last)).date()
                f.last_bundle = when.isoformat()
                f.days_silent = (on - when).days
            result.append(f)
        return result

    @trusted
    def totals(self, figures: list[SchoolFigures]) -> dict[str, Any]:
        """The township's figures: sums over the schools."""
        total = SchoolFigures("", read_code(self.ctx), "全乡镇")
        for f in figures:
            total.children += f.children
            total.archived += f.archived
            total.paired += f.paired
            total.visited += f.visited
            total.overdue += f.overdue
            for name in ("by_risk_type", "by_risk_level", "by_guardian_kind"):
                merged = Counter(getattr(total, name))
                merged.update(getattr(f, name))
                setattr(total, name, dict(sorted(merged.items())))
        d = total.to_json()
        d.pop("school_id")
        d.pop("last_bundle")
        d.pop("days_silent")
        d["schools"] = len(figures)
        return d

    @requires(Op.READ_LIST)
    def silent_schools(self, days: int, on: dt.date | None = None) -> list[SchoolFigures]:
        """Schools that have not sent a bundle for ``days`` days (or never)."""
        figures = self.school_figures(on, duties=False)
        return [f for f in figures if f.days_silent is None or f.days_silent >= days]

    # -- what the township sets for its schools ----------------------------------------------
    def _targets(self, school_ids: list[str] | None) -> list[tuple[str, str]]:
        schools = [(sc.id, sc.name) for sc in ArchiveService(self.ctx).schools()]
        if school_ids is not None:
            schools = [sc for sc in schools if sc[0] in set(school_ids)]
        if not schools:
            raise KnownError("还没有学校（学校发来第一个同步包后才会列出）。")
        return schools

    @requires(Op.MANAGE_CARE)
    def set_term(
        self, name: str, start: dt.date, end: dt.date, school_ids: list[str] | None = None
    ) -> PolicyResult:
        """The term calendar the township sets: the term is added for each school (or the
        chosen ones); a school that already has a term over those dates is left as it is.
        The schools receive it with their next bundle."""
        care = CareService(self.ctx)
        result = PolicyResult()
        for sid, sname in self._targets(school_ids):
            try:
                care.add_term(sid, name, start, end)
                result.done.append(sname)
            except ValidationFailed as err:
                result.skipped[sname] = "；".join(err.errors.values())
            except KnownError as err:
                result.skipped[sname] = err.message
        return result

    @requires(Op.MANAGE_CARE)
    def apply_preset(self, preset: str, school_ids: list[str] | None = None) -> PolicyResult:
        """Switch on a duty-rule preset (三个二, 四个一次, …) for each school."""
        care = CareService(self.ctx)
        result = PolicyResult()
        for sid, sname in self._targets(school_ids):
            added = care.apply_preset(sid, preset)
            if added:
                result.done.append(sname)
            else:
                result.skipped[sname] = "已有这些工作要求"
        return result

    @requires(Op.MANAGE_CARE)
    def add_shared_helper(
        self, draft: HelperDraft, school_ids: list[str] | None = None
    ) -> PolicyResult:
        """A helper from outside the schools (volunteer, village cadre, 爱心妈妈 …) put on the
        helper list of each chosen school."""
        if draft.kind != "校外":
            raise KnownError("乡镇统一添加的只能是校外帮扶人（志愿者、村干部等）。")
        care = CareService(self.ctx)
        result = PolicyResult()
        for sid, sname in self._targets(school_ids):
            if any(h.name == draft.name and h.phone == draft.phone for h in care.helpers(sid)):
                result.skipped[sname] = "名单里已有此人"
                continue
            care.add_helper(sid, draft)
            result.done.append(sname)
        return result

    # -- duplicates ---------------------------------------------------------------------------
    @requires(Op.READ_CHILD)
    def duplicates(self) -> list[DuplicatePair]:
        """Children in two schools (or twice in one) with the same ID number, or the same name,
        birth date and guardian phone — unless already decided."""
        sql = (
            "SELECT a.id, a.name, sa.name, b.id, b.name, sb.name, "
            "CASE WHEN a.id_number != '' AND a.id_number = b.id_number THEN '身份证号相同' "
            "ELSE '姓名、出生日期、监护人电话相同' END "
            "FROM child a JOIN child b ON a.id < b.id AND a.status != :deleted "
            "AND b.status != :deleted AND ((a.id_number != '' AND a.id_number = b.id_number) "
            "OR (a.name = b.name AND a.birth_date = b.birth_date AND EXISTS (SELECT 1 FROM "
            "guardian ga JOIN guardian gb ON ga.child_id = a.id AND gb.child_id = b.id "
            "WHERE ga.phone != '' AND ga.phone = gb.phone))) "
            "JOIN school sa ON sa.id = a.school_id JOIN school sb ON sb.id = b.school_id"
        )
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            # the cheap pre-filter: only children sharing an ID number or a name
            rows = conn.exec_driver_sql(sql.replace(":deleted", "?"), (DELETED, DELETED)).fetchall()
            decided = {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT id FROM conflict WHERE kind = ? AND decision != ''", (KIND_DUPLICATE,)
                )
            }
        pairs = [
            DuplicatePair(_pair_id(r[0], r[3]), r[6], r[0], r[1], r[2], r[3], r[4], r[5])
            for r in rows
        ]
        return [p for p in pairs if p.id not in decided]

    @requires(Op.MANAGE_SCHOOL)
    def decide_duplicate(self, a_id: str, b_id: str, decision: str) -> None:
        """``different``: two children; ``same``: one child entered twice — ``b`` is merged into
        ``a`` (deleted, with a redirect; its history stays and its records show with ``a``'s);
        ``transfer``: the child moved — ``a``
        (the old school's record) is marked 转出 and ``b`` stays."""
        labels = {"different": "不同儿童", "same": "同一儿童（已合并）", "transfer": "转学"}
        if decision not in labels:
            raise KnownError("请选择：不同儿童、同一儿童或转学。")
        from .archive import ArchiveService as _A

        archive = _A(self.ctx)
        with self.ctx.db.session(write=False) as s:
            a, b = s.get(models.Child, a_id), s.get(models.Child, b_id)
            if a is None or b is None:
                raise NotFound("找不到这两名儿童，请刷新后再试。")
            a_name, b_name = a.name, b.name
        today = self.ctx.today()
        if decision == "same":
            archive.merge_into(b_id, a_id, today, f"与另一份档案（{a_name}）是同一儿童，已合并")
        elif decision == "transfer":
            archive.change_status(
                a_id, Status.TRANSFERRED_OUT.value, today, f"转至另一所学校（{b_name}）"
            )
        cid = _pair_id(a_id, b_id)
        with self.ctx.db.session() as s:
            row = s.get(models.Conflict, cid)
            if row is None:
                row = models.Conflict(
                    id=cid,
                    kind=KIND_DUPLICATE,
                    entity="child",
                    entity_id=a_id,
                    child_id=a_id,
                    a_payload={"child_id": a_id, "name": a_name},
                    b_payload={"child_id": b_id, "name": b_name},
                    detected_at=dt.datetime.now(dt.UTC),
                )
            row.decision, row.decided_by, row.decided_on = labels[decision], self.ctx.author, today
            s.add(row)
            s.flush()
            w = ChangeWriter(s, self.ctx.author)
            w.log_only(
                "conflict",
                cid,
                a_id,
                "decision",
                {
                    "decision": row.decision,
                    "decided_by": row.decided_by,
                    "decided_on": today.isoformat(),
                    "note": "",
                },
            )
            w.flush()

    # -- the quarterly report of dynamic changes -----------------------------------------------
    @requires(Op.EXPORT)
    def export_quarter_report(self, path: Path, year: int, quarter: int) -> int:
        """The quarterly report of dynamic changes (动态变化表) of every school, as Excel;
        returns how many schools it covers. Audited as an export."""
        from ..reports.dynamic import write_dynamic_report
        from .sync import META_NAME

        start, end = quarter_bounds(year, quarter)
        schools = ArchiveService(self.ctx).schools()
        if not schools:
            raise KnownError("还没有任何学校的数据：请先导入各校的同步包，再导出季度动态变化表。")
        changes = [self.dynamic_changes(s.id, start, end) for s in schools]
        with self.ctx.db.session(write=False) as s:
            name = read_meta(s, META_NAME) or ""
        write_dynamic_report(Path(path), f"{name}{year}年第{quarter}季度", changes)
        write_audit(
            self.ctx,
            "export",
            detail=f"{year}年第{quarter}季度动态变化表，{len(schools)} 所学校 → {Path(path).name}",
        )
        return len(schools)

    @requires(Op.READ_LIST)
    def dynamic_changes(self, school_id: str, start: dt.date, end: dt.date) -> DynamicChanges:
        """What changed for the school's children between ``start`` and ``end`` (inclusive),
        read from the op log (stamp times), so late bundles still land in the right quarter
        of the change itself."""
        lo = _ms(start)
        hi = _ms(end + dt.timedelta(days=1))
        with self.ctx.db.session(write=False) as s:
            school = s.get(models.School, school_id)
            if school is None:
                raise NotFound("找不到这所学校。")
            conn = s.connection()
            ops = conn.exec_driver_sql(
                "SELECT o.entity, o.entity_id, o.child_id, o.field_group, o.payload, o.prev_hlc, "
                "o.prev_site, c.name, c.school_id FROM op_log o JOIN child c ON c.id = o.child_id "
                "WHERE o.entity IN ('child', 'assessment') AND o.hlc >= ? AND o.hlc < ? "
                "ORDER BY o.hlc, o.site_id",
                (f"{lo:013d}", f"{hi:013d}"),
            ).fetchall()
        report = DynamicChanges(school.name, start, end)
        levels = self._levels_before(school_id, lo)
        for entity, eid, child, group, payload_text, prev_hlc, _ps, name, owner in ops:
            payload = json.loads(payload_text)
            if entity == "child" and group == "key":
                if not prev_hlc:
                    if payload.get("school_id") == school_id:
                        _add(report.added, name)
                elif payload.get("school_id") == school_id:
                    _add(report.transferred_in, name)
                else:
                    prev = self._key_school(eid, prev_hlc)
                    if prev == school_id:
                        _add(report.transferred_out, name)
            elif entity == "child" and group == "status" and owner == school_id:
                if payload.get("status") == Status.NO_LONGER_LEFT_BEHIND:
                    _add(report.no_longer, name)
                elif payload.get("status") == Status.DROPPED_OUT:
                    _add(report.dropped_out, name)
                elif payload.get("status") == Status.TRANSFERRED_OUT:
                    _add(report.transferred_out, name)
            elif entity == "assessment" and group == "assessment" and owner == school_id:
                level = payload.get("risk_level")
                before = levels.get(str(child))
                if before is not None and before != level:
                    _add(report.level_changed, name)
                levels[str(child)] = level
        return report

    def _levels_before(self, school_id: str, before_ms: int) -> dict[str, Any]:
        with self.ctx.db.session(write=False) as s:
            rows = (
                s.connection()
                .exec_driver_sql(
                    "SELECT o.child_id, o.payload FROM op_log o JOIN child c ON c.id = o.child_id "
                    "WHERE o.entity = 'assessment' AND o.field_group = 'assessment' "
                    "AND c.school_id = ? AND o.hlc < ? ORDER BY o.hlc",
                    (school_id, f"{before_ms:013d}"),
                )
                .fetchall()
            )
        return {str(c): json.loads(p).get("risk_level") for c, p in rows}

    def _key_school(self, child_id: str, hlc: str) -> str | None:
        with self.ctx.db.session(write=False) as s:
            row = (
                s.connection()
                .exec_driver_sql(
                    "SELECT payload FROM op_log WHERE entity = 'child' AND entity_id = ? "
                    "AND field_group = 'key' AND hlc = ?",
                    (child_id, hlc),
                )
                .first()
            )
        return json.loads(row[0]).get("school_id") if row else None


def paired_ids(conn: Any, on: dt.date) -> set[str]:
    """The children with an active pairing (结对) on ``on``."""
    return {
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT child_id FROM pairing WHERE start_date <= ? "
            "AND (end_date IS NULL OR end_date > ?)",
            (on.isoformat(), on.isoformat()),
        )
    }


def visited_ids(conn: Any, start: dt.date, on: dt.date) -> set[str]:
    """The children with a 家访 record dated ``start`` … ``on``."""
    return {
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT rc.child_id FROM record r JOIN record_child rc ON rc.record_id = r.id "
            "WHERE r.kind = ? AND r.occurred_on >= ? AND r.occurred_on <= ?",
            (VISIT, start.isoformat(), on.isoformat()),
        )
    }


def visit_period_start(care: CareService, school_id: str, on: dt.date) -> dt.date:
    """Since when a visit counts as "visited this term": the first day of the school's current
    term; with no term set, 120 days back."""
    for t in care.terms(school_id):
        if t.start <= on <= t.end:
            return t.start
    return on - dt.timedelta(days=120)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise KnownError("季度应为 1 到 4。")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def read_code(ctx: ServiceContext) -> str:
    with ctx.db.session(write=False) as s:
        return read_meta(s, "unit_code") or ""


def _count(values: list[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def _add(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def _ms(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day).timestamp() * 1000)  # local midnight


def _pair_id(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return hashlib.sha256(f"{KIND_DUPLICATE}|{first}|{second}".encode()).hexdigest()[:32]
