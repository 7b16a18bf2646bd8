"""The permission matrix: every service operation × every role, allowed or refused as the
issue specifies; and a teacher's own children (their class and pairings) against the rest.

The specification below is written out by hand on purpose: it is what the code must match,
not read from the code. A new public service method fails ``test_every_operation_is_gated``
until it is given a gate (and a line here).
"""

from __future__ import annotations

import inspect
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from sqlalchemy import text

from liushou_desktop.domain.access import Actor, Op, Role
from liushou_desktop.domain.archive import ChildArchive
from liushou_desktop.services.access import PermissionDenied, required_op
from liushou_desktop.services.accounts import AccountService, AuditService
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.backup import BackupService
from liushou_desktop.services.care import CareService, RecordDraft
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.demo import create_demo_database
from liushou_desktop.services.ledger import LedgerService
from liushou_desktop.services.printing import PrintService
from liushou_desktop.services.roster import RosterService
from liushou_desktop.services.sync import SyncService
from liushou_desktop.services.township import TownshipService

A, T, INSP, TA, TR = (
    Role.ADMIN,
    Role.TEACHER,
    Role.INSPECTOR,
    Role.TOWNSHIP_ADMIN,
    Role.TOWNSHIP_READER,
)
ALL = {A, T, INSP, TA, TR}
READERS = {A, INSP, TA, TR}  # read everything, change nothing but the admins
WRITERS = {A, T, TA}  # the archive and the records (a teacher: their own children)
ADMINS = {A, TA}

# (who may) for each operation. A teacher's "may" on READ_CHILD, EDIT_CHILD, WRITE_RECORD and
# PRINT is for their own children only (tested below with real data).
ROLES = {
    "list": ALL,
    "child": ALL,
    "add": ADMINS,
    "edit": WRITERS,
    "care": ALL,
    "record": WRITERS,
    "manage": ADMINS,
    "school": ADMINS,
    "print": ALL,
    "contact": ALL,
    "export": READERS,
    "stats": READERS,
    "roster": ADMINS,
    "sync": ADMINS,
    "syncread": ALL,
    "backup": ADMINS,
    "restore": ADMINS,
    "accounts": ADMINS,
    "audit": ADMINS,
}

