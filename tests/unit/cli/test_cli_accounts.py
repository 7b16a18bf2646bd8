"""`liushou users add|list|reset-password` and `liushou audit list`: the command line acts as
the local administrator, is audited as such, and is the way back in when the administrator's
password is lost."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from liushou_desktop.cli.main import COMMANDS, main
from liushou_desktop.services.accounts import AccountService, LoginFailed
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.storage.db import Database


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _password_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / f"pw-{len(list(tmp_path.iterdir()))}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _login(db: Path, username: str, password: str) -> object:
    ctx = ServiceContext(db=Database.open(db))
    try:
        return AccountService(ctx).login(username, password)
    finally:
        ctx.db.close()


def test_users_and_audit_are_commands() -> None:
    assert {"users", "audit"} <= set(COMMANDS)


def test_add_list_and_reset_a_lost_administrator_password(tmp_path: Path, capsys) -> None:
    db = tmp_path / "school.sqlite"
    assert run(capsys, "init", "--db", db, "--school", "大山小学", "--code", "522401001")[0] == 0
    pw = _password_file(tmp_path, "first-pass1")
    code, out, _ = run(
        capsys, "users", "add", "--db", db, "Wang", "--name", "王校长", "--role", "管理员",
        "--password-file", pw, "--json",
    )  # fmt: skip
    assert code == 0
    made = json.loads(out)
    assert made["username"] == "wang" and made["role"] == "管理员"
    assert "password" not in out and "scrypt" not in out
    code, out, _ = run(capsys, "users", "list", "--db", db, "--json")
    assert code == 0
    (listed,) = json.loads(out)
    assert {"username", "display_name", "role", "active", "locked"} <= set(listed)
    # the administrator forgets the password and locks the account; on the PC:
    for _ in range(5):
        with contextlib.suppress(LoginFailed):
            _login(db, "wang", "not-it-000")
    new = _password_file(tmp_path, "second-pass2")
    code, out, _ = run(
        capsys, "users", "reset-password", "--db", db, "wang", "--password-file", new
    )
    assert code == 0 and "解除锁定" in out
    assert _login(db, "wang", "second-pass2")
    code, out, _ = run(capsys, "audit", "list", "--db", db, "--json")
    trail = json.loads(out)
    assert [e["action"] for e in trail][:3] == ["login", "password_reset", "login_failed"]
    reset = trail[1]
    assert reset["who"].startswith("命令行") and reset["role"] == "管理员"
    assert all("second-pass2" not in json.dumps(e, ensure_ascii=False) for e in trail)


def test_bad_input_exits_2_with_a_chinese_line(tmp_path: Path, capsys) -> None:
    db = tmp_path / "school.sqlite"
    run(capsys, "init", "--db", db, "--school", "大山小学", "--code", "522401001")
    weak = _password_file(tmp_path, "123")
    code, _, err = run(
        capsys, "users", "add", "--db", db, "li", "--role", "教师", "--password-file", weak
    )
    assert code == 2 and "至少要 6 位" in err
    code, _, err = run(
        capsys, "users", "add", "--db", db, "li", "--role", "校长", "--password-file", weak
    )
    assert code == 2 and "角色" in err
    code, _, err = run(capsys, "users", "reset-password", "--db", db, "ghost",
                       "--password-file", _password_file(tmp_path, "good-pass1"))  # fmt: skip
    assert code == 2 and "没有账号 ghost" in err


def test_audit_list_since_a_day(tmp_path: Path, capsys) -> None:
    db = tmp_path / "demo.sqlite"
    assert run(capsys, "demo", "--db", db, "--children", "10")[0] == 0
    code, out, _ = run(capsys, "audit", "list", "--db", db, "--json", "--since", "2000-01-01")
    assert code == 0 and len(json.loads(out)) == 3  # the demo's three accounts
    code, out, _ = run(capsys, "audit", "list", "--db", db, "--json", "--since", "2999-01-01")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "audit", "list", "--db", db)
    assert code == 0 and "新增账号" in out
    with pytest.raises(SystemExit) as bad:
        main(["audit", "list", "--db", str(db), "--since", "yesterday"])
    assert bad.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err


def test_the_commands_explain_bad_choices(tmp_path: Path, capsys) -> None:
    db = tmp_path / "demo.sqlite"
    assert run(capsys, "demo", "--db", db, "--children", "5")[0] == 0
    code, _, err = run(capsys, "audit", "list", "--db", db, "--action", "bogus")
    assert code == 2 and "login（登录）" in err
    code, _, err = run(capsys, "users", "add", "--db", db, "x1", "--role", "teacher",
                       "--password-file", _password_file(tmp_path, "good-pass1"))  # fmt: skip
    assert code == 2 and "管理员、教师、督导" in err
    code, _, err = run(capsys, "users", "reset-password", "--db", db, "teacher",
                       "--password-file", tmp_path / "missing.txt")  # fmt: skip
    assert code == 2 and "找不到密码文件" in err
    code, out, _ = run(capsys, "users", "reset-password", "--db", db, "teacher",
                       "--password-file", _password_file(tmp_path, "good-pass2"))  # fmt: skip
    assert code == 0 and "解除锁定" not in out
    code, out, _ = run(capsys, "audit", "list", "--db", db)
    assert "\t完成\t" in out
