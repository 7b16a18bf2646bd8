"""Risk classification (分类分级, seed 001 第三篇) and the official definition (2016 form)."""

from __future__ import annotations

import datetime as dt

from .enums import GuardianRelation, LeftBehindKind, RiskLevel, RiskType


def suggest_risk_type(relation: GuardianRelation | str | None) -> RiskType | None:
    """The type the guardianship implies: 一类 nobody, 三类 grandparents, 二类 other relatives.

    Returns None when a parent is the guardian (the type scale is for children with no parent
    at home)."""
    if relation in (GuardianRelation.GRANDPARENTS, GuardianRelation.MATERNAL_GRANDPARENTS):
        return RiskType.GRANDPARENTS
    if relation in (GuardianRelation.RELATIVE, GuardianRelation.OTHER):
        return RiskType.RELATIVES
    if relation in (GuardianRelation.FATHER, GuardianRelation.MOTHER):
        return None
    return RiskType.NO_GUARDIAN


def is_high_risk(level: int | None) -> bool:
    """一级 and 二级 children are surfaced first everywhere."""
    return level is not None and level <= RiskLevel.SERIOUS


def priority_key(level: int | None) -> int:
    """Sort key putting 一级 first, then 二级 … and unassessed children last."""
    return level if level is not None else 99


def age_on(birth: dt.date, on: dt.date) -> int:
    """Whole years of age on a date."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def meets_official_definition(
    birth: dt.date | None, kind: LeftBehindKind | str | None, on: dt.date
) -> bool:
    """The 2016 national definition: under 16, both parents away (or one away and the other
    without capacity to care). Schools keep a wider archive; this flags who is counted upward."""
    if birth is None or age_on(birth, on) >= 16:
        return False
    return kind in (LeftBehindKind.BOTH_AWAY, LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE)
