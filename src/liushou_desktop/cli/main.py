"""``liushou`` — the public command line. A contract: documented in the README, tested.

Exit codes: 0 success; 2 bad input, with a one-line message on stderr (missing file, a file
that is not a liushou database, a database from a newer version, invalid values);
``roster import``: 1 when some rows were rejected and the rest imported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.errors import KnownError

COMMANDS = (
    "init",
    "demo",
    "children",
    "stats",
    "records",
    "duties",
    "ledger",
    "township",
    "join",
    "bundle",
    "conflicts",
    "print",
    "roster",
    "backup",
    "users",
    "audit",
)

EXIT_OK = 0
EXIT_BAD_INPUT = 2


_ARGPARSE_ZH = {
    "the following arguments are required: %s": "缺少参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的数值：%(value)r",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "usage: ": "用法：",
    "positional arguments": "命令与参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
}
# argparse looks its messages up through gettext; answer them in Chinese.
argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]  # argparse's module-level gettext alias
argparse.ngettext = lambda singular, plural, n: _ARGPARSE_ZH.get(  # type: ignore[attr-defined]  # same
    singular if n == 1 else plural, singular if n == 1 else plural
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # argparse types it NoReturn
        # One line, as the README promises; `liushou … --help` shows the usage.
        print(f"liushou: 参数错误：{message}（用 --help 查看用法）", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="liushou", description="留守儿童关爱档案 — 命令行")
    p.add_argument(
        "--version", action="version", version=f"liushou {__version__}", help="显示版本号并退出"
    )
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
    records = sub.add_parser("records", help="家访、谈心、联系等记录")
    rsub = records.add_subparsers(dest="action", required=True, parser_class=_Parser)
    rlist = rsub.add_parser("list", help="列出记录（新的在前）")
    rlist.add_argument("--db", required=True, type=Path)
    rlist.add_argument("--json", action="store_true", help="输出 JSON 数组")
    rlist.add_argument("--child", help="只列出这名儿童（儿童 id）的记录")
    rlist.add_argument("--since", type=_date_arg, help="只列出此日期（YYYY-MM-DD）以来的记录")

    duties = sub.add_parser("duties", help="工作要求完成情况")
    dsub = duties.add_subparsers(dest="action", required=True, parser_class=_Parser)
    dstatus = dsub.add_parser("status", help="按要求、儿童、帮扶人统计应做、已做、待做、逾期")
    dstatus.add_argument("--db", required=True, type=Path)
    dstatus.add_argument("--json", action="store_true", help="输出 JSON 对象")
    dstatus.add_argument("--date", type=_date_arg, help="按此日期（YYYY-MM-DD）计算，默认今天")

    ledger = sub.add_parser("ledger", help="台账")
    lsub = ledger.add_subparsers(dest="action", required=True, parser_class=_Parser)
    lexport = lsub.add_parser("export", help="导出台账（Excel：登记表明细和汇总表）")
    lexport.add_argument("--db", required=True, type=Path)
    lexport.add_argument("--out", required=True, type=Path)
    lexport.add_argument("--lean", action="store_true", help="不含身份证号和电话（发给校外时用）")
    lexport.add_argument("--json", action="store_true", help="输出 JSON 对象")
    lstats = lsub.add_parser(
        "stats", help="只导出统计数字（Excel：汇总表和统计表，不含儿童个人信息）"
    )
    lstats.add_argument("--db", required=True, type=Path)
    lstats.add_argument("--out", required=True, type=Path)
    lstats.add_argument("--json", action="store_true", help="输出 JSON 对象")

    town = sub.add_parser("township", help="乡镇（中心校）")
    tsub = town.add_subparsers(dest="action", required=True, parser_class=_Parser)
    tinit = tsub.add_parser("init", help="新建乡镇数据库（并生成乡镇密钥）")
    tinit.add_argument("--db", required=True, type=Path)
    tinit.add_argument("--name", required=True, help="乡镇名称")
    tinit.add_argument("--code", required=True, help="乡镇代码")
    tenrol = tsub.add_parser("enrollment", help="导出登记文件（学校用它加入本乡镇）")
    tenrol.add_argument("--db", required=True, type=Path)
    tenrol.add_argument("--out", required=True, type=Path)
    treport = tsub.add_parser("report", help="按季度导出动态变化表（Excel）")
    treport.add_argument("--db", required=True, type=Path)
    treport.add_argument("--year", required=True, type=int)
    treport.add_argument("--quarter", required=True, type=int, choices=(1, 2, 3, 4))
    treport.add_argument("--out", required=True, type=Path)

    join = sub.add_parser("join", help="学校加入乡镇（导入乡镇的登记文件）")
    join.add_argument("file", type=Path, help="乡镇的登记文件")
    join.add_argument("--db", required=True, type=Path)

    bundle = sub.add_parser("bundle", help="同步包")
    bsub = bundle.add_subparsers(dest="action", required=True, parser_class=_Parser)
    bexport = bsub.add_parser("export", help="导出同步包")
    bexport.add_argument("--db", required=True, type=Path)
    bexport.add_argument("--out", required=True, type=Path, help="文件名或文件夹（如U盘）")
    bexport.add_argument("--to", help="乡镇导出时：收件学校的代码")
    bexport.add_argument("--full", action="store_true", help="导出全部内容（不只是对方未收到的）")
    bexport.add_argument("--json", action="store_true", help="输出 JSON 对象")
    bimport = bsub.add_parser("import", help="导入同步包（可以一次多个，顺序不限）")
    bimport.add_argument("files", nargs="+", type=Path, help="同步包文件或所在文件夹")
    bimport.add_argument("--db", required=True, type=Path)
    bimport.add_argument("--json", action="store_true", help="输出 JSON 数组")

    conflicts = sub.add_parser("conflicts", help="同步冲突")
    fsub = conflicts.add_subparsers(dest="action", required=True, parser_class=_Parser)
    flist = fsub.add_parser("list", help="列出冲突")
    flist.add_argument("--db", required=True, type=Path)
    flist.add_argument("--json", action="store_true", help="输出 JSON 数组")
    flist.add_argument("--open", action="store_true", help="只列出尚未处理的冲突")

    roster = sub.add_parser("roster", help="花名册（Excel/CSV）")
    rosub = roster.add_subparsers(dest="action", required=True, parser_class=_Parser)
    rimport = rosub.add_parser(
        "import", help="导入花名册（.xlsx、.xls、CSV）：按身份证号新增或更新儿童档案"
    )
    rimport.add_argument("file", type=Path, help="花名册文件")
    rimport.add_argument("--db", required=True, type=Path)
    rimport.add_argument("--json", action="store_true", help="输出 JSON 报告")
    rimport.add_argument("--problems", type=Path, help="把未导入的行另存为这个 .xlsx 文件")
    rimport.add_argument(
        "--auto-columns",
        action="store_true",
        help="只按列名识别各列，不用以前在软件里选定的列对应",
    )
    rtemplate = rosub.add_parser("template", help="生成花名册导入模板（.xlsx，带下拉选项）")
    rtemplate.add_argument("--out", required=True, type=Path, help=".xlsx 文件")
    rundo = rosub.add_parser("undo", help="撤销一次花名册导入（整次撤销）")
    rundo.add_argument("import_id", help="导入编号（roster import 输出的 import_id）")
    rundo.add_argument("--db", required=True, type=Path)

    printing = sub.add_parser("print", help="打印（生成PDF）")
    psub = printing.add_subparsers(dest="action", required=True, parser_class=_Parser)
    pcards = psub.add_parser("cards", help="档案卡：每名儿童一页A4")
    pcards.add_argument("--db", required=True, type=Path)
    pcards.add_argument("--out", required=True, type=Path, help="PDF 文件")
    pcards.add_argument("--class", dest="klass", type=_class_arg, help="只打印这个班，如 3-2")
    pcards.add_argument("--child", action="append", help="只打印这名儿童（儿童 id，可重复）")
    for action, help_text in (
        ("contact-cards", "联系卡：每页A4八张，带裁切线"),
        ("visit-forms", "家访登记表（空白）：每名儿童一页A4，姓名、班级、监护人、住址已填好"),
    ):
        extra = psub.add_parser(action, help=help_text)
        extra.add_argument("--db", required=True, type=Path)
        extra.add_argument("--out", required=True, type=Path, help="PDF 文件")
        extra.add_argument("--class", dest="klass", type=_class_arg, help="只打印这个班，如 3-2")
        extra.add_argument("--child", action="append", help="只打印这名儿童（儿童 id，可重复）")
    pledger = psub.add_parser(
        "ledger", help="台账：A4横向表格，每页重复表头，页脚“第 x 页 / 共 y 页”（乡镇：全部学校）"
    )
    pledger.add_argument("--db", required=True, type=Path)
    pledger.add_argument("--out", required=True, type=Path, help="PDF 文件")
    pledger.add_argument("--class", dest="klass", type=_class_arg, help="只打印这个班，如 3-2")
    pledger.add_argument("--child", action="append", help="只打印这名儿童（儿童 id，可重复）")
    ppairs = psub.add_parser("pairings", help="结对帮扶名单：当前全部结对，A4横向表格")
    ppairs.add_argument("--db", required=True, type=Path)
    ppairs.add_argument("--out", required=True, type=Path, help="PDF 文件")
    ppairs.add_argument("--class", dest="klass", type=_class_arg, help="只打印这个班，如 3-2")
    pduty = psub.add_parser(
        "duty-report", help="教师关爱工作考核表：每位教师一组A4页（不写 --teacher：全部教师）"
    )
    pduty.add_argument("--db", required=True, type=Path)
    pduty.add_argument("--out", required=True, type=Path, help="PDF 文件")
    pduty.add_argument("--year", required=True, type=_school_year_arg, help="学年，如 2025-2026")
    pduty.add_argument("--teacher", action="append", help="只打印这位教师（帮扶人 id，可重复）")
    _backup_parser(sub)
    from .accounts import add_parsers

    add_parsers(sub, _Parser, _date_arg)
    return p


def _backup_parser(sub: Any) -> None:
    backup = sub.add_parser("backup", help="备份与恢复")
    bksub = backup.add_subparsers(dest="action", required=True, parser_class=_Parser)
    bcreate = bksub.add_parser(
        "create", help="立即备份（默认放在数据库旁的 backups 文件夹；加 --passphrase-file 则加密）"
    )
    bcreate.add_argument("--db", required=True, type=Path)
    bcreate.add_argument("--out", type=Path, help="备份文件名或文件夹（加密备份：U盘上的文件夹）")
    bcreate.add_argument(
        "--passphrase-file", type=Path, help="口令文件（第一行是口令）：做加密备份（.lsbak）"
    )
    bcreate.add_argument("--json", action="store_true", help="输出 JSON 对象")
    blist = bksub.add_parser("list", help="列出数据库旁 backups 文件夹里的备份（新的在前）")
    blist.add_argument("--db", required=True, type=Path)
    blist.add_argument("--json", action="store_true", help="输出 JSON 数组")
    brestore = bksub.add_parser(
        "restore", help="从备份恢复（先显示备份的日期和人数，再恢复；恢复前自动备份当前数据库）"
    )
    brestore.add_argument("backup", type=Path, help="备份文件（.sqlite 或加密的 .lsbak）")
    brestore.add_argument("--db", required=True, type=Path)
    brestore.add_argument("--passphrase-file", type=Path, help="加密备份的口令文件（第一行是口令）")
    brestore.add_argument("--json", action="store_true", help="输出 JSON 对象")


def _class_arg(text: str) -> tuple[int, int]:
    grade, sep, number = text.partition("-")
    if sep and grade.strip().isdigit() and number.strip().isdigit():
        return int(grade), int(number)
    raise argparse.ArgumentTypeError(f"班级应写成 年级-班号，如 3-2：{text!r}")


def _school_year_arg(text: str) -> str:
    first, sep, second = text.strip().partition("-")
    if sep and first.isdigit() and second.isdigit() and int(second) == int(first) + 1:
        return f"{first}-{second}"
    raise argparse.ArgumentTypeError(f"学年应写成 起始年-结束年，如 2025-2026：{text!r}")


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期应写成 YYYY-MM-DD，如 2026-09-01：{text!r}"
        ) from None


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def _open(path: Path) -> Any:
    from ..domain.access import command_line_actor
    from ..services.changes import read_mode
    from ..services.context import ServiceContext
    from ..storage.db import Database

    ctx = ServiceContext(db=Database.open(path), author=_author())
    with ctx.db.session(write=False) as s:
        mode = read_mode(s)
    ctx.act_as(command_line_actor(mode, _author()))
    return ctx


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
        from ..domain.enums import RiskLevel
        from ..services.archive import UNASSESSED, ArchiveService, child_json

        ctx = _open(args.db)
        try:
            rows = ArchiveService(ctx).list_children()
        finally:
            ctx.db.close()
        if args.json:
            _print_json([child_json(r) for r in rows])
        else:
            for r in rows:
                level = RiskLevel(r.risk_level).label if r.risk_level else UNASSESSED
                print(f"{r.name}\t{r.sex}\t{r.class_label}\t{r.status}\t{level}\t{r.guardian_name}")
        return EXIT_OK

    if args.command == "stats":
        from ..services.archive import ArchiveService
        from ..services.sync import MODE_TOWNSHIP, SyncService
        from ..services.township import TownshipService

        ctx = _open(args.db)
        try:
            figures = ArchiveService(ctx).stats()
            if SyncService(ctx).mode() == MODE_TOWNSHIP:
                town = TownshipService(ctx)
                per_school = town.school_figures()
                figures["township"] = town.totals(per_school)
                figures["schools"] = [f.to_json() for f in per_school]
        finally:
            ctx.db.close()
        if args.json:
            _print_json(figures)
        else:
            for key, value in figures.items():
                print(f"{key}: {value}")
        return EXIT_OK

    if args.command == "records":
        from ..services.care import CareService

        ctx = _open(args.db)
        try:
            found = CareService(ctx).records(child_id=args.child, since=args.since)
        finally:
            ctx.db.close()
        if args.json:
            _print_json(
                [
                    {
                        "id": r.id,
                        "child_ids": list(r.child_ids),
                        "kind": r.kind,
                        "date": r.occurred_on.isoformat(),
                        "mode": r.mode,
                        "author": r.author,
                        "helper_id": r.helper_id,
                        "summary": r.summary,
                        "details": r.details,
                        "follow_up": r.follow_up,
                        "follow_up_due": r.follow_up_due.isoformat() if r.follow_up_due else None,
                        "corrects": r.corrects,
                        "attachments": [a.filename for a in r.attachments],
                    }
                    for r in found
                ]
            )
        else:
            for rec in found:
                print(
                    f"{rec.occurred_on}\t{rec.kind}\t{rec.author}\t{len(rec.child_ids)}人"
                    f"\t{rec.summary}"
                )
        return EXIT_OK

    if args.command == "duties":
        from ..services.archive import ArchiveService
        from ..services.care import CareService

        ctx = _open(args.db)
        try:
            care = CareService(ctx)
            schools = [
                {"id": sc.id, "name": sc.name, **care.duties_status(sc.id, args.date).to_json()}
                for sc in ArchiveService(ctx).schools()
            ]
        finally:
            ctx.db.close()
        on = (args.date or ctx.today()).isoformat()
        if args.json:
            _print_json({"date": on, "schools": schools})
        else:
            for sc in schools:
                print(f"{sc['name']}（{on}）")
                for rule in sc["rules"]:
                    print(
                        f"  {rule['name']}\t应做{rule['required']}\t已做{rule['done']}"
                        f"\t待做{rule['due']}\t逾期{rule['overdue']}"
                    )
        return EXIT_OK

    if args.command == "ledger":
        from ..services.ledger import LedgerService

        ctx = _open(args.db)
        try:
            if args.action == "stats":
                result = LedgerService(ctx).export_statistics(args.out)
            else:
                result = LedgerService(ctx).export_ledger(args.out, lean=args.lean)
        finally:
            ctx.db.close()
        if args.json:
            _print_json(result)
        elif args.action == "stats":
            print(
                f"统计表已写入 {result['path']}（{result['unit']}，{result['children']} 名儿童，"
                "不含儿童个人信息）"
            )
        else:
            lean = "，不含身份证号和电话" if result["lean"] else ""
            print(
                f"台账已写入 {result['path']}（{result['unit']}，{result['children']} 名儿童{lean}）"
            )
        return EXIT_OK

    if args.command in ("township", "join", "bundle", "conflicts"):
        return _run_sync(args)

    if args.command == "print":
        return _print_cards(args)
    if args.command == "roster":
        return _roster(args)
    if args.command == "backup":
        return _backup(args)

    if args.command in ("users", "audit"):
        from .accounts import run

        return run(args, _open, _print_json)
    raise AssertionError(args.command)


def _passphrase(path: Path | None) -> str | None:
    """The first line of a passphrase file (kept out of the command line and shell history)."""
    return None if path is None else first_line(path, "口令")


def first_line(path: Path, what: str) -> str:
    """The first line of a secret's file (口令, 密码): never a command-line argument, which
    would stay in the shell history and the process list."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError as err:
        raise KnownError(f"找不到{what}文件 {path}。") from err
    except OSError as err:
        raise KnownError(f"读不了{what}文件 {path}：{err.strerror or err}") from err
    except UnicodeDecodeError as err:
        raise KnownError(f"{what}文件 {path} 不是 UTF-8 文本。") from err
    if not lines or not lines[0]:
        raise KnownError(f"{what}文件 {path} 是空的：第一行应是{what}。")
    return lines[0]


