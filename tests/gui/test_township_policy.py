"""统一设置 over a real merged ledger: a township that has imported the bundles of 大山小学 and
小河小学 (one child each), built through the services as the CLI does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale

from liushou_desktop.domain.care import PRESETS
from liushou_desktop.domain.duties import Term
from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs.township_policy_dialog import (
    TownshipPolicyDialog,
    suggested_term,
)
from liushou_desktop.gui.views.township_stats_page import TownshipStatsPage
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.setup import init_school
from liushou_desktop.services.sync import SyncService, init_township
from liushou_desktop.services.township import PolicyResult
from tests.conftest import TODAY, make_archive

MODULE = "liushou_desktop.gui.dialogs.township_policy_dialog"


def send(src: ServiceContext, dst: ServiceContext, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    out = SyncService(src).export_bundle(folder)
    (result,) = SyncService(dst).import_bundles([out.path])
    assert result.status in ("merged", "duplicate"), result.message


def make_township(tmp_path: Path) -> ServiceContext:
    town = init_township(tmp_path / "township.sqlite", "城关镇", "T01", author="乡镇专干")
    town.today = lambda: TODAY
    SyncService(town).write_enrollment(tmp_path / "township.json")
    return town


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[SimpleNamespace]:
    town = make_township(tmp_path)
    opened = [town]
    for n, (name, code) in enumerate((("大山小学", "522401001"), ("小河小学", "522401002"))):
        ctx = init_school(tmp_path / f"{code}.sqlite", name, code, author=f"{name}老师")
        ctx.today = lambda: TODAY
        opened.append(ctx)
        school_id = ArchiveService(ctx).schools()[0].id
        ArchiveService(ctx).create(make_archive(school_id, f"{name[:2]}孩", serial=20 + n))
        SyncService(ctx).join(tmp_path / "township.json")
        send(ctx, town, tmp_path / f"bundles{n}")
    schools = {s.name: s.id for s in ArchiveService(town).schools()}
    yield SimpleNamespace(town=town, schools=schools)
    for ctx in opened:
        ctx.db.close()


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The screens as users see them: with the Chinese catalogs installed."""
    before = QLocale()
    i18n.install_translators(qapp)
    yield
    i18n.remove_translators()
    QLocale.setDefault(before)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the dialog's message boxes said (information and warnings)."""
    shown: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(
            f"{MODULE}.QMessageBox.{name}", lambda parent, title, text: shown.append(text)
        )
    monkeypatch.setattr(
        "liushou_desktop.gui.messages.QMessageBox.warning",
        lambda parent, title, text: shown.append(text),
    )
    return shown


def open_dialog(qtbot, runner, ctx: ServiceContext) -> TownshipPolicyDialog:
    dialog = TownshipPolicyDialog(runner, ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=15000):
        pass
    return dialog


def enter_term(dialog: TownshipPolicyDialog, name: str, start: str, end: str) -> None:
    dialog.term_fields["start_date"].set_value(None)
    dialog.term_fields["end_date"].set_value(None)
    qt_start = dialog.term_fields["start_date"]
    qt_end = dialog.term_fields["end_date"]
    getattr(qt_start, "edit").setText(start)  # noqa: B009  # the date's QLineEdit
    getattr(qt_end, "edit").setText(end)  # noqa: B009
    getattr(dialog.term_fields["name"], "edit").setText(name)  # noqa: B009


def term_names(ctx: ServiceContext, school_id: str) -> list[str]:
    return [t.name for t in CareService(ctx).terms(school_id)]


def test_every_school_is_listed_and_ticked(qtbot, runner, ledger):
    dialog = open_dialog(qtbot, runner, ledger.town)
    assert dialog.schools_list.count() == 2
    assert set(dialog.school_ids()) == set(ledger.schools.values())
    dialog.none_button.click()
    assert dialog.school_ids() == []
    assert not dialog.term_button.isEnabled() and not dialog.helper_button.isEnabled()
    dialog.all_button.click()
    assert len(dialog.school_ids()) == 2 and dialog.term_button.isEnabled()
    # the suggested term: the one under way on 2026-11-22, as no school has a term yet
    assert dialog.term_fields["name"].value() == "2026年秋季学期"
    assert dialog.term_fields["start_date"].value() == dt.date(2026, 9, 1)
    assert dialog.term_fields["end_date"].value() == dt.date(2027, 1, 20)


