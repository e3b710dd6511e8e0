"""Exercises of notebook 00 (the short answer)."""

from helpers.exercises import equals, register

register(
    "00.1",
    equals(10_000 * 64),
    "one row of embedding_dim numbers per index: input_dim x output_dim.",
)
register(
    "00.2",
    equals((8, 200, 32)),
    "(batch size, sequence length, embedding_dim): one row of W per token of every review.",
)
