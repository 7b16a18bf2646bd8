"""The Chinese translation is complete, its placeholders match, and the .qm files are current."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
CATALOGS = sorted(I18N.glob("*_zh_CN.ts"))
PLACEHOLDER = re.compile(r"%(?:\d+|n|L\d+)")


def messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def test_there_are_catalogs():
    assert {p.name for p in CATALOGS} >= {"app_zh_CN.ts", "dialogs_zh_CN.ts"}


@pytest.mark.parametrize("ts", CATALOGS, ids=lambda p: p.name)
def test_every_entry_is_translated(ts):
    problems = []
    for context, message in messages(ts):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if message.get("numerus") == "yes":
            texts = [t.text or "" for t in translation.iter("numerusform")]
        else:
            texts = [translation.text or ""]
        kind = translation.get("type")
        if kind in ("unfinished", "obsolete", "vanished") or not all(t.strip() for t in texts):
            problems.append(f"{context}: {source!r} is not translated")
            continue
        for text in texts:
            if sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(text))):
                problems.append(f"{context}: placeholders differ in {source!r} -> {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("ts", CATALOGS, ids=lambda p: p.name)
def test_compiled_catalog_is_current(ts, tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n  # scripts/i18n.py
    finally:
        sys.path.pop(0)
    committed = ts.with_suffix(".qm")
    assert committed.exists(), f"run: python scripts/i18n.py --release ({committed.name} missing)"
    fresh = {p.name: p for p in i18n.release(out_dir=tmp_path)}
    assert fresh[committed.name].read_bytes() == committed.read_bytes(), (
        f"{committed.name} is out of date: run python scripts/i18n.py --release"
    )
