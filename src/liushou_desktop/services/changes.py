"""Writing rows together with their operation-log entries, in one transaction.

Every write goes through :class:`ChangeWriter`: it stamps the change with the hybrid logical
clock, gives it the next gapless sequence number of this site, records the stamp it replaced,
and keeps ``field_stamp`` current. The history view, the audit trail and the sync feed all
read the same log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, insert, update
from sqlmodel import Session
from uuid6 import uuid7

from ..domain.archive import ENTITY_GROUPS
from ..domain.care import CARE_ENTITY_GROUPS
from ..storage import models
from ..storage.db import json_text
from ..sync.hlc import HybridLogicalClock, Stamp

ENTITY_TABLES: dict[str, Any] = {
    "child": models.Child,
    "guardian": models.Guardian,
    "parent": models.Parent,
    "assessment": models.Assessment,
    "school": models.School,
    "class": models.SchoolClass,
    "helper": models.Helper,
    "pairing": models.Pairing,
    "plan_review": models.PlanReview,
    "record": models.Record,
    "attachment": models.Attachment,
    "appointment": models.Appointment,
    "term": models.Term,
    "duty_rule": models.DutyRule,
    "incident": models.Incident,
    "dropout": models.Dropout,
    "dropout_attempt": models.DropoutAttempt,
    "screening": models.Screening,
}
GROUPS: dict[str, dict[str, tuple[str, ...]]] = {**ENTITY_GROUPS, **CARE_ENTITY_GROUPS}

# Columns worked out from others, not logged: recomputed where a row is built from ops.
DERIVED: dict[str, frozenset[str]] = {
    "child": frozenset({"name_pinyin"}),
    "assessment": frozenset({"hlc"}),
}
KEY_GROUP = "key"
# The columns no field group holds (a guardian's child_id, a child's school_id …): logged once
# as the ``key`` group when a row is made, so another copy can build the row. A child's
# ``school_id`` is its owner: only the township changes it (a transfer), as a new ``key`` op.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    entity: tuple(
        c.name
        for c in model.__table__.columns
        if c.name != "id"
        and c.name not in DERIVED.get(entity, frozenset())
        and not any(c.name in names for names in GROUPS[entity].values())
    )
    for entity, model in ENTITY_TABLES.items()
}
# Rows written once and never changed (a correction is a new row): no field_stamp, since
# nothing ever replaces their stamp, and the township's merge of a million records is faster.
APPEND_ONLY = frozenset({"record", "attachment", "assessment", "plan_review", "dropout_attempt"})
DELETED = "已删除"  # the status value that hides a child (a tombstone; undelete restores it)

META_SITE_ID = "site_id"
META_MODE = "mode"
MODE_SCHOOL = "school"
MODE_TOWNSHIP = "township"
META_HLC = "hlc_last"
META_SEQ = "site_seq"


# The parts of a child's archive a delete hides (and that can race it).
CHILD_PARTS = frozenset({"child", "guardian", "parent"})


def table_of(model: Any) -> Table:
    """The Core table of a SQLModel class (Core executemany is the fast path for many rows)."""
    return cast(Table, model.__table__)


def new_id() -> str:
    """A UUIDv7 key, made locally. Never order by it: PC clocks are wrong."""
    return str(uuid7())


_PLAIN = (str, int, bool, float, type(None), list)


def to_json_value(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


@dataclass
class Changes:
    """What a service call changed, so views refresh only that."""

    children: set[str] = field(default_factory=set)
    schools: bool = False
    classes: bool = False

    def __bool__(self) -> bool:
        return bool(self.children) or self.schools or self.classes


def read_meta(session: Session, key: str) -> str | None:
    row = session.get(models.Meta, key)
    return row.value if row is not None else None


def read_mode(session: Session) -> str:
    """Whether this database is a school's (``MODE_SCHOOL``, also when unset) or a township's."""
    return read_meta(session, META_MODE) or MODE_SCHOOL


def write_meta(session: Session, key: str, value: str) -> None:
    row = session.get(models.Meta, key)
    if row is None:
        session.add(models.Meta(key=key, value=value))
    else:
        row.value = value


class ChangeWriter:
    """Writes rows and their op-log entries within one session (one transaction)."""

    def __init__(self, session: Session, author: str) -> None:
        self.session = session
        self.author = author
        site = read_meta(session, META_SITE_ID)
        if site is None:
            raise RuntimeError("database has no site id (not initialised)")
        self.site_id = site
        last = read_meta(session, META_HLC)
        self.clock = HybridLogicalClock(Stamp.decode(last) if last else Stamp(0, 0))
        self.seq = int(read_meta(session, META_SEQ) or 0)
        self._ops: list[dict[str, Any]] = []
        self._stamps: dict[tuple[str, str, str], tuple[str, str]] = {}
        self.changes = Changes()

    # -- rows ---------------------------------------------------------------------------------
    def insert(self, entity: str, values: Mapping[str, Any], child_id: str | None) -> None:
        """Insert a new row and log every field group of it."""
        table = ENTITY_TABLES[entity]
        derived = self.log_new(entity, values, child_id)
        self.session.execute(insert(table).values(**{**values, **derived}))

    def log_new(
        self, entity: str, values: Mapping[str, Any], child_id: str | None
    ) -> dict[str, Any]:
        """Log every field group of a new row (the row itself is written by the caller).

        Returns the derived columns worked out from the log: an assessment's ``hlc`` is the
        stamp of its op, so every copy orders two assessments of one day alike."""
        derived: dict[str, Any] = {}
        for i, (group, names) in enumerate(GROUPS[entity].items()):
            payload = {n: values[n] for n in names}
            self._log(entity, str(values["id"]), child_id, group, payload, new=True)
            if i == 0 and entity == "assessment":
                derived["hlc"] = self._ops[-1]["hlc"]
        if KEY_COLUMNS[entity]:
            payload = {n: values[n] for n in KEY_COLUMNS[entity]}
            self._log(entity, str(values["id"]), child_id, KEY_GROUP, payload, new=True)
        self._note(entity, child_id)
        return derived

    def update_key(
        self, entity: str, entity_id: str, values: Mapping[str, Any], child_id: str | None
    ) -> None:
        """Rewrite a row's key columns (the township's transfer of a child to another school)."""
        table = ENTITY_TABLES[entity]
        self.session.execute(update(table).where(table.id == entity_id).values(**values))
        self._log(entity, entity_id, child_id, KEY_GROUP, dict(values))
        self._note(entity, child_id)

    def update(
        self,
        entity: str,
        entity_id: str,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        child_id: str | None,
        extra: Mapping[str, Any] | None = None,
    ) -> list[str]:
        """Write the field groups whose values differ; return the groups that changed.

        ``extra`` holds derived columns (not logged) to write along with a change."""
        changed: list[str] = []
        values: dict[str, Any] = {}
        for group, names in GROUPS[entity].items():
            if any(_norm(old.get(n)) != _norm(new.get(n)) for n in names):
                changed.append(group)
                for n in names:
                    values[n] = new.get(n)
                self._log(entity, entity_id, child_id, group, {n: new.get(n) for n in names})
        if changed:
            if extra:
                values.update(extra)
            table = ENTITY_TABLES[entity]
            self.session.execute(update(table).where(table.id == entity_id).values(**values))
            self._note(entity, child_id)
        return changed

    def log_only(
        self,
        entity: str,
        entity_id: str,
        child_id: str | None,
        group: str,
        payload: Mapping[str, Any],
    ) -> None:
        """Log a change whose row the caller writes itself (a decision on a conflict)."""
        self._log(entity, entity_id, child_id, group, payload)

    # -- log ----------------------------------------------------------------------------------
    def _note(self, entity: str, child_id: str | None) -> None:
        if child_id is not None:
            self.changes.children.add(child_id)
        if entity == "school":
            self.changes.schools = True
        if entity == "class":
            self.changes.classes = True

    def _log(
        self,
        entity: str,
        entity_id: str,
        child_id: str | None,
        group: str,
        payload: Mapping[str, Any],
        new: bool = False,
    ) -> None:
        key = (entity, entity_id, group)
        prev = ("", "") if new else self._stamps.get(key)
        if prev is None:
            row = self.session.get(models.FieldStamp, key)
            prev = (row.hlc, row.site_id) if row is not None else ("", "")
        context = None if new else self._context(entity, entity_id, child_id, group, payload)
        stamp = self.clock.now().encode()
        self.seq += 1
        self._ops.append(
            {
                "site_id": self.site_id,
                "site_seq": self.seq,
                "hlc": stamp,
                "entity": entity,
                "entity_id": entity_id,
                "child_id": child_id,
                "field_group": group,
                "payload": {
                    k: v if type(v) in _PLAIN else to_json_value(v) for k, v in payload.items()
                },
                "prev_hlc": prev[0],
                "prev_site": prev[1],
                "author": self.author,
                "wall_time": dt.datetime.now(dt.UTC),
                "context": context,
                "held_back": False,
            }
        )
        self._stamps[key] = (stamp, self.site_id)

    def _stamp_of(self, entity: str, entity_id: str, group: str) -> str:
        key = (entity, entity_id, group)
        got = self._stamps.get(key)
        if got is None:
            row = self.session.get(models.FieldStamp, key)
            got = (row.hlc, row.site_id) if row is not None else ("", "")
        return f"{got[0]}/{got[1]}" if got[0] else ""

    def _context(
        self,
        entity: str,
        entity_id: str,
        child_id: str | None,
        group: str,
        payload: Mapping[str, Any],
    ) -> dict[str, Any] | None:
        """What the writer had seen, so a merge can tell a delete that raced an edit.

        A delete (status 已删除) lists the stamps of the child's, guardian's and parents' field
        groups; an edit of them names the status stamp it saw."""
        if child_id is None or entity not in CHILD_PARTS:
            return None
        if entity == "child" and group == "status":
            if payload.get("status") != DELETED:
                return None
            seen = {
                f"{e}:{i}:{g}": f"{h}/{site}"
                for e, i, g, h, site in self.session.connection().exec_driver_sql(
                    "SELECT entity, entity_id, field_group, hlc, site_id FROM field_stamp "
                    "WHERE (entity = 'child' AND entity_id = ?) OR (entity = 'guardian' AND "
                    "entity_id IN (SELECT id FROM guardian WHERE child_id = ?)) OR (entity = "
                    "'parent' AND entity_id IN (SELECT id FROM parent WHERE child_id = ?))",
                    (child_id, child_id, child_id),
                )
            }
            for (e, i, g), (h, site) in self._stamps.items():
                if (e == "child" and i == child_id) or e in ("guardian", "parent"):
                    seen[f"{e}:{i}:{g}"] = f"{h}/{site}"
            seen.pop(f"child:{child_id}:status", None)
            return {"seen": seen}
        status = self._stamp_of("child", child_id, "status")
        return {"status": status} if status else None

    def flush(self) -> Changes:
        """Write the collected log entries, stamps and clock state (call before commit)."""
        if self._ops:
            conn = self.session.connection()
            # Plain executemany with the values as SQLAlchemy would store them (JSON text,
            # the SQLite DATETIME text): its per-value processing was most of an import's time.
            conn.exec_driver_sql(_INSERT_OP, [_op_row(op) for op in self._ops])
            rows = [
                (k[0], k[1], k[2], v[0], v[1])
                for k, v in self._stamps.items()
                if k[0] not in APPEND_ONLY
            ]
            if rows:
                conn.exec_driver_sql(
                    "INSERT OR REPLACE INTO field_stamp (entity, entity_id, field_group, hlc, "
                    "site_id) VALUES (?, ?, ?, ?, ?)",
                    rows,
                )
            write_meta(self.session, META_HLC, self.clock.last.encode())
            write_meta(self.session, META_SEQ, str(self.seq))
            self._ops.clear()
            self._stamps.clear()
        return self.changes


_OP_COLUMNS = (
    "site_id",
    "site_seq",
    "hlc",
    "entity",
    "entity_id",
    "child_id",
    "field_group",
    "payload",
    "prev_hlc",
    "prev_site",
    "author",
    "wall_time",
    "context",
    "held_back",
)
_INSERT_OP = (
    f"INSERT INTO op_log ({', '.join(_OP_COLUMNS)}) VALUES ({', '.join('?' * len(_OP_COLUMNS))})"
)


_SECONDS: dict[int, str] = {}


def _sqlite_time(when: dt.datetime) -> str:
    """``when`` as SQLite DATETIME text (what SQLAlchemy writes). strftime per op was a tenth
    of a large import; the ops of one write share a few seconds, so those are formatted once."""
    second = int(when.timestamp())
    head = _SECONDS.get(second)
    if head is None:
        if len(_SECONDS) > 1000:
            _SECONDS.clear()
        head = _SECONDS[second] = when.strftime("%Y-%m-%d %H:%M:%S")
    return f"{head}.{when.microsecond:06d}"


def _op_row(op: Mapping[str, Any]) -> tuple[Any, ...]:
    """An op-log entry as the row SQLAlchemy writes: JSON as compact UTF-8 text (``None`` as
    ``null``, as its JSON type does), the time as SQLite DATETIME text, the flag as 0/1."""
    return (
        op["site_id"],
        op["site_seq"],
        op["hlc"],
        op["entity"],
        op["entity_id"],
        op["child_id"],
        op["field_group"],
        json_text(op["payload"]),
        op["prev_hlc"],
        op["prev_site"],
        op["author"],
        _sqlite_time(op["wall_time"]),
        "null" if op["context"] is None else json_text(op["context"]),
        1 if op["held_back"] else 0,
    )


def _norm(value: object) -> object:
    """Compare values as they are logged (dates as text, tuples as lists, None as empty)."""
    v = to_json_value(value)
    return "" if v is None else v


def bulk_insert(
    session: Session, writer: ChangeWriter, rows: Iterable[tuple[str, dict[str, Any], str | None]]
) -> None:
    """Insert many new rows with Core executemany (the fast path for demo data and imports)."""
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for entity, values, child_id in rows:
        derived = writer.log_new(entity, values, child_id)
        by_entity.setdefault(entity, []).append({**values, **derived} if derived else values)
    for entity in ENTITY_TABLES:  # parents before children: the order foreign keys need
        if by_entity.get(entity):
            session.connection().execute(insert(table_of(ENTITY_TABLES[entity])), by_entity[entity])
