"""`liushou print ledger` and `liushou print pairings`: a contract (README): exit 0, one line
saying what was written and the PDF; 2 and one Chinese line on bad input, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liushou_desktop.cli.main import main
from liushou_desktop.services.sync import init_township
from tests.unit.reports.test_table_pdf import needs_pdftotext, page_count, pages_text


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, list[dict]]:
    db = tmp_path / "d.sqlite"
    assert run(capsys, "demo", "--db", db, "--children", 60)[0] == 0
    _code, stdout, _err = run(capsys, "children", "list", "--db", db, "--json")
    at_school = [c for c in json.loads(stdout) if c["status"] in ("在册", "不再留守")]
    return db, at_school


@needs_pdftotext
def test_print_ledger_every_child_at_school(demo, tmp_path, capsys):
    db, at_school = demo
    out = tmp_path / "台账.pdf"
    code, stdout, err = run(capsys, "print", "ledger", "--db", db, "--out", out)
    assert code == 0, err
    assert stdout.startswith(f"已生成台账（{len(at_school)} 名儿童，") and str(out) in stdout
    texts = pages_text(out)
    assert len(texts) == page_count(out.read_bytes()) > 1
    assert f"{len(texts)} 页" in stdout
    assert all("序号" in t and "监护类型" in t for t in texts)  # the header on every page
    assert "第1页/共" in texts[0] and f"第{len(texts)}页/共{len(texts)}页" in texts[-1]
    everything = "".join(texts)
    assert all(c["name"] in everything for c in at_school)


@needs_pdftotext
def test_print_ledger_of_a_class_and_of_a_child(demo, tmp_path, capsys):
    db, at_school = demo
    child = at_school[0]
    out = tmp_path / "班.pdf"
    klass = f"{child['grade']}-{child['class_no']}"
    code, stdout, err = run(capsys, "print", "ledger", "--db", db, "--out", out, "--class", klass)
    assert code == 0, err
    in_class = [c for c in at_school if c["class"] == child["class"]]
    assert f"（{len(in_class)} 名儿童" in stdout
    text = "".join(pages_text(out))
    assert child["class"] in text and all(c["name"] in text for c in in_class)
    others = [c for c in at_school if c["class"] != child["class"]]
    code, stdout, err = run(
        capsys, "print", "ledger", "--db", db, "--out", out, "--child", others[0]["id"]
    )
    assert code == 0, err
    assert "（1 名儿童，1 页）" in stdout and others[0]["name"] in "".join(pages_text(out))


@needs_pdftotext
def test_print_pairings(demo, tmp_path, capsys):
    db, _at_school = demo
    out = tmp_path / "结对.pdf"
    code, stdout, err = run(capsys, "print", "pairings", "--db", db, "--out", out)
    assert code == 0, err
    assert stdout.startswith("已生成结对帮扶名单（") and "对结对" in stdout
    texts = pages_text(out)
    assert texts and all("留守儿童结对帮扶名单" in t and "帮扶角色" in t for t in texts)
    code, stdout, err = run(capsys, "print", "pairings", "--db", db, "--out", out, "--class", "1-1")
    assert code == 0, err
    assert "一年级(1)班" in "".join(pages_text(out))


def test_bad_input_exits_2_with_one_chinese_line(demo, tmp_path, capsys):
    db, _at_school = demo
    cases = [
        (("ledger", "--out", tmp_path / "a.xlsx"), ".pdf"),
        (("ledger", "--out", tmp_path / "a.pdf", "--child", "nobody"), "找不到"),
        (("ledger", "--out", tmp_path / "a.pdf", "--class", "9-9"), "没有要打印的儿童"),
        (("pairings", "--out", tmp_path / "a.pdf", "--class", "9-9"), "没有要打印的儿童"),
    ]
    for args, expected in cases:
        action, *rest = args
        code, _out, err = run(capsys, "print", action, "--db", db, *rest)
        assert code == 2 and expected in err and err.count("\n") == 1, (args, err)
    code, _out, err = run(
        capsys, "print", "ledger", "--db", tmp_path / "none.sqlite", "--out", tmp_path / "a.pdf"
    )
    assert code == 2 and "找不到数据库" in err
    with pytest.raises(SystemExit) as exit_:
        main(["print", "pairings", "--db", str(db), "--out", "a.pdf", "--class", "x"])
    assert exit_.value.code == 2 and "3-2" in capsys.readouterr().err
    assert not list(tmp_path.glob("a.*"))


@needs_pdftotext
def test_a_township_prints_every_school(tmp_path, capsys):
    ctx = init_township(tmp_path / "t.sqlite", "城关镇", "T01")
    ctx.db.close()
    out = tmp_path / "t.pdf"
    code, stdout, err = run(capsys, "print", "ledger", "--db", tmp_path / "t.sqlite", "--out", out)
    assert code == 0, err
    assert "（0 名儿童，1 页）" in stdout
    text = pages_text(out)[0]
    assert "序号学校班级" in text and "城关镇" in text
    code, stdout, err = run(
        capsys, "print", "pairings", "--db", tmp_path / "t.sqlite", "--out", out
    )
    assert code == 0, err
    assert "序号学校" in pages_text(out)[0]
