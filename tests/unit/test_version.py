import tomllib
from pathlib import Path

import liushou_desktop


def test_version_matches_pyproject():
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"] == (
        liushou_desktop.__version__
    )
