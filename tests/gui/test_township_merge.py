"""合并两方 on the township's conflict page, over real data: 大山小学 changes a guardian's phone
while the township changes the same guardian's address, before they exchange bundles."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QRadioButton

from liushou_desktop.gui.dialogs.township_merge_dialog import MergeDialog, winning_side
from liushou_desktop.gui.views.township_conflicts_page import TownshipConflictsPage
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.merge import KIND_CONCURRENT, KIND_NON_OWNER
from liushou_desktop.services.sync import SyncService
from tests.sync.helpers import school, send, township

NEW_PHONE = "13500000021"
NEW_ADDRESS = "新寨村3组"


def edit_guardian(ctx: ServiceContext, child_id: str, **changes: str) -> None:
    service = ArchiveService(ctx)
    archive = service.get(child_id)
    guardian = dataclasses.replace(archive.guardian, **changes)
    service.save(dataclasses.replace(archive, guardian=guardian))


@pytest.fixture
def forked(tmp_path: Path) -> Iterator[SimpleNamespace]:
    town = township(tmp_path)
    dashan = school(tmp_path, "大山小学", "S001")
    send(dashan, town, tmp_path / "s")
    send(town, dashan, tmp_path / "s", to="S001")
    kid = ArchiveService(dashan).list_children()[0].id
    before = ArchiveService(town).get(kid).guardian
    edit_guardian(dashan, kid, phone=NEW_PHONE)  # the school has the new phone
    edit_guardian(town, kid, address=NEW_ADDRESS)  # the township the new address
    send(dashan, town, tmp_path / "s")
    yield SimpleNamespace(town=town, dashan=dashan, kid=kid, before=before, tmp=tmp_path)
    for ctx in (town, dashan):
        ctx.db.close()


def open_page(qtbot, runner, ctx: ServiceContext, rows: int = 1) -> TownshipConflictsPage:
    page = TownshipConflictsPage(runner, ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == rows, timeout=15000)
    return page


def open_dialog(page: TownshipConflictsPage) -> MergeDialog:
    assert page.merge_button.isEnabled()
    page.merge_button.click()
    dialogs = [d for d in page.findChildren(MergeDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def closed(dialog: MergeDialog) -> bool:
    """Closed (and, being WA_DeleteOnClose, perhaps deleted already)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_merging_takes_the_phone_from_one_side_and_the_address_from_the_other(
    qtbot, runner, forked
):
    page = open_page(qtbot, runner, forked.town)
    conflict_id = page.model.row_id(0)
    info = page.model.conflict(conflict_id)
    assert info is not None and info.kind == KIND_CONCURRENT and info.decision == ""
    page.note_edit.setText("两边都对")

    dialog = open_dialog(page)
    # the group's fields in order; only phone and address differ
    assert dialog.fields == ["name", "relation", "phone", "id_number", "address"]
    assert dialog.differing == ["phone", "address"]
    assert set(dialog.radios) == {"phone", "address"}
    radios = dialog.findChildren(QRadioButton)
    assert len(radios) == 4
    texts = {r.text() for r in radios}
    old_address = forked.before.address or "—"  # shown as a dash when empty
    assert {NEW_PHONE, forked.before.phone, NEW_ADDRESS, old_address} <= texts
    # equal fields are shown once, read-only
    shown = {label.text() for label in dialog.findChildren(QLabel)}
    assert forked.before.name in shown and "与儿童关系" in shown and "联系电话" in shown
    # at first, the side that wins now
    winner = winning_side(info)
    assert all(dialog.chosen_side(n) == winner for n in dialog.differing)
    assert dialog.note_edit.text() == "两边都对"  # the note typed on the page comes along

    phone_side = "a" if info.a.values["phone"] == NEW_PHONE else "b"
    address_side = "a" if info.a.values["address"] == NEW_ADDRESS else "b"
    assert phone_side != address_side
    dialog.choose("phone", phone_side)
    dialog.choose("address", address_side)
    values = dialog.values()
    assert (values["phone"], values["address"]) == (NEW_PHONE, NEW_ADDRESS)
    assert values["name"] == forked.before.name
    dialog.note_edit.setText("电话以学校为准，住址以乡镇为准")
    with qtbot.waitSignal(page.changed, timeout=15000):
        dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: (c := page.model.conflict(conflict_id)) is not None and c.decision != "",
        timeout=15000,
    )
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    decided = page.model.conflict(conflict_id)
    assert decided is not None and decided.decision == "合并两方"
    assert decided.note == "电话以学校为准，住址以乡镇为准"
    row = page.model.row_of(conflict_id)
    assert page.model.data(page.model.index(row, 0)) == "合并两方"
    assert page.selected_id() == conflict_id
    assert "合并两方" in page.decision_label.text()
    assert "电话以学校为准，住址以乡镇为准" in page.decision_label.text()
    for button in (page.merge_button, page.take_a_button, page.keep_both_button):
        assert not button.isEnabled()
    guardian = ArchiveService(forked.town).get(forked.kid).guardian
    assert (guardian.phone, guardian.address) == (NEW_PHONE, NEW_ADDRESS)
    assert guardian.name == forked.before.name
    # the decision travels: the school ends up with the same guardian
    send(forked.town, forked.dashan, forked.tmp / "s", to="S001")
    at_school = ArchiveService(forked.dashan).get(forked.kid).guardian
    assert (at_school.phone, at_school.address) == (NEW_PHONE, NEW_ADDRESS)


def test_cancelling_the_merge_changes_nothing(qtbot, runner, forked):
    page = open_page(qtbot, runner, forked.town)
    conflict_id = page.model.row_id(0)
    dialog = open_dialog(page)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert closed(dialog)
    page.reload()
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    info = page.model.conflict(conflict_id)
    assert info is not None and info.decision == ""
    assert page.merge_button.isEnabled()
    (stored,) = SyncService(forked.town).conflicts()
    assert stored.decision == ""


def test_a_decision_by_side_shows_its_note(qtbot, runner, forked):
    page = open_page(qtbot, runner, forked.town)
    page.note_edit.setText("以学校为准")
    with qtbot.waitSignal(page.changed, timeout=15000):
        page.take_a_button.click()
    qtbot.waitUntil(lambda: "以学校为准" in page.decision_label.text(), timeout=15000)
    assert not page.merge_button.isEnabled()


def test_only_a_concurrent_change_can_be_merged(qtbot, runner, tmp_path):
    """A late edit by the school a child was moved away from (非本校修改) offers no 合并…."""
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    b = school(tmp_path, "小河小学", "S002")
    try:
        kid = ArchiveService(a).list_children()[0].id
        send(a, town, tmp_path / "s")
        send(b, town, tmp_path / "s")
        to_b = next(s.id for s in ArchiveService(town).schools() if s.code == "S002")
        SyncService(town).transfer(kid, to_b)
        edit_guardian(a, kid, phone="13500000022")  # the old school, not yet told
        send(a, town, tmp_path / "s")
        kinds = [c.kind for c in SyncService(town).conflicts()]
        assert kinds == [KIND_NON_OWNER]
        page = open_page(qtbot, runner, town)
        assert page.take_a_button.isEnabled() and page.take_b_button.isEnabled()
        assert not page.merge_button.isEnabled()
        page.open_merge()  # refused without a dialog
        assert page.findChild(MergeDialog) is None
    finally:
        for ctx in (town, a, b):
            ctx.db.close()
