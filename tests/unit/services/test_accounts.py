"""Accounts: the first administrator, passwords (scrypt, never logged), lockout after five
wrong tries for five minutes, the administrator's account work."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from liushou_desktop.domain.access import Role
from liushou_desktop.domain.errors import KnownError, ValidationFailed
from liushou_desktop.services.accounts import (
    LOCKOUT,
    MAX_TRIES,
    AccountService,
    AuditService,
    LoginFailed,
    check_password,
    hash_password,
)
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.setup import init_school

PASSWORD = "xiaoxue2026"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 22, 9, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def school(tmp_path: Path, clock: Clock) -> Iterator[ServiceContext]:
    ctx = init_school(tmp_path / "s.sqlite", "大山小学", "522401001", author="测试员")
    ctx.now = clock
    yield ctx
    ctx.db.close()


@pytest.fixture
def admin(school: ServiceContext) -> AccountService:
    service = AccountService(school)
    school.act_as(service.create_first_admin("Wang", "王校长", PASSWORD))
    return service


def test_hashes_are_salted_scrypt_and_check_only_the_right_password() -> None:
    a, b = hash_password(PASSWORD), hash_password(PASSWORD)
    assert a != b and a.startswith("scrypt$32768$8$1$")
    assert check_password(PASSWORD, a) and check_password(PASSWORD, b)
    assert not check_password("xiaoxue2027", a)
    assert not check_password(PASSWORD, "garbage") and not check_password(PASSWORD, "")


def test_the_first_run_makes_the_administrator_once(school: ServiceContext) -> None:
    service = AccountService(school)
    assert not service.has_accounts()
    with pytest.raises(ValidationFailed, match="至少要 6 位"):
        service.create_first_admin("wang", "王校长", "12345")
    actor = service.create_first_admin(" Wang ", "王校长", PASSWORD)
    assert actor.username == "wang" and actor.role is Role.ADMIN
    assert service.has_accounts()
    with pytest.raises(KnownError, match="已经有管理员"):
        service.create_first_admin("li", "李", PASSWORD)
    assert service.login("WANG", PASSWORD).display_name == "王校长"


def test_a_township_administrator_and_its_roles(tmp_path: Path) -> None:
    from liushou_desktop.services.sync import init_township

    ctx = init_township(tmp_path / "t.sqlite", "大山镇中心校", "522401", author="测试员")
    try:
        service = AccountService(ctx)
        actor = service.create_first_admin("zhen", "镇管理员", PASSWORD)
        assert actor.role is Role.TOWNSHIP_ADMIN
        ctx.act_as(actor)
        service.add("look", "镇督导", "只读", PASSWORD)
        with pytest.raises(ValidationFailed, match="乡镇管理员、只读"):
            service.add("t1", "教师", "教师", PASSWORD)
    finally:
        ctx.db.close()


def test_wrong_passwords_lock_the_account_for_five_minutes(
    admin: AccountService, school: ServiceContext, clock: Clock
) -> None:
    admin.add("liu", "刘老师", Role.INSPECTOR, PASSWORD)
    for left in range(MAX_TRIES - 1, 0, -1):
        with pytest.raises(LoginFailed, match=f"还可以试 {left} 次"):
            admin.login("liu", "wrong-one")
    with pytest.raises(LoginFailed, match="已锁定 5 分钟"):
        admin.login("liu", "wrong-one")
    # locked: even the right password waits
    with pytest.raises(LoginFailed, match="请 5 分钟后再试"):
        admin.login("liu", PASSWORD)
    clock.now += LOCKOUT - dt.timedelta(seconds=59)
    with pytest.raises(LoginFailed, match="请 1 分钟后再试"):
        admin.login("liu", PASSWORD)
    assert [a.locked for a in admin.accounts() if a.username == "liu"] == [True]
    clock.now += dt.timedelta(seconds=60)
    assert admin.login("liu", PASSWORD).username == "liu"
    # a right password starts the count again
    with pytest.raises(LoginFailed, match=f"还可以试 {MAX_TRIES - 1} 次"):
        admin.login("liu", "wrong-one")


def test_a_clock_turned_back_does_not_lengthen_the_lockout(
    admin: AccountService, clock: Clock
) -> None:
    admin.add("liu", "刘老师", Role.INSPECTOR, PASSWORD)
    for _ in range(MAX_TRIES):
        with pytest.raises(LoginFailed):
            admin.login("liu", "wrong-one")
    clock.now -= dt.timedelta(days=400)  # a dead CMOS battery
    assert admin.login("liu", PASSWORD).username == "liu"


def test_the_administrator_resets_a_forgotten_password_and_lifts_the_lock(
    admin: AccountService,
) -> None:
    admin.add("liu", "刘老师", Role.INSPECTOR, PASSWORD)
    for _ in range(MAX_TRIES):
        with pytest.raises(LoginFailed):
            admin.login("liu", "wrong-one")
    admin.reset_password("liu", "newpass99")
    assert admin.login("liu", "newpass99").username == "liu"
    with pytest.raises(LoginFailed):
        admin.login("liu", PASSWORD)


def test_unknown_and_disabled_accounts_are_refused(admin: AccountService) -> None:
    made = admin.add("liu", "刘老师", Role.INSPECTOR, PASSWORD)
    with pytest.raises(LoginFailed, match="账号或密码不对"):
        admin.login("nobody", PASSWORD)
    admin.update(made.id, active=False)
    with pytest.raises(LoginFailed, match="已停用"):
        admin.login("liu", PASSWORD)


def test_the_last_administrator_cannot_be_demoted_or_switched_off(
    admin: AccountService, school: ServiceContext
) -> None:
    me = next(a for a in admin.accounts() if a.username == "wang")
    with pytest.raises(KnownError, match="唯一的管理员"):
        admin.update(me.id, role=Role.INSPECTOR)
    with pytest.raises(KnownError, match="唯一的管理员"):
        admin.update(me.id, active=False)
    admin.add("li", "李主任", Role.ADMIN, PASSWORD)
    assert admin.update(me.id, role=Role.INSPECTOR).role == "督导"


def test_a_teacher_account_links_to_a_teacher_helper(
    admin: AccountService, school: ServiceContext
) -> None:
    from liushou_desktop.services.care import CareService, HelperDraft

    school_id = ArchiveService(school).schools()[0].id
    care = CareService(school)
    teacher_id = care.add_helper(
        school_id, HelperDraft(kind="教师", name="刘华", grade=3, class_no=2)
    )
    pupil_helper = care.add_helper(school_id, HelperDraft(kind="校外", name="爱心妈妈"))
    assert admin.teachers() == [(teacher_id, "刘华（三年级(2)班班主任）")]
    with pytest.raises(ValidationFailed, match="不是教师"):
        admin.add("mama", "爱心妈妈", Role.TEACHER, PASSWORD, pupil_helper)
    with pytest.raises(ValidationFailed, match="只有教师账号"):
        admin.add("x", "某", Role.INSPECTOR, PASSWORD, teacher_id)
    made = admin.add("liuhua", "刘华", Role.TEACHER, PASSWORD, teacher_id)
    assert made.helper_name == "刘华"
    assert admin.login("liuhua", PASSWORD).helper_id == teacher_id
    # another role drops the link
    assert admin.update(made.id, role=Role.INSPECTOR).helper_id is None


def test_a_user_changes_their_own_password(admin: AccountService, school: ServiceContext) -> None:
    with pytest.raises(ValidationFailed, match="原密码不对"):
        admin.change_own_password("nope", "another9")
    with pytest.raises(ValidationFailed, match="账号名相同"):
        admin.add("wangxm", "王小明", Role.INSPECTOR, "WANGXM")
    with pytest.raises(ValidationFailed, match="太常见"):
        admin.change_own_password(PASSWORD, "123456")
    admin.change_own_password(PASSWORD, "another9")
    assert admin.login("wang", "another9").username == "wang"


def test_no_password_or_hash_reaches_a_log_or_the_audit_trail(
    admin: AccountService, school: ServiceContext, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = [PASSWORD, "wrong-secret-1", "newpass99", "teacher-pw-7"]
    admin.add("liu", "刘老师", Role.INSPECTOR, secrets[3])
    with pytest.raises(LoginFailed):
        admin.login("liu", secrets[1])
    admin.reset_password("liu", secrets[2])
    admin.login("liu", secrets[2])
    with sqlite3.connect(school.db.path) as conn:
        hashes = [h for (h,) in conn.execute("SELECT password_hash FROM account")]
        trail = "\n".join(str(row) for row in conn.execute("SELECT * FROM audit"))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for text in (logged, trail):
        for secret in [*secrets, *hashes, *(h.split("$")[-1] for h in hashes)]:
            assert secret not in text
    assert len(AuditService(school).entries()) >= 5


def test_wrong_old_passwords_count_towards_the_lockout_and_are_audited(
    admin: AccountService, school: ServiceContext
) -> None:
    for _ in range(MAX_TRIES - 1):
        with pytest.raises(ValidationFailed, match="原密码不对"):
            admin.change_own_password("not-mine-1", "another9")
    with pytest.raises(ValidationFailed, match="已锁定"):
        admin.change_own_password("not-mine-1", "another9")
    refused = AuditService(school).entries(action="password_change", outcome="refused")
    assert len(refused) == MAX_TRIES
    with pytest.raises(LoginFailed, match="已锁定"):
        admin.login("wang", PASSWORD)


def test_a_mistyped_account_name_is_kept_masked(
    admin: AccountService, school: ServiceContext
) -> None:
    with pytest.raises(LoginFailed):
        admin.login("MySecret!pw", PASSWORD)  # a password typed into the name field
    (entry,) = AuditService(school).entries(action="login_failed")
    assert "secret" not in entry.who.lower() and entry.who.startswith("m")
    assert entry.role == ""


def test_locking_and_logging_out_are_one_entry_each(
    admin: AccountService, school: ServiceContext
) -> None:
    actor = school.actor
    assert actor is not None
    admin.lock(actor, idle=True)
    admin.lock(actor)
    admin.logout(actor)
    kinds = [(e.action, e.detail) for e in AuditService(school).entries()[:3]]
    assert kinds == [("logout", ""), ("lock", "手动锁定"), ("lock", "闲置超时，自动锁定")]
