"""Every number the prose quotes comes from a measurement the repository keeps.

A number in a notebook's markdown must appear in that notebook's stored outputs, in
its code (a setting such as ``batch_size = 64``), or in one of *its own* results files
(``RESULTS_OF``: ``data/imdb_experiments.json`` of notebook 06, ``data/imdb_pretrained.json``
of notebook 08, ...), never in another notebook's; a number in README.md must appear in some
notebook's outputs or code, a results file, or the files that pin versions. So a prose figure
that no run printed, or one left over from an older run, fails here.

What counts as a quoted number: a decimal (``0.8427``), a percentage (``46%``), or a
whole number of 100 or more (``25,000``, ``140 s``). Smaller whole numbers are left
out: they are mostly counts and names ("notebook 03", "3 epochs"), and so are years
(1900-2099 written without a separator, "Keras 2.0 (2017)"). Code spans, code blocks
and link targets are not prose.
"""

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: Each notebook's own results files: the only ones whose numbers its prose may quote without printing them.
RESULTS_OF = {
    "06": ("imdb_experiments.json", "padding_interleaved_cpu.json"),
    "08": ("imdb_pretrained.json",),
    "09": ("backend_padding_cpu.json", "backend_padding_h200.json"),
    "10": ("imdb_heads.json", "heads_interleaved_cpu.json"),
    "12": (
        "imdb_size.json",
        "vocab_cost_tensorflow_cpu.json",
        "vocab_cost_jax_cpu.json",
        "vocab_cost_torch_cpu.json",
        "dim_cost_tensorflow_cpu.json",
    ),
}
RESULTS_FILES = tuple(ROOT / "data" / name for names in RESULTS_OF.values() for name in names)
NUMBER = re.compile(r"(?<![\w.])-?\d[\d,_]*(?:\.\d+)?%?(?![\w])")


def not_prose(markdown: str) -> str:
    """Markdown without code blocks, code spans, link targets, HTML tags and headings' exercise labels."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "] ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"SHA-\d+", " ", text)  # a hash's name, not a figure
    return re.sub(r"\*\*\d\d\.\d\*\*", " ", text)  # exercise labels such as **06.2**


def numbers(text: str) -> set[str]:
    return {token.replace(",", "").replace("_", "") for token in NUMBER.findall(text)}


def quoted(text: str) -> set[str]:
    """The numbers of ``text`` that count as quoted figures (see the module docstring)."""
    found = set()
    for token in numbers(text):
        value = token.rstrip("%").lstrip("-")
        is_year = value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2099
        if token.endswith("%") or "." in value or (int(value) >= 100 and not is_year):
            found.add(token)
    return found


def outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(str(output.get("data", {}).get("text/plain", "")))
            parts.append(str(output.get("data", {}).get("text/html", "")))
    return "\n".join(parts)


def results_numbers(paths=RESULTS_FILES) -> set[str]:
    """Every number of the results files ``paths``, also as the notebooks format them (2-4 decimals, percentages)."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            found.update(
                {
                    str(value),
                    f"{value:.0f}",
                    f"{value:.2f}",
                    f"{value:.3f}",
                    f"{value:.4f}",
                    f"{value:.0%}",
                    f"{value:.1%}",
                }
            )
        elif isinstance(value, str):
            found.update(numbers(value))

    for path in paths:
        if path.is_file():
            walk(json.loads(path.read_text()))
    return found


def pinned_numbers() -> set[str]:
    """Version numbers the project pins (a prose "Keras 3.13" is a fact about versions, not a measurement)."""
    found = set()
    for pins in ("requirements.txt", "environment.yml", "pyproject.toml", "tests/colab/versions.txt"):
        found |= numbers((ROOT / pins).read_text())
    return found


def unsupported(prose: str, allowed: set[str]) -> list[str]:
    return sorted(quoted(prose) - allowed)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_numbers_in_a_notebooks_prose_come_from_its_outputs_code_or_results(path):
    nb = nbformat.read(path, as_version=4)
    own = [ROOT / "data" / name for name in RESULTS_OF.get(path.name[:2], ())]
    allowed = numbers(outputs_text(nb)) | results_numbers(own) | pinned_numbers()
    for index, cell in enumerate(nb.cells):
        # an exercise's question sets its own numbers ("a batch padded to 200 tokens"): no figures there
        if cell.cell_type == "markdown" and not re.match(r"\*\*\d\d\.\d\*\*", cell.source):
            missing = unsupported(not_prose(cell.source), allowed)
            assert not missing, f"{path.name} cell {index}: {missing} appear in no output, code or results file"


def test_numbers_in_readme_come_from_the_notebooks_results_or_pins():
    allowed = results_numbers()
    for path in NOTEBOOKS:
        allowed |= numbers(outputs_text(nbformat.read(path, as_version=4)))
    allowed |= pinned_numbers()
    missing = unsupported(not_prose((ROOT / "README.md").read_text()), allowed)
    assert not missing, f"README.md: {missing} appear in no notebook output, results file or pin"


def test_a_planted_figure_is_caught():
    """The check itself: a number no output printed is reported, one that an output printed is not."""
    allowed = numbers("test accuracy: 0.8427\n25,000 reviews")
    assert unsupported("It reached 0.8427 on 25,000 reviews.", allowed) == []
    assert unsupported("It reached 0.8749 on 25,000 reviews, 2.25 times faster.", allowed) == ["0.8749", "2.25"]
    assert (
        unsupported(not_prose("Epoch 3 of notebook 06 took `140` s."), allowed) == []
    )  # small counts, code: no figures
    assert unsupported("Keras 2.0 (2017) renamed it.", allowed | {"2.0"}) == []  # a year is no figure


def test_a_notebook_may_not_borrow_another_notebooks_results():
    """Notebook 03 has no results file: a figure from notebook 09's benchmark files would pass only by accident."""
    assert RESULTS_OF.get("03") is None
    nine = results_numbers([ROOT / "data" / name for name in RESULTS_OF["09"]])
    three = numbers(outputs_text(nbformat.read(NOTEBOOKS[3], as_version=4))) | pinned_numbers()
    decimal = next(n for n in sorted(nine - three) if "." in n)  # a figure of 09's that 03 never printed
    assert unsupported(f"It took {decimal} s.", three) == [decimal]
