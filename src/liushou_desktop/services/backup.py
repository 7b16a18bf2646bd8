"""Backups and restore: snapshots of the database, their rotation, encrypted copies on a USB
stick, and restoring one (after a preview of its date and counts).

* A backup is a consistent, verified copy made with SQLite's online backup API while the app
  may be writing (``storage/backups.py: snapshot``), in ``backups/`` beside the database:
  ``<db stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite``.
* Rotation: :meth:`BackupService.auto` makes today's automatic backup when there is none (the
  app calls it whenever it opens a database; cheap when today's exists) and keeps 7 daily and
  4 weekly automatic ones. Every other kind (``manual``, ``before-import``,
  ``before-migration``, ``before-restore``) keeps its newest 10.
* Before every roster import and bundle import one ``before-import`` backup is made.
* On a USB stick a backup is encrypted with a passphrase (``.lsbak``, see
  :func:`write_encrypted`): a lost stick reveals nothing, not even the school's name.
* Restore: :meth:`BackupService.inspect` first (the GUI shows it), then
  :meth:`BackupService.restore`: a safety backup of the current file, the backup written into
  the live file through SQLite's backup API (one transaction: WAL and other connections stay
  consistent; a file too damaged for that is replaced whole), migrations for an older backup,
  and the sync layer is told (:meth:`SyncService.after_restore`: a school takes a new site id
  at once, so its next bundle is accepted and nothing done at the township after the backup is
  lost).

Accounts, permissions and the audit trail (issue 6) are not here yet: every public method is
one place where a permission check ("administrator only") and an audit entry will go.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyrage
from pyrage import x25519

from ..domain.access import Op
from ..domain.enums import Status
from ..domain.errors import (
    DatabaseLocked,
    DatabaseMissing,
    DatabaseTooNew,
    KnownError,
    NotALiushouDatabase,
)
from ..storage.backups import (
    BUSY_TIMEOUT_MS,
    STAMP_FORMAT,
    DamagedDatabase,
    backup_folder,
    backup_target,
    backups_of,
    check_copy,
    copy_pages,
    fsync_folder,
    parse_backup_name,
    prune_reason,
    read_only_uri,
    snapshot,
    translate_error,
)
from ..storage.db import APPLICATION_ID, HEAD_REVISION, Database, check_file
from .access import requires, trusted, write_audit
from .context import ServiceContext

log = logging.getLogger("liushou.backup")

REASON_AUTO = "auto"
REASON_MANUAL = "manual"
REASON_BEFORE_IMPORT = "before-import"
REASON_BEFORE_RESTORE = "before-restore"
REASON_DAMAGED = "before-restore-damaged"  # the current file kept as it was: SQLite cannot read it
REASON_USB = "usb"
REASON_LABELS = {
    REASON_AUTO: "自动备份",
    REASON_MANUAL: "手动备份",
    REASON_BEFORE_IMPORT: "导入前自动备份",
    "before-migration": "升级前自动备份",
    REASON_BEFORE_RESTORE: "恢复前自动备份",
    REASON_DAMAGED: "恢复前的损坏文件",
    REASON_USB: "U盘加密备份",
}
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_PER_KIND = 10  # manual, before-import, … : the newest of each kind kept

ENCRYPTED_SUFFIX = ".lsbak"
MIN_PASSPHRASE = 8
_MAGIC = b"LSBAK\x00\x01\n"  # format 1
_MAX_HEADER = 1 << 16
_CHUNK = 1 << 20

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


def reason_label(reason: str) -> str:
    return REASON_LABELS.get(reason, reason)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. ``children``: archives in it (not counting deleted ones); None when
    it cannot be read."""

    path: Path
    created_at: dt.datetime
    reason: str
    children: int | None
    size: int
    encrypted: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "children": self.children,
            "size": self.size,
            "encrypted": self.encrypted,
        }


