"""`liushou ledger export`: a contract (README): exit 0 and the file; 2 and one Chinese line."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from liushou_desktop.cli.main import main
from liushou_desktop.services.sync import init_township


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_writes_the_workbook_and_reports_json(tmp_path, capsys):
    db, out = tmp_path / "d.sqlite", tmp_path / "台账.xlsx"
    assert run(capsys, "demo", "--db", db, "--children", 40)[0] == 0
    code, stdout, _ = run(capsys, "children", "list", "--db", db, "--json")
    at_school = [c for c in json.loads(stdout) if c["status"] in ("在册", "不再留守")]
    code, stdout, err = run(capsys, "ledger", "export", "--db", db, "--out", out, "--json")
    assert code == 0, err
    result = json.loads(stdout)
    assert result == {
        "path": str(out),
        "children": len(at_school),
        "unit": result["unit"],
        "records": result["records"],
        "lean": False,
    }
    code, stdout, _ = run(capsys, "records", "list", "--db", db, "--json")
    assert 0 < result["records"] <= len(json.loads(stdout))  # this school year's
    wb = load_workbook(out)
    assert wb.sheetnames == ["台账", "汇总", "统计", "记录"]
    assert wb["记录"].max_row == 2 + result["records"]
    names = {line[2] for line in wb["台账"].iter_rows(min_row=4, values_only=True)}
    assert names == {c["name"] for c in at_school}
    code, stdout, _ = run(capsys, "ledger", "export", "--db", db, "--out", out)
    assert code == 0 and "台账已写入" in stdout and str(len(at_school)) in stdout


def test_bad_input_exits_2_with_one_chinese_line(tmp_path, capsys):
    db = tmp_path / "d.sqlite"
    code, _, err = run(capsys, "ledger", "export", "--db", db, "--out", tmp_path / "a.xlsx")
    assert code == 2 and "找不到数据库" in err and err.count("\n") == 1
    assert run(capsys, "demo", "--db", db, "--children", 5)[0] == 0
    code, _, err = run(capsys, "ledger", "export", "--db", db, "--out", tmp_path / "a.csv")
    assert code == 2 and ".xlsx" in err and err.count("\n") == 1
    code, _, err = run(capsys, "ledger", "export", "--db", db, "--out", tmp_path / "no" / "a.xlsx")
    assert code == 2 and "不存在" in err and err.count("\n") == 1
    assert not (tmp_path / "a.csv").exists()


def test_a_township_exports_every_school(tmp_path, capsys):
    ctx = init_township(tmp_path / "t.sqlite", "城关镇", "T01")
    ctx.db.close()
    out = tmp_path / "t.xlsx"
    code, stdout, err = run(
        capsys, "ledger", "export", "--db", tmp_path / "t.sqlite", "--out", out, "--json"
    )
    assert code == 0, err
    assert json.loads(stdout)["unit"] == "城关镇" and json.loads(stdout)["children"] == 0
    assert "城关镇" in load_workbook(out)["台账"]["A1"].value
