"""New databases made by the app (the first-run wizard) follow the code rules; older ones,
schools arriving by sync and the command line keep free-form codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from liushou_desktop.domain.errors import ValidationFailed
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.setup import init_school, school_problems
from liushou_desktop.services.sync import (
    SyncService,
    init_township,
    read_enrollment_file,
)


def test_a_new_school_with_a_standard_code(tmp_path: Path) -> None:
    ctx = init_school(tmp_path / "s.sqlite", "青山小学", "522401002", 9, standard_code=True)
    try:
        (school,) = ArchiveService(ctx).schools()
        assert (school.code, school.top_grade) == ("522401002", 9)
    finally:
        ctx.db.close()


@pytest.mark.parametrize(
    ("code", "words"),
    [("S001", "9位"), ("992401001", "省级代码"), ("522401000", "000"), ("520001001", "地市")],
)
def test_a_new_school_with_a_wrong_code_is_refused_and_no_file_made(
    tmp_path: Path, code: str, words: str
) -> None:
    path = tmp_path / "s.sqlite"
    with pytest.raises(ValidationFailed) as refused:
        init_school(path, "青山小学", code, standard_code=True)
    assert words in refused.value.errors["code"]
    assert not path.exists()


def test_free_form_codes_stay_allowed_without_the_rules() -> None:
    assert school_problems("大山小学", "S001", 6) == {}  # the CLI, synced schools, old files
    assert "code" in school_problems("大山小学", "S001", 6, standard_code=True)


def test_a_new_township_with_a_standard_code(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    with pytest.raises(ValidationFailed) as refused:
        init_township(path, "城关镇中心校", "T01", standard_code=True)
    assert "乡镇代码应为9位" in refused.value.errors["code"]
    assert not path.exists()
    ctx = init_township(path, "城关镇中心校", "522401100", standard_code=True)
    try:
        assert SyncService(ctx).unit() == ("township", "522401100", "城关镇中心校")
        out = tmp_path / "enroll.json"
        fp = SyncService(ctx).write_enrollment(out)
    finally:
        ctx.db.close()
    # readable before any school database exists (the wizard shows its fingerprint)
    doc = read_enrollment_file(out)
    assert (doc["role"], doc["code"]) == ("township", "522401100")
    from liushou_desktop.sync.envelope import fingerprint

    assert fingerprint(doc["sign_pub"], doc["age_recipient"]) == fp
    # and the old free-form code is still accepted without the rules
    init_township(tmp_path / "old.sqlite", "城关镇", "T01").db.close()