@dataclass(frozen=True)
class BackupPreview:
    """What a backup holds, shown before restoring it."""

    path: Path
    created_at: dt.datetime | None
    reason: str
    encrypted: bool
    mode: str  # "school" or "township"
    school: str  # the school's name (the township's, at a township)
    code: str
    children: int
    records: int
    schema: str  # its database version
    upgrade: bool  # older than this program: upgraded right after restoring

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "created_at": self.created_at.isoformat(timespec="seconds")
            if self.created_at
            else None,
            "reason": self.reason,
            "encrypted": self.encrypted,
            "mode": self.mode,
            "school": self.school,
            "code": self.code,
            "children": self.children,
            "records": self.records,
            "schema": self.schema,
            "upgrade": self.upgrade,
        }


@dataclass
class RestoreReport:
    """What :meth:`BackupService.restore` did."""

    db_path: Path
    backup: Path
    preview: BackupPreview
    safety_backup: Path | None  # the database as it was before (None: there was none)
    replaced_file: bool  # the old file could not take the backup API: replaced whole
    upgraded: bool
    new_site: str | None  # the school continues under this new site id (sync)
    children: int
    notes: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        when = self.preview.created_at.strftime("%Y-%m-%d %H:%M") if self.preview.created_at else ""
        lines = [f"已从 {when} 的备份恢复：{self.preview.school}，{self.children} 名儿童的档案。"]
        if self.safety_backup is not None:
            lines.append(f"恢复前的数据库已另存为 {self.safety_backup}，需要时可以再恢复回来。")
        if self.upgraded:
            lines.append("这个备份来自旧版本，已升级到当前版本。")
        lines += self.notes
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "db": str(self.db_path),
            "backup": str(self.backup),
            "preview": self.preview.to_json(),
            "safety_backup": str(self.safety_backup) if self.safety_backup else None,
            "replaced_file": self.replaced_file,
            "upgraded": self.upgraded,
            "new_site": self.new_site,
            "children": self.children,
            "notes": self.notes,
            "message": self.message,
        }


