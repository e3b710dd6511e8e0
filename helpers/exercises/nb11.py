"""Exercises of notebook 11 (beyond words).

Each judge accepts only the kind of answer its question asks for: a whole number for 11.1 and 11.3 (an int, or
an integral float), a tuple or list of whole numbers for 11.2, and a list of two whole numbers for 11.4. Near
misses (the table counted twice for its two inputs, the frozen rows counted as trained, a dimension dropped,
the rows counted from 0 without the unknown row) are not accepted.

Introduced in notebook 11.
"""

from helpers.exercises import count, integer_array, register, shape

register(
    "11.1",
    count(200),
    "one layer called twice is one table: count its rows times its numbers once, whatever the number of inputs.",
)
register(
    "11.2",
    shape((8, 20, 12, 16)),
    "the output is the input's shape with output_dim added at the end. Give a tuple of whole numbers.",
)
register(
    "11.3",
    count(25_000),
    "only the new rows are trainable; the pretrained rows are in a weight the optimizer never sees.",
)
register(
    "11.4",
    integer_array([2, 0]),
    "row 0 is kept for every code the lookup does not know (num_oov_indices=1), so the known codes start at row 1.",
)
