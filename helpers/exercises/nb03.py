"""Exercises of notebook 03 (the embedding lookup): a shape (03.1: a tuple or list of integers, or the
``TensorShape`` of the output itself), a count (03.2) and a row number (03.3); the last two accept an
integral float such as ``3.0``.
"""

from helpers.exercises import count, register, shape

register(
    "03.1",
    shape((4, 7, 3)),
    "the output adds one axis of length embedding_dim to the shape of the indices: (batch, sequence_length, "
    "embedding_dim).",
)
register(
    "03.2",
    count(20_000 * 64),
    "an Embedding layer has vocab_size * embedding_dim weights and no bias.",
)
register(
    "03.3",
    count(3),
    "output[1, 4] is the row of W whose number is the token index data[1, 4].",
)
