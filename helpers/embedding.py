"""Looking inside a Keras ``Embedding`` layer: its weight matrix, its lookup, its size.

An ``Embedding(vocab_size, embedding_dim)`` layer holds one weight matrix ``W``
of shape ``(vocab_size, embedding_dim)``. Its output for a batch of token
indices is ``W[indices]``: row ``i`` of ``W`` for every token ``i``. The same
numbers come out of ``one_hot(indices, vocab_size) @ W``, which is why an
embedding is "a dense layer on one-hot inputs, without the multiplication".

These functions make each of those statements checkable in a notebook, and
give a one-line error when a token index lies outside the vocabulary, instead
of what the backends do with it: a TensorFlow traceback on a CPU, or no error
at all and a wrong vector, zeros from TensorFlow on a GPU op by op (its
documentation), the last real row from TensorFlow compiled with XLA, ``NaN``
from JAX (notebooks 03 and 09 measure them with Keras 3.15.1 on a CPU).

Introduced in notebook 03.
"""

import numpy as np

from helpers.validation import (
    check_indices_in_vocabulary,
    check_matrix_size,
    check_non_negative_int,
    check_positive_int,
)

#: Keras' default ``embeddings_initializer`` ("uniform") draws from this range.
DEFAULT_INIT_RANGE = 0.05


def make_embedding(vocab_size, embedding_dim, *, mask_zero: bool = False, seed: int = 42, name=None):
    """A built, seeded ``keras.layers.Embedding(vocab_size, embedding_dim)`` with checked sizes.

    The weights come from Keras' default initializer, ``RandomUniform(-0.05, 0.05)``,
    given ``seed`` so that the same call gives the same weights every time,
    whatever ran before it. ``vocab_size`` and ``embedding_dim`` must be whole
    numbers >= 1, and the matrix at most ``MAX_MATRIX_ELEMENTS`` numbers (a one-line
    error says so otherwise, instead of minutes of grinding and an out-of-memory error).

    Introduced in notebook 03.
    """
    vocab_size = check_positive_int(vocab_size, "vocab_size")
    embedding_dim = check_positive_int(embedding_dim, "embedding_dim")
    check_matrix_size(vocab_size, embedding_dim, f"Embedding({vocab_size}, {embedding_dim})")
    seed = check_non_negative_int(seed, "seed")
    import keras

    layer = keras.layers.Embedding(
        vocab_size,
        embedding_dim,
        embeddings_initializer=keras.initializers.RandomUniform(-DEFAULT_INIT_RANGE, DEFAULT_INIT_RANGE, seed=seed),
        mask_zero=bool(mask_zero),
        name=name,
    )
    layer.build((None, None))
    return layer


def weight_matrix(layer) -> np.ndarray:
    """The layer's weight matrix ``W`` as a NumPy array of shape ``(vocab_size, embedding_dim)``.

    Introduced in notebook 03.
    """
    if not hasattr(layer, "embeddings"):
        raise TypeError(
            f"expected a built keras.layers.Embedding, got {type(layer).__name__}; build it with make_embedding()."
        )
    return np.asarray(layer.embeddings.numpy())


def check_weights(weights) -> np.ndarray:
    """Return ``weights`` as a float array of shape ``(vocab_size, embedding_dim)``, else raise a one-line error.

    Introduced in notebook 03.
    """
    array = np.asarray(weights)
    if array.ndim != 2:
        raise ValueError(
            f"weights must be a 2-D matrix (vocab_size, embedding_dim), got shape {array.shape}; "
            "pass layer.get_weights()[0] or helpers.embedding.weight_matrix(layer)."
        )
    if array.shape[0] < 1 or array.shape[1] < 1:
        raise ValueError(f"weights has shape {array.shape}; it needs at least one row and one column.")
    if not np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.complexfloating):
        raise TypeError(f"weights must hold real numbers, got dtype {array.dtype}.")
    return array


def lookup_rows(weights, indices) -> np.ndarray:
    """``weights[indices]``: row ``i`` of the weight matrix for every token index ``i``.

    This is all an ``Embedding`` layer computes. The output has shape
    ``indices.shape + (embedding_dim,)``. An index outside ``[0, vocab_size)``
    raises a one-line ``ValueError`` that names it.

    Introduced in notebook 03.
    """
    weights = check_weights(weights)
    indices = check_indices_in_vocabulary(indices, weights.shape[0])
    return weights[indices]


def one_hot(indices, vocab_size) -> np.ndarray:
    """One-hot rows: ``one_hot(indices, vocab_size)[..., i]`` is 1 where the token is ``i``, else 0.

    Only the result is built (one row per token), never a ``vocab_size x vocab_size``
    identity matrix; a result over ``MAX_MATRIX_ELEMENTS`` numbers gets a one-line error.

    Introduced in notebook 03.
    """
    vocab_size = check_positive_int(vocab_size, "vocab_size")
    indices = check_indices_in_vocabulary(indices, vocab_size)
    check_matrix_size(indices.size, vocab_size, f"one_hot of {indices.size:,} tokens")
    rows = np.zeros(indices.shape + (vocab_size,), dtype="float32")
    np.put_along_axis(rows, indices[..., None], 1.0, axis=-1)
    return rows


def one_hot_matmul(weights, indices) -> np.ndarray:
    """``one_hot(indices, vocab_size) @ weights``: the lookup written as a matrix product.

    Each one-hot row has a single 1, so the product picks out one row of
    ``weights``; the result equals ``lookup_rows(weights, indices)`` (up to
    floating-point rounding, since it really multiplies and adds).

    Introduced in notebook 03.
    """
    weights = check_weights(weights)
    return one_hot(indices, weights.shape[0]) @ weights


def parameter_count(vocab_size, embedding_dim) -> int:
    """``vocab_size * embedding_dim``: the number of weights an ``Embedding`` layer holds (it has no bias).

    Introduced in notebook 03.
    """
    return check_positive_int(vocab_size, "vocab_size") * check_positive_int(embedding_dim, "embedding_dim")


def embed(layer, indices) -> np.ndarray:
    """Run ``layer`` on ``indices`` after checking every index is inside its vocabulary.

    A Keras ``Embedding`` given an index past its vocabulary does something
    different on each backend and device: a long error (TensorFlow and PyTorch on
    a CPU, PyTorch's device-side assert on a GPU, measured on an H200), no error and
    a wrong vector (the last real row from TensorFlow compiled with XLA, measured on a
    CPU; ``NaN`` from JAX; zeros from TensorFlow op by op on a GPU, by its documentation,
    not measured); this raises a one-line ``ValueError`` first (notebooks 03 and 09).

    Introduced in notebook 03.
    """
    if not hasattr(layer, "input_dim"):
        raise TypeError(f"expected a keras.layers.Embedding, got {type(layer).__name__}.")
    indices = check_indices_in_vocabulary(indices, layer.input_dim)
    import keras

    return keras.ops.convert_to_numpy(layer(indices))
