"""The schema. Every row has a UUIDv7 text key made locally (never ordered by: PC clocks lie).

Changing a table means a new Alembic migration under ``migrations/versions`` and a frozen
database of the old version under ``tests/fixtures``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Meta(SQLModel, table=True):
    """Key/value facts about this database: site id, mode, clock, operation sequence."""

    key: str = Field(primary_key=True)
    value: str


class School(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str
    code: str = Field(index=True, unique=True)
    top_grade: int = 6  # 6 for a primary school, 9 for 九年一贯制; the handover graduates it


class SchoolClass(SQLModel, table=True):
    __tablename__ = "school_class"
    __table_args__ = (UniqueConstraint("school_id", "grade", "class_no"),)

    id: str = Field(primary_key=True)
    school_id: str = Field(foreign_key="school.id")
    grade: int
    class_no: int
    teacher_name: str = ""
    teacher_phone: str = ""


class Child(SQLModel, table=True):
    __table_args__ = (
        Index("ix_child_school_grade_class", "school_id", "grade", "class_no"),
        Index("ix_child_id_number", "id_number"),
    )

    id: str = Field(primary_key=True)
    school_id: str = Field(foreign_key="school.id")
    name: str
    name_pinyin: str = ""  # derived: "zs zhangsan", for search as you type
    sex: str
    birth_date: dt.date | None = None
    id_number: str = ""
    ethnicity: str = ""
    grade: int
    class_no: int
    student_no: str = ""
    boarding: bool = False
    hukou_place: str = ""
    address: str = ""
    phone: str = ""
    health: str = ""
    disability: str = ""
    moral: str = ""
    habits: str = ""
    interests: str = ""
    intelligence: str = ""
    personality: str = ""
    motivation: str = ""
    learning_ability: str = ""
    guardian_rapport: str = ""
    parent_communication: str = ""
    psych_state: str = ""
    left_behind_kind: str = ""
    categories: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    aid: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    income_sources: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str
    status_date: dt.date | None = None
    status_reason: str = ""
    merged_into: str | None = None  # schema 0003: a duplicate merged into this archive id


class Guardian(SQLModel, table=True):
    id: str = Field(primary_key=True)
    child_id: str = Field(foreign_key="child.id", unique=True)
    name: str = ""
    relation: str = ""
    phone: str = ""
    id_number: str = ""
    address: str = ""
    age: int | None = None
    education: str = ""
    personality: str = ""
    health: str = ""
    discipline: str = ""
    agreement_signed: bool = False


class Parent(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("child_id", "role"),)

    id: str = Field(primary_key=True)
    child_id: str = Field(foreign_key="child.id")
    role: str
    name: str = ""
    phone: str = ""
    id_number: str = ""
    age: int | None = None
    education: str = ""
    employer: str = ""
    trade: str = ""
    work_province: str = ""
    work_city: str = ""
    left_since: str = ""
    income: str = ""
    expectations: str = ""
    contact_frequency: str = ""
    home_frequency: str = ""
    away: bool = True
    capable: bool = True


class Assessment(SQLModel, table=True):
    """Append-only series of risk assessments; the current one is the latest by date, then stamp."""

    __table_args__ = (Index("ix_assessment_child_date", "child_id", "assessed_on", "hlc"),)

    id: str = Field(primary_key=True)
    child_id: str = Field(foreign_key="child.id")
    assessed_on: dt.date
    risk_type: int
    risk_level: int
    guardian_assessment: str
    assessor: str = ""
    reasons: str = ""
    hlc: str = ""  # stamp of the op that created it, to order two assessments of one day


class OpLog(SQLModel, table=True):
    """One row per changed field group: history, audit trail and sync feed at once."""

    __tablename__ = "op_log"
    __table_args__ = (
        UniqueConstraint("site_id", "site_seq"),
        Index("ix_op_log_entity", "entity", "entity_id"),
        Index("ix_op_log_child", "child_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    site_id: str  # the installation that made the change
    site_seq: int  # gapless per site
    hlc: str  # hybrid logical clock stamp, see sync.hlc
    entity: str  # child, guardian, parent, assessment, school, class
    entity_id: str
    child_id: str | None = None  # the child the change concerns, for the history view
    field_group: str
    payload: dict[str, object] = Field(sa_column=Column(JSON, nullable=False))
    prev_hlc: str = ""  # the stamp this change replaced ("" for the first write)
    prev_site: str = ""
    author: str = ""
    wall_time: dt.datetime  # the PC clock (UTC) when it was written; informational only
    # What the writer had seen, for telling a delete that raced an edit from one that did not
    # (schema 0003): a delete lists the stamps of the child's field groups; an edit of a child
    # that was ever deleted names the status stamp it saw. None for everything else.
    context: dict[str, object] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    held_back: bool = False  # stamped far in the future: kept, but not applied (quarantined)


class FieldStamp(SQLModel, table=True):
    """The stamp that last wrote each field group of each row (for merge and ``prev_hlc``)."""

    __tablename__ = "field_stamp"

    entity: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    field_group: str = Field(primary_key=True)
    hlc: str
    site_id: str


# --- schema 0002: helpers, pairings, records, calendar, duty rules, incidents -----------------


class Helper(SQLModel, table=True):
    """A person who helps children: a teacher, a classmate (a child of the school) or someone
    from outside (volunteer, village cadre, retired teacher, 爱心妈妈)."""

    id: str = Field(primary_key=True)
    school_id: str = Field(foreign_key="school.id", index=True)
    kind: str  # 教师 / 同学 / 校外
    name: str
    phone: str = ""
    subject: str = ""  # teachers: the subject taught
    grade: int | None = None  # teachers: the class they teach (班主任 of)
    class_no: int | None = None
    child_id: str | None = Field(default=None, foreign_key="child.id")  # classmates
    role_note: str = ""  # outsiders: 志愿者 / 村干部 / 退休教师 / 爱心妈妈 …
    active: bool = True  # a helper who left keeps their history


class Pairing(SQLModel, table=True):
    """结对帮扶: a helper paired with a child in a role, from a date (to a date when ended)."""

    __table_args__ = (
        Index("ix_pairing_child", "child_id"),
        Index("ix_pairing_helper", "helper_id"),
    )

    id: str = Field(primary_key=True)
    helper_id: str = Field(foreign_key="helper.id")
    child_id: str = Field(foreign_key="child.id")
    role: str  # 代理家长 / 学习帮手 / 手拉手好朋友 / 爱心妈妈 …
    start_date: dt.date
    end_date: dt.date | None = None
    end_reason: str = ""
    study_situation: str = ""  # the help plan (帮扶计划) travels with the pairing
    help_times: str = ""
    content: str = ""
    goals: str = ""


class PlanReview(SQLModel, table=True):
    """A term's review of a pairing's staged results (阶段性效果). Append-only."""

    __tablename__ = "plan_review"

    id: str = Field(primary_key=True)
    pairing_id: str = Field(foreign_key="pairing.id", index=True)
    term: str
    reviewed_on: dt.date
    progress: str  # 进步 / 持平 / 退步
    notes: str = ""


class Record(SQLModel, table=True):
    """A dated entry about one or more children: a visit, talk, call, letter, meeting…
    Append-only: a correction is a new record with ``corrects`` naming the one it replaces."""

    __table_args__ = (
        Index("ix_record_school_date", "school_id", "occurred_on"),
        Index("ix_record_corrects", "corrects"),
    )

    id: str = Field(primary_key=True)
    school_id: str = Field(foreign_key="school.id")
    kind: str
    occurred_on: dt.date
    mode: str = ""  # home visits: 登门 / 集体 / 电话 / 视频 / 书信 / 短信QQ
    helper_id: str | None = Field(default=None, foreign_key="helper.id")
    author: str = ""
    summary: str = ""
    details: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    follow_up: str = ""
    follow_up_due: dt.date | None = None
    corrects: str | None = Field(default=None, foreign_key="record.id")


class RecordChild(SQLModel, table=True):
    __tablename__ = "record_child"
    __table_args__ = (Index("ix_record_child_child", "child_id"),)

    record_id: str = Field(primary_key=True, foreign_key="record.id")
    child_id: str = Field(primary_key=True, foreign_key="child.id")


class Blob(SQLModel, table=True):
    """A file (photo, scanned form) stored once by its SHA-256."""

    sha256: str = Field(primary_key=True)
    mime: str = ""
    size: int
    data: bytes


class Attachment(SQLModel, table=True):
    id: str = Field(primary_key=True)
    record_id: str = Field(foreign_key="record.id", index=True)
    sha256: str = Field(foreign_key="blob.sha256")
    filename: str = ""


class Appointment(SQLModel, table=True):
    """家访预约: a visit booked ahead."""

    id: str = Field(primary_key=True)
    child_id: str = Field(foreign_key="child.id", index=True)
    helper_id: str | None = Field(default=None, foreign_key="helper.id")
    planned_on: dt.date
    purpose: str = ""
    status: str = "已预约"  # 已预约 / 已完成 / 已取消
    record_id: str | None = Field(default=None, foreign_key="record.id")


class Term(SQLModel, table=True):
    id: str = Field(primary_key=True)
    school_id: str = Field(foreign_key="school.id")
    name: str
    school_year: str
    start_date: dt.date
    end_date: dt.date


class DutyRule(SQLModel, table=True):
    __tablename__ = "duty_rule"

    id: str = Field(primary_key=True)
    school_id: str = Field(foreign_key="school.id")
    name: str
    kinds: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    count: int
    period: str
    risk_levels: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    category: str = ""
    active: bool = True


class Incident(SQLModel, table=True):
    """强制报告: what was found, when and to whom it was reported, follow-up, outcome."""

    id: str = Field(primary_key=True)
    child_id: str = Field(foreign_key="child.id", index=True)
    kind: str
    found_on: dt.date
    description: str = ""
    reported_on: dt.date | None = None
    reported_to: str = ""
    follow_up: str = ""
    outcome: str = ""
    closed_on: dt.date | None = None


class Dropout(SQLModel, table=True):
    """辍学登记 → 劝返 → outcome, with the written report when persuasion fails."""

    id: str = Field(primary_key=True)
    child_id: str = Field(foreign_key="child.id", index=True)
    registered_on: dt.date
    reason: str = ""
    outcome: str = ""  # 已复学 / 劝返未果 / …
    report: str = ""  # the written report (书面报告) when persuasion fails
    closed_on: dt.date | None = None


class DropoutAttempt(SQLModel, table=True):
    """One persuasion attempt (劝返). Append-only."""

    __tablename__ = "dropout_attempt"

    id: str = Field(primary_key=True)
    dropout_id: str = Field(foreign_key="dropout.id", index=True)
    attempted_on: dt.date
    by: str = ""
    result: str = ""


class Screening(SQLModel, table=True):
    """寒暑假排查: one child's holiday safety checklist for one holiday."""

    __table_args__ = (UniqueConstraint("child_id", "holiday"),)

    id: str = Field(primary_key=True)
    child_id: str = Field(foreign_key="child.id", index=True)
    holiday: str  # e.g. "2027年寒假"
    items: dict[str, bool] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    notes: str = ""
    checked_on: dt.date | None = None


