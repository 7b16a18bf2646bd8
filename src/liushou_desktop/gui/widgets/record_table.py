"""A table view set up the way the care-work pages show their lists."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .list_table import style_list_table


def list_table(
    parent: QWidget,
    name: str,
    model: QAbstractItemModel,
    widths: Mapping[int, float],
    stretch: int | None = None,
    *,
    editable: bool = False,
) -> QTableView:
    """Rows selected whole, no grid, alternating colours; ``widths`` in CJK characters;
    ``stretch``: the column that takes the room left (else the last one)."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    style_list_table(table)
    if editable:
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
    header = table.horizontalHeader()
    unit = parent.fontMetrics().horizontalAdvance("中")
    for column, chars in widths.items():
        table.setColumnWidth(int(column), int(unit * chars) + 20)
    if stretch is not None:
        header.setSectionResizeMode(int(stretch), QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table
