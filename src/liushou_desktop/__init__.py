"""留守儿童关爱档案 — offline-first archive of left-behind children for village schools."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("liushou-desktop")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

APP_NAME = "liushou-desktop"
