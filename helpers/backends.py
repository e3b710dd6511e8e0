"""Run a function under a chosen Keras backend, in a fresh Python process, and get its result back.

Keras 3 runs on TensorFlow, JAX or PyTorch. It reads ``KERAS_BACKEND`` once, when
``keras`` is first imported, and keeps that backend for the life of the process.
To compare backends from one notebook, each comparison runs in a new process with
its own ``KERAS_BACKEND``: :func:`run_in_backend` sends it a function (its source
text, so the notebook shows exactly the code that runs) and the function's
arguments, and brings back what the function returns. The function must import
what it needs itself, and return plain Python values and NumPy arrays, which any
process can read whichever backends it has.

:func:`installed_backends` says which backends this Python can run; asking for an
unknown backend or one that is not installed gets a one-line error that says what
to do.

Introduced in notebook 09.
"""

import importlib.util
import inspect
import os
import pickle
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: The Keras 3 backends that train models, in the order the series shows them.
BACKENDS = ("tensorflow", "jax", "torch")
#: The import names each backend needs (find_spec only: nothing is imported to check).
_MODULES = {"tensorflow": ("tensorflow",), "jax": ("jax", "jaxlib"), "torch": ("torch",)}
#: How to install each backend: one line a learner can copy (see notebook 09 for GPU builds).
INSTALL = {
    "tensorflow": "pip install tensorflow",
    "jax": "pip install -U jax",
    "torch": "pip install torch --index-url https://download.pytorch.org/whl/cpu",
}
#: Seconds a run may take before it is stopped.
DEFAULT_TIMEOUT = 300.0


class BackendNotInstalledError(ImportError):
    """The backend asked for is a real Keras backend, but its package is not installed here."""


class BackendRunError(RuntimeError):
    """The function raised in the backend's process, or the process died or ran out of time."""


@dataclass(frozen=True)
class BackendRun:
    """What one run in a fresh process gave back.

    ``backend`` is what ``keras.config.backend()`` said inside that process, ``value``
    what the function returned, ``stdout`` what it printed, ``seconds`` the wall time
    of the call itself (not the process start), ``versions`` Keras' version and the
    backend package's.
    """

    backend: str
    value: Any
    stdout: str
    seconds: float
    versions: dict = field(default_factory=dict)


def check_backend(name) -> str:
    """Return ``name`` if it is one of :data:`BACKENDS`, else raise a one-line ``ValueError``.

    Introduced in notebook 09.
    """
    if not isinstance(name, str) or name not in BACKENDS:
        hint = " (PyTorch's backend is called 'torch')" if str(name).lower() in {"pytorch", "pt"} else ""
        if str(name).lower() in {"tf", "tensorflow2"}:
            hint = " (TensorFlow's backend is called 'tensorflow')"
        raise ValueError(f"unknown Keras backend {name!r}{hint}; choose one of {', '.join(BACKENDS)}.")
    return name


def is_installed(name: str) -> bool:
    """Whether this Python can import the packages backend ``name`` needs (nothing is imported).

    Introduced in notebook 09.
    """
    check_backend(name)
    return all(importlib.util.find_spec(module) is not None for module in _MODULES[name])


def installed_backends() -> list[str]:
    """The backends of :data:`BACKENDS` this Python can run, in that order.

    Introduced in notebook 09.
    """
    return [name for name in BACKENDS if is_installed(name)]


def missing_message(name: str) -> str:
    """One line: backend ``name`` is not installed here, and the command that installs it.

    Introduced in notebook 09.
    """
    check_backend(name)
    return f"the {name} backend is not installed in this Python; install it with `{INSTALL[name]}`."


def _source_of(function: Callable) -> tuple[str, str]:
    """The function's own source text and name; refuse what a fresh process could not rebuild."""
    name = getattr(function, "__name__", "")
    if not inspect.isfunction(function) or name == "<lambda>":
        raise TypeError(
            f"run_in_backend needs a function defined with `def` (got {type(function).__name__}); "
            "its source is what the fresh process runs."
        )
    if function.__closure__:
        raise TypeError(
            f"{name}() uses variables of an enclosing function ({', '.join(function.__code__.co_freevars)}); "
            "pass them as arguments instead."
        )
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):
        raise TypeError(f"the source of {name}() cannot be found; define it in a file or a notebook cell.") from None
    if source.lstrip().startswith("@"):
        raise TypeError(f"{name}() is decorated; pass the plain function.")
    return source, name


