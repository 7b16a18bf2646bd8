"""Care work use cases: helpers, pairings and help plans, records, appointments, the school
calendar, duty rules and their status, incidents, and each child's timeline."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlmodel import col, select

from ..domain.access import Op, Role
from ..domain.archive import normalize_phone, phone_problem
from ..domain.care import (
    DEFAULT_PAIRING_LIMIT,
    PRESETS,
    HelperKind,
    PairingRole,
    Progress,
    RecordKind,
    rule_problems,
    school_year_of_term,
    term_problems,
)
from ..domain.duties import (
    DutyChild,
    DutyPairing,
    DutyRecord,
    DutyRule,
    Period,
    Tally,
    Term,
    Unit,
    UnitState,
    current_term,
    evaluate,
    tally,
    windows,
)
from ..domain.enums import Status
from ..domain.errors import KnownError, NotFound, ValidationFailed
from ..domain.grades import class_label
from ..storage import models
from .access import actor_of, arg, check, requires, teacher_children
from .changes import Changes, ChangeWriter, new_id, read_meta, table_of, write_meta
from .context import ServiceContext

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


# --- values -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HelperInfo:
    id: str
    school_id: str
    kind: str
    name: str
    phone: str
    subject: str
    grade: int | None
    class_no: int | None
    child_id: str | None
    role_note: str
    active: bool
    children: int  # active pairings


@dataclass
class HelperDraft:
    kind: str
    name: str
    phone: str = ""
    subject: str = ""
    grade: int | None = None
    class_no: int | None = None
    child_id: str | None = None
    role_note: str = ""


@dataclass(frozen=True)
class PairingInfo:
    id: str
    helper_id: str
    helper_name: str
    helper_kind: str
    child_id: str
    child_name: str
    class_label: str
    role: str
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str
    study_situation: str
    help_times: str
    content: str
    goals: str

    @property
    def active(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True)
class ReviewInfo:
    id: str
    pairing_id: str
    term: str
    reviewed_on: dt.date
    progress: str
    notes: str


@dataclass
class RecordDraft:
    kind: str
    occurred_on: dt.date
    child_ids: list[str]
    summary: str = ""
    mode: str = ""
    helper_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    follow_up: str = ""
    follow_up_due: dt.date | None = None
    attachments: list[tuple[str, bytes]] = field(default_factory=list)  # (filename, content)


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    sha256: str
    filename: str


@dataclass(frozen=True)
class RecordInfo:
    id: str
    kind: str
    occurred_on: dt.date
    mode: str
    helper_id: str | None
    author: str
    summary: str
    details: dict[str, Any]
    follow_up: str
    follow_up_due: dt.date | None
    corrects: str | None
    corrected_by: str | None  # a later version replaced this one
    child_ids: tuple[str, ...]
    attachments: tuple[AttachmentInfo, ...]


@dataclass(frozen=True)
class DutyLine:
    """Totals for one rule, child, helper or class: records required, done, due, overdue."""

    key: str
    label: str
    required: int
    done: int
    due: int
    overdue: int
    risk_level: int | None = None


@dataclass(frozen=True)
class DutyReport:
    on: dt.date
    term: Term | None
    rules: list[DutyLine]
    children: list[DutyLine]  # 一级/二级 first, then most overdue
    helpers: list[DutyLine]
    classes: list[DutyLine]
    units: list[Unit]

    def to_json(self) -> dict[str, Any]:
        def lines(items: list[DutyLine]) -> list[dict[str, Any]]:
            return [
                {
                    "id": d.key,
                    "name": d.label,
                    "required": d.required,
                    "done": d.done,
                    "due": d.due,
                    "overdue": d.overdue,
                }
                for d in items
            ]

        return {
            "date": self.on.isoformat(),
            "term": None
            if self.term is None
            else {
                "name": self.term.name,
                "start": self.term.start.isoformat(),
                "end": self.term.end.isoformat(),
            },
            "rules": lines(self.rules),
            "children": lines(self.children),
            "helpers": lines(self.helpers),
            "classes": lines(self.classes),
        }


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    kind: str  # 记录 / 结对 / 结对结束 / 风险评估 / 强制报告 / 家访预约
    title: str
    detail: str
    ref_id: str


@dataclass(frozen=True)
class IncidentInfo:
    id: str
    child_id: str
    child_name: str
    kind: str
    found_on: dt.date
    description: str
    reported_on: dt.date | None
    reported_to: str
    follow_up: str
    outcome: str
    closed_on: dt.date | None


@dataclass(frozen=True)
class AppointmentInfo:
    id: str
    child_id: str
    child_name: str
    helper_id: str | None
    planned_on: dt.date
    purpose: str
    status: str


@functools.lru_cache(maxsize=4096)
def parse_day(text: str) -> dt.date:
    """ISO date text to a date; records share few distinct days, so cache them."""
    return dt.date.fromisoformat(text)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# --- dropouts, holiday screening and the teacher's year-end report -------------------------------
@dataclass(frozen=True)
class DropoutInfo:
    id: str
    child_id: str
    child_name: str
    registered_on: dt.date
    reason: str
    outcome: str
    report: str
    closed_on: dt.date | None
    attempts: tuple[tuple[dt.date, str, str], ...]  # (date, by, result)


@dataclass(frozen=True)
class ScreeningInfo:
    child_id: str
    child_name: str
    class_label: str
    items: dict[str, bool]
    notes: str
    checked_on: dt.date | None

    @property
    def complete(self) -> bool:
        from ..domain.care import SCREENING_ITEMS

        return all(self.items.get(i, False) for i in SCREENING_ITEMS)


@dataclass(frozen=True)
class MissedUnit:
    """A duty a teacher missed: the rule, the child, the period, records required and done."""

    rule_id: str
    rule: str
    child_id: str
    child_name: str
    class_label: str
    start: dt.date
    end: dt.date
    required: int
    done: int


@dataclass(frozen=True)
class TeacherReport:
    """A teacher's year-end duty report (考核)."""

    helper_id: str
    helper_name: str
    school_year: str
    pairings: list[PairingInfo]
    records_by_kind: dict[str, int]
    rules: list[DutyLine]  # this helper's units, per rule, over the year's terms
    met: int  # units met
    missed: int  # units overdue
    missed_units: list[MissedUnit] = field(default_factory=list)  # by rule, period, class, name


def _theirs(ctx: ServiceContext, rows: Sequence[Any], child_column: int) -> list[Any]:
    """The rows about a teacher's own children (every row for every other role): incidents,
    dropouts and screenings say more about a child than a contact card does."""
    mine = teacher_children(ctx)
    return [r for r in rows if mine is None or r[child_column] in mine]


def _recorded_helper(ctx: ServiceContext, helper_id: str | None) -> str | None:
    """The helper a record counts for: a teacher's records are always their own (their
    帮扶人 record), so their duties — and nobody else's — are met by them."""
    actor = actor_of(ctx)
    if actor.role is not Role.TEACHER:
        return helper_id
    if helper_id is not None and helper_id != actor.helper_id:
        raise ValidationFailed({"helper": "教师只能以自己的名义填写记录（帮扶人选自己）。"})
    return actor.helper_id


def _draft_children(arguments: Mapping[str, Any]) -> list[str]:
    """The children a record being written is about (for a teacher's scope check)."""
    return list(arguments["draft"].child_ids)


