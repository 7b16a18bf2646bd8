"""A township and three schools editing, deleting, undeleting and transferring children while
bundles are lost, duplicated and delivered out of order, PC clocks jump, and a school is
restored from an old backup. After a full exchange:

* every copy agrees on every row it shares with the township, and each school holds exactly
  the children the township says it owns;
* no edit is lost: every change that survived (was not rolled back with a restored database)
  is in the township's log, and each field shows the last writer's value;
* each concurrent pair left exactly one conflict, and sequential edits none. Two edits are a
  concurrent pair when they were made from the same version of the field (neither copy had
  seen the other's change); a delete and an edit of one child are a pair when neither had seen
  the other (the delete saw the version of the phone its copy showed, and that version's
  ancestors; likewise the edit and the status).
"""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import tempfile
import time as real_time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
)

import liushou_desktop.sync.hlc as hlc_module
from liushou_desktop.domain.enums import Status
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.changes import DELETED
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.merge import KIND_CONCURRENT, KIND_DELETE
from liushou_desktop.services.sync import SyncService
from liushou_desktop.storage.db import Database, backup_copy
from tests.conftest import TODAY
from tests.sync.helpers import disagreements, edit_guardian_phone, school, township

INITIAL = "init"


class _Clock:
    """Stands in for the ``time`` module of sync.hlc: real time plus the acting PC's error."""

    offset_ms = 0

    def time_ns(self) -> int:
        return real_time.time_ns() + self.offset_ms * 1_000_000


@dataclass
class Op:
    id: str  # the phone value or the status reason: unique, so ops can be found by content
    kind: str  # phone / delete / undelete
    child: str
    base: str  # the version of the same field the copy showed
    other_base: str  # delete: the phone version shown; edit: the status version shown


@dataclass
class Copy:
    name: str
    ctx: ServiceContext
    offset_ms: int = 0
    backup: Path | None = None
    school_id: str = ""


@dataclass
class Mail:
    path: Path
    dst: int


