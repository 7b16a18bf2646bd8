"""Accounts: the first administrator, logging in, lockout, and the administrator's account work;
and reading the audit trail.

Passwords are kept only as a scrypt hash (memory-hard; Python's hashlib, no extra package):
``scrypt$N$r$p$salt$hash`` with N=2^15, r=8, p=1 — about 32 MB and a tenth of a second per
try on a school PC. Neither a password nor a hash is ever logged or written to the audit trail.

After :data:`MAX_TRIES` wrong passwords in a row an account waits :data:`LOCKOUT`. The lockout
is kept in the database, so restarting the program does not lift it; a PC clock turned back does
not lengthen it beyond :data:`LOCKOUT` either.

A lost administrator password is recovered on the PC itself: ``liushou users reset-password``
(whoever can read the database file acts as its administrator; README "忘记管理员密码").
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from ..domain.access import (
    Actor,
    Op,
    Role,
    admin_role,
    password_problem,
    roles_for,
)
from ..domain.errors import KnownError, NotFound, ValidationFailed
from .access import ACTIONS, actor_of, requires, write_audit
from .changes import new_id, read_meta, read_mode, write_meta
from .context import ServiceContext

log = logging.getLogger("liushou.accounts")

OUTCOMES = {"ok": "完成", "refused": "拒绝", "failed": "失败"}  # audit outcomes, as shown
MAX_TRIES = 5
LOCKOUT = dt.timedelta(minutes=5)
DEFAULT_IDLE_MINUTES = 15
META_IDLE = "idle_lock_minutes"
META_DEMO_ACCOUNTS = "demo_accounts"  # "1": the demo's accounts (services.demo): the login says

_N, _R, _P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM, dklen=32
    )
    return "$".join(
        ("scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)),
    )


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_MAXMEM,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


_DUMMY_HASH: list[str] = []


def _burn_time(password: str) -> None:
    """An unknown account name costs as long as a wrong password (no telling them apart)."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_password(secrets.token_hex(8)))
    check_password(password, _DUMMY_HASH[0])


class LoginFailed(KnownError):
    pass


@dataclass(frozen=True)
class AccountInfo:
    id: str
    username: str
    display_name: str
    role: str
    helper_id: str | None
    helper_name: str
    active: bool
    locked: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "helper_id": self.helper_id,
            "helper_name": self.helper_name,
            "active": self.active,
            "locked": self.locked,
            "created_at": self.created_at.isoformat(sep=" "),
            "last_login_at": self.last_login_at.isoformat(sep=" ") if self.last_login_at else None,
        }


@dataclass(frozen=True)
class AuditEntry:
    id: str
    at: dt.datetime
    who: str
    role: str
    action: str
    outcome: str
    child_ids: tuple[str, ...]
    child_names: tuple[str, ...]
    detail: str

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(sep=" "),
            "who": self.who,
            "role": self.role,
            "action": self.action,
            "action_label": self.action_label,
            "outcome": self.outcome,
            "child_ids": list(self.child_ids),
            "child_names": list(self.child_names),
            "detail": self.detail,
        }


def _dt(value: object) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _stamp(moment: dt.datetime) -> str:
    """How times are kept in the account and audit tables (sorts as text)."""
    return moment.replace(microsecond=0).isoformat(sep=" ")


def _unknown_name(typed: str) -> str:
    """How the trail names a login attempt with no such account: masked, since a password
    typed into the wrong field would otherwise be kept in plain text."""
    head = typed[:1] or "?"
    return f"{head}{'*' * min(max(len(typed) - 1, 2), 8)}（无此账号）"


def _clean_username(username: str) -> str:
    name = username.strip().lower()
    if not name:
        raise ValidationFailed({"username": "请填写账号名。"})
    if len(name) > 32 or any(ch.isspace() for ch in name):
        raise ValidationFailed({"username": "账号名不能有空格，最多 32 个字符。"})
    return name


