"""`liushou backup create|list|restore`: the JSON shapes, a restore after the database file
was damaged (children and stats as before), encrypted backups with a passphrase file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from liushou_desktop.cli.main import COMMANDS, main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _damage(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek((size // 2) // 4096 * 4096)
        f.write(b"\x5a" * 8192)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()


def _demo(tmp_path: Path, capsys) -> tuple[Path, str, str]:
    db = tmp_path / "school.sqlite"
    assert run(capsys, "demo", "--db", db, "--children", "25")[0] == 0
    code, children, _ = run(capsys, "children", "list", "--db", db, "--json")
    assert code == 0 and len(json.loads(children)) == 25
    code, stats, _ = run(capsys, "stats", "--db", db, "--json")
    assert code == 0
    return db, children, stats


def test_backup_is_a_command():
    assert "backup" in COMMANDS  # `python -m liushou_desktop backup …` reaches the CLI


def test_create_list_damage_restore(tmp_path, capsys):
    db, children, stats = _demo(tmp_path, capsys)
    code, out, _ = run(capsys, "backup", "create", "--db", db, "--json")
    made = json.loads(out)
    assert code == 0 and Path(made["path"]).exists() and made["children"] == 25
    assert Path(made["path"]).parent == tmp_path / "backups"
    assert made["reason"] == "manual"

    code, out, _ = run(capsys, "backup", "list", "--db", db, "--json")
    (listed,) = json.loads(out)
    assert code == 0 and listed["path"] == made["path"] and listed["children"] == 25
    assert set(listed) >= {"path", "created_at", "children", "reason", "size", "encrypted"}
    assert listed["created_at"][:4].isdigit() and "T" in listed["created_at"]
    code, out, _ = run(capsys, "backup", "list", "--db", db)
    assert code == 0 and "手动备份" in out and "25 名儿童" in out

    _damage(db)
    code, out, err = run(capsys, "backup", "restore", made["path"], "--db", db)
    assert code == 0, err
    assert "儿童：25 名" in out and "时间：" in out  # the preview first
    assert "已从" in out and "恢复前的数据库已另存为" in out

    assert run(capsys, "children", "list", "--db", db, "--json")[1] == children
    assert run(capsys, "stats", "--db", db, "--json")[1] == stats
    code, out, _ = run(capsys, "backup", "list", "--db", db, "--json")
    reasons = [b["reason"] for b in json.loads(out)]
    assert "manual" in reasons and any(r.startswith("before-restore") for r in reasons)


def test_create_to_a_file_and_restore_json(tmp_path, capsys):
    db, children, _stats = _demo(tmp_path, capsys)
    out_file = tmp_path / "copy.sqlite"
    code, out, _ = run(capsys, "backup", "create", "--db", db, "--out", out_file)
    assert code == 0 and out_file.exists() and str(out_file) in out
    code, out, _ = run(capsys, "backup", "create", "--db", db, "--out", out_file)
    assert code == 2  # never overwritten
    code, out, _ = run(capsys, "backup", "restore", out_file, "--db", db, "--json")
    report = json.loads(out)
    assert code == 0 and report["children"] == 25 and report["preview"]["children"] == 25
    assert report["new_site"]  # a school takes a new sync identity
    assert run(capsys, "children", "list", "--db", db, "--json")[1] == children


def test_encrypted_backup_with_a_passphrase_file(tmp_path, capsys):
    db, children, _stats = _demo(tmp_path, capsys)
    stick = tmp_path / "stick"
    stick.mkdir()
    good, bad = tmp_path / "pw.txt", tmp_path / "wrong.txt"
    good.write_text("我们学校的口令2026\n", encoding="utf-8")
    bad.write_text("不是这个口令啊啊\n", encoding="utf-8")
    code, out, err = run(
        capsys, "backup", "create", "--db", db, "--out", stick, "--passphrase-file", good, "--json"
    )
    made = json.loads(out)
    assert code == 0, err
    assert made["encrypted"] and made["path"].endswith(".lsbak")
    assert Path(made["path"]).parent == stick

    code, _out, err = run(
        capsys, "backup", "restore", made["path"], "--db", db, "--passphrase-file", bad
    )
    assert code == 2 and "口令不对" in err
    code, _out, err = run(capsys, "backup", "restore", made["path"], "--db", db)
    assert code == 2 and "口令" in err
    _damage(db)
    code, out, err = run(
        capsys, "backup", "restore", made["path"], "--db", db, "--passphrase-file", good
    )
    assert code == 0, err
    assert run(capsys, "children", "list", "--db", db, "--json")[1] == children


def test_bad_input_exits_2_with_a_chinese_message(tmp_path, capsys):
    db, _children, _stats = _demo(tmp_path, capsys)
    code, _out, err = run(capsys, "backup", "restore", tmp_path / "nope.sqlite", "--db", db)
    assert code == 2 and "找不到备份文件" in err
    code, _out, err = run(capsys, "backup", "create", "--db", tmp_path / "missing.sqlite")
    assert code == 2 and "找不到" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _out, err = run(
        capsys, "backup", "create", "--db", db, "--out", tmp_path, "--passphrase-file", empty
    )
    assert code == 2 and "口令文件" in err
    code, out, _ = run(capsys, "backup", "list", "--db", tmp_path / "other.sqlite", "--json")
    assert code == 0 and json.loads(out) == []
