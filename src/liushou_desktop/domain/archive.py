"""The archive of one child as plain values, its field groups, and the rules it must follow.

Field groups are the unit of change history and of merging (ARCHITECTURE.md §2): fields that
must stay together (a guardian's name and phone) are written, logged and merged as one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields

from .enums import (
    Category,
    GuardianAssessment,
    GuardianRelation,
    LeftBehindKind,
    ParentRole,
    RiskLevel,
    RiskType,
    Sex,
    Status,
)
from .grades import MAX_GRADE, MIN_GRADE
from .idcard import id_mismatches, id_number_problem, normalize_id_number


@dataclass
class GuardianRecord:
    name: str = ""
    relation: str = GuardianRelation.GRANDPARENTS.value
    phone: str = ""
    id_number: str = ""
    address: str = ""
    age: int | None = None
    education: str = ""
    personality: str = ""
    health: str = ""
    discipline: str = ""  # 管教方式 — the key item
    agreement_signed: bool = False  # 监护责任书 / 委托监护协议


@dataclass
class ParentRecord:
    role: str = ParentRole.FATHER.value
    name: str = ""
    phone: str = ""
    id_number: str = ""
    age: int | None = None
    education: str = ""
    employer: str = ""  # 工作单位及工种
    trade: str = ""
    work_province: str = ""
    work_city: str = ""
    left_since: str = ""  # 外出时间, e.g. "2019-02"
    income: str = ""
    expectations: str = ""
    contact_frequency: str = ""
    home_frequency: str = ""  # 回家频率
    away: bool = True
    capable: bool = True  # 有监护能力

    @property
    def work_place(self) -> str:
        return f"{self.work_province}{self.work_city}"


@dataclass
class ChildRecord:
    id: str = ""
    school_id: str = ""
    name: str = ""
    sex: str = Sex.MALE.value
    birth_date: dt.date | None = None
    id_number: str = ""
    ethnicity: str = "汉族"
    grade: int = 1
    class_no: int = 1
    student_no: str = ""
    boarding: bool = False
    hukou_place: str = ""
    address: str = ""
    phone: str = ""
    health: str = "健康"
    disability: str = ""
    moral: str = ""  # 道德品质
    habits: str = ""  # 行为习惯
    interests: str = ""  # 兴趣爱好
    intelligence: str = ""  # 智力水平
    personality: str = ""  # 性格特征
    motivation: str = ""  # 学习动机和态度
    learning_ability: str = ""  # 学习能力和方法
    guardian_rapport: str = ""  # 与临时监护人的融洽程度
    parent_communication: str = ""  # 与打工父母的沟通情况
    psych_state: str = ""  # 心理状况
    left_behind_kind: str = LeftBehindKind.BOTH_AWAY.value
    categories: list[str] = field(default_factory=lambda: [Category.LEFT_BEHIND.value])
    aid: list[str] = field(default_factory=list)
    income_sources: list[str] = field(default_factory=list)
    status: str = Status.ENROLLED.value
    status_date: dt.date | None = None
    status_reason: str = ""
    merged_into: str | None = None  # the archive this duplicate was merged into


@dataclass
class ChildArchive:
    """Everything kept about one child, as the editor shows it."""

    child: ChildRecord
    guardian: GuardianRecord = field(default_factory=GuardianRecord)
    father: ParentRecord = field(default_factory=lambda: ParentRecord(role=ParentRole.FATHER))
    mother: ParentRecord = field(default_factory=lambda: ParentRecord(role=ParentRole.MOTHER))


@dataclass(frozen=True)
class Assessment:
    """One dated risk assessment; the series of them is append-only."""

    assessed_on: dt.date
    risk_type: int
    risk_level: int
    guardian_assessment: str
    assessor: str
    reasons: str = ""
    id: str = ""
    child_id: str = ""


# --- field groups --------------------------------------------------------------------------

CHILD_GROUPS: dict[str, tuple[str, ...]] = {
    "identity": ("name", "sex", "birth_date", "id_number", "ethnicity"),
    "enrolment": ("grade", "class_no", "student_no", "boarding"),
    "residence": ("hukou_place", "address", "phone"),
    "health": ("health", "disability"),
    "profile": (
        "moral",
        "habits",
        "interests",
        "intelligence",
        "personality",
        "motivation",
        "learning_ability",
        "guardian_rapport",
        "parent_communication",
        "psych_state",
    ),
    "family": ("left_behind_kind", "categories", "aid", "income_sources"),
    # merged_into: a duplicate removed in favour of another archive (a redirect), schema 0003
    "status": ("status", "status_date", "status_reason", "merged_into"),
}
GUARDIAN_GROUPS: dict[str, tuple[str, ...]] = {
    "contact": ("name", "relation", "phone", "id_number", "address"),
    "profile": ("age", "education", "personality", "health", "discipline", "agreement_signed"),
}
PARENT_GROUPS: dict[str, tuple[str, ...]] = {
    "contact": ("name", "phone", "id_number", "age"),
    "work": ("employer", "trade", "work_province", "work_city", "left_since", "income", "away"),
    "family": ("education", "expectations", "contact_frequency", "home_frequency", "capable"),
}
ASSESSMENT_GROUPS: dict[str, tuple[str, ...]] = {
    "assessment": (
        "assessed_on",
        "risk_type",
        "risk_level",
        "guardian_assessment",
        "assessor",
        "reasons",
    ),
}
SCHOOL_GROUPS: dict[str, tuple[str, ...]] = {"school": ("name", "code", "top_grade")}
CLASS_GROUPS: dict[str, tuple[str, ...]] = {"teacher": ("teacher_name", "teacher_phone")}

ENTITY_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "child": CHILD_GROUPS,
    "guardian": GUARDIAN_GROUPS,
    "parent": PARENT_GROUPS,
    "assessment": ASSESSMENT_GROUPS,
    "school": SCHOOL_GROUPS,
    "class": CLASS_GROUPS,
}


def _check_groups_cover(
    record_type: type, groups: dict[str, tuple[str, ...]], skip: set[str]
) -> None:
    names = {f.name for f in fields(record_type)} - skip
    grouped = {n for g in groups.values() for n in g}
    assert names == grouped, f"{record_type.__name__}: {names ^ grouped}"


_check_groups_cover(ChildRecord, CHILD_GROUPS, {"id", "school_id"})
_check_groups_cover(GuardianRecord, GUARDIAN_GROUPS, set())
_check_groups_cover(ParentRecord, PARENT_GROUPS, {"role"})


# Chinese names of fields, for the history view, messages and exports.
FIELD_LABELS: dict[str, str] = {
    "school": "学校",  # a transfer, in the history
    "merged_into": "合并到",
    "name": "姓名",
    "sex": "性别",
    "birth_date": "出生日期",
    "id_number": "身份证号",
    "ethnicity": "民族",
    "grade": "年级",
    "class_no": "班级",
    "student_no": "学号",
    "boarding": "寄宿",
    "hukou_place": "户籍地",
    "address": "家庭住址",
    "phone": "联系电话",
    "health": "健康状况",
    "disability": "残疾类别及等级",
    "moral": "道德品质",
    "habits": "行为习惯",
    "interests": "兴趣爱好",
    "intelligence": "智力水平",
    "personality": "性格特征",
    "motivation": "学习动机和态度",
    "learning_ability": "学习能力和方法",
    "guardian_rapport": "与临时监护人的融洽程度",
    "parent_communication": "与打工父母的沟通情况",
    "psych_state": "心理状况",
    "left_behind_kind": "留守类型",
    "categories": "类别",
    "aid": "受助情况",
    "income_sources": "家庭收入来源",
    "status": "状态",
    "status_date": "状态日期",
    "status_reason": "状态原因",
    "relation": "与儿童关系",
    "age": "年龄",
    "education": "文化程度",
    "discipline": "管教方式",
    "agreement_signed": "已签监护责任书",
    "employer": "工作单位",
    "trade": "工种",
    "work_province": "务工省份",
    "work_city": "务工城市",
    "left_since": "外出时间",
    "income": "经济收入情况",
    "expectations": "对子女的希望要求",
    "contact_frequency": "与子女联系频率",
    "home_frequency": "回家频率",
    "away": "外出务工",
    "capable": "有监护能力",
    "assessed_on": "评估日期",
    "risk_type": "风险类别",
    "risk_level": "风险等级",
    "guardian_assessment": "监护评估",
    "assessor": "评估人",
    "reasons": "评估理由",
    "code": "代码",
    "top_grade": "最高年级",
    "teacher_name": "班主任",
    "teacher_phone": "班主任电话",
}

ENTITY_LABELS: dict[str, str] = {
    "child": "儿童",
    "guardian": "监护人",
    "parent": "父母",
    "assessment": "风险评估",
    "school": "学校",
    "class": "班级",
}


# --- rules ---------------------------------------------------------------------------------

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def normalize_phone(raw: str) -> str:
    """Drop spaces and dashes from a mobile number; keep a landline's area-code dash."""
    text = "".join(raw.split()).replace("—", "-").replace("－", "-")
    digits = text.replace("-", "")
    if len(digits) == 11 and digits.startswith("1"):
        return digits
    return text


