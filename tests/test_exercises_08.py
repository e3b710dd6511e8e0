"""Each exercise of notebook 08 accepts the right answer and rejects a wrong one; the right answers are computed."""

import numpy as np
import pytest

from helpers import glove, skipgram, training
from helpers.exercises import is_correct
from helpers.exercises.nb08 import TINY_VECTORS, TINY_VOCABULARY


def tiny_matrix():
    vectors = glove.GloveVectors(list(TINY_VECTORS), list(TINY_VECTORS.values()), "TINY_VECTORS")
    matrix, _ = glove.aligned_matrix({word: i for i, word in enumerate(TINY_VOCABULARY)}, vectors, len(TINY_VOCABULARY))
    return matrix


@pytest.mark.parametrize(
    "question, right, wrong",
    [
        ("08.1", 2_000_000, 1_000_000),
        ("08.2", [[0, 0], [0, 0], [1, 2], [3, 4], [0, 0]], [[1, 2], [3, 4]]),
        ("08.3", 2, 0),
        ("08.4", 60_501, 310_501),
        ("08.5", 0.325, 0.693),
    ],
)
def test_check_accepts_right_and_rejects_wrong(question, right, wrong, accepts_right_rejects_wrong):
    accepts_right_rejects_wrong(question, right, wrong)


def test_the_right_answers_are_what_keras_and_the_helpers_give():
    assert is_correct("08.1", skipgram.build_skipgram_model(10_000, 100, 4).count_params())
    assert is_correct("08.2", tiny_matrix())
    frozen = training.build_seed_model(5000, 50, trainable=False)
    assert is_correct("08.4", sum(int(np.prod(w.shape)) for w in frozen.trainable_weights))


def test_the_chance_loss_is_the_cross_entropy_of_always_saying_the_base_rate():
    """08.5's answer, measured: Keras' binary cross-entropy of predicting 0.1 for one real pair in ten."""
    import keras

    labels = np.array([[1.0] + [0.0] * 9] * 4)
    loss = float(keras.ops.convert_to_numpy(keras.losses.binary_crossentropy(labels, np.full_like(labels, 0.1))).mean())
    assert is_correct("08.5", loss) and is_correct("08.5", round(loss, 3)) and abs(loss - 0.325) < 0.0005
