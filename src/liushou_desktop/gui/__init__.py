"""The Qt GUI: the only package (with app.py) that imports PySide6."""

from .crash import keep_none_alive

# shiboken6 6.12 on CPython 3.11 drops a reference to None on some C++ → Python calls; guard
# the interpreter before any widget exists, whoever imports the GUI (see keep_none_alive).
keep_none_alive()
