"""Nearest neighbours of a word in a trained embedding, by cosine similarity.

Introduced in notebook 07.
"""

import numpy as np

from helpers.imdb_raw import FIRST_WORD, INDEX_FROM, RESERVED_WORDS
from helpers.validation import check_positive_int

#: Rows of an IMDB embedding that are not words: padding, start, out of vocabulary, and index 3,
#: which Keras' offset (rank + INDEX_FROM, ranks from 1) never uses.
NOT_WORDS = {**RESERVED_WORDS, INDEX_FROM: "<unused>"}


def cosine_similarities(W: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Cosine similarity of ``vector`` with every row of ``W``: ``W @ v / (|W_i| |v|)``.

    Introduced in notebook 07.
    """
    W = np.asarray(W, dtype="float64")
    vector = np.asarray(vector, dtype="float64")
    norms = np.linalg.norm(W, axis=1) * np.linalg.norm(vector)
    return (W @ vector) / np.where(norms == 0, 1.0, norms)


def word_row(word: str, word_index: dict[str, int], vocab_size: int) -> int:
    """The embedding row of ``word`` (rank + ``INDEX_FROM``), or a ValueError that says why there is none.

    Introduced in notebook 07.
    """
    if not isinstance(word, str) or not word.strip():
        raise ValueError("type a word, e.g. 'great'.")
    word = word.strip().lower()
    if word not in word_index:
        raise ValueError(f"'{word}' is not in IMDB's word index; try another spelling or a more common word.")
    row = word_index[word] + INDEX_FROM
    if row >= vocab_size:
        raise ValueError(
            f"'{word}' is in IMDB's word index (rank {word_index[word]:,}) but outside the {vocab_size:,} "
            "most frequent words the model keeps, so it has no row of its own (it reads as <oov>)."
        )
    return row


def nearest_neighbours(W, row: int, k: int = 8, first_word: int = FIRST_WORD) -> list[tuple[int, float]]:
    """The ``k`` rows most similar to row ``row`` (itself and the non-word rows left out), best first.

    Introduced in notebook 07.
    """
    k = check_positive_int(k, "k")
    W = np.asarray(W)
    if not (isinstance(row, (int, np.integer)) and first_word <= row < len(W)):
        raise ValueError(
            f"row must be a word's row, {first_word} to {len(W) - 1}, got {row!r}; use word_row(word, ...)."
        )
    others = len(W) - first_word - 1
    if k > others:
        raise ValueError(
            f"k={k} is more than the {others:,} other words this embedding has; choose k from 1 to {others:,}."
        )
    similarities = cosine_similarities(W, W[row])
    similarities[:first_word] = -np.inf
    similarities[row] = -np.inf
    best = np.argsort(-similarities, kind="stable")[:k]
    return [(int(i), float(similarities[i])) for i in best]


def describe_neighbours(word: str, W, word_index: dict[str, int], k: int = 8) -> str:
    """One line: ``word`` and its ``k`` nearest words with their cosine similarity; or why there are none.

    Never raises for an unknown word (it is meant for a text box); the message says what to do.

    Introduced in notebook 07.
    """
    try:
        row = word_row(word, word_index, len(W))
    except ValueError as error:
        return str(error)
    from helpers.imdb import index_to_word

    words = index_to_word(word_index)
    pairs = nearest_neighbours(W, row, k)
    return f"{word.strip().lower()}: " + ", ".join(f"{words[i]} {s:.2f}" for i, s in pairs)
