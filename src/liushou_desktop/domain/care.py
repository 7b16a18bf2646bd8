"""Care work (结对帮扶, records, the school calendar, duty rules, incidents): coded values,
field groups and rules. Pure: no DB, no Qt."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from .duties import DutyRule as DutyRuleValue
from .duties import Period


class HelperKind(StrEnum):
    TEACHER = "教师"
    CLASSMATE = "同学"
    OUTSIDER = "校外"


class PairingRole(StrEnum):
    PROXY_PARENT = "代理家长"
    LOVING_MOTHER = "爱心妈妈"
    STUDY_HELPER = "学习帮手"
    BUDDY = "手拉手好朋友"
    VOLUNTEER = "志愿者"


class RecordKind(StrEnum):
    HOME_VISIT = "家访"
    TALK = "谈心"
    FAMILY_CALL = "亲情电话"
    PARENT_CONTACT = "联系家长"
    GUARDIAN_CONTACT = "联系监护人"
    TUTORING = "辅导作业"
    LETTER = "书信"
    GUARDIAN_MEETING = "监护人座谈会"
    HELP_ACTION = "帮扶活动"
    HEALTH_CHECK = "体检"
    GROWTH_DIARY = "成长日记"


class VisitMode(StrEnum):
    IN_PERSON = "登门"
    GROUP = "集体"
    PHONE = "电话"
    VIDEO = "视频"
    LETTER = "书信"
    SMS = "短信/QQ"


class Progress(StrEnum):
    BETTER = "进步"
    SAME = "持平"
    WORSE = "退步"


class IncidentKind(StrEnum):
    ALONE = "独居无人监护"
    MISSING = "失踪"
    GUARDIAN_INCAPABLE = "监护人丧失监护能力"
    VIOLENCE = "疑似家庭暴力"
    INJURY = "疑似受到伤害或虐待"


# Problems a home visit finds (seed 004), the checklist of the visit form.
VISIT_PROBLEMS = ("缺少关爱", "性情孤僻", "家庭教育不协调", "家庭生活艰辛", "学习困难", "安全隐患")

HELPER_GROUPS: dict[str, tuple[str, ...]] = {
    "identity": ("kind", "name", "phone", "subject", "grade", "class_no", "child_id", "role_note"),
    "active": ("active",),
}
PAIRING_GROUPS: dict[str, tuple[str, ...]] = {
    "pairing": ("helper_id", "child_id", "role", "start_date"),
    "end": ("end_date", "end_reason"),
    "plan": ("study_situation", "help_times", "content", "goals"),
}
PLAN_REVIEW_GROUPS: dict[str, tuple[str, ...]] = {
    "review": ("pairing_id", "term", "reviewed_on", "progress", "notes"),
}
RECORD_GROUPS: dict[str, tuple[str, ...]] = {
    "record": (
        "kind", "occurred_on", "mode", "helper_id", "author", "summary", "details",
        "follow_up", "follow_up_due", "corrects", "child_ids",
    ),
}  # fmt: skip
ATTACHMENT_GROUPS: dict[str, tuple[str, ...]] = {"file": ("record_id", "sha256", "filename")}
APPOINTMENT_GROUPS: dict[str, tuple[str, ...]] = {
    "plan": ("child_id", "helper_id", "planned_on", "purpose"),
    "status": ("status", "record_id"),
}
TERM_GROUPS: dict[str, tuple[str, ...]] = {
    "term": ("name", "school_year", "start_date", "end_date"),
}
DUTY_RULE_GROUPS: dict[str, tuple[str, ...]] = {
    "rule": ("name", "kinds", "count", "period", "risk_levels", "category"),
    "active": ("active",),
}
INCIDENT_GROUPS: dict[str, tuple[str, ...]] = {
    "found": ("child_id", "kind", "found_on", "description"),
    "report": ("reported_on", "reported_to"),
    "outcome": ("follow_up", "outcome", "closed_on"),
}

DROPOUT_GROUPS: dict[str, tuple[str, ...]] = {
    "registration": ("child_id", "registered_on", "reason"),
    "outcome": ("outcome", "report", "closed_on"),
}
DROPOUT_ATTEMPT_GROUPS: dict[str, tuple[str, ...]] = {
    "attempt": ("dropout_id", "attempted_on", "by", "result"),
}
SCREENING_GROUPS: dict[str, tuple[str, ...]] = {
    "screening": ("child_id", "holiday", "items", "notes", "checked_on"),
}

# 寒暑假排查: the risks the seeds name before each holiday.
SCREENING_ITEMS = ("防溺水", "交通安全", "防坠落", "防中毒", "监护人在家", "联系方式畅通")

CARE_ENTITY_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "helper": HELPER_GROUPS,
    "pairing": PAIRING_GROUPS,
    "plan_review": PLAN_REVIEW_GROUPS,
    "record": RECORD_GROUPS,
    "attachment": ATTACHMENT_GROUPS,
    "appointment": APPOINTMENT_GROUPS,
    "term": TERM_GROUPS,
    "duty_rule": DUTY_RULE_GROUPS,
    "incident": INCIDENT_GROUPS,
    "dropout": DROPOUT_GROUPS,
    "dropout_attempt": DROPOUT_ATTEMPT_GROUPS,
    "screening": SCREENING_GROUPS,
}
CARE_ENTITY_LABELS: dict[str, str] = {
    "helper": "帮扶人",
    "pairing": "结对",
    "plan_review": "阶段评价",
    "record": "记录",
    "attachment": "附件",
    "appointment": "家访预约",
    "term": "学期",
    "duty_rule": "工作要求",
    "incident": "强制报告",
    "dropout": "辍学登记",
    "dropout_attempt": "劝返",
    "screening": "假期安全排查",
}

DEFAULT_PAIRING_LIMIT = 3  # a teacher takes 2–3 children (DOMAIN.md)


def _rule(name: str, kinds: tuple[RecordKind, ...], count: int, period: Period) -> DutyRuleValue:
    return DutyRuleValue("", name, frozenset(k.value for k in kinds), count, period)


# The schools' own rules, ready to switch on (DOMAIN.md "Duty rules").
PRESETS: dict[str, tuple[DutyRuleValue, ...]] = {
    "三个二": (
        _rule("每周与儿童谈心两次", (RecordKind.TALK,), 2, Period.WEEK),
        _rule("每周辅导作业两次", (RecordKind.TUTORING,), 2, Period.WEEK),
        _rule(
            "每月联系家长、监护人两次",
            (RecordKind.PARENT_CONTACT, RecordKind.GUARDIAN_CONTACT, RecordKind.FAMILY_CALL),
            2,
            Period.MONTH,
        ),
        _rule("每两个月家访两次", (RecordKind.HOME_VISIT,), 2, Period.TWO_MONTHS),
    ),
    "四个一次": (
        _rule("每学期家访一次", (RecordKind.HOME_VISIT,), 1, Period.TERM),
        _rule("每学期谈心一次", (RecordKind.TALK,), 1, Period.TERM),
        _rule(
            "每学期与监护人交流一次",
            (RecordKind.GUARDIAN_CONTACT, RecordKind.GUARDIAN_MEETING),
            1,
            Period.TERM,
        ),
        _rule("每学期书信一封", (RecordKind.LETTER,), 1, Period.TERM),
    ),
    "两周一次家访 + 每月监护人座谈会": (
        # "every two weeks" as "twice a month": the calendar has no fortnight period
        _rule("每月家访两次（两周一次）", (RecordKind.HOME_VISIT,), 2, Period.MONTH),
        _rule("每月监护人座谈会", (RecordKind.GUARDIAN_MEETING,), 1, Period.MONTH),
    ),
}


def rule_problems(name: str, kinds: frozenset[str], count: int, period: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "请填写要求的名称，如“每月家访一次”"
    if not kinds or not kinds <= {k.value for k in RecordKind}:
        errors["kinds"] = "请至少选择一种记录类型"
    if not 1 <= count <= 50:
        errors["count"] = "次数应在1到50之间"
    if period not in {p.value for p in Period}:
        errors["period"] = "请选择周期"
    return errors


def term_problems(name: str, start: dt.date, end: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "请填写学期名称，如“2026年秋季学期”"
    if end <= start:
        errors["end_date"] = "学期结束日期应晚于开始日期"
    elif (end - start).days > 200:
        errors["end_date"] = "一个学期不超过200天，请检查日期"
    return errors


def school_year_of_term(start: dt.date) -> str:
    """Autumn terms start a school year; spring terms belong to the year begun the autumn before."""
    first = start.year if start.month >= 7 else start.year - 1
    return f"{first}-{first + 1}"
