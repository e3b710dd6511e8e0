"""Directions in a trained embedding: a 2-D PCA picture and the sentiment direction.

Introduced in notebook 07.
"""

import numpy as np


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
    explained = singular_values[:2] ** 2 / np.sum(singular_values ** 2)
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

    Introduced in notebook 07.
    """
    rows = np.asarray(rows)
    reviews = np.stack([np.full(len(rows), start_index), rows], axis=1).astype("int32")
    return model.predict(reviews, batch_size=batch_size, verbose=0)[:, 0]
