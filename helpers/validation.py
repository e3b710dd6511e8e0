"""One-line, actionable errors for what a learner can get wrong.

Every check raises ``ValueError`` (or ``TypeError`` for the wrong kind of value)
with a message that says what was wrong and what to do, instead of a long
traceback from inside TensorFlow.

Introduced in notebook 01; used by every helper that takes learner input.
"""

from collections.abc import Iterable

import numpy as np

#: The most numbers the helpers put in one matrix (a weight matrix or a one-hot matrix):
#: 50 million, 200 MB as float32. Keras' own layers have no such limit and simply grind
#: until memory runs out; a learner's typo (10**9 rows) gets a one-line message instead.
MAX_MATRIX_ELEMENTS = 50_000_000


def check_positive_int(value, name: str) -> int:
    """Return ``value`` as an int if it is a whole number >= 1, else raise ValueError.

    Introduced in notebook 01.
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {value!r}; pass an int such as 3.")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}; a layer needs at least one row and one column.")
    return int(value)


def check_non_negative_int(value, name: str) -> int:
    """Return ``value`` as an int if it is a whole number >= 0, else raise ValueError.

    Introduced in notebook 01.
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {value!r}; pass an int such as 42.")
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, got {value}.")
    return int(value)


def check_matrix_size(rows: int, columns: int, what: str) -> None:
    """Raise a one-line ValueError if a ``rows x columns`` matrix is over :data:`MAX_MATRIX_ELEMENTS`.

    Introduced in notebook 03.
    """
    size = int(rows) * int(columns)
    if size > MAX_MATRIX_ELEMENTS:
        raise ValueError(
            f"{what} would hold {int(rows):,} x {int(columns):,} = {size:,} numbers ({size * 4 / 1e9:,.1f} GB "
            "as float32); "
            f"the helpers stop at {MAX_MATRIX_ELEMENTS:,}: choose a smaller vocabulary or dimension."
        )


def check_texts(texts) -> list[str]:
    """Return ``texts`` as a list of strings if it holds at least one word, else raise.

    Introduced in notebook 01.
    """
    if isinstance(texts, str):
        raise TypeError(f"texts must be a list of sentences, got the single string {texts!r}; wrap it: [{texts!r}].")
    if not isinstance(texts, Iterable):
        raise TypeError(f"texts must be a list of sentences, got {type(texts).__name__}.")
    texts = list(texts)
    if not texts:
        raise ValueError("texts is empty; give at least one sentence, e.g. ['This is a text'].")
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] must be a string, got {text!r}.")
    if not any(text.split() for text in texts):
        raise ValueError("texts holds no words (only empty or blank sentences); type at least one word.")
    return texts


def check_indices_in_vocabulary(indices, input_dim: int) -> np.ndarray:
    """Return ``indices`` as an int array if every index lies in ``[0, input_dim)``, else raise.

    The message names the first offending index and the vocabulary size, and
    says how to fix it: a larger ``input_dim`` or a smaller vocabulary.

    Introduced in notebook 01; the check a Keras ``Embedding`` does not do for you on a GPU.
    """
    input_dim = check_positive_int(input_dim, "input_dim")
    array = np.asarray(indices)
    if array.size == 0:
        raise ValueError("indices is empty; give at least one token index.")
    if not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"token indices must be whole numbers, got dtype {array.dtype}.")
    bad = (array < 0) | (array >= input_dim)
    if bad.any():
        first = int(array[bad].flat[0])
        if first < 0:
            raise ValueError(f"token index {first} is negative; indices count rows of the weight matrix from 0.")
        raise ValueError(
            f"token index {first} is outside the vocabulary [0, {input_dim}) of input_dim={input_dim}; "
            f"raise input_dim to at least {int(array.max()) + 1} or keep fewer words (num_words)."
        )
    return array.astype("int64")