def _backup(args: argparse.Namespace) -> int:
    """`backup create|list|restore`: none of them needs the database to open (a damaged one
    cannot), so they work on the file's path."""
    from ..services.backup import BackupService, reason_label

    service = BackupService.at(args.db)
    if args.action == "list":
        found = service.list()
        if args.json:
            _print_json([b.to_json() for b in found])
        else:
            for b in found:
                kids = "?" if b.children is None else b.children
                when = b.created_at.strftime("%Y-%m-%d %H:%M")
                print(f"{when}\t{reason_label(b.reason)}\t{kids} 名儿童\t{b.path}")
        return EXIT_OK
    passphrase = _passphrase(args.passphrase_file)
    if args.action == "create":
        if passphrase is not None:
            if args.out is None:
                raise KnownError("加密备份要写到哪个文件夹？请用 --out 指定（如U盘上的文件夹）。")
            made = service.create_encrypted(args.out, passphrase)
        else:
            made = service.create(args.out)
        if args.json:
            _print_json(made.to_json())
        else:
            print(f"已备份（{made.children} 名儿童，{made.size} 字节）：{made.path}")
        return EXIT_OK
    preview = service.inspect(args.backup, passphrase)
    when = preview.created_at.strftime("%Y-%m-%d %H:%M") if preview.created_at else "日期不详"
    if not args.json:
        print(
            f"备份：{args.backup}\n时间：{when}\n单位：{preview.school}（{preview.code}）\n"
            f"儿童：{preview.children} 名\n记录：{preview.records} 条"
        )
    report = service.restore(args.backup, passphrase)
    if args.json:
        _print_json(report.to_json())
    else:
        print(report.message)
    return EXIT_OK