@dataclass
class Model:
    ops: dict[str, Op] = field(default_factory=dict)


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="liushou-sm-"))
        (self.tmp / "mail").mkdir()  # the USB stick
        self.clock = _Clock()
        self._saved_time = hlc_module.time
        hlc_module.time = self.clock  # type: ignore[assignment]  # the stand-in clock
        self.copies = [Copy("township", township(self.tmp))]
        for i, (name, code) in enumerate(
            (("大山小学", "S001"), ("小河小学", "S002"), ("青山小学", "S003"))
        ):
            ctx = school(self.tmp, name, code, children=2)
            self.copies.append(Copy(name, ctx, school_id=ArchiveService(ctx).schools()[0].id))
            assert i < 3
        self.mail: list[Mail] = []
        self.model = Model()
        self.counter = itertools.count(1)
        self.bundles = itertools.count(1)
        self.full_exchange()

    def teardown(self) -> None:
        hlc_module.time = self._saved_time  # type: ignore[assignment]
        for c in self.copies:
            c.ctx.db.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- helpers ------------------------------------------------------------------------------
    def act(self, i: int) -> Copy:
        copy = self.copies[i]
        self.clock.offset_ms = copy.offset_ms
        return copy

    def editable(self, i: int) -> list[str]:
        """Children the copy's user may edit: the township any; a school those it owns."""
        rows = ArchiveService(self.copies[i].ctx).list_children()
        if i == 0:
            return [r.id for r in rows]
        return [r.id for r in rows if r.school_id == self.copies[i].school_id]

    def shown(self, i: int, child: str) -> tuple[str, str, str]:
        """(phone version, status version, status) the copy shows for the child."""
        archive = ArchiveService(self.copies[i].ctx).get(child)
        phone = archive.guardian.phone
        reason = archive.child.status_reason
        phone_v = phone if phone in self.model.ops else INITIAL
        status_v = reason if reason in self.model.ops else INITIAL
        return phone_v, status_v, archive.child.status

    def export(self, src: int, dst: int) -> None:
        copy = self.act(src)
        to = None if src != 0 else ArchiveService(self.copies[dst].ctx).schools()[0].code
        out = self.tmp / "mail" / f"{next(self.bundles):05d}.lsync"
        SyncService(copy.ctx).export_bundle(out, to)
        self.mail.append(Mail(out, dst))

    def deliver_now(self, mail: Mail) -> str:
        copy = self.act(mail.dst)
        (result,) = SyncService(copy.ctx).import_bundles([mail.path])
        return result.status if result.status != "rejected" else result.reason

    def full_exchange(self) -> None:
        for c in self.copies:
            c.offset_ms = 0
        for _round in range(3):
            for i in (1, 2, 3):
                self.export(i, 0)
                status = self.deliver_now(self.mail.pop())
                assert status in ("merged", "duplicate"), status
            for i in (1, 2, 3):
                self.export(0, i)
                status = self.deliver_now(self.mail.pop())
                assert status in ("merged", "duplicate"), status

    # -- rules --------------------------------------------------------------------------------
    @rule(i=st.integers(0, 3), pick=st.integers(0, 99))
    def edit_phone(self, i: int, pick: int) -> None:
        kids = [k for k in self.editable(i) if self.shown(i, k)[2] != DELETED]
        if not kids:
            return
        child = kids[pick % len(kids)]
        phone_v, status_v, _ = self.shown(i, child)
        value = f"139{next(self.counter):08d}"
        self.model.ops[value] = Op(value, "phone", child, phone_v, status_v)
        self.act(i)
        edit_guardian_phone(self.copies[i].ctx, child, value)

    @rule(i=st.integers(0, 3), pick=st.integers(0, 99), delete=st.booleans())
    def delete_or_undelete(self, i: int, pick: int, delete: bool) -> None:
        kids = [k for k in self.editable(i) if (self.shown(i, k)[2] == DELETED) != delete]
        if not kids:
            return
        child = kids[pick % len(kids)]
        phone_v, status_v, _ = self.shown(i, child)
        reason = f"{'录入错误' if delete else '撤销删除'}#{next(self.counter)}"
        self.model.ops[reason] = Op(
            reason, "delete" if delete else "undelete", child, status_v, phone_v
        )
        self.act(i)
        status = DELETED if delete else Status.ENROLLED.value
        ArchiveService(self.copies[i].ctx).change_status(child, status, TODAY, reason)

    @rule(pick=st.integers(0, 99), to=st.integers(1, 3))
    def transfer(self, pick: int, to: int) -> None:
        town = self.act(0)
        target = self.copies[to].school_id
        kids = [r.id for r in ArchiveService(town.ctx).list_children() if r.school_id != target]
        if kids:
            SyncService(town.ctx).transfer(kids[pick % len(kids)], target)

    @rule(src=st.integers(0, 3), dst=st.integers(1, 3))
    def export_bundle(self, src: int, dst: int) -> None:
        self.export(src, 0 if src != 0 else dst)

    @precondition(lambda self: self.mail)
    @rule(pick=st.integers(0, 99), keep=st.booleans())
    def deliver(self, pick: int, keep: bool) -> None:
        """Deliver a bundle in flight (any of them: out of order); keep it to deliver again."""
        mail = self.mail[pick % len(self.mail)]
        status = self.deliver_now(mail)
        assert status in ("merged", "duplicate", "site_collision"), status
        if not keep:
            self.mail.remove(mail)

    @precondition(lambda self: self.mail)
    @rule(pick=st.integers(0, 99))
    def lose(self, pick: int) -> None:
        self.mail.pop(pick % len(self.mail))

    @rule(i=st.integers(0, 3), hours=st.integers(-20, 20))
    def jump_clock(self, i: int, hours: int) -> None:
        self.copies[i].offset_ms = hours * 3_600_000

    @rule(i=st.integers(1, 3))
    def take_backup(self, i: int) -> None:
        copy = self.copies[i]
        copy.backup = backup_copy(copy.ctx.db.path, "state-machine")

    @precondition(lambda self: any(c.backup for c in self.copies[1:]))
    @rule(pick=st.integers(1, 3))
    def restore_backup(self, pick: int) -> None:
        candidates = [i for i in (1, 2, 3) if self.copies[i].backup]
        copy = self.copies[candidates[pick % len(candidates)]]
        assert copy.backup is not None
        path = copy.ctx.db.path
        copy.ctx.db.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copy(copy.backup, path)
        copy.ctx = ServiceContext(db=Database.open(path), author=copy.name, today=lambda: TODAY)
        # as the app's restore does (services.backup): the restored school takes a new site id
        # at once, so what it writes next cannot reuse numbers the township holds
        SyncService(copy.ctx).after_restore()

    # -- the properties -----------------------------------------------------------------------
    @invariant()
    def copies_open(self) -> None:
        assert all(c.ctx.db.path.exists() for c in self.copies)

    def check_after_full_exchange(self) -> None:
        self.mail.clear()
        self.full_exchange()
        town = self.copies[0].ctx
        # every copy agrees with the township on what they share
        for c in self.copies[1:]:
            assert disagreements(c.ctx, town) == [], c.name
            owned_here = {
                r.id for r in ArchiveService(c.ctx).list_children() if r.school_id == c.school_id
            }
            owned_there = {
                r.id for r in ArchiveService(town).list_children() if r.school_id == c.school_id
            }
            assert owned_here == owned_there, c.name
        log = _log(town)
        survived = {op_id for op_id in self.model.ops if op_id in log["ids"]}
        # no edit lost: each field shows the last writer's value among the surviving ops
        for child, (phone, reason) in log["current"].items():
            archive = ArchiveService(town).get(child)
            assert archive.guardian.phone == phone
            assert archive.child.status_reason == reason
        # conflicts: exactly the concurrent pairs
        expected: set[frozenset[str]] = set()
        ops = [self.model.ops[i] for i in survived]
        for a, b in itertools.combinations(ops, 2):
            if a.child != b.child:
                continue
            same_field = (a.kind == "phone") == (b.kind == "phone")
            if same_field and a.base == b.base:
                expected.add(frozenset((a.id, b.id)))
            elif not same_field:
                d, e = (
                    (a, b) if a.kind == "delete" else (b, a) if b.kind == "delete" else (None, None)
                )
                if d is None or e is None:
                    continue
                if not self._ancestor(e.id, d.other_base) and not self._ancestor(
                    d.id, e.other_base
                ):
                    expected.add(frozenset((d.id, e.id)))
        found = _conflict_pairs(town)
        assert found == expected, (
            sorted(map(sorted, found - expected)),
            sorted(map(sorted, expected - found)),
            {k: vars(v) for k, v in self.model.ops.items()},
        )

    def _ancestor(self, op_id: str, version: str) -> bool:
        """Whether ``op_id`` is ``version`` or one of the versions it was made from."""
        seen = set()
        while version != INITIAL and version not in seen:
            if version == op_id:
                return True
            seen.add(version)
            version = self.model.ops[version].base
        return False


