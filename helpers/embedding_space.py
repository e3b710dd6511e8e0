"""Inside a trained embedding: nearest words by cosine similarity, the 2-D PCA picture, the sentiment
direction, one-word scores read against a neutral reference, whether neighbours share sentiment,
and the files for TensorFlow's Embedding Projector.

Introduced in notebook 07.
"""

from pathlib import Path

import numpy as np

from helpers import data_files
from helpers.imdb_raw import FIRST_WORD, INDEX_FROM, RESERVED_WORDS
from helpers.validation import (
    check_indices_in_vocabulary,
    check_non_negative_int,
    check_positive_int,
    check_row_indices,
)

#: Rows of an IMDB embedding that are not words: padding, start, out of vocabulary, and index 3,
#: which Keras' offset (rank + INDEX_FROM, ranks from 1) never uses.
NOT_WORDS = {**RESERVED_WORDS, INDEX_FROM: "<unused>"}


def _table(W, name: str = "W", needs: tuple[int, int] = (1, 1), why: str = "a table of word vectors") -> np.ndarray:
    """``W`` as a float64 array if it is a 2-D table of numbers with at least ``needs`` (rows, columns), else raise."""
    try:
        W = np.asarray(W, dtype="float64")
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a table of numbers (rows x dimensions), got {type(W).__name__}; "
            "pass e.g. layer.get_weights()[0]."
        ) from None
    if W.ndim != 2:
        raise ValueError(f"{name} must be a table (rows x dimensions), got shape {W.shape}; pass the 2-D matrix.")
    rows, columns = needs
    if len(W) < rows or W.shape[1] < columns:
        raise ValueError(
            f"{name} has shape {W.shape}, but {why} needs at least {rows} row{'s' * (rows > 1)} "
            f"and {columns} column{'s' * (columns > 1)}."
        )
    return W