EXIT_SOME_REJECTED = 1


def _roster(args: argparse.Namespace) -> int:
    from ..reports.roster_files import write_template
    from ..services.roster import TEMPLATE_COLUMNS, TEMPLATE_NOTES, RosterService

    if args.action == "template":
        if args.out.suffix.lower() != ".xlsx":
            raise KnownError(f"--out 应是 .xlsx 文件：{args.out}")
        write_template(args.out, TEMPLATE_COLUMNS, TEMPLATE_NOTES)
        print(f"已生成导入模板：{args.out}")
        return EXIT_OK
    ctx = _open(args.db)
    try:
        service = RosterService(ctx)
        if args.action == "undo":
            done = service.undo(args.import_id)
            print(
                f"已撤销：{done.removed} 名新增的儿童已删除，{done.restored} 名儿童恢复了原来的信息。"
            )
            for line in done.kept:
                print(f"  保留：{line}")
            return EXIT_OK
        if args.problems is not None and args.problems.suffix.lower() != ".xlsx":
            raise KnownError(f"--problems 应是 .xlsx 文件：{args.problems}")
        roster = service.open(args.file, remembered=not args.auto_columns)
        report = service.run(roster)
        problems_failed = None
        if args.problems is not None and report.rejected:
            try:
                service.write_problems(report, args.problems)
            except KnownError as exc:  # the import is saved: say so, and why the list is not
                problems_failed = exc.message
    finally:
        ctx.db.close()
    if args.json:
        _print_json(report.as_json())
    else:
        for r in report.rejected:
            print(f"{r.sheet}\t第{r.row}行\t{r.message}")
        for w in report.warnings:
            print(f"注意：{w.sheet}\t第{w.row}行\t{w.message}")
        summary = f"{args.file.name}：{report.summary}。"
        print(summary + (f"导入编号 {report.import_id}" if report.import_id else "档案没有改动。"))
    if problems_failed:
        print(f"liushou: 警告：导入已完成，但问题清单没有保存：{problems_failed}", file=sys.stderr)
    return EXIT_SOME_REJECTED if report.rejected else EXIT_OK