def test_a_term_goes_to_the_ticked_school_only_and_skipped_schools_are_named(
    qtbot, runner, ledger, said, chinese
):
    dialog = open_dialog(qtbot, runner, ledger.town)
    dashan, xiaohe = ledger.schools["大山小学"], ledger.schools["小河小学"]
    dialog.set_checked(xiaohe, False)
    assert dialog.school_ids() == [dashan]
    enter_term(dialog, "2027年春季学期", "2027-02-20", "2027-07-10")
    with qtbot.waitSignal(dialog.applied, timeout=15000) as blocker:
        dialog.term_button.click()
    result = blocker.args[0]
    assert isinstance(result, PolicyResult)
    assert result.done == ["大山小学"] and result.skipped == {}
    assert term_names(ledger.town, dashan) == ["2027年春季学期"]
    assert term_names(ledger.town, xiaohe) == []
    assert said and "已为 1 所学校设置" in said[-1] and "学校导入下一个同步包后生效" in said[-1]
    qtbot.waitUntil(lambda: dialog.term_button.isEnabled(), timeout=15000)
    # the next term is suggested now
    assert dialog.term_fields["name"].value() == "2027年秋季学期"
    assert dialog.term_fields["start_date"].value() == dt.date(2027, 9, 1)

    # both ticked now: 大山小学 already has the term and is named with the reason
    dialog.set_checked(xiaohe, True)
    enter_term(dialog, "2027年春季学期", "2027-02-20", "2027-07-10")
    assert "大山小学" in dialog.term_preview.text()
    with qtbot.waitSignal(dialog.applied, timeout=15000) as blocker:
        dialog.term_button.click()
    result = blocker.args[0]
    assert result.done == ["小河小学"] and list(result.skipped) == ["大山小学"]
    assert term_names(ledger.town, xiaohe) == ["2027年春季学期"]
    assert term_names(ledger.town, dashan) == ["2027年春季学期"]
    text = said[-1]
    assert "已为 1 所学校设置；以下学校未改动：大山小学（" in text
    assert "重叠" in text
    assert "大山小学" in dialog.status_label.text()


def test_a_refused_term_is_explained_beside_its_field(qtbot, runner, ledger, said):
    dialog = open_dialog(qtbot, runner, ledger.town)
    enter_term(dialog, "2027年春季学期", "2027-07-10", "2027-02-20")
    dialog.term_button.click()
    assert dialog.term_fields["end_date"].box.kind == "error"
    enter_term(dialog, "2027年春季学期", "2027-02-30", "2027-07-10")
    dialog.term_button.click()
    assert dialog.term_fields["start_date"].box.kind == "error"
    assert said == []
    for school_id in ledger.schools.values():
        assert term_names(ledger.town, school_id) == []


def test_a_preset_and_a_shared_helper(qtbot, runner, ledger, said, chinese):
    dialog = open_dialog(qtbot, runner, ledger.town)
    dashan, xiaohe = ledger.schools["大山小学"], ledger.schools["小河小学"]
    dialog.tabs.setCurrentIndex(1)
    dialog.preset_field.set_value("四个一次")
    assert [r.name for r in dialog.rules_model.rows()] == [r.name for r in PRESETS["四个一次"]]
    with qtbot.waitSignal(dialog.applied, timeout=15000) as blocker:
        dialog.preset_button.click()
    assert sorted(blocker.args[0].done) == ["大山小学", "小河小学"]
    qtbot.waitUntil(lambda: dialog.preset_button.isEnabled(), timeout=15000)
    with qtbot.waitSignal(dialog.applied, timeout=15000) as blocker:
        dialog.preset_button.click()
    assert blocker.args[0].done == [] and len(blocker.args[0].skipped) == 2
    assert said[-1].startswith("没有学校改动") and "学校导入" not in said[-1]
    qtbot.waitUntil(lambda: dialog.preset_button.isEnabled(), timeout=15000)

    dialog.tabs.setCurrentIndex(2)
    dialog.set_checked(xiaohe, False)
    fields = dialog.helper_fields
    fields["name"].set_value("刘阿姨")
    fields["phone"].set_value("1370000")
    dialog.helper_button.click()
    assert fields["phone"].box.kind == "error"
    fields["phone"].set_value("13700001111")
    fields["role_note"].set_value("爱心妈妈")
    with qtbot.waitSignal(dialog.applied, timeout=15000):
        dialog.helper_button.click()
    (helper,) = CareService(ledger.town).helpers(dashan)
    assert (helper.kind, helper.name, helper.role_note) == ("校外", "刘阿姨", "爱心妈妈")
    assert CareService(ledger.town).helpers(xiaohe) == []


def test_the_statistics_page_opens_the_dialog(qtbot, runner, ledger, said):
    page = TownshipStatsPage(runner, ledger.town)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    assert page.policy_button.isEnabled()
    page.policy_button.click()
    dialog = page.findChild(TownshipPolicyDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.schools_list.count() == 2, timeout=15000)
    enter_term(dialog, "2027年春季学期", "2027-02-20", "2027-07-10")
    with qtbot.waitSignal(page.policy_applied, timeout=15000):
        dialog.term_button.click()
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    dialog.reject()


def test_without_schools_the_button_is_disabled_and_says_why(qtbot, runner, tmp_path, chinese):
    town = make_township(tmp_path)
    try:
        page = TownshipStatsPage(runner, town)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: not page.loading, timeout=15000)
        assert not page.policy_button.isEnabled()
        assert "同步包" in page.policy_button.toolTip()
    finally:
        runner.shutdown()
        town.db.close()


def test_the_suggested_term_follows_the_schools_terms():
    autumn = Term("2026年秋季学期", dt.date(2026, 9, 1), dt.date(2027, 1, 18), "2026-2027")
    name, start, end = suggested_term(dt.date(2026, 11, 22), [autumn])
    assert (name, start, end) == ("2027年春季学期", dt.date(2027, 2, 20), dt.date(2027, 7, 10))
    assert suggested_term(dt.date(2026, 7, 20), [])[0] == "2026年秋季学期"
    assert suggested_term(dt.date(2027, 1, 5), [])[0] == "2026年秋季学期"
    assert suggested_term(dt.date(2027, 1, 25), [])[0] == "2027年春季学期"
