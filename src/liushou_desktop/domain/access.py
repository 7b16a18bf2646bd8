"""Who may do what: roles, the operations the services offer, and the rule between them.

Pure rules, no database. The services check every public operation against :func:`allows`
(``services.access.requires``), so the GUI, the command line, imports and bundles obey one table.

A teacher (教师) sees and changes *their* children in full — the class they head and the
children they are paired with — and of every other child only what a contact card shows
(name, class, guardian and parents with their phones): :func:`limited_row`.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass

from .listing import ChildRow


class Role(enum.StrEnum):
    ADMIN = "管理员"  # a school: everything
    TEACHER = "教师"  # a school: their own class and paired children in full
    INSPECTOR = "督导"  # a school: reads everything, changes nothing (督导/只读)
    TOWNSHIP_ADMIN = "乡镇管理员"  # a township: everything
    TOWNSHIP_READER = "只读"  # a township: reads everything, changes nothing

    @property
    def township(self) -> bool:
        return self in (Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_READER)

    @property
    def administers(self) -> bool:
        return self in (Role.ADMIN, Role.TOWNSHIP_ADMIN)

    @property
    def read_only(self) -> bool:
        return self in (Role.INSPECTOR, Role.TOWNSHIP_READER)


SCHOOL_ROLES = (Role.ADMIN, Role.TEACHER, Role.INSPECTOR)
TOWNSHIP_ROLES = (Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_READER)


def roles_for(mode: str) -> tuple[Role, ...]:
    """The roles an account of a school (``"school"``) or township database can have."""
    return TOWNSHIP_ROLES if mode == "township" else SCHOOL_ROLES


def admin_role(mode: str) -> Role:
    return Role.TOWNSHIP_ADMIN if mode == "township" else Role.ADMIN


class Op(enum.Enum):
    """The operations the services offer, grouped by who may do them. The value is the Chinese
    name the refusal message and the audit trail use."""

    READ_LIST = "查看儿童名单"  # the list, classes, school facts (masked rows for teachers)
    READ_CHILD = "查看儿童档案"  # a child's full archive, history, timeline
    ADD_CHILD = "新增儿童档案"
    EDIT_CHILD = "修改儿童档案"  # save, assess, change status
    READ_CARE = "查看帮扶和记录"  # helpers, pairings, records, duties, incidents, calendar
    WRITE_RECORD = "填写记录"  # visits, talks, calls, incidents, dropouts, screening, bookings
    MANAGE_CARE = "管理结对和规则"  # helpers, pairings, plans, terms, duty rules, class teachers
    MANAGE_SCHOOL = "学校管理"  # handover, merge duplicates
    PRINT = "打印"
    PRINT_CONTACT = "打印联系卡"
    EXPORT = "导出"  # ledgers and record lists that leave the program
    EXPORT_STATS = "导出统计数字"  # counts only, no child
    IMPORT_ROSTER = "导入花名册"
    SYNC = "同步"  # bundles in and out, joining, conflicts, transfers
    READ_SYNC = "查看同步状态"
    BACKUP = "备份"
    RESTORE = "恢复备份"
    ACCOUNTS = "账号管理"
    AUDIT = "查看审计日志"


_EVERYONE = frozenset(Role)
_READERS = frozenset({Role.ADMIN, Role.INSPECTOR, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_READER})
_ADMINS = frozenset({Role.ADMIN, Role.TOWNSHIP_ADMIN})
_SCHOOL_WRITERS = frozenset({Role.ADMIN, Role.TEACHER, Role.TOWNSHIP_ADMIN})

# The permission table. A teacher's "allowed" for the child-bound operations (READ_CHILD,
# EDIT_CHILD, WRITE_RECORD, PRINT) holds for their own children only: see ``SCOPED``.
ALLOWED: dict[Op, frozenset[Role]] = {
    Op.READ_LIST: _EVERYONE,
    Op.READ_CHILD: _EVERYONE,
    Op.ADD_CHILD: _ADMINS,
    Op.EDIT_CHILD: _SCHOOL_WRITERS,
    Op.READ_CARE: _EVERYONE,
    Op.WRITE_RECORD: _SCHOOL_WRITERS,
    Op.MANAGE_CARE: _ADMINS,
    Op.MANAGE_SCHOOL: _ADMINS,
    Op.PRINT: _EVERYONE,
    Op.PRINT_CONTACT: _EVERYONE,
    Op.EXPORT: _READERS,
    Op.EXPORT_STATS: _READERS,
    Op.IMPORT_ROSTER: _ADMINS,
    Op.SYNC: _ADMINS,
    Op.READ_SYNC: _EVERYONE,  # who the township is, when bundles went: no child in it
    Op.BACKUP: _ADMINS,
    Op.RESTORE: _ADMINS,
    Op.ACCOUNTS: _ADMINS,
    Op.AUDIT: _ADMINS,
}

# Operations on named children that a teacher may do on their own children only.
SCOPED = frozenset({Op.READ_CHILD, Op.EDIT_CHILD, Op.WRITE_RECORD, Op.PRINT})


def allows(role: Role, op: Op) -> bool:
    """Whether ``role`` may do ``op`` at all (for a teacher and a ``SCOPED`` op: on their own
    children)."""
    return role in ALLOWED[op]


def scoped(role: Role, op: Op) -> bool:
    """Whether ``op`` done by ``role`` is limited to the actor's own children."""
    return role is Role.TEACHER and op in SCOPED


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in account, or the command line acting as the local
    administrator (``account_id`` None)."""

    account_id: str | None
    username: str
    display_name: str
    role: Role
    helper_id: str | None = None  # a teacher's 帮扶人 record: their class and pairings

    @property
    def label(self) -> str:
        """How the audit trail and the change history name this actor."""
        if self.account_id is None:
            return self.display_name
        if self.display_name and self.display_name != self.username:
            return f"{self.display_name}（{self.username}）"
        return self.username


def command_line_actor(mode: str, name: str = "命令行") -> Actor:
    """The ``liushou`` command: whoever can read the database file acts as its administrator."""
    return Actor(None, "cli", name, admin_role(mode))


# What a teacher sees of a child who is not theirs: what a contact card shows.
CONTACT_FIELDS = frozenset(
    {
        "id",
        "school_id",
        "school_name",
        "name",
        "name_pinyin",
        "sex",
        "grade",
        "class_no",
        "student_no",
        "status",
        "guardian_name",
        "guardian_relation",
        "guardian_phone",
        "father_name",
        "father_phone",
        "mother_name",
        "mother_phone",
    }
)


def limited_row(row: ChildRow) -> ChildRow:
    """``row`` with everything a contact card does not show blanked out."""
    blank: dict[str, object] = {}
    for f in dataclasses.fields(ChildRow):
        if f.name in CONTACT_FIELDS:
            continue
        current = getattr(row, f.name)
        if isinstance(current, bool):
            blank[f.name] = False
        elif isinstance(current, tuple):
            blank[f.name] = ()
        elif isinstance(current, str) and f.name not in ("guardian_assessment",):
            blank[f.name] = ""
        else:
            blank[f.name] = None
    return dataclasses.replace(row, **blank)  # type: ignore[arg-type]  # fields checked above


PASSWORD_MIN_LENGTH = 6


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` is too weak, in Chinese; None when it will do."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"密码至少要 {PASSWORD_MIN_LENGTH} 位。"
    if len(set(password)) == 1:
        return "密码不能全是同一个字符。"
    if username and password.lower() == username.lower():
        return "密码不能和账号名相同。"
    if password in ("123456", "1234567", "12345678", "123456789", "654321", "111111", "000000"):
        return "这个密码太常见，请换一个。"
    return None
