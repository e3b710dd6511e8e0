"""One-line, actionable errors for what a learner can get wrong.

Every check raises ``ValueError`` (or ``TypeError`` for the wrong kind of value)
with a message that says what was wrong and what to do, instead of a long
traceback from inside TensorFlow.

Introduced in notebook 01; used by every helper that takes learner input.
"""

import math
import numbers
from collections.abc import Iterable, Mapping

import numpy as np

#: The most numbers the helpers put in one matrix (a weight matrix or a one-hot matrix):
#: 50 million, 200 MB as float32. Keras' own layers have no such limit and simply grind
#: until memory runs out; a learner's typo (10**9 rows) gets a one-line message instead.
MAX_MATRIX_ELEMENTS = 50_000_000
#: The explorers hold their padded batch and their output tensor to the same limit (check_array_size).

#: The most characters of HTML one explorer box (a view, or the message box) may draw. Every box is sent
#: from the kernel to the browser on each update and saved into the notebook's widget state; 160 MB of
#: HTML in one box (a 1,000-sentence batch drawn cell by cell) froze the page and, on Colab, killed the kernel.
MAX_VIEW_HTML_CHARS = 500_000


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


def _amount(n_bytes: float) -> str:
    """``n_bytes`` as a short amount: "4.1 GB", "200 MB", "12 kB"."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n_bytes >= size:
            return f"{n_bytes / size:,.1f} {unit}"
    return f"{n_bytes:,.0f} bytes"


def check_array_size(shape, what: str, lower: str, itemsize: int = 4, kind: str = "float32") -> None:
    """Raise a one-line ValueError if an array of ``shape`` would hold more than :data:`MAX_MATRIX_ELEMENTS`.

    ``what`` names the array ("The output tensor"), ``lower`` the settings that make it smaller.

    Introduced in notebook 03 (the embedding explorer's padded batch and output tensor).
    """
    dims = [int(d) for d in shape]
    size = int(np.prod(dims, dtype=object))
    if size > MAX_MATRIX_ELEMENTS:
        raise ValueError(
            f"{what} would hold {' x '.join(f'{d:,}' for d in dims)} = {size:,} numbers "
            f"({_amount(size * itemsize)} as {kind}); the helpers stop at {MAX_MATRIX_ELEMENTS:,}: lower {lower}."
        )


def check_html_size(n_chars: int, what: str, lower: str) -> None:
    """Raise a one-line ValueError if ``n_chars`` of HTML is more than :data:`MAX_VIEW_HTML_CHARS`.

    Introduced in notebook 02 (the explorers' boxes).
    """
    if n_chars > MAX_VIEW_HTML_CHARS:
        raise ValueError(
            f"{what} would draw {n_chars:,} characters of HTML ({_amount(n_chars)}); the explorers draw at most "
            f"{MAX_VIEW_HTML_CHARS:,} per box: lower {lower}."
        )


def check_bool(value, name: str) -> bool:
    """Return ``value`` as a bool if it is ``True`` or ``False`` (NumPy's too), else raise a one-line TypeError.

    ``1``, ``"no"`` or ``None`` are refused: Python would read ``"no"`` as true.

    Introduced in notebook 02.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {_shown(value)}.")
    return bool(value)


def check_choice(value, name: str, choices) -> str:
    """Return ``value`` if it is one of ``choices`` (strings), else raise a one-line error naming them.

    TypeError when ``value`` is not a string at all, ValueError when it is another string.

    Introduced in notebook 02.
    """
    if not isinstance(value, str) or value not in choices:
        message = f"{name} must be {' or '.join(repr(c) for c in choices)}, got {_shown(value)}."
        raise (ValueError if isinstance(value, str) else TypeError)(message)
    return value


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


def _shown(value, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters, so a message about a long list stays one short line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_whole_number(value) -> bool:
    """An ``int`` or NumPy integer; never ``bool`` (``True`` is ``1`` to Python, but never meant as a row)."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def check_string(value, name: str, example: str = "This is a text") -> str:
    """Return ``value`` if it is a ``str``, else raise a one-line TypeError naming ``name``.

    Introduced in notebook 01.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {_shown(value)}; pass one sentence, e.g. {example!r}.")
    return value


def check_word_index(word_index, name: str = "word_index") -> dict:
    """Return ``word_index`` if it maps strings to whole numbers from 1 (0 is padding), else raise.

    Introduced in notebook 01.
    """
    if not isinstance(word_index, Mapping):
        raise TypeError(
            f"{name} must be a dict word -> index, got {_shown(word_index)}; build it with build_word_index(texts)."
        )
    for word, index in word_index.items():
        if not isinstance(word, str):
            raise TypeError(f"{name} has the key {_shown(word)}, not a word; its keys must be strings.")
        if not _is_whole_number(index):
            raise TypeError(f"{name}[{word!r}] must be a whole number, got {_shown(index)}; indices count from 1.")
        if index < 1:
            raise ValueError(f"{name}[{word!r}] is {index}, but word indices count from 1 (0 is left for padding).")
    return word_index


def _first_not_whole(values):
    """The first of ``values`` that is not a whole number, as a plain Python value; ``None`` when all are."""
    for value in values:
        if not _is_whole_number(value):
            return value.item() if isinstance(value, np.generic) else value
    return None


def check_row_indices(rows, n_rows: int, name: str = "rows") -> np.ndarray:
    """Return ``rows`` as a flat int64 array if each is a whole number from 0 to ``n_rows - 1``, else raise.

    NumPy would read a negative row from the end of the table, take ``True`` as row 1 and a
    list of ``True``/``False`` as a mask; here each is a one-line error naming ``name``.

    Introduced in notebook 07.
    """
    if _is_whole_number(rows):
        raise TypeError(f"{name} must be a list of row numbers, got the single row {rows}; wrap it: [{rows}].")
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, (Iterable, np.ndarray)):
        raise TypeError(f"{name} must be a list of row numbers, got {_shown(rows)}; pass e.g. [4, 5].")
    if not isinstance(rows, np.ndarray):
        rows = list(rows)
        scalars = [row for row in rows if np.ndim(row) == 0]  # lists inside are refused below, by their shape
        if any(not _is_whole_number(row) for row in scalars):
            bad = _first_not_whole(scalars)
            raise TypeError(f"{name} must hold whole-number rows, got {bad!r}; pass ints, e.g. [4, 5].")
    try:
        array = np.asarray(rows)
    except ValueError:  # a ragged list of lists
        raise ValueError(f"{name} must be a flat list of row numbers, not a ragged list of lists.") from None
    if array.ndim != 1:
        raise ValueError(f"{name} must be a flat list of row numbers, got shape {array.shape}.")
    if array.size == 0:
        raise ValueError(f"{name} is empty; give at least one row number.")
    if array.dtype == bool:
        raise TypeError(f"{name} holds True/False, not row numbers; turn a mask into rows with np.flatnonzero(mask).")
    if not np.issubdtype(array.dtype, np.integer):
        raise TypeError(
            f"{name} must hold whole-number rows, got {_shown(_first_not_whole(array.flat))} (dtype {array.dtype}); "
            "pass ints, e.g. [4, 5]."
        )
    if array.min() < 0:
        raise ValueError(
            f"{name} holds the negative row {int(array.min())}; rows count from 0 to {n_rows - 1} "
            "(NumPy would quietly count from the end)."
        )
    if array.max() >= n_rows:
        raise ValueError(
            f"{name} holds row {int(array.max())}, past the last row {n_rows - 1} of this {n_rows:,}-row table; "
            f"pass rows from 0 to {n_rows - 1}."
        )
    return array.astype("int64")


def _index_array(sequence, where: str, name: str) -> np.ndarray:
    """One review as an int64 array, or a one-line error naming ``where`` (e.g. ``sequences[3]``)."""
    try:
        array = np.asarray(None if isinstance(sequence, (str, bytes)) else sequence)  # a string: one value, refused
    except ValueError:  # a ragged list of lists
        raise ValueError(f"{where} must be a flat list of token indices, not a ragged list of lists.") from None
    kind = array.dtype.kind
    if array.ndim == 0:
        raise TypeError(
            f"{name} must be a list of reviews (lists of token indices), but {where} is {_shown(sequence)}; "
            "wrap one review in a list: [[4, 5, 6]]."
        )
    if array.ndim != 1:
        raise ValueError(f"{where} must be a flat list of token indices, got shape {array.shape}.")
    if kind in "iu":
        return array.astype(np.int64, copy=False)
    if array.size == 0:
        return np.zeros(0, np.int64)  # an empty list is float64 to NumPy; an empty review is fine
    if kind == "b":
        raise TypeError(f"{where} holds True/False, not token indices; indices are whole numbers.")
    if kind == "f":
        fractional = array[array != np.round(array)]  # NaN and infinity included
        if fractional.size:
            raise TypeError(f"{where} holds {fractional[0].item()!r}, not a token index; indices are whole numbers.")
        raise TypeError(
            f"{where} holds floats (dtype {array.dtype}, e.g. {array[0].item()!r}), not integer token indices; "
            "convert it first: np.asarray(review, dtype=int)."
        )
    if all(_is_whole_number(value) for value in array.flat):  # an object array of ints
        return array.astype(np.int64)
    bad = _first_not_whole(array.flat)
    raise TypeError(f"{where} holds {_shown(bad)}, not a token index; indices are whole numbers.")


def check_index_sequences(sequences, vocab_size: int | None = None, name: str = "sequences") -> list[np.ndarray]:
    """Return ``sequences`` (reviews: lists of token indices) as a list of int64 arrays, else raise.

    Every index must be a whole number (a float array is refused even when its values are
    whole: casting would hide a fraction), 0 or more, and below ``vocab_size`` when given.
    The one-line message names the review (``sequences[i]``) and the value. Empty reviews are fine.

    Introduced in notebook 06.
    """
    if isinstance(sequences, (str, bytes, Mapping)) or not isinstance(sequences, (Iterable, np.ndarray)):
        raise TypeError(f"{name} must be a list of reviews (lists of token indices), got {_shown(sequences)}.")
    arrays = [_index_array(sequence, f"{name}[{i}]", name) for i, sequence in enumerate(sequences)]
    tokens = np.concatenate(arrays) if arrays else np.zeros(0, np.int64)
    bad = tokens < 0
    if vocab_size is not None:
        bad |= tokens >= vocab_size
    if bad.any():
        position = int(np.argmax(bad))
        review = int(np.searchsorted(np.cumsum([len(a) for a in arrays]), position, side="right"))
        value = int(tokens[position])
        if value < 0:
            raise ValueError(f"{name}[{review}] holds the negative index {value}; token indices count from 0.")
        raise ValueError(
            f"index {value} is outside the vocabulary of {vocab_size} (in {name}[{review}]); pass the vocab_size "
            "the sequences were made with."
        )
    return arrays


def check_readable(path, fix: str):
    """``path`` as a ``Path`` when this process may read it, else ``PermissionError`` with one line and ``fix``.

    An unreadable file is not a damaged one: without this check, a reader would call it
    damaged, or a raw ``PermissionError`` would reach the learner.

    Introduced in notebook 06.
    """
    import os
    from pathlib import Path

    try:
        with open(path, "rb"):
            pass
    except PermissionError:
        raise PermissionError(
            f"{os.fspath(path)} cannot be read (permission denied); make it readable (chmod u+r) or {fix}."
        ) from None
    return Path(path)


def check_seconds(value, name: str = "timeout", example: float = 300) -> float:
    """Return ``value`` as a float if it is a positive, finite number of seconds, else raise one line.

    ``True`` is 1 to Python but never meant as a duration, and a string is not a number: both
    are a ``TypeError``. Zero, a negative number, NaN and infinity are a ``ValueError``: a limit
    of 0 stops everything at once, and one of infinity (or NaN, which compares false with every
    time) never stops anything, which is what a limit is there to prevent.

    Introduced in notebook 09 (``backends.run_in_backend``'s timeout).
    """
    shown = _shown(value.item() if isinstance(value, np.generic) else value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number of seconds, got {shown}; pass e.g. {name}={example:g}.")
    seconds = float(value)
    if not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(
            f"{name} must be a positive, finite number of seconds, got {shown}; pass e.g. {name}={example:g}."
        )
    return seconds
