"""``liushou users …`` and ``liushou audit list``: the command line acts as the database's
local administrator (whoever can read the file may run it) and is audited as such. This is
also the documented way back in when the administrator's password is lost: run
``liushou users reset-password`` on the PC itself.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from ..domain.errors import KnownError


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser], date_arg: Any) -> None:
    users = sub.add_parser("users", help="账号：新增、列出、重置密码（以本机管理员身份）")
    usub = users.add_subparsers(dest="action", required=True, parser_class=parser_class)
    uadd = usub.add_parser("add", help="新增账号")
    uadd.add_argument("--db", required=True, type=Path)
    uadd.add_argument("username", help="账号名（登录用，不区分大小写）")
    uadd.add_argument("--name", default="", help="姓名（显示在记录和审计日志里）")
    uadd.add_argument(
        "--role",
        required=True,
        help="角色：学校 管理员/教师/督导；乡镇 乡镇管理员/只读",
    )
    uadd.add_argument("--helper", help="教师账号关联的帮扶人 id（本班和结对儿童可见全部档案）")
    uadd.add_argument(
        "--password-file", type=Path, help="密码文件（第一行是密码）；不给则在终端输入两次"
    )
    uadd.add_argument("--json", action="store_true", help="输出 JSON 对象")
    ulist = usub.add_parser("list", help="列出账号")
    ulist.add_argument("--db", required=True, type=Path)
    ulist.add_argument("--json", action="store_true", help="输出 JSON 数组")
    ureset = usub.add_parser(
        "reset-password", help="重置密码并解除锁定（管理员忘记密码时在本机用它找回）"
    )
    ureset.add_argument("--db", required=True, type=Path)
    ureset.add_argument("username")
    ureset.add_argument(
        "--password-file", type=Path, help="新密码文件（第一行是密码）；不给则在终端输入两次"
    )

    audit = sub.add_parser("audit", help="审计日志")
    asub = audit.add_subparsers(dest="action", required=True, parser_class=parser_class)
    alist = asub.add_parser("list", help="列出审计日志（新的在前）")
    alist.add_argument("--db", required=True, type=Path)
    alist.add_argument("--json", action="store_true", help="输出 JSON 数组")
    alist.add_argument("--since", type=date_arg, help="只列出此日期（YYYY-MM-DD）以来的")
    alist.add_argument("--until", type=date_arg, help="只列出到此日期（YYYY-MM-DD）为止的")
    alist.add_argument("--action", dest="kind", help="只列出这种操作（如 login、print、export）")


def _password(path: Path | None) -> str:
    """The first line of a password file, or typed twice at the terminal (never an argument:
    it would stay in the shell history and the process list)."""
    if path is not None:
        from .main import first_line

        return first_line(path, "密码")
    if not sys.stdin.isatty():
        raise KnownError("请用 --password-file 给出密码文件（或在终端里运行以输入密码）。")
    first = getpass.getpass("密码：")
    if getpass.getpass("再输入一次：") != first:
        raise KnownError("两次输入的密码不一样。")
    return first


def run(args: argparse.Namespace, open_db: Any, print_json: Any) -> int:
    from ..services.access import ACTIONS
    from ..services.accounts import OUTCOMES, AccountService, AuditService

    if args.command == "audit" and args.kind and args.kind not in ACTIONS:
        choices = "、".join(f"{code}（{label}）" for code, label in ACTIONS.items())
        raise KnownError(f"没有“{args.kind}”这种操作。可选：{choices}")
    ctx = open_db(args.db)
    try:
        if args.command == "audit":
            entries = AuditService(ctx).entries(
                since=args.since, until=args.until, action=args.kind or ""
            )
            if args.json:
                print_json([e.to_json() for e in entries])
            else:
                for e in entries:
                    kids = "、".join(
                        n or c for n, c in zip(e.child_names, e.child_ids, strict=True)
                    )
                    print(
                        f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.who}\t{e.action_label}"
                        f"\t{OUTCOMES.get(e.outcome, e.outcome)}"
                        f"\t{kids}\t{e.detail}"
                    )
            return 0
        service = AccountService(ctx)
        if args.action == "list":
            accounts = service.accounts()
            if args.json:
                print_json([a.to_json() for a in accounts])
            elif not accounts:
                print("还没有账号：用 liushou users add 新增管理员账号，或在程序里首次打开时建立。")
            else:
                for a in accounts:
                    state = "停用" if not a.active else ("锁定" if a.locked else "启用")
                    print(f"{a.username}\t{a.display_name}\t{a.role}\t{a.helper_name}\t{state}")
            return 0
        if args.action == "add":
            made = service.add(
                args.username, args.name, args.role, _password(args.password_file), args.helper
            )
            if args.json:
                print_json(made.to_json())
            else:
                print(f"已新增账号 {made.username}（{made.display_name}，{made.role}）")
            return 0
        locked = {a.username for a in service.accounts() if a.locked}
        reset = service.reset_password(args.username, _password(args.password_file))
        unlocked = "，账号已解除锁定" if reset.username in locked else ""
        print(f"已重置 {reset.username} 的密码{unlocked}。")
        return 0
    finally:
        ctx.db.close()
