"""Exercises of notebook 09 (backends and devices).

09.1 takes a list or a tuple of exactly three entries, each a whole number (an int, Python or NumPy: not
``3.7``, not ``3.0``, not ``"3"``, not a bool) or ``None`` (not NaN, which is what JAX returns but no row number);
09.2 is a count, so ``5.0`` is accepted and ``5.5`` is not; 09.3 takes the letters, each once, as a string, a
list, a tuple or a set, in any case.

Introduced in notebook 09.
"""

from helpers.exercises import count, is_integer, letters, register

#: Exercise 09.1's rows, in order (None where the output is no row of W).
_ROWS = (3, 9, None)


def _rows_judge(answer) -> bool:
    if not isinstance(answer, (list, tuple)) or len(answer) != len(_ROWS):
        return False
    if not all(a is None or is_integer(a) for a in answer):
        return False
    return tuple(None if a is None else int(a) for a in answer) == _ROWS


register(
    "09.1",
    _rows_judge,
    "a negative index counts from the end, as in NumPy (-1 is the last row); JAX fills an index past the "
    "table with NaN, which is no row of W.",
)
register(
    "09.2",
    count(5),
    "round every length from 1 to 500 up to a multiple of 100 and count the different results; each new batch "
    "shape compiles the training step once.",
)
register(
    "09.3",
    letters({"a", "b", "e"}),
    "TensorFlow takes cuDNN without a mask or with a strictly right-padded one where no review is all padding "
    "(read from its source; not measured on a GPU here); in Keras 3.15 JAX and PyTorch take it only without a mask.",
)
