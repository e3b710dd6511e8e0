"""README's table of notebooks and each notebook's navigation cells are generated; they must be current."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_table_and_navigation_are_current():
    result = subprocess.run(
        [sys.executable, "tools/build_navigation.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_notebook_follows_the_series_layout():
    import nbformat

    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(cell.source for cell in nb.cells)
        assert nb.cells[0].source.startswith("# "), f"{path.name}: first cell must be '# Title'"
        for heading in ("You will learn", "## Setup", "## Summary", "## Exercises", "colab-badge.svg"):
            assert heading in text, f"{path.name}: missing {heading!r}"
        code = [cell for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]
        assert all(cell.execution_count is not None for cell in code), f"{path.name}: has unexecuted code cells"
        assert not any(o.get("output_type") == "error" for c in code for o in c.outputs), (
            f"{path.name}: stores an error"
        )


def test_the_colab_like_checks_lax_notebooks_exist_and_say_why():
    """tools/colab_like_check.py runs these notebooks with --nbval-lax; a renamed notebook must not drop out."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("colab_like_check", ROOT / "tools" / "colab_like_check.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    names = {path.name for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    assert check.LAX_NOTEBOOKS and set(check.LAX_NOTEBOOKS) <= names
    assert all(len(why) > 20 for why in check.LAX_NOTEBOOKS.values())
