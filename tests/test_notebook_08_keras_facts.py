"""What notebook 08 says about loading pretrained vectors into Keras 3, held against the installed Keras: the
``Constant`` docstring it quotes, why ``Constant(matrix)`` makes a saved model's config large, and the ``weights``
argument of ``Embedding``. (The notebook asserts the same in its cells, so the Colab-like check holds them for
Keras 3.13.2 as well.)"""

import inspect
import json
from pathlib import Path

import nbformat
import numpy as np

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "08_word2vec_and_glove.ipynb"
QUOTE = "Only scalar values are allowed"


def notebook_markdown() -> str:
    return "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "markdown")


def test_the_quoted_docstring_is_the_installed_keras():
    import keras

    assert QUOTE in keras.initializers.Constant.__doc__
    assert f'"{QUOTE}"' in notebook_markdown()


def test_constant_keeps_its_value_in_the_config_so_a_matrix_goes_into_config_json():
    import keras

    matrix = np.arange(2000, dtype="float32").reshape(40, 50)
    config = keras.initializers.Constant(matrix).get_config()
    assert len(json.dumps(keras.saving.serialize_keras_object(config))) > matrix.size  # every value, as text
    assert len(json.dumps(keras.initializers.Constant(0.5).get_config())) < 100
    assert "ones(" in inspect.getsource(keras.initializers.Constant.__call__)  # value * ones(shape): any shape goes


def test_embedding_takes_weights_and_keeps_them_out_of_its_config():
    import keras

    matrix = np.arange(12, dtype="float32").reshape(4, 3)
    layer = keras.layers.Embedding(4, 3, weights=[matrix])
    assert np.array_equal(layer.get_weights()[0], matrix)
    assert len(json.dumps(keras.saving.serialize_keras_object(layer.get_config()))) < 2000
