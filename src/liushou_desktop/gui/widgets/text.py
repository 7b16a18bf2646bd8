"""Filling Qt-style placeholders in translated text."""

from __future__ import annotations


def arg(text: str, *values: object) -> str:
    """Replace %1, %2 … with ``values`` (a translation may put them in another order).

    PySide's ``tr()`` returns a Python ``str``, which has no ``QString.arg``."""
    for n in range(len(values), 0, -1):  # %10 before %1
        text = text.replace(f"%{n}", str(values[n - 1]))
    return text
