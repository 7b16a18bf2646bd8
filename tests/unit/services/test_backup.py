"""Backups: consistent snapshots while writing, rotation, encrypted copies, restore (after
damage, from an older version, into a missing file), and what the sync layer does after a
restore."""

from __future__ import annotations

import datetime as dt
import errno
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from liushou_desktop.domain.errors import DatabaseLocked, DiskFull, KnownError
from liushou_desktop.services import backup as backup_module
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.backup import (
    KEEP_DAILY,
    KEEP_PER_KIND,
    KEEP_WEEKLY,
    BackupService,
)
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.sync import SyncService
from liushou_desktop.storage import backups as storage_backups
from liushou_desktop.storage.db import Database
from tests.conftest import TODAY, make_archive
from tests.sync.helpers import disagreements, edit_guardian_phone, school, send, township

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PASSPHRASE = "山里的孩子要好好长大"


def _fill(ctx: ServiceContext, n: int = 4) -> list[str]:
    service = ArchiveService(ctx)
    school_id = service.schools()[0].id
    return [
        service.create(make_archive(school_id, f"学生{i}", serial=100 + i)).child_id
        for i in range(n)
    ]


def _state(ctx: ServiceContext) -> tuple[object, object]:
    service = ArchiveService(ctx)
    return [(r.id, r.name, r.guardian_phone) for r in service.list_children()], service.stats()


