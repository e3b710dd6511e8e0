"""What a notebook's setup cell calls: a quiet Keras import on the chosen backend, the quick-mode switch,
one seed for every random number.

The series runs on all three Keras 3 backends: TensorFlow (the default), JAX and PyTorch, chosen
with the environment variable ``KERAS_BACKEND`` before Keras is first imported.

Introduced in notebook 01 (setup cell); the quick-mode switch matters in notebook 06.
"""

import os
import sys

#: Set this environment variable to ``1`` to shrink IMDB training (CI does).
QUICK_MODE_VARIABLE = "EMBEDDING_SERIES_QUICK"
#: The values of :data:`QUICK_MODE_VARIABLE` that mean quick mode, and those that mean full mode
#: (case and surrounding spaces do not matter; unset is full mode). Anything else is refused.
QUICK_VALUES = ("1", "true", "yes")
FULL_VALUES = ("0", "false", "no", "")
#: The largest seed :func:`set_seed` takes: NumPy's global generator (``np.random.seed``) stops at 2**32 - 1.
MAX_SEED = 2**32 - 1


def is_quick_mode() -> bool:
    """True when ``EMBEDDING_SERIES_QUICK`` is 1, true or yes (CI and ``make test``); False when it is 0,
    false, no, empty or unset (the full, hour-long run).

    Case and surrounding spaces do not matter. Any other value (``2``, ``on``, ``y``, a typo) is a
    one-line ``ValueError`` naming the variable, the value and the accepted values, rather than a
    silent full run.

    Introduced in notebook 01; read by the training cells of notebooks 06 and 07.
    """
    raw = os.environ.get(QUICK_MODE_VARIABLE, "")
    value = raw.strip().lower()
    if value in QUICK_VALUES:
        return True
    if value in FULL_VALUES:
        return False
    raise ValueError(
        f"{QUICK_MODE_VARIABLE}={raw!r} is neither quick nor full mode; set it to {', '.join(QUICK_VALUES[:-1])} "
        f"or {QUICK_VALUES[-1]} for quick mode, or to {', '.join(FULL_VALUES[:-1])} or nothing (or unset it) "
        "for full mode (case and surrounding spaces do not matter)."
    )


def import_tensorflow_quietly():
    """Import TensorFlow with its C++ start-up lines hidden, and return the module.

    TensorFlow's native code writes lines such as "Could not find cuda drivers"
    straight to the process's stderr while it loads. They appear in a notebook on
    some runs and not on others, which makes stored outputs unstable. This
    silences file descriptor 2 for the duration of the import only.

    Introduced in notebook 01 (setup cell).
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    sys.stderr.flush()
    saved_stderr = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import tensorflow
    finally:
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        os.close(devnull)
    return tensorflow


def import_keras_quietly():
    """Import Keras on the backend ``KERAS_BACKEND`` names (TensorFlow if unset), quietly, and return it.

    A backend name Keras does not know, or a backend whose package is not installed,
    gets a one-line error that says what to do, before Keras is imported.

    TensorFlow is imported first through :func:`import_tensorflow_quietly` whenever it
    is installed, whatever the backend: Keras' text layers (``StringLookup``,
    ``TextVectorization``, notebook 01) run on TensorFlow on every backend, and its
    C++ start-up lines would otherwise appear in a later cell.

    Introduced in notebook 01 (setup cell).
    """
    import importlib.util

    backend = os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    if "keras" not in sys.modules:  # Keras reads KERAS_BACKEND now: catch a typo or a missing package first
        from helpers import backends

        if backend not in backends.BACKENDS + ("numpy", "openvino"):  # Keras' other two, inference only
            backends.check_backend(backend)  # one line, e.g. "PyTorch's backend is called 'torch'"
        elif backend in backends.BACKENDS and not backends.is_installed(backend):
            raise backends.BackendNotInstalledError(
                f"KERAS_BACKEND is {backend!r}, but {backends.missing_message(backend)} In this repository "
                "`make backends` installs JAX and PyTorch into .venv; or unset KERAS_BACKEND for TensorFlow."
            )
    if importlib.util.find_spec("tensorflow") is not None:
        import_tensorflow_quietly()
    import keras

    return keras


def gpu_count() -> int:
    """How many GPUs the Keras backend in use can see (0 on a CPU-only machine).

    Each backend asks in its own way: ``tf.config.list_physical_devices("GPU")``,
    ``jax.devices()`` (platform ``"gpu"``), ``torch.cuda.device_count()``.

    Introduced in notebook 04 (cuDNN needs a GPU); the experiments record it with every run.
    """
    keras = import_keras_quietly()
    backend = keras.config.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return len(tf.config.list_physical_devices("GPU"))
    if backend == "jax":
        import jax

        return sum(device.platform == "gpu" for device in jax.devices())
    if backend == "torch":
        import torch

        return torch.cuda.device_count()
    return 0


def set_seed(seed: int = 42) -> int:
    """Seed Python, NumPy and the Keras backend; on TensorFlow also ask for deterministic ops.

    The same seed gives the same embedding weights, the same training batches and
    the same numbers on every run on the same machine and backend. The backends draw
    different random numbers from the same seed, so initial weights differ between
    TensorFlow, JAX and PyTorch. Returns the seed, so a notebook can print which one it used.

    ``seed`` is a whole number from 0 to :data:`MAX_SEED` (2**32 - 1); a NumPy integer such as
    ``np.int64(7)`` is taken as the plain int 7 (Keras itself refuses anything but ``int``).
    ``True``, a float such as ``7.0``, a negative or a larger number is a one-line error.

    Introduced in notebook 01.
    """
    from helpers.validation import check_non_negative_int

    seed = check_non_negative_int(seed, "seed")  # a NumPy integer becomes the plain int Keras insists on
    if seed > MAX_SEED:
        raise ValueError(
            f"seed must be at most {MAX_SEED:,} (2**32 - 1, the largest NumPy's generator takes), got {seed:,}; "
            "pass a smaller seed such as 42."
        )
    keras = import_keras_quietly()

    keras.utils.set_random_seed(seed)  # seeds Python's random, NumPy and the backend's generator
    if keras.config.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
    return seed
