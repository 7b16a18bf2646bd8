"""The audit trail: each audited action writes exactly one entry (who, when, what, which
child); the table refuses UPDATE and DELETE; the trail survives a restore and a migration."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from liushou_desktop.domain.access import Actor, Role
from liushou_desktop.services.access import PermissionDenied
from liushou_desktop.services.accounts import AccountService, AuditService, LoginFailed
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.backup import BackupService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.ledger import LedgerService
from liushou_desktop.services.printing import PrintService
from liushou_desktop.services.roster import RosterService
from liushou_desktop.services.sync import SyncService
from liushou_desktop.storage.db import Database
from tests.sync.helpers import school, township

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PASSWORD = "xiaoxue2026"


def _trail(ctx: ServiceContext) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(action, outcome, who, children), oldest first, read without a gate."""
    conn = sqlite3.connect(ctx.db.path)
    try:
        rows = conn.execute(
            "SELECT action, outcome, who, child_ids FROM audit ORDER BY at, id"
        ).fetchall()
    finally:
        conn.close()
    import json

    return [(a, o, w, tuple(json.loads(c))) for a, o, w, c in rows]


def _one_new_entry(ctx: ServiceContext, act: Callable[[], object]) -> tuple[str, str, str, tuple]:
    before = len(_trail(ctx))
    act()
    after = _trail(ctx)
    assert len(after) == before + 1, after[before:]
    return after[-1]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[ServiceContext, ServiceContext]:
    town = township(tmp_path)
    sch = school(tmp_path, "大山小学", "522401001", children=3)
    service = AccountService(sch)
    sch.act_as(service.create_first_admin("wang", "王主任", PASSWORD))
    return sch, town


def test_each_action_writes_exactly_one_entry(
    pair: tuple[ServiceContext, ServiceContext], tmp_path: Path
) -> None:
    sch, town = pair
    accounts, archive = AccountService(sch), ArchiveService(sch)
    kid = archive.list_children()[0].id

    made = None

    def add() -> None:
        nonlocal made
        made = accounts.add("liu", "刘老师", Role.INSPECTOR, PASSWORD)

    assert _one_new_entry(sch, add)[0] == "account_add"
    assert made is not None
    assert _one_new_entry(sch, lambda: accounts.update(made.id, display_name="刘华"))[0] == (
        "account_change"
    )
    assert _one_new_entry(sch, lambda: accounts.reset_password("liu", "other123"))[0] == (
        "password_reset"
    )
    assert _one_new_entry(sch, lambda: accounts.login("liu", "other123"))[:3] == (
        "login",
        "ok",
        "刘华（liu）",
    )

    def wrong() -> None:
        with pytest.raises(LoginFailed):
            accounts.login("liu", "nope-nope")

    assert _one_new_entry(sch, wrong)[:2] == ("login_failed", "refused")
    entry = _one_new_entry(sch, lambda: archive.get(kid))
    assert entry == ("open_child", "ok", "王主任（wang）", (kid,))
    printing = PrintService(sch)
    for act in (
        lambda: printing.archive_cards([kid], tmp_path / "cards.pdf"),
        lambda: printing.contact_cards([kid], tmp_path / "contact.pdf"),
        lambda: printing.visit_forms([kid], tmp_path / "visit.pdf"),
        lambda: printing.ledger_pdf(tmp_path / "ledger.pdf"),
    ):
        action, outcome, _who, children = _one_new_entry(sch, act)
        assert (action, outcome) == ("print", "ok") and kid in children
    ledger = LedgerService(sch)
    assert _one_new_entry(sch, lambda: ledger.export_ledger(tmp_path / "l.xlsx"))[0] == "export"
    assert _one_new_entry(sch, lambda: ledger.export_statistics(tmp_path / "s.xlsx"))[:4] == (
        "export",
        "ok",
        "王主任（wang）",
        (),
    )
    roster = RosterService(sch)
    source = RosterService(sch).open(FIXTURES / "rosters" / "merged_header_roster.xlsx")
    action, _, _, children = _one_new_entry(sch, lambda: roster.run(source))
    assert action == "import" and children
    sync = SyncService(sch)
    out = tmp_path / "stick"
    out.mkdir()
    exported: list[Path] = []
    assert (
        _one_new_entry(sch, lambda: exported.append(sync.export_bundle(out).path))[0]
        == "bundle_export"
    )
    before = len(_trail(town))
    SyncService(town).import_bundles(exported)
    assert [e[0] for e in _trail(town)[before:]] == ["bundle_import"]
    # a refused action: one entry, with the operation and no effect
    sch.act_as(Actor(made.id, "liu", "刘华", Role.INSPECTOR))

    def refused() -> None:
        with pytest.raises(PermissionDenied):
            roster.write_template(tmp_path / "template.xlsx")

    entry = _one_new_entry(sch, refused)
    assert entry[:3] == ("refused", "refused", "刘华（liu）")
    assert not (tmp_path / "template.xlsx").exists()


