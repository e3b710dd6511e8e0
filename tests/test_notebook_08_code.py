"""The code notebook 08 shows and the helpers it explains never drift: the shown lines, run here on tiny
inputs, give what ``skipgram.build_skipgram_model`` and ``glove.aligned_matrix`` give."""

from pathlib import Path

import nbformat
import numpy as np

from helpers import glove, imdb, skipgram

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "08_word2vec_and_glove.ipynb"


def shown_lines(first: str, last: str) -> str:
    """The notebook's lines from the one starting with ``first`` to the one starting with ``last`` (inclusive)."""
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
        lines = cell.source.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith(first)]
        if cell.cell_type == "code" and starts:
            end = next(i for i in range(starts[0], len(lines)) if lines[i].startswith(last))
            return "\n".join(lines[starts[0] : end + 1])
    raise AssertionError(f"notebook 08 has no code cell with a line starting {first!r}")


def test_the_shown_skipgram_model_is_the_helpers():
    import keras

    code = shown_lines("centre = keras.Input", "word2vec = keras.Model")
    scope = {"keras": keras, "vocab_size": 50, "embedding_dim": 4, "num_negative": 2}
    exec(code, scope)
    shown, helper = scope["word2vec"], skipgram.build_skipgram_model(50, 4, 2)
    assert [layer.get_config() for layer in shown.layers] == [layer.get_config() for layer in helper.layers]
    assert shown.count_params() == helper.count_params() == 2 * 50 * 4


def test_the_shown_alignment_loop_is_the_helpers():
    code = shown_lines("matrix = np.zeros(", "        matrix[row] =")
    vectors = glove.GloveVectors(
        ["the", "great", "zyxwv", "film"], np.arange(12, dtype="float32").reshape(4, 3), "tiny"
    )
    word_index = {"the": 1, "great": 2, "isn't": 3, "film": 7}  # film's row, 10, is past a table of 8 rows
    scope = {"np": np, "imdb": imdb, "vectors": vectors, "word_index": word_index, "vocab_size": 8, "embedding_dim": 3}
    exec(code, scope)
    expected, found = glove.aligned_matrix({w: r + imdb.INDEX_FROM for w, r in word_index.items()}, vectors, 8)
    assert np.array_equal(scope["matrix"], expected)
    assert np.flatnonzero(found).tolist() == [4, 5]
