"""Exercises of notebook 01 (tokenizing the two sentences).

01.1 takes the sequence as integers only (a list, a tuple or an array); 01.2 is an ``input_dim``, which Keras
takes as an int, so ``8.0`` is not accepted; 01.3 is an index, so ``6.0`` is.
"""

from helpers.exercises import count, equals, integer_array, register

register(
    "01.1",
    integer_array([1, 4, 2, 5, 3]),
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
    count(6),
    "a default TextVectorization puts '' at 0 and '[UNK]' at 1; print tv.get_vocabulary() and find 'not'.",
)
