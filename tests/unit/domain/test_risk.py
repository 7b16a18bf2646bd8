import datetime as dt

from liushou_desktop.domain.enums import (
    GuardianKind,
    GuardianRelation,
    LeftBehindKind,
    RiskLevel,
    RiskType,
    guardian_kind,
)
from liushou_desktop.domain.risk import (
    age_on,
    is_high_risk,
    meets_official_definition,
    priority_key,
    suggest_risk_type,
)


def test_risk_type_follows_guardianship():
    assert suggest_risk_type(GuardianRelation.GRANDPARENTS) is RiskType.GRANDPARENTS
    assert suggest_risk_type(GuardianRelation.MATERNAL_GRANDPARENTS) is RiskType.GRANDPARENTS
    assert suggest_risk_type(GuardianRelation.RELATIVE) is RiskType.RELATIVES
    assert suggest_risk_type(GuardianRelation.OTHER) is RiskType.RELATIVES
    assert suggest_risk_type(GuardianRelation.NONE) is RiskType.NO_GUARDIAN
    assert suggest_risk_type(None) is RiskType.NO_GUARDIAN
    assert suggest_risk_type(GuardianRelation.MOTHER) is None


def test_labels():
    assert RiskType.RELATIVES.label == "二类"
    assert RiskLevel.SEVERE.label == "一级"
    assert RiskLevel.LACKING.label == "四级"


def test_levels_one_and_two_come_first():
    assert is_high_risk(1) and is_high_risk(2)
    assert not is_high_risk(3) and not is_high_risk(None)
    assert sorted([4, None, 1, 3, 2], key=priority_key) == [1, 2, 3, 4, None]


def test_guardian_kind():
    assert guardian_kind("祖父母") is GuardianKind.GRANDPARENTS
    assert guardian_kind("其他亲属") is GuardianKind.RELATIVES
    assert guardian_kind("母亲") is GuardianKind.PARENT
    assert guardian_kind("无") is GuardianKind.NOBODY


def test_age_and_official_definition():
    today = dt.date(2026, 11, 22)
    assert age_on(dt.date(2010, 11, 22), today) == 16
    assert age_on(dt.date(2010, 11, 23), today) == 15
    assert meets_official_definition(dt.date(2012, 1, 1), LeftBehindKind.BOTH_AWAY, today)
    assert meets_official_definition(
        dt.date(2012, 1, 1), LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE, today
    )
    assert not meets_official_definition(dt.date(2012, 1, 1), LeftBehindKind.FATHER_AWAY, today)
    assert not meets_official_definition(dt.date(2010, 1, 1), LeftBehindKind.BOTH_AWAY, today)
    assert not meets_official_definition(None, LeftBehindKind.BOTH_AWAY, today)
