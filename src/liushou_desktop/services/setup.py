"""Creating and opening databases: a school's, the demo school's, (later) a township's."""

from __future__ import annotations

import re
from pathlib import Path

from ..domain.codes import code_problem
from ..domain.errors import ValidationFailed
from ..storage.db import Database
from .changes import (
    META_MODE,
    META_SITE_ID,
    MODE_TOWNSHIP,
    ChangeWriter,
    new_id,
    read_meta,
    read_mode,
    write_meta,
)
from .context import ServiceContext

_CODE = re.compile(r"^[0-9A-Za-z-]{2,20}$")


def school_problems(
    name: str, code: str, top_grade: int, *, standard_code: bool = False
) -> dict[str, str]:
    """Why a school cannot be made, by field. ``standard_code``: the code must be the county
    code plus the school's number (``domain.codes``; a new database made in the app); without
    it any 2–20 letters and digits (older databases, schools arriving by sync, the CLI)."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "请填写学校名称"
    if standard_code:
        problem = code_problem(code)
        if problem:
            errors["code"] = problem
    elif not _CODE.match(code.strip()):
        errors["code"] = "学校代码为2–20位数字或字母，如 522401001"
    if top_grade not in (6, 9, 12):
        errors["top_grade"] = "最高年级应为6（小学）、9（九年一贯制）或12（完全中学）"
    return errors


def create_database(path: Path, mode: str = "school") -> Database:
    """A new empty database with its own site identity."""
    db = Database.create(path)
    with db.session() as s:
        write_meta(s, META_SITE_ID, new_id())
        write_meta(s, META_MODE, mode)
    return db


def add_school(ctx: ServiceContext, name: str, code: str, top_grade: int = 6) -> str:
    """Register a school in the database; returns its id."""
    errors = school_problems(name, code, top_grade)
    if errors:
        raise ValidationFailed(errors)
    school_id = new_id()
    with ctx.db.session() as s:
        w = ChangeWriter(s, ctx.author)
        w.insert(
            "school",
            {"id": school_id, "name": name.strip(), "code": code.strip(), "top_grade": top_grade},
            None,
        )
        w.flush()
        if read_mode(s) != MODE_TOWNSHIP and read_meta(s, "own_school") is None:
            write_meta(s, "own_school", school_id)  # this copy's school (others may arrive by sync)
    return school_id


def init_school(
    path: Path,
    name: str,
    code: str,
    top_grade: int = 6,
    author: str = "管理员",
    *,
    standard_code: bool = False,
) -> ServiceContext:
    """``liushou init``: a new database holding one school (``standard_code``: the app's
    first-run wizard, see :func:`school_problems`)."""
    errors = school_problems(name, code, top_grade, standard_code=standard_code)
    if errors:
        raise ValidationFailed(errors)
    db = create_database(path)
    ctx = ServiceContext(db=db, author=author)
    add_school(ctx, name, code, top_grade)
    return ctx
