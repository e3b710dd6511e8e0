"""Exercises of notebook 10 (after the Embedding).

Each judge accepts only the kind of answer its question asks for: a tuple or list of whole numbers for 10.1,
letters for 10.2, two numbers for 10.3 and 10.4. Near misses (a dimension dropped, a letter too many, the masked
mean instead of the unmasked one, the two accuracies swapped) are not accepted.

Introduced in notebook 10.
"""

import numpy as np

from helpers.exercises import register


def _whole_numbers(expected: tuple[int, ...]):
    """A judge that accepts a tuple or list of exactly these whole numbers (no floats, bools or strings)."""

    def judge(answer) -> bool:
        if not isinstance(answer, (tuple, list)) or len(answer) != len(expected):
            return False
        if not all(isinstance(a, (int, np.integer)) and not isinstance(a, (bool, np.bool_)) for a in answer):
            return False
        return tuple(int(a) for a in answer) == expected

    return judge


def _letters(expected: set[str]):
    """A judge that accepts exactly these letters, as a string ("bc", "b, c"), a list, a tuple or a set."""

    def judge(answer) -> bool:
        if isinstance(answer, str):
            parts = answer.replace(",", " ").split()
            letters = [c for part in parts for c in part] if parts else []
        elif isinstance(answer, (list, tuple, set, frozenset)):
            if not all(isinstance(a, str) for a in answer):
                return False
            letters = [a.strip() for a in answer]
        else:
            return False
        letters = [letter.lower() for letter in letters]
        return len(letters) == len(set(letters)) and set(letters) == expected

    return judge


def _numbers(expected, atol: float):
    """A judge that accepts a tuple, list or 1-D array of real numbers (not bools) within ``atol`` of ``expected``."""
    expected = np.asarray(expected, dtype=float)

    def judge(answer) -> bool:
        if isinstance(answer, (str, bytes, dict, set)) or answer is None:
            return False
        values = list(answer) if isinstance(answer, (tuple, list, np.ndarray)) else None
        if values is None or len(values) != len(expected):
            return False
        if any(
            isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer, np.floating)) for v in values
        ):
            return False
        return bool(np.allclose(np.asarray(values, dtype=float), expected, atol=atol, rtol=0))

    return judge


register(
    "10.1",
    _whole_numbers((2, 6, 8)),
    "Dense multiplies only the last axis by its (3, 8) kernel; the batch and the 6 positions stay. Give a tuple "
    "of whole numbers.",
)
register(
    "10.2",
    _letters({"b", "c"}),
    "row 0 is what the padded positions look up; a layer that uses the mask never reads them, a layer that drops "
    "it (look at the table's supports_masking column) reads them like any word.",
)
register(
    "10.3",
    _numbers((0.5, -0.4), atol=1e-6),
    "without the mask the average is over all 6 positions: masked mean * 4/6 + padding row * 2/6.",
)
register(
    "10.4",
    _numbers((0.7, 0.82), atol=1e-6),
    "with the mask, accuracy counts only the 600 real steps; without it, all 1,000 steps, and the padded ones are "
    "all right. Give (with mask, without mask).",
)
