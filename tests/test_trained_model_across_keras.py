"""Notebook 07's note on the trained model's file, measured: written by Keras 3.15.1, its weights load on Colab's
Keras 3.13.2, the whole saved model does not (``GlorotUniform`` there has no ``input_axes`` argument).

The 3.13.2 side runs in ``.venv-colab/``, which ``make colab-check`` builds and then runs this file
(``tools/colab_like_check.py``, ``CROSS_VERSION_TESTS``); in the main test run, before it exists, that
test is skipped, and under the check (``EMBEDDING_SERIES_NEED_COLAB_VENV=1``) a missing one fails.
"""

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from colab_venv import needs_colab_venv, run_on_colab_keras

from helpers import data_files

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "data" / "imdb_lstm.keras"
COLAB_VERSIONS = ROOT / "tests" / "colab" / "versions.txt"

# Runs in .venv-colab, without the helpers: the same layers as helpers.training.build_seed_model.
ON_COLAB_KERAS = """
import json, sys
import keras
path = sys.argv[1]
try:
    keras.saving.load_model(path)
    whole = "loaded"
except Exception as error:
    whole = f"{type(error).__name__}: {error}"
model = keras.Sequential([
    keras.Input(shape=(None,)),
    keras.layers.Embedding(5000, 32, name="embedding"),
    keras.layers.LSTM(100, name="lstm"),
    keras.layers.Dense(1, activation="sigmoid", name="dense"),
])
model.load_weights(path)
W = model.get_layer("embedding").get_weights()[0]
print(json.dumps({"keras": keras.__version__, "whole": whole[-400:], "W_sum": float(W.sum()), "W_0": W[0].tolist()}))
"""

pytestmark = pytest.mark.skipif(not MODEL.is_file(), reason="data/imdb_lstm.keras is not in this checkout")


def colab_keras_pin() -> str:
    line = next(line for line in COLAB_VERSIONS.read_text().splitlines() if line.startswith("keras=="))
    return line.split("==")[1].strip()


def test_the_file_was_written_by_the_pinned_keras():
    with zipfile.ZipFile(MODEL) as archive:
        metadata = json.loads(archive.read("metadata.json"))
    assert metadata["keras_version"] == "3.15.1"


@pytest.mark.slow
@needs_colab_venv
def test_colab_keras_loads_the_weights_but_not_the_whole_saved_model():
    result = run_on_colab_keras(ON_COLAB_KERAS, str(MODEL))
    assert result["keras"] == colab_keras_pin() == "3.13.2"
    assert "unexpected keyword argument 'input_axes'" in result["whole"], result["whole"]
    W = data_files.load_trained_model().get_layer("embedding").get_weights()[0]
    assert np.isclose(result["W_sum"], float(W.sum()), rtol=1e-5) and np.allclose(result["W_0"], W[0])
