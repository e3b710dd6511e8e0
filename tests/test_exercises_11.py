"""Each exercise of notebook 11 accepts the right answer and rejects plausible wrong ones; the right answers
follow from what Keras does (measured here, as the notebook measures it)."""

import numpy as np
import pytest

from helpers.exercises import is_correct


@pytest.mark.parametrize(
    "question, right, wrong",
    [
        ("11.1", 200, 400),
        ("11.1", 200.0, 209),
        ("11.2", (8, 20, 12, 16), (8, 20, 16)),
        ("11.2", [8, 20, 12, 16], (8, 240, 16)),
        ("11.3", 25_000, 525_000),
        ("11.3", 25_000, 500_000),
        ("11.4", [2, 0], [1, 0]),
        ("11.4", (2, 0), [2, -1]),
    ],
)
def test_check_accepts_right_and_rejects_wrong(question, right, wrong, accepts_right_rejects_wrong):
    accepts_right_rejects_wrong(question, right, wrong)


def test_the_right_answers_are_what_keras_does():
    import keras

    helpers_cities = keras.layers.Embedding(50, 4)
    a, b = keras.Input(shape=(), dtype="int32"), keras.Input(shape=(), dtype="int32")
    model = keras.Model([a, b], keras.layers.Concatenate()([helpers_cities(a), helpers_cities(b)]))
    assert is_correct("11.1", model.count_params())
    out = keras.layers.Embedding(100, 16)(np.zeros((8, 20, 12), dtype="int32"))
    assert is_correct("11.2", tuple(out.shape))
    lookup = keras.layers.IntegerLookup(vocabulary=[1010, 1020, 1030])
    assert is_correct("11.4", keras.ops.convert_to_numpy(lookup(np.array([1020, 9999]))).tolist())
    # 11.3: the notebook's PartlyFrozenEmbedding holds one frozen and one trainable weight; built the same way here
    layer = keras.layers.Layer()
    layer.frozen = layer.add_weight(shape=(10_000, 50), initializer="zeros", trainable=False, name="frozen")
    layer.new = layer.add_weight(shape=(500, 50), initializer="uniform", name="new")
    trained = sum(int(np.prod(w.shape)) for w in layer.trainable_weights)
    assert is_correct("11.3", trained) and not is_correct("11.3", trained + 10_000 * 50)