def test_the_trail_refuses_updates_and_deletes(pair: tuple[ServiceContext, ServiceContext]) -> None:
    sch, _ = pair
    assert _trail(sch)
    conn = sqlite3.connect(sch.db.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit SET who = 'someone else'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit")
    finally:
        conn.close()
    service = AuditService(sch)
    assert not any(name in dir(service) for name in ("delete", "update", "remove", "edit", "clear"))


def test_the_audit_browser_filters_and_exports(
    pair: tuple[ServiceContext, ServiceContext], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    sch, _ = pair
    kid = ArchiveService(sch).list_children()[0].id
    ArchiveService(sch).get(kid)
    with pytest.raises(LoginFailed):
        AccountService(sch).login("ghost", "whatever1")
    audit = AuditService(sch)
    assert [e.child_ids for e in audit.entries(child_id=kid)] == [(kid,)]
    assert [e.who for e in audit.entries(action="login_failed")] == ["g****（无此账号）"]
    assert audit.entries(who="王主任")
    assert audit.entries(since=sch.now().date()) and not audit.entries(
        until=sch.now().date().replace(year=2000)
    )
    shown = audit.entries()
    done = audit.export(tmp_path / "audit.xlsx", shown)
    assert done["entries"] == len(shown)
    ws = load_workbook(tmp_path / "audit.xlsx").active
    assert ws is not None
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "查看档案" in values and "登录失败" in values
    assert audit.entries()[0].action == "export"  # exporting the trail is itself audited


def test_a_restore_keeps_the_trail_and_adds_its_own_entry(
    pair: tuple[ServiceContext, ServiceContext],
) -> None:
    sch, _ = pair
    made = BackupService(sch).create()
    kid = ArchiveService(sch).list_children()[0].id
    ArchiveService(sch).get(kid)  # after the backup
    before = _trail(sch)
    BackupService(sch).restore(made.path)
    db = Database.open(sch.db.path)
    try:
        after = _trail(ServiceContext(db=db))
    finally:
        db.close()
    assert after[: len(before)] == before or set(before) <= set(after)
    assert ("open_child", "ok", "王主任（wang）", (kid,)) in after
    assert after[-1][0] == "restore"
    assert len(after) == len(before) + 1


def test_an_old_database_gains_accounts_and_an_empty_trail(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "schema_0004.sqlite", path)
    db = Database.open(path)
    try:
        ctx = ServiceContext(db=db)
        service = AccountService(ctx)
        assert not service.has_accounts()  # the first start asks for an administrator
        assert _trail(ctx) == []
        ctx.act_as(service.create_first_admin("admin", "管理员", PASSWORD))
        assert len(ArchiveService(ctx).list_children()) == 40
    finally:
        db.close()


def test_the_townships_quarterly_report_is_an_audited_export(
    pair: tuple[ServiceContext, ServiceContext], tmp_path: Path
) -> None:
    from liushou_desktop.services.township import TownshipService

    sch, town = pair
    out = tmp_path / "stick"
    out.mkdir()
    SyncService(town).import_bundles([SyncService(sch).export_bundle(out).path])
    entry = _one_new_entry(
        town, lambda: TownshipService(town).export_quarter_report(tmp_path / "q.xlsx", 2026, 4)
    )
    assert entry[:2] == ("export", "ok")
    assert (tmp_path / "q.xlsx").exists()


def test_nobody_logged_in_restores_only_a_database_that_cannot_open(
    pair: tuple[ServiceContext, ServiceContext],
) -> None:
    from liushou_desktop.domain.errors import KnownError

    sch, _ = pair
    made = BackupService(sch).create()
    AccountService(sch).add("late", "后来的老师", Role.INSPECTOR, PASSWORD)
    path = sch.db.path
    sch.db.close()
    window = BackupService.at(path, logged_out=True)
    with pytest.raises(KnownError, match="请先用管理员账号登录"):
        window.restore(made.path)
    db = Database.open(path)
    try:
        assert AccountService(ServiceContext(db=db)).has_accounts()
        with db.engine.connect() as conn:
            names = [a for (a,) in conn.exec_driver_sql("SELECT username FROM account")]
        assert "late" in names  # nothing was restored
    finally:
        db.close()
    # a damaged file: the restore is how the PC gets its archive back
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek((size // 2) // 4096 * 4096)
        f.write(b"\xa5" * 8192)
    report = window.restore(made.path)
    assert report.children == 3
    db = Database.open(path)
    try:
        trail = _trail(ServiceContext(db=db))
    finally:
        db.close()
    assert trail[-1][0] == "restore" and trail[-1][2].startswith("未登录")
