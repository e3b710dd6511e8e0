"""Word2vec's skip-gram with negative sampling, in Keras: the training examples and the model.

Skip-gram (Mikolov et al., 2013) asks of every pair of words: does ``context`` appear
within ``window_size`` words of ``centre`` in the text? The real pairs are labelled 1;
``num_negative`` words drawn at random for each real pair (from the word counts raised
to the power 0.75, as word2vec does) are labelled 0. The model is two ``Embedding``
tables, one for centre words and one for context words, a dot product of the two
rows, and a sigmoid: nothing but lookups and one multiplication.

Frequent words are thinned out first (word2vec's subsampling): a token of a word with
frequency ``f`` (its share of all word tokens, as word2vec and gensim count it: padding,
start and unknown tokens are no words) is kept with probability ``min(1, sqrt(t / f) + t / f)``,
so pairs with ``the`` and ``and`` do not drown the rest. Given the same counts, gensim's
``Word2Vec`` keeps each word with the same probability and draws its random words from
the same distribution (``tests/test_gensim_reference.py`` checks both).

Introduced in notebook 08.
"""

import numpy as np

from helpers.imdb_raw import FIRST_WORD
from helpers.validation import (
    check_index_sequences,
    check_matrix_size,
    check_non_negative_int,
    check_positive_int,
)


def _check_counts(counts, vocab_size: int | None = None) -> np.ndarray:
    """``counts`` as a float64 array if it holds one count (0 or more) per index, ``vocab_size`` of them when given."""
    try:
        counts = np.asarray(counts, dtype="float64")
    except (TypeError, ValueError):
        raise TypeError(
            "counts must be numbers, one per index; make them with word_counts(sequences, vocab_size)."
        ) from None
    if counts.ndim != 1 or (vocab_size is not None and len(counts) != vocab_size):
        wanted = f"({vocab_size},)" if vocab_size is not None else "(vocab_size,)"
        raise ValueError(
            f"counts has shape {counts.shape}, expected {wanted}: one count per index; "
            "make them with word_counts(sequences, vocab_size)."
        )
    if not (np.isfinite(counts).all() and (counts >= 0).all()):
        raise ValueError("counts must be finite and 0 or more; make them with word_counts(sequences, vocab_size).")
    return counts


def _check_threshold(threshold, name: str) -> float:
    """word2vec's subsampling threshold ``t``: a number above 0 (1e-3 to 1e-5 is usual)."""
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number such as 1e-3 (or None to keep every word), got {threshold!r}.")
    if not 0 < threshold < np.inf:
        raise ValueError(f"{name} must be above 0, got {threshold}; word2vec uses 1e-3 to 1e-5.")
    return float(threshold)


def build_skipgram_model(vocab_size: int, embedding_dim: int, num_negative: int, name: str = "skipgram"):
    """``centre (batch,)`` and ``contexts (batch, 1 + num_negative)`` -> the probability of each pair.

    Layers ``centre_embedding`` and ``context_embedding`` (each ``vocab_size x embedding_dim``),
    ``dot`` and ``sigmoid``: ``2 * vocab_size * embedding_dim`` weights, nothing else.

    Introduced in notebook 08 (which writes the same model in a cell).
    """
    vocab_size = check_positive_int(vocab_size, "vocab_size")
    embedding_dim = check_positive_int(embedding_dim, "embedding_dim")
    num_negative = check_positive_int(num_negative, "num_negative")
    check_matrix_size(vocab_size, embedding_dim, f"Embedding({vocab_size}, {embedding_dim})")
    import keras

    centre = keras.Input(shape=(), dtype="int32", name="centre")
    contexts = keras.Input(shape=(1 + num_negative,), dtype="int32", name="contexts")
    centre_vectors = keras.layers.Embedding(vocab_size, embedding_dim, name="centre_embedding")(centre)
    context_vectors = keras.layers.Embedding(vocab_size, embedding_dim, name="context_embedding")(contexts)
    scores = keras.layers.Dot(axes=(1, 2), name="dot")([centre_vectors, context_vectors])
    probabilities = keras.layers.Activation("sigmoid", name="sigmoid")(scores)
    return keras.Model([centre, contexts], probabilities, name=name)


def word_counts(sequences, vocab_size: int) -> np.ndarray:
    """How often each index occurs in ``sequences`` (a list of lists of indices), one count per index.

    Every index must be a whole number from 0 to ``vocab_size - 1`` (one line names the review
    and the value otherwise).

    Introduced in notebook 08.
    """
    vocab_size = check_positive_int(vocab_size, "vocab_size")
    arrays = check_index_sequences(sequences, vocab_size)
    if not arrays:
        return np.zeros(vocab_size, dtype=np.int64)
    return np.bincount(np.concatenate(arrays), minlength=vocab_size)


