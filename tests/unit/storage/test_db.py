import shutil
import sqlite3
from pathlib import Path

import pytest

from liushou_desktop.domain.errors import DatabaseMissing, DatabaseTooNew, NotALiushouDatabase
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.storage.db import APPLICATION_ID, Database, backup_copy, head_revision

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_new_database_has_pragmas_and_our_mark(tmp_path):
    db = Database.create(tmp_path / "a.sqlite")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
    db.close()


def test_missing_file(tmp_path):
    with pytest.raises(DatabaseMissing, match="找不到"):
        Database.open(tmp_path / "nope.sqlite")


def test_a_text_file_is_refused(tmp_path):
    p = tmp_path / "x.sqlite"
    p.write_text("hello" * 100)
    with pytest.raises(NotALiushouDatabase, match="不是"):
        Database.open(p)


def test_another_programs_sqlite_is_refused(tmp_path):
    p = tmp_path / "other.sqlite"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(NotALiushouDatabase, match="别的程序"):
        Database.open(p)


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    p = tmp_path / "new.sqlite"
    Database.create(p).close()
    con = sqlite3.connect(p)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseTooNew, match="更新版本"):
        Database.open(p)


def test_frozen_first_schema_database_opens_and_reads(tmp_path):
    """A database written by the first schema version (kept frozen) opens with today's code."""
    p = tmp_path / "v1.sqlite"
    shutil.copy(FIXTURES / "schema_0001.sqlite", p)
    db = Database.open(p)
    service = ArchiveService(ServiceContext(db=db))
    rows = service.list_children()
    assert sorted(r.name for r in rows) == sorted(["王小芳", "张三", "李四"])
    assert service.schools()[0].name == "大山小学"
    assert any(h.field == "联系电话" and not h.created for r in rows for h in service.history(r.id))
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            head_revision()
        )
    db.close()
    # the file was migrated, after a consistent copy of the old one was written beside it
    assert head_revision() != "0001"
    (backup,) = (tmp_path / "backups").glob("v1-*-before-migration.sqlite")
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert con.execute("SELECT COUNT(*) FROM child").fetchone()[0] == 3
    con.close()


def test_backup_is_a_consistent_copy(tmp_path, ctx, service, school_id):
    from tests.conftest import make_archive

    service.create(make_archive(school_id))
    copy = backup_copy(ctx.db.path, "manual")
    assert copy.parent.name == "backups"
    con = sqlite3.connect(copy)
    assert con.execute("SELECT COUNT(*) FROM child").fetchone()[0] == 1
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_reads_go_on_while_another_program_writes_and_a_write_says_locked(tmp_path, monkeypatch):
    from liushou_desktop.domain.errors import DatabaseLocked
    from liushou_desktop.services.setup import init_school
    from liushou_desktop.storage import db as db_module
    from tests.conftest import make_archive

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    ctx = init_school(tmp_path / "s.sqlite", "大山小学", "522401001")
    service = ArchiveService(ctx)
    school = service.schools()[0].id
    kept = service.create(make_archive(school)).child_id
    other = sqlite3.connect(ctx.db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE meta SET value = value WHERE key = 'mode'")
    try:
        assert [r.id for r in service.list_children()] == [kept]  # reading is not blocked
        archive = service.get(kept)
        archive.guardian.phone = "13800138000"
        with pytest.raises(DatabaseLocked, match="另一个程序"):
            service.save(archive)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert service.get(kept).guardian.phone == "13912345678"  # nothing half-written
    service.save(archive)  # once the other program is done, saving works
    assert service.get(kept).guardian.phone == "13800138000"
    ctx.db.close()


def test_a_read_only_file_is_reported(tmp_path):
    p = tmp_path / "ro.sqlite"
    Database.create(p).close()
    db = Database.open(p)
    assert db.writable
    p.chmod(0o444)
    try:
        import os

        assert db.writable is (os.geteuid() == 0)  # root may write anything
    finally:
        p.chmod(0o644)
        db.close()


def test_migrations_build_exactly_the_tables_the_models_declare(tmp_path):
    """A schema change must come with its migration: migrate the frozen v1 file and compare."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    p = tmp_path / "v1.sqlite"
    shutil.copy(FIXTURES / "schema_0001.sqlite", p)
    db = Database.open(p)
    with db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    db.close()
    assert diffs == []


def test_the_head_revision_constant_is_alembics_head():
    from liushou_desktop.storage.db import HEAD_REVISION

    assert head_revision() == HEAD_REVISION