class BackupService:
    """Backups of one database file. ``ctx`` may be None (:meth:`at`): listing, making and
    restoring backups never need the database open — a damaged one cannot be."""

    def __init__(
        self,
        ctx: ServiceContext | None = None,
        *,
        db_path: Path | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        if db_path is None:
            if ctx is None:
                raise TypeError("BackupService needs a context or a database path")
            db_path = ctx.db.path
        self.ctx = ctx
        self.db_path = Path(db_path)
        self._now = now
        self._logged_out = False

    @classmethod
    def at(
        cls,
        db_path: Path,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        logged_out: bool = False,
    ) -> BackupService:
        """The backups of the database file ``db_path`` (which need not open). ``logged_out``:
        the window with nobody logged in, which may restore only a database that cannot be
        opened (the command line acts as the local administrator and may always)."""
        made = cls(None, db_path=db_path, now=now)
        made._logged_out = logged_out
        return made

    @property
    def folder(self) -> Path:
        return backup_folder(self.db_path)

    # -- making backups -----------------------------------------------------------------------
    @requires(Op.BACKUP)
    def create(
        self,
        out: Path | None = None,
        reason: str = REASON_MANUAL,
        *,
        at: dt.datetime | None = None,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> BackupInfo:
        """A verified snapshot of the database: in ``backups/`` beside it, or at ``out`` (a
        file, or a folder for a file named like the others). Raises :class:`KnownError` (in
        Chinese: disk full, read-only, a damaged database) leaving no file behind. Audited."""
        made = self._create(out, reason, at=at, progress=progress, cancelled=cancelled)
        self._audit("backup", f"{reason_label(reason)}：{made.path.name}")
        return made

    def _create(
        self,
        out: Path | None = None,
        reason: str = REASON_MANUAL,
        *,
        at: dt.datetime | None = None,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> BackupInfo:
        check_file(self.db_path)
        when = at or self._now()
        if out is None:
            target = backup_target(self.db_path, reason, when)
        elif Path(out).is_dir():
            target = backup_target(self.db_path, reason, when, folder=Path(out))
        else:
            target = Path(out)
            if target.exists():
                raise KnownError(
                    f"文件已存在：{target}。请换一个文件名（备份不会覆盖已有的文件）。"
                )
            if not target.parent.is_dir():
                raise KnownError(f"找不到文件夹 {target.parent}。请选一个已有的文件夹。")
        if _same_file(target, self.db_path):
            raise KnownError("备份文件不能就是数据库本身，请换一个文件名。")
        _report(progress, 0, 2)
        if cancelled is not None and cancelled():
            raise _cancelled()
        counted: list[int | None] = [None]
        snapshot(self.db_path, target, after_copy=lambda c: counted.__setitem__(0, _children(c)))
        _report(progress, 2, 2)
        log.info("backup written to %s (%s)", target, reason)
        if out is None and reason != REASON_AUTO:
            prune_reason(self.db_path, reason, KEEP_PER_KIND)
        return BackupInfo(target, when, reason, counted[0], target.stat().st_size)

    @trusted
    def before_import(self) -> BackupInfo:
        """One backup before a roster import or a bundle import writes anything."""
        return self._create(reason=REASON_BEFORE_IMPORT)

    @trusted
    def auto(self, now: dt.datetime | None = None) -> BackupInfo | None:
        """Today's automatic backup, when there is none yet, then the rotation (7 daily + 4
        weekly automatic backups; 10 of each other kind). Returns the backup made, or None
        when today's existed (then only a folder listing was needed)."""
        when = now or self._now()
        made = None
        if not any(
            name.reason == REASON_AUTO and name.created_at.date() == when.date()
            for _p, name in backups_of(self.db_path)
        ):
            made = self._create(reason=REASON_AUTO, at=when)
        self.prune()
        return made

    @trusted
    def prune(self) -> builtins.list[Path]:
        """Apply the rotation; returns the files deleted.

        Daily: the newest automatic backup of each of the 7 latest days that have one. Weekly:
        of the older ones, the newest of each of the 4 latest ISO weeks. Other kinds: the
        newest 10 of each."""
        entries = backups_of(self.db_path)  # newest first
        autos = [(p, n) for p, n in entries if n.reason == REASON_AUTO]
        per_day: dict[dt.date, Path] = {}
        for p, n in autos:
            per_day.setdefault(n.created_at.date(), p)
        days = sorted(per_day, reverse=True)[:KEEP_DAILY]
        keep = {per_day[d] for d in days}
        per_week: dict[tuple[int, int], Path] = {}
        for p, n in autos:
            day = n.created_at.date()
            if days and day >= days[-1]:
                continue
            iso = day.isocalendar()
            per_week.setdefault((iso.year, iso.week), p)
        keep |= {per_week[w] for w in sorted(per_week, reverse=True)[:KEEP_WEEKLY]}
        removed = [p for p, _n in autos if p not in keep]
        seen: dict[str, int] = {}
        for p, n in entries:
            if n.reason == REASON_AUTO:
                continue
            seen[n.reason] = seen.get(n.reason, 0) + 1
            if seen[n.reason] > KEEP_PER_KIND:
                removed.append(p)
        for p in removed:
            with contextlib.suppress(OSError):
                p.unlink(missing_ok=True)
        if removed:
            log.info("rotation removed %d old backup(s)", len(removed))
        return removed

    @requires(Op.BACKUP)
    def create_encrypted(
        self,
        out_dir: Path,
        passphrase: str,
        *,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> BackupInfo:
        """An encrypted backup (``.lsbak``) in ``out_dir`` (a USB stick): the snapshot is made
        on this PC, encrypted onto the stick under a temporary name, renamed, then read back,
        decrypted and compared. Only the passphrase opens it."""
        check_passphrase(passphrase)
        out_dir = Path(out_dir)
        if not out_dir.is_dir():
            raise KnownError(f"找不到文件夹 {out_dir}，U盘插好了吗？请选一个已有的文件夹。")
        check_file(self.db_path)
        when = self._now()
        target = out_dir / f"liushou-backup-{when.strftime(STAMP_FORMAT)}{ENCRYPTED_SUFFIX}"
        n = 1
        while target.exists():
            n += 1
            target = out_dir / f"liushou-backup-{when.strftime(STAMP_FORMAT)}-{n}{ENCRYPTED_SUFFIX}"
        _report(progress, 0, 4)
        plain = self.folder / f".{self.db_path.stem}-{when.strftime(STAMP_FORMAT)}-usb.tmp"
        try:
            counted: list[int | None] = [None]
            snapshot(self.db_path, plain, after_copy=lambda c: counted.__setitem__(0, _children(c)))
            _report(progress, 1, 4)
            if cancelled is not None and cancelled():
                raise _cancelled()
            header = {
                "format": 1,
                "created_at": when.isoformat(timespec="seconds"),
                "reason": REASON_USB,
            }
            write_encrypted(plain, target, passphrase, header)
            _report(progress, 3, 4)
            digest = _sha256_file(plain)
            check = _Hasher()
            read_encrypted(target, passphrase, check)
            if check.hexdigest() != digest:
                target.unlink(missing_ok=True)
                raise KnownError("写入U盘后读回的内容不一致，U盘可能有问题。请换一个U盘重新备份。")
            _report(progress, 4, 4)
        finally:
            with contextlib.suppress(OSError):
                plain.unlink(missing_ok=True)
        log.info("encrypted backup written to %s", target)
        self._audit("backup", f"加密备份到U盘：{target.name}")
        return BackupInfo(
            target, when, REASON_USB, counted[0], target.stat().st_size, encrypted=True
        )

    # -- reading backups ----------------------------------------------------------------------
    @requires(Op.BACKUP)
    def list(self) -> builtins.list[BackupInfo]:
        """The backups of this database in its ``backups`` folder, newest first; each is
        read (read-only) for its number of children."""
        out: builtins.list[BackupInfo] = []
        for p, name in backups_of(self.db_path):
            try:
                size = p.stat().st_size
            except OSError:
                continue  # deleted meanwhile
            out.append(BackupInfo(p, name.created_at, name.reason, _children_of(p), size))
        return out

    @requires(Op.RESTORE)
    def inspect(self, backup: Path, passphrase: str | None = None) -> BackupPreview:
        """What ``backup`` holds (date, school, counts), checked to be usable for a restore.
        An encrypted backup needs its passphrase."""
        if not Path(backup).is_file():
            raise DatabaseMissing(f"找不到备份文件：{backup}")
        with self._plain(Path(backup), passphrase) as (plain, header):
            return _describe(plain, Path(backup), header)

    @requires(Op.RESTORE)
    def current(self) -> BackupPreview | None:
        """The same figures for the database as it is now (None when it cannot be read)."""
        if self.ctx is None or not self.db_path.exists():
            return None
        try:
            with self.ctx.db.session(write=False) as s:
                conn = s.connection().connection.dbapi_connection
                assert isinstance(conn, sqlite3.Connection)
                return _figures(conn, self.db_path, None, "", False)
        except Exception:  # a damaged file: the preview says so instead
            log.warning("cannot read the current database for the preview", exc_info=True)
            return None

    # -- restoring ----------------------------------------------------------------------------
    @requires(Op.RESTORE)
    def restore(
        self,
        backup: Path,
        passphrase: str | None = None,
        *,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> RestoreReport:
        """Put the database back to ``backup`` (see the module doc). The service's own
        database (``ctx.db``) is closed first; open the file again afterwards."""
        backup = Path(backup)
        if not backup.is_file():
            raise DatabaseMissing(f"找不到备份文件：{backup}")
        if _same_file(backup, self.db_path):
            raise KnownError("这就是正在使用的数据库本身，不是备份。请选一个备份文件。")
        self._refuse_when_it_opens()
        _report(progress, 0, 5)
        with self._plain(backup, passphrase) as (plain, header):
            preview = _describe(plain, backup, header)
            _report(progress, 1, 5)
            if cancelled is not None and cancelled():
                raise _cancelled()
            if self.ctx is not None:
                self.ctx.db.close()
            safety = self._safety_copy()
            _report(progress, 2, 5)
            if cancelled is not None and cancelled():
                raise _cancelled()  # the safety copy stays, nothing else was changed
            replaced = self._write_live(plain)
        _report(progress, 3, 5)
        db = Database.open(self.db_path)  # an older backup is migrated (after its own copy)
        try:
            from .sync import SyncService

            author = (
                self.ctx.author
                if self.ctx is not None
                else ("未登录（数据库打不开时恢复）" if self._logged_out else "管理员")
            )
            restored_ctx = ServiceContext(
                db=db, author=author, actor=self.ctx.actor if self.ctx is not None else None
            )
            new_site = SyncService(restored_ctx).after_restore()
            if safety is not None:
                _carry_audit(db, safety)
            write_audit(
                restored_ctx,
                "restore",
                detail=f"从 {backup.name} 恢复（{preview.children} 名儿童）",
            )
            _report(progress, 4, 5)
            with db.session(write=False) as s:
                conn = s.connection().connection.dbapi_connection
                assert isinstance(conn, sqlite3.Connection)
                children = _children(conn) or 0
                joined = _count(conn, "SELECT COUNT(*) FROM peer WHERE role = 'township'") > 0
        finally:
            db.close()
        notes: builtins.list[str] = []
        if new_site is not None and joined:
            notes.append(
                "同步：本校已换用新的同步身份。请照常导出同步包交给乡镇，再导入乡镇发回的"
                "同步包：备份之后在本校做过、已交给乡镇的修改，以及乡镇做的修改，都会找回来。"
            )
        elif preview.mode == "township":
            notes.append(
                "注意：这是乡镇的数据库。备份之后乡镇自己做的处理（冲突处理、转学、统一设置）"
                "不会自动找回，学校发来的修改会在各校下次同步时重新发来。"
                "如学校导入乡镇同步包时被拒绝，请联系技术人员。"
            )
        if replaced:
            notes.append("原数据库文件已无法读取，已整个换成备份。")
        _report(progress, 5, 5)
        log.info("database %s restored from %s", self.db_path, backup)
        return RestoreReport(
            self.db_path,
            backup,
            preview,
            safety,
            replaced,
            upgraded=preview.upgrade,
            new_site=new_site,
            children=children,
            notes=notes,
        )

    def _refuse_when_it_opens(self) -> None:
        """Nobody logged in may restore only a database that is missing, damaged or has no
        account yet: otherwise a restore would undo account changes without a login."""
        if not self._logged_out or not self.db_path.exists():
            return
        try:
            conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
            try:
                if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                    return
                has = (
                    conn.execute(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'account'"
                    ).fetchone()
                    and conn.execute("SELECT 1 FROM account LIMIT 1").fetchone()
                )
            finally:
                conn.close()
        except sqlite3.Error:
            return  # damaged: restoring is how the PC gets its archive back
        if has:
            raise KnownError(
                "这个数据库可以正常打开：请先用管理员账号登录，再从“文件 → 备份 → "
                "从备份恢复…”恢复。只有数据库损坏、打不开时，才可以不登录直接恢复。"
            )

    def _audit(self, action: str, detail: str) -> None:
        """An audit entry (nothing without a context: a file the CLI could not open)."""
        if self.ctx is not None:
            write_audit(self.ctx, action, detail=detail)

    def _safety_copy(self) -> Path | None:
        """The database as it is, before it is overwritten (None when there is no file)."""
        if not self.db_path.exists():
            return None
        try:
            made = self._create(reason=REASON_BEFORE_RESTORE)
            return made.path
        except (DamagedDatabase, NotALiushouDatabase):
            pass
        # SQLite cannot copy it: keep the bytes as they are, for a technician. Nothing of
        # ours has the file open now (the service's database was closed), so reading it
        # with open() cannot drop a lock of ours.
        target = backup_target(self.db_path, REASON_DAMAGED, self._now())
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            for side in ("", "-wal"):
                source = Path(f"{self.db_path}{side}")
                if source.exists():
                    _copy_file(source, Path(f"{target}{side}"))
        except OSError as err:
            raise translate_error(err, target.parent) from err
        prune_reason(self.db_path, REASON_DAMAGED, KEEP_PER_KIND)
        return target

    def _write_live(self, plain: Path) -> bool:
        """Copy the backup into the live file; True when the file had to be replaced whole."""
        if not self.db_path.exists():
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            snapshot(plain, self.db_path, source_uri=True)
            return True
        ok = False
        try:
            src = sqlite3.connect(read_only_uri(plain), uri=True)
            try:
                dst = sqlite3.connect(self.db_path, isolation_level=None)
                try:
                    dst.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                    copy_pages(src, dst, BUSY_TIMEOUT_MS)  # all of it, or nothing
                    ok = check_copy(dst)
                    with contextlib.suppress(sqlite3.Error):
                        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    dst.close()
            finally:
                src.close()
        except sqlite3.DatabaseError as exc:
            text = str(exc).lower()
            if "locked" in text or "busy" in text:
                raise DatabaseLocked(
                    "数据库正被另一个程序使用（另一个窗口或命令行）。请先关闭它们再恢复；"
                    "数据库没有改动。"
                ) from exc
            if "full" in text or "readonly" in text or "read-only" in text:
                raise translate_error(exc, self.db_path.parent) from exc
            log.warning("restoring into %s failed (%s): replacing the file", self.db_path, exc)
        if not ok:
            self._replace_file(plain)
            return True
        return False

    def _replace_file(self, plain: Path) -> None:
        """The live file is beyond SQLite's backup API (its header is damaged): write the
        backup beside it and rename it over; the old file's journal or WAL must go first, or
        SQLite would replay it onto the backup."""
        tmp = self.db_path.with_name(f".{self.db_path.name}.restoring")
        snapshot(plain, tmp, source_uri=True)
        try:
            for side in ("-wal", "-shm", "-journal"):
                Path(f"{self.db_path}{side}").unlink(missing_ok=True)
            os.replace(tmp, self.db_path)
        except OSError as err:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise translate_error(err, self.db_path.parent) from err

    @contextlib.contextmanager
    def _plain(self, backup: Path, passphrase: str | None) -> Iterator[tuple[Path, dict[str, Any]]]:
        """The backup as a plain SQLite file: itself, or an encrypted one decrypted into a
        temporary file on this PC (deleted afterwards)."""
        if not is_encrypted(backup):
            if not Path(f"{backup}-wal").exists():
                yield backup, {}
                return
            # a database file, not one of our backups (those are single files): it may be in
            # use, or hold changes only in its WAL — read it through SQLite into a snapshot
            self.folder.mkdir(parents=True, exist_ok=True)
            copy = self.folder / f".restore-{secrets.token_hex(4)}.tmp"
            try:
                snapshot(backup, copy)
                yield copy, {}
            finally:
                with contextlib.suppress(OSError):
                    copy.unlink(missing_ok=True)
            return
        if not passphrase:
            raise KnownError("这是加密的备份，请输入备份时设置的口令。")
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".restore-{secrets.token_hex(4)}.tmp"
        try:
            try:
                with open(tmp, "wb") as out:
                    header = read_encrypted(backup, passphrase, out)
            except OSError as err:
                raise translate_error(err, tmp.parent) from err
            yield tmp, header
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


# -- encrypted files (.lsbak) -----------------------------------------------------------------
# Format 1: MAGIC (8 bytes) | header length (4 bytes, big-endian) | header | payload.
# header = age passphrase (scrypt) encryption of JSON {format, created_at, reason, identity};
# payload = age encryption of the SQLite file to the X25519 ``identity`` made for this file
# (streamed: a large database is never held in memory, and scrypt runs once).


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KnownError(
            f"口令太短：至少要 {MIN_PASSPHRASE} 个字符。请用一句好记的话或几个词，"
            "并把口令记在安全的地方——忘了口令，这个备份谁也打不开。"
        )


def is_encrypted(path: Path) -> bool:
    if Path(path).suffix.lower() == ENCRYPTED_SUFFIX:
        return True
    try:
        with open(path, "rb") as f:  # a backup file, never the live database
            return f.read(len(_MAGIC)) == _MAGIC
    except OSError:
        return False


def write_encrypted(plain: Path, target: Path, passphrase: str, header: dict[str, Any]) -> None:
    """Encrypt the file ``plain`` to ``target`` (temporary name, fsync, rename)."""
    identity = x25519.Identity.generate()
    block = pyrage.passphrase.encrypt(
        json.dumps({**header, "identity": str(identity)}).encode(), passphrase
    )
    tmp = target.with_name(f".{target.name}.partial")
    try:
        with open(tmp, "wb") as out, open(plain, "rb") as src:
            out.write(_MAGIC)
            out.write(len(block).to_bytes(4, "big"))
            out.write(block)
            pyrage.encrypt_io(src, out, [identity.to_public()])
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        fsync_folder(target.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise translate_error(exc, target.parent) from exc
        raise


def read_encrypted(path: Path, passphrase: str, out: Any) -> dict[str, Any]:
    """Decrypt the ``.lsbak`` file ``path`` into ``out`` (anything with ``write``); returns
    its header. A wrong passphrase, a damaged or truncated file: :class:`KnownError`."""
    damaged = KnownError(
        f"加密备份 {Path(path).name} 已损坏或不完整（U盘可能有问题），不能用来恢复。请换一个备份。"
    )
    sink = _Sink(out)
    try:
        with open(path, "rb") as f:
            if f.read(len(_MAGIC)) != _MAGIC:
                raise NotALiushouDatabase(
                    f"{Path(path).name} 不是留守儿童档案的加密备份（.lsbak）文件。"
                )
            size = int.from_bytes(f.read(4), "big")
            if not 0 < size <= _MAX_HEADER:
                raise damaged
            block = f.read(size)
            if len(block) != size:
                raise damaged
            try:
                header = json.loads(pyrage.passphrase.decrypt(block, passphrase))
            except pyrage.DecryptError as err:
                raise KnownError(
                    "口令不对，无法打开这个备份。请检查大小写、全角/半角和输入法后再试。"
                ) from err
            except ValueError as err:
                raise damaged from err
            if not isinstance(header, dict) or not isinstance(header.get("identity"), str):
                raise damaged
            try:
                identity = x25519.Identity.from_str(header["identity"])
                pyrage.decrypt_io(f, sink, [identity])
            except (pyrage.DecryptError, pyrage.IdentityError, OSError) as err:
                if sink.error is not None:
                    raise sink.error from err
                raise damaged from err
    except FileNotFoundError as err:
        raise DatabaseMissing(f"找不到备份文件：{path}") from err
    except OSError as err:
        raise KnownError(f"读不了 {path}：{err.strerror or err}。U盘插好了吗？") from err
    return {k: v for k, v in header.items() if k != "identity"}


def _carry_audit(db: Database, before: Path) -> None:
    """The audit trail survives a restore: the entries of the database as it was before
    (its safety copy) that the backup lacks are appended to the restored file."""
    columns = "id, at, account_id, who, role, action, outcome, child_ids, detail"
    try:
        conn = sqlite3.connect(db.path, isolation_level=None)
        try:
            conn.execute("ATTACH DATABASE ? AS before_restore", (str(before),))
            has = conn.execute(
                "SELECT 1 FROM before_restore.sqlite_master WHERE name = 'audit'"
            ).fetchone()
            if has:
                conn.execute(
                    f"INSERT INTO main.audit ({columns}) SELECT {columns} FROM "
                    "before_restore.audit WHERE id NOT IN (SELECT id FROM main.audit)"
                )
            conn.execute("DETACH DATABASE before_restore")
        finally:
            conn.close()
    except sqlite3.Error:  # a damaged safety copy: the restore itself has succeeded
        log.warning("the audit trail before the restore could not be carried over", exc_info=True)


class _Sink:
    """Passes writes on, remembering the writer's own failure (a full disk) so that it is not
    mistaken for a damaged backup."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        try:
            self.out.write(data)
        except OSError as err:
            self.error = err
            raise
        return len(data)

    def flush(self) -> None:
        flush = getattr(self.out, "flush", None)
        if flush is not None:
            flush()


class _Hasher:
    def __init__(self) -> None:
        self._h = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self._h.update(data)
        return len(data)

    def hexdigest(self) -> str:
        return self._h.hexdigest()


# -- helpers ----------------------------------------------------------------------------------
def _report(progress: ProgressFn | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _cancelled() -> KnownError:
    from .sync import Cancelled  # the GUI's progress dialog knows this one

    return Cancelled()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:  # a temporary copy, never the live database
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _copy_file(source: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.partial")
    try:
        with open(source, "rb") as src, open(tmp, "wb") as out:
            while chunk := src.read(_CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise


def _count(conn: sqlite3.Connection, sql: str) -> int:
    try:
        row = conn.execute(sql).fetchone()
    except sqlite3.Error:
        return 0  # an older schema without this table
    return int(row[0]) if row else 0


def _children(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute(
            "SELECT COUNT(*) FROM child WHERE status != ?", (Status.DELETED.value,)
        ).fetchone()
    except sqlite3.Error:
        return None
    return int(row[0])


def _children_of(path: Path) -> int | None:
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        return _children(conn)
    finally:
        conn.close()


def _meta(conn: sqlite3.Connection, key: str) -> str:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return ""
    return str(row[0]) if row else ""


def _figures(
    conn: sqlite3.Connection,
    path: Path,
    created: dt.datetime | None,
    reason: str,
    encrypted: bool,
) -> BackupPreview:
    from .sync import META_CODE, META_NAME, META_OWN_SCHOOL, MODE_SCHOOL, MODE_TOWNSHIP

    mode = _meta(conn, "mode") or MODE_SCHOOL
    if mode == MODE_TOWNSHIP:
        school, code = _meta(conn, META_NAME), _meta(conn, META_CODE)
    else:
        own = _meta(conn, META_OWN_SCHOOL)
        row = conn.execute(
            "SELECT name, code FROM school ORDER BY id != ?, code LIMIT 1", (own,)
        ).fetchone()
        school, code = (str(row[0]), str(row[1])) if row else ("", "")
    try:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        version = None
    schema = str(version[0]) if version else ""
    return BackupPreview(
        path=path,
        created_at=created,
        reason=reason,
        encrypted=encrypted,
        mode=mode,
        school=school,
        code=code,
        children=_children(conn) or 0,
        records=_count(
            conn,
            "SELECT COUNT(*) FROM record r WHERE NOT EXISTS "
            "(SELECT 1 FROM record c WHERE c.corrects = r.id)",
        ),
        schema=schema,
        upgrade=schema != HEAD_REVISION,
    )


def _describe(plain: Path, original: Path, header: dict[str, Any]) -> BackupPreview:
    """Check the plain backup file and read its figures."""
    name = parse_backup_name(original)
    created: dt.datetime | None = name.created_at if name else None
    reason = name.reason if name else str(header.get("reason") or "")
    if header.get("created_at"):
        with contextlib.suppress(ValueError, TypeError):
            created = dt.datetime.fromisoformat(str(header["created_at"]))
    not_ours = NotALiushouDatabase(f"{original.name} 不是留守儿童档案的备份文件，不能用来恢复。")
    try:
        conn = sqlite3.connect(read_only_uri(plain), uri=True)
    except sqlite3.Error as err:
        raise not_ours from err
    try:
        try:
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        except sqlite3.DatabaseError as err:
            raise not_ours from err
        if app_id != APPLICATION_ID:
            raise not_ours
        if not check_copy(conn):
            raise DamagedDatabase(
                f"备份 {original.name} 已损坏（SQLite 检查没有通过），不能用来恢复。请选另一个备份。"
            )
        preview = _figures(conn, original, created, reason, bool(header))
    except sqlite3.DatabaseError as err:
        raise DamagedDatabase(
            f"备份 {original.name} 已损坏，不能用来恢复。请选另一个备份。"
        ) from err
    finally:
        conn.close()
    if preview.schema > HEAD_REVISION:
        raise DatabaseTooNew(
            f"备份 {original.name} 是更新版本的程序做的（数据库版本 {preview.schema}）。"
            "请先安装最新版本的留守儿童关爱档案，再恢复它。"
        )
    if created is None:
        with contextlib.suppress(OSError):
            created = dt.datetime.fromtimestamp(original.stat().st_mtime)
        preview = replace(preview, created_at=created)
    return preview
