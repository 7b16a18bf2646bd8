"""Opening a liushou database: checks, pragmas, migrations with a backup first, sessions."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

if TYPE_CHECKING:
    from alembic.config import Config

from ..domain.errors import (
    DatabaseLocked,
    DatabaseMissing,
    DatabaseTooNew,
    DiskFull,
    KnownError,
    NotALiushouDatabase,
)
from .backups import backup_copy as backup_copy  # re-exported: sync and tests use it here

log = logging.getLogger("liushou.storage")

APPLICATION_ID = 0x4C534844  # "LSHD": marks the file as ours (PRAGMA application_id)
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another writer before "locked"
_MIGRATIONS = Path(__file__).with_name("migrations")


def _alembic_config(connection: Any | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


# The newest migration. Opening compares the file's revision with this and loads Alembic (slow
# to import) only when they differ; a test keeps it equal to Alembic's own head.
HEAD_REVISION = "0005"


def head_revision() -> str:
    """The head according to Alembic's scripts (tests compare it with HEAD_REVISION)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _upgrade(connection: Any) -> None:
    from alembic import command

    command.upgrade(_alembic_config(connection), "head")


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy, not pysqlite, decide when transactions begin (see _on_begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")  # a power cut must not lose a saved visit
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


_READ_ONLY = "liushou_read_only"


def _on_begin(conn: Any) -> None:
    # A write transaction takes the write lock at its start: no deadlock upgrading a read lock
    # later. A read transaction stays deferred, so WAL lets it read while another writes.
    if conn.get_execution_options().get(_READ_ONLY):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_text(value: object) -> str:
    # Chinese as UTF-8, not \uXXXX escapes: the op log is half the size. One encoder for all
    # (json.dumps with options builds a new one per call; imports write 100,000s of values).
    return _JSON.encode(value)


def make_engine(path: Path) -> Engine:
    # All work runs on the GUI's one worker thread, but the pool may hand it a connection made
    # on the main thread at start-up: allow that (never two threads at once).
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
        json_serializer=json_text,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def translate_operational_error(exc: OperationalError) -> KnownError | None:
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            "数据库正被另一个程序使用。请关闭其他打开本档案的窗口后再试，已保存的内容不会丢失。"
        )
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull(
            "磁盘已满，本次修改没有保存。请清理磁盘空间后再试，之前保存的内容不受影响。"
        )
    if "readonly" in text or "read-only" in text:
        return KnownError("数据库文件是只读的，无法保存。请检查文件权限或把档案复制到本机硬盘上。")
    return None


def check_file(path: Path) -> None:
    """Refuse, with a clear message, a path that is missing or not one of our databases."""
    if not path.exists():
        raise DatabaseMissing(f"找不到数据库文件：{path}。请检查路径，或先用 init/demo 新建。")
    if path.is_dir():
        raise NotALiushouDatabase(f"{path} 是一个文件夹，不是数据库文件。")
    # Read the header through SQLite, not open(): on POSIX, closing any other descriptor of a
    # database file drops this process's SQLite locks on it (if the file is open here too).
    # SQLite's own connections share their file handles, so this read is safe.
    app_id: int | None = None
    with contextlib.suppress(sqlite3.DatabaseError):
        probe = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
        try:
            app_id = int(probe.execute("PRAGMA application_id").fetchone()[0])
            if probe.execute("PRAGMA page_count").fetchone()[0] == 0:
                app_id = None  # an empty file: not a database at all
        finally:
            probe.close()
    if app_id is None:
        raise NotALiushouDatabase(f"{path} 不是留守儿童档案数据库（不是 SQLite 文件）。")
    if app_id != APPLICATION_ID:
        raise NotALiushouDatabase(f"{path} 不是留守儿童档案数据库（是别的程序的数据文件）。")


class Database:
    """An open liushou database file."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._read_engine = engine.execution_options(**{_READ_ONLY: True})

    @property
    def writable(self) -> bool:
        """Whether changes can be saved (the file and its folder, for WAL's side files)."""
        return os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)

    @classmethod
    def create(cls, path: Path) -> Database:
        """A new, empty database at ``path`` (which must not exist yet)."""
        path = Path(path)
        if path.exists():
            raise KnownError(f"文件已存在：{path}。请换一个文件名，或直接打开它。")
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = sqlite3.connect(path)
        raw.execute(f"PRAGMA application_id={APPLICATION_ID}")
        raw.execute("PRAGMA journal_mode=WAL")
        raw.commit()
        raw.close()
        engine = make_engine(path)
        with engine.connect() as conn:
            _upgrade(conn)
            conn.commit()
        return cls(path, engine)

    @classmethod
    def open(cls, path: Path, *, migrate: bool = True) -> Database:
        """Open an existing database; migrate it (after a backup) when it is older."""
        path = Path(path)
        check_file(path)
        if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise KnownError(
                f"{path} 是只读的（或所在文件夹不能写入），无法保存修改。"
                "请把它复制到本机硬盘上可写的文件夹后再打开。"
            )
        engine = make_engine(path)
        try:
            with engine.execution_options(**{_READ_ONLY: True}).connect() as conn:
                row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchone()
                current = row[0] if row else None
                conn.rollback()
        except OperationalError as exc:
            engine.dispose()
            known = translate_operational_error(exc)
            raise known or NotALiushouDatabase(f"{path} 无法读取：{exc.orig}") from exc
        if current == HEAD_REVISION:
            return cls(path, engine)
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(_alembic_config())
        if current is not None:
            try:
                script.get_revision(current)
            except Exception as exc:
                engine.dispose()
                raise DatabaseTooNew(
                    f"{path} 是更新版本的程序建立的（数据库版本 {current}）。"
                    "请安装最新版本的留守儿童关爱档案后再打开。"
                ) from exc
        if not migrate:
            engine.dispose()
            raise KnownError("数据库需要升级，请用图形界面或命令行打开一次以完成升级。")
        backup_copy(path, "before-migration")
        with engine.connect() as conn:
            _upgrade(conn)
            conn.commit()
        log.info("migrated %s from %s to %s", path, current, HEAD_REVISION)
        return cls(path, engine)

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error. ``write=False``
        for reads: they do not wait for, or block, a writer."""
        session = Session(self.engine if write else self._read_engine, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            known = translate_operational_error(exc)
            if known is not None:
                raise known from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
