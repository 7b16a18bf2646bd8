"""Shared pieces of the table models."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

# 一级 and 二级 stand out in every list of children: a soft fill with dark text of the same
# hue, (background, text).
RISK_COLOURS: dict[int, tuple[str, str]] = {
    1: ("#f9dcdc", "#a11d21"),
    2: ("#fde8cf", "#8f4a00"),
}


def answer_multi_data(
    role_data_span: QModelRoleDataSpan | QModelRoleData, value: Callable[[int], Any] | None
) -> None:
    """Fill every role Qt asks for in one call (``multiData``): a painted cell costs one Python
    call instead of seven. ``value(role)`` gives a role's value (None: no data); pass None for
    ``value`` when the index is invalid."""
    items: Iterable[QModelRoleData]
    if isinstance(role_data_span, QModelRoleData):
        items = (role_data_span,)
    else:  # the span is a sequence at run time; the type stubs do not say so
        items = cast("Iterable[QModelRoleData]", role_data_span)
    for role_data in items:
        result = value(role_data.role()) if value is not None else None
        if result is None:
            role_data.clearData()
        else:
            role_data.setData(result)
