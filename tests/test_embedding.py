"""An Embedding layer is a row lookup: W[indices], the same as one_hot(indices) @ W; sizes and errors are checked."""

import numpy as np
import pytest

from helpers import embedding

PADDED = np.array([[0, 0, 1, 2, 3, 4], [0, 1, 2, 5, 3, 4]])


@pytest.fixture(scope="module")
def layer():
    return embedding.make_embedding(10, 3, mask_zero=True, seed=42)


def test_make_embedding_builds_a_seeded_layer_of_the_asked_size(layer):
    W = embedding.weight_matrix(layer)
    assert W.shape == (10, 3) and W.dtype == np.float32
    assert layer.mask_zero is True
    assert np.abs(W).max() <= embedding.DEFAULT_INIT_RANGE
    again = embedding.weight_matrix(embedding.make_embedding(10, 3, seed=42))
    assert np.array_equal(W, again)  # same seed, same weights
    other = embedding.weight_matrix(embedding.make_embedding(10, 3, seed=7))
    assert not np.array_equal(W, other)


def test_layer_output_is_the_rows_of_its_weight_matrix(layer):
    W = embedding.weight_matrix(layer)
    out = embedding.embed(layer, PADDED)
    assert out.shape == (2, 6, 3)
    assert np.array_equal(out, embedding.lookup_rows(W, PADDED))
    assert np.array_equal(out, W[PADDED])
    assert np.allclose(embedding.one_hot_matmul(W, PADDED), out)


def test_one_hot_matmul_matches_keras_one_hot(layer):
    import keras

    W = embedding.weight_matrix(layer)
    keras_version = np.asarray(keras.ops.matmul(keras.ops.one_hot(PADDED, 10), W))
    assert np.allclose(embedding.one_hot_matmul(W, PADDED), keras_version)
    assert np.array_equal(embedding.one_hot([0, 2], 3), [[1, 0, 0], [0, 0, 1]])


def test_parameter_count_matches_keras():
    assert embedding.parameter_count(10, 3) == 30 == embedding.make_embedding(10, 3).count_params()
    assert embedding.parameter_count(5000, 32) == 160_000


def test_index_past_the_vocabulary_gets_one_line(layer):
    with pytest.raises(
        ValueError,
        match=r"^token index 10 is outside the vocabulary \[0, 10\) of input_dim=10; raise input_dim to at least 11",
    ):
        embedding.embed(layer, [[1, 10]])
    with pytest.raises(ValueError, match=r"token index 12 is outside"):
        embedding.lookup_rows(np.zeros((10, 3)), [12])
    with pytest.raises(ValueError, match=r"token index -1 is negative"):
        embedding.one_hot_matmul(np.zeros((10, 3)), [-1])


@pytest.mark.parametrize(
    "args, error, message",
    [
        ((0, 3), ValueError, "vocab_size must be at least 1, got 0"),
        ((10, -2), ValueError, "embedding_dim must be at least 1, got -2"),
        ((10.0, 3), TypeError, "vocab_size must be a whole number"),
    ],
)
def test_bad_dimensions_are_explained(args, error, message):
    with pytest.raises(error, match=message):
        embedding.make_embedding(*args)
    with pytest.raises(error, match=message):
        embedding.parameter_count(*args)


def test_bad_weights_and_layers_are_explained():
    with pytest.raises(
        ValueError, match=r"weights must be a 2-D matrix \(vocab_size, embedding_dim\), got shape \(3,\)"
    ):
        embedding.lookup_rows(np.zeros(3), [0])
    with pytest.raises(ValueError, match="at least one row and one column"):
        embedding.lookup_rows(np.zeros((0, 3)), [0])
    with pytest.raises(TypeError, match="weights must hold real numbers"):
        embedding.lookup_rows(np.array([["a"]]), [0])
    with pytest.raises(TypeError, match="expected a built keras.layers.Embedding, got list"):
        embedding.weight_matrix([1, 2])
    with pytest.raises(TypeError, match="expected a keras.layers.Embedding, got str"):
        embedding.embed("layer", [0])
