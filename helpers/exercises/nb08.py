"""Exercises of notebook 08 (word2vec, GloVe and the Embedding layer).

08.1, 08.3 and 08.4 are counts (an integral float such as ``2.0`` is accepted, ``2.5`` is not); 08.2 is a (5, 2)
matrix of real numbers, as nested lists or an array, exactly that shape (no bools, strings or ``None``); 08.5
is one number (not a string, not a one-element list), within 0.0005 of the chance loss.
"""

import numpy as np

from helpers.exercises import close_to, count, register

#: Exercise 08.2: a TextVectorization-style vocabulary (row 0 padding, row 1 unknown) and a few GloVe-like vectors.
TINY_VOCABULARY = ["", "[UNK]", "good", "film", "zyxwv"]
TINY_VECTORS = {"film": [3.0, 4.0], "good": [1.0, 2.0], "bad": [-1.0, -2.0]}


# Exercise 08.2's matrix: rows 2 and 3 are the vectors of 'good' and 'film', the rest stay zero.
_TINY_MATRIX = [[0.0, 0.0], [0.0, 0.0], [1.0, 2.0], [3.0, 4.0], [0.0, 0.0]]


register(
    "08.1",
    count(2_000_000),
    "two tables, one for centre words and one for context words, each vocab_size x embedding_dim; "
    "the dot product and the sigmoid add no weights.",
)
register(
    "08.2",
    close_to(_TINY_MATRIX, atol=1e-6),
    "one row per vocabulary entry (5 rows of 2); row i gets the vector of TINY_VOCABULARY[i] "
    "if TINY_VECTORS has it, else stays zero (rows 0 and 1 are reserved).",
)
register(
    "08.3",
    count(2),
    "the vocabulary already holds '' (index 0) and '[UNK]' (index 1); count the rows whose index "
    "is len(vocabulary) or more.",
)
register(
    "08.4",
    count(60_501),
    "a frozen Embedding trains nothing; count the LSTM's 4 x (50 x 100 + 100 x 100 + 100) "
    "and the Dense layer's 100 + 1.",
)


def _chance_loss(num_negative: int) -> float:
    """The loss of a model that says the base rate 1 / (1 + num_negative) to every pair: its entropy, in nats."""
    p = 1 / (1 + num_negative)
    return float(-(p * np.log(p) + (1 - p) * np.log(1 - p)))


register(
    "08.5",
    close_to(_chance_loss(9), atol=0.0005),
    "one pair in 1 + 9 is real, so the base rate is p = 0.1; the loss of saying p to every pair is "
    "-(p ln p + (1 - p) ln (1 - p)).",
)
