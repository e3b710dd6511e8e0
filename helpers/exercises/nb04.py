"""Exercises of notebook 04 (masking).

Each judge accepts only the kind of answer its question asks for: a nested list (or array) of booleans of the
batch's shape for 04.1, a whole number (not a float, not a bool) for 04.2, a bool for 04.3.

Introduced in notebook 04.
"""

import numpy as np

from helpers.exercises import register


def _boolean_mask(expected):
    """A judge that accepts booleans only (no 0/1 integers), in exactly ``expected``'s nesting and values."""
    expected = np.asarray(expected, dtype=bool)

    def judge(answer) -> bool:
        if isinstance(answer, (str, bytes)) or answer is None:
            return False
        try:
            array = np.asarray(answer)
        except (TypeError, ValueError):
            return False
        return array.dtype == np.bool_ and array.shape == expected.shape and bool((array == expected).all())

    return judge


def _whole_number(expected: int):
    """A judge that accepts the whole number ``expected`` (a Python or NumPy integer), and nothing else."""

    def judge(answer) -> bool:
        is_integer = isinstance(answer, (int, np.integer)) and not isinstance(answer, (bool, np.bool_))
        return is_integer and int(answer) == expected

    return judge


register(
    "04.1",
    _boolean_mask([[False, False, True, True]]),
    "compute_mask marks a position True when its index is not 0; answer with booleans (True/False, not 1/0) "
    "and keep the batch's nesting [[...]].",
)
register(
    "04.2",
    _whole_number(5000),
    "the smallest input_dim is the largest index + 1. IMDB's num_words already counts the reserved indices 0-3 "
    "(padding is row 0), so the largest index is 4999; a larger input_dim also has a row for every index, "
    "but its extra rows are never looked up.",
)
register(
    "04.3",
    lambda answer: isinstance(answer, (bool, np.bool_)) and not answer,
    "strictly right-padded means all True values first, then only False; look at position 2.",
)
