"""The sync commands of the public command line: township init and enrollment, join, bundle
export and import (status per file, exit 0/2), conflicts, stats per school, the report."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from liushou_desktop.cli.main import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _setup(tmp_path: Path, capsys) -> tuple[Path, Path, Path]:
    town, school, card = tmp_path / "t.sqlite", tmp_path / "a.sqlite", tmp_path / "t.json"
    code, out, _ = run(
        capsys, "township", "init", "--db", town, "--name", "城关镇", "--code", "T01"
    )
    assert code == 0 and "指纹" in out
    fp = out.strip().rsplit("：", 1)[1]
    code, out, _ = run(capsys, "township", "enrollment", "--db", town, "--out", card)
    assert code == 0 and fp in out and card.exists()
    assert run(capsys, "init", "--db", school, "--school", "大山小学", "--code", "S001")[0] == 0
    assert run(capsys, "demo", "--db", school, "--children", "20")[0] == 0
    code, out, _ = run(capsys, "join", card, "--db", school)
    assert code == 0 and fp in out and "城关镇" in out
    return town, school, card


def test_a_school_joins_exports_and_the_township_imports(tmp_path, capsys):
    town, school, _card = _setup(tmp_path, capsys)
    stick = tmp_path / "stick"
    stick.mkdir()
    code, out, _ = run(capsys, "bundle", "export", "--db", school, "--out", stick, "--json")
    exported = json.loads(out)
    assert code == 0 and exported["ops"] > 0 and Path(exported["path"]).exists()
    assert Path(exported["path"]).suffix == ".lsync"

    code, out, _ = run(capsys, "bundle", "import", exported["path"], "--db", town, "--json")
    (result,) = json.loads(out)
    assert code == 0 and result["status"] == "merged" and result["applied"] == exported["ops"]
    assert set(result) >= {"file", "status", "reason", "message", "applied", "conflicts"}

    code, out, _ = run(capsys, "bundle", "import", stick, "--db", town)  # a folder; again
    assert code == 0 and "1 个重复" in out

    code, out, _ = run(capsys, "children", "list", "--db", town, "--json")
    kids = json.loads(out)
    assert len(kids) == 20 and {k["school"] for k in kids} == {"大山小学"}
    code, out, _ = run(capsys, "stats", "--db", town, "--json")
    stats = json.loads(out)
    assert stats["township"]["schools"] == 1
    (figures,) = stats["schools"]
    assert figures["code"] == "S001" and "archive_rate" in figures and "paired_rate" in figures

    code, out, _ = run(capsys, "conflicts", "list", "--db", town, "--json")
    assert code == 0 and json.loads(out) == []

    code, out, _ = run(capsys, "bundle", "export", "--db", town, "--out", stick, "--to", "S001")
    assert code == 0 and "可以安全拔出U盘" in out

    report = tmp_path / "q.xlsx"
    code, _, _ = run(
        capsys,
        "township",
        "report",
        "--db",
        town,
        "--year",
        "2026",
        "--quarter",
        "4",
        "--out",
        report,
    )
    assert code == 0
    sheet = load_workbook(report).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][:7] == ("学校", "新增", "转入", "转出", "不再留守", "等级变化", "辍学")
    assert rows[3][0] == "大山小学"


def test_refused_bundles_exit_2_with_a_reason(tmp_path, capsys):
    town, school, _card = _setup(tmp_path, capsys)
    code, out, _ = run(
        capsys, "bundle", "export", "--db", school, "--out", tmp_path / "b.lsync", "--json"
    )
    good = Path(json.loads(out)["path"])
    bad = tmp_path / "cut.lsync"
    bad.write_bytes(good.read_bytes()[:100])
    code, out, _ = run(capsys, "bundle", "import", good, bad, "--db", town, "--json")
    results = json.loads(out)
    assert code == 2
    assert [r["status"] for r in results] == ["merged", "rejected"]
    assert results[1]["reason"] == "truncated" and results[1]["message"]


def test_sync_commands_refuse_what_does_not_fit(tmp_path, capsys):
    town, school, card = _setup(tmp_path, capsys)
    code, _, err = run(capsys, "bundle", "export", "--db", town, "--out", tmp_path)
    assert code == 2 and "--to" in err and err.count("\n") == 1
    code, _, err = run(capsys, "bundle", "export", "--db", town, "--out", tmp_path, "--to", "S999")
    assert code == 2 and "S999" in err
    code, _, err = run(capsys, "township", "enrollment", "--db", school, "--out", tmp_path / "x")
    assert code == 2 and "乡镇" in err
    code, _, err = run(capsys, "join", card, "--db", town)
    assert code == 2
    other = tmp_path / "b.sqlite"
    assert run(capsys, "init", "--db", other, "--school", "小河小学", "--code", "S002")[0] == 0
    code, _, err = run(capsys, "bundle", "export", "--db", other, "--out", tmp_path)
    assert code == 2 and "加入乡镇" in err
    code, _, err = run(capsys, "bundle", "import", tmp_path / "none.lsync", "--db", town, "--json")
    assert code == 2


def test_export_to_a_missing_folder_is_refused(tmp_path, capsys):
    _town, school, _card = _setup(tmp_path, capsys)
    code, _, err = run(
        capsys, "bundle", "export", "--db", school, "--out", tmp_path / "gone" / "stick"
    )
    assert code == 2 and "找不到文件夹" in err
    code, _, err = run(capsys, "bundle", "export", "--db", school, "--out", tmp_path / "stick")
    assert code == 2 and "U盘" in err
    code, out, _ = run(
        capsys, "bundle", "export", "--db", school, "--out", tmp_path / "b.zip", "--json"
    )
    assert code == 0 and json.loads(out)["path"].endswith("b.zip.lsync")