def _damage(path: Path) -> None:
    """Overwrite a page in the middle of a closed database file with garbage."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek((size // 2) // 4096 * 4096)
        f.write(b"\xa5" * 4096)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        pass  # damaged beyond even checking it
    finally:
        conn.close()


def _reopen(path: Path) -> ServiceContext:
    return ServiceContext(db=Database.open(path), author="测试员", today=lambda: TODAY)


def test_backup_damage_restore_gives_back_the_same_archive(ctx: ServiceContext) -> None:
    _fill(ctx, 30)
    before = _state(ctx)
    made = BackupService(ctx).create()
    assert made.path.parent == ctx.db.path.parent / "backups"
    assert made.reason == "manual" and made.children == 30 and made.size > 0
    assert made.path.name.startswith("school-") and made.path.name.endswith("-manual.sqlite")
    conn = sqlite3.connect(made.path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
    conn.close()
    path = ctx.db.path
    ctx.db.close()
    _damage(path)

    preview = BackupService.at(path).inspect(made.path)
    assert (preview.school, preview.code, preview.children) == ("大山小学", "522401001", 30)
    assert not preview.upgrade and not preview.encrypted
    report = BackupService.at(path).restore(made.path)
    assert report.children == 30 and report.safety_backup is not None
    assert report.safety_backup.exists()
    assert "大山小学" in report.message
    again = _reopen(path)
    try:
        assert _state(again) == before
        with again.db.session(write=False) as s:
            check = s.connection().exec_driver_sql("PRAGMA integrity_check").fetchall()
        assert check == [("ok",)]
    finally:
        again.db.close()


def test_restore_through_an_open_service_closes_it_and_keeps_wal_consistent(
    ctx: ServiceContext,
) -> None:
    kids = _fill(ctx, 3)
    before = _state(ctx)
    made = BackupService(ctx).create()
    edit_guardian_phone(ctx, kids[0], "13500000001")  # after the backup: undone by restoring
    ArchiveService(ctx).create(make_archive(ArchiveService(ctx).schools()[0].id, "后来", serial=9))
    reader = sqlite3.connect(ctx.db.path)  # another program keeps the file open meanwhile
    try:
        report = BackupService(ctx).restore(made.path)
        assert report.children == 3 and not report.replaced_file
        # the other connection sees the restored state, not a mix
        assert reader.execute("SELECT COUNT(*) FROM child").fetchone()[0] == 3
        assert reader.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        reader.close()
    again = _reopen(ctx.db.path)
    try:
        assert _state(again) == before
    finally:
        again.db.close()


def test_a_backup_while_another_connection_writes_is_a_committed_state(
    ctx: ServiceContext,
) -> None:
    _fill(ctx, 2)
    stop = threading.Event()
    written = [0]
    failures: list[BaseException] = []

    def writer() -> None:
        conn = sqlite3.connect(ctx.db.path, isolation_level=None, timeout=30)
        try:
            i = 0
            while not stop.is_set():
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [(f"probe-{i}-{j}", "x" * 200) for j in range(5)],
                )
                conn.execute("COMMIT")
                i += 1
                written[0] = i
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 20:  # the writer is well under way
            stop.wait(0.01)
        counts = []
        for _ in range(5):
            made = BackupService(ctx).create()
            conn = sqlite3.connect(made.path)
            try:
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                count = conn.execute(
                    "SELECT COUNT(*) FROM meta WHERE key LIKE 'probe-%'"
                ).fetchone()[0]
            finally:
                conn.close()
            assert count % 5 == 0  # whole transactions only
            counts.append(count)
    finally:
        stop.set()
        thread.join()
    assert not failures
    assert counts == sorted(counts) and counts[-1] > 0
    assert counts[-1] <= written[0] * 5


def test_rotation_keeps_seven_daily_and_four_weekly_over_sixty_days(
    ctx: ServiceContext,
) -> None:
    start = dt.datetime(2026, 9, 1, 8, 30)
    clock = [start]
    service = BackupService(ctx, now=lambda: clock[0])
    for day in range(60):
        clock[0] = start + dt.timedelta(days=day)
        made = service.auto()
        assert made is not None and made.reason == "auto"
        clock[0] += dt.timedelta(hours=5)
        assert service.auto() is None  # today's exists: nothing made
        if day >= 35:  # four weeks older than the daily ones exist
            autos = [b for b in service.list() if b.reason == "auto"]
            assert len(autos) == KEEP_DAILY + KEEP_WEEKLY
    autos = [b for b in service.list() if b.reason == "auto"]
    days = [b.created_at.date() for b in autos]
    last = (start + dt.timedelta(days=59)).date()
    assert days[:KEEP_DAILY] == [last - dt.timedelta(days=i) for i in range(KEEP_DAILY)]
    weekly = days[KEEP_DAILY:]
    weeks = {d.isocalendar()[:2] for d in weekly}
    assert len(weekly) == KEEP_WEEKLY and len(weeks) == KEEP_WEEKLY
    assert all(d < days[KEEP_DAILY - 1] for d in weekly)
    assert max(weekly) >= last - dt.timedelta(days=KEEP_DAILY + 7)  # no gap before them

    # manual and before-import backups are not rotated with them: the newest 10 of each
    for i in range(KEEP_PER_KIND + 2):
        clock[0] = start + dt.timedelta(days=60, minutes=i)
        service.create()
        service.before_import()
    kinds = [b.reason for b in service.list()]
    assert kinds.count("manual") == KEEP_PER_KIND
    assert kinds.count("before-import") == KEEP_PER_KIND
    assert kinds.count("auto") == KEEP_DAILY + KEEP_WEEKLY
    newest_manual = max(b.created_at for b in service.list() if b.reason == "manual")
    assert newest_manual == start + dt.timedelta(days=60, minutes=KEEP_PER_KIND + 1)


def test_list_newest_first_with_children(ctx: ServiceContext) -> None:
    _fill(ctx, 2)
    clock = [dt.datetime(2026, 11, 1, 9, 0)]
    service = BackupService(ctx, now=lambda: clock[0])
    service.auto()
    ArchiveService(ctx).create(make_archive(ArchiveService(ctx).schools()[0].id, "三", serial=50))
    clock[0] = dt.datetime(2026, 11, 1, 10, 0)
    service.create()
    (newest, oldest) = service.list()
    assert (newest.reason, newest.children) == ("manual", 3)
    assert (oldest.reason, oldest.children) == ("auto", 2)
    assert newest.to_json()["created_at"] == "2026-11-01T10:00:00"
    assert set(newest.to_json()) >= {"path", "created_at", "children", "reason", "size"}


def test_encrypted_backup_round_trip_and_wrong_passphrase(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    _fill(ctx, 5)
    before = _state(ctx)
    stick = tmp_path / "stick"
    stick.mkdir()
    made = BackupService(ctx).create_encrypted(stick, PASSPHRASE)
    assert made.path.suffix == ".lsbak" and made.encrypted and made.children == 5
    assert [p.name for p in stick.iterdir()] == [made.path.name]  # no temporary file left
    data = made.path.read_bytes()
    for secret in ("大山小学", "522401001", "学生0", "张大山", "13912345678"):
        assert secret.encode() not in data  # a lost stick reveals nothing
    assert b"SQLite format 3" not in data
    assert "大山" not in made.path.name
    assert not list((ctx.db.path.parent / "backups").glob("*usb*"))  # no plain copy left

    with pytest.raises(KnownError, match="口令不对"):
        BackupService(ctx).inspect(made.path, "wrong passphrase")
    with pytest.raises(KnownError, match="加密"):
        BackupService(ctx).inspect(made.path)
    preview = BackupService(ctx).inspect(made.path, PASSPHRASE)
    assert preview.encrypted and preview.children == 5 and preview.school == "大山小学"

    path = ctx.db.path
    ctx.db.close()
    _damage(path)
    with pytest.raises(KnownError, match="口令不对"):
        BackupService.at(path).restore(made.path, "wrong passphrase")
    BackupService.at(path).restore(made.path, PASSPHRASE)
    again = _reopen(path)
    try:
        assert _state(again) == before
    finally:
        again.db.close()
    assert not list(path.parent.joinpath("backups").glob(".restore-*"))  # decrypted copy gone


def test_a_damaged_or_truncated_encrypted_backup_is_refused(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    _fill(ctx, 1)
    made = BackupService(ctx).create_encrypted(tmp_path, PASSPHRASE)
    data = made.path.read_bytes()
    cut = tmp_path / "cut.lsbak"
    cut.write_bytes(data[: len(data) - 100])
    with pytest.raises(KnownError, match="损坏或不完整"):
        BackupService(ctx).inspect(cut, PASSPHRASE)
    flipped = bytearray(data)
    flipped[len(data) - 5000] ^= 0x40
    bad = tmp_path / "bad.lsbak"
    bad.write_bytes(bytes(flipped))
    with pytest.raises(KnownError, match="损坏或不完整"):
        BackupService(ctx).inspect(bad, PASSPHRASE)


def test_a_short_passphrase_is_refused(ctx: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="口令太短"):
        BackupService(ctx).create_encrypted(tmp_path, "1234567")
    assert list(tmp_path.glob("*.lsbak")) == []


def test_disk_full_gives_a_chinese_message_and_leaves_no_partial_file(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(ctx, 3)
    real = storage_backups.copy_pages

    def full(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
        real(src, dst)  # the pages are written, then the disk is full
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(storage_backups, "copy_pages", full)
    folder = ctx.db.path.parent / "backups"
    with pytest.raises(DiskFull, match="磁盘已满") as caught:
        BackupService(ctx).create()
    assert "清理" in caught.value.message
    assert not folder.exists() or list(folder.iterdir()) == []
    monkeypatch.setattr(storage_backups, "copy_pages", real)

    real_encrypt = backup_module.pyrage.encrypt_io

    def stick_full(src: object, out: object, recipients: object) -> None:
        out.write(b"x" * 1000)  # type: ignore[attr-defined]  # a file object
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module.pyrage, "encrypt_io", stick_full)
    stick = tmp_path / "stick"
    stick.mkdir()
    with pytest.raises(DiskFull, match="磁盘已满"):
        BackupService(ctx).create_encrypted(stick, PASSPHRASE)
    assert list(stick.iterdir()) == []
    assert not [p for p in folder.iterdir() if p.suffix != ".sqlite"] if folder.exists() else True
    monkeypatch.setattr(backup_module.pyrage, "encrypt_io", real_encrypt)
    # the database itself was never touched
    assert len(ArchiveService(ctx).list_children()) == 3


def test_a_damaged_database_is_not_backed_up(ctx: ServiceContext) -> None:
    _fill(ctx, 30)
    path = ctx.db.path
    ctx.db.close()
    _damage(path)
    with pytest.raises(KnownError, match="损坏"):
        BackupService.at(path).create()
    assert list((path.parent / "backups").glob("*.sqlite")) == []


def test_restoring_an_older_version_migrates_it(ctx: ServiceContext, tmp_path: Path) -> None:
    old = tmp_path / "old-backup.sqlite"
    shutil.copy(FIXTURES / "schema_0001.sqlite", old)
    service = BackupService(ctx)
    preview = service.inspect(old)
    assert preview.upgrade and preview.schema == "0001" and preview.children == 3
    report = service.restore(old)
    assert report.upgraded and report.children == 3
    again = _reopen(ctx.db.path)
    try:
        assert sorted(r.name for r in ArchiveService(again).list_children()) == sorted(
            ["王小芳", "张三", "李四"]
        )
    finally:
        again.db.close()


def test_restore_onto_a_new_computer_without_a_database(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    _fill(ctx, 2)
    before = _state(ctx)
    made = BackupService(ctx).create_encrypted(tmp_path, PASSPHRASE)
    target = tmp_path / "new-pc" / "liushou.sqlite"
    report = BackupService.at(target).restore(made.path, PASSPHRASE)
    assert report.safety_backup is None and report.children == 2
    again = _reopen(target)
    try:
        assert _state(again) == before
    finally:
        again.db.close()


def test_not_a_backup_and_a_locked_database_are_refused(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(KnownError, match="不是留守儿童档案的备份"):
        BackupService(ctx).inspect(junk)
    with pytest.raises(KnownError, match="正在使用的数据库本身"):
        BackupService(ctx).restore(ctx.db.path)

    kids = _fill(ctx, 1)
    made = BackupService(ctx).create()
    edit_guardian_phone(ctx, kids[0], "13500000002")
    monkeypatch.setattr(backup_module, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(ctx.db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked, match="另一个程序"):
            BackupService(ctx).restore(made.path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    again = _reopen(ctx.db.path)
    try:  # nothing was changed
        assert ArchiveService(again).get(kids[0]).guardian.phone == "13500000002"
    finally:
        again.db.close()


def test_imports_make_one_backup_first(ctx: ServiceContext, tmp_path: Path) -> None:
    from liushou_desktop.services.roster import RosterService

    csv = tmp_path / "roster.csv"
    csv.write_text(
        "姓名,性别,出生日期,年级,班级,监护人姓名,监护人电话\n王五,男,2016-05-01,3,1,王大,13912340000\n",
        encoding="utf-8",
    )
    service = RosterService(ctx)
    service.run(service.open(csv))
    (made,) = BackupService(ctx).list()
    assert made.reason == "before-import" and made.children == 0


# -- sync after a restore ---------------------------------------------------------------------
def test_a_restored_school_is_accepted_and_loses_nothing_done_after_the_backup(
    tmp_path: Path,
) -> None:
    town = township(tmp_path)
    a = school(tmp_path, "大山小学", "S001", children=3)
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")
    kids = [r.id for r in ArchiveService(a).list_children()]
    made = BackupService(a).create()

    edit_guardian_phone(a, kids[0], "13500000021")  # after the backup, reaches the township
    send(a, town, tmp_path / "s")
    edit_guardian_phone(town, kids[1], "13500000022")  # a township edit after the backup...
    send(town, a, tmp_path / "s", to="S001")  # ...which the school had received, too
    site_before = SyncService(a).enrollment()["site_id"]

    path = a.db.path
    a.db.close()
    _damage(path)  # the school's PC breaks
    report = BackupService.at(path).restore(made.path)
    assert report.new_site and report.new_site != site_before
    assert any("同步" in n for n in report.notes)
    a = _reopen(path)
    assert ArchiveService(a).get(kids[0]).guardian.phone != "13500000021"  # lost for now

    edit_guardian_phone(a, kids[2], "13500000023")  # new work on the restored copy
    out = SyncService(a).export_bundle(tmp_path / "after-restore.lsync")
    (result,) = SyncService(town).import_bundles([out.path])
    assert result.status == "merged", result.message  # not refused as site_collision
    send(town, a, tmp_path / "s", to="S001")  # everything comes back
    send(a, town, tmp_path / "s")
    send(town, a, tmp_path / "s", to="S001")

    assert ArchiveService(a).get(kids[0]).guardian.phone == "13500000021"
    assert ArchiveService(a).get(kids[1]).guardian.phone == "13500000022"
    assert ArchiveService(town).get(kids[2]).guardian.phone == "13500000023"
    assert disagreements(a, town) == []
    assert SyncService(town).conflicts() == []
    a.db.close()


def test_a_township_restore_keeps_its_identity_and_says_so(tmp_path: Path) -> None:
    town = township(tmp_path)
    made = BackupService(town).create()
    site = SyncService(town).enrollment()["site_id"]
    report = BackupService(town).restore(made.path)
    assert report.new_site is None and report.preview.mode == "township"
    assert any("乡镇" in n for n in report.notes)
    again = _reopen(town.db.path)
    try:
        assert SyncService(again).enrollment()["site_id"] == site
    finally:
        again.db.close()


def test_a_database_still_in_use_can_be_the_backup(ctx: ServiceContext, tmp_path: Path) -> None:
    from liushou_desktop.services.setup import init_school

    other = init_school(tmp_path / "copy" / "other.sqlite", "大山小学", "522401001")
    _fill(other, 3)  # still open: part of it may be only in its WAL
    try:
        assert Path(f"{other.db.path}-wal").exists()
        service = BackupService(ctx)
        assert service.inspect(other.db.path).children == 3
        assert service.restore(other.db.path).children == 3
    finally:
        other.db.close()
    assert not list((ctx.db.path.parent / "backups").glob(".restore-*"))
