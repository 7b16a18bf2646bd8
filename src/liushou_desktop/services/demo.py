"""The demo school: a database filled with realistic children so a newcomer sees a living app."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import fields
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from ..domain.care import VISIT_PROBLEMS
from ..domain.duties import current_term
from ..domain.listing import ChildRow
from ..storage import models
from ..storage.db import Database
from .archive import ArchiveService, normalized
from .care import CareService
from .changes import ChangeWriter, bulk_insert, new_id, table_of
from .context import ServiceContext
from .demo_data import demo_school, generate_adults, generate_children, generate_classes
from .setup import add_school, create_database


def create_demo_database(
    path: Path, n: int = 300, seed: int = 1, author: str = "管理员"
) -> ServiceContext:
    """A new database holding the demo school with ``n`` children."""
    db = create_database(Path(path))
    ctx = ServiceContext(db=db, author=author)
    add_school(ctx, *demo_school(seed), 6)
    add_demo_children(ctx, n, seed)
    add_demo_care(ctx, seed)
    add_demo_accounts(ctx)
    return ctx


DEMO_PASSWORD = "demo123"
DEMO_ACCOUNTS = (("admin", "管理员"), ("teacher", "教师"), ("inspector", "督导"))


def add_demo_accounts(ctx: ServiceContext) -> None:
    """The demo school's accounts, all with the password :data:`DEMO_PASSWORD` (the login
    window of the demo says so): the administrator 王德育 (德育主任), the class teacher of the
    first class with children, and an inspector from the township (督导)."""
    from .accounts import AccountService

    service = AccountService(ctx)
    if service.has_accounts():
        return
    ctx_actor = service.create_first_admin("admin", "王德育", DEMO_PASSWORD)
    before, author = ctx.actor, ctx.author
    ctx.act_as(ctx_actor)
    try:
        teachers = service.teachers()
        head = next((t for t in teachers if "班主任" in t[1]), teachers[0] if teachers else None)
        if head is not None:
            service.add("teacher", head[1].split("（")[0], "教师", DEMO_PASSWORD, head[0])
        service.add("inspector", "镇中心校督导", "督导", DEMO_PASSWORD)
    finally:
        ctx.actor, ctx.author = before, author
    from .accounts import META_DEMO_ACCOUNTS
    from .changes import write_meta

    with ctx.db.session() as s:  # the login window of this database names these accounts
        write_meta(s, META_DEMO_ACCOUNTS, "1")


def fill_demo(path: Path, n: int, seed: int, author: str = "管理员") -> int:
    """``liushou demo``: create the demo database, or add demo children to an existing one
    (to its first school). Returns how many children were added."""
    path = Path(path)
    if not path.exists():
        create_demo_database(path, n, seed, author).db.close()
        return n
    ctx = ServiceContext(db=Database.open(path), author=author)
    try:
        added = add_demo_children(ctx, n, seed)
        add_demo_care(ctx, seed)
        return added
    finally:
        ctx.db.close()


def add_demo_children(ctx: ServiceContext, n: int, seed: int) -> int:
    """Generate ``n`` children (same seed, same children) into the first school, in one
    transaction through the bulk path; every row is logged like any other write.

    Children already in the database (same ID number, or same name and birth date) are
    skipped, so running the demo twice with one seed adds nothing the second time. Returns how
    many children were added."""
    service = ArchiveService(ctx)
    schools = service.schools()
    if not schools:
        add_school(ctx, *demo_school(seed), 6)
        schools = service.schools()
    school = schools[0]
    demo = generate_children(n, seed, ctx.today(), school.top_grade)
    known_classes = {(c.grade, c.class_no) for c in service.classes(school.id) if c.teacher_name}
    rows: list[tuple[str, dict[str, Any], str | None]] = []
    for cls in generate_classes(seed, school.top_grade):
        if (cls.grade, cls.class_no) not in known_classes:
            rows.append(
                (
                    "class",
                    {
                        "id": new_id(),
                        "school_id": school.id,
                        "grade": cls.grade,
                        "class_no": cls.class_no,
                        "teacher_name": cls.teacher_name,
                        "teacher_phone": cls.teacher_phone,
                    },
                    None,
                )
            )
    added = 0
    with ctx.db.session() as s:
        known = {
            key
            for number, name, birth in s.connection().exec_driver_sql(
                "SELECT id_number, name, birth_date FROM child"
            )
            for key in (number, f"{name}|{birth}")
            if key
        }
        writer = ChangeWriter(s, ctx.author)
        for item in demo:
            archive = normalized(item.archive)
            c = archive.child
            if c.id_number in known or f"{c.name}|{c.birth_date}" in known:
                continue
            added += 1
            child_id = new_id()
            archive.child.id = child_id
            archive.child.school_id = school.id
            for entity, values in ArchiveService.rows_for_new(archive):
                rows.append((entity, values, child_id))
            for a in item.assessments:
                values = {
                    **{
                        f.name: getattr(a, f.name)
                        for f in fields(a)
                        if f.name not in ("id", "child_id")
                    },
                    "id": new_id(),
                    "child_id": child_id,
                    "hlc": "",  # the stamp of its op (bulk_insert sets it)
                }
                rows.append(("assessment", values, child_id))
        bulk_insert(s, writer, rows)
        writer.flush()
    return added


__all__ = ["add_demo_care", "add_demo_children", "create_demo_database", "fill_demo"]


# --- care work: helpers, pairings, calendar, rules, records, an open incident -------------------


def demo_terms(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """The school calendar around ``today``: the current (or last) term and the one before."""
    y = today.year if today.month >= 8 else today.year - 1  # the autumn term's year
    autumn = (f"{y}年秋季学期", dt.date(y, 9, 1), dt.date(y + 1, 1, 20))
    spring_before = (f"{y}年春季学期", dt.date(y, 2, 20), dt.date(y, 7, 5))
    spring_after = (f"{y + 1}年春季学期", dt.date(y + 1, 2, 20), dt.date(y + 1, 7, 5))
    if today >= spring_after[1]:
        return [autumn, spring_after]
    return [spring_before, autumn]


def add_demo_care(
    ctx: ServiceContext,
    seed: int,
    *,
    helpers: int | None = None,
    records_per_child: float = 6.0,
) -> dict[str, int]:
    """Helpers (the class teachers, other teachers, classmates and people from outside),
    pairings with help plans and reviews, the school calendar, the 四个一次 rules plus a monthly
    visit for 一级 children, records over the past months (most duties met, some children
    behind), follow-ups, booked visits and one open incident. Deterministic for a seed and a
    day. Returns counts of what was added."""
    rng = random.Random(seed * 31 + 7)
    today = ctx.today()
    archive = ArchiveService(ctx)
    school = archive.schools()[0]
    kids = [r for r in archive.list_children(school.id) if r.status == "在册"]
    if not kids:
        return {}
    care = CareService(ctx)
    if care.terms(school.id) or care.helpers(school.id):
        return {}  # the school already has its own care work: leave it alone
    for name, start, end in demo_terms(today):
        care.add_term(school.id, name, start, end)
    care.apply_preset(school.id, "四个一次")
    care.add_rule(school.id, "一级儿童每月家访一次", frozenset({"家访"}), 1, "每月", frozenset({1}))
    term = current_term(care.terms(school.id), today)
    assert term is not None
    year_start = min(t.start for t in care.terms(school.id))

    classes = {(c.grade, c.class_no): c for c in archive.classes(school.id)}
    n_teachers = helpers if helpers is not None else max(len(classes) + 4, len(kids) // 3)
    adults = generate_adults(seed, n_teachers + 6)
    rows: list[tuple[str, dict[str, Any], str | None]] = []
    teachers: list[str] = []
    class_teacher: dict[tuple[int, int], str] = {}
    for (grade, class_no), c in sorted(classes.items()):
        if c.teacher_name:
            hid = new_id()
            class_teacher[(grade, class_no)] = hid
            teachers.append(hid)
            rows.append(
                (
                    "helper",
                    _helper(
                        hid,
                        school.id,
                        "教师",
                        c.teacher_name,
                        c.teacher_phone,
                        subject="语文",
                        grade=grade,
                        class_no=class_no,
                    ),
                    None,
                )
            )
    subjects = ("数学", "英语", "科学", "音乐", "体育", "美术")
    for i, (name, phone) in enumerate(adults[: max(0, n_teachers - len(teachers))]):
        hid = new_id()
        teachers.append(hid)
        rows.append(
            (
                "helper",
                _helper(hid, school.id, "教师", name, phone, subject=subjects[i % len(subjects)]),
                None,
            )
        )
    outsiders = []
    for (name, phone), note in zip(
        adults[-6:], ("爱心妈妈", "爱心妈妈", "村干部", "退休教师", "志愿者", "志愿者"), strict=True
    ):
        hid = new_id()
        outsiders.append(hid)
        rows.append(("helper", _helper(hid, school.id, "校外", name, phone, role_note=note), None))
    buddies = rng.sample(kids, min(len(kids) // 10, 40))
    classmates = []
    for b in buddies:
        hid = new_id()
        classmates.append((hid, b))
        rows.append(("helper", _helper(hid, school.id, "同学", b.name, "", child_id=b.id), None))

    # Pairings: the class teacher takes the 一级/二级 children of the class, other teachers two
    # or three each; ~8 % stay unpaired; some classmates and outsiders join in.
    pairings: list[tuple[str, str, dt.date]] = []  # (helper, child, start)
    load: dict[str, int] = {}
    others = teachers[len(class_teacher) :] or teachers
    for k in kids:
        if rng.random() < 0.08 and (k.risk_level or 9) > 2:
            continue
        ct = class_teacher.get((k.grade, k.class_no))
        if ct is not None and (k.risk_level or 9) <= 2:
            hid = ct
        else:
            hid = min(rng.sample(others, min(3, len(others))), key=lambda h: load.get(h, 0))
        load[hid] = load.get(hid, 0) + 1
        start = year_start + dt.timedelta(days=rng.randrange(0, 20))
        if rng.random() < 0.1:
            start = term.start + dt.timedelta(days=rng.randrange(20, 60))  # paired mid-term
        pairings.append((hid, k.id, min(start, today)))
    for hid, b in classmates:
        mates = [
            k for k in kids if k.grade == b.grade and k.class_no == b.class_no and k.id != b.id
        ]
        if mates:
            pairings.append(
                (hid, rng.choice(mates).id, min(term.start + dt.timedelta(days=7), today))
            )
    for hid in outsiders:
        for k in rng.sample(kids, min(2, len(kids))):
            pairings.append((hid, k.id, min(term.start + dt.timedelta(days=14), today)))
    plans = (
        ("数学基础薄弱，作业常拖欠", "每周二、四放学后", "辅导作业，每周谈心一次", "期末数学及格"),
        ("性格内向，不爱说话", "每周五下午", "谈心、参加兴趣小组", "能主动与同学交流"),
        (
            "爷爷奶奶不识字，作业无人辅导",
            "每天午休",
            "检查作业，读课外书",
            "养成按时完成作业的习惯",
        ),
    )
    reviews: list[tuple[str, str]] = []
    pairing_of: dict[str, str] = {}
    for hid, cid, start in pairings:
        pid = new_id()
        plan = rng.choice(plans) if rng.random() < 0.7 else ("", "", "", "")
        rows.append(
            (
                "pairing",
                {
                    "id": pid,
                    "helper_id": hid,
                    "child_id": cid,
                    "role": "代理家长"
                    if hid in teachers
                    else ("手拉手好朋友" if hid not in outsiders else "爱心妈妈"),
                    "start_date": start,
                    "end_date": None,
                    "end_reason": "",
                    "study_situation": plan[0],
                    "help_times": plan[1],
                    "content": plan[2],
                    "goals": plan[3],
                },
                cid,
            )
        )
        pairing_of.setdefault(cid, hid)
        if start < term.start and hid in teachers:
            reviews.append((pid, cid))
    prev_term = [t for t in care.terms(school.id) if t.end < term.start]
    for pid, cid in reviews:
        if prev_term:
            rows.append(
                (
                    "plan_review",
                    {
                        "id": new_id(),
                        "pairing_id": pid,
                        "term": prev_term[-1].name,
                        "reviewed_on": prev_term[-1].end - dt.timedelta(days=5),
                        "progress": rng.choices(("进步", "持平", "退步"), (6, 3, 1))[0],
                        "notes": rng.choice(
                            (
                                "作业基本按时完成",
                                "成绩有提高",
                                "情绪比以前稳定",
                                "与同学交往增多",
                                "仍需加强督促",
                            )
                        ),
                    },
                    cid,
                )
            )

    # Records: last term, and this term most children get what the rules ask; some do not.
    records: list[tuple[dict[str, Any], list[str]]] = []
    summaries = {
        "家访": ("登门家访，了解孩子在家学习生活情况", "与祖父母交流孩子近期表现"),
        "谈心": ("谈学习上的困难", "谈想念父母的心情", "谈与同学相处"),
        "亲情电话": ("在学校亲情电话与父母视频通话", "帮助孩子给妈妈打电话"),
        "联系家长": ("电话联系在外务工的父亲，反馈期中成绩", "与母亲微信沟通孩子情况"),
        "联系监护人": ("与奶奶电话沟通作业情况", "放学时与监护人当面交流"),
        "书信": ("指导孩子给父母写信", "两地书：孩子写给在外打工的爸爸"),
        "帮扶活动": ("为孩子过生日", "送去冬衣和学习用品"),
        "成长日记": ("记录孩子本周进步", "孩子主动参加班级活动"),
    }
    weights = {
        "家访": 2,
        "谈心": 3,
        "亲情电话": 2,
        "联系家长": 2,
        "联系监护人": 2,
        "书信": 1,
        "帮扶活动": 1,
        "成长日记": 1,
    }
    behind = {k.id for k in kids if rng.random() < 0.15}  # children whose helpers fall behind
    previous = [t for t in care.terms(school.id) if t.end < term.start]
    helper_names = {v["id"]: v["name"] for e, v, _ in rows if e == "helper"}

    def record(k: ChildRow, kind: str, on: dt.date) -> None:
        details: dict[str, Any] = {}
        mode = ""
        if kind == "家访":
            mode = rng.choices(("登门", "电话", "视频"), (7, 2, 1))[0]
            details = {
                "visitors": "",
                "met": k.guardian_name or "监护人",
                "problems": rng.sample(list(VISIT_PROBLEMS), rng.randrange(0, 3)),
                "guardian_opinion": rng.choice(
                    ("希望老师多督促学习", "感谢老师关心", "孩子在家不听话")
                ),
                "advice": rng.choice(("每天检查作业", "多鼓励孩子", "控制看手机时间")),
            }
        records.append(
            (
                {
                    "id": new_id(),
                    "school_id": school.id,
                    "kind": kind,
                    "occurred_on": on,
                    "mode": mode,
                    "helper_id": pairing_of.get(k.id),
                    "author": helper_names.get(pairing_of.get(k.id) or "", ctx.author),
                    "summary": rng.choice(summaries.get(kind, ("",))),
                    "details": details,
                    "follow_up": "",
                    "follow_up_due": None,
                    "corrects": None,
                },
                [k.id],
            )
        )

    def some_day(start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))

    so_far = min(today, term.end)
    for k in kids:
        for t in previous:  # last term: a few records of every kind
            for _ in range(round(records_per_child / 2 * rng.uniform(0.6, 1.4))):
                record(
                    k,
                    rng.choices(list(weights), list(weights.values()))[0],
                    some_day(t.start, t.end),
                )
        if k.id in behind:
            continue
        # this term: what 四个一次 asks, mostly done, and a little more
        for kind in ("家访", "谈心", "联系监护人", "书信"):
            if rng.random() < 0.85:
                record(k, kind, some_day(term.start, so_far))
        for _ in range(round(records_per_child / 3 * rng.uniform(0.5, 1.5))):
            record(
                k,
                rng.choices(list(weights), list(weights.values()))[0],
                some_day(term.start, so_far),
            )
        if k.risk_level == 1:  # 一级: a home visit most months
            month = term.start
            while month <= so_far:
                if rng.random() < 0.75:
                    record(k, "家访", some_day(month, min(so_far, month + dt.timedelta(days=27))))
                month = (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    # a guardians' meeting each month of the current term, for a few classes at once
    month = term.start
    while month <= today:
        present = [k.id for k in kids if rng.random() < 0.5]
        if present:
            records.append(
                (
                    {
                        "id": new_id(),
                        "school_id": school.id,
                        "kind": "监护人座谈会",
                        "occurred_on": min(month + dt.timedelta(days=14), today),
                        "mode": "",
                        "helper_id": None,
                        "author": "德育处",  # the office that holds the meeting
                        "summary": "监护人座谈会：安全教育与家庭教育",
                        "details": {},
                        "follow_up": "",
                        "follow_up_due": None,
                        "corrects": None,
                    },
                    present,
                )
            )
        month = (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    # two visits with a follow-up still open, due soon or overdue
    open_ones = [k for k in kids if k.id in behind] or kids
    for k, due in zip(rng.sample(open_ones, min(2, len(open_ones))), (-1, 5), strict=False):
        records.append(
            (
                {
                    "id": new_id(),
                    "school_id": school.id,
                    "kind": "家访",
                    "occurred_on": today - dt.timedelta(days=4),
                    "mode": "登门",
                    "helper_id": pairing_of.get(k.id),
                    "author": helper_names.get(pairing_of.get(k.id) or "", ctx.author),
                    "summary": "家访发现孩子冬衣不足",
                    "details": {"problems": ["家庭生活艰辛"]},
                    "follow_up": "联系村委会申请临时救助",
                    "follow_up_due": today + dt.timedelta(days=due),
                    "corrects": None,
                },
                [k.id],
            )
        )

    with ctx.db.session() as s:
        writer = ChangeWriter(s, ctx.author)
        bulk_insert(s, writer, rows)
        record_rows = [values for values, _ in records]
        s.connection().execute(insert(table_of(models.Record)), record_rows)
        s.connection().execute(
            insert(table_of(models.RecordChild)),
            [{"record_id": v["id"], "child_id": c} for v, children in records for c in children],
        )
        for values, children in records:
            writer.log_new(
                "record",
                {**values, "child_ids": children},
                children[0] if len(children) == 1 else None,
            )
        writer.flush()

    # a booked visit and one open incident, through the ordinary service calls
    if kids:
        care.book_visit(
            kids[0].id,
            today + dt.timedelta(days=3),
            "了解孩子近期学习情况",
            pairing_of.get(kids[0].id),
        )
        alone = next((k for k in kids if k.guardian_relation in ("祖父母", "外祖父母")), kids[0])
        care.report_incident(
            alone.id,
            "独居无人监护",
            today - dt.timedelta(days=1),
            "祖母住院，孩子放学后独自在家，夜间无人照看",
        )
    return {
        "helpers": sum(1 for e, _, _ in rows if e == "helper"),
        "pairings": len(pairings),
        "records": len(records),
    }


def _helper(
    hid: str,
    school_id: str,
    kind: str,
    name: str,
    phone: str,
    *,
    subject: str = "",
    grade: int | None = None,
    class_no: int | None = None,
    child_id: str | None = None,
    role_note: str = "",
) -> dict[str, Any]:
    return {
        "id": hid,
        "school_id": school_id,
        "kind": kind,
        "name": name,
        "phone": phone,
        "subject": subject,
        "grade": grade,
        "class_no": class_no,
        "child_id": child_id,
        "role_note": role_note,
        "active": True,
    }