def keep_probability(counts, threshold: float) -> np.ndarray:
    """word2vec's subsampling: the chance that a token of each word is kept, ``min(1, sqrt(t/f) + t/f)``.

    Introduced in notebook 08.
    """
    counts = _check_counts(counts)
    threshold = _check_threshold(threshold, "threshold")
    frequency = counts / max(counts.sum(), 1)
    ratio = np.divide(threshold, frequency, out=np.full_like(frequency, np.inf), where=frequency > 0)
    return np.minimum(1.0, np.sqrt(ratio) + ratio)


def negative_distribution(counts, first_word: int = FIRST_WORD) -> np.ndarray:
    """Probability of drawing each index as a negative: counts ** 0.75, normalised, non-words at 0.

    Introduced in notebook 08.
    """
    first_word = check_non_negative_int(first_word, "first_word")
    weights = _check_counts(counts) ** 0.75
    weights[:first_word] = 0.0
    if weights.sum() == 0:
        raise ValueError(
            "no word occurs in the sequences, so there is nothing to draw negatives from; give longer texts."
        )
    return weights / weights.sum()


def skipgram_examples(
    sequences,
    vocab_size: int,
    window_size: int = 2,
    num_negative: int = 4,
    subsample: float | None = 1e-3,
    seed: int = 0,
    first_word: int = FIRST_WORD,
    counts=None,
):
    """Training examples for :func:`build_skipgram_model`: ``(centres, contexts, labels)``.

    ``centres`` has shape ``(n,)``; ``contexts`` and ``labels`` have shape
    ``(n, 1 + num_negative)``: column 0 is a word that really appears within
    ``window_size`` words of the centre (label 1), the other columns are words drawn
    at random (label 0). Indices below ``first_word`` (padding, start, unknown) are
    no words: they are removed first, never drawn, and not counted in the total that word
    frequencies are shares of. With ``subsample`` (word2vec's ``t``), frequent words are
    thinned out before pairs are formed; ``None`` keeps all.
    Pairs never cross from one sequence into the next. ``counts`` (default: counted in
    ``sequences``) are the word counts behind subsampling and the negatives' distribution;
    pass the whole corpus's counts when ``sequences`` is only a part of it.
    Every index must be a whole number from 0 to ``vocab_size - 1``: a float (even a whole
    one: a float array is refused), a negative index or one past the vocabulary is a
    one-line error naming the review (``sequences[i]``) and the value.

    Introduced in notebook 08.
    """
    vocab_size = check_positive_int(vocab_size, "vocab_size")
    window_size = check_positive_int(window_size, "window_size")
    num_negative = check_positive_int(num_negative, "num_negative")
    seed = check_non_negative_int(seed, "seed")
    first_word = check_non_negative_int(first_word, "first_word")
    if subsample is not None:
        subsample = _check_threshold(subsample, "subsample")
    arrays = check_index_sequences(sequences, vocab_size)
    rng = np.random.default_rng(seed)
    lengths = np.array([len(a) for a in arrays], dtype=np.int64)
    tokens = np.concatenate(arrays) if arrays else np.zeros(0, np.int64)
    owner = np.repeat(np.arange(len(arrays)), lengths)
    if counts is None:
        counts = np.bincount(tokens, minlength=vocab_size)  # word_counts(sequences, vocab_size), checked above
    else:
        counts = _check_counts(counts, vocab_size)
    keep = tokens >= first_word
    if subsample is not None:
        word_counts_only = np.where(np.arange(len(counts)) >= first_word, counts, 0)  # frequencies among words
        keep &= rng.random(tokens.size) < keep_probability(word_counts_only, subsample)[tokens]
    tokens, owner = tokens[keep], owner[keep]
    centres, contexts = [], []
    for offset in range(1, window_size + 1):
        same = owner[:-offset] == owner[offset:]
        left, right = tokens[:-offset][same], tokens[offset:][same]
        centres += [left, right]  # each pair both ways: a word is the other's context
        contexts += [right, left]
    centres = np.concatenate(centres) if centres else np.zeros(0, np.int64)
    positives = np.concatenate(contexts) if contexts else np.zeros(0, np.int64)
    order = rng.permutation(len(centres))
    centres, positives = centres[order], positives[order]
    negatives = rng.choice(vocab_size, size=(len(centres), num_negative), p=negative_distribution(counts, first_word))
    contexts = np.concatenate([positives[:, None], negatives], axis=1).astype("int32")
    labels = np.zeros(contexts.shape, dtype="float32")
    labels[:, 0] = 1.0
    return centres.astype("int32"), contexts, labels
