"""Each exercise of notebook 10 accepts the right answer and rejects plausible wrong ones; the right answers
follow from what Keras does (measured here, as the notebook measures it)."""

import warnings

import numpy as np
import pytest

from helpers.exercises import is_correct


@pytest.mark.parametrize(
    "question, right, wrong",
    [
        ("10.1", (2, 6, 8), (2, 8)),
        ("10.1", [2, 6, 8], (2, 6, 3)),
        ("10.2", {"b", "c"}, {"b"}),
        ("10.2", "bc", "abc"),
        ("10.2", ["B", "C"], ["b", "c", "e"]),
        ("10.3", [0.5, -0.4], [0.3, -0.6]),
        ("10.4", (0.7, 0.82), (0.82, 0.7)),
    ],
)
def test_check_accepts_right_and_rejects_wrong(question, right, wrong, accepts_right_rejects_wrong):
    accepts_right_rejects_wrong(question, right, wrong)


@pytest.mark.parametrize(
    "question, wrong",
    [
        ("10.1", (2, 48)),  # flattened
        ("10.1", (6, 8)),  # the batch axis lost
        ("10.1", (2, 6, 8, 1)),
        ("10.1", (2.0, 6.0, 8.0)),  # floats are no shape
        ("10.1", (True, 6, 8)),
        ("10.1", "(2, 6, 8)"),
        ("10.1", np.array([2, 6, 8])),  # asked for a tuple
        ("10.1", None),
        ("10.2", "b"),  # GlobalMaxPooling1D alone: Conv1D's windows also cover padding
        ("10.2", "c"),
        ("10.2", "a"),
        ("10.2", "bcd"),  # the LSTM skips masked steps
        ("10.2", "bce"),  # attention gives padded keys weight 0
        ("10.2", "bbc"),  # a letter twice
        ("10.2", ["b", "c", "c"]),
        ("10.2", ["b", 3]),
        ("10.2", ""),
        ("10.2", None),
        ("10.3", [0.6, -0.3]),  # half and half, as if 3 of 6 were padding
        ("10.3", [0.9, 0.0]),  # the padding row itself
        ("10.3", [0.45, -0.45]),
        ("10.3", [0.5]),
        ("10.3", [0.5, -0.4, 0.0]),
        ("10.3", [[0.5, -0.4]]),  # the nesting of a batch, not asked for
        ("10.3", "0.5, -0.4"),
        ("10.3", [True, -0.4]),
        ("10.3", None),
        ("10.4", (0.7, 0.7)),  # as if the padding were excluded either way
        ("10.4", (0.42, 0.82)),  # 420 of all 1,000 steps
        ("10.4", (0.7, 0.4)),
        ("10.4", (0.7, 0.82, 1.0)),
        ("10.4", 0.82),
        ("10.4", "0.7, 0.82"),
        ("10.4", None),
    ],
)
def test_10_judges_reject_wrong_and_malformed_answers(question, wrong):
    assert is_correct(question, wrong) is False


@pytest.mark.parametrize(
    "question, right",
    [
        ("10.1", (np.int64(2), np.int64(6), np.int64(8))),
        ("10.2", "b, c"),
        ("10.2", ("c", "b")),
        ("10.3", np.array([0.5, -0.4])),
        ("10.3", (0.5, -0.4 + 1e-9)),
        ("10.4", [7 / 10, 820 / 1000]),
        ("10.4", np.array([0.7, 0.82])),
    ],
)
def test_10_judges_accept_the_right_answer_in_other_forms(question, right):
    assert is_correct(question, right) is True


def test_10_1_is_what_dense_outputs():
    import keras

    output = keras.layers.Dense(8)(np.zeros((2, 6, 3), dtype="float32"))
    assert is_correct("10.1", tuple(int(d) for d in output.shape))


def test_10_2_is_what_keras_does_when_only_the_padding_row_changes():
    import keras

    from helpers import mask_table

    batch = np.array([[0, 0, 7, 3]])
    outputs, _ = mask_table.embeddings(batch)
    options = {
        "a": lambda: keras.layers.GlobalAveragePooling1D(),
        "b": lambda: keras.layers.GlobalMaxPooling1D(),
        "c": lambda: keras.layers.Conv1D(4, 2),
        "d": lambda: keras.layers.LSTM(4),
        "e": None,  # self-attention, then the masked average
    }
    changed = set()
    for letter, make in options.items():
        if letter == "e":
            attention, average = keras.layers.MultiHeadAttention(2, 2), keras.layers.GlobalAveragePooling1D()

            def layer(x, attention=attention, average=average):
                return average(attention(x, x))
        else:
            layer = make()
        fresh, _ = mask_table.embeddings(batch)  # each option gets outputs that still carry their masks
        with warnings.catch_warnings():  # GlobalMaxPooling1D and Conv1D warn that they drop the mask
            warnings.simplefilter("ignore")
            before = keras.ops.convert_to_numpy(layer(fresh["masked"]))
            after = keras.ops.convert_to_numpy(layer(fresh["padding changed"]))
        if np.abs(before - after).max() > mask_table.TOLERANCE:
            changed.add(letter)
    assert outputs["masked"].shape == (1, 4, 3)
    assert is_correct("10.2", changed), changed


def test_10_3_is_what_global_average_pooling_outputs_without_the_mask():
    import keras

    real = np.array([[0.1, -0.2], [0.5, -1.0], [0.3, -0.6], [0.3, -0.6]])  # mean [0.3, -0.6]
    padding = np.array([0.9, 0.0])
    sentence = np.vstack([padding, padding, real])[None].astype("float32")
    mask = np.array([[False, False, True, True, True, True]])
    average = keras.layers.GlobalAveragePooling1D()
    masked = keras.ops.convert_to_numpy(average(sentence, mask=mask))[0]
    unmasked = keras.ops.convert_to_numpy(average(sentence))[0]
    assert np.allclose(masked, [0.3, -0.6], atol=1e-6)
    assert is_correct("10.3", unmasked.tolist()) and not is_correct("10.3", masked.tolist())


def test_10_4_is_the_accuracy_keras_reports():
    import keras

    real = np.array([True] * 600 + [False] * 400)
    right = np.array([True] * 420 + [False] * 180 + [True] * 400)
    y_true = np.where(right, 1, 0).reshape(1, -1)
    y_pred = np.stack([np.zeros(1000), np.ones(1000)], axis=-1)[None].astype("float32")  # always class 1
    with_mask = keras.metrics.SparseCategoricalAccuracy()
    with_mask.update_state(y_true, y_pred, sample_weight=real.reshape(1, -1).astype("float32"))
    without = keras.metrics.SparseCategoricalAccuracy()
    without.update_state(y_true, y_pred)
    answer = (float(with_mask.result()), float(without.result()))
    assert is_correct("10.4", answer), answer
