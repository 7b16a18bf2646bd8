"""The public command line: JSON shapes and exit codes (a contract, see README)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys

import pytest

from liushou_desktop.cli.main import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_init_then_list_is_empty(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    code, out, _ = run(capsys, "init", "--db", db, "--school", "大山小学", "--code", "522401001")
    assert code == 0 and "大山小学" in out
    code, out, _ = run(capsys, "children", "list", "--db", db, "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    assert json.loads(out)["total"] == 0


def test_init_refuses_an_existing_file_and_bad_values(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert run(capsys, "init", "--db", db, "--school", "A", "--code", "123")[0] == 0
    code, _, err = run(capsys, "init", "--db", db, "--school", "A", "--code", "123")
    assert code == 2 and "已存在" in err and err.count("\n") == 1
    code, _, err = run(
        capsys, "init", "--db", tmp_path / "b.sqlite", "--school", " ", "--code", "1"
    )
    assert code == 2 and "学校名称" in err


def test_demo_is_realistic_and_repeatable(tmp_path, capsys):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run(capsys, "demo", "--db", a, "--children", 120, "--seed", 7)[0] == 0
    assert run(capsys, "demo", "--db", b, "--children", 120, "--seed", 7)[0] == 0
    _, out_a, _ = run(capsys, "children", "list", "--db", a, "--json")
    _, out_b, _ = run(capsys, "children", "list", "--db", b, "--json")
    kids_a, kids_b = json.loads(out_a), json.loads(out_b)
    assert len(kids_a) == 120

    def content(kids):
        return sorted(
            json.dumps(
                {k: v for k, v in c.items() if k not in ("id", "school_id")},
                ensure_ascii=False,
                sort_keys=True,
            )
            for c in kids
        )

    assert content(kids_a) == content(kids_b)
    c = kids_a[0]
    for key in (
        "id",
        "school",
        "name",
        "sex",
        "birth_date",
        "id_number",
        "grade",
        "class_no",
        "status",
        "left_behind_kind",
        "categories",
        "guardian",
        "father",
        "mother",
        "risk",
    ):
        assert key in c, key
    assert set(c["guardian"]) >= {"name", "relation", "phone"}
    assert set(c["father"]) >= {"name", "work_place", "phone"}
    assert set(c["risk"]) == {"type", "level", "guardian_assessment"}
    assert all(k["sex"] in ("男", "女") for k in kids_a)
    assert all(1 <= k["grade"] <= 12 for k in kids_a)
    assert sum(1 for k in kids_a if k["risk"]["level"] in (1, 2)) < 40


def test_demo_fills_an_existing_database(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    run(capsys, "init", "--db", db, "--school", "大山小学", "--code", "522401001")
    assert run(capsys, "demo", "--db", db, "--children", 30)[0] == 0
    _, out, _ = run(capsys, "stats", "--db", db, "--json")
    stats = json.loads(out)
    assert stats["total"] == 30
    for key in (
        "by_status",
        "by_left_behind_kind",
        "by_risk_type",
        "by_risk_level",
        "by_guardian_kind",
        "by_grade",
    ):
        assert key in stats
    assert sum(stats["by_status"].values()) == 30
    assert sum(stats["by_grade"].values()) == stats["active"]


@pytest.mark.parametrize("command", [["children", "list"], ["stats"]])
def test_bad_database_paths_exit_2_with_one_line(tmp_path, capsys, command):
    missing = tmp_path / "missing.sqlite"
    code, out, err = run(capsys, *command, "--db", missing, "--json")
    assert code == 2 and out == "" and "找不到" in err and err.count("\n") == 1

    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 20)
    code, _, err = run(capsys, *command, "--db", text, "--json")
    assert code == 2 and "不是留守儿童档案数据库" in err

    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    code, _, err = run(capsys, *command, "--db", other, "--json")
    assert code == 2 and "不是留守儿童档案数据库" in err


def test_newer_database_exits_2(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    run(capsys, "init", "--db", db, "--school", "A", "--code", "123")
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    code, _, err = run(capsys, "children", "list", "--db", db, "--json")
    assert code == 2 and "更新版本" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["children", "list"])
    assert exit_.value.code == 2


def test_installed_console_script_runs(tmp_path):
    """The `liushou` entry point as a user runs it (a real process, real stdout encoding)."""
    db = tmp_path / "s.sqlite"
    cmd = [
        sys.executable,
        "-m",
        "liushou_desktop",
        "init",
        "--db",
        str(db),
        "--school",
        "大山小学",
        "--code",
        "522401001",
    ]
    assert subprocess.run(cmd, capture_output=True, check=False).returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "liushou_desktop", "children", "list", "--db", str(db), "--json"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0 and json.loads(done.stdout.decode("utf-8")) == []


def test_demo_twice_with_one_seed_adds_nothing_twice(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert run(capsys, "demo", "--db", db, "--children", 40, "--seed", 3)[0] == 0
    code, out, _ = run(capsys, "demo", "--db", db, "--children", 60, "--seed", 3)
    assert code == 0 and "20" in out
    _, out, _ = run(capsys, "children", "list", "--db", db, "--json")
    kids = json.loads(out)
    assert len(kids) == 60
    numbers = [k["id_number"] for k in kids if k["id_number"]]
    assert len(numbers) == len(set(numbers))


def test_usage_errors_are_one_chinese_line(capsys):
    for argv in (["demo", "--db", "x.sqlite", "--children", "abc"], ["children"], ["nope"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "参数错误" in err, err


def test_plain_listing_uses_chinese_labels(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    run(capsys, "demo", "--db", db, "--children", 20)
    _, out, _ = run(capsys, "children", "list", "--db", db)
    assert len(out.splitlines()) == 20
    assert "级" in out and not any(
        ch.isdigit() and "级" in line for line in out.splitlines() for ch in line.split("\t")[4:5]
    )


def test_demo_has_care_work_and_records_and_duties_commands(tmp_path, capsys):
    db = tmp_path / "d.sqlite"
    assert run(capsys, "demo", "--db", db, "--children", 80, "--seed", 2)[0] == 0
    code, out, _ = run(capsys, "records", "list", "--db", db, "--json")
    records = json.loads(out)
    assert code == 0 and len(records) > 80
    first = records[0]
    assert set(first) >= {"id", "child_ids", "kind", "date", "author", "summary"}
    assert [r["date"] for r in records] == sorted((r["date"] for r in records), reverse=True)
    assert any(len(r["child_ids"]) > 1 for r in records)  # guardians' meetings
    child = first["child_ids"][0]
    _, out, _ = run(
        capsys, "records", "list", "--db", db, "--json", "--child", child, "--since", "2026-09-01"
    )
    mine = json.loads(out)
    assert mine and all(child in r["child_ids"] and r["date"] >= "2026-09-01" for r in mine)

    # the demo's calendar is built around the real today; judge duties as of today too
    code, out, _ = run(capsys, "duties", "status", "--db", db, "--json")
    status = json.loads(out)
    assert code == 0 and status["date"] == dt.date.today().isoformat()
    (school,) = status["schools"]
    assert school["term"]["name"].endswith("学期")
    for key in ("rules", "children", "helpers", "classes"):
        assert school[key], key
        for line in school[key]:
            assert set(line) == {"id", "name", "required", "done", "due", "overdue"}
            assert line["done"] + line["due"] + line["overdue"] == line["required"]
    assert sum(c["overdue"] + c["due"] for c in school["children"]) > 0  # some children behind
    assert sum(r["required"] for r in school["rules"]) == sum(
        c["required"] for c in school["children"]
    )
    with pytest.raises(SystemExit) as exit_:
        main(["duties", "status", "--db", str(db), "--date", "22/11/2026"])
    assert exit_.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err


def test_every_subcommand_is_routed_to_the_command_line():
    """`python -m liushou_desktop COMMAND …` reaches the CLI for every command the parser has
    (the rest starts the GUI)."""
    from liushou_desktop.cli.main import COMMANDS, build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
