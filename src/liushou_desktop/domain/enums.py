"""Coded values of the archive. Values are the Chinese words the schools use; they are what is
stored in the database and written in JSON, so they are part of the public contract."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Sex(StrEnum):
    MALE = "男"
    FEMALE = "女"


class Status(StrEnum):
    ENROLLED = "在册"
    TRANSFERRED_OUT = "转出"
    GRADUATED = "毕业"
    NO_LONGER_LEFT_BEHIND = "不再留守"
    DROPPED_OUT = "辍学"
    DELETED = "已删除"  # entered by mistake or a duplicate; can be undone (sync: a tombstone)


# Children still at the school: the list's default view and what the handover moves up.
AT_SCHOOL = frozenset({Status.ENROLLED.value, Status.NO_LONGER_LEFT_BEHIND.value})
AT_SCHOOL_FILTER = "在校"  # the status filter's value for AT_SCHOOL


class LeftBehindKind(StrEnum):
    BOTH_AWAY = "父母均外出"
    FATHER_AWAY = "父亲外出"
    MOTHER_AWAY = "母亲外出"
    ONE_AWAY_OTHER_INCAPABLE = "一方外出另一方无监护能力"
    NOT_LEFT_BEHIND = "非留守"


class Category(StrEnum):
    LEFT_BEHIND = "留守"
    DISABLED = "残疾"
    SINGLE_PARENT = "单亲"
    ORPHAN = "孤儿"
    UNSUPPORTED = "事实无人抚养"
    POOR = "贫困"


class Aid(StrEnum):
    DIBAO = "低保"
    TEMPORARY = "临时救助"
    MEDICAL = "医疗救助"
    HOUSING = "住房救助"
    OTHER = "其他"


class IncomeSource(StrEnum):
    MIGRANT_WORK = "外出务工"
    FARMING = "务农/养殖"
    GOVERNMENT_AID = "政府救助"
    RELATIVES = "亲友资助"
    OTHER = "其他"


class GuardianRelation(StrEnum):
    GRANDPARENTS = "祖父母"
    MATERNAL_GRANDPARENTS = "外祖父母"
    FATHER = "父亲"
    MOTHER = "母亲"
    RELATIVE = "其他亲属"
    OTHER = "其他"
    NONE = "无"


class GuardianKind(StrEnum):
    """How the child is looked after, as counted in the township's statistics."""

    GRANDPARENTS = "隔代监护"
    RELATIVES = "亲属寄养"
    PARENT = "父母一方监护"
    NOBODY = "无人监护"


class GuardianAssessment(StrEnum):
    GOOD = "较好"
    FAIR = "一般"
    POOR = "差"


class RiskType(IntEnum):
    """分类 by guardianship (seed 001 第三篇)."""

    NO_GUARDIAN = 1  # 一类：无父母、祖父母或亲属可监护
    RELATIVES = 2  # 二类：父母均不在家，其他亲属监护
    GRANDPARENTS = 3  # 三类：父母均不在家，祖父母监护

    @property
    def label(self) -> str:
        return f"{_CN_NUMERALS[self.value]}类"


class RiskLevel(IntEnum):
    """分级 by harm: 一级 is the most severe."""

    SEVERE = 1
    SERIOUS = 2
    NEGLIGENT = 3
    LACKING = 4

    @property
    def label(self) -> str:
        return f"{_CN_NUMERALS[self.value]}级"


class Education(StrEnum):
    NONE = "文盲/半文盲"
    PRIMARY = "小学"
    JUNIOR = "初中"
    SENIOR = "高中/中专"
    COLLEGE = "大专及以上"


class ContactFrequency(StrEnum):
    DAILY = "每天"
    WEEKLY = "每周"
    MONTHLY = "每月"
    QUARTERLY = "每季度"
    YEARLY = "每年"
    RARELY = "很少"
    NEVER = "从不"


class ParentRole(StrEnum):
    FATHER = "父亲"
    MOTHER = "母亲"


_CN_NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def cn_numeral(n: int) -> str:
    """Chinese numeral for 0..12 (grades, levels)."""
    return _CN_NUMERALS[n]


def guardian_kind(relation: GuardianRelation | str | None) -> GuardianKind:
    """Map the guardian's relation to the kind the statistics count."""
    if relation in (GuardianRelation.GRANDPARENTS, GuardianRelation.MATERNAL_GRANDPARENTS):
        return GuardianKind.GRANDPARENTS
    if relation in (GuardianRelation.FATHER, GuardianRelation.MOTHER):
        return GuardianKind.PARENT
    if relation in (GuardianRelation.RELATIVE, GuardianRelation.OTHER):
        return GuardianKind.RELATIVES
    return GuardianKind.NOBODY
