"""The township's pages over a real merged ledger: a township database that has imported the
bundles of two schools (大山小学 with three children, 小河小学 with two), built through the
services as the CLI does."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from liushou_desktop.domain.enums import Sex, Status
from liushou_desktop.gui.dialogs.child_editor import ChildEditor
from liushou_desktop.gui.dialogs.township_transfer_dialog import TransferDialog
from liushou_desktop.gui.models.children_model import Column
from liushou_desktop.gui.models.township_models import TOTAL_ID, FigureColumn
from liushou_desktop.gui.tasks import TaskRunner
from liushou_desktop.gui.views.children_page import TOWNSHIP_SCHOOL_ID, ChildrenPage
from liushou_desktop.gui.views.township_conflicts_page import (
    TownshipConflictsPage,
    current_side,
)
from liushou_desktop.gui.views.township_duplicates_page import TownshipDuplicatesPage
from liushou_desktop.gui.views.township_stats_page import TownshipStatsPage
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.changes import ChangeWriter
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.setup import add_school, init_school
from liushou_desktop.services.sync import SyncService, init_township
from liushou_desktop.services.township import TownshipService
from tests.conftest import TODAY, make_archive

SCHOOLS = (("大山小学", "522401001", 3), ("小河小学", "522401002", 2))


def send(src: ServiceContext, dst: ServiceContext, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    out = SyncService(src).export_bundle(folder)
    (result,) = SyncService(dst).import_bundles([out.path])
    assert result.status in ("merged", "duplicate"), result.message


def set_phone(ctx: ServiceContext, child_id: str, phone: str) -> None:
    service = ArchiveService(ctx)
    archive = service.get(child_id)
    guardian = dataclasses.replace(archive.guardian, phone=phone)
    service.save(dataclasses.replace(archive, guardian=guardian))


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[SimpleNamespace]:
    """The township and its two schools, every school's bundle merged; a conflict on the
    guardian phone of 大山孩0 (changed at the school and at the township), and 小河小学's
    小河孩9 entered with 大山孩2's ID number (a possible duplicate)."""
    town = init_township(tmp_path / "township.sqlite", "城关镇", "T01", author="乡镇专干")
    town.today = lambda: TODAY
    SyncService(town).write_enrollment(tmp_path / "township.json")
    schools: dict[str, ServiceContext] = {}
    for name, code, count in SCHOOLS:
        ctx = init_school(tmp_path / f"{code}.sqlite", name, code, author=f"{name}老师")
        ctx.today = lambda: TODAY
        service = ArchiveService(ctx)
        school_id = service.schools()[0].id
        for i in range(count):
            sex = Sex.MALE if i % 2 == 0 else Sex.FEMALE
            serial = int(code[-3:]) * 10 + i
            service.create(make_archive(school_id, f"{name[:2]}孩{i}", sex=sex, serial=serial))
        SyncService(ctx).join(tmp_path / "township.json")
        schools[code] = ctx
    dashan, xiaohe = schools["522401001"], schools["522401002"]
    twin = ArchiveService(dashan).list_children()
    copied = next(r for r in twin if r.name == "大山孩2")
    xiaohe_id = ArchiveService(xiaohe).schools()[0].id
    archive = make_archive(xiaohe_id, "小河孩9", sex=Sex.MALE, serial=1012)
    archive.child.id_number = copied.id_number
    archive.child.birth_date = copied.birth_date
    ArchiveService(xiaohe).create(archive)
    for n, ctx in enumerate(schools.values()):
        send(ctx, town, tmp_path / f"bundles{n}")
    first = next(r for r in ArchiveService(dashan).list_children() if r.name == "大山孩0")
    set_phone(dashan, first.id, "13900000001")
    set_phone(town, first.id, "13900000002")
    send(dashan, town, tmp_path / "bundles-again")
    town_schools = {s.code: s.id for s in ArchiveService(town).schools()}
    yield SimpleNamespace(
        town=town,
        dashan=dashan,
        xiaohe=xiaohe,
        schools=town_schools,
        conflict_child=first.id,
        tmp=tmp_path,
    )
    for ctx in (town, *schools.values()):
        ctx.db.close()


