"""Exercises of notebook 01 (tokenizing the two sentences)."""

from helpers.exercises import equals, register

register(
    "01.1",
    equals([1, 4, 2, 5, 3]),
    "use the seed's word index {'this': 1, 'is': 2, 'a': 3, 'text': 4, 'not': 5}; "
    "the legacy rule drops a word it has never seen.",
)
register(
    "01.2",
    equals(8),
    "index 0 is kept for padding, so input_dim is the number of distinct words plus one.",
)
register(
    "01.3",
    equals(6),
    "a default TextVectorization puts '' at 0 and '[UNK]' at 1; print tv.get_vocabulary() and find 'not'.",
)
