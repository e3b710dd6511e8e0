"""Each exercise of notebooks 04 and 05 accepts the right answer and rejects a wrong one."""

import numpy as np
import pytest

from helpers.exercises import is_correct


@pytest.mark.parametrize(
    "question, right, wrong",
    [
        ("04.1", [[False, False, True, True]], [[True, True, True, True]]),
        ("04.2", 5000, 5001),  # num_words=5000 gives indices below 5000: no extra row (5001 was the old off-by-one)
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


def test_04_3_is_what_keras_says():
    import importlib

    tf_rnn = importlib.import_module("keras.src.backend.tensorflow.rnn")
    answer = bool(tf_rnn._is_sequence_right_padded(np.array([[3, 0, 5, 0]]) != 0))
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