# -- statistics -------------------------------------------------------------------------------
def test_statistics_rows_equal_the_township_figures(qtbot, qtmodeltester, runner, ledger):
    page = TownshipStatsPage(runner, ledger.town)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    qtmodeltester.check(page.figures_model)
    qtmodeltester.check(page.breakdown_model)
    service = TownshipService(ledger.town)
    figures = service.school_figures()
    totals = service.totals(figures)
    model = page.figures_model

    def cell(row: int, column: int) -> str:
        return str(model.data(model.index(row, column)))

    assert model.rowCount() == len(figures) + 1
    for row, f in enumerate(figures):
        assert model.row_id(row) == f.school_id
        assert cell(row, FigureColumn.SCHOOL) == f.name
        assert cell(row, FigureColumn.CHILDREN) == str(f.children)
        assert cell(row, FigureColumn.OVERDUE) == str(f.overdue)
        assert cell(row, FigureColumn.LAST_BUNDLE) == f.last_bundle
        expected = f"{f.archived / f.children * 100:.1f}%" if f.children else "—"
        assert cell(row, FigureColumn.ARCHIVE_RATE) == expected
    last = model.rowCount() - 1
    assert model.row_id(last) == TOTAL_ID
    assert cell(last, FigureColumn.CHILDREN) == str(totals["children"]) == "6"
    breakdown = page.breakdown_model
    assert breakdown.rowCount() == len(figures) + 1
    for f in figures:
        for key, count in f.by_guardian_kind.items():
            assert breakdown.count(f.school_id, "by_guardian_kind", key) == count
    for key, count in totals["by_risk_level"].items():
        assert breakdown.count(TOTAL_ID, "by_risk_level", key) == count


def test_schools_silent_for_n_days_are_marked(qtbot, runner, ledger):
    conn = sqlite3.connect(ledger.town.db.path)
    with conn:
        conn.execute(
            "UPDATE peer SET last_bundle_at = '2026-10-01 09:00:00' WHERE code = '522401002'"
        )
        conn.execute(
            "UPDATE peer SET last_bundle_at = '2026-11-20 09:00:00' WHERE code = '522401001'"
        )
    conn.close()
    page = TownshipStatsPage(runner, ledger.town)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    model = page.figures_model
    xiaohe, dashan = ledger.schools["522401002"], ledger.schools["522401001"]
    assert model.silent_schools() == [xiaohe]  # 52 days ≥ 30; 2 days are not
    row = model.row_of(xiaohe)
    assert model.data(model.index(row, FigureColumn.DAYS_SILENT)) == "52"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(model.row_of(dashan), 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "小河小学" in page.summary_label.text()
    page.silent_spin.setValue(2)
    assert set(model.silent_schools()) == {xiaohe, dashan}
    page.silent_spin.setValue(60)
    assert model.silent_schools() == []


def test_the_quarterly_report_covers_every_school(qtbot, runner, ledger, monkeypatch):
    from openpyxl import load_workbook

    shown: list[str] = []
    monkeypatch.setattr(
        "liushou_desktop.gui.views.township_stats_page.QMessageBox.information",
        lambda parent, title, text: shown.append(text),
    )
    page = TownshipStatsPage(runner, ledger.town)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    target = ledger.tmp / "report.xlsx"
    with qtbot.waitSignal(page.report_written, timeout=15000):
        page.write_report(target, TODAY.year, 4)
    sheet = load_workbook(target)["动态变化"]
    schools = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert schools == ["大山小学", "小河小学", "合计"]
    assert shown and "report.xlsx" in shown[0]


# -- conflicts --------------------------------------------------------------------------------
def test_deciding_a_conflict_through_the_page_marks_it_decided(
    qtbot, qtmodeltester, runner, ledger
):
    page = TownshipConflictsPage(runner, ledger.town)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 1, timeout=15000)
    qtmodeltester.check(page.model)
    conflict_id = page.model.row_id(0)
    assert page.selected_id() == conflict_id
    info = page.model.conflict(conflict_id)
    assert info is not None and info.decision == ""
    # both sides side by side: the phone row differs
    table = page.values_table
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    phone_row = rows["联系电话"]
    assert {table.item(phone_row, 1).text(), table.item(phone_row, 2).text()} == {
        "13900000001",
        "13900000002",
    }
    # the side the archive holds now (the later change) carries the tag; the other does not
    holding = current_side(info)
    assert holding == ("a" if info.a.hlc > info.b.hlc else "b")
    held = info.a if holding == "a" else info.b
    now = ArchiveService(ledger.town).row(ledger.conflict_child).guardian_phone
    assert now == held.values["phone"]
    tag_a, tag_b = page.current_tags
    assert tag_a.isHidden() == (holding != "a") and tag_b.isHidden() == (holding != "b")
    column = 1 if holding == "a" else 2  # the values table says it too
    marked, plain = (table.horizontalHeaderItem(c).text() for c in (column, 3 - column))
    assert len(marked) > len(plain)
    assert tag_a.text() in page.keep_both_button.toolTip()  # 两者都保留 keeps what is in effect
    assert page.take_b_button.isEnabled()
    page.note_edit.setText("以乡镇核实的号码为准")
    with qtbot.waitSignal(page.changed, timeout=15000):
        page.take_b_button.click()
    qtbot.waitUntil(
        lambda: (c := page.model.conflict(conflict_id)) is not None and c.decision != "",
        timeout=15000,
    )
    decided = page.model.conflict(conflict_id)
    assert decided is not None and decided.decision == "采用乙方"
    row = page.model.row_of(conflict_id)
    assert page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert page.model.data(page.model.index(row, 0)) == "采用乙方"
    assert not page.take_a_button.isEnabled()
    assert "采用乙方" in page.decision_label.text()
    assert tag_a.isHidden() and tag_b.isHidden()  # decided: the decision says what holds
    (stored,) = SyncService(ledger.town).conflicts()
    assert stored.decision == "采用乙方"
    phone = ArchiveService(ledger.town).row(ledger.conflict_child).guardian_phone
    assert phone == info.b.values["phone"]
    page.open_only_box.setChecked(True)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 0, timeout=15000)