def _log(town: ServiceContext) -> dict[str, object]:
    """The ids of the model's ops that reached the township, and each child's last-writer
    phone and status reason by (stamp, site)."""
    conn = sqlite3.connect(town.db.path)
    try:
        ids: set[str] = set()
        best: dict[tuple[str, str], tuple[tuple[str, str], str]] = {}
        for entity, eid, child, group, payload, hlc, site in conn.execute(
            "SELECT entity, entity_id, child_id, field_group, payload, hlc, site_id FROM op_log "
            "WHERE held_back = 0 AND ((entity = 'guardian' AND field_group = 'contact') OR "
            "(entity = 'child' AND field_group = 'status'))"
        ):
            p = json.loads(payload)
            value = p["phone"] if entity == "guardian" else p["status_reason"]
            ids.add(value)
            key = (str(child), entity)
            if key not in best or (hlc, site) > best[key][0]:
                best[key] = ((hlc, site), value)
            assert eid
            assert group
        current: dict[str, tuple[str, str]] = {}
        for (child, entity), (_stamp, value) in best.items():
            phone, reason = current.get(child, ("", ""))
            current[child] = (value, reason) if entity == "guardian" else (phone, value)
        return {"ids": ids, "current": current}
    finally:
        conn.close()


def _conflict_pairs(town: ServiceContext) -> set[frozenset[str]]:
    conn = sqlite3.connect(town.db.path)
    try:
        pairs = set()
        for a, b in conn.execute(
            "SELECT a_payload, b_payload FROM conflict WHERE kind IN (?, ?)",
            (KIND_CONCURRENT, KIND_DELETE),
        ):
            ids = []
            for text in (a, b):
                p = json.loads(text)
                ids.append(
                    p.get("phone") or p.get("status_reason") or json.dumps(p, ensure_ascii=False)
                )
            pairs.add(frozenset(ids))
        return pairs
    finally:
        conn.close()


