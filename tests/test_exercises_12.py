"""Each exercise of notebook 12 accepts the right answer and rejects plausible wrong ones; the right answers follow
from what Keras keeps (measured here), from a hash's collision rate (measured with Keras' Hashing) and from the
results file the notebook reads."""

import numpy as np
import pytest

from helpers.exercises import is_correct, nb12


def test_12_1_is_the_table_and_adams_two_tables():
    import keras

    model = keras.Sequential([keras.Input((3,), dtype="int32"), keras.layers.Embedding(50_000, 300)])
    model.compile(optimizer="adam", loss="mse")
    model.optimizer.build(model.trainable_variables)
    table = model.layers[0].embeddings
    kept = [v for v in model.optimizer.variables if tuple(v.shape) == tuple(table.shape)]
    assert is_correct("12.1", 50_000 * 300 * 4 * (1 + len(kept)))
    assert not is_correct("12.1", 60_000_000) and not is_correct("12.1", 120_000_000)


def test_12_3_is_the_measured_collision_rate_of_keras_hashing():
    import keras

    words = np.arange(1, 20_001)
    rows = keras.ops.convert_to_numpy(keras.layers.Hashing(10_001, mask_value=0)(words))
    shared = np.bincount(rows)[rows] > 1
    assert abs(shared.mean() - 0.865) < 0.02  # measured, one hash: close to 1 - (1 - 1/10000)**19999
    assert is_correct("12.3", 1 - (1 - 1 / 10_000) ** 19_999) and is_correct("12.3", 0.86)
    assert not is_correct("12.3", 1 - np.exp(-1)) and not is_correct("12.3", 0.5)  # as many words as rows; rows/words


def test_12_2_is_judged_against_the_results_file():
    sizes = nb12.sizes_where_frozen_glove_is_worse()
    assert is_correct("12.2", sizes)
    assert sizes and not is_correct("12.2", sizes[1:])  # a size left out
    assert not is_correct("12.2", sorted({100, 22_500} ^ set(sizes)))  # the ends swapped in or out


def test_12_4_is_judged_against_both_tables():
    from helpers import data_files, size_sweeps

    right = nb12.largest_dimension_within()
    assert is_correct("12.4", right) and is_correct("12.4", float(right))
    means = {d: float(np.mean(v)) for d, v in size_sweeps.group_curve(size_sweeps.load(), "dim")}
    accuracy_only = max(d for d in means if means[d] >= max(means.values()) - 0.006)
    ratios = data_files.read_json("dim_cost_tensorflow_cpu.json")["ratios"]
    assert accuracy_only > right and ratios[f"dim_{accuracy_only}/dim_32"]["mean"] > 2  # the step's cost decides
    assert not is_correct("12.4", accuracy_only) and not is_correct("12.4", min(means))


@pytest.mark.parametrize("question, right, wrong", [("12.1", 180_000_000, 60_000_000), ("12.3", 0.865, 0.632)])
def test_check_accepts_right_and_rejects_wrong(question, right, wrong, accepts_right_rejects_wrong):
    accepts_right_rejects_wrong(question, right, wrong)
