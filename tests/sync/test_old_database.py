"""A database made with schema 0002 (before sync) is migrated: every row gets its key op, and
it can join a township and send a bundle that builds the same rows there."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from liushou_desktop.services.changes import ENTITY_TABLES, KEY_COLUMNS
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.sync import SyncService
from liushou_desktop.storage.db import Database
from tests.sync.helpers import disagreements, township

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema_0002.sqlite"


def test_a_schema_0002_school_migrates_and_syncs(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    ctx = ServiceContext(db=Database.open(path), author="老师")
    conn = sqlite3.connect(path)
    try:
        for entity, columns in KEY_COLUMNS.items():
            if not columns:
                continue
            table = ENTITY_TABLES[entity].__tablename__
            rows = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            keys = conn.execute(
                "SELECT COUNT(DISTINCT entity_id) FROM op_log WHERE entity = ? AND field_group = 'key'",
                (entity,),
            ).fetchone()[0]
            assert keys == rows, entity
        seqs = [r[0] for r in conn.execute("SELECT site_seq FROM op_log ORDER BY site_seq")]
        assert seqs == list(range(1, len(seqs) + 1))  # still gapless
    finally:
        conn.close()
    town = township(tmp_path)
    sync = SyncService(ctx)
    sync.join(tmp_path / "township.json")
    out = sync.export_bundle(tmp_path / "old.lsync")
    (result,) = SyncService(town).import_bundles([out.path])
    assert result.status == "merged", result.message
    assert disagreements(ctx, town) == []
    ctx.db.close()