SPEC: dict[str, str] = {
    # the archive
    "ArchiveService.schools": "list",
    "ArchiveService.mode": "list",
    "ArchiveService.classes": "list",
    "ArchiveService.list_children": "list",
    "ArchiveService.row": "list",
    "ArchiveService.own_children": "list",
    "ArchiveService.redirect": "list",
    "ArchiveService.stats": "list",
    "ArchiveService.get": "child",
    "ArchiveService.assessments": "child",
    "ArchiveService.history": "child",
    "ArchiveService.create": "add",
    "ArchiveService.save": "edit",
    "ArchiveService.add_assessment": "edit",
    "ArchiveService.change_status": "edit",
    "ArchiveService.set_class_teacher": "manage",
    "ArchiveService.merge_into": "school",
    "ArchiveService.handover_preview": "school",
    "ArchiveService.apply_handover": "school",
    # care work
    "CareService.helpers": "care",
    "CareService.pairing_limit": "care",
    "CareService.reviews": "care",
    "CareService.reviews_for_school": "care",
    "CareService.pairings": "care",
    "CareService.unpaired_children": "care",
    "CareService.records": "care",
    "CareService.visited": "care",
    "CareService.blob": "care",
    "CareService.open_follow_ups": "care",
    "CareService.upcoming_visits": "care",
    "CareService.terms": "care",
    "CareService.rules": "care",
    "CareService.duties_status": "care",
    "CareService.incidents": "care",
    "CareService.teacher_report": "care",
    "CareService.teacher_reports": "care",
    "CareService.dropouts": "care",
    "CareService.screenings": "care",
    "CareService.timeline": "child",
    "CareService.add_record": "record",
    "CareService.correct_record": "record",
    "CareService.add_review": "record",
    "CareService.book_visit": "record",
    "CareService.close_appointment": "record",
    "CareService.report_incident": "record",
    "CareService.update_incident": "record",
    "CareService.register_dropout": "record",
    "CareService.add_dropout_attempt": "record",
    "CareService.close_dropout": "record",
    "CareService.save_screening": "record",
    "CareService.add_helper": "manage",
    "CareService.update_helper": "manage",
    "CareService.set_helper_active": "manage",
    "CareService.set_pairing_limit": "manage",
    "CareService.pair": "manage",
    "CareService.end_pairing": "manage",
    "CareService.save_plan": "manage",
    "CareService.add_term": "manage",
    "CareService.add_rule": "manage",
    "CareService.apply_preset": "manage",
    "CareService.set_rule_active": "manage",
    # exports
    "LedgerService.unit_name": "list",
    "LedgerService.school_year_start": "list",
    "LedgerService.export_records": "export",
    "LedgerService.export_ledger": "export",
    "LedgerService.export_statistics": "stats",
    # printing
    "PrintService.children_of": "list",
    "PrintService.pairing_lines": "care",
    "PrintService.duty_report_teachers": "care",
    "PrintService.duty_report_data": "care",
    "PrintService.card_data": "print",
    "PrintService.archive_cards": "print",
    "PrintService.ledger_pdf": "print",
    "PrintService.pairing_list_pdf": "print",
    "PrintService.visit_forms": "print",
    "PrintService.visit_form_for_record": "print",
    "PrintService.teacher_report_pdf": "print",
    "PrintService.teacher_reports_pdf": "print",
    "PrintService.contact_card_data": "contact",
    "PrintService.contact_cards": "contact",
    # roster imports
    "RosterService.remembered_mapping": "roster",
    "RosterService.forget_mapping": "roster",
    "RosterService.open": "roster",
    "RosterService.preview": "roster",
    "RosterService.run": "roster",
    "RosterService.imports": "roster",
    "RosterService.undo": "roster",
    "RosterService.write_template": "roster",
    # sync
    "SyncService.mode": "list",
    "SyncService.unit": "list",
    "SyncService.clock_warning": "list",
    "SyncService.fingerprint": "syncread",
    "SyncService.peers": "syncread",
    "SyncService.township": "syncread",
    "SyncService.conflicts": "syncread",
    "SyncService.enrollment": "sync",
    "SyncService.write_enrollment": "sync",
    "SyncService.read_enrollment": "sync",
    "SyncService.join": "sync",
    "SyncService.export_bundle": "sync",
    "SyncService.export_all": "sync",
    "SyncService.import_bundles": "sync",
    "SyncService.decide": "sync",
    "SyncService.transfer": "sync",
    # the township
    "TownshipService.school_figures": "list",
    "TownshipService.silent_schools": "list",
    "TownshipService.dynamic_changes": "list",
    "TownshipService.export_quarter_report": "export",
    "TownshipService.duplicates": "child",
    "TownshipService.set_term": "manage",
    "TownshipService.apply_preset": "manage",
    "TownshipService.add_shared_helper": "manage",
    "TownshipService.decide_duplicate": "school",
    # backups
    "BackupService.create": "backup",
    "BackupService.create_encrypted": "backup",
    "BackupService.list": "backup",
    "BackupService.inspect": "restore",
    "BackupService.current": "restore",
    "BackupService.restore": "restore",
    # accounts and the audit trail
    "AccountService.set_idle_minutes": "accounts",
    "AccountService.accounts": "accounts",
    "AccountService.add": "accounts",
    "AccountService.update": "accounts",
    "AccountService.reset_password": "accounts",
    "AccountService.teachers": "accounts",
    "AuditService.entries": "audit",
    "AuditService.export": "audit",
}

# Public methods with no gate of their own, and why.
UNGATED = {
    # logging in happens before there is anyone to check
    "AccountService.mode",
    "AccountService.has_accounts",
    "AccountService.create_first_admin",  # refuses once any account exists
    "AccountService.login",
    "AccountService.logout",
    "AccountService.lock",
    "AccountService.idle_minutes",
    "AccountService.change_own_password",  # the user's own, with the old password
    # building blocks of gated operations (marked @trusted)
    "ArchiveService.load_in",
    "ArchiveService.load_many",
    "ArchiveService.write_changes",
    "LedgerService.ledger_rows",
    "LedgerService.statistics",
    "LedgerService.record_lines",
    "SyncService.own_keys",
    "SyncService.after_restore",
    "TownshipService.totals",
    "BackupService.before_import",  # inside an import that is gated itself
    "BackupService.auto",  # the daily backup when a database opens
    "BackupService.prune",
}

SERVICES = (
    ArchiveService,
    CareService,
    LedgerService,
    PrintService,
    RosterService,
    SyncService,
    TownshipService,
    BackupService,
    AccountService,
    AuditService,
)


