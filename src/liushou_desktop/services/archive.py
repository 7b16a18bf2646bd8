"""The archive use cases: list, read, create, edit, assess, change status, history, handover."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlmodel import Session, col, select

from ..domain.access import Op
from ..domain.archive import (
    ENTITY_LABELS,
    FIELD_LABELS,
    Assessment,
    ChildArchive,
    ChildRecord,
    GuardianRecord,
    ParentRecord,
    archive_warnings,
    normalize_phone,
    validate_archive,
    validate_assessment,
    validate_status_change,
)
from ..domain.enums import AT_SCHOOL, ParentRole, RiskLevel, RiskType, Status, guardian_kind
from ..domain.errors import KnownError, NotFound, ValidationFailed
from ..domain.grades import class_label, handover_school_year
from ..domain.idcard import normalize_id_number, parse_id_number
from ..domain.listing import ChildRow
from ..domain.pinyin import search_key
from ..storage import models
from .access import arg, requires, teacher_children, trusted, visible_rows, write_audit
from .changes import MODE_SCHOOL, Changes, ChangeWriter, new_id, read_meta, read_mode, write_meta
from .context import ServiceContext

UNASSESSED = "未评估"
# Children still at the school: the handover moves them up (不再留守 children too).
IN_SCHOOL = tuple(sorted(AT_SCHOOL))


@dataclass(frozen=True)
class SchoolInfo:
    id: str
    name: str
    code: str
    top_grade: int


@dataclass(frozen=True)
class ClassInfo:
    school_id: str
    grade: int
    class_no: int
    teacher_name: str
    teacher_phone: str
    children: int

    @property
    def label(self) -> str:
        return class_label(self.grade, self.class_no)


@dataclass(frozen=True)
class HistoryEntry:
    """One field changed by one logged write: old → new, who and when."""

    hlc: str
    when: dt.datetime
    author: str
    entity: str  # "儿童", "监护人", "父亲", "母亲", "风险评估"…
    field: str  # Chinese field name
    old: str
    new: str
    created: bool  # the first write of this row (建档)


@dataclass(frozen=True)
class SaveResult:
    child_id: str
    changes: Changes
    warnings: dict[str, str]


@dataclass(frozen=True)
class HandoverMove:
    grade: int
    class_no: int
    children: int
    new_grade: int | None  # None: the class graduates


@dataclass(frozen=True)
class HandoverPlan:
    school_id: str
    school_year: str  # the year that starts with this handover, e.g. "2026-2027"
    moves: list[HandoverMove]
    already_done: bool
    off_season: bool = False  # handovers happen June–September; warn outside those months

    @property
    def promoted(self) -> int:
        return sum(m.children for m in self.moves if m.new_grade is not None)

    @property
    def graduating(self) -> int:
        return sum(m.children for m in self.moves if m.new_grade is None)


_LIST_SQL = """
SELECT c.id, c.school_id, s.name, c.name, c.name_pinyin, c.sex, c.birth_date, c.id_number,
       c.grade, c.class_no, c.student_no, c.status, c.left_behind_kind, c.categories, c.boarding,
       g.name, g.relation, g.phone,
       f.name, f.work_province || f.work_city, f.phone,
       m.name, m.work_province || m.work_city, m.phone,
       a.risk_type, a.risk_level, a.guardian_assessment
FROM child c
JOIN school s ON s.id = c.school_id
LEFT JOIN guardian g ON g.child_id = c.id
LEFT JOIN parent f ON f.child_id = c.id AND f.role = '父亲'
LEFT JOIN parent m ON m.child_id = c.id AND m.role = '母亲'
LEFT JOIN assessment a ON a.id = (
    SELECT x.id FROM assessment x WHERE x.child_id = c.id
    ORDER BY x.assessed_on DESC, x.hlc DESC LIMIT 1)
