"""Sync between a school and its township: keys, enrollment, bundle export and import,
conflicts and their decisions, transfers.

A school sends the township every op the township has not told it it holds. The township
sends each school what concerns it: its own changes (corrections, decisions, transfers, duty
rules and terms it set for the school), the whole archive of a child transferred in, and any
of the school's own ops the school no longer holds (a school restored from an old backup).
Bundles carry each side's ``held`` vector ({site: last sequence held}), which is the
acknowledgement: nothing is sent again once the other side holds it, and a lost stick is
covered by the next bundle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from ..domain.access import Op
from ..domain.codes import code_problem
from ..domain.errors import KnownError, NotFound, ValidationFailed
from ..reports.files import write_atomically
from ..storage import models
from ..storage.db import HEAD_REVISION
from ..sync.envelope import (
    BundleRefused,
    SiteKeys,
    check_enrollment,
    fingerprint,
    make_enrollment,
    open_bundle,
    seal,
)
from ..sync.hlc import HybridLogicalClock, Stamp, wall_clock_ms
from .access import requires, trusted, write_audit
from .backup import BackupService
from .changes import (
    GROUPS,
    KEY_GROUP,
    META_HLC,
    META_SEQ,
    META_SITE_ID,
    Changes,
    ChangeWriter,
    new_id,
    read_meta,
    read_mode,
    write_meta,
)
from .changes import MODE_SCHOOL as MODE_SCHOOL  # re-exported: the modes are sync's words
from .changes import MODE_TOWNSHIP as MODE_TOWNSHIP
from .context import ServiceContext
from .merge import (
    CONFLICT_ENTITY,
    DECISION_GROUP,
    KIND_CONCURRENT,
    KIND_DELETE,
    KIND_NON_OWNER,
    OP_COLUMNS,
    OP_FIELDS,
    Merger,
    SiteCollision,
)
from .setup import create_database, school_problems

log = logging.getLogger("liushou.sync")

META_SIGN = "sign_private"
META_AGE = "age_identity"
META_NAME = "unit_name"  # the township's name (a school's name is its school row)
META_CODE = "unit_code"
META_OWN_SCHOOL = "own_school"
META_TOWNSHIP_TIME = "township_time_ms"  # the latest township time seen: a clock floor
META_REPLACED_SITES = "replaced_sites"  # earlier site ids of this copy (restored from backup)
BUNDLE_SUFFIX = ".lsync"
OPS_PER_MEMBER = 20_000
CLOCK_SLACK_MS = 24 * 3600 * 1000  # warn when this PC's date is a day behind township time

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class Cancelled(KnownError):
    """Stopped by the user. ``done`` holds what had already been completed (bundles imported
    or written before the stop — each complete in itself); nothing half-done is kept."""

    def __init__(self, done: Sequence[object] = ()) -> None:
        self.done = list(done)
        if self.done:
            super().__init__(f"已取消。取消前已完成 {len(self.done)} 个同步包，其内容已保留。")
        else:
            super().__init__("已取消，没有写入任何内容。")


@dataclass(frozen=True)
class PeerInfo:
    site_id: str
    role: str
    code: str
    name: str
    fingerprint: str
    school_id: str | None
    last_bundle_at: dt.datetime | None


@dataclass
class ExportResult:
    path: Path
    bundle_id: str
    recipient: str  # name of the recipient
    ops: int
    blobs: int
    size: int
    full: bool

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["path"] = str(self.path)
        return d


@dataclass
class ImportResult:
    file: str
    status: str  # merged / duplicate / rejected / skipped (in a folder, for someone else)
    reason: str = ""  # a stable code for a refusal (truncated, damaged, wrong_recipient, …)
    message: str = ""  # Chinese, for the user
    sender: str = ""
    applied: int = 0
    known: int = 0
    conflicts: int = 0
    held_back: int = 0
    warnings: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "reason": self.reason,
            "message": self.message,
            "sender": self.sender,
            "applied": self.applied,
            "known": self.known,
            "conflicts": self.conflicts,
            "held_back": self.held_back,
            "warnings": self.warnings,
        }


def summarize(results: Sequence[ImportResult]) -> str:
    """e.g. "导入 12 个同步包：10 个已合并，1 个重复（无变化），1 个被拒绝：签名无效"."""
    merged = sum(r.status == "merged" for r in results)
    dup = sum(r.status == "duplicate" for r in results)
    skipped = sum(r.status == "skipped" for r in results)
    refused = [r for r in results if r.status == "rejected"]
    parts = [f"{merged} 个已合并"]
    if dup:
        parts.append(f"{dup} 个重复（无变化）")
    if skipped:
        parts.append(f"{skipped} 个不是发给本单位的（已跳过）")
    if refused:
        reasons = "；".join(f"{Path(r.file).name}：{r.message}" for r in refused)
        parts.append(f"{len(refused)} 个被拒绝：{reasons}")
    return f"导入 {len(results)} 个同步包：" + "，".join(parts)


def init_township(
    path: Path, name: str, code: str, author: str = "管理员", *, standard_code: bool = False
) -> ServiceContext:
    """``liushou township init``: a new township database with its keys. ``standard_code``
    (the app's first-run wizard): the code is the county code plus the township's number
    (``domain.codes``), e.g. 522401100."""
    errors = {
        k: v.replace("学校", "乡镇").replace("如 522401001", "如 T522401")
        for k, v in school_problems(name, code, 6).items()
    }
    if standard_code:
        errors.pop("code", None)
        problem = code_problem(code, township=True)
        if problem:
            errors["code"] = problem
    if errors:
        raise ValidationFailed(errors)
    db = create_database(path, mode=MODE_TOWNSHIP)
    with db.session() as s:
        write_meta(s, META_NAME, name.strip())
        write_meta(s, META_CODE, code.strip())
    ctx = ServiceContext(db=db, author=author)
    SyncService(ctx).own_keys()
    return ctx


def read_enrollment_file(path: Path) -> dict[str, Any]:
    """An enrollment file, checked (well formed, signed by the key it names): also before any
    database exists (the first-run wizard shows its fingerprint before the school is made)."""
    try:
        data = json.loads(Path(path).read_bytes())
    except OSError as err:
        raise KnownError(f"无法读取登记文件 {path}：{err.strerror or err}") from err
    except ValueError as err:
        raise BundleRefused("bad_enrollment", "这不是有效的登记文件，请向乡镇重新要一份。") from err
    return check_enrollment(data)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_IMPORT_STATUS = {"merged": "已导入", "duplicate": "重复（以前导入过）", "rejected": "拒收"}


class SyncService:
    def __init__(self, ctx: ServiceContext, wall_ms: Callable[[], int] = wall_clock_ms) -> None:
        self.ctx = ctx
        self._wall_ms = wall_ms

    # -- identity -----------------------------------------------------------------------------
    @requires(Op.READ_LIST)
    def mode(self) -> str:
        with self.ctx.db.session(write=False) as s:
            return read_mode(s)

    @trusted
    def own_keys(self) -> SiteKeys:
        """This copy's keys, made on first use."""
        with self.ctx.db.session() as s:
            return self._keys(s)

    @staticmethod
    def _keys(s: Session) -> SiteKeys:
        sign, age = read_meta(s, META_SIGN), read_meta(s, META_AGE)
        if sign is None or age is None:
            keys = SiteKeys.generate()
            write_meta(s, META_SIGN, keys.sign_private)
            write_meta(s, META_AGE, keys.age_identity)
            return keys
        return SiteKeys(sign, age)

    @requires(Op.READ_SYNC)
    def fingerprint(self) -> str:
        return self.own_keys().fingerprint

    @requires(Op.READ_LIST)
    def unit(self) -> tuple[str, str, str]:
        """(role, code, name) of this copy: the school's or the township's."""
        with self.ctx.db.session() as s:
            return self._unit(s)

    def _unit(self, s: Session) -> tuple[str, str, str]:
        """(role, code, name) of this copy."""
        mode = read_mode(s)
        if mode == MODE_TOWNSHIP:
            return mode, read_meta(s, META_CODE) or "", read_meta(s, META_NAME) or ""
        school = self._own_school(s)
        return mode, school.code, school.name

    @staticmethod
    def _own_school(s: Session) -> models.School:
        own = read_meta(s, META_OWN_SCHOOL)
        school = s.get(models.School, own) if own else None
        if school is None:
            first = s.connection().exec_driver_sql("SELECT id FROM school ORDER BY code").first()
            if first is None:
                raise KnownError("本数据库里还没有学校，请先建立本校档案。")
            found = s.get(models.School, first[0])
            assert found is not None
            write_meta(s, META_OWN_SCHOOL, found.id)
            return found
        return school

    @requires(Op.SYNC)
    def enrollment(self) -> dict[str, Any]:
        """This copy's signed enrollment (the township's is the file schools join with)."""
        with self.ctx.db.session() as s:
            keys = self._keys(s)
            role, code, name = self._unit(s)
            site = read_meta(s, META_SITE_ID) or ""
        return make_enrollment(keys, role, site, code, name, _utcnow().isoformat())

    @requires(Op.SYNC)
    def write_enrollment(self, out: Path) -> str:
        """``liushou township enrollment``: write the file schools import; returns the
        fingerprint to print on the card."""
        if self.mode() != MODE_TOWNSHIP:
            raise KnownError("只有乡镇（township）模式的数据库才能导出登记文件。")
        doc = self.enrollment()
        _safe_write(out, json.dumps(doc, ensure_ascii=False, indent=1).encode())
        return fingerprint(doc["sign_pub"], doc["age_recipient"])

    @requires(Op.SYNC)
    def read_enrollment(self, path: Path) -> dict[str, Any]:
        return read_enrollment_file(path)

    @requires(Op.SYNC)
    def join(self, path: Path) -> PeerInfo:
        """``liushou join``: this school joins the township whose enrollment file this is."""
        doc = self.read_enrollment(path)
        if doc["role"] != MODE_TOWNSHIP:
            raise KnownError("这个登记文件不是乡镇的，请向乡镇（中心校）要乡镇的登记文件。")
        with self.ctx.db.session() as s:
            if read_mode(s) != MODE_SCHOOL:
                raise KnownError("乡镇数据库不能加入别的乡镇。")
            self._keys(s)
            self._own_school(s)
            current = _township_peer(s)
            if current is not None and current.site_id != doc["site_id"]:
                raise KnownError(
                    f"本校已加入“{current.name}”。如需改到别的乡镇，请先联系原乡镇办理转出。"
                )
            peer = s.get(models.Peer, doc["site_id"])
            if peer is None:
                peer = models.Peer(
                    site_id=doc["site_id"],
                    role=MODE_TOWNSHIP,
                    code=doc["code"],
                    name=doc["name"],
                    sign_pub=doc["sign_pub"],
                    age_recipient=doc["age_recipient"],
                    enrolled_at=_utcnow(),
                )
                s.add(peer)
            elif peer.sign_pub != doc["sign_pub"]:
                raise BundleRefused(
                    "forged_origin", "这个登记文件的密钥与本校已登记的乡镇不同，请向乡镇核实。"
                )
            s.flush()
            return _peer_info(peer)

    @requires(Op.READ_SYNC)
    def peers(self) -> list[PeerInfo]:
        with self.ctx.db.session(write=False) as s:
            rows = s.connection().exec_driver_sql("SELECT site_id FROM peer ORDER BY code").all()
            return [_peer_info(p) for r in rows if (p := s.get(models.Peer, r[0])) is not None]

    @requires(Op.READ_SYNC)
    def township(self) -> PeerInfo | None:
        with self.ctx.db.session(write=False) as s:
            peer = _township_peer(s)
            return _peer_info(peer) if peer is not None else None

    @requires(Op.READ_LIST)
    def clock_warning(self) -> str:
        """A warning when this PC's date is behind the township's time ('' when fine)."""
        with self.ctx.db.session(write=False) as s:
            floor = int(read_meta(s, META_TOWNSHIP_TIME) or 0)
        now = self._wall_ms()
        if floor and now + CLOCK_SLACK_MS < floor:
            pc = dt.datetime.fromtimestamp(now / 1000).strftime("%Y-%m-%d")
            town = dt.datetime.fromtimestamp(floor / 1000).strftime("%Y-%m-%d")
            return (
                f"本机日期（{pc}）早于乡镇的时间（{town}），电脑的日期可能不对。"
                "请在 Windows 的“日期和时间”设置里把日期改正，以免记录的日期出错。"
            )
        return ""

    # -- export -------------------------------------------------------------------------------
    @requires(Op.SYNC)
    def export_bundle(
        self,
        out: Path,
        to: str | None = None,
        *,
        full: bool = False,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> ExportResult:
        """Write one bundle for the township (a school) or for school ``to`` (the township).

        ``out`` may be a folder (a file name is made) or a file name. The file is written under
        a temporary name, flushed to the stick, renamed, then read back and checked."""
        step = _Steps(progress, cancelled, 4)  # read, collect, seal, write
        with self.ctx.db.session() as s:
            keys = self._keys(s)
            role, code, name = self._unit(s)
            peer = self._recipient(s, role, to)
            site = read_meta(s, META_SITE_ID) or ""
            conn = _raw(s)
            step()
            ops = self._ops_for(conn, role, peer, full)
            step()
            shas = sorted(
                {
                    str(op[7]["sha256"])
                    for op in ops
                    if op[3] == "attachment" and op[6] == "file" and op[7].get("sha256")
                }
            )
            blobs = [
                (f"blobs/{sha}", bytes(r[0]))
                for sha in shas
                if (r := conn.execute("SELECT data FROM blob WHERE sha256 = ?", (sha,)).fetchone())
            ]
            clock = HybridLogicalClock(Stamp.decode(read_meta(s, META_HLC) or "0-0"), self._wall_ms)
            created = clock.now().encode()
            write_meta(s, META_HLC, created)
            bundle_id = new_id()
            manifest: dict[str, Any] = {
                "schema": HEAD_REVISION,
                "bundle_id": bundle_id,
                "sender": {"site_id": site, "role": role, "code": code},
                "recipient": fingerprint(peer.sign_pub, peer.age_recipient),
                "created": created,
                "held": _held(conn),
                "full": full,
                "counts": {"ops": len(ops), "blobs": len(blobs)},
                "township_time": self._wall_ms() if role == MODE_TOWNSHIP else None,
                "enrollment": None,
                "replaces": json.loads(read_meta(s, META_REPLACED_SITES) or "[]"),
                "yours": _tops(conn, peer) if role == MODE_TOWNSHIP else {},
                # our log position (the township's, for the school to echo back) and the
                # position of the recipient's log we have read (our acknowledgement)
                "upto": conn.execute("SELECT COALESCE(MAX(id), 0) FROM op_log").fetchone()[0],
                "ack": peer.received,
            }
            if role == MODE_SCHOOL:
                manifest["enrollment"] = make_enrollment(
                    keys, role, site, code, name, _utcnow().isoformat()
                )
            members = [
                (f"ops/{i // OPS_PER_MEMBER + 1:05d}.jsonl", _jsonl(ops[i : i + OPS_PER_MEMBER]))
                for i in range(0, len(ops), OPS_PER_MEMBER)
            ]
            data = seal(
                manifest, [*members, *blobs], keys, peer.age_recipient, manifest["recipient"]
            )
            del members, blobs
            step()
            target = Path(out)
            if target.is_dir():
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
                target = target / f"{code}-to-{peer.code}-{stamp}{BUNDLE_SUFFIX}"
            elif not target.suffix:
                raise KnownError(f"找不到文件夹 {target}：U盘插好了吗？请选一个已有的文件夹。")
            elif target.suffix != BUNDLE_SUFFIX:
                target = target.with_name(target.name + BUNDLE_SUFFIX)
            step.last()  # from here on the file is written: no more cancelling
            _safe_write(target, data)
            s.add(
                models.BundleLog(
                    bundle_id=bundle_id,
                    direction="out",
                    peer_site=peer.site_id,
                    at=_utcnow(),
                    status="exported",
                    ops=len(ops),
                )
            )
            step.finish()
        write_audit(
            self.ctx,
            "bundle_export",
            detail=f"发给 {peer.name}：{len(ops)} 条变更{'（全量）' if full else ''} → {target.name}",
        )
        return ExportResult(target, bundle_id, peer.name, len(ops), len(shas), len(data), full)

    @requires(Op.SYNC)
    def export_all(
        self, folder: Path, progress: ProgressFn | None = None, cancelled: CancelFn | None = None
    ) -> list[ExportResult]:
        """The township: one bundle for every enrolled school."""
        codes = sorted({p.code for p in self.peers() if p.role == MODE_SCHOOL})
        if not codes:
            raise KnownError("还没有学校登记（没有收到过任何学校的同步包）。")
        results: list[ExportResult] = []
        for i, code in enumerate(codes):
            if cancelled is not None and cancelled():
                raise Cancelled(results)
            results.append(self.export_bundle(folder, code))
            if progress is not None:
                progress(i + 1, len(codes))
        return results

    def _recipient(self, s: Session, role: str, to: str | None) -> models.Peer:
        if role == MODE_SCHOOL:
            if to is not None:
                raise KnownError("学校只能向所属乡镇导出同步包（不用写 --to）。")
            peer = _township_peer(s)
            if peer is None:
                raise KnownError(
                    "本校还没有加入乡镇：请先导入乡镇发来的登记文件（同步 → 加入乡镇），再导出同步包。"
                )
            return peer
        if not to:
            raise KnownError(
                "乡镇导出同步包时请指定学校代码（--to 学校代码）；"
                "图形界面里可用“同步 → 为全部学校导出”。"
            )
        site = _school_site(s, to)
        if site is None:
            raise NotFound(f"没有代码为 {to} 的已登记学校。学校要先发来一个同步包才算登记。")
        return site

    def _ops_for(
        self, conn: sqlite3.Connection, role: str, peer: models.Peer, full: bool
    ) -> list[list[Any]]:
        if role == MODE_SCHOOL:
            # the township is the hub: it holds a gapless prefix of every site we know
            held: dict[str, int] = {} if full else {k: int(v) for k, v in peer.held.items()}
            ops: list[list[Any]] = []
            for site, top in conn.execute(
                "SELECT site_id, MAX(site_seq) FROM op_log GROUP BY site_id"
            ).fetchall():
                if top > held.get(site, 0):
                    ops += _read_ops(
                        conn, "site_id = ? AND site_seq > ?", (site, held.get(site, 0))
                    )
            return ops
        return self._ops_for_school(conn, peer, 0 if full else peer.acked)

    def _ops_for_school(
        self, conn: sqlite3.Connection, peer: models.Peer, after: int
    ) -> list[list[Any]]:
        """What the township sends a school: every op after the position the school has
        acknowledged (in the township's log) that concerns the school — except the school's
        own (it has them, unless it was restored from a backup: then it has a new site id and
        its old ops come back) — plus the whole archive of a child moved to it, and the rows
        those ops point at (the school and helpers a moved child's records name)."""
        school = peer.school_id or ""
        chosen: dict[tuple[str, int], list[Any]] = {}
        _fill_mine(conn, school)
        for op in _read_ops(
            conn,
            f"id > ? AND site_id != ? AND ({_CONCERNS})",
            (after, peer.site_id, *[school] * 6),
        ):
            chosen[(op[0], op[1])] = op
        # ops of the school's earlier sites (before it was restored from a backup) that it
        # says it no longer holds
        for (site,) in conn.execute(
            "SELECT site_id FROM peer WHERE school_id = ? AND site_id != ?", (school, peer.site_id)
        ).fetchall():
            for op in _read_ops(
                conn, "site_id = ? AND site_seq > ?", (site, int(peer.held.get(site, 0)))
            ):
                chosen[(op[0], op[1])] = op
        # a child moved in since the school's last acknowledgement: its whole archive
        moved_in = [
            r[0]
            for r in conn.execute(
                "SELECT f.entity_id FROM field_stamp f JOIN child c ON c.id = f.entity_id "
                "JOIN op_log o ON o.hlc = f.hlc AND o.site_id = f.site_id AND o.entity = 'child' "
                "AND o.entity_id = f.entity_id AND o.field_group = 'key' "
                "WHERE f.entity = 'child' AND f.field_group = 'key' AND c.school_id = ? "
                "AND o.id > ? AND f.site_id NOT IN (SELECT site_id FROM peer WHERE school_id = ?)",
                (school, after, school),
            )
        ]
        for op in _closure_ops(conn, moved_in):
            if op[0] != peer.site_id:
                chosen[(op[0], op[1])] = op
        for op in _referenced_ops(conn, list(chosen.values()), school):
            chosen.setdefault((op[0], op[1]), op)
        return sorted(chosen.values(), key=lambda o: (o[2], o[0]))

    # -- import -------------------------------------------------------------------------------
    @requires(Op.SYNC)
    def import_bundles(
        self,
        paths: Iterable[Path],
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> list[ImportResult]:
        """Import files (or every ``.lsync`` file in a folder) one by one, in any order. Each
        file is checked completely before anything is written, and applied in one
        transaction. The database is backed up once before the first write."""
        files: list[tuple[Path, bool]] = []  # (file, found in a folder)
        for p in paths:
            p = Path(p)
            if p.is_dir():
                files += [(f, True) for f in sorted(p.glob(f"*{BUNDLE_SUFFIX}"))]
            else:
                files.append((p, False))
        results: list[ImportResult] = []
        backed_up = False
        mine = self.fingerprint()
        for i, (f, in_folder) in enumerate(files):
            if cancelled is not None and cancelled():
                raise Cancelled(results)
            if in_folder and _addressed_elsewhere(f, mine):
                # a stick carries bundles for others too (the school's own outgoing one, other
                # schools'): not an error, just not ours
                results.append(
                    ImportResult(
                        file=str(f),
                        status="skipped",
                        reason="not_for_us",
                        message="不是发给本单位的同步包，已跳过。",
                    )
                )
                continue
            result, backed_up = self._import_one(f, backed_up)
            results.append(result)
            write_audit(
                self.ctx,
                "bundle_import",
                outcome="ok" if result.status in ("merged", "duplicate") else "failed",
                detail=(
                    f"{f.name}"
                    + (f"（来自 {result.sender}）" if result.sender else "")
                    + f"：{_IMPORT_STATUS.get(result.status, result.status)}"
                    + (f"，{result.applied} 条变更" if result.applied else "")
                    + (f"，{result.message}" if result.message else "")
                ),
            )
            if progress is not None:
                progress(i + 1, len(files))
        return results

    def _import_one(self, path: Path, backed_up: bool) -> tuple[ImportResult, bool]:
        result = ImportResult(file=str(path), status="rejected")
        try:
            data = path.read_bytes()
        except OSError as err:
            result.reason, result.message = "unreadable", f"无法读取文件：{err.strerror or err}"
            return result, backed_up
        try:
            checked = self._check(data, result)
        except BundleRefused as err:
            result.reason, result.message = err.reason, err.message
            return result, backed_up
        if checked is None:
            return result, backed_up  # a duplicate: result says so
        state = {"backed_up": backed_up}

        def before_write() -> None:
            # once per import batch, and only when something new will be written: a copy of
            # the file as it was (the write transaction is open but not committed, so the
            # copy, read through another connection, is the state before)
            if not state["backed_up"]:
                BackupService(self.ctx).before_import()
                state["backed_up"] = True

        try:
            self._apply(checked, result, before_write)
        except SiteCollision as err:
            result.status, result.reason, result.message = "rejected", "site_collision", err.message
        except KnownError as err:
            result.status, result.reason, result.message = "rejected", "incomplete", err.message
        return result, state["backed_up"]

    def _check(self, data: bytes, result: ImportResult) -> _Checked | None:
        """Everything that can be checked before writing: frame, decryption, signature,
        member hashes, format, sender. Returns None for a bundle already imported."""
        with self.ctx.db.session() as s:  # may make our keys on first use
            keys = self._keys(s)
            role, _code, _name = self._unit(s)
        bundle = open_bundle(data, keys)
        m = bundle.manifest
        sender = m.get("sender")
        if not isinstance(sender, dict) or not isinstance(m.get("bundle_id"), str):
            raise BundleRefused("damaged", "同步包已损坏（清单不完整），请让对方重新导出。")
        if str(m.get("schema", "")) > HEAD_REVISION:
            raise BundleRefused(
                "newer_format", "这个同步包来自更新版本的软件，请先升级本软件再导入。"
            )
        if m.get("recipient") != keys.fingerprint:
            raise BundleRefused("wrong_recipient", "这个同步包不是发给本单位的（收件人不符）。")
        site = str(sender.get("site_id", ""))
        enrollment: dict[str, Any] | None = None
        with self.ctx.db.session(write=False) as s:
            peer = s.get(models.Peer, site)
            if role == MODE_SCHOOL:
                township = _township_peer(s)
                if township is None:
                    raise BundleRefused(
                        "unknown_signer",
                        "本校还没有加入乡镇，请先导入乡镇的登记文件，再导入同步包。",
                    )
                if peer is None or peer.site_id != township.site_id:
                    if bundle.verify(township.sign_pub):
                        raise BundleRefused(
                            "forged_origin", "同步包的发件单位与签名不符，已拒绝。请向乡镇核实。"
                        )
                    raise BundleRefused(
                        "unknown_signer",
                        "这个同步包不是本校所属乡镇发来的（发件人未登记），已拒绝。",
                    )
                sign_pub = township.sign_pub
            elif peer is not None:
                sign_pub = peer.sign_pub
            else:
                raw = m.get("enrollment")
                if raw is None:
                    raise BundleRefused(
                        "unknown_signer",
                        "发件学校还没有登记（同步包里没有登记信息），已拒绝。请学校重新导出同步包。",
                    )
                enrollment = check_enrollment(raw)
                if enrollment["site_id"] != site or enrollment["role"] != MODE_SCHOOL:
                    raise BundleRefused(
                        "forged_origin", "同步包的发件单位与所附登记信息不符，已拒绝。"
                    )
                other = _school_site(s, enrollment["code"])
                if other is not None and other.sign_pub != enrollment["sign_pub"]:
                    raise BundleRefused(
                        "forged_origin",
                        f"学校代码 {enrollment['code']} 已由另一台电脑（另一把密钥）登记，"
                        "这个同步包的来源不符，已拒绝。请与该校核实。",
                    )
                sign_pub = enrollment["sign_pub"]
            if not bundle.verify(sign_pub):
                if peer is not None:
                    raise BundleRefused(
                        "forged_origin",
                        f"同步包自称来自“{peer.name}”，但签名不是该单位的密钥，已拒绝。",
                    )
                raise BundleRefused("bad_signature", "同步包的签名无效，已拒绝。")
            bundle.check_members()
            result.sender = peer.name if peer is not None else str((enrollment or {}).get("name"))
            seen = s.get(models.BundleLog, m["bundle_id"])
        if seen is not None:
            result.status, result.message = "duplicate", "这个同步包以前已导入过，没有新的变化。"
            return None
        ops = []
        for op in bundle.ops():
            if not _well_formed(op):
                raise BundleRefused("damaged", "同步包内容格式不对，请让对方重新导出。")
            ops.append(op)
        blobs = {}
        for sha in bundle.blob_names():
            content = bundle.blob(sha)
            if hashlib.sha256(content).hexdigest() != sha:
                raise BundleRefused("damaged", "同步包里的附件已损坏，请让对方重新导出。")
            blobs[sha] = content
        return _Checked(m, site, ops, blobs, enrollment)

    def _apply(self, c: _Checked, result: ImportResult, before_write: Callable[[], None]) -> None:
        m = c.manifest
        with self.ctx.db.session() as s:
            conn = _raw(s)
            role = read_mode(s)
            if c.enrollment is not None:
                e = c.enrollment
                school = (
                    s.connection()
                    .exec_driver_sql("SELECT id FROM school WHERE code = ?", (e["code"],))
                    .first()
                )
                s.add(
                    models.Peer(
                        site_id=e["site_id"],
                        role=MODE_SCHOOL,
                        school_id=_school_id_in(c.ops, e["code"])
                        or (school[0] if school else None),
                        code=e["code"],
                        name=e["name"],
                        sign_pub=e["sign_pub"],
                        age_recipient=e["age_recipient"],
                        enrolled_at=_utcnow(),
                    )
                )
                s.flush()
            peer = s.get(models.Peer, c.site)
            assert peer is not None
            if role == MODE_SCHOOL:
                self._restored_check(s, conn, m)
            conn.executemany(
                "INSERT OR IGNORE INTO blob (sha256, mime, size, data) VALUES (?, '', ?, ?)",
                ((sha, len(b), b) for sha, b in c.blobs.items()),
            )
            site_schools = (
                {
                    str(r[0]): str(r[1])
                    for r in conn.execute(
                        "SELECT site_id, school_id FROM peer WHERE role = 'school' "
                        "AND school_id IS NOT NULL"
                    )
                }
                if role == MODE_TOWNSHIP
                else {}
            )
            floor = int(read_meta(s, META_TOWNSHIP_TIME) or 0)
            conn.execute("PRAGMA cache_size = -65536")  # 64 MB while merging (fewer spills)
            try:
                merged = Merger(
                    conn, max(self._wall_ms(), floor), site_schools, before_write=before_write
                ).apply(c.ops)
            finally:
                conn.execute("PRAGMA cache_size = -2000")  # SQLite's default again
            # the clock: never behind what we merged, nor behind the township's time
            clock = HybridLogicalClock(Stamp.decode(read_meta(s, META_HLC) or "0-0"), self._wall_ms)
            if merged.max_hlc:
                clock.observe(Stamp.decode(merged.max_hlc))
            town = m.get("township_time")
            if role == MODE_SCHOOL and isinstance(town, int) and town > floor:
                write_meta(s, META_TOWNSHIP_TIME, str(town))
                clock.observe(Stamp(town, 0))
            write_meta(s, META_HLC, clock.last.encode())
            if peer.school_id is None and peer.role == MODE_SCHOOL:
                peer.school_id = _school_id_in(c.ops, peer.code)
            if str(m.get("created", "")) > peer.held_hlc:
                # the newest bundle speaks for the peer, even when it holds less than an
                # older one said (restored from a backup): then we send again from there
                peer.held = {str(k): int(v) for k, v in dict(m.get("held", {})).items()}
                peer.acked = int(m.get("ack") or 0)
                peer.held_hlc = str(m.get("created", ""))
            peer.received = max(peer.received, int(m.get("upto") or 0))
            peer.last_bundle_at = _utcnow()
            s.add(peer)
            duplicate = merged.applied == 0 and merged.known > 0
            s.add(
                models.BundleLog(
                    bundle_id=m["bundle_id"],
                    direction="in",
                    peer_site=c.site,
                    at=_utcnow(),
                    status="duplicate" if duplicate else "merged",
                    ops=merged.applied,
                    conflicts=merged.conflicts,
                )
            )
        result.status = "duplicate" if duplicate else "merged"
        result.applied, result.known = merged.applied, merged.known
        result.conflicts, result.held_back = merged.conflicts, merged.held_back
        result.changes = Changes(children=merged.children, schools=True, classes=True)
        if duplicate:
            result.message = "这些修改以前都已收到，没有新的变化。"
        elif not merged.conflicts:
            result.message = f"已合并 {merged.applied} 项修改"
        elif role == MODE_TOWNSHIP:
            result.message = f"已合并 {merged.applied} 项修改，发现 {merged.conflicts} 处冲突，请到“冲突处理”查看"
        else:
            result.message = (
                f"已合并 {merged.applied} 项修改；其中 {merged.conflicts} 处与别处同时做的修改冲突，"
                "已按较新的修改显示，乡镇会核实处理"
            )
        if merged.held_back:
            result.warnings.append(
                f"有 {merged.held_back} 项修改的时间比本机晚两天以上，暂不生效，已列入冲突处理。"
            )
        warning = self.clock_warning()
        if warning:
            result.warnings.append(warning)

    def _restored_check(self, s: Session, conn: sqlite3.Connection, m: dict[str, Any]) -> None:
        """A school whose township holds more of the school's own ops than the school itself
        was restored from an old backup: it takes a new site id, re-issues the ops the township
        may not have under it, and lets the township send the rest back."""
        site = read_meta(s, META_SITE_ID) or ""
        mine = int(read_meta(s, META_SEQ) or 0)
        top = dict(m.get("yours") or {}).get(site)
        if not isinstance(top, list) or len(top) != 2:
            return
        theirs, their_hlc = int(top[0]), str(top[1])
        if theirs <= mine:
            row = conn.execute(
                "SELECT hlc FROM op_log WHERE site_id = ? AND site_seq = ?", (site, theirs)
            ).fetchone()
            if theirs == 0 or (row is not None and row[0] == their_hlc):
                return  # the township holds what we hold: not restored
        self._take_new_site(s, conn)

    @trusted
    def after_restore(self) -> str | None:
        """This database was just restored from a backup (``services.backup``): a school takes
        a new site id now, as :meth:`_restored_check` would at the township's next bundle —
        so its next bundle does not reuse sequence numbers the township already holds under
        the old id (refused as ``site_collision``), and the township sends back what the
        school lost (its own ops after the backup, and the township's). Returns the new site
        id; None at a township (see docs/architecture.md, Backups) or with no ops yet."""
        with self.ctx.db.session() as s:
            if read_mode(s) != MODE_SCHOOL:
                return None
            if int(read_meta(s, META_SEQ) or 0) == 0:
                return None  # nothing was ever logged under this site: nothing can clash
            return self._take_new_site(s, _raw(s))

    def _take_new_site(self, s: Session, conn: sqlite3.Connection) -> str:
        """Continue under a new site id: re-issue under it the ops the township has not
        acknowledged (same stamps and content), drop them under the old id, and remember the
        old id (sent as ``replaces``)."""
        site = read_meta(s, META_SITE_ID) or ""
        township = _township_peer(s)
        acked = int(township.held.get(site, 0)) if township is not None else 0
        new_site = new_id()
        rows = conn.execute(
            f"SELECT {OP_COLUMNS}, held_back FROM op_log WHERE site_id = ? AND site_seq > ? "
            "ORDER BY site_seq",
            (site, acked),
        ).fetchall()
        conn.execute("DELETE FROM op_log WHERE site_id = ? AND site_seq > ?", (site, acked))
        conn.executemany(
            f"INSERT INTO op_log ({OP_COLUMNS}, held_back) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((new_site, i + 1, *r[2:]) for i, r in enumerate(_moved_to(rows, site, new_site))),
        )
        conn.execute(
            "UPDATE field_stamp SET site_id = ? WHERE site_id = ? AND hlc IN "
            "(SELECT hlc FROM op_log WHERE site_id = ?)",
            (new_site, site, new_site),
        )
        replaced = json.loads(read_meta(s, META_REPLACED_SITES) or "[]")
        write_meta(s, META_REPLACED_SITES, json.dumps([*replaced, site]))
        write_meta(s, META_SITE_ID, new_site)
        write_meta(s, META_SEQ, str(len(rows)))
        log.warning("restored from a backup: site %s continues as %s", site, new_site)
        return new_site

    # -- conflicts ----------------------------------------------------------------------------
    @requires(Op.READ_SYNC)
    def conflicts(self, *, open_only: bool = False) -> list[ConflictInfo]:
        sql = (
            "SELECT f.id, f.kind, f.entity, f.entity_id, f.child_id, f.field_group, f.a_site, "
            "f.a_hlc, f.a_author, f.a_payload, f.b_site, f.b_hlc, f.b_author, f.b_payload, "
            "f.decision, f.decided_by, f.decided_on, c.name, s.name, f.note "
            "FROM conflict f LEFT JOIN child c ON c.id = f.child_id "
            "LEFT JOIN school s ON s.id = c.school_id"
        )
        if open_only:
            sql += " WHERE f.decision = ''"
        sql += " ORDER BY f.decision != '', f.a_hlc"
        with self.ctx.db.session(write=False) as s:
            units = _site_names(s)
            rows = s.connection().exec_driver_sql(sql).fetchall()
        return [
            ConflictInfo(
                id=r[0],
                kind=r[1],
                entity=r[2],
                entity_id=r[3],
                child_id=r[4],
                child_name=r[17] or "",
                school=r[18] or "",
                field_group=r[5],
                a=ConflictSide(units.get(r[6]) or r[6], r[7], r[8], json.loads(r[9])),
                b=ConflictSide(units.get(r[10]) or r[10], r[11], r[12], json.loads(r[13])),
                decision=r[14],
                decided_by=r[15],
                decided_on=r[16],
                note=r[19],
            )
            for r in rows
        ]

    @requires(Op.SYNC)
    def decide(
        self,
        conflict_id: str,
        choice: str,
        note: str = "",
        values: dict[str, Any] | None = None,
    ) -> Changes:
        """Decide a conflict: ``a`` or ``b`` (that side's values win), ``merge`` (``values``:
        the fields put together from both sides) or ``both`` (keep both as they are: nothing is
        rewritten). A chosen value is written as a new change, so it wins everywhere; the
        decision itself is an op too, so it travels to the schools."""
        labels = {"a": "采用甲方", "b": "采用乙方", "merge": "合并两方", "both": "两者都保留"}
        if choice not in labels:
            raise KnownError("请选择采用哪一方、合并两方，或两者都保留。")
        with self.ctx.db.session() as s:
            row = s.get(models.Conflict, conflict_id)
            if row is None:
                raise NotFound("找不到这条冲突记录，请刷新后再试。")
            w = ChangeWriter(s, self.ctx.author)
            entity, group = row.entity, row.field_group
            side: dict[str, Any] | None = None
            if choice == "a":
                side = dict(row.a_payload)
            elif choice == "b":
                side = dict(row.b_payload)
            elif choice == "merge":
                names = GROUPS.get(entity, {}).get(group)
                if row.kind != KIND_CONCURRENT or names is None:
                    raise KnownError("只有“同时修改”的冲突可以合并两方的内容。")
                if not values or set(values) - set(names):
                    raise KnownError("合并时请为每一项选好采用哪一方的内容。")
                side = {n: values.get(n, row.a_payload.get(n)) for n in names}
            if row.kind == KIND_DELETE and choice == "b" and row.child_id:
                # keep the edit: the child comes back (the status before the delete)
                entity, group, side = "child", "status", _status_before_delete(s, row.child_id)
            elif row.kind == KIND_NON_OWNER and choice == "b":
                # the move stands: the old school's late edit is undone
                side = _replaced_payload(s, row)
            if side and group and entity in GROUPS and group in GROUPS[entity]:
                self._rewrite(s, w, entity, row.entity_id, group, side, row.child_id)
            decision = {
                "decision": labels[choice],
                "decided_by": self.ctx.author,
                "decided_on": self.ctx.today().isoformat(),
                "note": note.strip(),
            }
            row.decision, row.decided_by = labels[choice], self.ctx.author
            row.decided_on, row.note = self.ctx.today(), note.strip()
            s.add(row)
            w.log_only(CONFLICT_ENTITY, conflict_id, row.child_id, DECISION_GROUP, decision)
            return w.flush()

    @staticmethod
    def _rewrite(
        s: Session,
        w: ChangeWriter,
        entity: str,
        entity_id: str,
        group: str,
        values: dict[str, Any],
        child_id: str | None,
    ) -> None:
        from .changes import ENTITY_TABLES

        table = ENTITY_TABLES[entity]
        current = s.get(table, entity_id)
        if current is None:
            return
        names = GROUPS[entity][group]
        old = {n: getattr(current, n) for n in names}
        new = {n: values.get(n) for n in names}
        if entity == "child" and group == "identity":
            from ..domain.pinyin import search_key

            w.update(
                entity,
                entity_id,
                old,
                new,
                child_id,
                extra={"name_pinyin": search_key(str(new.get("name") or ""))},
            )
        else:
            w.update(entity, entity_id, old, new, child_id)
        s.expire(current)

    # -- township: transfers ------------------------------------------------------------------
    @requires(Op.SYNC)
    def transfer(self, child_id: str, to_school_id: str) -> Changes:
        """The township moves a child to another school; both schools learn of it from their
        next bundle (the new school receives the whole archive)."""
        with self.ctx.db.session() as s:
            if read_mode(s) != MODE_TOWNSHIP:
                raise KnownError("只有乡镇可以办理转学（学校之间的转学由乡镇统一办理）。")
            child = s.get(models.Child, child_id)
            if child is None:
                raise NotFound("找不到这名儿童，请刷新后再试。")
            if s.get(models.School, to_school_id) is None:
                raise NotFound("找不到要转入的学校。")
            if child.school_id == to_school_id:
                raise KnownError("这名儿童已经在这所学校。")
            w = ChangeWriter(s, self.ctx.author)
            w.update_key("child", child_id, {"school_id": to_school_id}, child_id)
            return w.flush()


@dataclass(frozen=True)
class ConflictSide:
    unit: str  # the school or township that made the change
    hlc: str
    author: str
    values: dict[str, Any]

    @property
    def when(self) -> dt.datetime | None:
        if not self.hlc:
            return None
        return dt.datetime.fromtimestamp(Stamp.decode(self.hlc).physical_ms / 1000)


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    kind: str
    entity: str
    entity_id: str
    child_id: str | None
    child_name: str
    school: str
    field_group: str
    a: ConflictSide
    b: ConflictSide
    decision: str
    decided_by: str
    decided_on: Any
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        def side(x: ConflictSide) -> dict[str, Any]:
            return {"unit": x.unit, "hlc": x.hlc, "author": x.author, "values": x.values}

        return {
            "id": self.id,
            "kind": self.kind,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "child_id": self.child_id,
            "child_name": self.child_name,
            "school": self.school,
            "field_group": self.field_group,
            "a": side(self.a),
            "b": side(self.b),
            "decision": self.decision,
            "decided_by": self.decided_by,
            "decided_on": str(self.decided_on) if self.decided_on else None,
            "note": self.note,
        }


@dataclass
class _Checked:
    manifest: dict[str, Any]
    site: str
    ops: list[list[Any]]
    blobs: dict[str, bytes]
    enrollment: dict[str, Any] | None


class _Steps:
    def __init__(self, progress: ProgressFn | None, cancelled: CancelFn | None, total: int) -> None:
        self.progress, self.cancelled, self.total, self.done = progress, cancelled, total, 0

    def __call__(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        self.finish()

    def last(self) -> None:
        """The last point where cancelling is possible."""
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()

    def finish(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)


# -- helpers ----------------------------------------------------------------------------------
def _raw(s: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session's (already begun) transaction."""
    dbapi = s.connection().connection.dbapi_connection
    assert isinstance(dbapi, sqlite3.Connection)
    return dbapi


def _moved_to(rows: list[Any], site: str, new_site: str) -> list[tuple[Any, ...]]:
    """Op-log rows re-issued under ``new_site``, with their references to one another moved
    along: a ``prev_site`` naming a re-issued op, and the stamps ("hlc/site") a delete or an
    edit says it saw (``context``). Otherwise a delete that had seen an edit names a stamp the
    township never receives (the edit now travels under the new id), and the two are taken for
    a race (a false 删除与修改 conflict)."""
    moved = {str(r[2]) for r in rows}  # the re-issued ops' stamps

    def ref(value: object) -> object:
        if isinstance(value, str):
            hlc, sep, where = value.rpartition("/")
            if sep and where == site and hlc in moved:
                return f"{hlc}/{new_site}"
        return value

    out: list[tuple[Any, ...]] = []
    for row in rows:
        r = list(row)
        if r[9] == site and r[8] in moved:  # prev_site: its predecessor was re-issued too
            r[9] = new_site
        context = json.loads(r[12]) if isinstance(r[12], str) and r[12] else None
        if isinstance(context, dict):
            if isinstance(context.get("seen"), dict):
                context["seen"] = {k: ref(v) for k, v in context["seen"].items()}
            if "status" in context:
                context["status"] = ref(context["status"])
            r[12] = json.dumps(context, ensure_ascii=False, separators=(",", ":"))
        out.append(tuple(r))
    return out


def _township_peer(s: Session) -> models.Peer | None:
    row = s.connection().exec_driver_sql("SELECT site_id FROM peer WHERE role = 'township'").first()
    return s.get(models.Peer, row[0]) if row else None


def _school_site(s: Session, code: str) -> models.Peer | None:
    """The newest site of the school with this code (a restored school has a newer one)."""
    row = (
        s.connection()
        .exec_driver_sql(
            "SELECT site_id FROM peer WHERE role = 'school' AND code = ? "
            "ORDER BY enrolled_at DESC LIMIT 1",
            (code,),
        )
        .first()
    )
    return s.get(models.Peer, row[0]) if row else None


def _site_names(s: Session) -> dict[str, str]:
    names = {
        str(r[0]): str(r[1])
        for r in s.connection().exec_driver_sql("SELECT site_id, name FROM peer").fetchall()
    }
    own = read_meta(s, META_SITE_ID)
    if own:
        mode = read_mode(s)
        names[own] = read_meta(s, META_NAME) or "本乡镇" if mode == MODE_TOWNSHIP else "本校"
    return names


def _peer_info(p: models.Peer) -> PeerInfo:
    return PeerInfo(
        p.site_id,
        p.role,
        p.code,
        p.name,
        fingerprint(p.sign_pub, p.age_recipient),
        p.school_id,
        p.last_bundle_at,
    )


def _tops(conn: sqlite3.Connection, peer: models.Peer) -> dict[str, list[Any]]:
    """For each site of the recipient school: the last of its ops we hold, [seq, stamp]. A
    school that holds a different op under that number (or fewer) was restored from a backup."""
    tops: dict[str, list[Any]] = {}
    for (site,) in conn.execute(
        "SELECT site_id FROM peer WHERE school_id = ?", (peer.school_id,)
    ).fetchall():
        row = conn.execute(
            "SELECT site_seq, hlc FROM op_log WHERE site_id = ? ORDER BY site_seq DESC LIMIT 1",
            (site,),
        ).fetchone()
        if row is not None:
            tops[str(site)] = [int(row[0]), str(row[1])]
    return tops


def _held(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        str(site): int(seq)
        for site, seq in conn.execute("SELECT site_id, MAX(site_seq) FROM op_log GROUP BY site_id")
    }


def _read_ops(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[list[Any]]:
    rows = conn.execute(
        f"SELECT {OP_COLUMNS} FROM op_log WHERE {where} AND held_back = 0 ORDER BY site_id, site_seq",
        tuple(params),
    ).fetchall()
    return [
        [*r[:7], json.loads(r[7]), *r[8:12], None if r[12] is None else json.loads(r[12])]
        for r in rows
    ]


def _jsonl(ops: list[list[Any]]) -> bytes:
    return "".join(
        json.dumps(op, ensure_ascii=False, separators=(",", ":")) + "\n" for op in ops
    ).encode()


def _well_formed(op: object) -> bool:
    """The shape of an op line (checked for every op before anything is written)."""
    return (
        type(op) is list
        and len(op) == OP_FIELDS
        and type(op[0]) is str
        and type(op[1]) is int
        and type(op[2]) is str
        and len(op[2]) == 19
        and type(op[3]) is str
        and type(op[4]) is str
        and (op[5] is None or type(op[5]) is str)
        and type(op[6]) is str
        and type(op[7]) is dict
        and type(op[8]) is str
        and type(op[9]) is str
        and type(op[10]) is str
        and type(op[11]) is str
        and (op[12] is None or type(op[12]) is dict)
    )


def _school_id_in(ops: list[list[Any]], code: str) -> str | None:
    for op in ops:
        if op[3] == "school" and op[6] == "school" and op[7].get("code") == code:
            return str(op[4])
    return None


# The ops (on op_log, no alias) that concern one school: anything about a child the school
# has ever kept (temp table _mine: its children and those moved away — a moved child's archive
# stays one archive wherever it is kept), and the school's own rows. 6 placeholders, all the
# school id.
_CONCERNS = (
    "child_id IN (SELECT id FROM _mine) "
    "OR (entity = 'child' AND entity_id IN (SELECT id FROM _mine)) "
    "OR (entity = 'school' AND entity_id = ?) "
    "OR (entity = 'record' AND entity_id IN (SELECT id FROM record WHERE school_id = ?)) "
    "OR (entity = 'record' AND entity_id IN (SELECT rc.record_id FROM record_child rc "
    "WHERE rc.child_id IN (SELECT id FROM _mine))) "
    "OR (entity = 'attachment' AND entity_id IN (SELECT a.id FROM attachment a JOIN "
    "record_child rc ON rc.record_id = a.record_id WHERE rc.child_id IN (SELECT id FROM _mine))) "
    "OR (entity = 'helper' AND entity_id IN (SELECT id FROM helper WHERE school_id = ?)) "
    "OR (entity = 'class' AND entity_id IN (SELECT id FROM school_class WHERE school_id = ?)) "
    "OR (entity = 'term' AND entity_id IN (SELECT id FROM term WHERE school_id = ?)) "
    "OR (entity = 'duty_rule' AND entity_id IN (SELECT id FROM duty_rule WHERE school_id = ?)) "
    "OR (entity = 'plan_review' AND entity_id IN (SELECT v.id FROM plan_review v JOIN pairing p "
    "ON p.id = v.pairing_id WHERE p.child_id IN (SELECT id FROM _mine))) "
    "OR (entity = 'dropout_attempt' AND entity_id IN (SELECT a.id FROM dropout_attempt a JOIN "
    "dropout d ON d.id = a.dropout_id WHERE d.child_id IN (SELECT id FROM _mine))) "
    "OR (entity = 'conflict' AND entity_id IN (SELECT f.id FROM conflict f "
    "WHERE f.child_id IN (SELECT id FROM _mine)))"
)


def _fill_mine(conn: sqlite3.Connection, school: str) -> None:
    """Temp table _mine: every child the school has ever kept (any key op naming it)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _mine (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM _mine")
    conn.execute(
        "INSERT OR IGNORE INTO _mine SELECT entity_id FROM op_log WHERE entity = 'child' "
        "AND field_group = 'key' AND json_extract(payload, '$.school_id') = ?",
        (school,),
    )


def _referenced_ops(conn: sqlite3.Connection, ops: list[list[Any]], school: str) -> list[list[Any]]:
    """The ops of rows the chosen ops point at and the school may lack: other schools (a
    moved child's new or old school, a record's school) and helpers (of records, pairings,
    visits). Their own references follow (a helper's school)."""
    wanted: set[tuple[str, str]] = set()
    for op in ops:
        payload = op[7]
        if op[6] == KEY_GROUP and payload.get("school_id"):
            wanted.add(("school", str(payload["school_id"])))
        if payload.get("helper_id"):
            wanted.add(("helper", str(payload["helper_id"])))
    out: list[list[Any]] = []
    done: set[tuple[str, str]] = set()
    while wanted - done:
        entity, eid = sorted(wanted - done)[0]
        done.add((entity, eid))
        if entity == "school" and eid == school:
            continue
        for op in _read_ops(conn, "entity = ? AND entity_id = ?", (entity, eid)):
            out.append(op)
            if op[6] == KEY_GROUP and op[7].get("school_id"):
                wanted.add(("school", str(op[7]["school_id"])))
    return out


def _closure_ops(conn: sqlite3.Connection, children: list[str]) -> list[list[Any]]:
    """Every op of the rows that make up these children's archives (and the rows those
    rows point at: helpers, their schools), for a child transferred to another school."""
    if not children:
        return []
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _moved (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM _moved")
    conn.executemany("INSERT OR IGNORE INTO _moved VALUES (?)", ((c,) for c in children))
    wanted: set[tuple[str, str]] = {("child", c) for c in children}
    q = conn.execute
    for table in (
        "guardian",
        "parent",
        "assessment",
        "pairing",
        "appointment",
        "incident",
        "dropout",
        "screening",
    ):
        wanted |= {
            (table, r[0])
            for r in q(f"SELECT id FROM {table} WHERE child_id IN (SELECT id FROM _moved)")
        }
    wanted |= {
        ("plan_review", r[0])
        for r in q(
            "SELECT v.id FROM plan_review v JOIN pairing p ON p.id = v.pairing_id "
            "WHERE p.child_id IN (SELECT id FROM _moved)"
        )
    }
    wanted |= {
        ("dropout_attempt", r[0])
        for r in q(
            "SELECT a.id FROM dropout_attempt a JOIN dropout d ON d.id = a.dropout_id "
            "WHERE d.child_id IN (SELECT id FROM _moved)"
        )
    }
    records = {
        r[0]
        for r in q("SELECT record_id FROM record_child WHERE child_id IN (SELECT id FROM _moved)")
    }
    wanted |= {("record", r) for r in records}
    wanted |= {
        ("attachment", r[0])
        for r in q(
            "SELECT a.id FROM attachment a JOIN record_child rc ON rc.record_id = a.record_id "
            "WHERE rc.child_id IN (SELECT id FROM _moved)"
        )
    }
    helpers = {
        r[0]
        for r in q(
            "SELECT helper_id FROM pairing WHERE child_id IN (SELECT id FROM _moved) UNION "
            "SELECT helper_id FROM appointment WHERE child_id IN (SELECT id FROM _moved) "
            "AND helper_id IS NOT NULL UNION SELECT r.helper_id FROM record r JOIN record_child rc "
            "ON rc.record_id = r.id WHERE rc.child_id IN (SELECT id FROM _moved) "
            "AND r.helper_id IS NOT NULL"
        )
    }
    wanted |= {("helper", h) for h in helpers}
    schools = {r[0] for r in q("SELECT school_id FROM child WHERE id IN (SELECT id FROM _moved)")}
    schools |= {
        r[0]
        for r in q(
            "SELECT DISTINCT r.school_id FROM record r JOIN record_child rc ON rc.record_id = r.id "
            "WHERE rc.child_id IN (SELECT id FROM _moved)"
        )
    }
    for h in helpers:
        row = q("SELECT school_id FROM helper WHERE id = ?", (h,)).fetchone()
        if row:
            schools.add(row[0])
    for c in children:  # every school the child belonged to
        schools |= {
            str(json.loads(r[0]).get("school_id"))
            for r in q(
                "SELECT payload FROM op_log WHERE entity = 'child' AND entity_id = ? "
                "AND field_group = 'key'",
                (c,),
            )
        }
    wanted |= {("school", sc) for sc in schools}
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _wanted (entity TEXT, entity_id TEXT)")
    conn.execute("DELETE FROM _wanted")
    conn.executemany("INSERT INTO _wanted VALUES (?, ?)", sorted(wanted))
    ops = _read_ops(
        conn,
        "EXISTS (SELECT 1 FROM _wanted w WHERE w.entity = op_log.entity "
        "AND w.entity_id = op_log.entity_id)",
        (),
    )
    return ops


def _replaced_payload(s: Session, row: models.Conflict) -> dict[str, Any] | None:
    """The values a change replaced (the previous op of the same field group), if known."""
    op = (
        s.connection()
        .exec_driver_sql(
            "SELECT prev_hlc, prev_site FROM op_log WHERE entity = ? AND entity_id = ? "
            "AND field_group = ? AND hlc = ? AND site_id = ?",
            (row.entity, row.entity_id, row.field_group, row.a_hlc, row.a_site),
        )
        .first()
    )
    if op is None or not op[0]:
        return None
    prev = (
        s.connection()
        .exec_driver_sql(
            "SELECT payload FROM op_log WHERE entity = ? AND entity_id = ? AND field_group = ? "
            "AND hlc = ? AND site_id = ?",
            (row.entity, row.entity_id, row.field_group, op[0], op[1]),
        )
        .first()
    )
    return dict(json.loads(prev[0])) if prev is not None else None


def _status_before_delete(s: Session, child_id: str) -> dict[str, Any]:
    from .changes import DELETED

    rows = (
        s.connection()
        .exec_driver_sql(
            "SELECT payload FROM op_log WHERE entity = 'child' AND entity_id = ? "
            "AND field_group = 'status' ORDER BY hlc DESC, site_id DESC",
            (child_id,),
        )
        .fetchall()
    )
    for (text,) in rows:
        payload = json.loads(text)
        if payload.get("status") != DELETED:
            return dict(payload)
    return {"status": "在册", "status_date": None, "status_reason": ""}


def _addressed_elsewhere(path: Path, fingerprint_: str) -> bool:
    """Whether the file's frame names another recipient (a well-formed bundle for others)."""
    from ..sync.envelope import frame_recipient

    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:
        return False
    recipient = frame_recipient(head + b"\0" * 64)
    return bool(recipient) and recipient != fingerprint_


def _safe_write(target: Path, data: bytes) -> None:
    """Temp name + fsync + rename + read back and re-hash: only then is it safe to unplug."""
    target = write_atomically(data, target, what="同步包", make_parents=False)
    try:
        back = target.read_bytes()
    except OSError as err:
        raise KnownError(
            f"写好的同步包读不回来：{target}。U盘可能有问题，请换一个U盘重新导出。"
        ) from err
    if hashlib.sha256(back).digest() != hashlib.sha256(data).digest():
        raise KnownError("写入U盘后读回的内容不一致，U盘可能有问题。请换一个U盘重新导出。")
