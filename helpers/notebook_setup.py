"""What a notebook's setup cell calls: a quiet TensorFlow import, the quick-mode switch, one seed for
every random number.

Introduced in notebook 01 (setup cell); the quick-mode switch matters in notebook 06.
"""

import os
import random
import sys

import numpy as np

#: Set this environment variable to ``1`` to shrink IMDB training (CI does).
QUICK_MODE_VARIABLE = "EMBEDDING_SERIES_QUICK"


def is_quick_mode() -> bool:
    """True when ``EMBEDDING_SERIES_QUICK`` is set to 1/true/yes (CI and ``make test``).

    Introduced in notebook 01; read by the training cells of notebooks 06 and 07.
    """
    return os.environ.get(QUICK_MODE_VARIABLE, "").strip().lower() in {"1", "true", "yes"}


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


def set_seed(seed: int = 42) -> int:
    """Seed Python, NumPy, Keras and TensorFlow, and ask TensorFlow for deterministic ops.

    The same seed gives the same embedding weights, the same training batches and
    the same numbers on every run on the same machine. Returns the seed, so a
    notebook can print which one it used.

    Introduced in notebook 01.
    """
    from helpers.validation import check_non_negative_int

    check_non_negative_int(seed, "seed")
    from helpers.notebook_setup import import_tensorflow_quietly

    tf = import_tensorflow_quietly()
    import keras

    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)  # also seeds Python, NumPy and TensorFlow
    tf.config.experimental.enable_op_determinism()
    return seed
