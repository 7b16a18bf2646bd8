"""Merging operations from another copy into this database, in the caller's transaction.

The rules (docs/architecture.md, "Merge"):

* An op is known by (site id, site sequence); a known op is skipped, so importing twice
  changes nothing. The same (site, sequence) with a different stamp means the sender's
  database was restored from an old backup or copied: refused (:class:`SiteCollision`).
* Each (entity, id, field group) takes the op with the greatest (stamp, site): last writer
  wins, whatever order ops arrive in, so every copy converges.
* A conflict is a fork: two ops on one field group that replaced the same stamp (the edits
  were made without seeing each other) and differ. A delete (status 已删除) and an edit of the
  same child that did not see each other are a conflict too, as is (at the township) an edit by
  a school that no longer owned the child. Conflict ids are made from the two sides, so every
  copy records each pair exactly once, whatever order it saw them in.
* An op stamped more than :data:`FUTURE_LIMIT_MS` ahead of this copy's clock is kept but held
  back (not applied, not allowed to move the clock) and shown as a conflict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Boolean

from ..domain.errors import KnownError
from ..domain.pinyin import search_key
from .changes import (
    APPEND_ONLY,
    CHILD_PARTS,
    DELETED,
    ENTITY_TABLES,
    GROUPS,
    KEY_COLUMNS,
    KEY_GROUP,
)

SITE, SEQ, HLC, ENTITY, EID, CHILD, GROUP, PAYLOAD, PREV_HLC, PREV_SITE, AUTHOR, WALL, CONTEXT = (
    range(13)
)
OP_FIELDS = 13
OP_COLUMNS = (
    "site_id, site_seq, hlc, entity, entity_id, child_id, field_group, payload, prev_hlc, "
    "prev_site, author, wall_time, context"
)
FUTURE_LIMIT_MS = 2 * 24 * 3600 * 1000  # two days ahead of this copy's clock

CONFLICT_ENTITY = "conflict"  # a decision on a conflict travels as an op on this entity
DECISION_GROUP = "decision"
DECISION_FIELDS = ("decision", "decided_by", "decided_on", "note")

# Parents before children: the order foreign keys need when rows are built from ops.
ENTITY_ORDER = (
    "school",
    "class",
    "child",
    "guardian",
    "parent",
    "assessment",
    "helper",
    "pairing",
    "plan_review",
    "record",
    "attachment",
    "appointment",
    "term",
    "duty_rule",
    "incident",
    "dropout",
    "dropout_attempt",
    "screening",
)
assert set(ENTITY_ORDER) == set(ENTITY_TABLES)

KIND_CONCURRENT = "同时修改"
KIND_DELETE = "删除与修改"
KIND_NON_OWNER = "非本校修改"
KIND_FUTURE = "未来时间"
KIND_DUPLICATE = "疑似重复儿童"


class SiteCollision(KnownError):
    """The sender reused sequence numbers we already hold with other content."""


class IncompleteBundle(KnownError):
    """The ops cannot build a row (a group or a referenced row is missing)."""


def _table_name(entity: str) -> str:
    return str(ENTITY_TABLES[entity].__tablename__)


def _columns(entity: str) -> dict[str, Any]:
    return {c.name: c for c in ENTITY_TABLES[entity].__table__.columns}


JSON_COLUMNS = {
    e: frozenset(n for n, c in _columns(e).items() if isinstance(c.type, JSON))
    for e in ENTITY_TABLES
}
BOOL_COLUMNS = {
    e: frozenset(n for n, c in _columns(e).items() if isinstance(c.type, Boolean))
    for e in ENTITY_TABLES
}
# Nullable foreign keys that may point at a row this copy does not hold (a transferred child's
# record names a classmate who stayed behind): stored as NULL here.
OPTIONAL_REFS: dict[tuple[str, str], str] = {
    ("helper", "child_id"): "child",
    ("record", "helper_id"): "helper",
    ("record", "corrects"): "record",
    ("appointment", "helper_id"): "helper",
    ("appointment", "record_id"): "record",
}
REQUIRED_REFS: dict[tuple[str, str], str] = {
    ("class", "school_id"): "school",
    ("child", "school_id"): "school",
    ("guardian", "child_id"): "child",
    ("parent", "child_id"): "child",
    ("assessment", "child_id"): "child",
    ("helper", "school_id"): "school",
    ("pairing", "helper_id"): "helper",
    ("pairing", "child_id"): "child",
    ("plan_review", "pairing_id"): "pairing",
    ("record", "school_id"): "school",
    ("attachment", "record_id"): "record",
    ("appointment", "child_id"): "child",
    ("term", "school_id"): "school",
    ("duty_rule", "school_id"): "school",
    ("incident", "child_id"): "child",
    ("dropout", "child_id"): "child",
    ("dropout_attempt", "dropout_id"): "dropout",
    ("screening", "child_id"): "child",
}


def _db_value(entity: str, name: str, value: Any) -> Any:
    if name in JSON_COLUMNS[entity]:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if name in BOOL_COLUMNS[entity] and value is not None:
        return int(bool(value))
    return value


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(value: Any) -> str:
    return _ENCODER.encode(value)


def _as_int(value: Any) -> Any:
    return None if value is None else int(bool(value))


def _converters(entity: str, names: Sequence[str]) -> list[tuple[int, Callable[[Any], Any]]]:
    """For the columns that need it (JSON, booleans), their position and converter."""
    out: list[tuple[int, Callable[[Any], Any]]] = []
    for i, n in enumerate(names):
        if n in JSON_COLUMNS[entity]:
            out.append((i, dumps))
        elif n in BOOL_COLUMNS[entity]:
            out.append((i, _as_int))
    return out


def _db_rows(entity: str, names: Sequence[str], rows: Iterable[dict[str, Any]]) -> list[list[Any]]:
    convert = _converters(entity, names)
    out = []
    for r in rows:
        values = [r[n] for n in names]
        for i, f in convert:
            values[i] = f(values[i])
        out.append(values)
    return out


def stamp_key(op: Sequence[Any]) -> tuple[str, str]:
    return (str(op[HLC]), str(op[SITE]))


def _ref(text: str) -> tuple[str, str]:
    hlc, _, site = text.partition("/")
    return hlc, site


def conflict_id(kind: str, entity: str, entity_id: str, group: str, *stamps: str) -> str:
    text = "|".join((kind, entity, entity_id, group, *sorted(stamps)))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass
class MergeResult:
    applied: int = 0  # new ops stored
    known: int = 0  # ops this copy already held
    conflicts: int = 0  # new conflict records
    held_back: int = 0  # stamped in the future: kept, not applied
    skipped: int = 0  # ops of rows this copy does not hold and the batch cannot build
    children: set[str] = field(default_factory=set)
    max_hlc: str = ""  # the greatest stamp applied (the clock observes it)


class Merger:
    """Applies a batch of ops with raw sqlite3 executemany (the bulk path)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        now_ms: int,
        site_schools: dict[str, str] | None = None,
        before_write: Callable[[], None] | None = None,
    ) -> None:
        self.conn = conn
        self.limit_ms = now_ms + FUTURE_LIMIT_MS
        # township only: the school each school site keeps, for spotting non-owner edits
        self.site_schools = site_schools or {}
        self._before_write = before_write or (lambda: None)
        self._now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")

    # -- entry point --------------------------------------------------------------------------
    def apply(self, ops: Iterable[Sequence[Any]]) -> MergeResult:
        result = MergeResult()
        cur = self.conn.cursor()
        batch = self._without_orphans(cur, self._new_ops(cur, list(ops), result), result)
        if not batch:
            return result
        self._before_write()
        batch.sort(key=lambda op: (op[HLC], op[SITE]))
        live = [op for op in batch if int(str(op[HLC])[:13]) <= self.limit_ms]
        held = [op for op in batch if int(str(op[HLC])[:13]) > self.limit_ms]
        held_ids = {(op[SITE], op[SEQ]) for op in held}
        current = self._current_stamps(cur, live)
        winners: dict[tuple[str, str, str], Sequence[Any]] = {}
        for op in live:
            key = (op[ENTITY], op[EID], op[GROUP])
            best = current.get(key)
            stamp = (op[HLC], op[SITE])
            if best is None or stamp > best:
                current[key] = stamp
                winners[key] = op
        conflicts: dict[str, dict[str, Any]] = {}
        self._forks(cur, live, conflicts)
        self._deletes(cur, live, conflicts)
        if self.site_schools:
            self._non_owner(cur, live, winners, conflicts)
        for op in held:
            cid = conflict_id(KIND_FUTURE, op[ENTITY], op[EID], op[GROUP], "/".join(stamp_key(op)))
            conflicts[cid] = _conflict(cid, KIND_FUTURE, op, None)
        # conflicts first: a decision in the same batch updates its record
        before = self.conn.total_changes
        cur.executemany(
            "INSERT OR IGNORE INTO conflict (id, kind, entity, entity_id, child_id, field_group, "
            "a_site, a_hlc, a_author, a_payload, b_site, b_hlc, b_author, b_payload, "
            "detected_at, decision, decided_by, decided_on, note) VALUES "
            "(:id, :kind, :entity, :entity_id, :child_id, :field_group, :a_site, :a_hlc, "
            ":a_author, :a_payload, :b_site, :b_hlc, :b_author, :b_payload, :detected_at, "
            "'', '', NULL, '')",
            [{**c, "detected_at": self._now} for c in conflicts.values()],
        )
        result.conflicts = self.conn.total_changes - before
        for cid in conflicts:  # decided before this copy saw the pair: take the decision
            row = cur.execute(
                "SELECT payload FROM op_log WHERE entity = ? AND entity_id = ? "
                "AND field_group = ? AND held_back = 0 ORDER BY hlc DESC, site_id DESC LIMIT 1",
                (CONFLICT_ENTITY, cid, DECISION_GROUP),
            ).fetchone()
            if row is not None:
                payload = json.loads(row[0])
                cur.execute(
                    "UPDATE conflict SET decision = ?, decided_by = ?, decided_on = ?, note = ? "
                    "WHERE id = ?",
                    (*(payload.get(f) for f in DECISION_FIELDS), cid),
                )
        self._write_rows(cur, winners)
        cur.executemany(
            f"INSERT INTO op_log ({OP_COLUMNS}, held_back) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    *op[:PAYLOAD],
                    dumps(op[PAYLOAD]),
                    *op[PREV_HLC:CONTEXT],
                    None if op[CONTEXT] is None else dumps(op[CONTEXT]),
                    int((op[SITE], op[SEQ]) in held_ids),
                )
                for op in batch
            ),
        )
        cur.executemany(
            "INSERT OR REPLACE INTO field_stamp (entity, entity_id, field_group, hlc, site_id) "
            "VALUES (?, ?, ?, ?, ?)",
            ((*key, op[HLC], op[SITE]) for key, op in winners.items() if key[0] not in APPEND_ONLY),
        )
        result.applied = len(batch)
        result.held_back = len(held)
        result.children = {str(op[CHILD]) for op in batch if op[CHILD]}
        result.max_hlc = max((str(op[HLC]) for op in live), default="")
        return result

    # -- which ops are new --------------------------------------------------------------------
    def _new_ops(
        self, cur: sqlite3.Cursor, ops: list[Sequence[Any]], result: MergeResult
    ) -> list[Sequence[Any]]:
        held = dict(cur.execute("SELECT site_id, MAX(site_seq) FROM op_log GROUP BY site_id"))
        seen: set[tuple[str, int]] = set()
        unique: list[Sequence[Any]] = []
        for op in ops:
            ident = (op[SITE], op[SEQ])
            if ident not in seen:
                seen.add(ident)
                unique.append(op)
        maybe = [op for op in unique if op[SEQ] <= held.get(op[SITE], 0)]
        if not maybe:
            return unique
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS _in_ops (site_id TEXT, site_seq INTEGER)")
        cur.execute("DELETE FROM _in_ops")
        cur.executemany("INSERT INTO _in_ops VALUES (?, ?)", ((o[SITE], o[SEQ]) for o in maybe))
        stored = {
            (site, seq): (hlc, entity_id, group)
            for site, seq, hlc, entity_id, group in cur.execute(
                "SELECT o.site_id, o.site_seq, o.hlc, o.entity_id, o.field_group FROM _in_ops i "
                "JOIN op_log o ON o.site_id = i.site_id AND o.site_seq = i.site_seq"
            )
        }
        fresh: list[Sequence[Any]] = []
        for op in unique:
            got = stored.get((op[SITE], op[SEQ]))
            if got is None:
                fresh.append(op)
            elif got != (op[HLC], op[EID], op[GROUP]):
                raise SiteCollision(
                    "同步包里的修改编号与已收到的不一致：发件单位的数据库可能是从旧备份恢复的，"
                    "或是从别的电脑复制来的。请发件单位先导入本单位最新发出的同步包，再重新导出。"
                )
        result.known = len(unique) - len(fresh)
        return fresh

    def _without_orphans(
        self, cur: sqlite3.Cursor, ops: list[Sequence[Any]], result: MergeResult
    ) -> list[Sequence[Any]]:
        """Leave out ops of rows this copy does not hold when the batch cannot build them
        (e.g. a child that was moved here and away again before the school heard of it). They
        are not stored, so they come again, whole, if the row ever concerns this copy."""
        groups: dict[tuple[str, str], set[str]] = defaultdict(set)
        for op in ops:
            groups[(op[ENTITY], op[EID])].add(op[GROUP])
        partial: dict[str, list[str]] = defaultdict(list)
        for (entity, eid), have in groups.items():
            if entity not in ENTITY_TABLES:
                continue
            needed = set(GROUPS[entity]) | ({KEY_GROUP} if KEY_COLUMNS[entity] else set())
            if not needed <= have:
                partial[entity].append(eid)
        orphans: set[tuple[str, str]] = set()
        for entity, ids in partial.items():
            present = self._existing(cur, _table_name(entity), ids)
            orphans |= {(entity, i) for i in ids if i not in present}
        if not orphans:
            return ops
        result.skipped = sum((op[ENTITY], op[EID]) in orphans for op in ops)
        return [op for op in ops if (op[ENTITY], op[EID]) not in orphans]

    def _current_stamps(
        self, cur: sqlite3.Cursor, ops: list[Sequence[Any]]
    ) -> dict[tuple[str, str, str], tuple[str, str]]:
        keys = {(op[ENTITY], op[EID], op[GROUP]) for op in ops}
        cur.execute(
            "CREATE TEMP TABLE IF NOT EXISTS _in_keys "
            "(entity TEXT, entity_id TEXT, field_group TEXT)"
        )
        cur.execute("DELETE FROM _in_keys")
        cur.executemany("INSERT INTO _in_keys VALUES (?, ?, ?)", keys)
        return {
            (e, i, g): (h, s)
            for e, i, g, h, s in cur.execute(
                "SELECT f.entity, f.entity_id, f.field_group, f.hlc, f.site_id FROM _in_keys k "
                "JOIN field_stamp f ON f.entity = k.entity AND f.entity_id = k.entity_id "
                "AND f.field_group = k.field_group"
            )
        }

    # -- conflicts ----------------------------------------------------------------------------
    def _forks(
        self, cur: sqlite3.Cursor, ops: list[Sequence[Any]], out: dict[str, dict[str, Any]]
    ) -> None:
        """Pairs of ops that replaced the same stamp of the same field group, and differ."""
        by_prev: dict[tuple[str, str, str, str, str], list[Sequence[Any]]] = defaultdict(list)
        for op in ops:
            if op[PREV_HLC]:
                by_prev[(op[ENTITY], op[EID], op[GROUP], op[PREV_HLC], op[PREV_SITE])].append(op)
        for (entity, eid, group, prev_hlc, prev_site), mine in by_prev.items():
            stored = [
                (
                    site,
                    seq,
                    hlc,
                    entity,
                    eid,
                    None,
                    group,
                    json.loads(payload),
                    prev_hlc,
                    prev_site,
                    author,
                )
                for site, seq, hlc, payload, author in cur.execute(
                    "SELECT site_id, site_seq, hlc, payload, author FROM op_log "
                    "WHERE entity = ? AND entity_id = ? AND field_group = ? AND prev_hlc = ? "
                    "AND prev_site = ?",
                    (entity, eid, group, prev_hlc, prev_site),
                )
            ]
            siblings = stored + mine
            for i, a in enumerate(siblings):
                for b in siblings[i + 1 :]:
                    if a[PAYLOAD] == b[PAYLOAD]:
                        continue  # the same change made twice is no conflict
                    if a not in mine and b not in mine:
                        continue  # both old: recorded when the second arrived
                    sa, sb = _ident(a), _ident(b)
                    cid = conflict_id(KIND_CONCURRENT, entity, eid, group, sa, sb)
                    first, second = sorted((a, b), key=stamp_key)
                    out[cid] = _conflict(cid, KIND_CONCURRENT, first, second)

    def _deletes(
        self, cur: sqlite3.Cursor, ops: list[Sequence[Any]], out: dict[str, dict[str, Any]]
    ) -> None:
        """A delete and an edit of the same child's archive that did not see each other."""
        touched = {op[CHILD] for op in ops if op[ENTITY] in CHILD_PARTS and op[CHILD]}
        if not touched:
            return
        batch_deletes = [op for op in ops if _is_delete(op)]
        ever_deleted = {op[CHILD] for op in batch_deletes} | {
            r[0]
            for r in cur.execute(
                "SELECT DISTINCT entity_id FROM op_log WHERE entity = 'child' AND "
                "field_group = 'status' AND json_extract(payload, '$.status') = ?",
                (DELETED,),
            )
        }
        children = touched & ever_deleted
        if not children:
            return
        chain = _Chains(cur, ops)
        for child in children:
            rows = [
                (
                    site,
                    seq,
                    hlc,
                    entity,
                    eid,
                    child,
                    group,
                    json.loads(p),
                    ph,
                    ps,
                    author,
                    None,
                    None if ctx is None else json.loads(ctx),
                )
                for site, seq, hlc, entity, eid, group, p, ph, ps, author, ctx in cur.execute(
                    "SELECT site_id, site_seq, hlc, entity, entity_id, field_group, payload, "
                    "prev_hlc, prev_site, author, context FROM op_log WHERE child_id = ? "
                    "AND entity IN ('child', 'guardian', 'parent') AND context IS NOT NULL",
                    (child,),
                )
            ]
            mine = [op for op in ops if op[CHILD] == child and op[ENTITY] in CHILD_PARTS]
            every = rows + [op for op in mine if op[CONTEXT] is not None]
            deletes = [op for op in every if _is_delete(op)]
            edits = [  # a transfer (the key) is no edit of the archive: it never races a delete
                op
                for op in every
                if not (op[ENTITY] == "child" and op[GROUP] in ("status", KEY_GROUP))
                and op[CONTEXT]
            ]
            for d in deletes:
                for e in edits:
                    if d not in mine and e not in mine:
                        continue
                    if chain.saw_edit(d, e) or chain.saw_delete(e, d):
                        continue
                    sd, se = _ident(d), _ident(e)
                    cid = conflict_id(KIND_DELETE, "child", str(child), "", sd, se)
                    out[cid] = _conflict(cid, KIND_DELETE, d, e)

    def _non_owner(
        self,
        cur: sqlite3.Cursor,
        ops: list[Sequence[Any]],
        winners: dict[tuple[str, str, str], Sequence[Any]],
        out: dict[str, dict[str, Any]],
    ) -> None:
        """At the township: an edit by a school after the child had been moved away from it."""
        for op in ops:
            school = self.site_schools.get(str(op[SITE]))
            child = op[CHILD]
            if school is None or not child:
                continue
            key_op = winners.get(("child", child, KEY_GROUP))
            if key_op is not None:
                owner, moved = key_op[PAYLOAD].get("school_id"), stamp_key(key_op)
                moved_payload, moved_author = key_op[PAYLOAD], key_op[AUTHOR]
            else:
                row = cur.execute(
                    "SELECT o.payload, o.hlc, o.site_id, o.author FROM field_stamp f JOIN op_log o "
                    "ON o.hlc = f.hlc AND o.site_id = f.site_id AND o.entity = 'child' "
                    "AND o.entity_id = f.entity_id AND o.field_group = 'key' "
                    "WHERE f.entity = 'child' AND f.entity_id = ? AND f.field_group = 'key'",
                    (child,),
                ).fetchone()
                if row is None:
                    continue
                moved_payload = json.loads(row[0])
                owner, moved, moved_author = (
                    moved_payload.get("school_id"),
                    (row[1], row[2]),
                    row[3],
                )
            if owner == school or stamp_key(op) < moved:
                continue
            move = (
                moved[1],
                0,
                moved[0],
                "child",
                child,
                child,
                KEY_GROUP,
                moved_payload,
                "",
                "",
                moved_author,
            )
            so, sm = "/".join(stamp_key(op)), "/".join(moved)
            cid = conflict_id(KIND_NON_OWNER, op[ENTITY], op[EID], op[GROUP], so, sm)
            out[cid] = _conflict(cid, KIND_NON_OWNER, op, move)

    # -- rows ---------------------------------------------------------------------------------
    def _write_rows(
        self, cur: sqlite3.Cursor, winners: dict[tuple[str, str, str], Sequence[Any]]
    ) -> None:
        by_entity: dict[str, dict[str, dict[str, Sequence[Any]]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        for (entity, eid, group), op in winners.items():
            by_entity[entity][eid][group] = op
        decisions = by_entity.pop(CONFLICT_ENTITY, {})
        if decisions:
            cur.executemany(
                "UPDATE conflict SET decision = ?, decided_by = ?, decided_on = ?, note = ? "
                "WHERE id = ?",
                (
                    (*(g[DECISION_GROUP][PAYLOAD].get(f) for f in DECISION_FIELDS), cid)
                    for cid, g in decisions.items()
                ),
            )
        known: dict[str, set[str]] = defaultdict(set)
        for entity in ENTITY_ORDER:
            rows = by_entity.get(entity)
            if not rows:
                continue
            table = _table_name(entity)
            existing = self._existing(cur, table, list(rows))
            inserts: list[dict[str, Any]] = []
            updates: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
            for eid, groups in rows.items():
                if eid in existing:
                    for group, op in groups.items():
                        updates[group].append(
                            (
                                *(
                                    _db_value(entity, n, v)
                                    for n, v in self._values(entity, op).items()
                                ),
                                eid,
                            )
                        )
                else:
                    inserts.append(self._row(entity, eid, groups))
            if inserts:
                self._check_refs(cur, entity, inserts, known)
                children = {r["id"]: r.pop("_child_ids") for r in inserts if "_child_ids" in r}
                names = list(inserts[0])
                cur.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                    f"({', '.join('?' * len(names))})",
                    _db_rows(entity, names, inserts),
                )
                known[entity].update(r["id"] for r in inserts)
                if children:
                    self._record_children(cur, children)
            for group, values in updates.items():
                if group == KEY_GROUP and entity != "child":
                    continue  # keys of other rows never change
                names = list(self._values(entity, rows[values[0][-1]][group]))
                cur.executemany(
                    f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                    values,
                )

    def _values(self, entity: str, op: Sequence[Any]) -> dict[str, Any]:
        group = op[GROUP]
        names = KEY_COLUMNS[entity] if group == KEY_GROUP else GROUPS[entity].get(group)
        if names is None:
            raise IncompleteBundle(
                f"同步包里有本版本不认识的内容（{entity}.{group}），请先升级本软件。"
            )
        payload = op[PAYLOAD]
        # a field a group gained later (e.g. the status group's merged_into) is absent from
        # older ops: it takes its default (None)
        values = {n: payload.get(n) for n in names}
        if entity == "child" and group == "identity":
            values["name_pinyin"] = search_key(str(values.get("name") or ""))
        if entity == "assessment" and group == "assessment":
            values["hlc"] = op[HLC]  # derived: the stamp of the assessment's op
        if entity == "record":
            values.pop("child_ids", None)  # rows of record_child, not a column
        return values

    def _row(self, entity: str, eid: str, groups: dict[str, Sequence[Any]]) -> dict[str, Any]:
        needed = set(GROUPS[entity]) | ({KEY_GROUP} if KEY_COLUMNS[entity] else set())
        if not needed <= set(groups):
            raise IncompleteBundle(
                "同步包内容不完整（有记录缺少部分内容），请让对方导出完整同步包（勾选“全部”）后再导入。"
            )
        row: dict[str, Any] = {"id": eid}
        for op in groups.values():
            row.update(self._values(entity, op))
        if entity == "record":
            row["_child_ids"] = groups["record"][PAYLOAD].get("child_ids", [])
        return row

    @staticmethod
    def _existing(cur: sqlite3.Cursor, table: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            found.update(
                r[0]
                for r in cur.execute(
                    f"SELECT id FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk
                )
            )
        return found

    def _check_refs(
        self,
        cur: sqlite3.Cursor,
        entity: str,
        rows: list[dict[str, Any]],
        known: dict[str, set[str]],
    ) -> None:
        refs = [(n, t, False) for (e, n), t in OPTIONAL_REFS.items() if e == entity]
        refs += [(n, t, True) for (e, n), t in REQUIRED_REFS.items() if e == entity]
        for name, target, required in refs:
            wanted = {r[name] for r in rows if r.get(name)} - known[target]
            if wanted:
                known[target] |= self._existing(cur, _table_name(target), sorted(wanted))
            missing = wanted - known[target]
            if not missing:
                continue
            if required:
                raise IncompleteBundle(
                    "同步包内容不完整（引用了本机没有的记录），请让对方导出完整同步包（勾选“全部”）后再导入。"
                )
            for r in rows:
                if r.get(name) in missing:
                    r[name] = None

    def _record_children(self, cur: sqlite3.Cursor, children: dict[str, list[str]]) -> None:
        """A record's children; a child this copy does not hold (a classmate who stayed at
        the old school) is left out here."""
        wanted = {c for ids in children.values() for c in ids}
        present = self._existing(cur, "child", sorted(wanted))
        cur.executemany(
            "INSERT OR IGNORE INTO record_child (record_id, child_id) VALUES (?, ?)",
            ((rid, c) for rid, ids in children.items() for c in ids if c in present),
        )


class _Chains:
    """Walks a field group's chain of replaced stamps (in the batch and in the log)."""

    def __init__(self, cur: sqlite3.Cursor, batch: list[Sequence[Any]]) -> None:
        self.cur = cur
        self.batch = {
            (op[ENTITY], op[EID], op[GROUP], op[HLC], op[SITE]): (op[PREV_HLC], op[PREV_SITE])
            for op in batch
        }
        self.payloads = {
            (op[ENTITY], op[EID], op[GROUP], op[HLC], op[SITE]): op[PAYLOAD] for op in batch
        }

    def _same_change(
        self, entity: str, eid: str, group: str, hlc: str, site: str, target: Sequence[Any]
    ) -> bool:
        """Whether the op stamped ``hlc/site`` is ``target`` under another site id: a school
        restored from a backup re-issues, under a new id, changes the township may already
        hold under the old one (same stamp, same content)."""
        if hlc != target[HLC]:
            return False
        key = (entity, eid, group, hlc, site)
        payload = self.payloads.get(key)
        if payload is None:
            row = self.cur.execute(
                "SELECT payload FROM op_log WHERE entity = ? AND entity_id = ? "
                "AND field_group = ? AND hlc = ? AND site_id = ?",
                key,
            ).fetchone()
            if row is None:
                return False
            payload = json.loads(row[0]) if isinstance(row[0], str) else row[0]
        return bool(payload == target[PAYLOAD])

    def _prev(self, entity: str, eid: str, group: str, hlc: str, site: str) -> tuple[str, str]:
        got = self.batch.get((entity, eid, group, hlc, site))
        if got is not None:
            return got
        row = self.cur.execute(
            "SELECT prev_hlc, prev_site FROM op_log WHERE entity = ? AND entity_id = ? "
            "AND field_group = ? AND hlc = ? AND site_id = ?",
            (entity, eid, group, hlc, site),
        ).fetchone()
        return (row[0], row[1]) if row is not None else ("", "")

    def _reaches(
        self, entity: str, eid: str, group: str, start: str, target: Sequence[Any]
    ) -> bool:
        """Whether ``target`` is ``start`` or an ancestor of it in the group's chain."""
        hlc, site = _ref(start)
        goal = stamp_key(target)
        while hlc and (hlc, site) >= (goal[0], ""):
            if (hlc, site) == goal or self._same_change(entity, eid, group, hlc, site, target):
                return True
            hlc, site = self._prev(entity, eid, group, hlc, site)
        return False

    def saw_edit(self, delete: Sequence[Any], edit: Sequence[Any]) -> bool:
        seen = (delete[CONTEXT] or {}).get("seen", {})
        ref = seen.get(f"{edit[ENTITY]}:{edit[EID]}:{edit[GROUP]}")
        return bool(ref) and self._reaches(edit[ENTITY], edit[EID], edit[GROUP], str(ref), edit)

    def saw_delete(self, edit: Sequence[Any], delete: Sequence[Any]) -> bool:
        ref = (edit[CONTEXT] or {}).get("status")
        return bool(ref) and self._reaches("child", delete[EID], "status", str(ref), delete)


def _ident(op: Sequence[Any]) -> str:
    """What a conflict id is made from: the stamp and the content, not the site, so the same
    change re-issued under a new site id (a school restored from a backup) is one side."""
    text = json.dumps(op[PAYLOAD], ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return f"{op[HLC]}:{digest}"


def _is_delete(op: Sequence[Any]) -> bool:
    return (
        op[ENTITY] == "child"
        and op[GROUP] == "status"
        and isinstance(op[PAYLOAD], dict)
        and op[PAYLOAD].get("status") == DELETED
    )


def _conflict(
    cid: str,
    kind: str,
    a: Sequence[Any],
    b: Sequence[Any] | None,
) -> dict[str, Any]:
    child = a[CHILD] or (b[CHILD] if b is not None else None)
    return {
        "id": cid,
        "kind": kind,
        "entity": a[ENTITY],
        "entity_id": a[EID],
        "child_id": child,
        "field_group": a[GROUP] if kind != KIND_DELETE else "",
        "a_site": a[SITE],
        "a_hlc": a[HLC],
        "a_author": a[AUTHOR],
        "a_payload": dumps(a[PAYLOAD]),
        "b_site": b[SITE] if b is not None else "",
        "b_hlc": b[HLC] if b is not None else "",
        "b_author": b[AUTHOR] if b is not None else "",
        "b_payload": dumps(b[PAYLOAD]) if b is not None else "{}",
    }