# The program each fresh process runs: read the job, run the function, write the outcome.
# It imports nothing from this package, so it works wherever the parent's Python works.
_CHILD = r"""
import importlib.metadata, os, pickle, re, sys, time

import numpy as np

PLAIN = (type(None), bool, int, float, complex, str, bytes, np.generic)


def plain(value, where="result"):
    if isinstance(value, PLAIN):
        return
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            raise TypeError(f"{where} is a NumPy array of Python objects; return numbers or strings")
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            plain(item, f"{where}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, (str, int)):
                raise TypeError(f"{where} has a key of type {type(key).__name__}; use str or int keys")
            plain(item, f"{where}[{key!r}]")
        return
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    raise TypeError(
        f"{where} is a {kind}; return NumPy arrays (keras.ops.convert_to_numpy) or plain Python values"
    )


def one_line(error):
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    message = f"{type(error).__name__}: {first}"[:400]
    if isinstance(error, NameError):
        message += " (the function runs in a fresh process: import or define what it uses inside it)"
    return message


job_path, out_path = sys.argv[1], sys.argv[2]
with open(job_path, "rb") as f:
    job = pickle.load(f)
outcome = {}
try:
    namespace = {"__name__": "__backend_run__"}
    exec(compile(job["source"], job["filename"], "exec"), namespace)
    started = time.perf_counter()
    value = namespace[job["name"]](*job["args"], **job["kwargs"])
    seconds = time.perf_counter() - started
    plain(value)
    import keras

    versions = {"keras": keras.__version__}
    try:
        versions[job["distribution"]] = importlib.metadata.version(job["distribution"])
    except importlib.metadata.PackageNotFoundError:
        versions[job["distribution"]] = None
    outcome = {"ok": True, "value": value, "seconds": seconds, "backend": keras.config.backend(), "versions": versions}
except BaseException as error:
    outcome = {"ok": False, "error": one_line(error)}
sys.stdout.flush()
with open(out_path, "wb") as f:
    pickle.dump(outcome, f)
"""


def run_in_backend(
    backend: str, function: Callable, *args, timeout: float = DEFAULT_TIMEOUT, cpu_only: bool = False, **kwargs
) -> BackendRun:
    """Call ``function(*args, **kwargs)`` in a fresh Python process with ``KERAS_BACKEND=backend``.

    The process gets the function's source text and the pickled arguments, runs the
    function, and sends back what it returns (plain Python values and NumPy arrays
    only; anything else is refused with a one-line message). Raises ``ValueError``
    for an unknown backend, :class:`BackendNotInstalledError` for one that is not
    installed, and :class:`BackendRunError` (one line) when the function raises, the
    process dies, or it runs longer than ``timeout`` seconds. ``cpu_only=True`` hides
    every GPU from the process (``CUDA_VISIBLE_DEVICES=""``), so a measurement "on the
    CPU" stays one on a machine with a GPU, such as a Colab GPU runtime.

    Introduced in notebook 09.
    """
    check_backend(backend)
    if not is_installed(backend):
        raise BackendNotInstalledError(missing_message(backend))
    source, name = _source_of(function)
    env = dict(os.environ, KERAS_BACKEND=backend, PYTHONUNBUFFERED="1")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's C++ start-up lines
    env.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")  # JAX on a GPU: take memory as needed
    if cpu_only:
        env["CUDA_VISIBLE_DEVICES"] = ""  # TensorFlow, JAX and PyTorch all read it
    with tempfile.TemporaryDirectory(prefix="keras-backend-") as folder:
        job_path, out_path = os.path.join(folder, "job.pickle"), os.path.join(folder, "outcome.pickle")
        job = {
            "source": source,
            "filename": f"<{name} for {backend}>",
            "name": name,
            "args": args,
            "kwargs": kwargs,
            "distribution": backend,  # each backend's package is named after it
        }
        with open(job_path, "wb") as f:
            pickle.dump(job, f)
        started = time.perf_counter()
        try:
            process = subprocess.run(
                [sys.executable, "-c", _CHILD, job_path, out_path],
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise BackendRunError(f"{name}() on {backend} did not finish within {timeout:g} s.") from None
        if not os.path.exists(out_path):
            lines = [line for line in re.sub(r"\x1b\[[0-9;]*m", "", process.stderr).splitlines() if line.strip()]
            last = lines[-1].strip()[:300] if lines else "no message"
            raise BackendRunError(
                f"the {backend} process ended with exit code {process.returncode} before {name}() returned "
                f"({time.perf_counter() - started:.0f} s): {last}"
            )
        with open(out_path, "rb") as f:
            outcome = pickle.load(f)
    if not outcome["ok"]:
        raise BackendRunError(f"{name}() on {backend} raised {outcome['error']}")
    return BackendRun(
        backend=outcome["backend"],
        value=outcome["value"],
        stdout=process.stdout,
        seconds=outcome["seconds"],
        versions=outcome["versions"],
    )