class CareRecordsMixin:
    """Dropouts, screening and reports (kept apart from CareService's core for readability)."""

    ctx: ServiceContext

    @requires(Op.WRITE_RECORD, children=arg("child_id"))
    def register_dropout(self, child_id: str, on: dt.date, reason: str) -> str:
        if on > self.ctx.today():
            raise ValidationFailed({"registered_on": "日期不能晚于今天"})
        dropout_id = new_id()
        with self.ctx.db.session() as s:
            if s.get(models.Child, child_id) is None:
                raise NotFound("找不到这名儿童。")
            w = ChangeWriter(s, self.ctx.author)
            w.insert(
                "dropout",
                {"id": dropout_id, "child_id": child_id, "registered_on": on,
                 "reason": reason.strip(), "outcome": "", "report": "", "closed_on": None},
                child_id,
            )  # fmt: skip
            w.flush()
        return dropout_id

    @requires(Op.WRITE_RECORD)
    def add_dropout_attempt(self, dropout_id: str, on: dt.date, by: str, result: str) -> str:
        if not by.strip() or not result.strip():
            raise ValidationFailed({"result": "请写明谁去劝返、结果如何"})
        attempt_id = new_id()
        with self.ctx.db.session() as s:
            d = s.get(models.Dropout, dropout_id)
            if d is None:
                raise NotFound("找不到这条辍学登记。")
            w = ChangeWriter(s, self.ctx.author)
            w.insert(
                "dropout_attempt",
                {"id": attempt_id, "dropout_id": dropout_id, "attempted_on": on,
                 "by": by.strip(), "result": result.strip()},
                d.child_id,
            )  # fmt: skip
            w.flush()
        return attempt_id

    @requires(Op.WRITE_RECORD)
    def close_dropout(self, dropout_id: str, on: dt.date, outcome: str, report: str) -> Changes:
        if not outcome.strip():
            raise ValidationFailed({"outcome": "请写明结果，如“已复学”或“劝返未果”"})
        with self.ctx.db.session() as s:
            d = s.get(models.Dropout, dropout_id)
            if d is None:
                raise NotFound("找不到这条辍学登记。")
            w = ChangeWriter(s, self.ctx.author)
            w.update(
                "dropout",
                dropout_id,
                {"outcome": d.outcome, "report": d.report, "closed_on": d.closed_on},
                {"outcome": outcome.strip(), "report": report.strip(), "closed_on": on},
                d.child_id,
            )
            return w.flush()

    @requires(Op.READ_CARE)
    def dropouts(self, school_id: str) -> list[DropoutInfo]:
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            rows = conn.exec_driver_sql(
                "SELECT d.id, d.child_id, c.name, d.registered_on, d.reason, d.outcome, d.report, "
                "d.closed_on FROM dropout d JOIN child c ON c.id = d.child_id "
                "WHERE c.school_id = ? ORDER BY d.closed_on IS NOT NULL, d.registered_on DESC",
                (school_id,),
            ).fetchall()
            attempts: dict[str, list[tuple[dt.date, str, str]]] = {}
            for did, on, by, result in conn.exec_driver_sql(
                "SELECT a.dropout_id, a.attempted_on, a.by, a.result FROM dropout_attempt a "
                "JOIN dropout d ON d.id = a.dropout_id JOIN child c ON c.id = d.child_id "
                "WHERE c.school_id = ? ORDER BY a.attempted_on",
                (school_id,),
            ):
                attempts.setdefault(did, []).append((_date(on) or dt.date.min, by, result))
        rows = _theirs(self.ctx, rows, 1)
        return [
            DropoutInfo(r[0], r[1], r[2], _date(r[3]) or dt.date.min, r[4], r[5], r[6],
                        _date(r[7]), tuple(attempts.get(r[0], [])))
            for r in rows
        ]  # fmt: skip

    @requires(Op.WRITE_RECORD, children=arg("child_id"))
    def save_screening(
        self, child_id: str, holiday: str, items: dict[str, bool], notes: str, on: dt.date
    ) -> Changes:
        """Tick a child's holiday checklist (one per child and holiday; later ticks update it)."""
        if not holiday.strip():
            raise ValidationFailed({"holiday": "请填写假期，如“2027年寒假”"})
        with self.ctx.db.session() as s:
            row = s.exec(
                select(models.Screening).where(
                    col(models.Screening.child_id) == child_id,
                    col(models.Screening.holiday) == holiday.strip(),
                )
            ).one_or_none()
            w = ChangeWriter(s, self.ctx.author)
            new = {"child_id": child_id, "holiday": holiday.strip(), "items": dict(items),
                   "notes": notes.strip(), "checked_on": on}  # fmt: skip
            if row is None:
                w.insert("screening", {"id": new_id(), **new}, child_id)
            else:
                old = {k: getattr(row, k) for k in new}
                w.update("screening", row.id, old, new, child_id)
            return w.flush()

    @requires(Op.READ_CARE)
    def screenings(self, school_id: str, holiday: str) -> list[ScreeningInfo]:
        """Every child on the register, with their checklist for the holiday (empty if none)."""
        with self.ctx.db.session(write=False) as s:
            rows = (
                s.connection()
                .exec_driver_sql(
                    "SELECT c.id, c.name, c.grade, c.class_no, s.items, s.notes, s.checked_on "
                    "FROM child c LEFT JOIN screening s ON s.child_id = c.id AND s.holiday = ? "
                    "WHERE c.school_id = ? AND c.status = ? "
                    "ORDER BY c.grade, c.class_no, c.name_pinyin",
                    (holiday, school_id, Status.ENROLLED.value),
                )
                .fetchall()
            )
        rows = _theirs(self.ctx, rows, 0)
        return [
            ScreeningInfo(r[0], r[1], class_label(r[2], r[3]),
                          json.loads(r[4]) if r[4] else {}, r[5] or "", _date(r[6]))
            for r in rows
        ]  # fmt: skip


@dataclass
class _DutyInputs:
    rules: list[DutyRule]
    children: list[DutyChild]
    records: list[DutyRecord]
    pairings: list[DutyPairing]
    names: dict[str, str]
    levels: dict[str, int | None]
    classes: dict[str, tuple[int, int]]
    helper_names: dict[str, str]


# --- the service --------------------------------------------------------------------------------