def phone_problem(phone: str) -> str | None:
    if not phone:
        return None
    p = normalize_phone(phone)
    if _MOBILE.match(p) or _LANDLINE.match(p):
        return None
    return "电话号码格式不对：手机号为11位，座机如 0851-1234567"


def validate_archive(archive: ChildArchive, today: dt.date) -> dict[str, str]:
    """Errors that block saving: field path → Chinese reason. Empty when the archive is valid."""
    c = archive.child
    errors: dict[str, str] = {}
    if not c.name.strip():
        errors["name"] = "请填写姓名"
    if c.sex not in (Sex.MALE, Sex.FEMALE):
        errors["sex"] = "请选择性别"
    if c.id_number:
        problem = id_number_problem(normalize_id_number(c.id_number))
        if problem:
            errors["id_number"] = problem
    if c.birth_date is None:
        errors["birth_date"] = "请填写出生日期（或填写身份证号自动得出）"
    elif c.birth_date > today:
        errors["birth_date"] = "出生日期不能晚于今天"
    elif today.year - c.birth_date.year > 20:
        errors["birth_date"] = "出生日期太早：档案只收未成年人"
    if not MIN_GRADE <= c.grade <= MAX_GRADE:
        errors["grade"] = "年级应在1到12之间"
    if not 1 <= c.class_no <= 99:
        errors["class_no"] = "班级应在1到99之间"
    if c.status not in {s.value for s in Status}:
        errors["status"] = "状态不正确"
    for path, phone in (
        ("phone", c.phone),
        ("guardian.phone", archive.guardian.phone),
        ("father.phone", archive.father.phone),
        ("mother.phone", archive.mother.phone),
    ):
        problem = phone_problem(phone)
        if problem:
            errors[path] = problem
    for path, number in (
        ("guardian.id_number", archive.guardian.id_number),
        ("father.id_number", archive.father.id_number),
        ("mother.id_number", archive.mother.id_number),
    ):
        if number:
            problem = id_number_problem(normalize_id_number(number))
            if problem:
                errors[path] = problem
    if archive.guardian.relation not in {r.value for r in GuardianRelation}:
        errors["guardian.relation"] = "请选择监护人与儿童的关系"
    if archive.guardian.relation != GuardianRelation.NONE and not archive.guardian.name.strip():
        errors["guardian.name"] = "请填写监护人姓名（无人监护时关系选“无”）"
    return errors


