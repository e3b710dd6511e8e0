"""Exercises of notebook 10 (after the Embedding).

Each judge accepts only the kind of answer its question asks for: a tuple or list of whole numbers for 10.1
(not floats, bools or an array), letters for 10.2 (each once, in any case), two real numbers for 10.3 and 10.4
(a list, a tuple or a 1-D array; no bools, strings, ``None`` or NaN, no extra nesting). Near misses (a dimension
dropped, a letter too many, the masked mean instead of the unmasked one, the two accuracies swapped) are not
accepted.

Introduced in notebook 10.
"""

from helpers.exercises import close_to, letters, register, shape

register(
    "10.1",
    shape((2, 6, 8)),
    "Dense multiplies only the last axis by its (3, 8) kernel; the batch and the 6 positions stay. Give a tuple "
    "of whole numbers.",
)
register(
    "10.2",
    letters({"b", "c"}),
    "row 0 is what the padded positions look up; a layer that uses the mask never reads them, a layer that drops "
    "it (look at the table's supports_masking column) reads them like any word.",
)
register(
    "10.3",
    close_to((0.5, -0.4), atol=1e-6),
    "without the mask the average is over all 6 positions: masked mean * 4/6 + padding row * 2/6.",
)
register(
    "10.4",
    close_to((0.7, 0.82), atol=1e-6),
    "with the mask, accuracy counts only the 600 real steps; without it, all 1,000 steps, and the padded ones are "
    "all right. Give (with mask, without mask).",
)
