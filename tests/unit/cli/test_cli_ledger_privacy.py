"""`liushou ledger export --lean` and `liushou ledger stats`: a contract (README): exit 0, the
file and the JSON; 2 and one Chinese line. The lean ledger has no ID-number or phone column;
the statistics carry no child and agree with `liushou stats --json`."""

from __future__ import annotations

import json
import zipfile
from collections import Counter

import pytest
from openpyxl import load_workbook

from liushou_desktop.cli.main import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def children(capsys, db) -> list[dict]:
    code, stdout, _ = run(capsys, "children", "list", "--db", db, "--json")
    assert code == 0
    return [c for c in json.loads(stdout) if c["status"] in ("在册", "不再留守")]


def test_ledger_export_lean(tmp_path, capsys):
    db, out = tmp_path / "d.sqlite", tmp_path / "台账（外发）.xlsx"
    assert run(capsys, "demo", "--db", db, "--children", 60)[0] == 0
    kids = children(capsys, db)
    code, stdout, err = run(
        capsys, "ledger", "export", "--db", db, "--out", out, "--lean", "--json"
    )
    assert code == 0, err
    result = json.loads(stdout)
    assert result == {
        "path": str(out),
        "children": len(kids),
        "unit": result["unit"],
        "records": result["records"],
        "lean": True,
    }
    ws = load_workbook(out)["台账"]
    assert "（不含身份证号和电话）" in ws["A1"].value
    headers = {c.value for c in ws[2]} | {c.value for c in ws[3]}
    assert "身份证号" not in headers and "联系电话" not in headers and "姓名" in headers
    with zipfile.ZipFile(out) as z:
        text = "".join(z.read(n).decode() for n in z.namelist())
    numbers = {c["id_number"] for c in kids} | {c["guardian"]["phone"] for c in kids}
    numbers.discard("")
    assert numbers and not [n for n in numbers if n in text]
    assert {c["name"] for c in kids} <= {r[2] for r in ws.iter_rows(min_row=4, values_only=True)}
    code, stdout, _ = run(capsys, "ledger", "export", "--db", db, "--out", out, "--lean")
    assert code == 0 and "台账已写入" in stdout and "不含身份证号和电话" in stdout


def test_ledger_stats(tmp_path, capsys):
    db, out = tmp_path / "d.sqlite", tmp_path / "统计.xlsx"
    assert run(capsys, "demo", "--db", db, "--children", 80)[0] == 0
    kids = children(capsys, db)
    code, stdout, err = run(capsys, "ledger", "stats", "--db", db, "--out", out, "--json")
    assert code == 0, err
    result = json.loads(stdout)
    code, stdout, _ = run(capsys, "stats", "--db", db, "--json")
    figures = json.loads(stdout)
    no_longer = [c for c in kids if c["status"] == "不再留守"]
    assert result == {
        "path": str(out),
        "unit": result["unit"],
        "date": result["date"],
        "children": len(kids),
        "on_register": figures["active"],
        "no_longer_left_behind": len(no_longer),
    }
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "统计"]
    with zipfile.ZipFile(out) as z:
        text = "".join(z.read(n).decode() for n in z.namelist())
    assert not [c["name"] for c in kids if c["name"] in text]
    counted: dict[str, dict[str, int]] = {}
    for title, label, count, _ in wb["统计"].iter_rows(min_row=5, max_col=4, values_only=True):
        if title is None:
            break
        if label != "合计":
            counted.setdefault(title, {})[label] = count
    assert counted["按状态"] == {"在册": figures["active"], "不再留守": len(no_longer)}
    kinds = Counter(figures["by_left_behind_kind"]) + Counter(
        c["left_behind_kind"] for c in no_longer
    )
    assert counted["按留守类型"] == dict(kinds)
    code, stdout, _ = run(capsys, "ledger", "stats", "--db", db, "--out", out)
    assert code == 0 and "统计表已写入" in stdout and str(len(kids)) in stdout


def test_bad_input_exits_2_with_one_chinese_line(tmp_path, capsys):
    db = tmp_path / "d.sqlite"
    code, _, err = run(capsys, "ledger", "stats", "--db", db, "--out", tmp_path / "a.xlsx")
    assert code == 2 and "找不到数据库" in err and err.count("\n") == 1
    assert run(capsys, "demo", "--db", db, "--children", 5)[0] == 0
    code, _, err = run(capsys, "ledger", "stats", "--db", db, "--out", tmp_path / "a.csv")
    assert code == 2 and ".xlsx" in err and err.count("\n") == 1
    code, _, err = run(capsys, "ledger", "stats", "--db", db, "--out", tmp_path / "no" / "a.xlsx")
    assert code == 2 and "不存在" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_:  # argparse: stats has no --lean
        run(capsys, "ledger", "stats", "--db", db, "--out", tmp_path / "a.xlsx", "--lean")
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "--lean" in err and err.count("\n") == 1
    assert not list(tmp_path.glob("a.*"))
