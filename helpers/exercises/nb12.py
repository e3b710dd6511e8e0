"""Exercises of notebook 12 (how big).

Each judge accepts only the kind of answer its question asks for: a whole number for 12.1 (an int, or an
integral float), a list of whole numbers for 12.2, a number between 0 and 1 for 12.3. 12.2 is judged against
``data/imdb_size.json``, the results the notebook reads, so the right answer is the one the notebook's own
comparisons give. Near misses (the table without Adam's two tables, or with only one; a size where the interval
touches 0; the share of rows holding two words or more, about 0.59, for 12.3) are not accepted. For 12.3 the share of
occupied rows, 1 - (1 - 1/b)**w, happens to be about the same number here.

Introduced in notebook 12.
"""

import numpy as np

from helpers.exercises import close_to, count, integer_array, register


def sizes_where_frozen_glove_is_worse() -> list[int]:
    """The data sweep's sizes where ``glove_frozen - random`` has a paired 95% interval below 0."""
    from helpers import seed_statistics, size_sweeps

    results = size_sweeps.load()
    counted = [r for r in results["runs"] if r["seed"] in results["seeds"] and not r.get("quick")]
    pairs = [tuple(p) for p in results["comparisons"]["pretrained"] if p[0].endswith("_glove_frozen")]
    return [
        int(row["arm"].split("_")[1])
        for row in seed_statistics.compare(counted, pairs)
        if row["difference"] is not None and row["difference"].high < 0
    ]


def _lazy(build):
    """A judge made on first use: reading the results file waits until a learner checks an answer."""
    judge = None

    def check(answer) -> bool:
        nonlocal judge
        judge = judge or build()
        return judge(answer)

    return check


register(
    "12.1",
    count(180_000_000),
    "50,000 x 300 numbers of 4 bytes is the table; Adam keeps two more tables of the same shape while it trains.",
)
register(
    "12.2",
    _lazy(lambda: integer_array(np.asarray(sizes_where_frozen_glove_is_worse(), dtype=int))),
    "look at the glove_frozen - random lines of the comparison cell: keep the sizes whose verdict is 'lower'.",
)
register(
    "12.3",
    close_to(0.865, atol=0.01),
    "a word shares its row when any of the 19,999 others lands there: 1 - (1 - 1/10000)**19999, about 1 - exp(-2).",
)
