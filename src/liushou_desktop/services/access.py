"""Permissions enforced in the services, and the audit trail they write.

Every public operation of a service carries ``@requires(Op.X)``; the gate runs before the
operation touches anything. A refusal writes one ``refused`` audit entry and raises
:class:`PermissionDenied` (a KnownError with a Chinese message). For a teacher the child-bound
operations (``domain.access.SCOPED``) also check that every child named is one of theirs: the
class they head (their 帮扶人 record's class, or a class whose 班主任 has their name) or a child
they are paired with now.

The audit trail (table ``audit``) is append-only: triggers refuse UPDATE and DELETE. Entries are
written in their own transaction, so a refused or failed operation still leaves its trace.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy import text
from sqlmodel import Session

from ..domain.access import Actor, Op, Role, allows, limited_row, scoped
from ..domain.errors import KnownError
from ..domain.listing import ChildRow
from .changes import new_id
from .context import ServiceContext

log = logging.getLogger("liushou.access")

# Audit actions: the code kept in the table and the Chinese name the trail shows.
ACTIONS: dict[str, str] = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出登录",
    "lock": "锁定",
    "open_child": "查看档案",
    "print": "打印",
    "export": "导出",
    "import": "导入花名册",
    "bundle_export": "导出同步包",
    "bundle_import": "导入同步包",
    "account_add": "新增账号",
    "account_change": "修改账号",
    "password_reset": "重置密码",
    "password_change": "修改密码",
    "refused": "拒绝操作",
    "backup": "备份",
    "restore": "恢复备份",
}


class PermissionDenied(KnownError):
    """The actor's role does not allow the operation (or not on these children)."""

    def __init__(self, op: Op, actor: Actor, *, children: bool = False, message: str = "") -> None:
        if not message and children:
            message = (
                f"您的账号（{actor.role.value}）只能对本班和结对的儿童{op.value}。"
                "如需处理其他儿童，请找管理员。"
            )
        elif not message:
            message = (
                f"您的账号（{actor.role.value}）没有“{op.value}”的权限。如有需要，请找管理员。"
            )
        super().__init__(message)
        self.op = op


def actor_of(ctx: ServiceContext) -> Actor:
    """Who is acting; a context without an account acts as the local administrator (the
    command line, the demo builder)."""
    if ctx.actor is not None:
        return ctx.actor
    return Actor(None, "local", ctx.author, Role.ADMIN)


def write_audit(
    ctx: ServiceContext,
    action: str,
    *,
    outcome: str = "ok",
    child_ids: Iterable[str] = (),
    detail: str = "",
    actor: Actor | None = None,
    who: str | None = None,
    role: str | None = None,
) -> None:
    """Append one entry to the audit trail, in a transaction of its own. A database that
    cannot be written (read-only file) keeps no trail; that is logged, never raised. ``who`` and
    ``role`` name someone who is no account (a mistyped name at the login)."""
    assert action in ACTIONS, action
    acting = actor or actor_of(ctx)
    row = {
        "id": new_id(),
        "at": ctx.now().replace(microsecond=0).isoformat(sep=" "),  # as accounts._stamp
        "account_id": acting.account_id,
        "who": who if who is not None else acting.label,
        "role": acting.role.value if role is None else role,
        "action": action,
        "outcome": outcome,
        "child_ids": _json_list(child_ids),
        "detail": detail,
    }
    try:
        with ctx.db.session() as s:
            s.execute(
                text(
                    "INSERT INTO audit (id, at, account_id, who, role, action, outcome, "
                    "child_ids, detail) VALUES (:id, :at, :account_id, :who, :role, :action, "
                    ":outcome, :child_ids, :detail)"
                ),
                row,
            )
    except KnownError as exc:  # read-only or locked database: the operation itself decides
        log.warning("audit entry %s not written: %s", action, exc.message)


def _json_list(ids: Iterable[str]) -> str:
    return json.dumps(sorted(set(ids)), ensure_ascii=False)


