"""Backup copies of a database file: consistent, verified, written atomically.

A copy is made with SQLite's online backup API in one step, i.e. inside one read transaction
of the source, so it is a committed state even while the app (or another program) writes —
in WAL mode readers and writers do not wait for each other. The copy is written under a
temporary name, switched to a rollback journal (one self-contained file, nothing beside it),
checked with ``PRAGMA quick_check`` (or ``integrity_check``), flushed to disk and only then
renamed to its real name. A failure leaves nothing behind.

Names: ``backups/<db stem>-<YYYYmmdd-HHMMSS>-<reason>[-n].sqlite`` beside the database. The
services (``services/backup.py``) list, rotate and restore them; the migration backup of
``storage.db`` is made here too.

Never read or copy the *live* database with ``open()``: closing any descriptor of a SQLite
file drops this process's POSIX locks on it (see ``gui/file_dialogs.py``). Everything here
goes through SQLite connections.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..domain.errors import DatabaseLocked, DatabaseMissing, DiskFull, KnownError

log = logging.getLogger("liushou.storage.backups")

BACKUP_FOLDER = "backups"
BACKUP_SUFFIX = ".sqlite"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
BUSY_TIMEOUT_MS = 5000
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z][a-z-]*?)(?:-(?P<n>\d+))?\.sqlite$"
)
_REASON = re.compile(r"^[a-z][a-z-]*[a-z]$")


class DamagedDatabase(KnownError):
    """The database (or a backup) fails SQLite's own check: its copy would be damaged too."""


@dataclass(frozen=True)
class BackupName:
    """What a backup's file name says."""

    stem: str  # the database's file name without ".sqlite"
    created_at: dt.datetime  # local time
    reason: str  # auto, manual, before-import, before-migration, before-restore …
    n: int = 1  # 2, 3 … for a second backup made in the same second for the same reason


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_FOLDER


