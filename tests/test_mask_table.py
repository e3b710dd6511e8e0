"""Notebook 10's mask table stays true: ``helpers.mask_table`` measured on the installed Keras gives exactly the
table below, and, when ``.venv-colab/`` is there (``make colab-check`` builds it), the same on Colab's Keras 3.13.2.

The table was measured identical on Keras 3.13.2 and 3.15.1 (TensorFlow, and on 3.15.1 also JAX and PyTorch).
What differs between those versions in these layers' source is how a mask is applied, not which layers apply
it; the one consequence a learner can see, an ``inf`` at a padded position in ``GlobalAveragePooling1D``, is
pinned per version below.
"""

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from colab_venv import needs_colab_venv, run_on_colab_keras

from helpers import mask_table

ROOT = Path(__file__).resolve().parents[1]

# layer: (output shape, supports_masking, uses the mask, output mask, warns, padding reaches output)
EXPECTED = {
    "Flatten()": ((2, 18), False, False, "none", True, True),
    "Dense(4)": ((2, 6, 4), True, False, "passed on", False, False),
    "TimeDistributed(Dense(4))": ((2, 6, 4), True, False, "passed on", False, False),
    "Dropout(0.5)": ((2, 6, 3), True, False, "passed on", False, False),
    "SpatialDropout1D(0.5)": ((2, 6, 3), True, False, "passed on", False, False),
    "LayerNormalization()": ((2, 6, 3), True, False, "passed on", False, False),
    "BatchNormalization()": ((2, 6, 3), True, False, "passed on", False, False),
    "BatchNormalization(), training=True": ((2, 6, 3), True, True, "passed on", False, False),
    'Activation("relu")': ((2, 6, 3), True, False, "passed on", False, False),
    "Lambda(lambda x: 2 * x)": ((2, 6, 3), False, False, "none", True, True),
    "Reshape((6, 3, 1))": ((2, 6, 3, 1), False, False, "none", True, True),
    "ZeroPadding1D(1)": ((2, 8, 3), False, False, "none", True, True),
    "Conv1D(4, 3)": ((2, 4, 4), False, False, "none", True, True),
    'Conv1D(4, 3, padding="same")': ((2, 6, 4), False, False, "none", True, True),
    "MaxPooling1D(2)": ((2, 3, 3), False, False, "none", True, True),
    "AveragePooling1D(2)": ((2, 3, 3), False, False, "none", True, True),
    "GlobalMaxPooling1D()": ((2, 3), False, False, "none", True, True),
    "GlobalAveragePooling1D()": ((2, 3), True, True, "none", False, False),
    "SimpleRNN(4)": ((2, 4), True, True, "none", False, False),
    "LSTM(4)": ((2, 4), True, True, "none", False, False),
    "GRU(4)": ((2, 4), True, True, "none", False, False),
    "LSTM(4, return_sequences=True)": ((2, 6, 4), True, True, "passed on", False, False),
    "Bidirectional(LSTM(4))": ((2, 8), True, True, "none", False, False),
    "MultiHeadAttention(2, 2)": ((2, 6, 3), True, True, "passed on", False, False),
    "Attention()": ((2, 6, 3), True, True, "passed on", False, False),
    "Add()": ((2, 6, 3), True, False, "passed on", False, False),
    "Add(), second input unmasked": ((2, 6, 3), True, False, "none", False, True),
    "Multiply()": ((2, 6, 3), True, True, "passed on", False, False),
    "Concatenate()": ((2, 6, 6), True, False, "passed on", False, False),
    "Concatenate(), second input unmasked": ((2, 6, 6), True, False, "all True", False, True),
}

#: Keras versions whose table was measured (both equal to EXPECTED); the package admits keras>=3.13.
MEASURED_VERSIONS = ("3.13.2", "3.15.1")


def as_tuples(rows) -> dict:
    return {
        row.layer: (
            tuple(row.output_shape),
            row.supports_masking,
            row.uses_mask,
            row.output_mask,
            row.warns,
            row.padding_reaches_output,
        )
        for row in rows
    }


