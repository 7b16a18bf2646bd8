"""The children table model: ids plus a row cache, filtered and sorted in Python."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from liushou_desktop.domain.enums import RiskLevel, RiskType, Sex
from liushou_desktop.domain.idcard import make_id_number
from liushou_desktop.domain.listing import ChildFilter, ChildRow, matches
from liushou_desktop.domain.pinyin import search_key
from liushou_desktop.gui.models.children_model import (
    HIGH_RISK_ROLE,
    ID_ROLE,
    ChildrenModel,
    Column,
    narrows,
)

TODAY = dt.date(2026, 11, 22)
_serial = 0


def make_row(name: str, **kw: object) -> ChildRow:
    global _serial
    _serial += 1
    birth = kw.pop("birth_date", dt.date(2016, 3, 8))
    sex = kw.pop("sex", Sex.MALE.value)
    assert isinstance(birth, dt.date)
    values: dict[str, object] = {
        "id": f"child-{_serial:05d}",
        "school_id": "school-1",
        "school_name": "大山小学",
        "name": name,
        "name_pinyin": search_key(name),
        "sex": sex,
        "birth_date": birth,
        "id_number": make_id_number("522401", birth, _serial, Sex(sex)),
        "grade": 4,
        "class_no": 2,
        "student_no": f"2021{_serial:03d}",
        "status": "在册",
        "left_behind_kind": "父母均外出",
        "categories": ("留守",),
        "boarding": False,
        "guardian_name": "张大山",
        "guardian_relation": "祖父母",
        "guardian_phone": "13912345678",
        "father_name": "张建国",
        "father_work_place": "广东东莞",
        "father_phone": "",
        "mother_name": "李秀英",
        "mother_work_place": "浙江宁波",
        "mother_phone": "",
        "risk_type": None,
        "risk_level": None,
        "guardian_assessment": None,
    }
    values.update(kw)
    return ChildRow(**values)  # type: ignore[arg-type]


@pytest.fixture
def rows() -> list[ChildRow]:
    return [
        make_row("张三", grade=4, class_no=2, risk_type=3, risk_level=4),
        make_row("李四", sex="女", grade=3, class_no=1, risk_type=1, risk_level=1),
        make_row("王小明", grade=5, class_no=1, left_behind_kind="父亲外出"),
        make_row(
            "赵丽",
            sex="女",
            grade=1,
            class_no=3,
            risk_type=2,
            risk_level=2,
            categories=("留守", "单亲"),
        ),
        make_row("钱多多", grade=6, class_no=2, status="毕业", birth_date=dt.date(2012, 1, 5)),
        make_row(
            "孙悟",
            grade=4,
            class_no=1,
            risk_type=3,
            risk_level=3,
            guardian_name="",
            guardian_relation="无",
        ),
    ]


@pytest.fixture
def model(qapp: object, rows: list[ChildRow]) -> ChildrenModel:
    m = ChildrenModel(today=lambda: TODAY)
    m.set_rows(rows)
    return m


def names(model: ChildrenModel) -> list[str]:
    return [model.child_row(r).name for r in range(model.rowCount())]


def test_model_passes_the_qt_model_tester_through_every_change(qtmodeltester, rows):
    model = ChildrenModel(today=lambda: TODAY)
    qtmodeltester.check(model)  # stays attached and checks every signal below
    model.set_rows(rows)
    model.set_filter(ChildFilter(status="在册"))
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    model.upsert_rows([replace(rows[0], name="张三丰"), make_row("周新")])
    model.remove_ids([rows[1].id])
    model.set_filter(ChildFilter(text="zs"))
    model.set_rows([])
    qtmodeltester.check(model)


def test_default_order_puts_level_one_and_two_first(model):
    assert names(model)[:2] == ["李四", "赵丽"]
    assert names(model)[-1] in ("王小明", "钱多多")  # unassessed last


def test_display_values(model):
    at = names(model).index("张三")

    def cell(col: Column) -> str:
        return model.data(model.index(at, col))

    assert cell(Column.AGE) == "10"
    assert cell(Column.CLASS) == "四年级(2)班"
    assert cell(Column.GUARDIAN) == "张大山（祖父母）"
    assert cell(Column.RISK_LEVEL) == RiskLevel(4).label
    assert cell(Column.RISK_TYPE) == RiskType(3).label
    assert cell(Column.FATHER_WORK) == "广东东莞"
    assert model.data(model.index(at, Column.NAME), ID_ROLE) == model.child_id(at)
    unassessed = names(model).index("王小明")
    assert model.data(model.index(unassessed, Column.RISK_LEVEL)) not in ("", None)
    assert model.data(model.index(unassessed, Column.RISK_TYPE)) == ""
    nobody = names(model).index("孙悟")
    assert model.data(model.index(nobody, Column.GUARDIAN)) == "无"
    assert model.headerData(Column.NAME, Qt.Orientation.Horizontal) not in ("", None)


def test_high_risk_rows_stand_out(model):
    severe = names(model).index("李四")
    low = names(model).index("张三")
    assert model.data(model.index(severe, Column.NAME), HIGH_RISK_ROLE) is True
    assert model.data(model.index(low, Column.NAME), HIGH_RISK_ROLE) is False
    font = model.data(model.index(severe, Column.NAME), Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert model.data(model.index(low, Column.NAME), Qt.ItemDataRole.FontRole) is None
    back = model.data(model.index(severe, Column.RISK_LEVEL), Qt.ItemDataRole.BackgroundRole)
    assert back is not None
    assert model.data(model.index(low, Column.RISK_LEVEL), Qt.ItemDataRole.BackgroundRole) is None
    serious = names(model).index("赵丽")
    other = model.data(model.index(serious, Column.RISK_LEVEL), Qt.ItemDataRole.BackgroundRole)
    assert other is not None and other.color() != back.color()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张", ["张三"]),
        ("zs", ["张三"]),
        ("wxm", ["王小明"]),
        ("wangxiao", ["王小明"]),
        ("四年级(1)", ["孙悟"]),
        ("三年级", ["李四"]),
        ("", None),
    ],
)
def test_filter_by_text(model, rows, text, expected):
    model.set_filter(ChildFilter(text=text))
    if expected is None:
        assert model.rowCount() == len(rows)
    else:
        assert sorted(names(model)) == sorted(expected)


def test_filter_by_id_number_digits(model, rows):
    target = rows[2]
    model.set_filter(ChildFilter(text=target.id_number[-6:]))
    assert names(model) == [target.name]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"grade": 4}, {"张三", "孙悟"}),
        ({"grade": 4, "class_no": 2}, {"张三"}),
        ({"left_behind_kind": "父亲外出"}, {"王小明"}),
        ({"category": "单亲"}, {"赵丽"}),
        ({"risk_type": 3}, {"张三", "孙悟"}),
        ({"risk_level": 1}, {"李四"}),
        ({"status": "毕业"}, {"钱多多"}),
        ({"status": "在册", "risk_level": 2}, {"赵丽"}),
    ],
)
def test_filter_by_criteria(model, criteria, expected):
    model.set_filter(ChildFilter(**criteria))
    assert set(names(model)) == expected
    assert model.total_count() == 6
    assert model.visible_count() == len(expected)


def test_backspace_returns_the_same_rows(model):
    model.set_filter(ChildFilter(text="z"))
    before = names(model)
    model.set_filter(ChildFilter(text="zs"))
    model.set_filter(ChildFilter(text="z"))
    assert names(model) == before


def test_sort_by_columns(model):
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["李四", "钱多多", "孙悟", "王小明", "张三", "赵丽"]  # by pinyin
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["赵丽", "张三", "王小明", "孙悟", "钱多多", "李四"]
    model.sort(Column.AGE, Qt.SortOrder.DescendingOrder)
    assert names(model)[0] == "钱多多"  # the oldest
    model.sort(Column.CLASS, Qt.SortOrder.AscendingOrder)
    assert names(model)[:2] == ["赵丽", "李四"]  # 一年级, 三年级
    model.sort(Column.RISK_LEVEL, Qt.SortOrder.AscendingOrder)
    assert names(model)[:2] == ["李四", "赵丽"]


def test_sort_keeps_the_filter(model):
    model.set_filter(ChildFilter(status="在册"))
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert "钱多多" not in names(model) and model.rowCount() == 5


def test_upsert_updates_in_place_and_inserts_new_rows(qtbot, model, rows):
    model.set_filter(ChildFilter(status="在册"))
    at = names(model).index("张三")
    with qtbot.waitSignal(model.dataChanged):
        model.upsert_rows([replace(rows[0], guardian_phone="13800000000")])
    assert names(model).index("张三") == at
    assert model.data(model.index(at, Column.GUARDIAN_PHONE)) == "13800000000"

    with qtbot.waitSignal(model.rowsInserted):
        model.upsert_rows([make_row("周新", risk_type=1, risk_level=1)])
    assert names(model)[:2] == ["李四", "周新"] or names(model)[:2] == ["周新", "李四"]
    assert model.total_count() == 7

    with qtbot.waitSignal(model.rowsRemoved):  # now 毕业: the 在册 filter hides it
        model.upsert_rows([replace(rows[0], status="毕业")])
    assert "张三" not in names(model) and model.total_count() == 7

    model.remove_ids([rows[1].id])
    assert "李四" not in names(model) and model.total_count() == 6


@pytest.mark.parametrize("seed", range(5))
def test_searching_within_the_shown_rows_gives_what_a_full_search_gives(qapp, seed):
    """Typing one more letter searches only the rows shown (see narrows): check that this
    always equals filtering every row, for random typing, backspacing and criteria."""
    rows = _many_rows(400, seed)
    model = ChildrenModel(today=lambda: TODAY)
    model.set_rows(rows)
    rnd = random.Random(seed)
    alphabet = [
        "z",
        "h",
        "a",
        "n",
        "g",
        "w",
        "l",
        "i",
        "x",
        "s",
        "1",
        "2",
        "5",
        "(",
        "张",
        "王",
        "李",
        "年",
        "级",
        "四",
        "小",
    ]
    text = ""
    for _ in range(300):
        roll = rnd.random()
        if roll < 0.6:
            text += rnd.choice(alphabet)
        elif roll < 0.85:
            text = text[:-1]
        elif roll < 0.9:
            text = rnd.choice(rows).id_number[: rnd.randint(1, 8)]
        else:
            text = ""
        criteria = {"status": "在册"} if rnd.random() < 0.8 else {"grade": rnd.randint(1, 9)}
        f = ChildFilter(text=text, **criteria)
        model.set_filter(f)
        expected = {r.id for r in rows if matches(r, f)}
        assert {model.child_id(n) for n in range(model.rowCount())} == expected, f


def test_narrows_only_when_a_longer_text_can_only_match_less():
    assert narrows(ChildFilter(text="z"), ChildFilter(text="zh"))
    assert narrows(ChildFilter(text="张"), ChildFilter(text="张三"))
    assert narrows(ChildFilter(status="在册"), ChildFilter(text="1", status="在册"))
    assert not narrows(ChildFilter(text="12"), ChildFilter(text="123"))  # student no. equality
    assert not narrows(ChildFilter(text="zs"), ChildFilter(text="zs1"))
    assert not narrows(ChildFilter(text="zh"), ChildFilter(text="z"))
    assert not narrows(ChildFilter(text="z"), ChildFilter(text="zh", grade=3))


def _many_rows(n: int, seed: int = 7) -> list[ChildRow]:
    rnd = random.Random(seed)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    given = "子涵欣怡梓晨曦紫诗梦琪嘉萱雨浩宇然轩俊杰明文博思远一鸣家豪志强国庆秀英建华丽娟"
    out = []
    for i in range(n):
        name = rnd.choice(surnames) + "".join(rnd.choice(given) for _ in range(rnd.choice((1, 2))))
        level = rnd.choice([None, None, 1, 2, 3, 4, 4, 4])
        out.append(
            make_row(
                name,
                birth_date=dt.date(2010 + rnd.randint(0, 8), rnd.randint(1, 12), 1 + i % 28),
                grade=rnd.randint(1, 9),
                class_no=rnd.randint(1, 4),
                status="在册" if rnd.random() < 0.9 else "毕业",
                student_no=str(rnd.randint(1, 300)),
                risk_level=level,
                risk_type=None if level is None else rnd.randint(1, 3),
            )
        )
    return out


@pytest.mark.slow
def test_refiltering_ten_thousand_children_gives_what_a_full_search_gives(qapp):
    """Typing narrows within the shown rows; the result must equal a search of every row.
    (The speed per keystroke is measured by bench/run_all.py, not asserted here.)"""
    rows = _many_rows(10_000)
    model = ChildrenModel(today=lambda: TODAY)
    model.set_rows(rows)
    for text in ["z", "zh", "zha", "zhang", "张", "w", "wa", "wan", "王", "四年级", "2016"]:
        f = ChildFilter(text=text, status="在册")
        model.set_filter(f)
        assert {model.child_id(i) for i in range(model.rowCount())} == {
            r.id for r in rows if matches(r, f)
        }