# --- schema 0003: sync between schools and the township --------------------------------------


class Peer(SQLModel, table=True):
    """Another installation we exchange bundles with: the township (for a school) or a school
    site (for the township). ``held`` is what it told us it holds, {site id: last sequence}."""

    site_id: str = Field(primary_key=True)
    role: str  # school / township
    school_id: str | None = None  # schools: the school the site keeps
    code: str = ""
    name: str = ""
    sign_pub: str  # Ed25519 public key, base64
    age_recipient: str  # age X25519 recipient, age1...
    held: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    held_hlc: str = ""  # the stamp of the bundle that told us ``held`` (newer bundles win)
    # The township sends a school what concerns it by position in the township's own log:
    # ``acked`` is the position the school says it has (from its newest bundle), ``received``
    # the position we have read from the peer's bundles (we echo it back as our ack).
    acked: int = 0
    received: int = 0
    enrolled_at: dt.datetime
    last_bundle_at: dt.datetime | None = None  # when we last merged a bundle from it


class Conflict(SQLModel, table=True):
    """Two changes a person must look at: a concurrent edit, a delete racing an edit, an edit by
    a school that does not own the child, a change stamped in the future, or a possible duplicate
    child. The id is made from the two sides, so every copy detects the same record once."""

    __table_args__ = (Index("ix_conflict_child", "child_id"),)

    id: str = Field(primary_key=True)
    kind: str
    entity: str
    entity_id: str
    child_id: str | None = None
    field_group: str = ""
    a_site: str = ""
    a_hlc: str = ""
    a_author: str = ""
    a_payload: dict[str, object] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    b_site: str = ""
    b_hlc: str = ""
    b_author: str = ""
    b_payload: dict[str, object] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    detected_at: dt.datetime
    decision: str = ""  # empty while open
    decided_by: str = ""
    decided_on: dt.date | None = None
    note: str = ""


