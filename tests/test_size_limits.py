"""Helpers refuse what would grind for minutes (a billion-row layer) and check rows and k, in one line."""

import numpy as np
import pytest

from helpers import embedding, embedding_space, pipeline
from helpers.validation import MAX_MATRIX_ELEMENTS, check_matrix_size


def one_line(error) -> str:
    text = str(error.value)
    assert "\n" not in text, text
    return text


def test_a_billion_row_layer_is_refused_before_keras_is_asked():
    with pytest.raises(ValueError) as error:
        embedding.make_embedding(10**9, 3)
    message = one_line(error)
    assert "Embedding(1000000000, 3) would hold 1,000,000,000 x 3 = 3,000,000,000 numbers (12.0 GB" in message
    assert "choose a smaller vocabulary or dimension" in message


def test_the_limit_itself_is_allowed_and_one_more_row_is_not():
    check_matrix_size(MAX_MATRIX_ELEMENTS, 1, "m")
    with pytest.raises(ValueError, match="would hold"):
        check_matrix_size(MAX_MATRIX_ELEMENTS + 1, 1, "m")


def test_the_explorer_reports_an_impossible_layer_as_its_one_line_message():
    with pytest.raises(pipeline.ExplorerError) as error:
        pipeline.compute_views(pipeline.ExplorerSettings(input_dim=10**9))
    assert one_line(error).startswith("Embedding(1000000000, 3) would hold")


def test_one_hot_builds_only_the_rows_it_returns():
    indices = np.array([[0, 3], [99_999, 7]])
    rows = embedding.one_hot(indices, 100_000)  # np.eye(100_000) would need 37 GiB
    assert rows.shape == (2, 2, 100_000) and rows.sum() == 4
    assert rows[1, 0, 99_999] == 1 and rows[0, 1, 3] == 1
    small = np.array([[1, 2, 0]])
    assert np.array_equal(embedding.one_hot(small, 4), np.eye(4, dtype="float32")[small])


def test_one_hot_too_large_is_refused():
    with pytest.raises(ValueError) as error:
        embedding.one_hot(np.zeros(1000, dtype=int), 100_000)
    assert one_line(error).startswith("one_hot of 1,000 tokens would hold 1,000 x 100,000")


@pytest.fixture
def small_space():
    W = np.random.default_rng(0).normal(size=(10, 3))
    word_index = {w: r for r, w in enumerate(["the", "a", "film", "good", "bad", "is", "fun"], start=1)}
    return W, word_index  # rows 4..9 are words (rank + 3); 6 words, so 5 others


def test_k_larger_than_the_other_words_is_refused(small_space):
    W, word_index = small_space
    assert len(embedding_space.nearest_neighbours(W, 4, k=5)) == 5
    with pytest.raises(ValueError) as error:
        embedding_space.nearest_neighbours(W, 4, k=6)
    assert one_line(error) == "k=6 is more than the 5 other words this embedding has; choose k from 1 to 5."
    with pytest.raises(ValueError, match="k=4996 is more than the 5 other words"):
        embedding_space.describe_neighbours("the", W, word_index, k=4996)


@pytest.mark.parametrize("row", [0, 3, 10, -1, 4.0])
def test_a_row_that_is_not_a_word_is_refused(small_space, row):
    W, _ = small_space
    with pytest.raises(ValueError, match=r"row must be a word's row, 4 to 9"):
        embedding_space.nearest_neighbours(W, row, k=2)


@pytest.fixture(scope="module")
def tiny_model():
    import keras

    model = keras.Sequential(
        [
            keras.Input((None,), dtype="int32"),
            keras.layers.Embedding(10, 2),
            keras.layers.GlobalAveragePooling1D(),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    return model


def test_single_word_scores_checks_rows_against_the_model(tiny_model):
    scores = embedding_space.single_word_scores(tiny_model, [4, 9])
    assert scores.shape == (2,) and ((scores > 0) & (scores < 1)).all()
    with pytest.raises(ValueError) as error:
        embedding_space.single_word_scores(tiny_model, [4, 10])
    assert one_line(error).startswith("token index 10 is outside the vocabulary [0, 10)")
    with pytest.raises(ValueError, match="token index -1 is negative"):
        embedding_space.single_word_scores(tiny_model, [-1])
