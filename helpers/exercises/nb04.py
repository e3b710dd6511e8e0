"""Exercises of notebook 04 (masking).

Each judge accepts only the kind of answer its question asks for: a nested list (or array) of booleans of the
batch's shape for 04.1 (not 0/1), a whole number for 04.2 (an ``input_dim``: an int, Python or NumPy; not a float
such as ``5000.0``, which Keras 3.15 refuses, not a bool or a string), a bool for 04.3 (not 0, ``"False"`` or
``[False]``).

Introduced in notebook 04.
"""

import numpy as np

from helpers.exercises import equals, register

register(
    "04.1",
    equals(np.array([[False, False, True, True]])),
    "compute_mask marks a position True when its index is not 0; answer with booleans (True/False, not 1/0) "
    "and keep the batch's nesting [[...]].",
)
register(
    "04.2",
    equals(5000),
    "the smallest input_dim is the largest index + 1. IMDB's num_words already counts the reserved indices 0-3 "
    "(padding is row 0), so the largest index is 4999; a larger input_dim also has a row for every index, "
    "but its extra rows are never looked up.",
)
register(
    "04.3",
    equals(False),
    "the check needs all True values first, then only False, in every row; look at position 2.",
)
