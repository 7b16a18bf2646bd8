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


class FieldStamp(SQLModel, table=True):
    """The stamp that last wrote each field group of each row (for merge and ``prev_hlc``)."""

    __tablename__ = "field_stamp"

    entity: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    field_group: str = Field(primary_key=True)
    hlc: str
    site_id: str
