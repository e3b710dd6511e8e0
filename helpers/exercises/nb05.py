"""Exercises of notebook 05 (how the vectors learn).

Introduced in notebook 05.
"""

from helpers.exercises import equals, register
from helpers.learning import TOY_REVIEWS
from helpers.text import build_word_index

register(
    "05.1",
    equals([4, 7]),
    "plain SGD changes exactly the rows of the tokens in the batch; a repeated token is still one row.",
)
register(
    "05.2",
    equals([1, 2]),
    "row 2 is in the batch, and row 1 still has momentum from step 1.",
)
register(
    "05.3",
    equals((len(build_word_index([review for review, _ in TOY_REVIEWS])) + 1) * 2),
    "count the words (len(toy_index)), add one row for padding, multiply by the 2 dimensions.",
)
