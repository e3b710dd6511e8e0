"""Exercises of notebook 03 (the embedding lookup)."""

from helpers.exercises import equals, register

register(
    "03.1",
    equals((4, 7, 3)),
    "the output adds one axis of length embedding_dim to the shape of the indices: (batch, sequence_length, "
    "embedding_dim).",
)
register(
    "03.2",
    equals(20_000 * 64),
    "an Embedding layer has vocab_size * embedding_dim weights and no bias.",
)
register(
    "03.3",
    equals(3),
    "output[1, 4] is the row of W whose number is the token index data[1, 4].",
)
