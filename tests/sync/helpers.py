"""Building townships and schools, exchanging bundles, and comparing copies."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

from liushou_desktop.domain.enums import Sex
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.changes import ENTITY_TABLES
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.setup import init_school
from liushou_desktop.services.sync import ImportResult, SyncService, init_township
from tests.conftest import TODAY, make_archive

SNAPSHOT_SKIP = {"school_id"}  # compared separately (ownership)


def township(tmp: Path, name: str = "城关镇", code: str = "T01") -> ServiceContext:
    ctx = init_township(tmp / "township.sqlite", name, code, author="乡镇专干")
    ctx.today = lambda: TODAY
    SyncService(ctx).write_enrollment(tmp / "township.json")
    return ctx


def school(
    tmp: Path, name: str, code: str, children: int = 2, *, join: bool = True
) -> ServiceContext:
    ctx = init_school(tmp / f"{code}.sqlite", name, code, author=f"{name}老师")
    ctx.today = lambda: TODAY
    service = ArchiveService(ctx)
    school_id = service.schools()[0].id
    for i in range(children):
        sex = Sex.MALE if i % 2 == 0 else Sex.FEMALE
        service.create(
            make_archive(school_id, f"{name[:2]}孩{i}", sex=sex, serial=int(code[-3:]) * 10 + i)
        )
    if join:
        SyncService(ctx).join(tmp / "township.json")
    return ctx


def send(
    src: ServiceContext, dst: ServiceContext, folder: Path, to: str | None = None
) -> ImportResult:
    """Export a bundle from ``src`` and import it at ``dst``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = SyncService(src).export_bundle(folder, to)
    (result,) = SyncService(dst).import_bundles([out.path])
    assert result.status in ("merged", "duplicate"), result.message
    return result


def code_of(ctx: ServiceContext) -> str:
    return ArchiveService(ctx).schools()[0].code


def rows(ctx: ServiceContext) -> dict[str, dict[str, tuple[Any, ...]]]:
    """Every entity row by table and id (plus record_child links), as stored."""
    conn = sqlite3.connect(ctx.db.path)
    try:
        out: dict[str, dict[str, tuple[Any, ...]]] = {}
        for entity, model in ENTITY_TABLES.items():
            table = model.__tablename__
            cols = [c.name for c in model.__table__.columns]
            data = {}
            for r in conn.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                values = dict(zip(cols, r, strict=True))
                for k, v in values.items():
                    if isinstance(v, str) and v[:1] in "[{":
                        with contextlib.suppress(ValueError):
                            values[k] = json.dumps(
                                json.loads(v), sort_keys=True, ensure_ascii=False
                            )
                data[str(values["id"])] = tuple(sorted(values.items()))
            out[entity] = data
        out["record_child"] = {
            f"{a}|{b}": (a, b)
            for a, b in conn.execute("SELECT record_id, child_id FROM record_child")
        }
        return out
    finally:
        conn.close()


def disagreements(a: ServiceContext, b: ServiceContext) -> list[str]:
    """Rows both copies hold but with different values."""
    ra, rb = rows(a), rows(b)
    problems = []
    for table in ra:
        for key in ra[table].keys() & rb[table].keys():
            if ra[table][key] != rb[table][key]:
                problems.append(f"{table} {key}: {ra[table][key]} != {rb[table][key]}")
    return problems


def child_ids(ctx: ServiceContext, school_code: str | None = None) -> set[str]:
    conn = sqlite3.connect(ctx.db.path)
    try:
        sql = "SELECT c.id FROM child c JOIN school s ON s.id = c.school_id"
        params: tuple[str, ...] = ()
        if school_code:
            sql += " WHERE s.code = ?"
            params = (school_code,)
        return {r[0] for r in conn.execute(sql, params)}
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    """The logical content of a database file (to show it did not change) — all but the audit
    trail, where a refused bundle is itself recorded (see :func:`audit_entries`)."""
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if not line.startswith('INSERT INTO "audit"')]
    finally:
        conn.close()


def audit_entries(path: Path) -> list[tuple[str, str]]:
    """(action, outcome) of every audit entry, oldest first."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT action, outcome FROM audit ORDER BY at, id").fetchall()
    finally:
        conn.close()


def edit_guardian_phone(ctx: ServiceContext, child_id: str, phone: str) -> None:
    service = ArchiveService(ctx)
    archive = service.get(child_id)
    service.save(
        dataclasses.replace(archive, guardian=dataclasses.replace(archive.guardian, phone=phone))
    )
