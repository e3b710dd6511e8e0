"""Notebook 04's `arguments_allow_cudnn` says what Keras itself decides about trying cuDNN.

The notebook writes the argument conditions of the cuDNN path as one function (`use_cudnn`, `recurrent_dropout`,
the activations, `unroll`, `use_bias`). Keras' own decision is read the way notebook 04 forces the GPU path on a
CPU: in a fresh TensorFlow process, `_is_gpu_available` answers True and `CudnnRNNV3` is a stand-in that records
that it ran; an LSTM took the cuDNN path exactly when the stand-in ran. The two must agree on all 64 combinations.
"""

import ast
import itertools
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = {
    "activation": ["tanh", "relu"],
    "recurrent_activation": ["sigmoid", "hard_sigmoid"],
    "unroll": [False, True],
    "use_bias": [True, False],
    "recurrent_dropout": [0.0, 0.2],
    "use_cudnn": ["auto", False],
}


def notebook_function_source(notebook: str, name: str) -> str:
    """The source of the function ``name`` defined in one of the notebook's code cells (only the def itself)."""
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or f"def {name}(" not in source:
            continue
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                return ast.get_source_segment(source, node)
    raise AssertionError(f"{notebook} defines no function {name}()")


def keras_decisions(rule_source, settings):
    """In a TensorFlow process with a GPU pretended: per setting, (did Keras run the cuDNN op, the notebook's rule)."""
    import importlib

    import keras
    import numpy as np
    import tensorflow as tf

    tf_rnn = importlib.import_module("keras.src.backend.tensorflow.rnn")
    tf_rnn._is_gpu_available = lambda: True
    ran = []

    def cudnn_stand_in(input, input_h, input_c, params, **attributes):
        ran.append(True)
        outputs = tf.zeros(tf.concat([tf.shape(input)[:-1], tf.shape(input_h)[-1:]], 0))
        return outputs, input_h, input_c, None, None

    tf.raw_ops.CudnnRNNV3 = cudnn_stand_in
    namespace = {"keras": keras}
    exec(rule_source, namespace)
    rule = next(value for key, value in namespace.items() if key != "keras" and callable(value))
    x = np.random.default_rng(0).normal(size=(2, 5, 3)).astype("float32")
    answers = []
    for setting in settings:
        lstm = keras.layers.LSTM(4, **setting)
        ran.clear()
        lstm(x, training=True)
        answers.append((bool(ran), bool(rule(lstm))))
    return answers


@pytest.mark.slow
def test_notebook_04s_cudnn_argument_rule_is_what_keras_decides():
    from helpers import backends

    settings = [dict(zip(SETTINGS, values)) for values in itertools.product(*SETTINGS.values())]
    rule_source = notebook_function_source("04_masking.ipynb", "arguments_allow_cudnn")
    answers = backends.run_in_backend("tensorflow", keras_decisions, rule_source, settings, cpu_only=True).value
    assert len(answers) == len(settings) == 64
    disagreements = [setting for setting, (keras_ran, rule) in zip(settings, answers) if keras_ran != rule]
    assert not disagreements, f"notebook 04's rule and Keras disagree on {disagreements}"
    took_cudnn = [setting for setting, (keras_ran, _) in zip(settings, answers) if keras_ran]
    assert took_cudnn == [dict(zip(SETTINGS, ("tanh", "sigmoid", False, True, 0.0, "auto")))]  # exactly one setting
