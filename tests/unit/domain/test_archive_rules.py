import datetime as dt

from liushou_desktop.domain.archive import (
    Assessment,
    ChildArchive,
    ChildRecord,
    GuardianRecord,
    archive_warnings,
    normalize_phone,
    phone_problem,
    validate_archive,
    validate_assessment,
)
from liushou_desktop.domain.enums import Sex
from liushou_desktop.domain.idcard import make_id_number

TODAY = dt.date(2026, 11, 22)


def valid() -> ChildArchive:
    birth = dt.date(2016, 3, 8)
    return ChildArchive(
        child=ChildRecord(
            name="张三",
            sex="男",
            birth_date=birth,
            id_number=make_id_number("522401", birth, 3, Sex.MALE),
        ),
        guardian=GuardianRecord(name="张大山", relation="祖父母", phone="139 1234 5678"),
    )


def test_valid_archive_has_no_errors():
    assert validate_archive(valid(), TODAY) == {}
    assert archive_warnings(valid()) == {}


def test_each_rule_names_its_field():
    a = valid()
    a.child.name = " "
    a.child.id_number = "123"
    a.child.grade = 13
    a.guardian.phone = "12345"
    a.father.phone = "0851-1234567"  # a landline is fine
    a.mother.id_number = "110105194912310021"
    errors = validate_archive(a, TODAY)
    assert set(errors) == {"name", "id_number", "grade", "guardian.phone", "mother.id_number"}
    assert "姓名" in errors["name"]


def test_birth_date_rules():
    a = valid()
    a.child.birth_date = None
    assert "出生日期" in validate_archive(a, TODAY)["birth_date"]
    a.child.birth_date = TODAY + dt.timedelta(days=1)
    assert "晚于" in validate_archive(a, TODAY)["birth_date"]


def test_guardian_needed_unless_none():
    a = valid()
    a.guardian.name = ""
    assert "guardian.name" in validate_archive(a, TODAY)
    a.guardian.relation = "无"
    assert "guardian.name" not in validate_archive(a, TODAY)


def test_mismatch_is_a_warning_not_an_error():
    a = valid()
    a.child.sex = "女"
    assert validate_archive(a, TODAY) == {}
    assert "性别" in archive_warnings(a)["id_number"]


def test_phones():
    assert normalize_phone("139-1234 5678") == "13912345678"
    assert phone_problem("13912345678") is None
    assert phone_problem("0851-1234567") is None
    assert phone_problem("") is None
    assert phone_problem("1234") is not None


def test_assessment_rules():
    ok = Assessment(TODAY, 3, 4, "较好", "李老师")
    assert validate_assessment(ok, TODAY) == {}
    bad = Assessment(TODAY + dt.timedelta(days=1), 4, 5, "好", " ")
    assert set(validate_assessment(bad, TODAY)) == {
        "risk_type",
        "risk_level",
        "guardian_assessment",
        "assessed_on",
        "assessor",
    }