class AccountService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- before anyone has logged in ---------------------------------------------------------
    def mode(self) -> str:
        with self.ctx.db.session(write=False) as s:
            return read_mode(s)

    def has_accounts(self) -> bool:
        with self.ctx.db.session(write=False) as s:
            return s.execute(text("SELECT 1 FROM account LIMIT 1")).first() is not None

    def create_first_admin(self, username: str, display_name: str, password: str) -> Actor:
        """The first start of a database: its administrator. Refused once any account exists."""
        name = _clean_username(username)
        problem = password_problem(password, name)
        if problem:
            raise ValidationFailed({"password": problem})
        role = admin_role(self.mode())
        with self.ctx.db.session() as s:
            if s.execute(text("SELECT 1 FROM account LIMIT 1")).first() is not None:
                raise KnownError("这个数据库已经有管理员账号了，请登录。")
            account_id = self._insert(s, name, display_name, role, password, None)
        actor = Actor(account_id, name, display_name.strip() or name, role)
        write_audit(
            self.ctx, "account_add", actor=actor, detail=f"首次使用：建立{role.value}账号 {name}"
        )
        return actor

    def login(self, username: str, password: str) -> Actor:
        """The actor for a right password; :class:`LoginFailed` (audited) otherwise."""
        name = username.strip().lower()
        account, failure = self._verify(name, password, login=True)
        if failure:
            write_audit(
                self.ctx,
                "login_failed",
                outcome="refused",
                actor=account,
                who=_unknown_name(name) if account is None else None,
                role="" if account is None else None,
                detail=failure,
            )
            raise LoginFailed(failure)
        assert account is not None
        write_audit(self.ctx, "login", actor=account)
        return account

    def _verify(self, name: str, password: str, *, login: bool) -> tuple[Actor | None, str]:
        """Check ``password`` for the account ``name``, counting a wrong one towards the
        lockout; returns the account (None if there is none) and the failure ("" if right)."""
        now = self.ctx.now()
        with self.ctx.db.session() as s:
            row = s.execute(
                text(
                    "SELECT id, display_name, role, password_hash, helper_id, active, "
                    "failed_count, locked_until FROM account WHERE username = :u"
                ),
                {"u": name},
            ).first()
            if row is None:
                _burn_time(password)
                return None, "账号或密码不对，请再试一次。"
            account_id, display, role, stored, helper_id, active, failed, locked = row
            account = Actor(account_id, name, display, Role(role), helper_id)
            until = _dt(locked)
            if until is not None and now < until <= now + LOCKOUT:
                minutes = max(1, int((until - now).total_seconds() + 59) // 60)
                return account, (
                    f"密码输错次数太多，账号已锁定。请 {minutes} 分钟后再试，或请管理员重置密码。"
                )
            if not active:
                _burn_time(password)
                return account, "这个账号已停用，请找管理员。"
            if check_password(password, stored):
                s.execute(
                    text(
                        "UPDATE account SET failed_count = 0, locked_until = NULL"
                        + (", last_login_at = :now" if login else "")
                        + " WHERE id = :id"
                    ),
                    {"now": _stamp(now), "id": account_id},
                )
                return account, ""
            failed = (failed or 0) + 1
            if failed >= MAX_TRIES:
                s.execute(
                    text(
                        "UPDATE account SET failed_count = 0, locked_until = :until WHERE id = :id"
                    ),
                    {"until": _stamp(now + LOCKOUT), "id": account_id},
                )
                return account, (
                    f"密码连续输错 {MAX_TRIES} 次，账号已锁定 "
                    f"{int(LOCKOUT.total_seconds() // 60)} 分钟。忘记密码请找管理员重置。"
                )
            s.execute(
                text("UPDATE account SET failed_count = :n WHERE id = :id"),
                {"n": failed, "id": account_id},
            )
            return account, f"密码不对，请再试一次（还可以试 {MAX_TRIES - failed} 次）。"

    def logout(self, actor: Actor, *, idle: bool = False) -> None:
        write_audit(self.ctx, "logout", actor=actor)

    def lock(self, actor: Actor, *, idle: bool = False) -> None:
        """The window locks (by hand, or after the idle time): one ``lock`` entry."""
        write_audit(
            self.ctx, "lock", actor=actor, detail="闲置超时，自动锁定" if idle else "手动锁定"
        )

    def idle_minutes(self) -> int:
        """Minutes without input after which the window locks (0: never)."""
        with self.ctx.db.session(write=False) as s:
            value = read_meta(s, META_IDLE)
        try:
            return int(value) if value is not None else DEFAULT_IDLE_MINUTES
        except ValueError:
            return DEFAULT_IDLE_MINUTES

    # -- the administrator's work ------------------------------------------------------------
    @requires(Op.ACCOUNTS)
    def set_idle_minutes(self, minutes: int) -> None:
        if not 0 <= minutes <= 240:
            raise ValidationFailed({"idle": "自动锁定时间要在 0（不锁定）到 240 分钟之间。"})
        with self.ctx.db.session() as s:
            write_meta(s, META_IDLE, str(minutes))
        write_audit(self.ctx, "account_change", detail=f"闲置 {minutes} 分钟自动锁定")

    @requires(Op.ACCOUNTS)
    def accounts(self) -> list[AccountInfo]:
        """Every account, oldest first."""
        return self._all()

    def _all(self) -> list[AccountInfo]:
        now = self.ctx.now()
        with self.ctx.db.session(write=False) as s:
            rows = s.execute(
                text(
                    "SELECT a.id, a.username, a.display_name, a.role, a.helper_id, "
                    "COALESCE(h.name, ''), a.active, a.locked_until, a.created_at, "
                    "a.last_login_at FROM account a LEFT JOIN helper h ON h.id = a.helper_id "
                    "ORDER BY a.created_at, a.username"
                )
            ).all()
        out = []
        for r in rows:
            until = _dt(r[7])
            out.append(
                AccountInfo(
                    id=r[0],
                    username=r[1],
                    display_name=r[2],
                    role=r[3],
                    helper_id=r[4],
                    helper_name=r[5],
                    active=bool(r[6]),
                    locked=until is not None and now < until <= now + LOCKOUT,
                    created_at=_dt(r[8]) or now,
                    last_login_at=_dt(r[9]),
                )
            )
        return out

    @requires(Op.ACCOUNTS)
    def add(
        self,
        username: str,
        display_name: str,
        role: Role | str,
        password: str,
        helper_id: str | None = None,
    ) -> AccountInfo:
        name = _clean_username(username)
        role = self._role(role)
        problem = password_problem(password, name)
        if problem:
            raise ValidationFailed({"password": problem})
        with self.ctx.db.session() as s:
            if s.execute(text("SELECT 1 FROM account WHERE username = :u"), {"u": name}).first():
                raise ValidationFailed({"username": f"账号名 {name} 已经有人用了，请换一个。"})
            self._check_helper(s, role, helper_id)
            account_id = self._insert(s, name, display_name, role, password, helper_id)
        write_audit(self.ctx, "account_add", detail=f"{name}（{role.value}）")
        return self._info(account_id)

    @requires(Op.ACCOUNTS)
    def update(
        self,
        account_id: str,
        *,
        display_name: str | None = None,
        role: Role | str | None = None,
        helper_id: str | None = None,
        active: bool | None = None,
    ) -> AccountInfo:
        """Change an account (``helper_id`` "" unlinks). The last active administrator cannot
        be demoted or switched off."""
        before = self._info(account_id)
        new_role = self._role(role) if role is not None else Role(before.role)
        new_active = before.active if active is None else active
        new_helper = before.helper_id if helper_id is None else (helper_id or None)
        if new_role is not Role.TEACHER:
            new_helper = None
        with self.ctx.db.session() as s:
            self._check_helper(s, new_role, new_helper)
            if (
                Role(before.role).administers
                and before.active
                and not (new_role.administers and new_active)
            ):
                others = s.execute(
                    text(
                        "SELECT COUNT(*) FROM account WHERE active AND role IN (:a, :t) "
                        "AND id != :id"
                    ),
                    {"a": Role.ADMIN.value, "t": Role.TOWNSHIP_ADMIN.value, "id": account_id},
                ).scalar_one()
                if not others:
                    raise KnownError(
                        "这是唯一的管理员账号，不能停用或改为别的角色。请先再建一个管理员。"
                    )
            s.execute(
                text(
                    "UPDATE account SET display_name = :d, role = :r, helper_id = :h, "
                    "active = :a WHERE id = :id"
                ),
                {
                    "d": before.display_name if display_name is None else display_name.strip(),
                    "r": new_role.value,
                    "h": new_helper,
                    "a": new_active,
                    "id": account_id,
                },
            )
        after = self._info(account_id)
        changes = [
            f"{label}：{old} → {new}"
            for label, old, new in (
                ("姓名", before.display_name, after.display_name),
                ("角色", before.role, after.role),
                ("帮扶人", before.helper_name or "无", after.helper_name or "无"),
                ("状态", "启用" if before.active else "停用", "启用" if after.active else "停用"),
            )
            if old != new
        ]
        write_audit(
            self.ctx,
            "account_change",
            detail=f"{after.username}：" + ("；".join(changes) or "未改动"),
        )
        return after

    @requires(Op.ACCOUNTS)
    def reset_password(self, username: str, new_password: str) -> AccountInfo:
        """Set a forgotten password anew; also lifts a lockout."""
        name = username.strip().lower()
        problem = password_problem(new_password, name)
        if problem:
            raise ValidationFailed({"password": problem})
        with self.ctx.db.session() as s:
            found = s.execute(
                text("SELECT id FROM account WHERE username = :u"), {"u": name}
            ).first()
            if found is None:
                raise NotFound(f"没有账号 {name}。用“liushou users list”查看已有的账号。")
            s.execute(
                text(
                    "UPDATE account SET password_hash = :h, failed_count = 0, "
                    "locked_until = NULL WHERE id = :id"
                ),
                {"h": hash_password(new_password), "id": found[0]},
            )
        write_audit(self.ctx, "password_reset", detail=name)
        return self._info(found[0])

    def change_own_password(self, old_password: str, new_password: str) -> None:
        """The logged-in user changes their own password (the old one must be right)."""
        actor = actor_of(self.ctx)
        if actor.account_id is None:
            raise KnownError("请先登录。")
        problem = password_problem(new_password, actor.username)
        if problem:
            raise ValidationFailed({"password": problem})
        _, failure = self._verify(actor.username, old_password, login=False)
        if failure:
            write_audit(self.ctx, "password_change", outcome="refused", detail=failure)
            raise ValidationFailed({"old": failure.replace("密码不对", "原密码不对")})
        with self.ctx.db.session() as s:
            s.execute(
                text("UPDATE account SET password_hash = :h WHERE id = :id"),
                {"h": hash_password(new_password), "id": actor.account_id},
            )
        write_audit(self.ctx, "password_change", detail=actor.username)

    @requires(Op.ACCOUNTS)
    def teachers(self) -> list[tuple[str, str]]:
        """(helper id, label) of the active teachers (帮扶人, 教师) an account can be linked to."""
        with self.ctx.db.session(write=False) as s:
            rows = s.execute(
                text(
                    "SELECT id, name, grade, class_no FROM helper WHERE kind = '教师' AND active "
                    "ORDER BY name"
                )
            ).all()
        from ..domain.grades import class_label

        return [
            (r[0], f"{r[1]}（{class_label(r[2], r[3])}班主任）" if r[2] and r[3] else r[1])
            for r in rows
        ]

    # -- helpers -------------------------------------------------------------------------------
    def _role(self, role: Role | str) -> Role:
        allowed = roles_for(self.mode())
        try:
            value = Role(role)
        except ValueError:
            names = "、".join(r.value for r in allowed)
            raise ValidationFailed({"role": f"没有“{role}”这个角色，可选：{names}。"}) from None
        if value not in allowed:
            names = "、".join(r.value for r in allowed)
            raise ValidationFailed({"role": f"这个数据库的账号只能是：{names}。"})
        return value

    @staticmethod
    def _check_helper(s: Any, role: Role, helper_id: str | None) -> None:
        if helper_id is None:
            return
        if role is not Role.TEACHER:
            raise ValidationFailed({"helper": "只有教师账号可以关联帮扶人。"})
        found = s.execute(text("SELECT kind FROM helper WHERE id = :id"), {"id": helper_id}).first()
        if found is None or found[0] != "教师":
            raise ValidationFailed({"helper": "要关联的帮扶人不存在，或不是教师。"})

    def _insert(
        self,
        s: Any,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        helper_id: str | None,
    ) -> str:
        account_id = new_id()
        s.execute(
            text(
                "INSERT INTO account (id, username, display_name, role, password_hash, "
                "helper_id, active, failed_count, created_at) VALUES (:id, :u, :d, :r, :h, "
                ":helper, 1, 0, :at)"
            ),
            {
                "id": account_id,
                "u": username,
                "d": display_name.strip() or username,
                "r": role.value,
                "h": hash_password(password),
                "helper": helper_id,
                "at": _stamp(self.ctx.now()),
            },
        )
        return account_id

    def _info(self, account_id: str) -> AccountInfo:
        for info in self._all():
            if info.id == account_id:
                return info
        raise NotFound("找不到这个账号。")


class AuditService:
    """Reading the audit trail (the administrator only). Nothing here changes it."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Op.AUDIT)
    def entries(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        who: str = "",
        action: str = "",
        child_id: str = "",
        outcome: str = "",
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """Newest first. ``since``/``until`` are inclusive days; ``who`` matches part of a
        name."""
        clauses: list[str] = []
        params: dict[str, object] = {}
        if since is not None:
            clauses.append("a.at >= :since")
            params["since"] = _stamp(dt.datetime.combine(since, dt.time()))
        if until is not None:
            clauses.append("a.at < :until")
            params["until"] = _stamp(dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
        if who:
            clauses.append("a.who LIKE :who")
            params["who"] = f"%{who}%"
        if action:
            clauses.append("a.action = :action")
            params["action"] = action
        if outcome:
            clauses.append("a.outcome = :outcome")
            params["outcome"] = outcome
        if child_id:
            clauses.append("EXISTS (SELECT 1 FROM json_each(a.child_ids) j WHERE j.value = :c)")
            params["c"] = child_id
        sql = (
            "SELECT a.id, a.at, a.who, a.role, a.action, a.outcome, a.child_ids, a.detail "
            "FROM audit a"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + " ORDER BY a.at DESC, a.id DESC"
            + (f" LIMIT {int(limit)}" if limit else "")
        )
        with self.ctx.db.session(write=False) as s:
            rows = s.execute(text(sql), params).all()
            ids = {c for r in rows for c in json.loads(r[6] or "[]")}
            names = dict(
                s.execute(
                    text(
                        "SELECT id, name FROM child WHERE id IN (SELECT value FROM json_each(:ids))"
                    ),
                    {"ids": json.dumps(sorted(ids))},
                ).all()
            )
        out = []
        for r in rows:
            child_ids = tuple(json.loads(r[6] or "[]"))
            out.append(
                AuditEntry(
                    id=r[0],
                    at=_dt(r[1]) or dt.datetime.min,
                    who=r[2],
                    role=r[3],
                    action=r[4],
                    outcome=r[5],
                    child_ids=child_ids,
                    child_names=tuple(names.get(c, "") for c in child_ids),
                    detail=r[7],
                )
            )
        return out

    @requires(Op.AUDIT)
    def export(self, path: Path, entries: list[AuditEntry]) -> dict[str, Any]:
        """The entries given (those the browser shows) as an .xlsx; audited as an export."""
        from ..reports.audit_xlsx import write_audit_xlsx

        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            raise KnownError(f"审计日志要保存为 .xlsx 文件（Excel），而不是 {path.name}。")
        rows = [
            (
                e.at.isoformat(sep=" "),
                e.who,
                e.role,
                e.action_label,
                OUTCOMES.get(e.outcome, e.outcome),
                "、".join(n or c for n, c in zip(e.child_names, e.child_ids, strict=True)),
                e.detail,
            )
            for e in entries
        ]
        write_audit_xlsx(path, rows, on=self.ctx.today())
        write_audit(self.ctx, "export", detail=f"审计日志 {len(rows)} 条 → {path.name}")
        return {"path": str(path), "entries": len(rows)}
