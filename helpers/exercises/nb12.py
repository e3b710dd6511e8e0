"""Exercises of notebook 12 (how big).

Each judge accepts only the kind of answer its question asks for: a whole number for 12.1 (an int, or an integral
float), a list of whole numbers for 12.2, a number between 0 and 1 for 12.3, a whole number for 12.4. 12.2 and 12.4
are judged against ``data/imdb_size.json`` (12.4 also ``data/dim_cost_tensorflow_cpu.json``), the results the
notebook reads, so the right answer is the one the notebook's own tables give. Near misses (the table without
Adam's two tables, or with only one; a size where the interval touches 0; the share of rows holding two words or
more, about 0.59, for 12.3) are not accepted. For 12.3 the share of occupied rows, 1 - (1 - 1/b)**w, happens to be
about the same number here.

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


def largest_dimension_within(accuracy_budget: float = 0.006, time_budget: float = 2.0) -> int:
    """The largest ``output_dim`` of the dimension sweep whose mean test accuracy is at most ``accuracy_budget``
    below the best mean and whose training step takes at most ``time_budget`` times the step at 32 dimensions."""
    from helpers import data_files, size_sweeps

    results = size_sweeps.load()
    means = {d: float(np.mean(v)) for d, v in size_sweeps.group_curve(results, "dim")}
    cost = data_files.read_json("dim_cost_tensorflow_cpu.json")
    ratio = {d: cost["ratios"].get(f"dim_{d}/dim_32", {"mean": 1.0})["mean"] for d in means}
    best = max(means.values())
    return max(d for d in means if means[d] >= best - accuracy_budget and ratio[d] <= time_budget)


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
register(
    "12.4",
    _lazy(lambda: count(largest_dimension_within())),
    "keep the rows of the dimension table whose mean is within 0.006 of the best and whose step is at most 2 times"
    " the step at 32 (the benchmark's table); the answer is the largest output_dim left.",
)
