"""experiments/imdb_pretrained.py: its three arms, what differs between them, and what it writes (numbers only)."""

from pathlib import Path

import numpy as np
import pytest
from conftest import import_experiment

EXPERIMENTS = Path(__file__).resolve().parents[1] / "experiments"


@pytest.fixture(scope="module")
def script():
    yield from import_experiment("imdb_pretrained")


def test_the_glove_matrix_puts_each_word_at_rank_plus_three(script):
    from helpers import glove

    vectors = glove.GloveVectors(["the", "film"], [[1.0] * 50, [2.0] * 50], "tiny")
    matrix, found = script.imdb_glove_matrix({"the": 1, "film": 19, "zyxwv": 2}, vectors)
    assert matrix.shape == (5000, 50) and np.flatnonzero(found).tolist() == [4, 22]
    assert (matrix[4] == 1).all() and (matrix[22] == 2).all() and not matrix[5].any()


def test_the_arms(script):
    matrix = np.random.default_rng(0).normal(size=(5000, 50)).astype("float32")
    trainable = {}
    for arm in script.ARMS:
        model = script.build_model(arm, None if arm == "random" else matrix)
        start = model.get_layer("embedding").get_weights()[0]
        assert model.count_params() == 310_501 and model.get_layer("embedding").output.shape[-1] == 50
        assert np.array_equal(start, matrix) == (arm != "random")
        trainable[arm] = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    assert trainable == {"random": 310_501, "glove_frozen": 60_501, "glove_tuned": 310_501}
    assert script.header()["seeds"] == list(range(1, 11)) and script.EPOCHS == 3 and script.BATCH_SIZE == 64


def test_what_differs_between_the_arms_at_one_seed(script):
    """Notebook 08 says: glove_frozen and glove_tuned start the LSTM alike at a seed; the random arm's LSTM start is
    another draw (its Embedding's initializer draws first)."""
    from helpers import set_seed

    matrix = np.random.default_rng(0).normal(size=(5000, 50)).astype("float32")
    lstm = {}
    for arm in script.ARMS:
        set_seed(1)  # as run_arm does
        lstm[arm] = script.build_model(arm, None if arm == "random" else matrix).get_layer("lstm").get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(lstm["glove_frozen"], lstm["glove_tuned"]))
    assert not np.array_equal(lstm["random"][0], lstm["glove_tuned"][0])


def test_the_script_saves_numbers_not_models(script):
    """So Constant(matrix), which would put the matrix into a saved model's config.json, costs its runs nothing."""
    source = Path(script.__file__).read_text()
    assert "Constant(matrix)" in source
    assert ".save(" not in source and "save_model" not in source and "export(" not in source
