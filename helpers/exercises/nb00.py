"""Exercises of notebook 00 (the short answer): a count (00.1; ``640000.0`` is accepted, ``640000.5`` is not) and a
shape (00.2: a tuple or list of integers)."""

from helpers.exercises import count, register, shape

register(
    "00.1",
    count(10_000 * 64),
    "one row of embedding_dim numbers per index: input_dim x output_dim.",
)
register(
    "00.2",
    shape((8, 200, 32)),
    "(batch size, sequence length, embedding_dim): one row of W per token of every review.",
)
