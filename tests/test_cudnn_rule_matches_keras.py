"""Notebook 04's claims about when Keras takes the cuDNN path, held to what Keras itself decides.

The notebook writes the argument conditions of the cuDNN path as one function (`use_cudnn`, `recurrent_dropout`,
the activations, `unroll`, `use_bias`). Keras' own decision is read the way notebook 04 forces the GPU path on a
CPU: in a fresh TensorFlow process, `_is_gpu_available` answers True and `CudnnRNNV3` is a stand-in that records
that it ran; an LSTM took the cuDNN path exactly when the stand-in ran. The two must agree on all 144 combinations
(the activations as strings and as `keras.ops` functions); `tf.tanh`, which Keras also accepts, is the one form the
notebook's function leaves out, and the test says so.

Notebook 04 also forces PyTorch's cuDNN path on a CPU (`forced_torch_path`) and writes down what it runs under
Keras 3.13.2 (Colab's) and 3.15.1 (the pin). The notebook checks the installed version's line; the test here runs
the notebook's own function under both versions, 3.13.2 from its wheel with this environment's PyTorch, and checks
both lines.
"""

import ast
import importlib.util
import itertools
import json
from pathlib import Path

import pytest
from test_quoted_keras_source import keras_tree_of_version

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = {
    "activation": ["tanh", "relu", "keras.ops.tanh"],
    "recurrent_activation": ["sigmoid", "hard_sigmoid", "keras.ops.sigmoid"],
    "unroll": [False, True],
    "use_bias": [True, False],
    "recurrent_dropout": [0.0, 0.2],
    "use_cudnn": ["auto", False],
}
#: An activation Keras' TensorFlow cudnn_ok accepts and notebook 04's function, backend-independent, does not.
BACKEND_OWN = {"activation": "tf.tanh"}


def notebook_cells(notebook: str) -> list[str]:
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


def notebook_function_source(notebook: str, name: str) -> str:
    """The source of the function ``name`` defined in one of the notebook's code cells (only the def itself)."""
    for source in notebook_cells(notebook):
        if f"def {name}(" not in source:
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
    functions = {
        "keras.ops.tanh": keras.ops.tanh,
        "keras.ops.sigmoid": keras.ops.sigmoid,
        "tf.tanh": tf.tanh,
    }
    x = np.random.default_rng(0).normal(size=(2, 5, 3)).astype("float32")
    answers = []
    for setting in settings:
        lstm = keras.layers.LSTM(4, **{key: functions.get(value, value) for key, value in setting.items()})
        ran.clear()
        lstm(x, training=True)
        answers.append((bool(ran), bool(rule(lstm))))
    return answers


@pytest.mark.slow
def test_notebook_04s_cudnn_argument_rule_is_what_keras_decides():
    from helpers import backends

    settings = [dict(zip(SETTINGS, values)) for values in itertools.product(*SETTINGS.values())]
    rule_source = notebook_function_source("04_masking.ipynb", "arguments_allow_cudnn")
    answers = backends.run_in_backend(
        "tensorflow", keras_decisions, rule_source, [*settings, BACKEND_OWN], cpu_only=True
    ).value
    answers, backend_own = answers[:-1], answers[-1]
    assert len(answers) == len(settings) == 144
    disagreements = [setting for setting, (keras_ran, rule) in zip(settings, answers) if keras_ran != rule]
    assert not disagreements, f"notebook 04's rule and Keras disagree on {disagreements}"
    took_cudnn = [setting for setting, (keras_ran, _) in zip(settings, answers) if keras_ran]
    assert took_cudnn == [  # the two forms of each activation; every other argument at its default
        dict(zip(SETTINGS, (activation, recurrent, False, True, 0.0, "auto")))
        for activation in ("tanh", "keras.ops.tanh")
        for recurrent in ("sigmoid", "keras.ops.sigmoid")
    ]
    assert backend_own == (True, False)  # tf.tanh: Keras takes cuDNN, the notebook's function says no (its docs say so)


def run_shown_function(source, name, *args):
    """Define the function whose source a notebook shows, in this fresh process, and call it."""
    namespace = {}
    exec(source, namespace)
    return namespace[name](*args)


@pytest.mark.slow
@pytest.mark.parametrize("version", ["3.13.2", "3.15.1"])
def test_notebook_04s_forced_torch_path_runs_what_it_says_per_keras_version(version, tmp_path, monkeypatch):
    """Notebook 04's `forced_torch_path`, under each Keras version, gives the line the notebook writes for it."""
    import keras

    from helpers import backends

    if importlib.util.find_spec("torch") is None:
        pytest.skip("PyTorch is not installed here (make backends installs it)")
    if keras.__version__ != version:  # another version than the installed one: its package first on the path
        tree = keras_tree_of_version(version, tmp_path)
        site = tmp_path / "site"
        site.mkdir()
        (site / "keras").symlink_to(tree, target_is_directory=True)
        monkeypatch.setenv("PYTHONPATH", str(site))
    namespace = {"print": lambda *args, **kwargs: None}
    exec(next(source for source in notebook_cells("04_masking.ipynb") if "torch_forced = {" in source), namespace)
    source = notebook_function_source("04_masking.ipynb", "forced_torch_path")
    run = backends.run_in_backend(
        "torch", run_shown_function, source, "forced_torch_path", namespace["torch_batches"], cpu_only=True
    )
    assert run.versions["keras"] == version
    measured = {batch: [per_step[step] for step in namespace["steps"]] for batch, per_step in run.value.items()}
    assert measured == namespace["torch_forced"][version]