def _print_cards(args: argparse.Namespace) -> int:
    from ..services.printing import PrintService

    if args.out.suffix.lower() != ".pdf":
        raise KnownError(f"--out 应是 .pdf 文件：{args.out}")
    ctx = _open(args.db)
    try:
        service = PrintService(ctx)
        if args.action == "duty-report":
            return _print_duty_report(args, service)
        grade, number = args.klass if args.klass else (None, None)
        if args.action in ("ledger", "pairings"):
            return _print_table(args, service, grade, number)
        ids = service.children_of(grade=grade, class_no=number)
        if args.child:
            known = set(service.children_of()) if not args.klass else set(ids)
            unknown = [c for c in args.child if c not in known]
            if unknown:
                raise KnownError(f"找不到这名在校儿童：{unknown[0]}")
            ids = list(dict.fromkeys(args.child))
        if not ids:
            raise KnownError("没有要打印的儿童（这个班没有在校儿童？）。")
        if args.action == "contact-cards":
            warnings = service.contact_cards(ids, args.out)
            done = f"已生成 {len(ids)} 张联系卡（{-(-len(ids) // 8)} 页）：{args.out}"
        elif args.action == "visit-forms":
            warnings = service.visit_forms(ids, args.out)
            done = f"已生成 {len(ids)} 张家访登记表：{args.out}"
        else:
            warnings = service.archive_cards(ids, args.out)
            done = f"已生成 {len(ids)} 张档案卡：{args.out}"
    finally:
        ctx.db.close()
    for w in warnings:
        print(f"liushou: 警告：{w.message}", file=sys.stderr)
    print(done)
    return EXIT_OK


