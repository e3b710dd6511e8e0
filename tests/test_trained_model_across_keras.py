"""Notebook 07's note on the trained model's file, measured: written by Keras 3.15.1, its weights load on Colab's
Keras 3.13.2, the whole saved model does not (``GlorotUniform`` there has no ``input_axes`` argument).

The 3.13.2 side runs in ``.venv-colab/``, which ``make colab-check`` builds and then runs this file
(``tools/colab_like_check.py``, ``CROSS_VERSION_TESTS``); in the main test run, before it exists, that
test is skipped, and under the check (``EMBEDDING_SERIES_NEED_COLAB_VENV=1``) a missing one fails.
"""

import json
import os
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest

from helpers import data_files

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "data" / "imdb_lstm.keras"
COLAB_PYTHON = ROOT / ".venv-colab" / "bin" / "python"
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
@pytest.mark.skipif(
    not COLAB_PYTHON.is_file() and not os.environ.get("EMBEDDING_SERIES_NEED_COLAB_VENV"),
    reason="no .venv-colab yet: make colab-check builds it, then runs this test",
)
def test_colab_keras_loads_the_weights_but_not_the_whole_saved_model():
    assert COLAB_PYTHON.is_file(), f"{COLAB_PYTHON} is missing: run make colab-check"
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run(
        [str(COLAB_PYTHON), "-c", ON_COLAB_KERAS, str(MODEL)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["keras"] == colab_keras_pin() == "3.13.2"
    assert "unexpected keyword argument 'input_axes'" in result["whole"], result["whole"]
    W = data_files.load_trained_model().get_layer("embedding").get_weights()[0]
    assert np.isclose(result["W_sum"], float(W.sum()), rtol=1e-5) and np.allclose(result["W_0"], W[0])