# -- duplicates -------------------------------------------------------------------------------
def test_a_duplicate_pair_is_shown_side_by_side_and_decided(qtbot, qtmodeltester, runner, ledger):
    page = TownshipDuplicatesPage(runner, ledger.town)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 1, timeout=15000)
    qtmodeltester.check(page.model)
    pair = page.model.pair(page.model.row_id(0))
    assert pair is not None and {pair.a_name, pair.b_name} == {"大山孩2", "小河孩9"}
    qtbot.waitUntil(lambda: page.compare_table.rowCount() > 0, timeout=15000)
    cells = {
        page.compare_table.item(r, 0).text(): (
            page.compare_table.item(r, 1).text(),
            page.compare_table.item(r, 2).text(),
        )
        for r in range(page.compare_table.rowCount())
    }
    assert cells["School"] == (pair.a_school, pair.b_school)
    with qtbot.waitSignal(page.decided, timeout=15000):
        page.different_button.click()
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 0, timeout=15000)
    assert TownshipService(ledger.town).duplicates() == []


# -- the ledger -------------------------------------------------------------------------------
def ledger_page(qtbot, runner: TaskRunner, ctx: ServiceContext, school_id: str) -> ChildrenPage:
    page = ChildrenPage(runner)
    qtbot.addWidget(page)
    page.set_archive(ArchiveService(ctx), school_id)
    qtbot.waitUntil(lambda: not page.loading and page.model.total_count() > 0, timeout=15000)
    return page


def test_the_ledger_has_a_school_column_and_filter(qtbot, runner, ledger):
    page = ledger_page(qtbot, runner, ledger.town, TOWNSHIP_SCHOOL_ID)
    assert page.township
    assert not page.table.isColumnHidden(Column.SCHOOL)
    assert not page.school_combo.isHidden() and not page.transfer_button.isHidden()
    assert page.model.visible_count() == 6
    xiaohe = ledger.schools["522401002"]
    page.school_combo.set_value(xiaohe)
    rows = [page.model.child_row(r) for r in range(page.model.rowCount())]
    assert {r.school_id for r in rows} == {xiaohe}
    assert len(rows) == 3
    assert {page.model.data(page.model.index(r, Column.SCHOOL)) for r in range(3)} == {"小河小学"}
    page.clear_filters()
    assert page.model.visible_count() == 6


def test_a_school_does_not_show_the_school_column(qtbot, runner, ledger):
    own = ArchiveService(ledger.dashan).schools()[0].id
    page = ledger_page(qtbot, runner, ledger.dashan, own)
    assert not page.township
    assert page.table.isColumnHidden(Column.SCHOOL)
    assert page.school_combo.isHidden() and page.transfer_button.isHidden()