def _print_duty_report(args: argparse.Namespace, service: Any) -> int:
    """`print duty-report`: the teachers' year-end duty reports (考核表)."""
    ids = service.duty_report_teachers(args.year) if not args.teacher else args.teacher
    warnings = service.teacher_reports_pdf(ids, args.year, args.out)
    for w in warnings:
        print(f"liushou: 警告：{w.message}", file=sys.stderr)
    print(f"已生成 {len(ids)} 位教师的 {args.year} 学年考核表：{args.out}")
    return EXIT_OK


def _print_table(
    args: argparse.Namespace, service: Any, grade: int | None, number: int | None
) -> int:
    """`print ledger` and `print pairings`: landscape A4 tables."""
    if args.action == "ledger":
        if args.child:
            known = set(service.children_of(grade=grade, class_no=number))
            unknown = [c for c in args.child if c not in known]
            if unknown:
                raise KnownError(f"找不到这名在校儿童：{unknown[0]}")
        done = service.ledger_pdf(args.out, grade=grade, class_no=number, child_ids=args.child)
        what = f"台账（{done.rows} 名儿童，{done.pages} 页）"
    else:
        done = service.pairing_list_pdf(args.out, grade=grade, class_no=number)
        what = f"结对帮扶名单（{done.rows} 对结对，{done.pages} 页）"
    for w in done.warnings:
        print(f"liushou: 警告：{w.message}", file=sys.stderr)
    print(f"已生成{what}：{args.out}")
    return EXIT_OK


