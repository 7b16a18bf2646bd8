"""The roster importer on generated files of every messy shape the issue lists."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from liushou_desktop.domain.enums import Status
from liushou_desktop.reports.roster_files import UnreadableRoster
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.roster import RosterService
from tests.roster_shapes import (
    a1_to_xls,
    flat_rows,
    make_children,
    merged_header_rows,
    write_csv,
    write_xls,
    write_xlsx,
)

# copies of ../shared/fixtures/rosters (the schools' real shapes), kept with the tests
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"


def by_id(ctx) -> dict[str, object]:
    return {r.id_number: r for r in ArchiveService(ctx).list_children() if r.id_number}


def run(ctx, path: Path, mapping: dict[str, str | None] | None = None):
    service = RosterService(ctx)
    roster = service.open(path)
    if mapping:
        roster.mapping.update(mapping)
    return service.run(roster)


def test_title_rows_and_a_two_row_merged_header(ctx, school_id, tmp_path):
    kids = make_children(12)
    rows, merges = merged_header_rows(kids)
    path = write_xlsx(tmp_path / "r.xlsx", [("花名册", rows)], {"花名册": merges}, {"花名册": [5]})
    roster = RosterService(ctx).open(path)
    sheet = roster.sheets[0]
    assert sheet.header is not None and sheet.header.first_row == 2 and sheet.header.depth == 2
    assert roster.mapping["监护人/联系电话"] == "guardian_phone"
    assert roster.mapping["父亲/务工地点"] == "father_work"
    assert roster.mapping["母亲/姓名"] == "mother_name"
    assert roster.mapping["序号"] is None
    report = RosterService(ctx).run(roster)
    assert (report.imported, report.updated, report.rejected) == (12, 0, [])
    assert report.skipped == 3  # the blank row, 合计 and the signature line
    got = by_id(ctx)
    for k in kids:
        a = ArchiveService(ctx).get(got[k["id"]].id)
        assert a.child.name == k["name"] and a.child.birth_date == k["birth"]
        assert (a.child.grade, a.child.class_no) == (k["grade"], k["class"])
        assert a.guardian.name == k["guardian"] and a.guardian.phone == k["phone"]
        assert a.father.name == k["father"] and a.father.work_place == k["father_work"]
        assert a.mother.name == k["mother"]


def test_the_same_shape_as_legacy_xls(ctx, school_id, tmp_path):
    kids = make_children(9, seed=2)
    rows, merges = merged_header_rows(kids)
    path = write_xls(
        tmp_path / "r.xls", [("Sheet1", rows)], {"Sheet1": [a1_to_xls(m) for m in merges]}
    )
    report = run(ctx, path)
    assert (report.imported, len(report.rejected)) == (9, 0)
    got = by_id(ctx)
    first = ArchiveService(ctx).get(got[kids[0]["id"]].id)
    assert first.child.birth_date == kids[0]["birth"]  # a real Excel date in an .xls
    assert first.guardian.phone == kids[0]["phone"]


def test_a_sheet_per_grade_with_an_instructions_sheet(ctx, school_id, tmp_path):
    header = [
        "学生姓名",
        "班级",
        "公民身份号码",
        "出生年月",
        "性别",
        "监护人姓名",
        "与学生关系",
        "监护人电话",
    ]
    sheets = [("填表说明", [["1. 每个年级一个工作表；2. 身份证号请以文本格式填写"]])]
    kids = make_children(12, seed=3, grades=(3, 4))
    for grade, label in ((3, "三年级"), (4, "四年级")):
        rows = [header] + [
            [
                k["name"],
                f"{k['class']}班",
                k["id"],
                k["birth"].strftime("%Y.%m.%d"),
                k["sex"],
                k["guardian"],
                k["relation"],
                k["phone"],
            ]
            for k in kids
            if k["grade"] == grade
        ]
        sheets.append((label, rows))
    path = write_xlsx(tmp_path / "grades.xlsx", sheets)
    roster = RosterService(ctx).open(path)
    assert roster.sheets[0].header is None and "不导入" in roster.sheets[0].note
    assert [s.grade_hint for s in roster.sheets[1:]] == [3, 4]
    report = RosterService(ctx).run(roster)
    assert (report.imported, report.rejected) == (12, [])
    got = by_id(ctx)
    for k in kids:
        assert (got[k["id"]].grade, got[k["id"]].class_no) == (k["grade"], k["class"])


def test_dates_classes_ids_phones_and_names_as_schools_write_them(ctx, school_id, tmp_path):
    kids = make_children(10, seed=4)
    k = kids
    ids = [
        k[0]["id"],
        " " + k[1]["id"][:6] + " " + k[1]["id"][6:] + " ",
        k[2]["id"].translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")),
    ]
    header = ["姓名", "身份证号", "出生日期", "性别", "班级", "监护人", "监护人联系电话"]
    rows = [header]
    dates = [k[0]["birth"], int(k[1]["birth"].strftime("%Y%m%d")), k[2]["birth"].strftime("%Y年%-m月%-d日"),
             k[3]["birth"].strftime("%Y/%-m/%-d"), k[4]["birth"].strftime("%Y-%-m-%-d"),
             k[5]["birth"].strftime("%Y.%m.%d"), k[6]["birth"].strftime("%Y%m%d"),
             None, None, None]  # fmt: skip
    classes = [
        "三(2)班",
        "3.2班",
        "三年级二班",
        "三（2）班",
        "3-2",
        "三年级2班",
        "3年级2班",
        "三(2)班",
        "三(2)班",
        "三(2)班",
    ]
    phones = ["135-5684-0464", "135 5684 0465", "13556840466", "0851-1234567"] + [None] * 6
    for i, kid in enumerate(kids):
        number = ids[i] if i < 3 else kid["id"]
        if i == 9 and number.endswith("X"):
            number = number.lower()
        name = f"  {kid['name'][0]}\u3000{kid['name'][1:]} " if i % 2 else kid["name"]
        rows.append([name, number, dates[i], kid["sex"], classes[i], kid["guardian"], phones[i]])
    path = write_xlsx(tmp_path / "messy.xlsx", [("Sheet1", rows)], text_columns={"Sheet1": [2]})
    report = run(ctx, path)
    assert report.rejected == [] and report.imported == 10
    got = by_id(ctx)
    for kid in kids:
        row = got[kid["id"]]
        assert row.name == kid["name"]  # spaces and the full-width space dropped
        assert (row.grade, row.class_no) == (3, 2)
        assert ArchiveService(ctx).get(row.id).child.birth_date == kid["birth"]
    phones_got = {ArchiveService(ctx).get(got[kid["id"]].id).guardian.phone for kid in kids[:4]}
    assert phones_got == {"13556840464", "13556840465", "13556840466", "0851-1234567"}


def test_grade_and_class_in_separate_columns_and_birth_from_the_id(ctx, school_id, tmp_path):
    kids = make_children(6, seed=5)
    rows = [["儿童姓名", "年级", "班级", "身份证号", "性别", "监护人"]]
    for i, kid in enumerate(kids):
        grade = f"{'一二三四五六'[kid['grade'] - 1]}年级" if i % 2 else kid["grade"]
        klass = f"{kid['class']}班" if i % 3 else kid["class"]
        rows.append([kid["name"], grade, klass, kid["id"], None, kid["guardian"]])
    report = run(ctx, write_xlsx(tmp_path / "g.xlsx", [("S", rows)]))
    assert report.imported == 6 and report.rejected == []
    got = by_id(ctx)
    for kid in kids:
        a = ArchiveService(ctx).get(got[kid["id"]].id)
        assert (a.child.grade, a.child.class_no) == (kid["grade"], kid["class"])
        assert a.child.birth_date == kid["birth"] and a.child.sex == kid["sex"]


def test_an_id_number_excel_turned_into_a_number_is_refused_never_guessed(ctx, school_id, tmp_path):
    kids = make_children(3, seed=6)
    header, rows = flat_rows(kids)
    rows[1][4] = float(rows[1][4][:17] + "0")  # what Excel keeps of an 18-digit number
    rows[2][4] = "4.21127E+17"  # the same, saved as CSV text
    report = run(ctx, write_xlsx(tmp_path / "n.xlsx", [("花名册", [header, *rows])]))
    assert report.imported == 1
    assert [(r.sheet, r.row, r.reason) for r in report.rejected] == [
        ("花名册", 3, "id_lost_digits"),
        ("花名册", 4, "id_lost_digits"),
    ]
    assert "文本" in report.rejected[0].message
    assert set(by_id(ctx)) == {kids[0]["id"]}


def test_bad_rows_are_listed_with_sheet_row_and_reason_and_the_rest_imported(
    ctx, school_id, tmp_path
):
    kids = make_children(8, seed=7)
    header, rows = flat_rows(kids)
    rows[0][1] = ""  # no name
    rows[1][4] = rows[1][4][:-1] + ("0" if rows[1][4][-1] != "0" else "1")  # wrong check digit
    rows[2][6] = "火箭班"
    rows[3][10] = "12345"  # a phone too short
    rows[4][15] = "爸妈都在家吧"
    rows[5][3] = "2015年13月1日"
    rows.append(list(rows[6]))  # the same child twice
    blank = [None] * len(header)
    sheet = [
        ["某某小学花名册"],
        header,
        *rows[:4],
        blank,
        *rows[4:],
        ["合计", "9人"],
        ["填表人：张老师"],
    ]
    report = run(ctx, write_xlsx(tmp_path / "bad.xlsx", [("一年级", sheet)]))
    got = {(r.row, r.reason) for r in report.rejected}
    assert got == {
        (3, "missing_name"), (4, "bad_id"), (5, "bad_class"), (6, "bad_phone"),
        (8, "bad_kind"), (9, "bad_date"), (12, "duplicate"),
    }  # fmt: skip
    dup = next(r for r in report.rejected if r.reason == "duplicate")
    assert "第 10 行" in dup.message
    assert report.imported == 2 and report.skipped == 3
    assert all(r.sheet == "一年级" and r.message for r in report.rejected)


def test_csv_in_utf8_and_gbk(ctx, school_id, tmp_path):
    kids = make_children(10, seed=8)
    header, rows = flat_rows(kids)
    text_rows = [[v.isoformat() if isinstance(v, dt.date) else v for v in r] for r in rows]
    write_csv(tmp_path / "u.csv", [header, *text_rows[:5]], "utf-8-sig")
    write_csv(tmp_path / "g.csv", [header, *text_rows[5:]], "gbk")
    write_csv(tmp_path / "t.csv", [header, *text_rows[:5]], "utf-8", delimiter="\t")
    a = run(ctx, tmp_path / "u.csv")
    b = run(ctx, tmp_path / "g.csv")
    c = run(ctx, tmp_path / "t.csv")
    assert (a.imported, b.imported, c.unchanged) == (5, 5, 5)
    assert a.rejected == b.rejected == c.rejected == []
    names = {r.name for r in ArchiveService(ctx).list_children()}
    assert {k["name"] for k in kids} <= names


def test_the_two_real_rosters(ctx, school_id):
    first = run(ctx, FIXTURES / "merged_header_roster.xlsx")
    second = run(ctx, FIXTURES / "sheet_per_grade_roster.xlsx")
    assert (first.imported, first.rejected) == (40, [])
    assert (second.imported, second.rejected) == (30, [])
    rows = {r.name: r for r in ArchiveService(ctx).list_children()}
    assert (rows["钱子墨"].grade, rows["钱子墨"].class_no) == (3, 1)
    assert rows["熊雨桐"].id_number == "52212120170805113X"


def test_an_existing_child_is_updated_by_id_and_empty_cells_erase_nothing(ctx, school_id, tmp_path):
    kids = make_children(4, seed=9)
    header, rows = flat_rows(kids)
    run(ctx, write_xlsx(tmp_path / "a.xlsx", [("S", [header, *rows])]))
    child = by_id(ctx)[kids[0]["id"]]
    archive = ArchiveService(ctx).get(child.id)
    archive.child.health = "哮喘"  # something the roster does not carry
    ArchiveService(ctx).save(archive)
    rows[0][10] = "13900009999"  # new guardian phone
    rows[0][7] = None  # address left empty
    rows[1][12] = None  # father's work place left empty
    report = run(ctx, write_xlsx(tmp_path / "b.xlsx", [("S", [header, *rows])]))
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 3)
    after = ArchiveService(ctx).get(child.id)
    assert after.guardian.phone == "13900009999"
    assert after.child.address == kids[0]["address"] and after.child.health == "哮喘"
    assert len(by_id(ctx)) == 4


def test_undo_removes_added_children_and_restores_replaced_values(ctx, school_id, tmp_path):
    kids = make_children(5, seed=10)
    header, rows = flat_rows(kids)
    service = RosterService(ctx)
    first = run(ctx, write_xlsx(tmp_path / "a.xlsx", [("S", [header, *rows[:3]])]))
    rows[0][10] = "13900001111"
    second = run(ctx, write_xlsx(tmp_path / "b.xlsx", [("S", [header, *rows])]))
    assert (second.imported, second.updated) == (2, 1)
    undo = service.undo(second.import_id)
    assert (undo.removed, undo.restored) == (2, 1)
    rows_now = {r.id_number: r for r in ArchiveService(ctx).list_children(None)}
    statuses = {k["id"]: rows_now[k["id"]].status for k in kids if k["id"] in rows_now}
    assert [statuses.get(k["id"]) for k in kids[3:]] in ([Status.DELETED] * 2, [None, None])
    assert ArchiveService(ctx).get(by_id(ctx)[kids[0]["id"]].id).guardian.phone == kids[0]["phone"]
    with pytest.raises(Exception, match="撤销过"):
        service.undo(second.import_id)
    history = service.imports()
    assert [h.id for h in history] == [second.import_id, first.import_id]
    assert history[0].undone_at is not None and history[1].undone_at is None


def test_undo_keeps_what_was_changed_since(ctx, school_id, tmp_path):
    kids = make_children(2, seed=11)
    header, rows = flat_rows(kids)
    report = run(ctx, write_xlsx(tmp_path / "a.xlsx", [("S", [header, *rows])]))
    child_id = by_id(ctx)[kids[0]["id"]].id
    from liushou_desktop.domain.archive import Assessment

    ArchiveService(ctx).add_assessment(child_id, Assessment(ctx.today(), 3, 4, "较好", "张老师"))
    undo = RosterService(ctx).undo(report.import_id)
    assert undo.removed == 1 and len(undo.kept) == 1 and kids[0]["name"] in undo.kept[0]
    assert ArchiveService(ctx).get(child_id).child.status == Status.ENROLLED


def test_the_mapping_the_user_chose_is_remembered(ctx, school_id, tmp_path):
    kids = make_children(3, seed=12)
    rows = [["姓名", "身份证号", "班级", "住址", "监护人", "紧急联系人电话"]]
    rows += [[k["name"], k["id"], "三(1)班", k["address"], k["guardian"], k["phone"]] for k in kids]
    path = write_xlsx(tmp_path / "m.xlsx", [("S", rows)])
    roster = RosterService(ctx).open(path)
    assert roster.mapping["紧急联系人电话"] is None
    roster.mapping["紧急联系人电话"] = "guardian_phone"
    roster.mapping["住址"] = None  # the user does not want the addresses
    RosterService(ctx).run(roster)
    again = RosterService(ctx).open(path)
    assert again.mapping["紧急联系人电话"] == "guardian_phone" and again.mapping["住址"] is None
    a = ArchiveService(ctx).get(by_id(ctx)[kids[0]["id"]].id)
    assert a.guardian.phone == kids[0]["phone"] and a.child.address == ""


def test_unreadable_files_say_what_to_do(ctx, school_id, tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "y.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    (tmp_path / "e.csv").write_bytes(b"")
    (tmp_path / "n.xlsx").write_bytes(b"")
    write_xlsx(tmp_path / "nothing.xlsx", [("S", [["这不是花名册"], [1, 2, 3]])])
    for name in ("x.xlsx", "y.xls", "e.csv", "nothing.xlsx", "missing.xlsx"):
        with pytest.raises(UnreadableRoster) as err:
            RosterService(ctx).open(tmp_path / name)
        assert err.value.message and "Traceback" not in err.value.message


def test_the_template_has_drop_downs_and_imports_cleanly(ctx, school_id, tmp_path):
    path = tmp_path / "模板.xlsx"
    RosterService(ctx).write_template(path)
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["填表说明", "花名册"]
    ws = wb["花名册"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["姓名", "性别", "出生日期", "身份证号"]
    validated = {str(dv.sqref).split(":")[0][0] for dv in ws.data_validations.dataValidation}
    letters = {chr(65 + header.index(h)) for h in ("性别", "年级", "留守类型", "与儿童关系")}
    assert letters <= validated
    assert ws.cell(row=3, column=header.index("身份证号") + 1).number_format == "@"
    assert ws.max_row == 1 or not any(c.value for c in ws[2])  # the example is not a child
    assert run(ctx, path).imported == 0
    example = list(list(wb["填表说明"].iter_rows(values_only=True))[-1])
    ws.append(example)  # a teacher fills in one row like the example
    wb.save(path)
    report = run(ctx, path)
    assert report.imported == 1 and report.rejected == []


def test_the_problem_report_reads_back(ctx, school_id, tmp_path):
    kids = make_children(3, seed=13)
    header, rows = flat_rows(kids)
    rows[1][1] = None
    report = run(ctx, write_xlsx(tmp_path / "p.xlsx", [("S", [header, *rows])]))
    out = tmp_path / "问题.xlsx"
    RosterService.write_problems(report, out)
    ws = load_workbook(out).active
    lines = list(ws.iter_rows(min_row=3, values_only=True))
    assert lines[0][:3] == ("S", 3, "没有姓名") and kids[1]["id"] in lines[0]


def test_a_cancelled_import_writes_nothing(ctx, school_id, tmp_path):
    from liushou_desktop.services.roster import ImportCancelled

    header, rows = flat_rows(make_children(30, seed=14))
    path = write_xlsx(tmp_path / "c.xlsx", [("S", [header, *rows])])
    service = RosterService(ctx)
    with pytest.raises(ImportCancelled):
        service.run(service.open(path), cancelled=lambda: True)
    assert ArchiveService(ctx).list_children() == [] and service.imports() == []


def test_the_json_report_has_the_documented_keys(ctx, school_id, tmp_path):
    header, rows = flat_rows(make_children(2, seed=15))
    rows[0][1] = None
    report = run(ctx, write_xlsx(tmp_path / "j.xlsx", [("S", [header, *rows])]))
    data = json.loads(json.dumps(report.as_json(), ensure_ascii=False))
    assert {"imported", "updated", "unchanged", "rejected"} <= set(data)
    assert data["rejected"] == [
        {"sheet": "S", "row": 2, "reason": "missing_name", "message": "没有姓名"}
    ]


def test_importing_again_after_an_undo_brings_the_children_back(ctx, school_id, tmp_path):
    kids = make_children(3, seed=16)
    header, rows = flat_rows(kids)
    path = write_xlsx(tmp_path / "a.xlsx", [("S", [header, *rows])])
    first = run(ctx, path)
    RosterService(ctx).undo(first.import_id)
    again = run(ctx, path)
    assert (again.imported, again.updated, again.rejected) == (0, 3, [])
    statuses = {r.status for r in ArchiveService(ctx).list_children(None)}
    assert statuses == {Status.ENROLLED}
    assert len(ArchiveService(ctx).list_children(None)) == 3


def test_a_name_column_twice_on_a_sheet_is_not_silently_merged(ctx, school_id, tmp_path):
    kids = make_children(2, seed=17)
    rows = [["姓名", "身份证号", "班级", "姓名", "电话"]]
    rows += [[k["name"], k["id"], "二(1)班", k["guardian"], k["phone"]] for k in kids]
    path = write_xlsx(tmp_path / "d.xlsx", [("S", rows)])
    roster = RosterService(ctx).open(path)
    assert roster.mapping["姓名"] == "name" and roster.mapping["姓名（第2个）"] is None
    roster.mapping["姓名（第2个）"] = "guardian_name"
    RosterService(ctx).run(roster)
    a = ArchiveService(ctx).get(by_id(ctx)[kids[0]["id"]].id)
    assert a.child.name == kids[0]["name"] and a.guardian.name == kids[0]["guardian"]
    assert RosterService(ctx).open(path).mapping["姓名（第2个）"] == "guardian_name"


def test_a_wrong_mapping_is_caught_shown_and_forgotten_on_undo(ctx, school_id, tmp_path):
    kids = make_children(3, seed=18)
    header, rows = flat_rows(kids)
    path = write_xlsx(tmp_path / "a.xlsx", [("S", [header, *rows])])
    run(ctx, path)
    rows[0][10] = "13900002222"
    path = write_xlsx(tmp_path / "b.xlsx", [("S", [header, *rows])])
    service = RosterService(ctx)
    roster = service.open(path)
    preview = service.preview(roster)
    assert [(u.row, u.name) for u in preview.updates] == [(2, kids[0]["name"])]
    assert any("监护人联系电话" in c and "13900002222" in c for c in preview.updates[0].changes)
    roster.mapping["姓名"], roster.mapping["性别"] = None, "name"  # 性别 → 姓名 by mistake
    report = service.run(roster)
    assert {r.reason for r in report.rejected} == {"bad_name"} and report.updated == 0
    roster.mapping["姓名"], roster.mapping["性别"] = "name", None
    roster.mapping["家庭住址"] = None
    report = service.run(roster)
    assert report.updated == 1
    assert service.open(path).mapping["家庭住址"] is None
    service.undo(report.import_id)
    assert service.open(path).mapping["家庭住址"] == "address"  # the choice went with the undo
    service.forget_mapping(["家庭住址"])
    assert service.open(path, remembered=False).mapping["家庭住址"] == "address"


def test_a_title_typed_in_a1_is_not_part_of_the_header(ctx, school_id, tmp_path):
    kids = make_children(2, seed=19)
    header, rows = flat_rows(kids)
    path = write_xlsx(tmp_path / "t.xlsx", [("S", [["2026年秋季学期留守儿童名单"], header, *rows])])
    roster = RosterService(ctx).open(path)
    assert roster.sheets[0].header.first_row == 1 and roster.sheets[0].header.depth == 1
    assert "姓名" in roster.mapping and roster.mapping["姓名"] == "name"


def test_grades_the_school_does_not_have_or_the_sheet_contradicts(ctx, school_id, tmp_path):
    kids = make_children(3, seed=20, grades=(3,))
    rows = [["姓名", "班级", "身份证号", "监护人", "与儿童关系"]]
    rows += [
        [k["name"], c, k["id"], k["guardian"], "奶奶"]
        for k, c in zip(kids, ("七(9)班", "四(1)班", "2班"), strict=True)
    ]
    report = run(ctx, write_xlsx(tmp_path / "g.xlsx", [("三年级", rows)]))
    assert [(r.row, r.reason) for r in report.rejected] == [(2, "bad_class"), (3, "bad_class")]
    assert "工作表" in report.rejected[1].message
    assert report.imported == 1


def test_what_the_file_does_not_say_is_not_invented(ctx, school_id, tmp_path):
    kid = make_children(1, seed=21)[0]
    rows = [
        ["姓名", "身份证号", "班级", "监护人"],
        [kid["name"], kid["id"], "三(1)班", kid["guardian"]],
    ]
    report = run(ctx, write_xlsx(tmp_path / "n.xlsx", [("S", rows)]))
    assert report.imported == 1 and "关系" in report.warnings[0].message
    a = ArchiveService(ctx).get(by_id(ctx)[kid["id"]].id)
    assert a.guardian.relation == "其他" and a.child.ethnicity == "" and a.child.health == ""
