"""Exercises of notebook 04 (masking).

Introduced in notebook 04.
"""

import numpy as np

from helpers.exercises import equals, register

register(
    "04.1",
    equals([[False, False, True, True]]),
    "compute_mask marks a position True when its index is not 0; keep the batch's nesting [[...]].",
)
register(
    "04.2",
    equals(5000),
    "input_dim must be the largest index + 1. IMDB's num_words already counts the reserved indices 0-3 "
    "(padding is row 0), so Embedding(5000, ...) has a row for every index; no extra row is needed.",
)
register(
    "04.3",
    lambda answer: isinstance(answer, (bool, np.bool_)) and not answer,
    "strictly right-padded means all True values first, then only False; look at position 2.",
)