def _run_sync(args: argparse.Namespace) -> int:
    from ..services.sync import SyncService, init_township, summarize

    if args.command == "township" and args.action == "init":
        ctx = init_township(args.db, args.name, args.code, author=_author())
        try:
            fp = SyncService(ctx).fingerprint()
        finally:
            ctx.db.close()
        print(f"已建立乡镇 {args.name}（{args.code}）：{args.db}\n乡镇密钥指纹：{fp}")
        return EXIT_OK
    ctx = _open(args.db)
    try:
        sync = SyncService(ctx)
        if args.command == "township" and args.action == "enrollment":
            fp = sync.write_enrollment(args.out)
            print(f"登记文件已写入 {args.out}\n乡镇密钥指纹：{fp}（请与学校核对）")
            return EXIT_OK
        if args.command == "township" and args.action == "report":
            from ..services.township import TownshipService

            TownshipService(ctx).export_quarter_report(args.out, args.year, args.quarter)
            print(f"动态变化表已写入 {args.out}")
            return EXIT_OK
        if args.command == "join":
            peer = sync.join(args.file)
            print(
                f"已加入 {peer.name}（{peer.code}）。乡镇密钥指纹：{peer.fingerprint}，请与乡镇的登记卡核对。"
            )
            return EXIT_OK
        if args.command == "bundle" and args.action == "export":
            result = sync.export_bundle(args.out, args.to, full=args.full)
            if args.json:
                _print_json(result.to_json())
            else:
                print(
                    f"已导出 {result.path}（{result.ops} 项修改，{result.size} 字节）。可以安全拔出U盘。"
                )
            return EXIT_OK
        if args.command == "bundle" and args.action == "import":
            results = sync.import_bundles(args.files)
            if not results:
                raise KnownError("没有找到同步包（.lsync 文件）。")
            if args.json:
                _print_json([r.to_json() for r in results])
            else:
                for r in results:
                    print(f"{r.file}\t{r.status}\t{r.message}")
                    for w in r.warnings:
                        print(f"  注意：{w}")
                print(summarize(results))
            refused = any(r.status == "rejected" for r in results)
            return EXIT_BAD_INPUT if refused else EXIT_OK
        if args.command == "conflicts":
            found = sync.conflicts(open_only=args.open)
            if args.json:
                _print_json([c.to_json() for c in found])
            else:
                for c in found:
                    print(
                        f"{c.kind}\t{c.school}\t{c.child_name}\t{c.field_group}\t{c.decision or '未处理'}"
                    )
            return EXIT_OK
    finally:
        ctx.db.close()
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
    except BrokenPipeError:
        # `liushou children list | head`: the reader left; that is not an error. Point stdout
        # at devnull so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
