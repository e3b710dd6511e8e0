"""Each constant and convention has one home in helpers/; a copy typed elsewhere fails here.

Read from the code's tokens (docstrings and comments may mention the values).
"""

import io
import re
import tokenize
from pathlib import Path

HELPERS = Path(__file__).resolve().parents[1] / "helpers"
HEX_COLOUR = re.compile(r"^[\"']#[0-9A-Fa-f]{6}[\"']$")


def code_tokens(path: Path):
    """(type, text, previous significant token) for every token of the file, docstrings left out."""
    previous = None
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    for index, token in enumerate(tokens):
        if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            continue
        before = tokens[index - 1].type if index else None
        is_docstring = token.type == tokenize.STRING and before in (
            tokenize.INDENT,
            tokenize.NEWLINE,
            tokenize.NL,
            None,
        )
        if not is_docstring:
            yield token.type, token.string, previous
        previous = token.string


def homes_of(predicate) -> dict[str, int]:
    found = {}
    for path in sorted(HELPERS.rglob("*.py")):
        count = sum(1 for kind, text, previous in code_tokens(path) if predicate(kind, text, previous))
        if count:
            found[path.relative_to(HELPERS).as_posix()] = count
    return found


def test_colours_live_in_figure_style():
    assert set(homes_of(lambda kind, text, _: kind == tokenize.STRING and HEX_COLOUR.match(text))) == {
        "figure_style.py"
    }


def test_the_initial_range_is_typed_once():
    # 0.05 twice: embedding.DEFAULT_INIT_RANGE, and learning.TOY_LEARNING_RATE (another quantity).
    assert homes_of(lambda kind, text, _: kind == tokenize.NUMBER and text == "0.05") == {
        "embedding.py": 1,
        "learning.py": 1,
    }


def test_imdbs_offset_and_reserved_indices_live_in_imdb_raw():
    # "+ 3" is Keras' offset typed by hand; imdb_raw.INDEX_FROM is its home.
    assert homes_of(lambda kind, text, previous: kind == tokenize.NUMBER and text == "3" and previous == "+") == {}
    assert set(homes_of(lambda kind, text, _: kind == tokenize.STRING and text in ('"<pad>"', '"<oov>"'))) == {
        "imdb_raw.py"
    }


def test_keras_home_and_the_quick_switch_are_named_once():
    assert set(homes_of(lambda kind, text, _: kind == tokenize.STRING and text == '".keras"')) == {"imdb_raw.py"}
    assert set(homes_of(lambda kind, text, _: kind == tokenize.STRING and text == '"EMBEDDING_SERIES_QUICK"')) == {
        "notebook_setup.py"
    }