def parse_backup_name(path: Path) -> BackupName | None:
    """The parts of a backup's name, or None for a file that is not one of ours."""
    m = _NAME.match(Path(path).name)
    if m is None:
        return None
    try:
        created = dt.datetime.strptime(m["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    return BackupName(m["stem"], created, m["reason"], int(m["n"] or 1))


def backup_target(db_path: Path, reason: str, now: dt.datetime, folder: Path | None = None) -> Path:
    """A new, unused name for a backup of ``db_path`` made ``now`` for ``reason``."""
    if not _REASON.match(reason):
        raise ValueError(f"a backup reason is lower-case words joined by '-': {reason!r}")
    folder = folder if folder is not None else backup_folder(db_path)
    stamp = now.strftime(STAMP_FORMAT)
    target = folder / f"{Path(db_path).stem}-{stamp}-{reason}{BACKUP_SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{Path(db_path).stem}-{stamp}-{reason}-{n}{BACKUP_SUFFIX}"
    return target


def read_only_uri(path: Path) -> str:
    """A URI that opens a file that does not change (a backup) strictly read-only: no lock,
    no journal or WAL files made beside it."""
    return f"file:{quote(str(Path(path).resolve()))}?mode=ro&immutable=1"


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` reach the disk (POSIX; nothing to do elsewhere)."""
    if hasattr(os, "O_DIRECTORY"):  # the rename itself reaches the disk (POSIX)
        fd = os.open(folder, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    # The temporary copy: no SQLite connection of ours holds it any more (see module doc).
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def translate_error(exc: BaseException, where: Path) -> KnownError:
    """A Chinese message for what went wrong writing a backup to folder ``where``."""
    if isinstance(exc, KnownError):
        return exc
    if isinstance(exc, OSError):
        code = exc.errno or 0
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return DiskFull(
                f"磁盘已满：{where} 没有足够的空间写备份。请清理磁盘空间（或换一个U盘）后再试；"
                "没有写下半截的备份，数据库本身没有改动。"
            )
        if code in (errno.EROFS, errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
            return KnownError(
                f"不能在 {where} 里写文件（只读，或没有写入权限；U盘可能拨到了写保护）。"
                "请换一个文件夹或U盘后再试；数据库本身没有改动。"
            )
        if code == errno.ENOENT:
            return KnownError(f"找不到文件夹 {where}，U盘插好了吗？请选一个已有的文件夹。")
        return KnownError(
            f"写备份时出错（{exc.strerror or exc}）：{where}。请换一个位置再试；"
            "数据库本身没有改动。"
        )
    text = str(exc).lower()
    if "full" in text:
        return DiskFull(
            f"磁盘已满：{where} 没有足够的空间写备份。请清理磁盘空间（或换一个U盘）后再试；"
            "没有写下半截的备份，数据库本身没有改动。"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return KnownError(
            f"不能在 {where} 里写文件（只读，或没有写入权限）。请换一个文件夹后再试；"
            "数据库本身没有改动。"
        )
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            "数据库正被另一个程序长时间占用，暂时无法备份。请关闭其他打开本档案的窗口后再试。"
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DamagedDatabase(
            "数据库文件已损坏，无法做出完好的备份。请用“文件 → 备份 → 从备份恢复…”"
            "恢复最近一次的备份（或请技术人员帮忙）。"
        )
    return KnownError(f"备份没有做成：{exc}。请稍后再试；数据库本身没有改动。")


def check_copy(conn: sqlite3.Connection, full: bool = False) -> bool:
    """SQLite's own consistency check of an open copy."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def snapshot(
    source: Path,
    target: Path,
    *,
    full_check: bool = False,
    source_uri: bool = False,
    after_copy: Callable[[sqlite3.Connection], None] | None = None,
) -> Path:
    """Copy the database ``source`` to the new file ``target`` (see the module doc).

    ``source_uri``: ``source`` is a file that does not change (another backup): it is opened
    read-only and immutable. ``after_copy`` may read the finished copy (e.g. count rows)
    before it is closed. Raises :class:`KnownError` with a Chinese message."""
    target = Path(target)
    folder = target.parent
    tmp = folder / f".{target.name}.partial"
    if not Path(source).is_file():  # sqlite3.connect would make an empty database there
        raise DatabaseMissing(f"找不到数据库文件：{source}。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        if source_uri:
            src = sqlite3.connect(read_only_uri(source), uri=True)
        else:
            src = sqlite3.connect(source)
            src.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            dst = sqlite3.connect(tmp)
            try:
                copy_pages(src, dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
                if not check_copy(dst, full_check):
                    raise DamagedDatabase(
                        "数据库文件已损坏（SQLite 检查没有通过），无法做出完好的备份。"
                        "请用“文件 → 备份 → 从备份恢复…”恢复最近一次的备份。"
                    )
                if after_copy is not None:
                    after_copy(dst)
            finally:
                dst.close()
        finally:
            src.close()
        _fsync_file(tmp)
        os.replace(tmp, target)
        fsync_folder(folder)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        for side in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{tmp}{side}").unlink(missing_ok=True)
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise translate_error(exc, folder) from exc
        raise
    return target


def copy_pages(
    src: sqlite3.Connection, dst: sqlite3.Connection, timeout_ms: int = BUSY_TIMEOUT_MS
) -> None:
    """SQLite's backup API in ONE step: one read transaction on the source, so the copy is a
    committed state. (Several smaller steps would restart whenever another connection writes
    in between — under a busy app, perhaps forever.)

    Python retries a step that finds a lock (another program writing the destination)
    forever; after ``timeout_ms`` this gives up with SQLite's "database is locked"."""
    deadline = time.monotonic() + timeout_ms / 1000

    def waited(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    src.backup(dst, pages=-1, progress=waited, sleep=0.05)


def backup_copy(
    path: Path,
    reason: str,
    keep: int | None = None,
    *,
    now: dt.datetime | None = None,
    folder: Path | None = None,
    full_check: bool = False,
) -> Path:
    """A consistent, verified copy of the database in ``backups/`` beside it.

    With ``keep``, only the newest ``keep`` copies made for the same reason are kept."""
    path = Path(path)
    target = backup_target(path, reason, now or dt.datetime.now(), folder)
    snapshot(path, target, full_check=full_check)
    log.info("backup written to %s (%s)", target, reason)
    if keep is not None:
        prune_reason(path, reason, keep, target.parent)
    return target


def backups_of(db_path: Path, folder: Path | None = None) -> list[tuple[Path, BackupName]]:
    """The backups of this database in its backup folder (by name only), newest first."""
    folder = folder if folder is not None else backup_folder(db_path)
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    found = [
        (p, name)
        for p in folder.glob(f"*{BACKUP_SUFFIX}")
        if (name := parse_backup_name(p)) is not None and name.stem == stem
    ]
    found.sort(key=lambda e: (e[1].created_at, e[1].n, e[0].name), reverse=True)
    return found


def prune_reason(db_path: Path, reason: str, keep: int, folder: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` backups made for ``reason``; returns those deleted."""
    same = [p for p, name in backups_of(db_path, folder) if name.reason == reason]
    removed = same[keep:]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed
