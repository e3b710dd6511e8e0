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
    equals(5001),
    "index 0 is reserved for padding, so the layer needs one row more than the number of words.",
)
register(
    "04.3",
    lambda answer: isinstance(answer, (bool, np.bool_)) and not answer,
    "strictly right-padded means all True values first, then only False; look at position 2.",
)