def _public_methods() -> Iterator[tuple[str, type, str]]:
    for cls in SERVICES:
        for name, member in inspect.getmembers(cls):
            if name.startswith("_") or not inspect.isfunction(member):
                continue
            if isinstance(inspect.getattr_static(cls, name), staticmethod | classmethod):
                continue
            yield f"{cls.__name__}.{name}", cls, name


def test_every_operation_is_gated_as_specified() -> None:
    seen = {}
    for key, cls, name in _public_methods():
        op = required_op(getattr(cls, name))
        if key in UNGATED:
            assert op is None, f"{key} is listed as ungated but has a gate"
            continue
        assert op is not None, f"{key} has no permission gate (@requires) and is not in UNGATED"
        seen[key] = op
    assert set(seen) == set(SPEC), "the specification and the services disagree on what exists"
    for key, op in seen.items():
        expected = {r for r in Role if r in ROLES[SPEC[key]]}
        actual = {r for r in Role if _allowed_by_domain(r, op)}
        assert actual == expected, f"{key} ({op.name}): {sorted(actual)} != {sorted(expected)}"


def _allowed_by_domain(role: Role, op: Op) -> bool:
    from liushou_desktop.domain.access import allows

    return allows(role, op)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("perm") / "demo.sqlite"
    create_demo_database(path, n=40, seed=5).db.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[ServiceContext]:
    from liushou_desktop.storage.db import Database

    copy = tmp_path / "demo.sqlite"
    src = sqlite3.connect(demo_file)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    ctx = ServiceContext(db=Database.open(copy))
    yield ctx
    ctx.db.close()


def _instance(cls: type, ctx: ServiceContext) -> Any:
    return cls(ctx)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name)
def test_each_role_against_each_operation(demo: ServiceContext, role: Role) -> None:
    """The gate alone (the body stood in for): refused roles get PermissionDenied, and one
    refused audit entry each; allowed roles reach the body. (A teacher is made to own every
    child here; their scope is tested below with real data.)"""
    demo.act_as(Actor("id-x", "x", "某人", role))
    refused = 0
    everyone = mock.MagicMock(__contains__=lambda self, item: True)
    owns_all = mock.patch("liushou_desktop.services.access.own_children", return_value=everyone)
    for key, cls, name in _public_methods():
        if key in UNGATED:
            continue
        gated = getattr(cls, name)
        params = list(inspect.signature(gated.__wrapped__).parameters)[1:]
        service = _instance(cls, demo)
        args = [mock.MagicMock(name=p) for p in params]
        with owns_all, mock.patch.object(gated, "__wrapped__", return_value="body ran"):
            allowed = role in ROLES[SPEC[key]]
            if allowed:
                assert getattr(service, name)(*args) == "body ran", key
            else:
                with pytest.raises(PermissionDenied):
                    getattr(service, name)(*args)
                refused += 1
    demo.act_as(None)
    entries = AuditService(demo).entries(action="refused")
    assert len(entries) == refused
    assert all(e.role == role.value and e.outcome == "refused" for e in entries)


# -- a teacher's children ------------------------------------------------------------------------
@pytest.fixture
def teacher(demo: ServiceContext) -> tuple[ServiceContext, set[str], set[str]]:
    """The demo's teacher account, logged in; their own children and the others."""
    actor = AccountService(demo).login("teacher", "demo123")
    helper = actor.helper_id
    assert helper is not None
    with demo.db.session(write=False) as s:
        grade, class_no = s.execute(
            text("SELECT grade, class_no FROM helper WHERE id = :h"),
            {"h": helper},
        ).one()
    rows = ArchiveService(demo).list_children()
    care = CareService(demo)
    paired = {p.child_id for p in care.pairings(None, active_only=True) if p.helper_id == helper}
    own = {r.id for r in rows if (r.grade, r.class_no) == (grade, class_no)} | paired
    others = {r.id for r in rows} - own
    assert own and others
    demo.act_as(actor)
    return demo, own, others


def test_a_teacher_sees_other_children_as_a_contact_card(teacher: Any) -> None:
    ctx, own, others = teacher
    rows = {r.id: r for r in ArchiveService(ctx).list_children()}
    for cid in others:
        r = rows[cid]
        assert r.name and r.grade
        assert r.id_number == "" and r.birth_date is None and r.risk_level is None
        assert r.categories == () and r.father_work_place == ""
    full = [rows[c] for c in own if rows[c].id_number]
    assert full, "their own children keep their ID numbers"
    assert ArchiveService(ctx).row(next(iter(others))).id_number == ""


