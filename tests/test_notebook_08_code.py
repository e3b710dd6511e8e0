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


def cell_source(cell_id: str) -> str:
    return next(cell.source for cell in nbformat.read(NOTEBOOK, as_version=4).cells if cell.get("id") == cell_id)


def test_the_shown_keyedvectors_loop_fills_each_word_row_and_equals_the_helper():
    from gensim.models import KeyedVectors

    kv = KeyedVectors(vector_size=3)
    kv.add_vectors(["film", "the", "great"], np.arange(9, dtype="float32").reshape(3, 3))  # gensim's own order
    index_to_word = {4: "the", 5: "great", 6: "zyxwv", 7: "film"}  # zyxwv: a word gensim lacks
    code = shown_lines("gensim_matrix = np.zeros(", "        gensim_matrix[row] =")
    scope = {"np": np, "imdb": imdb, "kv": kv, "index_to_word": index_to_word, "vocab_size": 8}
    exec(code, scope)
    matrix = scope["gensim_matrix"]
    assert np.array_equal(matrix[[4, 5, 7]], [kv["the"], kv["great"], kv["film"]]) and not matrix[[0, 1, 2, 3, 6]].any()
    as_glove = glove.GloveVectors(kv.index_to_key, kv.vectors, "gensim")
    same, _ = glove.aligned_matrix({w: r for r, w in index_to_word.items()}, as_glove, 8)
    assert np.array_equal(matrix, same)


def run_results_cells(runs, capsys, seeds=tuple(range(1, 11))):
    """Notebook 08's results and comparison cells on a made-up results file: what they print."""
    import types

    from helpers import seed_statistics

    machine = {"cpu": "test", "cores": 2, "backend": "tensorflow", "keras": "3"}
    results = {"seeds": list(seeds), "settings": {"epochs": 3}, "runs": [{"machine": machine, **r} for r in runs]}
    scope = {
        "np": np,
        "seed_statistics": seed_statistics,
        "experiments": types.SimpleNamespace(load_results=lambda name: results),
        "trainable_params": 60_501,
    }
    exec(cell_source("0e811ee8"), scope)
    exec(cell_source("aeeeb34a"), scope)
    return capsys.readouterr().out, scope


def made_up_run(arm, seed, accuracy, **extra):
    epochs = [{"accuracy": 0.7 + e / 10, "test_accuracy": accuracy - 0.02 + e / 100} for e in range(3)]
    frozen = {"embedding_max_change": 0, "trainable_params": 60_501} if arm == "glove_frozen" else {}
    return {"arm": arm, "seed": seed, "test_accuracy": accuracy, "epochs": epochs, **frozen, **extra}


def test_the_results_cells_use_whatever_seeds_the_file_holds(capsys):
    """A file still filling up: 3, 2 and 1 seeds per arm, a smoke run that must not count; no interval from 1 seed."""
    runs = [made_up_run("random", s, 0.85 + s / 100) for s in (1, 2, 3)]
    runs += [made_up_run("glove_frozen", s, 0.80 + s / 100) for s in (1, 2)]
    collapsed = [{"accuracy": 0.72, "test_accuracy": 0.82}, {"accuracy": 0.83, "test_accuracy": 0.84}]
    collapsed.append({"accuracy": 0.86, "test_accuracy": 0.50})  # training accuracy rises, test falls
    runs += [made_up_run("glove_tuned", 1, 0.50, epochs=collapsed), made_up_run("glove_tuned", 2, 0.10, quick=True)]
    out, scope = run_results_cells(runs, capsys)
    lines = {line.split()[0]: line for line in out.splitlines() if line.split() and line.split()[0] in scope["arms"]}
    from helpers import seed_statistics

    assert seed_statistics.mean_interval([0.86, 0.87, 0.88]).format() in lines["random"] and "1,2,3" in lines["random"]
    assert "(needs 2 seeds)" in lines["glove_tuned"] and "0.5000 (seed 1)" in lines["glove_tuned"]
    fell = "fell 5 points (0.05) or more below their best epoch: random 0 of 3; glove_frozen 0 of 2; glove_tuned 1 of 1"
    assert fell in out
    assert "epoch by epoch, glove_tuned seed 1: training accuracy 0.720 -> 0.830 -> 0.860; test accuracy 0.820" in out
    assert "no intervals yet" in out  # glove_tuned shares one seed with each other arm


def test_the_comparisons_are_paired_by_seed_and_claim_only_beyond_zero(capsys):
    rng = np.random.default_rng(0)
    base = rng.normal(0.85, 0.02, size=10)
    runs = [made_up_run("random", s + 1, v) for s, v in enumerate(base)]
    runs += [made_up_run("glove_tuned", s + 1, v + 0.02 + rng.normal(0, 0.002)) for s, v in enumerate(base)]
    runs += [made_up_run("glove_frozen", s + 1, v + rng.normal(0, 0.002)) for s, v in enumerate(base)]
    out, _ = run_results_cells(runs, capsys)
    assert "glove_tuned scores higher than random: the 95% interval excludes 0; so does the Bonferroni" in out
    assert "glove_frozen scores lower than glove_tuned" in out
    after = out.split("glove_frozen - random")[1]
    assert after.splitlines()[2].strip() == "no difference shown: the 95% interval includes 0."
    assert "3 comparisons at 95% each" in out and "seeds 1,2,3,4,5,6,7,8,9,10" in out
