"""experiments/imdb_size.py (issue 18's sweeps): its arms, the vocabulary cut, the repeated small sets, one real run."""

import json

import numpy as np
import pytest
from conftest import import_experiment


@pytest.fixture(scope="module")
def script():
    yield from import_experiment("imdb_size")


def test_every_arm_says_what_it_changes_and_nothing_else(script):
    assert len(script.ARMS) == len(script.DIMS) + len(script.VOCABS) + len(script.SIZES) * len(script.STARTS) == 42
    assert script.arm_settings("dim_8") == {
        "num_words": 5000,
        "embedding_dim": 8,
        "train_size": None,
        "start": "random",
    }
    assert (
        script.arm_settings("vocab_250")["num_words"] == 250 and script.arm_settings("vocab_250")["embedding_dim"] == 32
    )
    assert script.arm_settings("data_100_glove_frozen") == {
        "num_words": 5000,
        "embedding_dim": 50,
        "train_size": 100,
        "start": "glove_frozen",
    }
    assert script.SEEDS == (1, 2, 3, 4, 5) and script.header()["seeds"] == [1, 2, 3, 4, 5]


def test_the_vocabulary_is_cut_as_keras_load_data_cuts_it(script):
    reviews = [[1, 14, 22, 4999, 5000, 88587], [], [1, 2]]
    cut = script.cut_vocabulary(reviews, 5000)
    assert [list(r) for r in cut] == [[1, 14, 22, 4999, 2, 2], [], [1, 2]]
    assert script.oov_share(cut) == pytest.approx(3 / 6)  # start tokens left out: 2 of 5 words, and the 2 of [1, 2]
    assert script.ALL_WORDS == 88_588  # rows 0..88,587: every word of the index


def test_a_small_training_set_is_repeated_to_a_full_epoch(script):
    x, y = np.arange(100), np.arange(100) % 2
    xr, yr = script.repeated(x, y, 22_464, seed=1)
    assert len(xr) == 22_464 and np.array_equal(yr, xr % 2)
    counts = np.bincount(xr, minlength=100)
    assert counts.min() >= 224 and counts.max() <= 225  # whole copies, then a part


def test_the_glove_arms_start_from_the_matrix_and_only_the_frozen_one_is_fixed(script):
    matrix = np.random.default_rng(0).normal(size=(5000, 50)).astype("float32")
    for start, trainable in (("glove_frozen", False), ("glove_tuned", True)):
        model = script.build_model({**script.arm_settings(f"data_100_{start}")}, matrix)
        table = model.get_layer("embedding")
        assert np.array_equal(table.get_weights()[0], matrix) and table.trainable == trainable
    random = script.build_model(script.arm_settings("data_100_random"), None).get_layer("embedding")
    assert not np.array_equal(random.get_weights()[0], matrix) and random.trainable


def test_a_quick_run_writes_one_complete_record(script, tmp_path, monkeypatch):
    from helpers import imdb

    rng = np.random.default_rng(0)
    fake = [list(rng.integers(3, 6000, size=rng.integers(5, 40))) for _ in range(600)]
    labels = rng.integers(0, 2, size=600)
    monkeypatch.setattr(imdb, "load_imdb", lambda **kwargs: ((fake, labels), (fake, labels)))
    monkeypatch.setattr(imdb, "imdb_source", lambda *args, **kwargs: "made-up reviews")
    results = tmp_path / "size.json"
    assert script.main(["--quick", "--arms", "dim_2", "vocab_250", "--seeds", "1", "--results", str(results)]) == 0
    runs = json.loads(results.read_text())["runs"]
    assert [(r["arm"], r["seed"]) for r in runs] == [("dim_2", 1), ("vocab_250", 1)]
    dim, vocab = runs
    assert dim["table_weights"] == 5000 * 2 and vocab["table_weights"] == 250 * 32 and vocab["oov_share"] > 0.9
    assert all(r["quick"] and 0 <= r["test_accuracy"] <= 1 and r["machine"]["cpu"] for r in runs)
