"""Exercises of notebook 02 (padding and truncating).

02.1 and 02.2 take the padded batch as integers in its nesting ``[[...]]`` (a nested list or the array
``pad_sequences`` returns), no floats; 02.3 is a count, so ``7.0`` is accepted.
"""

from helpers.exercises import count, integer_array, register

register(
    "02.1",
    integer_array([[4, 5, 6, 7]]),
    "truncating='pre' is the default: a sequence that is too long loses its first tokens.",
)
register(
    "02.2",
    integer_array([[1, 2, 0, 0]]),
    "padding='post' puts the zeros after the tokens.",
)
register(
    "02.3",
    count(7),
    "count the zeros: sequence_length minus the number of tokens, for each sentence.",
)
