"""Bundles of format version 1, made by the code of their day, stay importable."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.sync import SyncService, init_township
from liushou_desktop.storage.db import Database

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "bundles_v1"


def test_golden_v1_school_bundle_imports(tmp_path: Path) -> None:
    identity = json.loads((GOLDEN / "township-identity.json").read_text())
    expected = json.loads((GOLDEN / "expected.json").read_text())
    ctx = init_township(tmp_path / "t.sqlite", identity["unit_name"], identity["unit_code"])
    ctx.db.close()
    conn = sqlite3.connect(tmp_path / "t.sqlite")
    for key in ("site_id", "sign_private", "age_identity"):
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (identity[key], key))
    conn.commit()
    conn.close()
    ctx = ServiceContext(db=Database.open(tmp_path / "t.sqlite"))
    bundle = tmp_path / "golden.lsync"
    shutil.copy(GOLDEN / "school-to-township.lsync", bundle)  # the fixture stays untouched
    (result,) = SyncService(ctx).import_bundles([bundle])
    assert result.status == "merged", result.message
    assert result.applied == expected["ops"]
    names = sorted(r.name for r in ArchiveService(ctx).list_children())
    assert names == expected["children"]
    records = CareService(ctx).records()
    assert [r.summary for r in records] == expected["records"]
    assert records[0].attachments[0].filename == expected["attachment"]
    assert len(records[0].child_ids) == 2
    (again,) = SyncService(ctx).import_bundles([bundle])
    assert again.status == "duplicate"
    ctx.db.close()