def test_a_teacher_opens_prints_and_writes_for_their_own_children_only(
    teacher: Any, tmp_path: Path
) -> None:
    ctx, own, others = teacher
    archive, printing, care = ArchiveService(ctx), PrintService(ctx), CareService(ctx)
    mine, stranger = sorted(own)[0], sorted(others)[0]
    opened: ChildArchive = archive.get(mine)
    assert opened.child.id == mine
    archive.history(mine)
    care.timeline(mine)
    printing.archive_cards([mine], tmp_path / "mine.pdf")
    for refused in (
        lambda: archive.get(stranger),
        lambda: archive.history(stranger),
        lambda: care.timeline(stranger),
        lambda: archive.save(archive.get.__wrapped__(archive, stranger)),
        lambda: archive.change_status(stranger, "在册", ctx.today(), "x"),
        lambda: printing.archive_cards([mine, stranger], tmp_path / "x.pdf"),
        lambda: printing.visit_forms([stranger], tmp_path / "v.pdf"),
        lambda: care.book_visit(stranger, ctx.today(), "家访"),
        lambda: care.report_incident(stranger, "其他", ctx.today(), "x"),
        lambda: care.add_record(
            archive.schools()[0].id,
            RecordDraft(kind="谈心", occurred_on=ctx.today(), child_ids=[stranger], summary="x"),
        ),
        lambda: printing.ledger_pdf(tmp_path / "ledger.pdf"),  # the whole school
        lambda: archive.create(ChildArchive(child=opened.child.__class__(school_id="s"))),
    ):
        with pytest.raises(PermissionDenied, match=r"本班和结对|没有“新增儿童档案”的权限"):
            refused()
    assert not (tmp_path / "x.pdf").exists()
    # contact cards are for everyone; the ledger of their own class prints
    printing.contact_cards([stranger], tmp_path / "contact.pdf")
    grade, class_no = _class_of(ctx, mine)
    if own >= set(printing.children_of(grade=grade, class_no=class_no)):
        printing.ledger_pdf(tmp_path / "class.pdf", grade=grade, class_no=class_no)


def test_a_teacher_reads_only_the_records_of_their_children(teacher: Any) -> None:
    ctx, own, _others = teacher
    records = CareService(ctx).records()
    assert records
    assert all(set(r.child_ids) & own for r in records)
    ctx.act_as(None)
    everything = CareService(ctx).records()
    assert len(everything) > len(records)


def test_an_inspector_reads_everything_and_changes_nothing(demo: ServiceContext) -> None:
    demo.act_as(AccountService(demo).login("inspector", "demo123"))
    archive = ArchiveService(demo)
    rows = archive.list_children()
    assert all(r.id_number or r.risk_level is None for r in rows)
    some = rows[0].id
    loaded = archive.get(some)
    with pytest.raises(PermissionDenied, match="督导"):
        archive.save(loaded)
    with pytest.raises(PermissionDenied):
        RosterService(demo).write_template(Path("/nonexistent/x.xlsx"))
    with pytest.raises(PermissionDenied):
        AccountService(demo).accounts()


def _class_of(ctx: ServiceContext, child_id: str) -> tuple[int, int]:
    with ctx.db.session(write=False) as s:
        row = s.execute(
            text("SELECT grade, class_no FROM child WHERE id = :c"),
            {"c": child_id},
        ).one()
    return int(row[0]), int(row[1])


def test_refusals_are_audited_with_the_children_concerned(teacher: Any) -> None:
    ctx, _own, others = teacher
    stranger = sorted(others)[0]
    with pytest.raises(PermissionDenied):
        ArchiveService(ctx).get(stranger)
    ctx.act_as(None)
    entry = AuditService(ctx).entries(action="refused")[0]
    assert entry.child_ids == (stranger,)
    assert entry.role == "教师" and entry.detail == Op.READ_CHILD.value
    assert json.dumps(entry.to_json(), ensure_ascii=False)


