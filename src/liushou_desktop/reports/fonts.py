"""Fonts for the PDFs: the vendored CJK font and a fallback chain for rare characters.

Chinese is drawn with the vendored WenQuanYi Micro Hei font (``resources/fonts``), embedded in
the PDF as a subset, so a page prints the same on any computer. Names sometimes hold a
character that font lacks (䶮, 𠮷 …): :class:`FontChain` finds, character by character, the
first font of the chain that has a glyph for it — the vendored font, then the Windows system
fonts SimSun and SimSun-ExtB where present — and says when none has. A character no font
covers is never drawn as a silent box: the caller shows a visible mark instead.

No Qt here.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.errors import KnownError

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = "wqy-microhei.ttc"


@dataclass(frozen=True)
class FontSpec:
    """A TrueType font file (``subfont``: the face inside a .ttc collection)."""

    name: str
    path: Path
    subfont: int = 0


def resources_dir() -> Path:
    """``resources/``, found as ``gui.i18n.resources_dir`` finds it (beside a frozen executable
    or at the top of the source tree)."""
    candidates: list[Path] = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve()
    candidates.append(here.parents[3] / "resources")  # src/liushou_desktop/reports/…
    candidates.append(here.parents[1] / "resources")  # resources shipped inside the package
    for candidate in candidates:
        if (candidate / "fonts" / FONT_FILE).is_file():
            return candidate
    return candidates[0]


def register_font() -> str:
    """Register the vendored Chinese font with reportlab (once); returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    path = resources_dir() / "fonts" / FONT_FILE
    if not path.is_file():
        raise KnownError(f"找不到中文字体文件 {path}，无法生成PDF。请重新安装本软件。")
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    return FONT_NAME


def windows_fallbacks() -> list[FontSpec]:
    """SimSun and SimSun-ExtB (CJK Extension B) from the Windows font folder, where present."""
    folder = Path(os.environ.get("WINDIR") or "C:/Windows") / "Fonts"
    return [
        FontSpec("SimSun", folder / "simsun.ttc", 0),
        FontSpec("SimSun-ExtB", folder / "simsunb.ttf", 0),
    ]


def _register(spec: FontSpec) -> Any | None:
    """Register ``spec`` with reportlab (once); the font object, or None when it is missing or
    unreadable (a damaged system font must not stop the printing)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if spec.name in pdfmetrics.getRegisteredFontNames():
        return pdfmetrics.getFont(spec.name)
    if not spec.path.is_file():
        return None
    try:
        font = TTFont(spec.name, str(spec.path), subfontIndex=spec.subfont)
    except Exception:  # reportlab raises TTFError and plain errors for fonts it cannot read
        return None
    pdfmetrics.registerFont(font)
    return font


_COVERED: dict[str, set[str]] = {}  # per vendored font: characters known to be in it


class FontChain:
    """The vendored font first, then the fallbacks that exist on this computer.

    ``font_for(ch)`` is the name of the first font with a glyph for ``ch``, or None."""

    def __init__(self, fallbacks: list[FontSpec] | None = None) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.primary = register_font()
        self._fonts: list[tuple[str, Any]] = [(self.primary, pdfmetrics.getFont(self.primary))]
        self._specs = list(windows_fallbacks() if fallbacks is None else fallbacks)
        self._loaded = False
        self._cache: dict[str, str | None] = {}
        self._primary_cmap: dict[int, int] = self._fonts[0][1].face.charToGlyph

    def _load_fallbacks(self) -> None:
        """Fallback fonts are read only when a character needs one (SimSun is large)."""
        if self._loaded:
            return
        self._loaded = True
        for spec in self._specs:
            font = _register(spec)
            if font is not None:
                self._fonts.append((spec.name, font))

    @property
    def names(self) -> list[str]:
        self._load_fallbacks()
        return [name for name, _font in self._fonts]

    def font_for(self, ch: str) -> str | None:
        code = ord(ch)
        if code in self._primary_cmap or code < 0x20 or ch.isspace():
            return self.primary
        if ch in self._cache:
            return self._cache[ch]
        self._load_fallbacks()
        found = next((name for name, f in self._fonts[1:] if code in f.face.charToGlyph), None)
        self._cache[ch] = found
        return found

    def covers_all(self, text: str) -> bool:
        """Every character in the vendored font (the common case, checked fast: against the
        characters already found in it, kept for the run)."""
        covered = _COVERED.setdefault(self.primary, set())
        if covered.issuperset(text):
            return True
        cmap = self._primary_cmap
        for ch in set(text) - covered:
            if ord(ch) not in cmap and not ch.isspace():
                return False
            covered.add(ch)
        return True

    def widths(self, name: str) -> CharWidths:
        """The advance widths of the chain's font ``name`` (see :func:`char_widths`)."""
        return char_widths(name)


class CharWidths(dict[str, float]):
    """A font's advance widths in 1/1000 em (the unit of its metrics), per character, each
    looked up once: ``widths[ch] * size / 1000`` is what reportlab's ``stringWidth`` gives for
    ``ch``. Text is measured once in these units, at no size, so a layout can try font sizes
    by arithmetic instead of measuring the text again at each."""

    def __init__(self, font: Any) -> None:
        super().__init__()
        self._lookup = font.face.charWidths.get
        self._default = font.face.defaultWidth

    def __missing__(self, ch: str) -> float:
        width = float(self._lookup(ord(ch), self._default))
        self[ch] = width
        return width


_WIDTHS: dict[str, CharWidths] = {}


def char_widths(name: str) -> CharWidths:
    """The widths of the registered TrueType font ``name``, kept for the whole run (fonts are
    registered with reportlab once per process, by name)."""
    found = _WIDTHS.get(name)
    if found is None:
        from reportlab.pdfbase import pdfmetrics

        found = _WIDTHS[name] = CharWidths(pdfmetrics.getFont(name))
    return found


def cells_in(table: Any, font: str) -> Any:
    """A platypus table with every cell set in ``font``: unless told, a table sets Helvetica
    for each cell (empty ones too), which the PDF then lists as an unembedded font."""
    table.setStyle([("FONTNAME", (0, 0), (-1, -1), font)])
    return table
