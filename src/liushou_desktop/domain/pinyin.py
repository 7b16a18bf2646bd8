"""Search keys for Chinese names: pinyin initials ("zs" finds 张三) and full pinyin."""

from __future__ import annotations

from itertools import islice, product

from pypinyin import Style, pinyin

_MAX_VARIANTS = 4  # polyphonic characters (曾 zeng/ceng) give a few readings; cap the product


def search_key(name: str) -> str:
    """Space-separated lower-case keys: each reading's initials and each full reading.

    "张三" → "zs zhangsan"; "曾乐" → "zl zy cl cy zengle ..." (capped)."""
    name = "".join(name.split())
    if not name:
        return ""
    # Characters without a reading (latin letters, digits) stand for themselves.
    readings = pinyin(name, style=Style.NORMAL, heteronym=True, errors="default")
    readings = [[r.lower() for r in options] for options in readings]
    keys: list[str] = []
    for combo in islice(product(*readings), _MAX_VARIANTS):
        initials = "".join(part[0] for part in combo if part)
        full = "".join(combo)
        for key in (initials, full):
            if key not in keys:
                keys.append(key)
    return " ".join(keys).lower()