def test_a_teacher_sees_incidents_dropouts_and_screenings_of_their_children_only(
    teacher: Any,
) -> None:
    ctx, own, others = teacher
    care = CareService(ctx)
    school_id = ArchiveService(ctx).schools()[0].id
    stranger = sorted(others)[0]
    ctx.act_as(None)  # the administrator records an incident for another class's child
    CareService(ctx).report_incident(stranger, "失踪", ctx.today(), "放学后未回家")
    everything = CareService(ctx).incidents(school_id)
    screenings_all = CareService(ctx).screenings(school_id, "2027年寒假")
    ctx.act_as(AccountService(ctx).login("teacher", "demo123"))
    mine = care.incidents(school_id)
    assert stranger in {i.child_id for i in everything}
    assert all(i.child_id in own for i in mine)
    assert all(d.child_id in own for d in care.dropouts(school_id))
    screened = care.screenings(school_id, "2027年寒假")
    assert screened and len(screened) < len(screenings_all)
    assert all(x.child_id in own for x in screened)


def test_a_teachers_figures_count_every_child(teacher: Any) -> None:
    """What a teacher may not read in full is still counted: the dashboard's figures are the
    school's, whoever looks at them."""
    import datetime as dt

    ctx, _own, _others = teacher
    school_id = ArchiveService(ctx).schools()[0].id
    since = dt.date(2026, 9, 1)

    def figures() -> tuple[object, ...]:
        report = CareService(ctx).duties_status(school_id)
        return (
            CareService(ctx).visited(school_id, since, ctx.today()),
            sorted((d.key, d.required, d.done, d.due, d.overdue) for d in report.children),
            [(d.key, d.required, d.done, d.due, d.overdue) for d in report.rules],
            ArchiveService(ctx).stats(),
        ), {d.key: d.risk_level for d in report.children}

    as_teacher, teacher_levels = figures()
    ctx.act_as(None)
    as_admin, levels = figures()
    assert as_teacher == as_admin
    assert as_admin[0]
    # but the risk levels of children not theirs are not shown
    assert {k: v for k, v in levels.items() if k in _own and v is not None} == {
        k: v for k, v in teacher_levels.items() if v is not None
    }


def test_a_teachers_records_count_for_the_teacher(teacher: Any) -> None:
    from liushou_desktop.domain.errors import ValidationFailed

    ctx, own, _others = teacher
    care = CareService(ctx)
    school_id = ArchiveService(ctx).schools()[0].id
    me = ctx.actor.helper_id
    other_helper = next(h.id for h in care.helpers(school_id) if h.id != me)
    kid = sorted(own)[0]
    draft = RecordDraft(kind="谈心", occurred_on=ctx.today(), child_ids=[kid], summary="聊学习")
    record_id = care.add_record(school_id, draft)
    assert next(r for r in care.records() if r.id == record_id).helper_id == me
    draft.helper_id = other_helper
    with pytest.raises(ValidationFailed, match="以自己的名义"):
        care.add_record(school_id, draft)


def test_a_teacher_prints_their_own_pairings_and_report_and_reviews_their_own_pairings(
    teacher: Any, tmp_path: Path
) -> None:
    ctx, own, _others = teacher
    printing, care = PrintService(ctx), CareService(ctx)
    me = ctx.actor.helper_id
    year = "2026-2027"
    printing.teacher_report_pdf(me, year, tmp_path / "mine.pdf")
    colleague = next(h.id for h in care.helpers(ArchiveService(ctx).schools()[0].id)
                     if h.id != me and h.kind == "教师")  # fmt: skip
    with pytest.raises(PermissionDenied, match="自己的考核表"):
        printing.teacher_report_pdf(colleague, year, tmp_path / "theirs.pdf")
    with pytest.raises(PermissionDenied, match="自己的考核表"):
        printing.teacher_reports_pdf(None, year, tmp_path / "all.pdf")
    assert not (tmp_path / "theirs.pdf").exists() and not (tmp_path / "all.pdf").exists()
    printing.pairing_list_pdf(tmp_path / "pairs.pdf")
    pairings = care.pairings(None, active_only=True)
    theirs = next(p for p in pairings if p.child_id not in own)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "pairs.pdf"), "-"], capture_output=True, text=True
        ).stdout.replace(" ", "")
        names = {p.child_name for p in pairings if p.child_id in own}
        assert any(n in text for n in names)
        assert theirs.child_name not in text or theirs.child_name in names
    with pytest.raises(PermissionDenied, match="本班和结对"):
        care.add_review(theirs.id, "2026秋", ctx.today(), "进步", "")
    mine = next(p for p in pairings if p.child_id in own)
    care.add_review(mine.id, "2026秋", ctx.today(), "进步", "")