class CareService(CareRecordsMixin):
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- helpers ---------------------------------------------------------------------------------
    @requires(Op.READ_CARE)
    def helpers(self, school_id: str) -> list[HelperInfo]:
        with self.ctx.db.session(write=False) as s:
            counts: dict[str, int] = dict(
                s.connection()
                .exec_driver_sql(
                    "SELECT helper_id, COUNT(*) FROM pairing WHERE end_date IS NULL "
                    "GROUP BY helper_id"
                )
                .fetchall()
            )
            rows = s.exec(
                select(models.Helper)
                .where(col(models.Helper.school_id) == school_id)
                .order_by(col(models.Helper.kind), col(models.Helper.name))
            ).all()
            return [
                HelperInfo(
                    h.id,
                    h.school_id,
                    h.kind,
                    h.name,
                    h.phone,
                    h.subject,
                    h.grade,
                    h.class_no,
                    h.child_id,
                    h.role_note,
                    h.active,
                    counts.get(h.id, 0),
                )
                for h in rows
            ]

    @requires(Op.MANAGE_CARE)
    def add_helper(self, school_id: str, draft: HelperDraft) -> str:
        errors = self._helper_problems(draft)
        if errors:
            raise ValidationFailed(errors)
        helper_id = new_id()
        with self.ctx.db.session() as s:
            w = ChangeWriter(s, self.ctx.author)
            w.insert(
                "helper",
                {
                    "id": helper_id,
                    "school_id": school_id,
                    **self._helper_values(draft),
                    "active": True,
                },
                None,
            )
            w.flush()
        return helper_id

    @requires(Op.MANAGE_CARE)
    def update_helper(self, helper_id: str, draft: HelperDraft) -> Changes:
        errors = self._helper_problems(draft)
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.db.session() as s:
            h = s.get(models.Helper, helper_id)
            if h is None:
                raise NotFound("找不到这位帮扶人。")
            w = ChangeWriter(s, self.ctx.author)
            old = {k: getattr(h, k) for k in self._helper_values(draft)}
            w.update("helper", helper_id, old, self._helper_values(draft), None)
            return w.flush()

    @requires(Op.MANAGE_CARE)
    def set_helper_active(self, helper_id: str, active: bool, on: dt.date | None = None) -> Changes:
        """A helper who leaves: inactive, and their open pairings end (kept in the history)."""
        on = on or self.ctx.today()
        with self.ctx.db.session() as s:
            h = s.get(models.Helper, helper_id)
            if h is None:
                raise NotFound("找不到这位帮扶人。")
            w = ChangeWriter(s, self.ctx.author)
            w.update("helper", helper_id, {"active": h.active}, {"active": active}, None)
            if not active:
                for p in s.exec(
                    select(models.Pairing).where(
                        col(models.Pairing.helper_id) == helper_id,
                        col(models.Pairing.end_date).is_(None),
                    )
                ).all():
                    w.update(
                        "pairing",
                        p.id,
                        {"end_date": None, "end_reason": p.end_reason},
                        {"end_date": on, "end_reason": "帮扶人离开"},
                        p.child_id,
                    )
            return w.flush()

    @staticmethod
    def _helper_values(d: HelperDraft) -> dict[str, Any]:
        return {
            "kind": d.kind,
            "name": d.name.strip(),
            "phone": normalize_phone(d.phone),
            "subject": d.subject.strip(),
            "grade": d.grade,
            "class_no": d.class_no,
            "child_id": d.child_id,
            "role_note": d.role_note.strip(),
        }

    @staticmethod
    def _helper_problems(d: HelperDraft) -> dict[str, str]:
        errors: dict[str, str] = {}
        if d.kind not in {k.value for k in HelperKind}:
            errors["kind"] = "请选择帮扶人类别：教师、同学或校外"
        if not d.name.strip():
            errors["name"] = "请填写姓名"
        problem = phone_problem(d.phone)
        if problem:
            errors["phone"] = problem
        if d.kind == HelperKind.CLASSMATE and not d.child_id:
            errors["child_id"] = "同学帮扶人请选择本校的一名学生"
        return errors

    # -- pairings --------------------------------------------------------------------------------
    @requires(Op.READ_CARE)
    def pairing_limit(self, school_id: str) -> int:
        with self.ctx.db.session(write=False) as s:
            value = read_meta(s, f"pairing_limit:{school_id}")
        return int(value) if value else DEFAULT_PAIRING_LIMIT

    @requires(Op.MANAGE_CARE)
    def set_pairing_limit(self, school_id: str, limit: int) -> None:
        if not 1 <= limit <= 30:
            raise ValidationFailed({"limit": "每位教师结对人数上限应在1到30之间"})
        with self.ctx.db.session() as s:
            write_meta(s, f"pairing_limit:{school_id}", str(limit))

    @requires(Op.MANAGE_CARE)
    def pair(
        self, helper_id: str, child_id: str, role: str, start: dt.date | None = None
    ) -> tuple[str, list[str]]:
        """Pair a helper with a child; returns the pairing id and warnings (e.g. over the
        school's limit of children per teacher — allowed, but said)."""
        start = start or self.ctx.today()
        if role not in {r.value for r in PairingRole}:
            raise ValidationFailed({"role": "请选择结对角色"})
        if start > self.ctx.today():
            raise ValidationFailed({"start_date": "开始日期不能晚于今天"})
        warnings: list[str] = []
        with self.ctx.db.session() as s:
            helper = s.get(models.Helper, helper_id)
            child = s.get(models.Child, child_id)
            if helper is None or child is None:
                raise NotFound("找不到这位帮扶人或这名儿童。")
            if not helper.active:
                raise KnownError(f"{helper.name} 已不再担任帮扶人，不能新结对。")
            active = s.exec(
                select(models.Pairing).where(
                    col(models.Pairing.helper_id) == helper_id,
                    col(models.Pairing.end_date).is_(None),
                )
            ).all()
            if any(p.child_id == child_id for p in active):
                raise KnownError(f"{helper.name} 已经与 {child.name} 结对。")
            limit = int(read_meta(s, f"pairing_limit:{helper.school_id}") or DEFAULT_PAIRING_LIMIT)
            if helper.kind == HelperKind.TEACHER and len(active) + 1 > limit:
                warnings.append(
                    f"{helper.name} 将结对 {len(active) + 1} 名儿童，超过本校每位教师 {limit} 名的上限。"
                )
            pairing_id = new_id()
            w = ChangeWriter(s, self.ctx.author)
            w.insert(
                "pairing",
                {
                    "id": pairing_id,
                    "helper_id": helper_id,
                    "child_id": child_id,
                    "role": role,
                    "start_date": start,
                    "end_date": None,
                    "end_reason": "",
                    "study_situation": "",
                    "help_times": "",
                    "content": "",
                    "goals": "",
                },
                child_id,
            )
            w.flush()
        return pairing_id, warnings

    @requires(Op.MANAGE_CARE)
    def end_pairing(self, pairing_id: str, on: dt.date, reason: str) -> Changes:
        with self.ctx.db.session() as s:
            p = s.get(models.Pairing, pairing_id)
            if p is None:
                raise NotFound("找不到这条结对。")
            if p.end_date is not None:
                raise KnownError("这条结对已经结束。")
            if on < p.start_date or on > self.ctx.today():
                raise ValidationFailed({"end_date": "结束日期应在开始日期与今天之间"})
            w = ChangeWriter(s, self.ctx.author)
            w.update(
                "pairing",
                pairing_id,
                {"end_date": None, "end_reason": ""},
                {"end_date": on, "end_reason": reason.strip()},
                p.child_id,
            )
            return w.flush()

    @requires(Op.MANAGE_CARE)
    def save_plan(
        self, pairing_id: str, study_situation: str, help_times: str, content: str, goals: str
    ) -> Changes:
        """The help plan (帮扶计划) of a pairing."""
        with self.ctx.db.session() as s:
            p = s.get(models.Pairing, pairing_id)
            if p is None:
                raise NotFound("找不到这条结对。")
            w = ChangeWriter(s, self.ctx.author)
            old = {k: getattr(p, k) for k in ("study_situation", "help_times", "content", "goals")}
            new = {
                "study_situation": study_situation.strip(),
                "help_times": help_times.strip(),
                "content": content.strip(),
                "goals": goals.strip(),
            }
            w.update("pairing", pairing_id, old, new, p.child_id)
            return w.flush()

    @requires(Op.WRITE_RECORD)
    def add_review(
        self, pairing_id: str, term: str, reviewed_on: dt.date, progress: str, notes: str
    ) -> str:
        if progress not in {p.value for p in Progress}:
            raise ValidationFailed({"progress": "请选择：进步、持平或退步"})
        if not term.strip():
            raise ValidationFailed({"term": "请填写学期"})
        review_id = new_id()
        with self.ctx.db.session(write=False) as s:
            found = s.get(models.Pairing, pairing_id)
            if found is None:
                raise NotFound("找不到这条结对。")
        check(self.ctx, Op.WRITE_RECORD, [found.child_id])  # a teacher: their own children
        with self.ctx.db.session() as s:
            p = s.get(models.Pairing, pairing_id)
            if p is None:
                raise NotFound("找不到这条结对。")
            w = ChangeWriter(s, self.ctx.author)
            w.insert(
                "plan_review",
                {
                    "id": review_id,
                    "pairing_id": pairing_id,
                    "term": term.strip(),
                    "reviewed_on": reviewed_on,
                    "progress": progress,
                    "notes": notes.strip(),
                },
                p.child_id,
            )
            w.flush()
        return review_id

    @requires(Op.READ_CARE)
    def reviews(self, pairing_id: str) -> list[ReviewInfo]:
        with self.ctx.db.session(write=False) as s:
            rows = s.exec(
                select(models.PlanReview)
                .where(col(models.PlanReview.pairing_id) == pairing_id)
                .order_by(col(models.PlanReview.reviewed_on))
            ).all()
            return [
                ReviewInfo(r.id, r.pairing_id, r.term, r.reviewed_on, r.progress, r.notes)
                for r in rows
            ]

    @requires(Op.READ_CARE)
    def reviews_for_school(self, school_id: str) -> dict[str, list[ReviewInfo]]:
        """Every pairing's term reviews, in one read: pairing id → reviews, oldest first."""
        with self.ctx.db.session(write=False) as s:
            rows = (
                s.connection()
                .exec_driver_sql(
                    "SELECT r.id, r.pairing_id, r.term, r.reviewed_on, r.progress, r.notes "
                    "FROM plan_review r JOIN pairing p ON p.id = r.pairing_id "
                    "JOIN helper h ON h.id = p.helper_id WHERE h.school_id = ? "
                    "ORDER BY r.reviewed_on",
                    (school_id,),
                )
                .fetchall()
            )
        found: dict[str, list[ReviewInfo]] = {}
        for r in rows:
            found.setdefault(r[1], []).append(
                ReviewInfo(r[0], r[1], r[2], _date(r[3]) or dt.date.min, r[4], r[5])
            )
        return found

    @requires(Op.READ_CARE)
    def pairings(
        self,
        school_id: str | None = None,
        *,
        child_id: str | None = None,
        helper_id: str | None = None,
        active_only: bool = False,
    ) -> list[PairingInfo]:
        sql = (
            "SELECT p.id, p.helper_id, h.name, h.kind, p.child_id, c.name, c.grade, c.class_no, "
            "p.role, p.start_date, p.end_date, p.end_reason, p.study_situation, p.help_times, "
            "p.content, p.goals FROM pairing p JOIN helper h ON h.id = p.helper_id "
            "JOIN child c ON c.id = p.child_id WHERE 1=1"
        )
        params: list[Any] = []
        for clause, value in (
            ("h.school_id = ?", school_id),
            ("p.child_id = ?", child_id),
            ("p.helper_id = ?", helper_id),
        ):
            if value is not None:
                sql += f" AND {clause}"
                params.append(value)
        if active_only:
            sql += " AND p.end_date IS NULL"
        sql += " ORDER BY p.end_date IS NOT NULL, c.grade, c.class_no, c.name_pinyin"
        with self.ctx.db.session(write=False) as s:
            rows = s.connection().exec_driver_sql(sql, tuple(params)).fetchall()
        return [
            PairingInfo(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                class_label(r[6], r[7]),
                r[8],
                _date(r[9]) or dt.date.min,
                _date(r[10]),
                r[11],
                r[12],
                r[13],
                r[14],
                r[15],
            )
            for r in rows
        ]

    @requires(Op.READ_CARE)
    def unpaired_children(self, school_id: str) -> list[str]:
        """Ids of the children on the register with no active pairing."""
        with self.ctx.db.session(write=False) as s:
            rows = (
                s.connection()
                .exec_driver_sql(
                    "SELECT c.id FROM child c WHERE c.school_id = ? AND c.status = ? AND NOT EXISTS "
                    "(SELECT 1 FROM pairing p WHERE p.child_id = c.id AND p.end_date IS NULL) "
                    "ORDER BY c.grade, c.class_no, c.name_pinyin",
                    (school_id, Status.ENROLLED.value),
                )
                .fetchall()
            )
        return [r[0] for r in rows]

    # -- records ---------------------------------------------------------------------------------
    @requires(Op.WRITE_RECORD, children=_draft_children)
    def add_record(self, school_id: str, draft: RecordDraft) -> str:
        """Write a record (and its attachments, each file stored once by content hash)."""
        return self._write_record(school_id, draft, corrects=None)

    @requires(Op.WRITE_RECORD, children=_draft_children)
    def correct_record(self, record_id: str, draft: RecordDraft) -> str:
        """A correction is a new version linked to the old; the original stays as it was."""
        with self.ctx.db.session(write=False) as s:
            old = s.get(models.Record, record_id)
            if old is None:
                raise NotFound("找不到要更正的记录。")
            school_id = old.school_id
            later = (
                s.connection()
                .exec_driver_sql("SELECT 1 FROM record WHERE corrects = ?", (record_id,))
                .fetchone()
            )
        if later is not None:
            raise KnownError("这条记录已经更正过，请更正最新的版本。")
        return self._write_record(school_id, draft, corrects=record_id)

    def _record_problems(self, draft: RecordDraft) -> dict[str, str]:
        errors: dict[str, str] = {}
        if draft.kind not in {k.value for k in RecordKind}:
            errors["kind"] = "请选择记录类型"
        if not draft.child_ids:
            errors["child_ids"] = "请至少选择一名儿童"
        if draft.occurred_on > self.ctx.today():
            errors["occurred_on"] = "日期不能晚于今天"
        if draft.follow_up_due is not None and not draft.follow_up.strip():
            errors["follow_up"] = "填写了跟进日期，请写明要跟进的事"
        for name, content in draft.attachments:
            if len(content) > MAX_ATTACHMENT_BYTES:
                errors["attachments"] = f"附件“{name}”超过20MB，请压缩后再附上"
        return errors

    def _write_record(self, school_id: str, draft: RecordDraft, corrects: str | None) -> str:
        errors = self._record_problems(draft)
        if errors:
            raise ValidationFailed(errors)
        record_id = new_id()
        child_ids = sorted(set(draft.child_ids))
        values: dict[str, Any] = {
            "id": record_id,
            "school_id": school_id,
            "kind": draft.kind,
            "occurred_on": draft.occurred_on,
            "mode": draft.mode,
            "helper_id": _recorded_helper(self.ctx, draft.helper_id),
            "author": self.ctx.author,
            "summary": draft.summary.strip(),
            "details": draft.details,
            "follow_up": draft.follow_up.strip(),
            "follow_up_due": draft.follow_up_due,
            "corrects": corrects,
        }
        with self.ctx.db.session() as s:
            known = {
                r[0]
                for r in s.connection().exec_driver_sql(
                    f"SELECT id FROM child WHERE id IN ({','.join('?' * len(child_ids))})",
                    tuple(child_ids),
                )
            }
            if known != set(child_ids):
                raise NotFound("记录里有找不到的儿童，请刷新后重试。")
            w = ChangeWriter(s, self.ctx.author)
            s.execute(insert(table_of(models.Record)).values(**values))
            s.execute(
                insert(table_of(models.RecordChild)),
                [{"record_id": record_id, "child_id": c} for c in child_ids],
            )
            w.log_new(
                "record",
                {**values, "child_ids": child_ids},
                child_ids[0] if len(child_ids) == 1 else None,
            )
            for filename, content in draft.attachments:
                sha = hashlib.sha256(content).hexdigest()
                s.connection().exec_driver_sql(
                    "INSERT OR IGNORE INTO blob (sha256, mime, size, data) VALUES (?, ?, ?, ?)",
                    (sha, _mime(filename), len(content), content),
                )
                w.insert(
                    "attachment",
                    {"id": new_id(), "record_id": record_id, "sha256": sha, "filename": filename},
                    None,
                )
            w.flush()
        return record_id

    @requires(Op.READ_CARE)
    def records(
        self,
        school_id: str | None = None,
        *,
        child_id: str | None = None,
        since: dt.date | None = None,
        include_superseded: bool = False,
    ) -> list[RecordInfo]:
        """Records, newest first; a corrected record is left out unless asked for. A teacher
        reads the records of their own children only."""
        mine = teacher_children(self.ctx)
        found = self._records(school_id, child_id, since, include_superseded)
        return [r for r in found if mine is None or any(c in mine for c in r.child_ids)]

    @requires(Op.READ_CARE)
    def visited(self, school_id: str, since: dt.date, until: dt.date) -> set[str]:
        """The children with a home visit (家访) dated ``since``…``until``: ids only, so a
        teacher's figures count every child (as ``duties_status`` does)."""
        return {
            c
            for r in self._records(school_id, None, since, False)
            if r.kind == RecordKind.HOME_VISIT and r.occurred_on <= until
            for c in r.child_ids
        }

    def _records(
        self,
        school_id: str | None,
        child_id: str | None,
        since: dt.date | None,
        include_superseded: bool,
    ) -> list[RecordInfo]:
        sql = (
            "SELECT r.id, r.kind, r.occurred_on, r.mode, r.helper_id, r.author, r.summary, "
            "r.details, r.follow_up, r.follow_up_due, r.corrects, "
            "(SELECT n.id FROM record n WHERE n.corrects = r.id) "
            "FROM record r WHERE 1=1"
        )
        params: list[Any] = []
        if school_id is not None:
            sql += " AND r.school_id = ?"
            params.append(school_id)
        if child_id is not None:
            # with the records of a duplicate archive merged into this one
            sql += (
                " AND r.id IN (SELECT record_id FROM record_child WHERE child_id = ? OR "
                "child_id IN (SELECT id FROM child WHERE merged_into = ?))"
            )
            params += [child_id, child_id]
        if since is not None:
            sql += " AND r.occurred_on >= ?"
            params.append(since.isoformat())
        if not include_superseded:
            sql += " AND NOT EXISTS (SELECT 1 FROM record n WHERE n.corrects = r.id)"
        sql += " ORDER BY r.occurred_on DESC, r.id DESC"
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            rows = conn.exec_driver_sql(sql, tuple(params)).fetchall()
            ids = [r[0] for r in rows]
            children: dict[str, list[str]] = {}
            files: dict[str, list[AttachmentInfo]] = {}
            for chunk in _chunks(ids, 500):
                marks = ",".join("?" * len(chunk))
                for rid, cid in conn.exec_driver_sql(
                    f"SELECT record_id, child_id FROM record_child WHERE record_id IN ({marks})",
                    tuple(chunk),
                ):
                    children.setdefault(rid, []).append(cid)
                for aid, rid, sha, name in conn.exec_driver_sql(
                    f"SELECT id, record_id, sha256, filename FROM attachment "
                    f"WHERE record_id IN ({marks})",
                    tuple(chunk),
                ):
                    files.setdefault(rid, []).append(AttachmentInfo(aid, sha, name))
        return [
            RecordInfo(
                r[0],
                r[1],
                _date(r[2]) or dt.date.min,
                r[3],
                r[4],
                r[5],
                r[6],
                json.loads(r[7]) if isinstance(r[7], str) else (r[7] or {}),
                r[8],
                _date(r[9]),
                r[10],
                r[11],
                tuple(sorted(children.get(r[0], []))),
                tuple(files.get(r[0], [])),
            )
            for r in rows
        ]

    @requires(Op.READ_CARE)
    def blob(self, sha256: str) -> bytes:
        with self.ctx.db.session(write=False) as s:
            row = (
                s.connection()
                .exec_driver_sql("SELECT data FROM blob WHERE sha256 = ?", (sha256,))
                .fetchone()
            )
        if row is None:
            raise NotFound("找不到这个附件。")
        return bytes(row[0])

    @requires(Op.READ_CARE)
    def open_follow_ups(self, school_id: str) -> list[RecordInfo]:
        """Follow-ups with a due date that no later record for the same child has answered."""
        result = []
        records = self.records(school_id)
        latest: dict[str, dt.date] = {}
        for r in records:
            for c in r.child_ids:
                latest[c] = max(latest.get(c, dt.date.min), r.occurred_on)
        for r in records:
            if r.follow_up_due is None:
                continue
            if not any(latest.get(c, dt.date.min) > r.occurred_on for c in r.child_ids):
                result.append(r)
        return sorted(result, key=lambda r: r.follow_up_due or dt.date.max)

    # -- appointments ----------------------------------------------------------------------------
    @requires(Op.WRITE_RECORD, children=arg("child_id"))
    def book_visit(
        self, child_id: str, planned_on: dt.date, purpose: str, helper_id: str | None = None
    ) -> str:
        if planned_on < self.ctx.today():
            raise ValidationFailed({"planned_on": "预约日期不能早于今天"})
        appointment_id = new_id()
        with self.ctx.db.session() as s:
            if s.get(models.Child, child_id) is None:
                raise NotFound("找不到这名儿童。")
            w = ChangeWriter(s, self.ctx.author)
            w.insert(
                "appointment",
                {
                    "id": appointment_id,
                    "child_id": child_id,
                    "helper_id": helper_id,
                    "planned_on": planned_on,
                    "purpose": purpose.strip(),
                    "status": "已预约",
                    "record_id": None,
                },
                child_id,
            )
            w.flush()
        return appointment_id

    @requires(Op.WRITE_RECORD)
    def close_appointment(self, appointment_id: str, status: str, record_id: str | None) -> Changes:
        if status not in ("已完成", "已取消"):
            raise ValidationFailed({"status": "状态应为“已完成”或“已取消”"})
        with self.ctx.db.session() as s:
            a = s.get(models.Appointment, appointment_id)
            if a is None:
                raise NotFound("找不到这条预约。")
            w = ChangeWriter(s, self.ctx.author)
            w.update(
                "appointment",
                appointment_id,
                {"status": a.status, "record_id": a.record_id},
                {"status": status, "record_id": record_id},
                a.child_id,
            )
            return w.flush()

    @requires(Op.READ_CARE)
    def upcoming_visits(self, school_id: str) -> list[AppointmentInfo]:
        with self.ctx.db.session(write=False) as s:
            rows = (
                s.connection()
                .exec_driver_sql(
                    "SELECT a.id, a.child_id, c.name, a.helper_id, a.planned_on, a.purpose, a.status "
                    "FROM appointment a JOIN child c ON c.id = a.child_id "
                    "WHERE c.school_id = ? AND a.status = '已预约' ORDER BY a.planned_on",
                    (school_id,),
                )
                .fetchall()
            )
        return [
            AppointmentInfo(r[0], r[1], r[2], r[3], _date(r[4]) or dt.date.min, r[5], r[6])
            for r in rows
        ]

    # -- calendar and rules ----------------------------------------------------------------------
    @requires(Op.READ_CARE)
    def terms(self, school_id: str) -> list[Term]:
        with self.ctx.db.session(write=False) as s:
            rows = s.exec(
                select(models.Term)
                .where(col(models.Term.school_id) == school_id)
                .order_by(col(models.Term.start_date))
            ).all()
            return [Term(t.name, t.start_date, t.end_date, t.school_year) for t in rows]

    @requires(Op.MANAGE_CARE)
    def add_term(self, school_id: str, name: str, start: dt.date, end: dt.date) -> str:
        errors = term_problems(name, start, end)
        if not errors and any(t.start <= end and start <= t.end for t in self.terms(school_id)):
            errors["start_date"] = "与已有学期的日期重叠"
        if errors:
            raise ValidationFailed(errors)
        term_id = new_id()
        with self.ctx.db.session() as s:
            w = ChangeWriter(s, self.ctx.author)
            w.insert(
                "term",
                {
                    "id": term_id,
                    "school_id": school_id,
                    "name": name.strip(),
                    "school_year": school_year_of_term(start),
                    "start_date": start,
                    "end_date": end,
                },
                None,
            )
            w.flush()
        return term_id

    @requires(Op.READ_CARE)
    def rules(self, school_id: str, *, active_only: bool = True) -> list[tuple[DutyRule, bool]]:
        with self.ctx.db.session(write=False) as s:
            rows = s.exec(
                select(models.DutyRule).where(col(models.DutyRule.school_id) == school_id)
            ).all()
            result = [
                (
                    DutyRule(
                        r.id,
                        r.name,
                        frozenset(r.kinds),
                        r.count,
                        Period(r.period),
                        frozenset(r.risk_levels),
                        r.category or None,
                    ),
                    r.active,
                )
                for r in rows
                if r.active or not active_only
            ]
        return sorted(result, key=lambda x: x[0].name)

    @requires(Op.MANAGE_CARE)
    def add_rule(
        self,
        school_id: str,
        name: str,
        kinds: frozenset[str],
        count: int,
        period: str,
        risk_levels: frozenset[int] = frozenset(),
        category: str | None = None,
    ) -> str:
        errors = rule_problems(name, kinds, count, period)
        if errors:
            raise ValidationFailed(errors)
        rule_id = new_id()
        with self.ctx.db.session() as s:
            w = ChangeWriter(s, self.ctx.author)
            w.insert(
                "duty_rule",
                {
                    "id": rule_id,
                    "school_id": school_id,
                    "name": name.strip(),
                    "kinds": sorted(kinds),
                    "count": count,
                    "period": period,
                    "risk_levels": sorted(risk_levels),
                    "category": category or "",
                    "active": True,
                },
                None,
            )
            w.flush()
        return rule_id

    @requires(Op.MANAGE_CARE)
    def apply_preset(self, school_id: str, preset: str) -> list[str]:
        """Switch on one of the schools' own rule sets (三个二, 四个一次, …)."""
        if preset not in PRESETS:
            raise ValidationFailed({"preset": "没有这个预设"})
        existing = {r.name for r, _ in self.rules(school_id, active_only=False)}
        return [
            self.add_rule(school_id, r.name, r.kinds, r.count, r.period.value)
            for r in PRESETS[preset]
            if r.name not in existing
        ]

    @requires(Op.MANAGE_CARE)
    def set_rule_active(self, rule_id: str, active: bool) -> Changes:
        with self.ctx.db.session() as s:
            r = s.get(models.DutyRule, rule_id)
            if r is None:
                raise NotFound("找不到这条工作要求。")
            w = ChangeWriter(s, self.ctx.author)
            w.update("duty_rule", rule_id, {"active": r.active}, {"active": active}, None)
            return w.flush()

    # -- duties ----------------------------------------------------------------------------------
    def _duty_inputs(
        self, school_id: str, since: dt.date, until: dt.date, rules: list[DutyRule] | None = None
    ) -> _DutyInputs:
        """Everything the duty arithmetic needs, for records dated ``since``…``until``."""
        if rules is None:
            rules = [r for r, _ in self.rules(school_id)]
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            kids = conn.exec_driver_sql(
                "SELECT c.id, c.name, c.grade, c.class_no, c.categories, "
                "(SELECT a.risk_level FROM assessment a WHERE a.child_id = c.id "
                " ORDER BY a.assessed_on DESC, a.hlc DESC LIMIT 1) "
                "FROM child c WHERE c.school_id = ? AND c.status = ?",
                (school_id, Status.ENROLLED.value),
            ).fetchall()
            # The one large read: straight from the sqlite3 cursor, without result wrapping.
            raw = conn.connection.driver_connection
            assert raw is not None
            recs = raw.execute(
                "SELECT r.kind, r.occurred_on, rc.child_id, r.helper_id FROM record r "
                "JOIN record_child rc ON rc.record_id = r.id WHERE r.school_id = ? "
                "AND r.occurred_on >= ? AND r.occurred_on <= ? "
                "AND NOT EXISTS (SELECT 1 FROM record n WHERE n.corrects = r.id)",
                (school_id, since.isoformat(), until.isoformat()),
            ).fetchall()
            # Helpers' own duties (their 考核) are teachers': classmates and people from outside
            # help as they can, and are not counted behind.
            pairs = conn.exec_driver_sql(
                "SELECT p.helper_id, p.child_id, p.start_date, p.end_date FROM pairing p "
                "JOIN helper h ON h.id = p.helper_id WHERE h.school_id = ? AND h.kind = ?",
                (school_id, HelperKind.TEACHER.value),
            ).fetchall()
            helper_names: dict[str, str] = {
                hid: name
                for hid, name in conn.exec_driver_sql(
                    "SELECT id, name FROM helper WHERE school_id = ?", (school_id,)
                )
            }
        return _DutyInputs(
            rules=rules,
            children=[
                DutyChild(k[0], k[5], frozenset(json.loads(k[4]) if k[4] else ())) for k in kids
            ],
            records=[
                DutyRecord(kind, parse_day(day), frozenset((child,)), helper)
                for kind, day, child, helper in recs
            ],
            pairings=[
                DutyPairing(h, c, dt.date.fromisoformat(a), dt.date.fromisoformat(b) if b else None)
                for h, c, a, b in pairs
            ],
            names={k[0]: k[1] for k in kids},
            levels={k[0]: k[5] for k in kids},
            classes={k[0]: (k[2], k[3]) for k in kids},
            helper_names=helper_names,
        )

    @requires(Op.READ_CARE)
    def duties_status(self, school_id: str, on: dt.date | None = None) -> DutyReport:
        """Who is behind: per rule, child, helper and class, for the current term up to ``on``."""
        on = on or self.ctx.today()
        terms = self.terms(school_id)
        term = current_term(terms, on)
        # Read only the records the rules' periods can count: a week or month may begin before
        # the term, a school-year rule reaches back to the year's first term.
        active_rules = [r for r, _ in self.rules(school_id)]
        since = (
            min(
                (w.start for r in active_rules for w in windows(r.period, term, terms)),
                default=on,
            )
            if term is not None
            else on
        )
        inputs = self._duty_inputs(school_id, since, on, active_rules)
        rules, children, records, pairings = (
            inputs.rules,
            inputs.children,
            inputs.records,
            inputs.pairings,
        )
        helper_names, names, levels, class_of = (
            inputs.helper_names,
            inputs.names,
            inputs.levels,
            inputs.classes,
        )
        units = evaluate(rules, children, records, pairings, terms, on)

        def line(key: str, label: str, t: Tally, level: int | None = None) -> DutyLine:
            return DutyLine(key, label, t.required, t.done, t.due, t.overdue, level)

        by_child = tally(units, "child")
        by_class: dict[tuple[int, int], Tally] = {}
        for cid, t in by_child.items():
            agg = by_class.setdefault(class_of[cid], Tally())
            agg.required += t.required
            agg.done += t.done
            agg.due += t.due
            agg.overdue += t.overdue
            agg.units_overdue += t.units_overdue
        rule_names = {r.id: r.name for r in rules}
        mine = teacher_children(self.ctx)  # a teacher: other children's risk is not theirs
        child_lines = [
            line(c, names[c], t, levels[c] if mine is None or c in mine else None)
            for c, t in by_child.items()
        ]
        child_lines.sort(key=lambda d: (d.risk_level or 99, -d.overdue, -d.due, d.label))
        return DutyReport(
            on=on,
            term=term,
            rules=[line(r, rule_names[r], t) for r, t in tally(units, "rule").items()],
            children=child_lines,
            helpers=sorted(
                (line(h, helper_names.get(h, h), t) for h, t in tally(units, "helper").items()),
                key=lambda d: (-d.overdue, -d.due, d.label),
            ),
            classes=[
                line(f"{g}-{c}", class_label(g, c), t) for (g, c), t in sorted(by_class.items())
            ],
            units=units,
        )

    # -- incidents -------------------------------------------------------------------------------
    @requires(Op.WRITE_RECORD, children=arg("child_id"))
    def report_incident(self, child_id: str, kind: str, found_on: dt.date, description: str) -> str:
        from ..domain.care import IncidentKind

        if kind not in {k.value for k in IncidentKind}:
            raise ValidationFailed({"kind": "请选择情形"})
        if found_on > self.ctx.today():
            raise ValidationFailed({"found_on": "发现日期不能晚于今天"})
        incident_id = new_id()
        with self.ctx.db.session() as s:
            if s.get(models.Child, child_id) is None:
                raise NotFound("找不到这名儿童。")
            w = ChangeWriter(s, self.ctx.author)
            w.insert(
                "incident",
                {
                    "id": incident_id,
                    "child_id": child_id,
                    "kind": kind,
                    "found_on": found_on,
                    "description": description.strip(),
                    "reported_on": None,
                    "reported_to": "",
                    "follow_up": "",
                    "outcome": "",
                    "closed_on": None,
                },
                child_id,
            )
            w.flush()
        return incident_id

    @requires(Op.WRITE_RECORD)
    def update_incident(
        self,
        incident_id: str,
        *,
        reported_on: dt.date | None,
        reported_to: str,
        follow_up: str,
        outcome: str,
        closed_on: dt.date | None,
    ) -> Changes:
        errors: dict[str, str] = {}
        if closed_on is not None and not outcome.strip():
            errors["outcome"] = "结案前请写明处理结果"
        if reported_on is not None and not reported_to.strip():
            errors["reported_to"] = "请写明向谁报告（如派出所、村委会）"
        if closed_on is not None and reported_on is None:
            # 强制报告: a case is closed only after it was reported (seed 001 第四篇 四)
            errors["reported_on"] = (
                "强制报告的案件须先向公安机关等报告，填写报告日期和报告对象后才能结案"
            )
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.db.session() as s:
            i = s.get(models.Incident, incident_id)
            if i is None:
                raise NotFound("找不到这条报告。")
            w = ChangeWriter(s, self.ctx.author)
            old = {
                k: getattr(i, k)
                for k in ("reported_on", "reported_to", "follow_up", "outcome", "closed_on")
            }
            new = {
                "reported_on": reported_on,
                "reported_to": reported_to.strip(),
                "follow_up": follow_up.strip(),
                "outcome": outcome.strip(),
                "closed_on": closed_on,
            }
            w.update("incident", incident_id, old, new, i.child_id)
            return w.flush()

    @requires(Op.READ_CARE)
    def incidents(self, school_id: str, *, open_only: bool = False) -> list[IncidentInfo]:
        sql = (
            "SELECT i.id, i.child_id, c.name, i.kind, i.found_on, i.description, i.reported_on, "
            "i.reported_to, i.follow_up, i.outcome, i.closed_on FROM incident i "
            "JOIN child c ON c.id = i.child_id WHERE c.school_id = ?"
        )
        if open_only:
            sql += " AND i.closed_on IS NULL"
        sql += " ORDER BY i.closed_on IS NOT NULL, i.found_on DESC"
        with self.ctx.db.session(write=False) as s:
            rows = s.connection().exec_driver_sql(sql, (school_id,)).fetchall()
        rows = _theirs(self.ctx, rows, 1)
        return [
            IncidentInfo(
                r[0],
                r[1],
                r[2],
                r[3],
                _date(r[4]) or dt.date.min,
                r[5],
                _date(r[6]),
                r[7],
                r[8],
                r[9],
                _date(r[10]),
            )
            for r in rows
        ]

    # -- the teacher's year-end report -----------------------------------------------------------
    @requires(Op.READ_CARE)
    def teacher_report(
        self, helper_id: str, school_year: str, on: dt.date | None = None
    ) -> TeacherReport:
        """Pairings, records by kind, and the duty units met and missed over a school year."""
        return self.teacher_reports([helper_id], school_year, on)[0]

    @requires(Op.READ_CARE)
    def teacher_reports(
        self,
        helper_ids: list[str],
        school_year: str,
        on: dt.date | None = None,
    ) -> list[TeacherReport]:
        """The reports of several teachers (a school head prints them all at year end), in the
        order of ``helper_ids``: each school's records are read and evaluated once, not once per
        teacher."""
        on = on or self.ctx.today()
        ids = list(dict.fromkeys(helper_ids))
        by_school: dict[str, list[tuple[str, str]]] = {}
        with self.ctx.db.session(write=False) as s:
            for helper_id in ids:
                helper = s.get(models.Helper, helper_id)
                if helper is None:
                    raise NotFound("找不到这位帮扶人。")
                by_school.setdefault(helper.school_id, []).append((helper_id, helper.name))
        found: dict[str, TeacherReport] = {}
        for school_id, helpers in by_school.items():
            found.update(self._teacher_reports(school_id, dict(helpers), school_year, on))
        return [found[h] for h in ids]

    def _teacher_reports(
        self, school_id: str, helpers: dict[str, str], school_year: str, on: dt.date
    ) -> dict[str, TeacherReport]:
        terms = [t for t in self.terms(school_id) if t.school_year == school_year]
        if not terms:
            raise KnownError(f"校历里没有 {school_year} 学年的学期，请先在“校历与工作要求”中设置。")
        first, last = min(t.start for t in terms), max(t.end for t in terms)
        inputs = self._duty_inputs(school_id, first - dt.timedelta(days=62), min(last, on))
        # Each term on its own, judged as of the day after it ended (or today, if it has not);
        # school-year rules once, over the whole year.
        yearly = [r for r in inputs.rules if r.period is Period.SCHOOL_YEAR]
        termly = [r for r in inputs.rules if r.period is not Period.SCHOOL_YEAR]
        units: list[Unit] = []
        for term in terms:
            if term.start <= on:
                as_of = min(on, term.end + dt.timedelta(days=1))
                units += evaluate(
                    termly, inputs.children, inputs.records, inputs.pairings, [term], as_of
                )
        units += evaluate(yearly, inputs.children, inputs.records, inputs.pairings, terms, on)
        units_of: dict[str, list[Unit]] = {h: [] for h in helpers}
        for u in units:
            if u.helper_id in units_of:
                units_of[u.helper_id].append(u)
        rule_names = {r.id: r.name for r in inputs.rules}
        by_kind: dict[str, dict[str, int]] = {h: {} for h in helpers}
        for r in self._records(school_id, None, first, False):
            if r.helper_id in by_kind and r.occurred_on <= last:
                kinds = by_kind[r.helper_id]
                kinds[r.kind] = kinds.get(r.kind, 0) + 1
        pairings: dict[str, list[PairingInfo]] = {h: [] for h in helpers}
        for p in self.pairings(school_id):
            overlaps = p.start_date <= last and (p.end_date is None or p.end_date >= first)
            if p.helper_id in pairings and overlaps:
                pairings[p.helper_id].append(p)
        reports: dict[str, TeacherReport] = {}
        for helper_id, name in helpers.items():
            mine = units_of[helper_id]
            per_rule = tally(mine, "helper_rule")
            missed = [u for u in mine if u.state is UnitState.OVERDUE]
            missed.sort(
                key=lambda u: (
                    rule_names.get(u.rule_id, u.rule_id),
                    u.window.start,
                    inputs.classes.get(u.child_id, (0, 0)),
                    inputs.names.get(u.child_id, ""),
                )
            )
            reports[helper_id] = TeacherReport(
                helper_id=helper_id,
                helper_name=name,
                school_year=school_year,
                pairings=pairings[helper_id],
                records_by_kind=dict(sorted(by_kind[helper_id].items())),
                rules=[
                    DutyLine(r, rule_names.get(r, r), t.required, t.done, t.due, t.overdue)
                    for r, t in sorted(per_rule.items())
                ],
                met=sum(1 for u in mine if u.state is UnitState.MET),
                missed=len(missed),
                missed_units=[
                    MissedUnit(
                        u.rule_id,
                        rule_names.get(u.rule_id, u.rule_id),
                        u.child_id,
                        inputs.names.get(u.child_id, ""),
                        class_label(*inputs.classes[u.child_id])
                        if u.child_id in inputs.classes
                        else "",
                        u.window.start,
                        u.window.end,
                        u.required,
                        u.done,
                    )
                    for u in missed
                ],
            )
        return reports

    # -- timeline --------------------------------------------------------------------------------
    @requires(Op.READ_CHILD, children=arg("child_id"))
    def timeline(self, child_id: str) -> list[TimelineEntry]:
        """Everything about one child, newest first: records, pairings, assessments, incidents,
        appointments — with those of a duplicate archive merged into this one."""
        entries: list[TimelineEntry] = []
        for r in self._records(None, child_id, None, False):
            title = f"{r.kind}" + (f"（{r.mode}）" if r.mode else "")
            entries.append(TimelineEntry(r.occurred_on, "记录", title, r.summary, r.id))
        for p in self.pairings(child_id=child_id):
            entries.append(
                TimelineEntry(p.start_date, "结对", f"{p.helper_name}：{p.role}", "", p.id)
            )
            if p.end_date is not None:
                entries.append(
                    TimelineEntry(
                        p.end_date, "结对结束", f"{p.helper_name}：{p.role}", p.end_reason, p.id
                    )
                )
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            for aid, on, rtype, level, reasons in conn.exec_driver_sql(
                "SELECT id, assessed_on, risk_type, risk_level, guardian_assessment || ' ' || "
                f"reasons FROM assessment WHERE {_WITH_MERGED}",
                (child_id, child_id),
            ):
                entries.append(
                    TimelineEntry(
                        _date(on) or dt.date.min, "风险评估", f"{rtype}类 {level}级", reasons, aid
                    )
                )
            for iid, on, kind, desc, closed in conn.exec_driver_sql(
                "SELECT id, found_on, kind, description, closed_on FROM incident "
                f"WHERE {_WITH_MERGED}",
                (child_id, child_id),
            ):
                title = f"{kind}（{closed} 已结案）" if closed else f"{kind}（未结案）"
                entries.append(
                    TimelineEntry(_date(on) or dt.date.min, "强制报告", title, desc, iid)
                )
            for aid, on, purpose, status in conn.exec_driver_sql(
                f"SELECT id, planned_on, purpose, status FROM appointment WHERE {_WITH_MERGED}",
                (child_id, child_id),
            ):
                entries.append(
                    TimelineEntry(_date(on) or dt.date.min, "家访预约", status, purpose, aid)
                )
        entries.sort(key=lambda e: e.on, reverse=True)
        return entries


# a child's rows and those of duplicates merged into it (two placeholders: the child id)
_WITH_MERGED = "(child_id = ? OR child_id IN (SELECT id FROM child WHERE merged_into = ?))"


def _mime(filename: str) -> str:
    lower = filename.lower()
    for suffix, mime in (
        (".jpg", "image/jpeg"),
        (".jpeg", "image/jpeg"),
        (".png", "image/png"),
        (".pdf", "application/pdf"),
    ):
        if lower.endswith(suffix):
            return mime
    return "application/octet-stream"


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


__all__ = [
    "AppointmentInfo",
    "CareService",
    "DutyLine",
    "DutyReport",
    "HelperDraft",
    "HelperInfo",
    "IncidentInfo",
    "MissedUnit",
    "PairingInfo",
    "RecordDraft",
    "RecordInfo",
    "ReviewInfo",
    "TimelineEntry",
    "UnitState",
]
