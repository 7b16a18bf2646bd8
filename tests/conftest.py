"""Shared fixtures. GUI tests run offscreen; every test gets its own database file."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LIUSHOU_NO_USER_CONFIG", "1")
# Qt's own settings (the file dialogs' history) go to a throw-away folder, not the user's.
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="liushou-tests-config-"))

import pytest

from liushou_desktop.domain.archive import (
    ChildArchive,
    ChildRecord,
    GuardianRecord,
    ParentRecord,
)
from liushou_desktop.domain.enums import ParentRole, Sex
from liushou_desktop.domain.idcard import make_id_number
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.setup import init_school

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[ServiceContext]:
    """A fresh database with one school, 大山小学 (code 522401001), and a fixed 'today'."""
    context = init_school(tmp_path / "school.sqlite", "大山小学", "522401001", author="测试员")
    context.today = lambda: TODAY
    yield context
    context.db.close()


@pytest.fixture
def service(ctx: ServiceContext) -> ArchiveService:
    return ArchiveService(ctx)


@pytest.fixture
def school_id(service: ArchiveService) -> str:
    return service.schools()[0].id


def make_archive(
    school_id: str,
    name: str = "张三",
    *,
    sex: Sex = Sex.MALE,
    birth: dt.date = dt.date(2016, 3, 8),
    grade: int = 4,
    class_no: int = 2,
    serial: int = 1,
) -> ChildArchive:
    """A valid archive with an ID number that agrees with birth date and sex."""
    return ChildArchive(
        child=ChildRecord(
            school_id=school_id,
            name=name,
            sex=sex.value,
            birth_date=birth,
            id_number=make_id_number("522401", birth, serial, sex),
            grade=grade,
            class_no=class_no,
        ),
        guardian=GuardianRecord(name="张大山", relation="祖父母", phone="13912345678"),
        father=ParentRecord(
            role=ParentRole.FATHER,
            name="张建国",
            work_province="广东",
            work_city="东莞",
            phone="13800001111",
        ),
        mother=ParentRecord(
            role=ParentRole.MOTHER,
            name="李秀英",
            work_province="浙江",
            work_city="宁波",
            phone="13700002222",
        ),
    )