class BundleLog(SQLModel, table=True):
    """Every bundle made or read: a repeated bundle is recognised, and the township sees which
    schools have not sent one for days."""

    __tablename__ = "bundle_log"

    bundle_id: str = Field(primary_key=True)
    direction: str  # in / out
    peer_site: str = ""
    at: dt.datetime
    status: str  # merged / duplicate / exported
    ops: int = 0
    conflicts: int = 0


# --- schema 0004: roster imports -------------------------------------------------------------


class RosterImport(SQLModel, table=True):
    """One import of a roster (花名册), kept so the whole import can be undone. Local to this
    database, never synced. ``undo`` holds {"created": [child ids], "updated": [{"child_id",
    "entity", "entity_id", "old": {...}, "new": {...}}]}."""

    __tablename__ = "roster_import"

    id: str = Field(primary_key=True)
    school_id: str
    file_name: str
    at: dt.datetime
    author: str = ""
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    undo: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    undone_at: dt.datetime | None = None


# --- schema 0005: accounts and the audit trail ------------------------------------------------


class Account(SQLModel, table=True):
    """Who may log in, with a role (domain.access.Role). Local, never synced. The password is
    kept only as a scrypt hash (services.accounts.hash_password)."""

    id: str = Field(primary_key=True)
    username: str = Field(index=True, unique=True)  # stored lower-case
    display_name: str = ""
    role: str
    password_hash: str
    helper_id: str | None = None  # a teacher's 帮扶人 record (their class and pairings)
    active: bool = True
    failed_count: int = 0
    locked_until: dt.datetime | None = None
    created_at: dt.datetime
    last_login_at: dt.datetime | None = None


class Audit(SQLModel, table=True):
    """One entry of the audit trail. Append-only: triggers refuse UPDATE and DELETE.
    Local, never synced. ``at`` is the PC's local time; ``child_ids`` the children concerned."""

    __table_args__ = (Index("ix_audit_at", "at"),)

    id: str = Field(primary_key=True)
    at: dt.datetime
    account_id: str | None = None
    who: str
    role: str
    action: str
    outcome: str = "ok"  # ok / refused / failed
    child_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    detail: str = ""