class _Machine(SyncMachine):
    def teardown(self) -> None:
        try:
            self.check_after_full_exchange()
        finally:
            super().teardown()


_Machine.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestSync = _Machine.TestCase


# Sequences Hypothesis found, replayed on every run (its example database is not in git).
# 1: a school restored twice kept writing under its old site id: its bundle clashed with what
#    the township held (site_collision) — fixed by taking a new site id on restore.
# 2: a restored school re-issued, under its new site id, an edit the township already held
#    under the old one; the delete made after that edit named the old stamp, and the township
#    took the two as racing (a false 删除与修改 conflict) — fixed in merge._Chains.
FOUND = {
    "restored twice, then edits": """take_backup(i=2) restore_backup(pick=2)
        restore_backup(pick=1) delete_or_undelete(delete=True,i=2,pick=20)
        delete_or_undelete(delete=True,i=2,pick=37) export_bundle(dst=1,src=3)
        export_bundle(dst=1,src=2) take_backup(i=1) lose(pick=0) restore_backup(pick=3)
        transfer(pick=72,to=2) deliver(keep=True,pick=71) export_bundle(dst=3,src=3)
        deliver(keep=True,pick=41) delete_or_undelete(delete=True,i=3,pick=52)
        restore_backup(pick=2) delete_or_undelete(delete=True,i=1,pick=62)
        delete_or_undelete(delete=False,i=1,pick=79) edit_phone(i=2,pick=94)
        edit_phone(i=1,pick=19) delete_or_undelete(delete=False,i=1,pick=94) lose(pick=63)
        deliver(keep=False,pick=79) export_bundle(dst=1,src=3) lose(pick=7)""",
    "an edit re-issued after a restore": """take_backup(i=2) restore_backup(pick=2)
        restore_backup(pick=1) restore_backup(pick=1) restore_backup(pick=3)
        restore_backup(pick=1) restore_backup(pick=1) edit_phone(i=3,pick=80) take_backup(i=3)
        edit_phone(i=1,pick=38) delete_or_undelete(delete=True,i=3,pick=20)
        edit_phone(i=2,pick=5) export_bundle(dst=1,src=0) jump_clock(hours=0,i=1)
        deliver(keep=False,pick=89) edit_phone(i=0,pick=13) edit_phone(i=3,pick=51)
        export_bundle(dst=1,src=3) restore_backup(pick=3) edit_phone(i=2,pick=23)
        edit_phone(i=3,pick=77) deliver(keep=True,pick=89) restore_backup(pick=1)""",
    # 3: restored twice: the delete named the edit's stamp under the second id, and both were
    #    re-issued under the third — the references now move with them (sync._moved_to)
    "re-issued twice": """edit_phone(i=2,pick=91) edit_phone(i=0,pick=42) transfer(pick=40,to=1)
        take_backup(i=2) take_backup(i=2) jump_clock(hours=0,i=1) edit_phone(i=2,pick=43)
        restore_backup(pick=3) export_bundle(dst=3,src=1) deliver(keep=True,pick=21)
        delete_or_undelete(delete=True,i=2,pick=3) lose(pick=51) export_bundle(dst=1,src=0)
        lose(pick=84) take_backup(i=3) edit_phone(i=2,pick=13) edit_phone(i=1,pick=97)
        edit_phone(i=0,pick=44) take_backup(i=2) jump_clock(hours=-15,i=0) restore_backup(pick=3)
        export_bundle(dst=3,src=3) restore_backup(pick=2)
        delete_or_undelete(delete=False,i=0,pick=62) restore_backup(pick=1)""",
}


@pytest.mark.parametrize("steps", FOUND.values(), ids=list(FOUND))
def test_sequences_found_before(steps: str) -> None:
    machine = SyncMachine()
    try:
        for step in steps.split():
            name, _, args = step.partition("(")
            kwargs = dict(part.split("=") for part in args.rstrip(")").split(","))
            values = {
                k: v == "True" if v in ("True", "False") else int(v) for k, v in kwargs.items()
            }
            getattr(machine, name)(**values)
        machine.check_after_full_exchange()
    finally:
        machine.teardown()
