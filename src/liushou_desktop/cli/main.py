"""``liushou`` — the public command line. A contract: documented in the README, tested.

Exit codes: 0 success; 2 bad input, with a one-line message on stderr (missing file, a file
that is not a liushou database, a database from a newer version, invalid values).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.errors import KnownError

COMMANDS = ("init", "demo", "children", "stats")

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # argparse types it NoReturn
        self.print_usage(sys.stderr)
        print(f"liushou: 参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="liushou", description="留守儿童关爱档案 — 命令行")
    p.add_argument("--version", action="version", version=f"liushou {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    init = sub.add_parser("init", help="新建一个学校数据库")
    init.add_argument("--db", required=True, type=Path)
    init.add_argument("--school", required=True, help="学校名称")
    init.add_argument("--code", required=True, help="学校代码")
    init.add_argument(
        "--top-grade",
        type=int,
        default=6,
        choices=(6, 9, 12),
        help="最高年级：6 小学，9 九年一贯制，12 完全中学",
    )

    demo = sub.add_parser("demo", help="新建或填充示范数据")
    demo.add_argument("--db", required=True, type=Path)
    demo.add_argument("--children", type=int, default=300)
    demo.add_argument("--seed", type=int, default=1)

    children = sub.add_parser("children", help="儿童档案")
    csub = children.add_subparsers(dest="action", required=True, parser_class=_Parser)
    clist = csub.add_parser("list", help="列出全部儿童")
    clist.add_argument("--db", required=True, type=Path)
    clist.add_argument("--json", action="store_true", help="输出 JSON 数组")

    stats = sub.add_parser("stats", help="统计数字")
    stats.add_argument("--db", required=True, type=Path)
    stats.add_argument("--json", action="store_true", help="输出 JSON 对象")
    return p


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def _open(path: Path) -> Any:
    from ..services.context import ServiceContext
    from ..storage.db import Database

    return ServiceContext(db=Database.open(path), author=_author())


def _author() -> str:
    import getpass

    try:
        return f"命令行({getpass.getuser()})"
    except Exception:  # no user name on this system: still record that the CLI did it
        return "命令行"


def _run(args: argparse.Namespace) -> int:
    if args.command == "init":
        from ..services.setup import init_school

        ctx = init_school(args.db, args.school, args.code, args.top_grade, author=_author())
        ctx.db.close()
        print(f"已建立 {args.school}（{args.code}）：{args.db}")
        return EXIT_OK

    if args.command == "demo":
        from ..services.demo import fill_demo

        if args.children < 0 or args.children > 100_000:
            raise KnownError("--children 应在 0 到 100000 之间")
        n = fill_demo(args.db, args.children, args.seed, author=_author())
        print(f"已生成 {n} 名示范儿童：{args.db}")
        return EXIT_OK

    if args.command == "children":
        from ..services.archive import ArchiveService, child_json

        ctx = _open(args.db)
        try:
            rows = ArchiveService(ctx).list_children()
        finally:
            ctx.db.close()
        if args.json:
            _print_json([child_json(r) for r in rows])
        else:
            for r in rows:
                level = f"{r.risk_level}级" if r.risk_level else "未评估"
                print(f"{r.name}\t{r.sex}\t{r.class_label}\t{r.status}\t{level}\t{r.guardian_name}")
        return EXIT_OK

    if args.command == "stats":
        from ..services.archive import ArchiveService

        ctx = _open(args.db)
        try:
            figures = ArchiveService(ctx).stats()
        finally:
            ctx.db.close()
        if args.json:
            _print_json(figures)
        else:
            for key, value in figures.items():
                print(f"{key}: {value}")
        return EXIT_OK

    raise AssertionError(args.command)


def _utf8_stdout() -> None:
    """JSON is UTF-8 whatever the console's code page (Windows pipes default to GBK)."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and not sys.stdout.isatty():
        reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    _utf8_stdout()
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except KnownError as exc:
        print(f"liushou: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
