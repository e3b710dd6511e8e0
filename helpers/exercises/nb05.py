"""Exercises of notebook 05 (how the vectors learn).

05.1 and 05.2 take the sorted rows as integers only (a list, a tuple or an array: ``[4.0, 7.0]`` and
``[True, 2]`` are not rows); 05.3 is a count, so an integral float is accepted.

Introduced in notebook 05.
"""

from helpers.exercises import count, integer_array, register
from helpers.learning import TOY_REVIEWS
from helpers.text import build_word_index

register(
    "05.1",
    integer_array([4, 7]),
    "plain SGD changes exactly the rows of the tokens in the batch; a repeated token is still one row.",
)
register(
    "05.2",
    integer_array([1, 2]),
    "row 2 is in the batch, and row 1 still has momentum from step 1.",
)
register(
    "05.3",
    count((len(build_word_index([review for review, _ in TOY_REVIEWS])) + 1) * 2),
    "count the words (len(toy_index)), add one row for padding, multiply by the 2 dimensions.",
)
