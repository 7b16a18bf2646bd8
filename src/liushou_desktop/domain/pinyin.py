"""Search keys for Chinese names: pinyin initials ("zs" finds 张三) and full pinyin."""

from __future__ import annotations

# Surnames read differently from the character's common reading (曾 is zeng as a surname,
# ceng elsewhere). Both readings are kept, so either finds the child.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "朴": "piao",
    "查": "zha",
    "乐": "yue",
    "尉": "yu",
    "覃": "qin",
    "盖": "ge",
    "缪": "miao",
    "翟": "zhai",
    "召": "shao",
    "莘": "shen",
    "种": "chong",
    "折": "she",
    "秘": "bi",
    "员": "yun",
    "繁": "po",
    "黑": "he",
    "那": "na",
    "隗": "wei",
    "薄": "bo",
    "柏": "bai",
    "长": "chang",
    "祭": "zhai",
    "句": "gou",
    "阚": "kan",
    "任": "ren",
    "沈": "shen",
    "万": "wan",
    "华": "hua",
}


def search_key(name: str) -> str:
    """Space-separated lower-case keys: initials and full reading, for the common reading of
    the whole name and, when the surname reads differently, for the surname reading too.

    "张三" → "zs zhangsan"; "曾乐乐" → "cll cenglele zll zenglele"."""
    name = "".join(name.split())
    if not name:
        return ""
    # pypinyin loads its dictionaries on import (~0.2 s): only when a name is written.
    from pypinyin import Style, lazy_pinyin

    # The phrase-aware common reading; characters without one (letters, digits) stand as is.
    readings = [r.lower() for r in lazy_pinyin(name, style=Style.NORMAL, errors="default")]
    variants = [readings]
    surname = SURNAME_READINGS.get(name[0])
    if surname is not None and readings and readings[0] != surname:
        variants.append([surname, *readings[1:]])
    keys: list[str] = []
    for parts in variants:
        for key in ("".join(p[0] for p in parts if p), "".join(parts)):
            if key not in keys:
                keys.append(key)
    return " ".join(keys)
