"""No file of the repository depends on the machine it was written on."""

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|root|home/\w+|Users/\w+)/")


def tracked_files() -> list[str]:
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [name for name in listed.splitlines() if (ROOT / name).is_file()]


def code_text(name: str) -> str:
    """A file's text; for a notebook only its cells' sources. Stored outputs and the measurement
    records in data/ say where a run happened, which is part of what they record."""
    path = ROOT / name
    if name.startswith("data/"):
        return ""
    if name.endswith(".ipynb"):
        return "\n".join("".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"])
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return ""  # binary data (the trained model)


def test_no_absolute_machine_paths_in_code_tests_or_notebook_cells():
    found = [
        f"{name}: {match.group(0)}" for name in tracked_files() for match in MACHINE_PATH.finditer(code_text(name))
    ]
    assert not found, f"absolute machine paths: {found[:10]}"


def test_the_check_itself_finds_a_planted_path():
    # Built from parts, so this file does not hold a machine path itself.
    assert MACHINE_PATH.search('SHARED = "' + "/" + 'work/shared/raw-imdb/a.tar.gz"')
    assert MACHINE_PATH.search("open('" + "/" + "home/alice/data.json')")
    assert not MACHINE_PATH.search("see ../shared/README.md and https://example.org/work/x")
