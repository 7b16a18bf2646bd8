"""A school and its township exchanging bundles: what arrives, what is acknowledged, what
conflicts, transfers, deletes, a school restored from an old backup."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from liushou_desktop.domain.archive import Assessment
from liushou_desktop.domain.enums import Status
from liushou_desktop.domain.errors import KnownError
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService, HelperDraft, RecordDraft
from liushou_desktop.services.changes import DELETED
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.merge import (
    FUTURE_LIMIT_MS,
    KIND_CONCURRENT,
    KIND_DELETE,
    KIND_FUTURE,
    KIND_NON_OWNER,
)
from liushou_desktop.services.sync import SyncService, summarize
from liushou_desktop.services.township import TownshipService
from liushou_desktop.storage.db import Database
from liushou_desktop.sync.hlc import wall_clock_ms
from tests.conftest import TODAY
from tests.sync.helpers import (
    child_ids,
    code_of,
    disagreements,
    edit_guardian_phone,
    school,
    send,
    township,
)


def _first_child(ctx: ServiceContext) -> str:
    return ArchiveService(ctx).list_children()[0].id


def test_a_school_bundle_builds_the_same_rows_at_the_township(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001", children=3)
    care = CareService(a)
    sid = ArchiveService(a).schools()[0].id
    kid = _first_child(a)
    helper = care.add_helper(sid, HelperDraft("教师", "王老师", "13900001111", subject="语文"))
    care.pair(helper, kid, "代理家长")
    care.add_record(
        sid,
        RecordDraft(
            "家访",
            TODAY,
            [kid],
            "看望",
            mode="登门",
            helper_id=helper,
            attachments=[("photo.jpg", b"\xff\xd8jpeg-bytes")],
        ),
    )
    result = send(a, town, tmp_path / "stick")
    assert result.status == "merged" and result.conflicts == 0
    assert child_ids(town, "S001") == child_ids(a)
    assert disagreements(a, town) == []
    records = CareService(town).records()
    assert [r.summary for r in records] == ["看望"]
    assert records[0].attachments[0].filename == "photo.jpg"
    # the township's history view works on merged ops
    assert ArchiveService(town).history(kid)


def test_importing_twice_or_an_old_bundle_changes_nothing(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    first = SyncService(a).export_bundle(tmp_path / "b1.lsync")
    edit_guardian_phone(a, _first_child(a), "13500000001")
    second = SyncService(a).export_bundle(tmp_path / "b2.lsync")
    sync = SyncService(town)
    results = sync.import_bundles([second.path, first.path, second.path])
    assert [r.status for r in results] == ["merged", "duplicate", "duplicate"]
    assert results[1].message and results[2].message
    assert disagreements(a, town) == []


def test_exports_are_incremental_against_what_the_township_acknowledged(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    first = send(a, town, tmp_path / "s")
    assert first.applied > 0
    lost = SyncService(a).export_bundle(tmp_path / "lost.lsync")
    assert lost.ops == first.applied  # no acknowledgement yet: everything again
    send(town, a, tmp_path / "s", to="S001")  # acknowledgements come back
    nothing = SyncService(a).export_bundle(tmp_path / "after-ack.lsync")
    assert nothing.ops == 0
    edit_guardian_phone(a, _first_child(a), "13500000002")
    small = SyncService(a).export_bundle(tmp_path / "small.lsync")
    assert small.ops == 1
    assert small.size < 4000
    full = SyncService(a).export_bundle(tmp_path / "full.lsync", full=True)
    assert full.ops > small.ops


def test_concurrent_edits_leave_one_conflict_and_the_decision_travels(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")
    kid = _first_child(a)
    edit_guardian_phone(a, kid, "13500000003")  # the school corrects the phone
    edit_guardian_phone(town, kid, "13500000004")  # and so does the township, unaware
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")
    send(a, town, tmp_path / "s")  # twice more: still one conflict
    send(town, a, tmp_path / "s", to="S001")
    for ctx in (town, a):
        conflicts = SyncService(ctx).conflicts()
        assert [c.kind for c in conflicts] == [KIND_CONCURRENT]
        assert {conflicts[0].a.values["phone"], conflicts[0].b.values["phone"]} == {
            "13500000003",
            "13500000004",
        }
    assert disagreements(a, town) == []  # both copies picked the same winner
    conflict = SyncService(town).conflicts()[0]
    side = "a" if conflict.a.values["phone"] == "13500000003" else "b"
    SyncService(town).decide(conflict.id, side, "学校核实过")
    send(town, a, tmp_path / "s", to="S001")
    assert ArchiveService(a).get(kid).guardian.phone == "13500000003"
    assert ArchiveService(town).get(kid).guardian.phone == "13500000003"
    decided = SyncService(a).conflicts()[0]
    assert decided.decision and decided.decided_by == "乡镇专干"
    assert SyncService(town).conflicts(open_only=True) == []


def test_sequential_edits_make_no_conflict(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")
    kid = _first_child(a)
    edit_guardian_phone(a, kid, "13500000005")
    send(a, town, tmp_path / "s")
    edit_guardian_phone(town, kid, "13500000006")  # after seeing the school's edit
    send(town, a, tmp_path / "s", to="S001")
    edit_guardian_phone(a, kid, "13500000007")
    send(a, town, tmp_path / "s")
    assert SyncService(town).conflicts() == [] and SyncService(a).conflicts() == []
    assert ArchiveService(town).get(kid).guardian.phone == "13500000007"
    assert disagreements(a, town) == []


def test_a_delete_racing_an_edit_is_a_conflict_and_undelete_works(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")
    kid = _first_child(a)
    ArchiveService(a).change_status(kid, DELETED, TODAY, "重复录入")
    edit_guardian_phone(town, kid, "13500000008")
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")
    kinds = [c.kind for c in SyncService(town).conflicts()]
    assert kinds == [KIND_DELETE]
    assert ArchiveService(town).get(kid).child.status == DELETED
    conflict = SyncService(town).conflicts()[0]
    SyncService(town).decide(conflict.id, "b")  # keep the edit: the archive comes back
    send(town, a, tmp_path / "s", to="S001")
    for ctx in (a, town):
        archive = ArchiveService(ctx).get(kid)
        assert archive.child.status == Status.ENROLLED
        assert archive.guardian.phone == "13500000008"
    # a delete after seeing the edit is no conflict
    ArchiveService(a).change_status(kid, DELETED, TODAY, "重复录入")
    send(a, town, tmp_path / "s")
    assert [c.kind for c in SyncService(town).conflicts()] == [KIND_DELETE]


def test_a_transfer_moves_the_whole_archive_to_the_new_school(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    b = school(tmp_path, "小河小学", "S002")
    kid = _first_child(a)
    sid_a = ArchiveService(a).schools()[0].id
    ArchiveService(a).add_assessment(kid, Assessment(TODAY, 2, 2, "一般", "班主任"))
    care = CareService(a)
    helper = care.add_helper(sid_a, HelperDraft("教师", "王老师", "13900001111"))
    care.pair(helper, kid, "代理家长")
    care.add_record(sid_a, RecordDraft("家访", TODAY, [kid], "看望", mode="登门", helper_id=helper))
    send(a, town, tmp_path / "s")
    send(b, town, tmp_path / "s")
    sid_b = next(s.id for s in ArchiveService(town).schools() if s.code == "S002")
    SyncService(town).transfer(kid, sid_b)
    send(town, b, tmp_path / "s", to="S002")
    send(town, a, tmp_path / "s", to="S001")
    moved = ArchiveService(b).get(kid)
    assert moved.child.school_id == sid_b and moved.guardian.phone
    assert len(ArchiveService(b).assessments(kid)) == 1
    assert [r.summary for r in CareService(b).records(child_id=kid)] == ["看望"]
    assert ArchiveService(a).get(kid).child.school_id == sid_b  # the old school knows
    assert disagreements(b, town) == [] and disagreements(a, town) == []
    # the new school edits and the township takes it without a conflict
    edit_guardian_phone(b, kid, "13500000009")
    send(b, town, tmp_path / "s")
    assert SyncService(town).conflicts() == []
    # the old school keeps the archive, read-only, and counts the child as 转出
    with pytest.raises(KnownError):
        edit_guardian_phone(a, kid, "13500000010")
    assert ArchiveService(a).get(kid).child.status == Status.TRANSFERRED_OUT
    assert ArchiveService(a).stats()["by_status"].get(Status.TRANSFERRED_OUT) == 1
    assert [sc.code for sc in ArchiveService(a).schools()] == ["S001"]


def test_a_school_restored_from_an_old_backup_gets_its_lost_work_back(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")
    path = a.db.path
    a.db.close()
    shutil.copy(path, tmp_path / "backup.sqlite")
    a = ServiceContext(db=Database.open(path), author="老师", today=lambda: TODAY)
    kid = _first_child(a)
    edit_guardian_phone(a, kid, "13500000011")  # reaches the township...
    send(a, town, tmp_path / "s")
    a.db.close()
    shutil.copy(tmp_path / "backup.sqlite", path)  # ...then the PC is restored from backup
    a = ServiceContext(db=Database.open(path), author="老师", today=lambda: TODAY)
    other = ArchiveService(a).list_children()[1].id
    edit_guardian_phone(a, other, "13500000012")  # new work on the restored copy
    out = SyncService(a).export_bundle(tmp_path / "clash.lsync")
    (refused,) = SyncService(town).import_bundles([out.path])
    assert refused.status == "rejected" and refused.reason == "site_collision"
    send(town, a, tmp_path / "s", to="S001")  # the school learns it was restored
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")  # and gets its lost edit back
    assert ArchiveService(a).get(kid).guardian.phone == "13500000011"
    assert ArchiveService(town).get(other).guardian.phone == "13500000012"
    assert disagreements(a, town) == []
    assert SyncService(town).conflicts() == []


def test_a_change_stamped_far_in_the_future_is_held_back(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")
    kid = _first_child(a)
    before = ArchiveService(town).get(kid).guardian.phone
    ahead = wall_clock_ms() + FUTURE_LIMIT_MS + 3_600_000
    conn = sqlite3.connect(a.db.path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'hlc_last'", (f"{ahead:013d}-00000",))
    conn.commit()
    conn.close()
    edit_guardian_phone(a, kid, "13500000013")  # the school PC's clock is a year ahead
    result = send(a, town, tmp_path / "s")
    assert result.held_back == 1 and result.warnings
    assert ArchiveService(town).get(kid).guardian.phone == before
    assert [c.kind for c in SyncService(town).conflicts()] == [KIND_FUTURE]


def test_township_time_is_a_clock_floor_for_the_school(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    send(a, town, tmp_path / "s")
    year = 365 * 24 * 3600 * 1000
    behind = SyncService(a, wall_ms=lambda: wall_clock_ms() - year)
    out = SyncService(town).export_bundle(tmp_path / "t.lsync", "S001")
    (result,) = behind.import_bundles([out.path])
    assert result.status == "merged"
    assert any("日期" in w for w in result.warnings)
    assert behind.clock_warning()
    assert SyncService(a).clock_warning() == ""


def test_the_same_child_in_two_schools_is_found_and_resolved(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    b = school(tmp_path, "小河小学", "S002", children=0)
    kid = ArchiveService(a).get(_first_child(a))
    sid_b = ArchiveService(b).schools()[0].id
    twin = dataclasses.replace(kid.child, id="", school_id=sid_b)
    ArchiveService(b).create(dataclasses.replace(kid, child=twin))
    send(a, town, tmp_path / "s")
    send(b, town, tmp_path / "s")
    township_service = TownshipService(town)
    (pair,) = township_service.duplicates()
    assert pair.reason == "身份证号相同"
    township_service.decide_duplicate(pair.a_id, pair.b_id, "transfer")
    assert township_service.duplicates() == []
    statuses = {ArchiveService(town).get(i).child.status for i in (pair.a_id, pair.b_id)}
    assert statuses == {Status.TRANSFERRED_OUT.value, Status.ENROLLED.value}


def test_township_figures_per_school(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001", children=3)
    b = school(tmp_path, "小河小学", "S002", children=2)
    send(a, town, tmp_path / "s")
    send(b, town, tmp_path / "s")
    figures = {f.code: f for f in TownshipService(town).school_figures(TODAY, duties=False)}
    assert figures["S001"].children == 3 and figures["S002"].children == 2
    assert figures["S001"].last_bundle is not None
    totals = TownshipService(town).totals(list(figures.values()))
    assert totals["children"] == 5 and totals["schools"] == 2
    silent = TownshipService(town).silent_schools(30, TODAY + dt.timedelta(days=400))
    assert {f.code for f in silent} == {"S001", "S002"}
    assert code_of(a) == "S001"


def test_backups_before_imports_only_when_something_is_new_and_rotated(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    backups = town.db.path.parent / "backups"

    def count() -> int:
        return len(list(backups.glob("*before-import*"))) if backups.exists() else 0

    first = SyncService(a).export_bundle(tmp_path / "1.lsync")
    SyncService(town).import_bundles([first.path])
    assert count() == 1
    again = SyncService(a).export_bundle(tmp_path / "again.lsync")  # nothing new for it
    SyncService(town).import_bundles([again.path])
    assert count() == 1
    for i in range(10):
        edit_guardian_phone(a, _first_child(a), f"1350000{i:04d}")
        out = SyncService(a).export_bundle(tmp_path / f"e{i}.lsync")
        SyncService(town).import_bundles([out.path])
    assert count() == 10  # the newest ten are kept (services/backup.py KEEP_PER_KIND)


def test_the_township_sets_terms_rules_and_shared_helpers_for_its_schools(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    b = school(tmp_path, "小河小学", "S002")
    send(a, town, tmp_path / "s")
    send(b, town, tmp_path / "s")
    service = TownshipService(town)
    start, end = dt.date(2027, 2, 20), dt.date(2027, 7, 10)
    result = service.set_term("2027年春季学期", start, end)
    assert sorted(result.done) == ["大山小学", "小河小学"]
    again = service.set_term("2027年春季学期", start, end)
    assert again.done == [] and len(again.skipped) == 2
    service.apply_preset("四个一次")
    helper = HelperDraft("校外", "刘阿姨", "13700001111", role_note="爱心妈妈")
    service.add_shared_helper(helper, [ArchiveService(town).schools()[0].id])
    send(town, a, tmp_path / "s", to="S001")
    send(town, b, tmp_path / "s", to="S002")
    sid_a = ArchiveService(a).schools()[0].id
    sid_b = ArchiveService(b).schools()[0].id
    assert [t.name for t in CareService(a).terms(sid_a)] == ["2027年春季学期"]
    assert [t.name for t in CareService(b).terms(sid_b)] == ["2027年春季学期"]
    assert len(CareService(a).rules(sid_a)) == len(CareService(b).rules(sid_b)) > 0
    assert [h.name for h in CareService(a).helpers(sid_a)] == ["刘阿姨"]
    assert CareService(b).helpers(sid_b) == []
    assert disagreements(a, town) == [] and disagreements(b, town) == []


def test_history_shows_a_transfer_but_not_the_key_columns(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    b = school(tmp_path, "小河小学", "S002")
    kid = _first_child(a)
    send(a, town, tmp_path / "s")
    send(b, town, tmp_path / "s")
    sid_b = next(s.id for s in ArchiveService(town).schools() if s.code == "S002")
    SyncService(town).transfer(kid, sid_b)
    history = ArchiveService(town).history(kid)
    assert not any(h.field in ("school_id", "child_id", "role") for h in history)
    moves = [h for h in history if h.field == "学校"]
    assert [(m.old, m.new) for m in moves] == [("大山小学", "小河小学")]


def _edit_guardian(ctx: ServiceContext, child_id: str, **changes: str) -> None:
    service = ArchiveService(ctx)
    archive = service.get(child_id)
    guardian = dataclasses.replace(archive.guardian, **changes)
    service.save(dataclasses.replace(archive, guardian=guardian))


def test_a_conflict_can_be_decided_by_merging_both_sides(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")
    kid = _first_child(a)
    _edit_guardian(a, kid, phone="13500000021")  # the school has the new phone
    _edit_guardian(town, kid, address="新寨村3组")  # the township the new address
    send(a, town, tmp_path / "s")
    (conflict,) = SyncService(town).conflicts()
    values = dict(conflict.a.values)
    for side in (conflict.a.values, conflict.b.values):
        if side["phone"] == "13500000021":
            values["phone"] = side["phone"]
        if side["address"] == "新寨村3组":
            values["address"] = side["address"]
    SyncService(town).decide(conflict.id, "merge", "两边都对", values=values)
    send(town, a, tmp_path / "s", to="S001")
    for ctx in (town, a):
        guardian = ArchiveService(ctx).get(kid).guardian
        assert (guardian.phone, guardian.address) == ("13500000021", "新寨村3组")
    assert SyncService(a).conflicts()[0].decision == "合并两方"


def test_rejecting_a_late_edit_by_the_old_school_undoes_it(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    b = school(tmp_path, "小河小学", "S002")
    kid = _first_child(a)
    send(a, town, tmp_path / "s")
    send(b, town, tmp_path / "s")
    before = ArchiveService(town).get(kid).guardian.phone
    sid_b = next(s.id for s in ArchiveService(town).schools() if s.code == "S002")
    SyncService(town).transfer(kid, sid_b)
    edit_guardian_phone(a, kid, "13500000022")  # the old school, not yet told
    send(a, town, tmp_path / "s")
    (late,) = [c for c in SyncService(town).conflicts() if c.kind == KIND_NON_OWNER]
    SyncService(town).decide(late.id, "b")
    assert ArchiveService(town).get(kid).guardian.phone == before


def test_a_folder_import_skips_bundles_for_others(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    b = school(tmp_path, "小河小学", "S002")
    stick = tmp_path / "stick"
    stick.mkdir()
    SyncService(a).export_bundle(stick)
    SyncService(b).export_bundle(stick)
    SyncService(town).import_bundles([stick])
    SyncService(town).export_bundle(stick, "S001")
    SyncService(town).export_bundle(stick, "S002")
    results = SyncService(a).import_bundles([stick])  # the whole stick, at school A
    assert sorted(r.status for r in results) == ["merged", "skipped", "skipped", "skipped"]
    assert "3 个不是发给本单位的（已跳过）" in summarize(results)
    cut = stick / "zz-cut.lsync"
    cut.write_bytes(b"not a bundle at all")
    explicit = SyncService(a).import_bundles([cut])
    assert explicit[0].status == "rejected" and "内容不对" in explicit[0].message


def test_the_same_child_entered_twice_is_merged_with_a_redirect(tmp_path: Path) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001")
    kid = ArchiveService(a).get(_first_child(a))
    sid = ArchiveService(a).schools()[0].id
    twin = (
        ArchiveService(a)
        .create(dataclasses.replace(kid, child=dataclasses.replace(kid.child, id="")))
        .child_id
    )
    CareService(a).add_record(sid, RecordDraft("谈心", TODAY, [twin], "在第二份档案里记的"))
    send(a, town, tmp_path / "s")
    (pair,) = TownshipService(town).duplicates()
    keep, drop = pair.a_id, pair.b_id
    TownshipService(town).decide_duplicate(keep, drop, "same")
    send(town, a, tmp_path / "s", to="S001")
    for ctx in (town, a):
        archive = ArchiveService(ctx)
        assert archive.redirect(drop) == keep and archive.redirect(keep) is None
        assert archive.get(drop).child.status == DELETED
        summaries = [r.summary for r in CareService(ctx).records(child_id=keep)]
        assert "在第二份档案里记的" in summaries  # the removed archive's records come along
    assert TownshipService(town).duplicates() == []
    assert disagreements(a, town) == []


def test_a_merged_duplicates_assessments_show_in_the_kept_timeline(tmp_path: Path) -> None:
    a = school(tmp_path, "大山小学", "S001", join=False)
    service = ArchiveService(a)
    kid = service.get(_first_child(a))
    twin = service.create(dataclasses.replace(kid, child=dataclasses.replace(kid.child, id="")))
    service.add_assessment(twin.child_id, Assessment(TODAY, 2, 2, "一般", "班主任"))
    service.merge_into(twin.child_id, kid.child.id, TODAY, "重复录入")
    kinds = [e.kind for e in CareService(a).timeline(kid.child.id)]
    assert "风险评估" in kinds
