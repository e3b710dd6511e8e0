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
import locale
import os
import pickle
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from helpers.validation import check_seconds

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
#: POSIX: each fresh process leads a process group of its own, so whatever it starts can be stopped with it.
_OWN_GROUP = hasattr(os, "killpg")
#: How often, in seconds, a run checks whether its process has ended.
_POLL_SECONDS = 0.02


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
    if isinstance(error, EOFError) and "reading a line" in first:
        message += " (input(): the function runs in a fresh process with no keyboard; pass the answer as an argument)"
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


def _has_exited(process: subprocess.Popen, deadline: float) -> bool:
    """Wait until ``process`` exits or ``deadline`` (``time.monotonic()``) passes; True if it exited.

    Where ``os.waitid`` exists the process is left unreaped (``WNOWAIT``), so its pid stays its
    group's id, and no other process can take that number, until the group has been stopped.
    """
    while True:
        if _OWN_GROUP and hasattr(os, "waitid"):
            try:
                if os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                    return True
            except ChildProcessError:  # already collected
                return True
        elif process.poll() is not None:
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(_POLL_SECONDS, left))


def _stop_group(process: subprocess.Popen) -> None:
    """Kill what is left of the process's group (itself, on a timeout; anything it started), then collect it."""
    if _OWN_GROUP:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # nothing left to stop
            pass
    else:
        process.kill()
    process.wait()


def _read_text(path: str) -> str:
    """What the process wrote to ``path``, decoded as ``subprocess`` would (undecodable bytes replaced)."""
    with open(path, encoding=locale.getpreferredencoding(False), errors="replace") as f:
        return f.read()


def run_in_backend(
    backend: str, function: Callable, *args, timeout: float = DEFAULT_TIMEOUT, cpu_only: bool = False, **kwargs
) -> BackendRun:
    """Call ``function(*args, **kwargs)`` in a fresh Python process with ``KERAS_BACKEND=backend``.

    The process gets the function's source text and the pickled arguments, runs the
    function, and sends back what it returns (plain Python values and NumPy arrays
    only; anything else is refused with a one-line message). Raises ``ValueError``
    for an unknown backend, :class:`BackendNotInstalledError` for one that is not
    installed, and :class:`BackendRunError` (one line) when the function raises, the
    process dies, or it runs longer than ``timeout`` seconds (a positive, finite number;
    anything else is a one-line ``TypeError`` or ``ValueError``). ``cpu_only=True`` hides
    every GPU from the process (``CUDA_VISIBLE_DEVICES=""``), so a measurement "on the
    CPU" stays one on a machine with a GPU, such as a Colab GPU runtime.

    The process reads no keyboard: its stdin is empty, so ``input()`` fails at once with
    a one-line error instead of waiting for the timeout. On POSIX it leads a process group
    of its own, and that whole group is stopped when the call ends: on a timeout, and
    after a finished call too, so a process the function started in the background
    (``subprocess.Popen``) neither outlives the call nor keeps it waiting. Its output goes
    to files rather than pipes, so nothing it leaves behind can hold the reading open.

    Introduced in notebook 09.
    """
    timeout = check_seconds(timeout, "timeout", DEFAULT_TIMEOUT)
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
        stdout_path, stderr_path = os.path.join(folder, "stdout.txt"), os.path.join(folder, "stderr.txt")
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
        with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-c", _CHILD, job_path, out_path],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                start_new_session=_OWN_GROUP,
            )
        try:
            finished = _has_exited(process, time.monotonic() + timeout)
        finally:  # a timeout, a finished call or an interrupt (Ctrl-C, a notebook's stop button): stop them all
            _stop_group(process)
        if not finished:
            raise BackendRunError(
                f"{name}() on {backend} did not finish within {timeout:g} s; it was stopped, with any process it "
                "started: pass a larger timeout=, or give it less to do."
            )
        printed, errors = _read_text(stdout_path), _read_text(stderr_path)
        if not os.path.exists(out_path):
            lines = [line for line in re.sub(r"\x1b\[[0-9;]*m", "", errors).splitlines() if line.strip()]
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
        stdout=printed,
        seconds=outcome["seconds"],
        versions=outcome["versions"],
    )