@pytest.fixture(scope="module")
def table():
    return mask_table.mask_table()


def test_the_installed_keras_gives_the_expected_table(table):
    import keras

    assert keras.__version__ in MEASURED_VERSIONS, f"Keras {keras.__version__}: measure the table and add it here"
    assert as_tuples(table) == EXPECTED


def test_the_table_lists_every_layer_the_notebook_names(table):
    assert [row.layer for row in table] == list(EXPECTED)


def test_every_layer_that_drops_the_mask_warns_and_lets_the_padding_through(table):
    for row in table:
        if not row.supports_masking:
            assert row.warns and row.output_mask == "none" and row.padding_reaches_output, row
        else:
            assert not row.warns, row


def test_format_table_has_a_header_and_one_line_per_layer(table):
    lines = mask_table.format_table(table).splitlines()
    assert lines[0].split() == [
        "layer",
        "output",
        "shape",
        "supports_masking",
        "uses",
        "the",
        "mask",
        "output",
        "mask",
        "warns",
        "padding",
        "reaches",
        "output",
    ]
    assert len(lines) == 1 + len(EXPECTED)
    flatten = lines[1].split()
    assert flatten == ["Flatten()", "(2,", "18)", "False", "no", "none", "yes", "yes"]


def test_a_layer_spec_of_ones_own_is_measured_too():
    """The notebook adds its Transformer block's row the same way; here a layer that passes its mask on."""
    import keras

    class PassesMaskOn(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.supports_masking = True

        def call(self, x):
            return 2 * x

    row = mask_table.measure(mask_table.LayerSpec("PassesMaskOn", PassesMaskOn))
    assert as_tuples([row])["PassesMaskOn"] == ((2, 6, 3), True, False, "passed on", False, False)


def test_keras_mask_reads_the_embeddings_mask_on_this_backend():
    outputs, mask = mask_table.embeddings()
    assert np.array_equal(mask, np.asarray(mask_table.BATCH) != 0)
    assert np.array_equal(mask_table.keras_mask(outputs["masked"]), mask)
    assert mask_table.keras_mask(outputs["unmasked"]) is None
    assert np.array_equal(mask_table.keras_mask(outputs["padding changed"]), mask)


def test_global_average_pooling_with_inf_at_a_padded_position_per_version():
    """3.13.2 multiplies by the mask (``inputs *= mask``: 0 * inf = nan); from 3.15.0 it selects (``ops.where``).

    Keras 3.14.0's global_average_pooling1d.py still multiplies (read from its wheel).
    """
    import keras

    outputs, mask = mask_table.embeddings()
    x = keras.ops.convert_to_numpy(outputs["unmasked"]).copy()
    x[~mask] = np.inf
    pooled = keras.ops.convert_to_numpy(keras.layers.GlobalAveragePooling1D()(x, mask=mask))
    version = tuple(int(part) for part in keras.__version__.split(".")[:2])
    if version >= (3, 15):
        real = np.where(mask[..., None], x, 0).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        assert np.allclose(pooled, real, atol=1e-7)
    else:
        assert np.isnan(pooled).all()


# Runs in .venv-colab, which has Keras but not (before the check installs them) the helpers' other
# dependencies: helpers/mask_table.py is loaded from its file, alone.
ON_COLAB_KERAS = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("mask_table", sys.argv[1])
mask_table = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mask_table)
import keras
rows = mask_table.mask_table()
print(json.dumps({"keras": keras.__version__, "rows": [
    [r.layer, list(r.output_shape), r.supports_masking, r.uses_mask, r.output_mask, r.warns,
     r.padding_reaches_output] for r in rows]}))
"""


@pytest.mark.slow
@needs_colab_venv
def test_colab_keras_gives_the_same_table():
    assert importlib.util.find_spec("helpers.mask_table") is not None
    result = run_on_colab_keras(ON_COLAB_KERAS, str(ROOT / "helpers" / "mask_table.py"))
    assert result["keras"] == "3.13.2"
    measured = {name: (tuple(shape), *rest) for name, shape, *rest in result["rows"]}
    assert measured == EXPECTED
