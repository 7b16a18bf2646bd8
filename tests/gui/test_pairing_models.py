"""The pairing page's table models: ids plus a row cache, checked with Qt's model tester."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt

from liushou_desktop.domain.listing import ChildRow
from liushou_desktop.domain.pinyin import search_key
from liushou_desktop.gui.models.pairing_models import (
    PROGRESS_ROLE,
    AppointmentsModel,
    ChildPickModel,
    HelperColumn,
    HelpersModel,
    PairingColumn,
    PairingsModel,
    PickColumn,
    UnpairedModel,
    VisitColumn,
    progress_by_term,
    progress_text,
)
from liushou_desktop.services.care import AppointmentInfo, HelperInfo, PairingInfo, ReviewInfo
from tests.conftest import TODAY

D = dt.date


def child(cid: str, name: str, grade: int = 3, class_no: int = 1, level: int | None = None):
    return ChildRow(
        id=cid, school_id="s", school_name="大山小学", name=name, name_pinyin=search_key(name),
        sex="男", birth_date=D(2016, 3, 8), id_number="", grade=grade, class_no=class_no,
        student_no="", status="在册", left_behind_kind="", categories=(), boarding=False,
        guardian_name="张大山", guardian_relation="祖父母", guardian_phone="13912345678",
        father_name="", father_work_place="", father_phone="", mother_name="",
        mother_work_place="", mother_phone="", risk_type=None, risk_level=level,
        guardian_assessment=None,
    )  # fmt: skip


def helper(hid: str, name: str, kind: str = "教师", children: int = 0, active: bool = True):
    return HelperInfo(hid, "s", kind, name, "13900001111", "语文", 3, 1, None, "", active, children)


def pairing(pid: str, helper_id: str, child_id: str, end: dt.date | None = None):
    return PairingInfo(
        pid, helper_id, "李老师", "教师", child_id, "张三", "三年级(1)班", "代理家长",
        D(2026, 9, 1), end, "调走" if end else "", "", "", "", "",
    )  # fmt: skip


def review(term: str, on: dt.date, progress: str) -> ReviewInfo:
    return ReviewInfo(f"r{on}", "p1", term, on, progress, "")


def test_progress_by_term_keeps_the_last_word_of_each_term_in_term_order():
    items = progress_by_term(
        [
            review("2026年春季学期", D(2026, 6, 30), "持平"),
            review("2025年秋季学期", D(2026, 1, 10), "退步"),
            review("2026年春季学期", D(2026, 7, 2), "进步"),
        ]
    )
    assert [(t.term, t.progress) for t in items] == [
        ("2025年秋季学期", "退步"),
        ("2026年春季学期", "进步"),
    ]
    assert progress_text(items) == "↓ ↑"


def test_helpers_model(qtmodeltester):
    model = HelpersModel()
    qtmodeltester.check(model)
    model.set_context({"c1": "王小明 三年级(1)班"}, limit=2)
    rows = [
        helper("h1", "王老师", children=3),
        helper("h2", "李老师", active=False),
        HelperInfo("h3", "s", "同学", "王小明", "", "", None, None, "c1", "", True, 1),
        HelperInfo("h4", "s", "校外", "刘阿姨", "", "", None, None, None, "爱心妈妈", True, 0),
    ]
    model.set_rows(rows)
    names = [model.row_at(r).name for r in range(model.rowCount())]
    assert names == ["王老师", "王小明", "刘阿姨", "李老师"]  # active first, former last
    detail = {model.row_at(r).id: model.index(r, HelperColumn.DETAIL).data() for r in range(4)}
    assert detail == {"h1": "语文 三年级(1)班", "h2": "语文 三年级(1)班",
                      "h3": "王小明 三年级(1)班", "h4": "爱心妈妈"}  # fmt: skip
    over = model.index(0, HelperColumn.CHILDREN)
    assert over.data() == "3" and over.data(Qt.ItemDataRole.ForegroundRole) is not None
    former = model.index(3, HelperColumn.NAME)
    assert former.data().startswith("李老师") and former.data(Qt.ItemDataRole.ForegroundRole)
    model.set_text("lls")  # pinyin initials
    assert [model.row_at(r).id for r in range(model.rowCount())] == ["h2"]
    model.set_text("王")
    assert model.rowCount() == 2
    model.set_rows([])
    qtmodeltester.check(model)


def test_pairings_model_scope_and_progress(qtmodeltester):
    model = PairingsModel()
    qtmodeltester.check(model)
    rows = [
        pairing("p1", "h1", "c1"),
        pairing("p2", "h2", "c2"),
        pairing("p3", "h1", "c3", D(2026, 10, 1)),
    ]
    progress = {"p1": progress_by_term([review("2026年秋季学期", D(2026, 11, 1), "进步")])}
    model.set_pairings(rows, progress)
    assert model.rowCount() == 3
    model.set_scope("h1", show_ended=True)
    assert [model.id_at(r) for r in range(model.rowCount())] == ["p1", "p3"]
    model.set_scope("h1", show_ended=False)
    assert [model.id_at(r) for r in range(model.rowCount())] == ["p1"]
    cell = model.index(0, PairingColumn.PROGRESS)
    assert cell.data() == "↑"
    assert [t.progress for t in cell.data(PROGRESS_ROLE)] == ["进步"]
    assert "2026年秋季学期" in cell.data(Qt.ItemDataRole.ToolTipRole)
    model.set_scope(None, show_ended=True)
    ended = model.index(model.row_of("p3"), PairingColumn.END)
    assert ended.data() == "2026-10-01" and ended.data(Qt.ItemDataRole.ToolTipRole) == "调走"
    qtmodeltester.check(model)


def test_child_pick_model_puts_the_first_ones_first_and_keeps_checks(qtmodeltester):
    model = ChildPickModel(multi=True)
    qtmodeltester.check(model)
    rows = [child("c1", "张三"), child("c2", "李四", level=1), child("c3", "王五")]
    model.set_children(rows, first=["c3"], first_note="未结对", notes={"c1": "李老师"})
    assert [model.id_at(r) for r in range(3)] == ["c3", "c2", "c1"]  # unpaired, then 一级
    assert model.index(0, PickColumn.NOTE).data() == "未结对"
    assert model.index(1, PickColumn.RISK).data() == "一级"
    assert model.index(1, PickColumn.NAME).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(2, PickColumn.NOTE).data() == "李老师"
    model.toggle("c1")
    model.set_text("ww")
    assert [model.id_at(r) for r in range(model.rowCount())] == ["c3"]
    model.set_text("")
    checked = model.index(model.row_of("c1"), PickColumn.NAME).data(Qt.ItemDataRole.CheckStateRole)
    assert checked == Qt.CheckState.Checked and model.checked() == ["c1"]
    model.set_disabled({"c1": "已与此帮扶人结对"})
    assert model.checked() == [] and model.index(model.row_of("c1"), PickColumn.NOTE).data() == (
        "已与此帮扶人结对"
    )
    model.toggle("c1")
    assert model.checked() == []
    qtmodeltester.check(model)


def test_unpaired_and_appointments_models(qtmodeltester):
    unpaired = UnpairedModel()
    qtmodeltester.check(unpaired)
    unpaired.set_rows([child("c1", "张三", level=4), child("c2", "李四", level=2)])
    assert unpaired.row_at(0).name == "李四"
    unpaired.set_text("zs")
    assert unpaired.rowCount() == 1

    visits = AppointmentsModel(today=lambda: TODAY)
    qtmodeltester.check(visits)
    visits.set_context({"h1": "李老师"}, {"c1": "三年级(1)班"})
    visits.set_rows(
        [
            AppointmentInfo(
                "a2", "c1", "张三", None, TODAY + dt.timedelta(days=2), "送书", "已预约"
            ),
            AppointmentInfo("a1", "c1", "张三", "h1", TODAY - dt.timedelta(days=1), "", "已预约"),
        ]
    )
    assert visits.id_at(0) == "a1"
    assert "（" in visits.index(0, VisitColumn.DATE).data()  # overdue is said
    assert visits.index(0, VisitColumn.HELPER).data() == "李老师"
    assert visits.index(1, VisitColumn.HELPER).data() == ""
    visits.set_rows([replace(visits.row_at(0), id="a3")])
    qtmodeltester.check(visits)
