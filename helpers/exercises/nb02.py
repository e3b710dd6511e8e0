"""Exercises of notebook 02 (padding and truncating)."""

from helpers.exercises import equals, register

register(
    "02.1",
    equals([[4, 5, 6, 7]]),
    "truncating='pre' is the default: a sequence that is too long loses its first tokens.",
)
register(
    "02.2",
    equals([[1, 2, 0, 0]]),
    "padding='post' puts the zeros after the tokens.",
)
register(
    "02.3",
    equals(7),
    "count the zeros: sequence_length minus the number of tokens, for each sentence.",
)