def archive_warnings(archive: ChildArchive) -> dict[str, str]:
    """Things worth a second look that do not block saving (e.g. ID number vs typed birth date)."""
    c = archive.child
    warnings: dict[str, str] = {}
    mismatches = id_mismatches(c.id_number, c.birth_date, c.sex)
    if mismatches:
        warnings["id_number"] = "；".join(mismatches)
    return warnings


def validate_assessment(a: Assessment, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if a.risk_type not in {t.value for t in RiskType}:
        errors["risk_type"] = "请选择风险类别（一类、二类或三类）"
    if a.risk_level not in {lv.value for lv in RiskLevel}:
        errors["risk_level"] = "请选择风险等级（一级至四级）"
    if a.guardian_assessment not in {g.value for g in GuardianAssessment}:
        errors["guardian_assessment"] = "请选择监护评估（较好、一般或差）"
    if a.assessed_on > today:
        errors["assessed_on"] = "评估日期不能晚于今天"
    if not a.assessor.strip():
        errors["assessor"] = "请填写评估人"
    return errors


def validate_status_change(
    status: str, on: dt.date, reason: str, today: dt.date, current: str | None = None
) -> dict[str, str]:
    """Rules for 在册 / 转出 / 毕业 / 不再留守 / 辍学 changes: field → Chinese reason."""
    errors: dict[str, str] = {}
    if status not in {s.value for s in Status}:
        errors["status"] = "状态不正确"
    elif status == current:
        errors["status"] = f"现在已经是“{status}”，请选择新的状态"
    if on > today:
        errors["status_date"] = "日期不能晚于今天"
    if status != Status.ENROLLED and not reason.strip():
        errors["status_reason"] = "请填写原因，例如“父亲返乡就业”"
    return errors
