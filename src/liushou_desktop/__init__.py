"""留守儿童关爱档案 — offline-first archive of left-behind children for village schools."""

# Kept equal to pyproject.toml's version by tests/unit/test_version.py. A constant, not
# importlib.metadata: that import alone costs ~40 ms of start-up.
__version__ = "0.1.0"

APP_NAME = "liushou-desktop"
