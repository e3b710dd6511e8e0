"""Exercises of notebook 09 (backends and devices).

Introduced in notebook 09.
"""

from helpers.exercises import register


def _rows_judge(answer) -> bool:
    return [None if a is None else int(a) for a in answer] == [3, 9, None]


def _letters(answer) -> set[str]:
    if isinstance(answer, str):
        answer = answer.replace(",", " ").split() if " " in answer or "," in answer else list(answer)
    return {str(a).strip().lower() for a in answer}


register(
    "09.1",
    _rows_judge,
    "a negative index counts from the end, as in NumPy (-1 is the last row); JAX fills an index past the "
    "table with NaN, which is no row of W.",
)
register(
    "09.2",
    lambda answer: int(answer) == 5 and float(answer) == 5,
    "round every length from 1 to 500 up to a multiple of 100 and count the different results; each new batch "
    "shape compiles the training step once.",
)
register(
    "09.3",
    lambda answer: _letters(answer) == {"a", "b", "e"},
    "TensorFlow takes cuDNN without a mask or with a strictly right-padded one; in Keras 3.15 JAX and PyTorch "
    "take it only without a mask.",
)