# -- a teacher's own children ---------------------------------------------------------------
def own_children(s: Session, actor: Actor) -> frozenset[str]:
    """The children a teacher sees in full: the class they head and those paired with them.
    Empty for a teacher account not linked to a 帮扶人 record."""
    if actor.helper_id is None:
        return frozenset()
    helper = s.execute(
        text("SELECT school_id, name, grade, class_no FROM helper WHERE id = :id"),
        {"id": actor.helper_id},
    ).first()
    if helper is None:
        return frozenset()
    school_id, name, grade, class_no = helper
    ids = {
        r[0]
        for r in s.execute(
            text(
                "SELECT c.id FROM child c WHERE c.school_id = :school AND ("
                "(c.grade = :grade AND c.class_no = :class_no) OR EXISTS ("
                "SELECT 1 FROM school_class k WHERE k.school_id = c.school_id "
                "AND k.grade = c.grade AND k.class_no = c.class_no "
                "AND k.teacher_name = :name AND k.teacher_name != ''))"
            ),
            {"school": school_id, "grade": grade, "class_no": class_no, "name": name},
        )
    }
    ids.update(
        r[0]
        for r in s.execute(
            text("SELECT child_id FROM pairing WHERE helper_id = :h AND end_date IS NULL"),
            {"h": actor.helper_id},
        )
    )
    return frozenset(ids)


def full_view(ctx: ServiceContext, s: Session, child_ids: Iterable[str]) -> bool:
    """Whether the actor may see all of these children in full."""
    actor = actor_of(ctx)
    if actor.role is not Role.TEACHER:
        return True
    mine = own_children(s, actor)
    return all(c in mine for c in child_ids)


def teacher_children(ctx: ServiceContext) -> frozenset[str] | None:
    """A teacher's own children; None for every other role (they see every child)."""
    actor = actor_of(ctx)
    if actor.role is not Role.TEACHER:
        return None
    with ctx.db.session(write=False) as s:
        return own_children(s, actor)


def visible_rows(ctx: ServiceContext, rows: list[ChildRow]) -> list[ChildRow]:
    """The list as the actor may see it: a teacher's other children reduced to what a contact
    card shows (domain.access.limited_row)."""
    mine = teacher_children(ctx)
    if mine is None:
        return rows
    return [r if r.id in mine else limited_row(r) for r in rows]


def check(ctx: ServiceContext, op: Op, child_ids: Iterable[str] | None = None) -> None:
    """Refuse (audited) unless the actor may do ``op`` — on ``child_ids`` when given."""
    actor = actor_of(ctx)
    if not allows(actor.role, op):
        write_audit(ctx, "refused", outcome="refused", detail=op.value)
        raise PermissionDenied(op, actor)
    if child_ids is None or not scoped(actor.role, op):
        return
    wanted = [c for c in child_ids if c]
    with ctx.db.session(write=False) as s:
        mine = own_children(s, actor)
    strangers = [c for c in wanted if c not in mine]
    if strangers:
        write_audit(ctx, "refused", outcome="refused", child_ids=strangers, detail=op.value)
        raise PermissionDenied(op, actor, children=True)


class _HasContext(Protocol):
    @property
    def ctx(self) -> ServiceContext | None: ...  # None: BackupService on a file (the CLI)


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=_HasContext)

ChildPick = Callable[[Mapping[str, Any]], Iterable[str] | str | None]


def requires(
    op: Op, *, children: ChildPick | None = None
) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], R]]:
    """Gate a service method: the actor must be allowed ``op``; with ``children`` (picks the
    child ids from the call's bound arguments) a teacher must own every child named."""

    def decorate(fn: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def gated(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            ctx = self.ctx
            if ctx is not None:  # without a context only the local administrator acts
                ids: Iterable[str] | None = None
                if children is not None and scoped(actor_of(ctx).role, op):
                    bound = signature.bind(self, *args, **kwargs)
                    bound.apply_defaults()
                    picked = children(bound.arguments)
                    ids = [picked] if isinstance(picked, str) else list(picked or [])
                check(ctx, op, ids)
            # functools.wraps set __wrapped__; looked up per call so a test can stand in for it
            body: Callable[Concatenate[S, P], R] = gated.__wrapped__
            return body(self, *args, **kwargs)

        gated.__required_op__ = op  # type: ignore[attr-defined]  # read by the matrix test
        return gated

    return decorate


def required_op(method: object) -> Op | None:
    """The operation a service method is gated on (None: not gated)."""
    op = getattr(method, "__required_op__", None)
    return op if isinstance(op, Op) else None


def trusted(fn: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Mark a public method as a building block other, gated operations call (it takes an
    open session, or only computes): it has no gate of its own."""
    fn.__trusted__ = True  # type: ignore[attr-defined]  # read by the matrix test
    return fn


def arg(name: str) -> ChildPick:
    """``children=arg("child_id")``: the child named by one argument."""

    def pick(arguments: Mapping[str, Any]) -> Iterable[str] | str | None:
        value = arguments.get(name)
        if value is None or isinstance(value, str):
            return value
        return list(value)

    return pick
