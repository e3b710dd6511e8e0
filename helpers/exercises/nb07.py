"""Exercises of notebook 07 (inside the learned embedding)."""

import numpy as np

from helpers.exercises import equals, register


def _close_to(expected):
    def judge(answer) -> bool:
        return bool(np.isclose(float(answer), expected))

    return judge


register("07.1", equals(5000), "one line per row of W: vocab_size rows, with nothing left out.")
register("07.2", _close_to(-1.0), "-2 * v points exactly the other way; cosine similarity ignores length.")
register("07.3", equals((1000, 2)), "one row per word (4 to 1003 is 1,000 words), two coordinates each.")
