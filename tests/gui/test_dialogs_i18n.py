"""The dialogs' catalog is complete, its placeholders match, and the compiled file loads."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
TS = I18N / "dialogs_zh_CN.ts"
QM = I18N / "dialogs_zh_CN.qm"
_PLACEHOLDER = re.compile(r"%(?:\d+|n)")


def messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [
        (ctx.findtext("name") or "", m.findtext("source") or "", m.find("translation"))
        for ctx in root.iter("context")
        for m in ctx.iter("message")
    ]


def test_every_entry_is_translated_with_the_same_placeholders():
    found = messages()
    assert len(found) > 100
    for context, source, translation in found:
        assert translation is not None, (context, source)
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), source
        text = translation.text or ""
        assert text.strip(), (context, source)
        assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source)), source


def test_no_english_left_in_translations():
    for _context, source, translation in messages():
        text = translation.text or ""
        # examples and codes (2016-03-08, X) may stay; words may not
        assert not re.search(r"[A-Za-z]{3,}", text), (source, text)


@pytest.fixture
def translator(qapp):
    tr = QTranslator()
    assert tr.load(str(QM))
    QCoreApplication.installTranslator(tr)
    yield tr
    QCoreApplication.removeTranslator(tr)


def test_compiled_catalog_translates_the_dialogs(translator):
    t = QCoreApplication.translate
    assert t("ChildEditor", "Save") == "保存"
    assert t("ChildEditor", "Change history") == "变更记录"
    assert t("HistoryModel", "(new archive)") == "（建档）"
    assert (
        t(
            "HandoverDialog",
            "%1 children will move up a grade and %2 children will graduate, for the school "
            "year %3. This is recorded in the change history.",
        )
        == "%3学年交接：将为 %1 名学生升级，%2 名学生毕业。此操作会记入变更记录。"
    )


def test_the_editor_shows_chinese_with_the_catalog(qtbot, translator, runner, service, school_id):
    from liushou_desktop.gui.dialogs import ChildEditor
    from liushou_desktop.gui.dialogs.child_editor import BASIC, HISTORY

    editor = ChildEditor(runner, service, school_id)
    qtbot.addWidget(editor)
    assert editor.tabs.tabText(BASIC).startswith("基本情况")
    assert editor.tabs.tabText(HISTORY) == "变更记录"
    assert editor.save_button.text() == "保存"
