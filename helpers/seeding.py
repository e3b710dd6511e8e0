"""One call that makes every random number in a notebook repeatable.

Introduced in notebook 01 (setup cell).
"""

import random

import numpy as np


def set_seed(seed: int = 42) -> int:
    """Seed Python, NumPy, Keras and TensorFlow, and ask TensorFlow for deterministic ops.

    The same seed gives the same embedding weights, the same training batches and
    the same numbers on every run on the same machine. Returns the seed, so a
    notebook can print which one it used.

    Introduced in notebook 01.
    """
    from helpers.validation import check_non_negative_int

    check_non_negative_int(seed, "seed")
    from helpers.environment import import_tensorflow_quietly

    tf = import_tensorflow_quietly()
    import keras

    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)  # also seeds Python, NumPy and TensorFlow
    tf.config.experimental.enable_op_determinism()
    return seed
