"""`liushou roster import|template|undo`: the contract in README (JSON report, exit 0/1/2)."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from liushou_desktop.cli.main import main
from tests.roster_shapes import flat_rows, make_children, write_csv, write_xlsx


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def school(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert run(capsys, "init", "--db", db, "--school", "红山小学", "--code", "101")[0] == 0
    return db


def test_exit_0_when_every_row_is_imported(tmp_path, capsys):
    db = school(tmp_path, capsys)
    header, rows = flat_rows(make_children(5))
    path = write_xlsx(tmp_path / "r.xlsx", [("S", [header, *rows])])
    code, out, err = run(capsys, "roster", "import", path, "--db", db, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["imported"], report["updated"], report["unchanged"]) == (5, 0, 0)
    assert report["rejected"] == []
    code, out, _ = run(capsys, "roster", "import", path, "--db", db, "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 5
    code, out, _ = run(capsys, "children", "list", "--db", db, "--json")
    assert len(json.loads(out)) == 5


def test_exit_1_when_some_rows_are_rejected_and_the_rest_imported(tmp_path, capsys):
    db = school(tmp_path, capsys)
    header, rows = flat_rows(make_children(4))
    rows[2][4] = 4.21127201808158e17
    path = write_xlsx(tmp_path / "r.xlsx", [("一年级", [["标题"], header, *rows])])
    problems = tmp_path / "问题.xlsx"
    code, out, _ = run(
        capsys, "roster", "import", path, "--db", db, "--json", "--problems", problems
    )
    assert code == 1
    report = json.loads(out)
    assert report["imported"] == 3
    assert [{k: r[k] for k in ("sheet", "row", "reason")} for r in report["rejected"]] == [
        {"sheet": "一年级", "row": 5, "reason": "id_lost_digits"}
    ]
    assert "丢失" in report["rejected"][0]["message"]
    assert load_workbook(problems).active.cell(row=3, column=2).value == 5
    code, out, _ = run(capsys, "roster", "import", path, "--db", db)
    assert code == 1 and "第5行" in out and "无变化 3 名" in out


def test_exit_2_when_the_file_cannot_be_read(tmp_path, capsys):
    db = school(tmp_path, capsys)
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04garbage")
    for path in (tmp_path / "bad.xlsx", tmp_path / "missing.csv"):
        code, out, err = run(capsys, "roster", "import", path, "--db", db, "--json")
        assert code == 2 and out == "" and err.count("\n") == 1 and "liushou:" in err
    code, out, _ = run(capsys, "children", "list", "--db", db, "--json")
    assert json.loads(out) == []


def test_gbk_csv_from_the_command_line(tmp_path, capsys):
    db = school(tmp_path, capsys)
    header, rows = flat_rows(make_children(3, seed=5))
    path = write_csv(tmp_path / "r.csv", [header, *rows], "gbk")
    code, out, err = run(capsys, "roster", "import", path, "--db", db, "--json")
    assert code == 0, err
    assert json.loads(out)["imported"] == 3


def test_template_and_undo(tmp_path, capsys):
    db = school(tmp_path, capsys)
    template = tmp_path / "模板.xlsx"
    code, out, _ = run(capsys, "roster", "template", "--out", template)
    assert code == 0 and template.exists()
    from openpyxl import load_workbook as load

    wb = load(template)
    wb["花名册"].append([c.value for c in list(wb["填表说明"].iter_rows())[-1]])
    wb.save(template)
    code, out, _ = run(capsys, "roster", "import", template, "--db", db, "--json")
    import_id = json.loads(out)["import_id"]
    assert code == 0 and import_id
    code, out, _ = run(capsys, "roster", "undo", import_id, "--db", db)
    assert code == 0 and "1 名新增的儿童已删除" in out
    code, _, err = run(capsys, "roster", "undo", import_id, "--db", db)
    assert code == 2 and "撤销过" in err
    code, out, _ = run(capsys, "children", "list", "--db", db, "--json")
    assert [c["status"] for c in json.loads(out)] in ([], ["已删除"])


def test_a_problem_list_that_cannot_be_saved_does_not_hide_the_import(tmp_path, capsys):
    db = school(tmp_path, capsys)
    header, rows = flat_rows(make_children(3, seed=6))
    rows[0][1] = None
    path = write_xlsx(tmp_path / "r.xlsx", [("S", [header, *rows])])
    code, _, err = run(
        capsys, "roster", "import", path, "--db", db, "--problems", tmp_path / "p.csv"
    )
    assert code == 2 and ".xlsx" in err  # refused before anything is written
    blocked = tmp_path / "file"
    blocked.write_text("x")
    code, out, err = run(
        capsys, "roster", "import", path, "--db", db, "--problems", blocked / "p.xlsx", "--json"
    )
    assert code == 1 and json.loads(out)["imported"] == 2 and json.loads(out)["import_id"]
    assert "问题清单没有保存" in err
