"""Directions in a trained embedding: a 2-D PCA picture and the sentiment direction.

Introduced in notebook 07.
"""

import numpy as np

from helpers.validation import check_indices_in_vocabulary


def pca_2d(X: np.ndarray):
    """Project the rows of ``X`` onto their first two principal components (NumPy SVD, no scikit-learn).

    Returns ``(points, explained)``: an ``(n, 2)`` array and the share of the
    variance each of the two components explains.

    Introduced in notebook 07.
    """
    X = np.asarray(X, dtype="float64")
    centred = X - X.mean(axis=0)
    _, singular_values, components = np.linalg.svd(centred, full_matrices=False)
    points = centred @ components[:2].T
    explained = singular_values[:2] ** 2 / np.sum(singular_values**2)
    # Fix the sign of each component, so the picture does not flip between machines.
    signs = np.sign(points[np.argmax(np.abs(points), axis=0), [0, 1]])
    return points * signs, explained


def sentiment_direction(W, positive_rows, negative_rows) -> np.ndarray:
    """Unit vector from the mean of the negative words' rows to the mean of the positive words' rows.

    Introduced in notebook 07.
    """
    W = np.asarray(W, dtype="float64")
    direction = W[list(positive_rows)].mean(axis=0) - W[list(negative_rows)].mean(axis=0)
    return direction / np.linalg.norm(direction)


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
    rows = check_indices_in_vocabulary(rows, embedding.input_dim)
    if rows.ndim != 1:
        raise ValueError(f"rows must be a flat list of row numbers, got shape {rows.shape}.")
    reviews = np.stack([np.full(len(rows), start_index), rows], axis=1).astype("int32")
    return model.predict(reviews, batch_size=batch_size, verbose=0)[:, 0]
