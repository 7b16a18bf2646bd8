"""The demo school: a database filled with realistic children so a newcomer sees a living app."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

from ..storage.db import Database
from .archive import ArchiveService, normalized
from .changes import ChangeWriter, bulk_insert, new_id
from .context import ServiceContext
from .demo_data import demo_school, generate_children, generate_classes
from .setup import add_school, create_database


def create_demo_database(
    path: Path, n: int = 300, seed: int = 1, author: str = "管理员"
) -> ServiceContext:
    """A new database holding the demo school with ``n`` children."""
    db = create_database(Path(path))
    ctx = ServiceContext(db=db, author=author)
    add_school(ctx, *demo_school(seed), 6)
    add_demo_children(ctx, n, seed)
    return ctx


def fill_demo(path: Path, n: int, seed: int, author: str = "管理员") -> int:
    """``liushou demo``: create the demo database, or add demo children to an existing one
    (to its first school). Returns how many children were added."""
    path = Path(path)
    if not path.exists():
        create_demo_database(path, n, seed, author).db.close()
        return n
    ctx = ServiceContext(db=Database.open(path), author=author)
    try:
        return add_demo_children(ctx, n, seed)
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
            for entity, values in ArchiveService._rows_for_new(archive):
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
                    "hlc": writer.clock.now().encode(),
                }
                rows.append(("assessment", values, child_id))
        bulk_insert(s, writer, rows)
        writer.flush()
    return added


__all__ = ["add_demo_children", "create_demo_database", "fill_demo"]
