"""helpers.backends runs a function under a chosen Keras backend in a real fresh process, and says in one line
what went wrong: an unknown or missing backend, a function that raises, dies, hangs or returns a tensor."""

import importlib.util
import os
import subprocess
import sys

import numpy as np
import pytest

from helpers import backends


def numbers_and_backend(a, b):
    import keras
    import numpy as np

    print("hello from", keras.config.backend())
    return {"sum": a + b, "array": np.arange(3) * a, "backend": keras.config.backend()}


def divides_by_zero():
    return 1 / 0


def uses_a_name_it_did_not_import():
    return np.zeros(2)  # noqa: F821 - np is this file's, not the fresh process's


def returns_an_object():
    return {"fine": 1, "not fine": [object()]}


def dies():
    import os

    os._exit(3)


def sleeps():
    import time

    time.sleep(60)


def lookup(weights, indices):
    import keras

    layer = keras.layers.Embedding(*weights.shape)
    layer.build()
    layer.set_weights([weights])
    output = layer(indices)
    return {
        "type": f"{type(output).__module__}.{type(output).__qualname__}",
        "output": keras.ops.convert_to_numpy(output),
    }


def test_a_run_returns_the_value_what_it_printed_and_which_backend_ran():
    run = backends.run_in_backend("tensorflow", numbers_and_backend, 2, b=3)
    assert run.backend == "tensorflow" and run.value["backend"] == "tensorflow"
    assert run.value["sum"] == 5 and np.array_equal(run.value["array"], [0, 2, 4])
    assert "hello from tensorflow" in run.stdout
    assert run.versions["keras"] and run.versions["tensorflow"] and run.seconds >= 0


@pytest.mark.parametrize("name, hint", [("pytorch", "'torch'"), ("tf", "'tensorflow'"), ("theano", "choose one of")])
def test_an_unknown_backend_gets_one_line_that_names_the_choices(name, hint):
    with pytest.raises(ValueError, match="unknown Keras backend") as caught:
        backends.run_in_backend(name, numbers_and_backend, 1, 2)
    message = str(caught.value)
    assert "\n" not in message and hint in message and "tensorflow, jax, torch" in message


def test_a_backend_that_is_not_installed_gets_one_line_with_the_install_command(monkeypatch):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real_find_spec(name))
    assert "torch" not in backends.installed_backends() and "tensorflow" in backends.installed_backends()
    with pytest.raises(backends.BackendNotInstalledError) as caught:
        backends.run_in_backend("torch", numbers_and_backend, 1, 2)
    message = str(caught.value)
    assert "\n" not in message and "torch backend is not installed" in message
    assert backends.INSTALL["torch"] in message


def test_installed_backends_lists_tensorflow_and_only_known_names():
    found = backends.installed_backends()
    assert "tensorflow" in found and set(found) <= set(backends.BACKENDS)


def test_an_exception_in_the_function_comes_back_as_one_line():
    with pytest.raises(backends.BackendRunError, match=r"divides_by_zero\(\) on tensorflow raised ZeroDivisionError"):
        backends.run_in_backend("tensorflow", divides_by_zero)


def test_a_name_from_the_parent_process_is_explained():
    with pytest.raises(backends.BackendRunError, match="NameError.*fresh process: import"):
        backends.run_in_backend("tensorflow", uses_a_name_it_did_not_import)


def test_a_value_other_processes_cannot_read_is_refused_with_its_place():
    with pytest.raises(backends.BackendRunError, match=r"result\['not fine'\]\[0\] is a builtins.object"):
        backends.run_in_backend("tensorflow", returns_an_object)


def test_a_process_that_dies_is_reported_with_its_exit_code():
    with pytest.raises(backends.BackendRunError, match="exit code 3"):
        backends.run_in_backend("tensorflow", dies)


def test_a_process_that_hangs_is_stopped():
    with pytest.raises(backends.BackendRunError, match="did not finish within 2 s"):
        backends.run_in_backend("tensorflow", sleeps, timeout=2)


@pytest.mark.parametrize(
    "timeout, error, words",
    [
        (0, ValueError, "got 0;"),
        (-5, ValueError, "got -5;"),
        (float("nan"), ValueError, "got nan;"),
        (float("inf"), ValueError, "got inf;"),
        (np.float64("inf"), ValueError, "got inf;"),
        (True, TypeError, "must be a number of seconds, got True"),
        ("30", TypeError, "must be a number of seconds, got '30'"),
        (None, TypeError, "must be a number of seconds, got None"),
    ],
)
def test_a_timeout_that_is_not_a_positive_finite_number_of_seconds_is_refused_in_one_line(timeout, error, words):
    with pytest.raises(error) as caught:
        backends.run_in_backend("tensorflow", numbers_and_backend, 1, 2, timeout=timeout)
    message = str(caught.value)
    assert message.startswith("timeout must be a") and words in message and "\n" not in message
    assert "pass e.g. timeout=300" in message


def test_only_plain_functions_can_be_sent():
    offset = 1

    def closure():
        return offset

    with pytest.raises(TypeError, match="pass them as arguments"):
        backends.run_in_backend("tensorflow", closure)
    with pytest.raises(TypeError, match="defined with `def`"):
        backends.run_in_backend("tensorflow", lambda: 1)
    with pytest.raises(TypeError, match="defined with `def`"):
        backends.run_in_backend("tensorflow", print)


@pytest.mark.slow
@pytest.mark.parametrize("backend", backends.BACKENDS)
def test_every_installed_backend_looks_up_w_indices_exactly(backend):
    if not backends.is_installed(backend):
        pytest.skip(backends.missing_message(backend))
    weights = np.random.default_rng(0).normal(size=(10, 3)).astype("float32")
    indices = np.array([[0, 0, 1, 2, 3, 4], [0, 1, 2, 5, 3, 4]])
    run = backends.run_in_backend(backend, lookup, weights, indices)
    assert run.backend == backend
    assert np.array_equal(run.value["output"], weights[indices])
    expected_module = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}[backend]
    assert run.value["type"].startswith(expected_module)


def _import_keras_with(backend: str, hide: str = "") -> subprocess.CompletedProcess:
    """Run helpers.import_keras_quietly() in a fresh Python with KERAS_BACKEND set (and a package hidden)."""
    # importlib.util.find_spec answers None for a name whose sys.modules entry is None: "not installed"
    hide_package = f"import sys\nsys.modules[{hide!r}] = None\n" if hide else ""
    code = hide_package + "import helpers\nhelpers.import_keras_quietly()\n"
    env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def test_import_keras_quietly_names_a_mistyped_backend():
    run = _import_keras_with("pytorch")
    assert run.returncode != 0
    assert "ValueError: unknown Keras backend 'pytorch' (PyTorch's backend is called 'torch')" in run.stderr


def test_import_keras_quietly_says_how_to_install_a_missing_backend():
    run = _import_keras_with("jax", hide="jax")
    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("helpers.backends.BackendNotInstalledError: KERAS_BACKEND is 'jax', but the jax backend")
    assert "make backends" in last and "unset KERAS_BACKEND" in last


def visible_devices():
    import os

    return os.environ.get("CUDA_VISIBLE_DEVICES")


def test_cpu_only_hides_every_gpu_from_the_process():
    assert backends.run_in_backend("tensorflow", visible_devices, cpu_only=True).value == ""