"""


def _row(t: tuple[Any, ...]) -> ChildRow:
    return ChildRow(
        id=t[0],
        school_id=t[1],
        school_name=t[2],
        name=t[3],
        name_pinyin=t[4],
        sex=t[5],
        birth_date=dt.date.fromisoformat(t[6]) if t[6] else None,
        id_number=t[7],
        grade=t[8],
        class_no=t[9],
        student_no=t[10],
        status=t[11],
        left_behind_kind=t[12],
        categories=tuple(json.loads(t[13]) if t[13] else ()),
        boarding=bool(t[14]),
        guardian_name=t[15] or "",
        guardian_relation=t[16] or "",
        guardian_phone=t[17] or "",
        father_name=t[18] or "",
        father_work_place=t[19] or "",
        father_phone=t[20] or "",
        mother_name=t[21] or "",
        mother_work_place=t[22] or "",
        mother_phone=t[23] or "",
        risk_type=t[24],
        risk_level=t[25],
        guardian_assessment=t[26],
    )


def _values(record: object, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(record) if f.name not in skip}  # type: ignore[arg-type]  # record is always a dataclass instance


def _display(value: object, name: str = "") -> str:
    if value is None or value == "":
        return ""
    if name == "risk_type" and isinstance(value, int):
        return RiskType(value).label
    if name == "risk_level" and isinstance(value, int):
        return RiskLevel(value).label
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def normalized(archive: ChildArchive) -> ChildArchive:
    """Tidy what was typed: ID number folded, phones without spaces, names trimmed; a valid ID
    number fills a missing birth date."""
    c = archive.child
    id_number = normalize_id_number(c.id_number)
    birth = c.birth_date
    info = parse_id_number(id_number) if id_number else None
    if birth is None and info is not None:
        birth = info.birth_date
    child = replace(
        c,
        name="".join(c.name.split()),
        id_number=id_number,
        birth_date=birth,
        phone=normalize_phone(c.phone),
        categories=list(c.categories),
        aid=list(c.aid),
        income_sources=list(c.income_sources),
    )
    g = archive.guardian
    guardian = replace(
        g,
        name=g.name.strip(),
        phone=normalize_phone(g.phone),
        id_number=normalize_id_number(g.id_number),
    )

    def parent(p: ParentRecord, role: ParentRole) -> ParentRecord:
        return replace(
            p,
            role=role.value,
            name=p.name.strip(),
            phone=normalize_phone(p.phone),
            id_number=normalize_id_number(p.id_number),
        )

    return ChildArchive(
        child=child,
        guardian=guardian,
        father=parent(archive.father, ParentRole.FATHER),
        mother=parent(archive.mother, ParentRole.MOTHER),
    )


def _archive_child(arguments: Mapping[str, Any]) -> str:
    """The child an archive being saved belongs to (for a teacher's scope check)."""
    return str(arguments["archive"].child.id)


class ArchiveService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- schools and classes ----------------------------------------------------------------
    @requires(Op.READ_LIST)
    def schools(self) -> list[SchoolInfo]:
        """The schools this database keeps: a school's own (other school rows arrive by sync
        only as what a transferred child's records point at); at the township, every school,
        by code."""
        with self.ctx.db.session(write=False) as s:
            own = self._own_school(s)
            rows = s.exec(select(models.School).order_by(col(models.School.code))).all()
            found = [SchoolInfo(r.id, r.name, r.code, r.top_grade) for r in rows]
        if own is not None and any(sc.id == own for sc in found):
            return [sc for sc in found if sc.id == own]
        return found

    @staticmethod
    def _own_school(s: Session) -> str | None:
        """A school database's own school id (None at the township)."""
        if read_mode(s) != MODE_SCHOOL:
            return None
        return read_meta(s, "own_school")

    def _check_own(self, s: Session, child_id: str) -> None:
        own = self._own_school(s)
        if own is None:
            return
        c = s.get(models.Child, child_id)
        if c is not None and c.school_id != own:
            raise KnownError("这名儿童已转到别的学校，本校的档案只能查看，不能修改。")

    def _as_seen_here(self, s: Session, rows: list[ChildRow]) -> list[ChildRow]:
        """At a school, a child moved to another school shows as 转出 (derived, not stored:
        the child's own status is the new school's)."""
        own = self._own_school(s)
        if own is None:
            return rows
        return [
            r if r.school_id == own else replace(r, status=Status.TRANSFERRED_OUT.value)
            for r in rows
        ]

    @requires(Op.READ_LIST)
    def mode(self) -> str:
        with self.ctx.db.session(write=False) as s:
            return read_mode(s)

    @requires(Op.READ_LIST)
    def classes(self, school_id: str) -> list[ClassInfo]:
        """Every class that has children or a class teacher, with its head count (在册)."""
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            counts = {
                (g, c): n
                for g, c, n in conn.exec_driver_sql(
                    "SELECT grade, class_no, COUNT(*) FROM child WHERE school_id=? AND status=? "
                    "GROUP BY grade, class_no",
                    (school_id, Status.ENROLLED.value),
                )
            }
            teachers = {
                (g, c): (name, phone)
                for g, c, name, phone in conn.exec_driver_sql(
                    "SELECT grade, class_no, teacher_name, teacher_phone FROM school_class "
                    "WHERE school_id=?",
                    (school_id,),
                )
            }
        keys = sorted(set(counts) | set(teachers))
        return [
            ClassInfo(
                school_id,
                g,
                c,
                teachers.get((g, c), ("", ""))[0],
                teachers.get((g, c), ("", ""))[1],
                counts.get((g, c), 0),
            )
            for g, c in keys
        ]

    @requires(Op.MANAGE_CARE)
    def set_class_teacher(
        self, school_id: str, grade: int, class_no: int, name: str, phone: str
    ) -> Changes:
        with self.ctx.db.session() as s:
            w = ChangeWriter(s, self.ctx.author)
            self._set_teacher(
                s, w, school_id, grade, class_no, name.strip(), normalize_phone(phone)
            )
            return w.flush()

    def _set_teacher(
        self,
        s: Session,
        w: ChangeWriter,
        school_id: str,
        grade: int,
        class_no: int,
        name: str,
        phone: str,
    ) -> None:
        row = s.exec(
            select(models.SchoolClass).where(
                col(models.SchoolClass.school_id) == school_id,
                col(models.SchoolClass.grade) == grade,
                col(models.SchoolClass.class_no) == class_no,
            )
        ).one_or_none()
        new = {"teacher_name": name, "teacher_phone": phone}
        if row is None:
            w.insert(
                "class",
                {
                    "id": new_id(),
                    "school_id": school_id,
                    "grade": grade,
                    "class_no": class_no,
                    **new,
                },
                None,
            )
        else:
            old = {"teacher_name": row.teacher_name, "teacher_phone": row.teacher_phone}
            w.update("class", row.id, old, new, None)

    # -- reading ----------------------------------------------------------------------------
    @requires(Op.READ_LIST)
    def list_children(self, school_id: str | None = None) -> list[ChildRow]:
        """Every child (of one school, or all), 一级/二级 first, then by class and name. A
        teacher gets the children not theirs as a contact card shows them (``visible_rows``)."""
        return visible_rows(self.ctx, self._all_rows(school_id))

    def _all_rows(self, school_id: str | None) -> list[ChildRow]:
        sql = _LIST_SQL + (" WHERE c.school_id = ?" if school_id else "")
        with self.ctx.db.session(write=False) as s:
            raw = s.connection().exec_driver_sql(sql, (school_id,) if school_id else ()).fetchall()
            rows = self._as_seen_here(s, [_row(tuple(t)) for t in raw])
        rows.sort(key=lambda r: (r.risk_level or 99, r.grade, r.class_no, r.name_pinyin, r.id))
        return rows

    @requires(Op.READ_LIST)
    def own_children(self) -> frozenset[str] | None:
        """The children the user sees in full when that is not every child (a teacher: their
        class and pairings); None when they see every child in full."""
        return teacher_children(self.ctx)

    @requires(Op.READ_LIST)
    def row(self, child_id: str) -> ChildRow:
        with self.ctx.db.session(write=False) as s:
            t = (
                s.connection()
                .exec_driver_sql(_LIST_SQL + " WHERE c.id = ?", (child_id,))
                .fetchone()
            )
            if t is None:
                raise NotFound("找不到这名儿童的档案，可能已被其他窗口修改。请刷新列表。")
            found = self._as_seen_here(s, [_row(tuple(t))])
        return visible_rows(self.ctx, found)[0]

    @requires(Op.READ_CHILD, children=arg("child_id"))
    def get(self, child_id: str) -> ChildArchive:
        with self.ctx.db.session(write=False) as s:
            archive = self._load(s, child_id)
            own = self._own_school(s)
        if own is not None and archive.child.school_id != own:
            archive.child.status = Status.TRANSFERRED_OUT.value  # as seen here (read-only)
        write_audit(self.ctx, "open_child", child_ids=[child_id], detail=archive.child.name)
        return archive

    @trusted
    def load_in(self, s: Session, child_id: str) -> ChildArchive:
        """One archive read in the caller's session (several in one read transaction), as
        stored — without the school's view of a moved-away child that ``get`` applies."""
        return self._load(s, child_id)

    @trusted
    def load_many(self, s: Session, child_ids: list[str]) -> dict[str, ChildArchive]:
        """Many archives read in the caller's session in a few queries (a roster import that
        matches thousands of children), as stored."""
        found: dict[str, ChildArchive] = {}
        for i in range(0, len(child_ids), 500):
            chunk = child_ids[i : i + 500]
            guardians = {
                g.child_id: g
                for g in s.exec(
                    select(models.Guardian).where(col(models.Guardian.child_id).in_(chunk))
                )
            }
            parents = {
                (p.child_id, p.role): p
                for p in s.exec(select(models.Parent).where(col(models.Parent.child_id).in_(chunk)))
            }
            for c in s.exec(select(models.Child).where(col(models.Child.id).in_(chunk))):
                found[c.id] = self._archive_of(
                    c,
                    guardians.get(c.id),
                    parents.get((c.id, ParentRole.FATHER.value)),
                    parents.get((c.id, ParentRole.MOTHER.value)),
                )
        return found

    @staticmethod
    def _archive_of(c: Any, g: Any, father: Any, mother: Any) -> ChildArchive:
        child = ChildRecord(**{f.name: getattr(c, f.name) for f in fields(ChildRecord)})
        child.categories = list(c.categories)
        child.aid = list(c.aid)
        child.income_sources = list(c.income_sources)
        guardian = (
            GuardianRecord(**{f.name: getattr(g, f.name) for f in fields(GuardianRecord)})
            if g is not None
            else GuardianRecord()
        )

        def parent(p: Any, role: ParentRole) -> ParentRecord:
            if p is None:
                return ParentRecord(role=role.value)
            return ParentRecord(**{f.name: getattr(p, f.name) for f in fields(ParentRecord)})

        return ChildArchive(
            child, guardian, parent(father, ParentRole.FATHER), parent(mother, ParentRole.MOTHER)
        )

    def _load(self, s: Session, child_id: str) -> ChildArchive:
        c = s.get(models.Child, child_id)
        if c is None:
            raise NotFound("找不到这名儿童的档案，可能已被其他窗口修改。请刷新列表。")
        g = s.exec(
            select(models.Guardian).where(col(models.Guardian.child_id) == child_id)
        ).one_or_none()
        parents = {
            p.role: p
            for p in s.exec(select(models.Parent).where(col(models.Parent.child_id) == child_id))
        }
        return self._archive_of(
            c, g, parents.get(ParentRole.FATHER.value), parents.get(ParentRole.MOTHER.value)
        )

    @requires(Op.READ_CHILD, children=arg("child_id"))
    def assessments(self, child_id: str) -> list[Assessment]:
        """The series of risk assessments, newest first."""
        with self.ctx.db.session(write=False) as s:
            rows = s.exec(
                select(models.Assessment)
                .where(models.Assessment.child_id == child_id)
                .order_by(
                    col(models.Assessment.assessed_on).desc(), col(models.Assessment.hlc).desc()
                )
            )
            return [
                Assessment(
                    assessed_on=r.assessed_on,
                    risk_type=r.risk_type,
                    risk_level=r.risk_level,
                    guardian_assessment=r.guardian_assessment,
                    assessor=r.assessor,
                    reasons=r.reasons,
                    id=r.id,
                    child_id=r.child_id,
                )
                for r in rows
            ]

    # -- writing ----------------------------------------------------------------------------
    @requires(Op.ADD_CHILD)
    def create(self, archive: ChildArchive) -> SaveResult:
        """Add a new child's archive (``archive.child.school_id`` must name a school)."""
        archive = normalized(archive)
        self._validate(archive)
        child_id = archive.child.id or new_id()
        archive.child.id = child_id
        with self.ctx.db.session() as s:
            if s.get(models.School, archive.child.school_id) is None:
                raise KnownError("请先选择儿童所在的学校。")
            w = ChangeWriter(s, self.ctx.author)
            for entity, values in self.rows_for_new(archive):
                w.insert(entity, values, child_id)
            changes = w.flush()
        return SaveResult(child_id, changes, archive_warnings(archive))

    @staticmethod
    def rows_for_new(archive: ChildArchive) -> list[tuple[str, dict[str, Any]]]:
        """The rows of a new archive (child, guardian, father, mother) as (entity, values)."""
        child_id = archive.child.id
        child = {**_values(archive.child), "name_pinyin": search_key(archive.child.name)}
        rows: list[tuple[str, dict[str, Any]]] = [("child", child)]
        rows.append(
            ("guardian", {"id": new_id(), "child_id": child_id, **_values(archive.guardian)})
        )
        for p in (archive.father, archive.mother):
            rows.append(("parent", {"id": new_id(), "child_id": child_id, **_values(p)}))
        return rows

    @requires(Op.EDIT_CHILD, children=_archive_child)
    def save(self, archive: ChildArchive) -> SaveResult:
        """Write the field groups that changed (each logged); untouched groups stay as they are."""
        archive = normalized(archive)
        self._validate(archive)
        child_id = archive.child.id
        with self.ctx.db.session() as s:
            self._check_own(s, child_id)
            old = self._load(s, child_id)
            w = ChangeWriter(s, self.ctx.author)
            self.write_changes(s, w, old, archive)
            changes = w.flush()
        return SaveResult(child_id, changes, archive_warnings(archive))

    @trusted
    def write_changes(
        self, s: Session, w: ChangeWriter, old: ChildArchive, new: ChildArchive
    ) -> list[tuple[str, str, str, dict[str, Any], dict[str, Any]]]:
        """Write (and log) the field groups of ``new`` that differ from ``old``, in the caller's
        transaction. Returns what changed: (entity, row id, child id, old values, new values)
        per row, for an undo."""
        child_id = new.child.id
        done: list[tuple[str, str, str, dict[str, Any], dict[str, Any]]] = []
        before, after = _values(old.child), _values(new.child)
        if w.update(
            "child",
            child_id,
            before,
            after,
            child_id,
            extra={"name_pinyin": search_key(new.child.name)},
        ):
            done.append(("child", child_id, child_id, before, after))
        done += self._save_guardian(s, w, child_id, old.guardian, new.guardian)
        for role, was, now in (
            (ParentRole.FATHER, old.father, new.father),
            (ParentRole.MOTHER, old.mother, new.mother),
        ):
            done += self._save_parent(s, w, child_id, role, was, now)
        return done

    def _save_guardian(
        self, s: Session, w: ChangeWriter, child_id: str, old: GuardianRecord, new: GuardianRecord
    ) -> list[tuple[str, str, str, dict[str, Any], dict[str, Any]]]:
        g = s.exec(
            select(models.Guardian).where(col(models.Guardian.child_id) == child_id)
        ).one_or_none()
        if g is None:
            w.insert("guardian", {"id": new_id(), "child_id": child_id, **_values(new)}, child_id)
            return []
        before, after = _values(old), _values(new)
        if w.update("guardian", g.id, before, after, child_id):
            return [("guardian", g.id, child_id, before, after)]
        return []

    def _save_parent(
        self,
        s: Session,
        w: ChangeWriter,
        child_id: str,
        role: ParentRole,
        old: ParentRecord,
        new: ParentRecord,
    ) -> list[tuple[str, str, str, dict[str, Any], dict[str, Any]]]:
        p = s.exec(
            select(models.Parent).where(
                col(models.Parent.child_id) == child_id, col(models.Parent.role) == role.value
            )
        ).one_or_none()
        if p is None:
            w.insert("parent", {"id": new_id(), "child_id": child_id, **_values(new)}, child_id)
            return []
        before, after = _values(old, ("role",)), _values(new, ("role",))
        if w.update("parent", p.id, before, after, child_id):
            return [("parent", p.id, child_id, before, after)]
        return []

    def _validate(self, archive: ChildArchive) -> None:
        errors = validate_archive(archive, self.ctx.today())
        if errors:
            raise ValidationFailed(errors)

    @requires(Op.EDIT_CHILD, children=arg("child_id"))
    def add_assessment(self, child_id: str, a: Assessment) -> Changes:
        """Append a risk assessment to the child's dated series."""
        errors = validate_assessment(a, self.ctx.today())
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.db.session() as s:
            if s.get(models.Child, child_id) is None:
                raise NotFound("找不到这名儿童的档案。")
            self._check_own(s, child_id)
            w = ChangeWriter(s, self.ctx.author)
            values = {**_values(a, ("id", "child_id")), "id": new_id(), "child_id": child_id}
            values["hlc"] = ""  # set from its op's stamp (orders two assessments of one day)
            w.insert("assessment", values, child_id)
            return w.flush()

    @requires(Op.MANAGE_SCHOOL)
    def merge_into(self, child_id: str, into_id: str, on: dt.date, reason: str) -> Changes:
        """A duplicate archive is merged into another: it is deleted (已删除) with a redirect
        (``merged_into``); its history stays, and its records show with the kept archive's."""
        with self.ctx.db.session() as s:
            c, into = s.get(models.Child, child_id), s.get(models.Child, into_id)
            if c is None or into is None or child_id == into_id:
                raise NotFound("找不到要合并的两份档案。")
            w = ChangeWriter(s, self.ctx.author)
            old = {
                n: getattr(c, n) for n in ("status", "status_date", "status_reason", "merged_into")
            }
            new = {
                "status": Status.DELETED.value,
                "status_date": on,
                "status_reason": reason.strip(),
                "merged_into": into_id,
            }
            w.update("child", child_id, old, new, child_id)
            return w.flush()

    def _child_name(self, child_id: object) -> str:
        with self.ctx.db.session(write=False) as s:
            c = s.get(models.Child, str(child_id))
            if c is None:
                return str(child_id)
            school = s.get(models.School, c.school_id)
        return f"{c.name}（{school.name}）" if school is not None else c.name

    @requires(Op.READ_LIST)
    def redirect(self, child_id: str) -> str | None:
        """The archive a merged duplicate now lives in (following merges), or None."""
        seen = {child_id}
        target = None
        with self.ctx.db.session(write=False) as s:
            current = child_id
            while True:
                c = s.get(models.Child, current)
                if c is None or not c.merged_into or c.merged_into in seen:
                    return target
                target = current = c.merged_into
                seen.add(current)

    @requires(Op.EDIT_CHILD, children=arg("child_id"))
    def change_status(self, child_id: str, status: str, on: dt.date, reason: str) -> Changes:
        """在册 / 转出 / 毕业 / 不再留守 / 辍学 — the archive itself is never deleted."""
        with self.ctx.db.session() as s:
            c = s.get(models.Child, child_id)
            if c is None:
                raise NotFound("找不到这名儿童的档案。")
            self._check_own(s, child_id)
            errors = validate_status_change(status, on, reason, self.ctx.today(), c.status)
            if errors:
                raise ValidationFailed(errors)
            w = ChangeWriter(s, self.ctx.author)
            old = {
                "status": c.status,
                "status_date": c.status_date,
                "status_reason": c.status_reason,
            }
            new = {"status": status, "status_date": on, "status_reason": reason.strip()}
            w.update("child", child_id, old, new, child_id)
            return w.flush()

    # -- history ----------------------------------------------------------------------------
    @requires(Op.READ_CHILD, children=arg("child_id"))
    def history(self, child_id: str) -> list[HistoryEntry]:
        """Every change to every field of the child's archive, oldest first."""
        with self.ctx.db.session(write=False) as s:
            conn = s.connection()
            ops = conn.exec_driver_sql(
                "SELECT hlc, site_id, wall_time, author, entity, entity_id, field_group, payload "
                "FROM op_log WHERE child_id = ? "
                "AND entity IN ('child', 'guardian', 'parent', 'assessment') "
                "ORDER BY hlc, site_id",
                (child_id,),
            ).fetchall()
            roles: dict[str, str] = dict(
                conn.exec_driver_sql(
                    "SELECT id, role FROM parent WHERE child_id = ?", (child_id,)
                ).fetchall()
            )
            schools: dict[str, str] = dict(
                conn.exec_driver_sql("SELECT id, name FROM school").fetchall()
            )
        seen: dict[tuple[str, str, str], dict[str, Any]] = {}
        entries: list[HistoryEntry] = []
        for hlc, _site, wall, author, entity, entity_id, group, payload_text in ops:
            payload = json.loads(payload_text)
            key = (entity, entity_id, group)
            before = seen.get(key)
            seen[key] = payload
            if group == "key":
                # the columns that tie a row to its child or school: only a child's move to
                # another school (a transfer by the township) is a change worth showing
                if entity != "child" or before is None:
                    continue
                old_school = schools.get(str(before.get("school_id")), "")
                new_school = schools.get(str(payload.get("school_id")), "")
                before, payload = {"school": old_school}, {"school": new_school}
            if group == "status" and payload.get("merged_into"):
                # show the archive it was merged into by name, not by its id
                payload = {**payload, "merged_into": self._child_name(payload["merged_into"])}
            label = roles.get(entity_id, "父母") if entity == "parent" else ENTITY_LABELS[entity]
            when = dt.datetime.fromisoformat(wall) if isinstance(wall, str) else wall
            when = when.replace(tzinfo=dt.UTC).astimezone()  # stored in UTC, shown in local time
            for name, value in payload.items():
                old = before.get(name) if before is not None else None
                if before is None and (value in ("", None, [], False) or name == "hlc"):
                    continue
                if before is not None and old == value:
                    continue
                entries.append(
                    HistoryEntry(
                        hlc=hlc,
                        when=when,
                        author=author,
                        entity=label,
                        field=FIELD_LABELS.get(name, name),
                        old=_display(old, name),
                        new=_display(value, name),
                        created=before is None,
                    )
                )
        return entries

    # -- statistics -------------------------------------------------------------------------
    @requires(Op.READ_LIST)
    def stats(self, school_id: str | None = None) -> dict[str, Any]:
        """Counts for the overview and ``liushou stats``.

        ``total`` counts every archive and ``by_status`` splits it; the other partitions count
        the children on the register (在册) and each adds up to ``active``."""
        rows = self._all_rows(school_id)
        active = [r for r in rows if r.status == Status.ENROLLED]
        return {
            "total": len(rows),
            "by_status": _count([r.status for r in rows]),
            "active": len(active),
            **partitions(active),
        }

    # -- school-year handover ---------------------------------------------------------------
    @requires(Op.MANAGE_SCHOOL)
    def handover_preview(self, school_id: str) -> HandoverPlan:
        """What 学年交接 would do: every class moves up a grade; the top grade graduates."""
        today = self.ctx.today()
        year = handover_school_year(today)
        with self.ctx.db.session(write=False) as s:
            school = s.get(models.School, school_id)
            if school is None:
                raise NotFound("找不到这所学校。")
            done = read_meta(s, f"handover:{school_id}") == year
            counts = (
                s.connection()
                .exec_driver_sql(
                    "SELECT grade, class_no, COUNT(*) FROM child WHERE school_id=? "
                    "AND status IN (?, ?) GROUP BY grade, class_no ORDER BY grade, class_no",
                    (school_id, *IN_SCHOOL),
                )
                .fetchall()
            )
        moves = [
            HandoverMove(g, c, n, g + 1 if g < school.top_grade else None) for g, c, n in counts
        ]
        return HandoverPlan(
            school_id, year, moves, done, off_season=today.month not in (6, 7, 8, 9)
        )

    @requires(Op.MANAGE_SCHOOL)
    def apply_handover(
        self, plan: HandoverPlan, teachers: dict[tuple[int, int], tuple[str, str]] | None = None
    ) -> Changes:
        """Promote every class by one grade in one transaction; set the new class teachers.

        ``teachers`` maps (new grade, class number) to (name, phone)."""
        if plan.already_done:
            raise KnownError(f"本学年（{plan.school_year}）已经做过学年交接，不能重复升级。")
        today = self.ctx.today()
        with self.ctx.db.session() as s:
            if read_meta(s, f"handover:{plan.school_id}") == plan.school_year:
                raise KnownError(f"本学年（{plan.school_year}）已经做过学年交接，不能重复升级。")
            w = ChangeWriter(s, self.ctx.author)
            school = s.get(models.School, plan.school_id)
            assert school is not None
            children = s.exec(
                select(models.Child).where(
                    col(models.Child.school_id) == plan.school_id,
                    col(models.Child.status).in_(IN_SCHOOL),
                )
            ).all()
            for c in children:
                old = {
                    "grade": c.grade,
                    "class_no": c.class_no,
                    "student_no": c.student_no,
                    "boarding": c.boarding,
                }
                if c.grade < school.top_grade:
                    w.update("child", c.id, old, {**old, "grade": c.grade + 1}, c.id)
                else:
                    w.update(
                        "child",
                        c.id,
                        {
                            "status": c.status,
                            "status_date": c.status_date,
                            "status_reason": c.status_reason,
                        },
                        {
                            "status": Status.GRADUATED.value,
                            "status_date": today,
                            "status_reason": f"{plan.school_year}学年交接：毕业",
                        },
                        c.id,
                    )
            for (grade, class_no), (name, phone) in (teachers or {}).items():
                self._set_teacher(
                    s, w, plan.school_id, grade, class_no, name.strip(), normalize_phone(phone)
                )
            write_meta(s, f"handover:{plan.school_id}", plan.school_year)
            return w.flush()


def _count(values: list[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def partitions(rows: Sequence[ChildRow]) -> dict[str, dict[str, int]]:
    """``rows`` counted the ways ``liushou stats`` and the ledger's 统计 sheet show them. Each
    ``by_*`` but ``by_category`` (a child once per category) adds up to ``len(rows)``. Risk type
    and level are "1" … or 未评估; a class is "grade-class" ("3-2")."""
    return {
        "by_left_behind_kind": _count([r.left_behind_kind for r in rows]),
        "by_risk_type": _count([str(r.risk_type) if r.risk_type else UNASSESSED for r in rows]),
        "by_risk_level": _count([str(r.risk_level) if r.risk_level else UNASSESSED for r in rows]),
        "by_guardian_kind": _count([guardian_kind(r.guardian_relation).value for r in rows]),
        "by_grade": _count([str(r.grade) for r in rows]),
        "by_class": _count([f"{r.grade}-{r.class_no}" for r in rows]),
        "by_category": _count([c for r in rows for c in r.categories]),
    }


def child_json(row: ChildRow) -> dict[str, Any]:
    """The public JSON shape of one child (``liushou children list --json``)."""
    return {
        "id": row.id,
        "school": row.school_name,
        "school_id": row.school_id,
        "name": row.name,
        "sex": row.sex,
        "birth_date": row.birth_date.isoformat() if row.birth_date else None,
        "id_number": row.id_number,
        "grade": row.grade,
        "class_no": row.class_no,
        "class": row.class_label,
        "student_no": row.student_no,
        "status": row.status,
        "left_behind_kind": row.left_behind_kind,
        "categories": list(row.categories),
        "boarding": row.boarding,
        "guardian": {
            "name": row.guardian_name,
            "relation": row.guardian_relation,
            "phone": row.guardian_phone,
            "kind": row.guardian_kind,
        },
        "father": {
            "name": row.father_name,
            "work_place": row.father_work_place,
            "phone": row.father_phone,
        },
        "mother": {
            "name": row.mother_name,
            "work_place": row.mother_work_place,
            "phone": row.mother_phone,
        },
        "risk": {
            "type": row.risk_type,
            "level": row.risk_level,
            "guardian_assessment": row.guardian_assessment,
        },
    }


__all__ = [
    "ArchiveService",
    "ClassInfo",
    "HandoverMove",
    "HandoverPlan",
    "HistoryEntry",
    "SaveResult",
    "SchoolInfo",
    "child_json",
]