def test_a_transfer_from_the_ledger_moves_the_child(qtbot, runner, ledger):
    page = ledger_page(qtbot, runner, ledger.town, TOWNSHIP_SCHOOL_ID)
    dashan, xiaohe = ledger.schools["522401001"], ledger.schools["522401002"]
    child = next(r for r in page.model.rows() if r.name == "大山孩1")
    page.table.selectRow(page.model.row_of(child.id))
    page.transfer_button.click()
    dialog = page.findChild(TransferDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.school_combo.count() == 1, timeout=15000)
    assert dialog.target_school_id() == xiaohe  # the child's own school is not offered
    with qtbot.waitSignal(page.rows_updated, timeout=15000):
        dialog.ok_button.click()
    moved = page.model.get(child.id)
    assert moved is not None and moved.school_id == xiaohe and moved.school_name == "小河小学"
    assert ArchiveService(ledger.town).row(child.id).school_id == xiaohe
    assert child.school_id == dashan
    # What to do next is said plainly, without blocking (a box on the ledger).
    box = page.findChild(QMessageBox, "transferDoneBox")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "大山孩1" in box.text() and "大山小学" in box.text() and "小河小学" in box.text()
    assert box.text() == dialog.done_message
    box.close()


def test_a_transferred_out_child_opens_read_only_at_its_old_school(qtbot, runner, ledger):
    """At 大山小学, after the township's transfer of 大山孩1 to 小河小学 has arrived (made here
    directly: the school's import of a transfer is the sync engine's part)."""
    ctx = ledger.dashan
    service = ArchiveService(ctx)
    own = service.schools()[0].id
    other = add_school(ctx, "小河小学", "522401002")
    child = next(r for r in service.list_children() if r.name == "大山孩1")
    with ctx.db.session() as s:
        writer = ChangeWriter(s, "乡镇专干")
        writer.update_key("child", child.id, {"school_id": other}, child.id)
        writer.flush()
    page = ledger_page(qtbot, runner, ctx, own)
    # not in the default list (children at the school) …
    assert page.model.row_of(child.id) < 0
    assert page.model.visible_count() == 2
    # … but listed as transferred out, with where to
    page.status_combo.set_value(Status.TRANSFERRED_OUT.value)
    at = page.model.row_of(child.id)
    assert at >= 0 and page.model.visible_count() == 1
    status = page.model.data(page.model.index(at, Column.STATUS))
    assert "小河小学" in status
    page.open_child(child.id)
    editor = page.findChild(ChildEditor)
    assert editor is not None
    qtbot.waitUntil(lambda: editor.loaded, timeout=15000)
    assert editor.read_only
    assert not editor.read_only_label.isHidden()
    assert "小河小学" in editor.read_only_label.text()
    assert editor.save_button.isHidden() and not editor.save_button.isEnabled()
    assert editor.status_button.isHidden()
    name = editor.input_widget("name")
    assert getattr(name, "isReadOnly")()  # noqa: B009  # a QLineEdit
    editor.reject()


def test_the_township_cannot_add_a_child_from_the_ledger(qtbot, runner, ledger, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(
        "liushou_desktop.gui.views.children_page.QMessageBox.information",
        lambda parent, title, text: said.append(text),
    )
    page = ledger_page(qtbot, runner, ledger.town, TOWNSHIP_SCHOOL_ID)
    page.new_child()
    assert said and page.findChild(ChildEditor) is None


def test_opening_a_merged_duplicate_opens_the_archive_kept(qtbot, runner, ledger, monkeypatch):
    (pair,) = TownshipService(ledger.town).duplicates()
    TownshipService(ledger.town).decide_duplicate(pair.a_id, pair.b_id, "same")
    page = ledger_page(qtbot, runner, ledger.town, TOWNSHIP_SCHOOL_ID)
    page.status_combo.set_value(Status.DELETED.value)
    qtbot.waitUntil(lambda: page.model.row_of(pair.b_id) >= 0, timeout=15000)
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, title, text, *a, **k: told.append(text)
    )
    page.open_child(pair.b_id)
    qtbot.waitUntil(lambda: page.findChild(ChildEditor) is not None, timeout=15000)
    editor = page.findChild(ChildEditor)
    assert editor.child_id == pair.a_id
    assert len(told) == 1  # the user is told why another archive opens
    editor.reject()
