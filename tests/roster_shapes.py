"""Roster files in every shape the schools send, generated for the importer's tests and bench.

Each writer takes the same kind of rows (a list of dicts of Chinese column name → cell value)
and lays them out as a real roster would be: title rows, a two-row merged header, one sheet per
grade with an instructions sheet, legacy .xls, CSV in UTF-8 or GBK.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from liushou_desktop.domain.enums import Sex
from liushou_desktop.domain.idcard import make_id_number

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "子涵欣怡梓轩浩宇雨泽诗琪可馨一诺思远佳怡嘉豪俊杰若汐晨曦宇航梦瑶紫萱海燕春燕秀英建国志强丽娟桂兰"
REGIONS = ("421127", "511322", "430522", "450923", "341222", "522121", "360722")
PLACES = ("广东省深圳市", "浙江省宁波市", "福建省晋江市", "上海市", "江苏省苏州市", "北京市", "")
RELATIONS = ("祖父", "祖母", "外祖父", "外祖母", "叔叔", "姑姑", "舅舅")


def make_children(
    n: int, seed: int = 1, grades: Sequence[int] = (1, 2, 3, 4, 5, 6)
) -> list[dict[str, Any]]:
    """``n`` children as plain values: name, sex, birth, id, grade, class, guardian, parents."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for i in range(n):
        grade = grades[i % len(grades)]
        birth = dt.date(2026 - 6 - grade, 1 + rng.randrange(12), 1 + rng.randrange(28))
        sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
        surname = SURNAMES[rng.randrange(len(SURNAMES))]
        given = "".join(GIVEN[rng.randrange(len(GIVEN))] for _ in range(1 + rng.randrange(2)))
        out.append(
            {
                "name": surname + given,
                "sex": sex.value,
                "birth": birth,
                "id": make_id_number(REGIONS[i % len(REGIONS)], birth, i, sex),
                "grade": grade,
                "class": 1 + rng.randrange(3),
                "guardian": SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(20)],
                "relation": RELATIONS[rng.randrange(len(RELATIONS))],
                "phone": f"13{rng.randrange(10**9):09d}",
                "father": surname + GIVEN[rng.randrange(len(GIVEN))],
                "father_work": PLACES[rng.randrange(len(PLACES))],
                "mother": SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(20)],
                "mother_work": PLACES[rng.randrange(len(PLACES))],
                "kind": "父母双方外出",
                "address": f"红山村{1 + rng.randrange(12)}组",
            }
        )
    return out


CN = "一二三四五六七八九"


def flat_rows(children: Sequence[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """A one-row header with our own column names and one row per child."""
    header = [
        "序号", "姓名", "性别", "出生日期", "身份证号", "年级", "班级", "家庭住址", "监护人姓名",
        "与儿童关系", "监护人电话", "父亲姓名", "父亲务工地", "母亲姓名", "母亲务工地", "留守类型",
    ]  # fmt: skip
    rows = [
        [
            i + 1,
            c["name"],
            c["sex"],
            c["birth"],
            c["id"],
            f"{CN[c['grade'] - 1]}年级",
            f"{c['class']}班",
            c["address"],
            c["guardian"],
            c["relation"],
            c["phone"],
            c["father"],
            c["father_work"],
            c["mother"],
            c["mother_work"],
            c["kind"],
        ]
        for i, c in enumerate(children)
    ]
    return header, rows


def write_xlsx(
    path: Path,
    sheets: Sequence[tuple[str, Sequence[Sequence[Any]]]],
    merges: dict[str, list[str]] | None = None,
    text_columns: dict[str, Sequence[int]] | None = None,
) -> Path:
    """Sheets of rows as .xlsx; ``merges`` per sheet as A1 ranges; ``text_columns`` (1-based)
    formatted as text, as a careful school does for ID numbers."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
        for col in (text_columns or {}).get(name, []):
            for (cell,) in ws.iter_rows(min_col=col, max_col=col):
                cell.number_format = "@"
    wb.save(path)
    return path


def write_xls(
    path: Path,
    sheets: Sequence[tuple[str, Sequence[Sequence[Any]]]],
    merges: dict[str, list[tuple[int, int, int, int]]] | None = None,
) -> Path:
    """Legacy .xls (BIFF8), as WPS and old Excel save; merges as 0-based (r0, r1, c0, c1)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for name, rows in sheets:
        ws = book.add_sheet(name)
        merged = (merges or {}).get(name, [])
        covered = {
            (r, c)
            for r0, r1, c0, c1 in merged
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)
        }
        for r0, r1, c0, c1 in merged:
            value = rows[r0][c0] if c0 < len(rows[r0]) else None
            ws.write_merge(r0, r1, c0, c1, value)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (r, c) in covered or any((r, c) == (m[0], m[2]) for m in merged):
                    continue
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    ws.write(r, c, dt.datetime(value.year, value.month, value.day), date_style)
                else:
                    ws.write(r, c, value)
    book.save(str(path))
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8-sig", delimiter: str = ","
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(
            ["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in row]
        )
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def merged_header_rows(
    children: Sequence[dict[str, Any]], *, title: bool = True
) -> tuple[list[list[Any]], list[str]]:
    """The township form: a title, a 填报单位 line, a two-row header with merged group cells
    (监护人 → 姓名/关系/联系电话, 父亲 → 姓名/务工地点, 母亲 → 姓名/务工地点), the children,
    a 合计 row and a signature line. Returns rows and the merged A1 ranges."""
    rows: list[list[Any]] = []
    merges: list[str] = []
    if title:
        rows.append(["红山镇中心小学留守儿童花名册"] + [None] * 15)
        rows.append(
            ["填报单位：红山镇中心小学（盖章）"]
            + [None] * 10
            + ["填报日期：2026年9月10日"]
            + [None] * 4
        )
        merges.append("A1:P1")
    top = len(rows) + 1
    rows.append(
        [
            "序号",
            "学生姓名",
            "性别",
            "出生年月",
            "身份证号码",
            "年级",
            "班级",
            "家庭住址",
            "监护人",
            None,
            None,
            "父亲",
            None,
            "母亲",
            None,
            "留守类型",
        ]
    )
    rows.append(
        [None] * 8 + ["姓名", "关系", "联系电话", "姓名", "务工地点", "姓名", "务工地点", None]
    )
    for col in "ABCDEFGHP":
        merges.append(f"{col}{top}:{col}{top + 1}")
    merges += [f"I{top}:K{top}", f"L{top}:M{top}", f"N{top}:O{top}"]
    for i, c in enumerate(children):
        rows.append(
            [
                i + 1,
                c["name"],
                c["sex"],
                c["birth"],
                c["id"],
                f"{CN[c['grade'] - 1]}年级",
                f"{c['class']}班",
                c["address"],
                c["guardian"],
                c["relation"],
                c["phone"],
                c["father"],
                c["father_work"],
                c["mother"],
                c["mother_work"],
                c["kind"],
            ]
        )
    rows.append([None] * 16)
    rows.append(["合计", f"{len(children)}人"] + [None] * 14)
    rows.append(["制表人：", None, None, "审核人：", None, None, "校长签字："] + [None] * 9)
    return rows, merges


def a1_to_xls(ref: str) -> tuple[int, int, int, int]:
    """ "I3:K3" → (2, 2, 8, 10) as xlwt's write_merge wants (r0, r1, c0, c1)."""
    from openpyxl.utils.cell import range_boundaries

    c0, r0, c1, r1 = range_boundaries(ref)
    return r0 - 1, r1 - 1, c0 - 1, c1 - 1
