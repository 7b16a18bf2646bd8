"""Qt item models over plain rows from the services."""

from ..crash import keep_none_alive

# Item models are where Python overrides return None to C++ thousands of times a second;
# guard the interpreter before any of them exists (see keep_none_alive). app.py does the same.
keep_none_alive()