def cosine_similarities(W: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Cosine similarity of ``vector`` with every row of ``W``: ``W @ v / (|W_i| |v|)``.

    Introduced in notebook 07.
    """
    W = _table(W)
    vector = np.asarray(vector, dtype="float64")
    if vector.shape != (W.shape[1],):
        raise ValueError(
            f"vector has shape {vector.shape} but W's rows have {W.shape[1]} numbers; pass one row, e.g. W[row]."
        )
    norms = np.linalg.norm(W, axis=1) * np.linalg.norm(vector)
    return (W @ vector) / np.where(norms == 0, 1.0, norms)


def word_row(word: str, word_index: dict[str, int], vocab_size: int) -> int:
    """The embedding row of ``word`` (rank + ``INDEX_FROM``), or a ValueError that says why there is none.

    Introduced in notebook 07.
    """
    if not isinstance(word, str) or not word.strip():
        raise ValueError("type a word, e.g. 'great'.")
    vocab_size = check_positive_int(vocab_size, "vocab_size")
    if not isinstance(word_index, dict):
        raise TypeError(
            f"word_index must be a dict word -> rank, got {type(word_index).__name__}; use imdb.get_word_index()."
        )
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
    first_word = check_non_negative_int(first_word, "first_word")
    W = _table(W)
    if not (isinstance(row, (int, np.integer)) and not isinstance(row, bool) and first_word <= row < len(W)):
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


def pca_2d(X: np.ndarray):
    """Project the rows of ``X`` onto their first two principal components (NumPy SVD, no scikit-learn).

    Returns ``(points, explained)``: an ``(n, 2)`` array and the share of the
    variance each of the two components explains. ``X`` needs at least 2 rows and 2 columns
    of finite numbers, not all the same point (else there is no spread to explain).

    Introduced in notebook 07.
    """
    X = _table(X, "X", (2, 2), "pca_2d")
    if not np.isfinite(X).all():
        raise ValueError("X holds NaN or infinity; PCA needs finite numbers (was the model trained to NaN?).")
    centred = X - X.mean(axis=0)
    _, singular_values, components = np.linalg.svd(centred, full_matrices=False)
    if not np.any(singular_values):
        raise ValueError(f"all {len(X):,} rows of X are the same point, so there is no spread for PCA to explain.")
    points = centred @ components[:2].T
    explained = singular_values[:2] ** 2 / np.sum(singular_values**2)
    # Fix the sign of each component, so the picture does not flip between machines.
    signs = np.sign(points[np.argmax(np.abs(points), axis=0), [0, 1]])
    return points * signs, explained


def sentiment_direction(W, positive_rows, negative_rows) -> np.ndarray:
    """Unit vector from the mean of the negative words' rows to the mean of the positive words' rows.

    Each list holds row numbers of ``W``, 0 to ``len(W) - 1`` (a negative row, which NumPy
    would read from the end, a float or ``True``/``False`` is a one-line error).

    Introduced in notebook 07.
    """
    W = _table(W)
    positive_rows = check_row_indices(positive_rows, len(W), "positive_rows")
    negative_rows = check_row_indices(negative_rows, len(W), "negative_rows")
    direction = W[positive_rows].mean(axis=0) - W[negative_rows].mean(axis=0)
    length = np.linalg.norm(direction)
    if not length > 0:
        raise ValueError(
            "the positive and negative rows have the same mean, so there is no direction between them; "
            "choose different rows."
        )
    return direction / length


def single_word_scores(model, rows, start_index: int = 1, batch_size: int = 1024) -> np.ndarray:
    """The model's positive probability for each one-word review ``[<start>, row]``.

    Every row must exist in the model's ``Embedding`` (0 to ``input_dim - 1``): a
    one-line error names the first that does not (Keras would count -1 from the end
    without a word, and raise a long error for a row past the end).

    Introduced in notebook 07.
    """
    import keras

    embedding = next((layer for layer in model.layers if isinstance(layer, keras.layers.Embedding)), None)
    if embedding is None:
        raise TypeError("model has no Embedding layer; pass the IMDB model from notebook 06.")
    batch_size = check_positive_int(batch_size, "batch_size")
    start_index = check_non_negative_int(start_index, "start_index")
    if start_index >= embedding.input_dim:
        raise ValueError(
            f"start_index={start_index} is past the model's {embedding.input_dim:,} rows; IMDB's <start> is 1."
        )
    if isinstance(rows, (list, tuple)) and any(isinstance(row, (bool, np.bool_)) for row in rows):
        raise TypeError("rows holds True/False, not row numbers; turn a mask into rows with np.flatnonzero(mask).")
    rows = check_indices_in_vocabulary(rows, embedding.input_dim)
    if rows.ndim != 1:
        raise ValueError(f"rows must be a flat list of row numbers, got shape {rows.shape}.")
    reviews = np.stack([np.full(len(rows), start_index), rows], axis=1).astype("int32")
    return model.predict(reviews, batch_size=batch_size, verbose=0)[:, 0]


def score_norm(reference: float):
    """A matplotlib colour norm for scores from 0 to 1, centred on ``reference``.

    0 to ``reference`` fills the lower half of a diverging colour map and ``reference`` to 1 the
    upper half, so the map's middle colour marks the reference: for one-word scores, the score of
    a review with no words (``[<start>]`` alone), not 0.5.

    Introduced in notebook 07.
    """
    from matplotlib.colors import TwoSlopeNorm

    try:
        reference = float(reference)
    except (TypeError, ValueError):
        raise TypeError(f"reference must be a score between 0 and 1, got {reference!r}.") from None
    if not 0 < reference < 1:
        raise ValueError(
            f"reference must be a score strictly between 0 and 1, got {reference}; "
            "pass the model's score of a review with no words, e.g. [<start>] alone."
        )
    return TwoSlopeNorm(vmin=0.0, vcenter=reference, vmax=1.0)


def same_side_share(W_words, scores, reference: float, k: int = 6, chunk: int = 1024) -> tuple[float, float]:
    """How often a word's ``k`` nearest neighbours score on the same side of ``reference`` as the word.

    ``W_words`` has one row per word and ``scores`` one score per word, in the same order. Each
    word's ``k`` nearest are by cosine similarity, the word itself left out; a score equal to
    ``reference`` counts as below it. Returns ``(share, chance)``: the share over all words and
    their ``k`` neighbours, and the share that neighbours drawn at random from the other words
    would give, ``(a(a - 1) + b(b - 1)) / (n(n - 1))`` for ``a`` words above and ``b`` below.

    Introduced in notebook 07.
    """
    W_words = np.asarray(W_words, dtype="float64")
    scores = np.asarray(scores, dtype="float64")
    if W_words.ndim != 2 or scores.shape != (len(W_words),):
        raise ValueError(
            f"W_words must be (words, dimensions) and scores one per word; got {W_words.shape} and {scores.shape}."
        )
    n = len(W_words)
    k = check_positive_int(k, "k")
    chunk = check_positive_int(chunk, "chunk")
    if n < 2:
        raise ValueError(f"same_side_share needs at least 2 words, got {n}; pass the rows of several words.")
    if k > n - 1:
        raise ValueError(f"k={k} is more than the {n - 1:,} other words; choose k from 1 to {n - 1:,}.")
    norms = np.linalg.norm(W_words, axis=1, keepdims=True)
    unit = W_words / np.where(norms == 0, 1.0, norms)
    above = scores > reference
    same = 0
    for start in range(0, n, chunk):
        similarities = unit[start : start + chunk] @ unit.T
        similarities[np.arange(len(similarities)), np.arange(start, start + len(similarities))] = -np.inf
        nearest = np.argpartition(-similarities, k - 1, axis=1)[:, :k]
        same += int(np.sum(above[nearest] == above[start : start + chunk, None]))
    a = int(above.sum())
    b = n - a
    return same / (n * k), (a * (a - 1) + b * (b - 1)) / (n * (n - 1))


def default_export_dir() -> Path:
    """``data/exports/`` of the repository (git ignores it), else ``./exports``.

    Introduced in notebook 07.
    """
    if data_files.REPOSITORY_DATA.is_dir():
        return data_files.REPOSITORY_DATA / "exports"
    return Path.cwd() / "exports"


def _projector_label(label, row: int) -> str:
    """``label`` as the text of one ``metadata.tsv`` cell, or a one-line ValueError naming it and its row.

    The Projector splits ``metadata.tsv`` into lines at every newline and into columns at every
    tab, with no quoting or escaping, and it skips blank lines. A label holding a tab or a line
    break (or a blank one) would therefore shift every later label against its vector, so it is
    refused rather than escaped: the Projector would show an escaped label as typed, ``\\t`` and all.
    """
    text = str(label)
    if not text.strip():
        raise ValueError(
            f"labels[{row}] is {text!r}, a blank label; the Projector skips blank lines of metadata.tsv, so every "
            "later label would slide onto the wrong vector: give the row a word."
        )
    if "\t" in text or text.splitlines() != [text]:
        raise ValueError(
            f"labels[{row}] is {text!r}, which holds a tab or a line break; metadata.tsv has one line per row and "
            "the Projector splits it at tabs: replace them, e.g. ' '.join(label.split())."
        )
    return text


def export_for_projector(W, labels: dict[int, str], scores=None, folder=None):
    """Write the rows listed in ``labels`` (row -> word) to ``vectors.tsv`` and ``metadata.tsv``.

    ``vectors.tsv``: one row per word, its numbers separated by tabs, no header.
    ``metadata.tsv``: one line per word, in the same order; with ``scores`` (one per listed
    row) each line is ``word<TAB>score`` under a header line ``word<TAB>positive_probability``.
    A single column has no header line: the Projector reads a one-column file as labels
    only (TensorFlow's Embedding Projector guide: "If the TSV metadata file has only a single
    column, then we don't expect a header row"), so a header would become the first label.
    Every row must be a row of ``W`` (0 to ``len(W) - 1``). Returns the two paths.

    The two files pair up line by line, so every label must fit on one line of one column:
    a label holding a tab or a line break (``\\n``, ``\\r`` or any other that ends a line), or a
    blank one, is a one-line ``ValueError`` naming the label and its row, before anything is
    written. Labels are refused rather than escaped, because the Projector reads
    ``metadata.tsv`` without quoting or escapes.

    Introduced in notebook 07.
    """
    W = _table(W)
    if not isinstance(labels, dict):
        raise TypeError(f"labels must be a dict row -> word, e.g. {{4: 'the'}}, got {type(labels).__name__}.")
    rows = check_row_indices(list(labels), len(W), "labels' rows").tolist()
    if scores is not None and len(scores) != len(rows):
        raise ValueError(
            f"scores has {len(scores):,} numbers but labels lists {len(rows):,} rows; give one score per listed row."
        )
    words = [_projector_label(labels[r], r) for r in rows]
    folder = Path(folder) if folder is not None else default_export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    vectors_path, metadata_path = folder / "vectors.tsv", folder / "metadata.tsv"
    np.savetxt(vectors_path, W[rows], delimiter="\t", fmt="%.5f")
    with open(metadata_path, "w", encoding="utf-8") as f:
        if scores is None:
            f.writelines(f"{word}\n" for word in words)
        else:
            f.write("word\tpositive_probability\n")
            f.writelines(f"{word}\t{s:.3f}\n" for word, s in zip(words, scores))
    return vectors_path, metadata_path
