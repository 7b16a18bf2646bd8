"""Killing the importer hard at any point leaves the database as it was before or after the
import — never in between — and importing again then works."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.demo import create_demo_database
from liushou_desktop.services.sync import SyncService
from liushou_desktop.storage.db import Database
from tests.sync.helpers import township

# What an import writes; wall-clock columns (when it was imported) are left out so that a
# second import compares equal to the first.
TABLES = {
    "op_log": "*",
    "field_stamp": "*",
    "child": "*",
    "guardian": "*",
    "parent": "*",
    "assessment": "*",
    "record": "*",
    "record_child": "*",
    "helper": "*",
    "pairing": "*",
    "blob": "sha256, size",
    "conflict": "id, kind, a_hlc, b_hlc",
    "peer": "site_id, school_id, held",
    "bundle_log": "bundle_id, direction, status",
    "meta": "key",
}

IMPORTER = """
import sys
from pathlib import Path
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.sync import SyncService
from liushou_desktop.storage.db import Database
ctx = ServiceContext(db=Database.open(Path(sys.argv[1])))
print("ready", flush=True)
SyncService(ctx).import_bundles([Path(sys.argv[2])])
print("done", flush=True)
"""


def digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        h = hashlib.sha256()
        for table, columns in TABLES.items():
            for row in sorted(repr(r) for r in conn.execute(f"SELECT {columns} FROM {table}")):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        conn.close()


@pytest.mark.slow
def test_a_killed_import_leaves_before_or_after(tmp_path: Path) -> None:
    town = township(tmp_path)
    town.db.close()
    school = create_demo_database(tmp_path / "school.sqlite", n=150, seed=3)
    SyncService(school).join(tmp_path / "township.json")
    bundle = SyncService(school).export_bundle(tmp_path / "b.lsync").path
    school.db.close()
    template = tmp_path / "township.sqlite"
    before = digest(template)
    done = tmp_path / "done.sqlite"
    shutil.copy(template, done)
    ctx = ServiceContext(db=Database.open(done))
    t0 = time.perf_counter()
    (result,) = SyncService(ctx).import_bundles([bundle])
    took = time.perf_counter() - t0
    ctx.db.close()
    assert result.status == "merged"
    after = digest(done)
    assert after != before
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    rng = random.Random(7)
    outcomes = set()
    for i in range(6):
        work = tmp_path / f"kill{i}"
        work.mkdir()
        db = work / "township.sqlite"
        shutil.copy(template, db)
        with subprocess.Popen(
            [sys.executable, "-c", IMPORTER, str(db), str(bundle)],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        ) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0, took * 1.2))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        state = digest(db)
        assert state in (before, after), f"kill {i}: half-written database"
        outcomes.add("before" if state == before else "after")
        ctx = ServiceContext(db=Database.open(db))
        (again,) = SyncService(ctx).import_bundles([bundle])
        ctx.db.close()
        assert again.status in ("merged", "duplicate")
        assert digest(db) == after
    assert "before" in outcomes  # the kills did land during the import
