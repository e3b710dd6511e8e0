"""Each exercise of notebooks 04 and 05 accepts the right answer and rejects a wrong one."""

import numpy as np
import pytest

from helpers.exercises import is_correct


@pytest.mark.parametrize(
    "question, right, wrong",
    [
        ("04.1", [[False, False, True, True]], [[True, True, True, True]]),
        ("04.2", 5000, 5001),  # indices are below num_words=5000; 5001 gives each a row too, but is not the smallest
        ("04.3", False, True),
        ("05.1", [4, 7], [4, 4, 7]),
        ("05.2", [1, 2], [2]),
        ("05.3", 34, 32),
    ],
)
def test_check_accepts_right_and_rejects_wrong(question, right, wrong, accepts_right_rejects_wrong):
    accepts_right_rejects_wrong(question, right, wrong)


def test_04_1_accepts_the_keras_mask_itself():
    import keras

    layer = keras.layers.Embedding(10, 3, mask_zero=True)
    mask = keras.ops.convert_to_numpy(layer.compute_mask(np.array([[0, 0, 7, 3]])))
    assert is_correct("04.1", mask)


@pytest.mark.parametrize(
    "question, wrong",
    [
        ("04.1", [[0, 0, 1, 1]]),  # integers, not booleans
        ("04.1", np.array([[0.0, 0.0, 1.0, 1.0]])),
        ("04.1", [False, False, True, True]),  # the batch's nesting lost
        ("04.1", [[[False, False, True, True]]]),
        ("04.1", [[False, False, True, True, False]]),  # a position too many
        ("04.1", [[False, False, True]]),
        ("04.1", [[True, True, False, False]]),  # the mask inverted
        ("04.1", None),
        ("04.1", "[[False, False, True, True]]"),
        ("04.1", True),
        ("04.2", 5001),  # every index has a row, but not the smallest such input_dim
        ("04.2", 5004),
        ("04.2", 4999),  # the largest index itself: one row short
        ("04.2", 5000.0),  # a float is no input_dim (Keras 3.15 refuses it)
        ("04.2", np.float64(5000)),
        ("04.2", "5000"),
        ("04.2", [5000]),
        ("04.2", np.array([5000])),
        ("04.2", None),
        ("04.2", True),
        ("04.3", True),
        ("04.3", 0),  # a number, not a bool
        ("04.3", 0.0),
        ("04.3", None),
        ("04.3", "False"),
        ("04.3", [False]),
        ("04.3", np.array([False])),
    ],
)
def test_04_judges_reject_wrong_and_malformed_answers(question, wrong):
    assert is_correct(question, wrong) is False


@pytest.mark.parametrize(
    "question, right",
    [
        ("04.1", np.array([[False, False, True, True]])),
        ("04.1", ((False, False, True, True),)),
        ("04.2", np.int64(5000)),
        ("04.3", np.False_),
    ],
)
def test_04_judges_accept_the_right_answer_in_numpy_types(question, right):
    assert is_correct(question, right) is True


def test_04_2_is_the_smallest_input_dim_that_gives_every_imdb_index_a_row():
    num_words = 5000  # the seed's top_words: IMDB's indices are 0 .. num_words - 1
    smallest = next(input_dim for input_dim in range(1, 10_000) if all(i < input_dim for i in range(num_words)))
    assert smallest == 5000 and is_correct("04.2", smallest) and not is_correct("04.2", smallest + 1)


def test_04_3_is_what_keras_says():
    import importlib

    tf_rnn = importlib.import_module("keras.src.backend.tensorflow.rnn")
    mask = np.array([[3, 0, 5, 0]]) != 0
    answer = bool(tf_rnn._is_sequence_right_padded(mask)) and not bool(tf_rnn._has_fully_masked_sequence(mask))
    assert is_correct("04.3", answer)


def test_05_answers_are_what_keras_does():
    import keras

    from helpers import learning

    layer = keras.layers.Embedding(10, 3)
    layer.build((None,))
    before, after = learning.embedding_steps(layer, [[[4, 4, 7]]], keras.optimizers.SGD(0.1))
    assert is_correct("05.1", learning.changed_rows(before, after))
    layer = keras.layers.Embedding(10, 3)
    layer.build((None,))
    snaps = learning.embedding_steps(layer, [[[1]], [[2]]], keras.optimizers.Adam(0.1))
    assert is_correct("05.2", learning.changed_rows(snaps[1], snaps[2]))


def test_05_3_matches_the_toy_model():
    from helpers import learning, text

    index = text.build_word_index([review for review, _ in learning.TOY_REVIEWS])
    model = learning.build_toy_model(len(index))
    assert is_correct("05.3", model.get_layer("embedding").count_params())
