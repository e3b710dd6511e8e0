"""The sweeps of ``experiments/imdb_size.py`` (``data/imdb_size.json``) as curves: one list of seeds per point.

Notebook 12 draws and compares them. Every point holds one value per seed (a seed counts once,
whatever number of machines ran it: ``seed_statistics.one_run_per_seed``); a difference between two
arms is taken seed by seed over the pairs ``seed_statistics.one_pair_per_seed`` allows (same seed, same
kind of machine), so its band is the paired interval. The arms are read from the results file's own
``groups``, and each point's position from its runs' settings, so nothing here repeats the design.

Introduced in notebook 12.
"""

RESULTS_FILE = "imdb_size.json"
#: What each sweep varies, as its runs record it.
X_OF = {
    "dim": "embedding_dim",
    "vocab": "num_words",
    "hash": "hash_bins",
    "data": "train_size",
    "shuffled": "train_size",
    "slow": "train_size",
}


def load() -> dict:
    """``data/imdb_size.json``, checked to hold a list of runs (``experiments.load_results``)."""
    from helpers.experiments import load_results

    return load_results(RESULTS_FILE)


def counted(results: dict, arm: str) -> list[dict]:
    """An arm's runs that count: one per seed of the design (the tuning seed is not one of them)."""
    from helpers.seed_statistics import one_run_per_seed

    return [r for r in one_run_per_seed(results["runs"], arm) if r["seed"] in results["seeds"]]


def curve(results: dict, arms, x: str, key: str = "test_accuracy") -> list[tuple[float, list[float]]]:
    """``(x, values)`` per arm of ``arms`` that has runs, sorted by x: ``x`` read from the runs' settings."""
    points = []
    for arm in arms:
        runs = counted(results, arm)
        if runs:
            points.append((runs[0][x], [r[key] for r in runs]))
    return sorted(points)


def group_curve(results: dict, group: str, key: str = "test_accuracy", start: str | None = None, also=()):
    """The curve of one sweep (``dim``, ``vocab``, ``hash``, ``data``), of one ``start`` for ``data``.

    ``also`` adds arms of other groups that sit on the same curve (``dim_32`` is the vocabulary sweep's 5,000).
    """
    arms = [a for a in results["groups"][group] if start is None or a.endswith("_" + start)]
    return curve(results, [*arms, *also], X_OF[group], key)


def difference_curve(results: dict, pairs, x: str, key: str = "test_accuracy") -> list[tuple[float, list[float]]]:
    """``(x, arm - baseline per paired seed)`` for each ``(arm, baseline)`` of ``pairs`` with a pair yet."""
    from helpers.seed_statistics import one_pair_per_seed, per_seed

    points = []
    for arm, baseline in pairs:
        units = one_pair_per_seed(results["runs"], arm, baseline, key)
        units = [u for u in units if u[0] in results["seeds"]]
        if units:
            a, b = per_seed(results["runs"], arm, key), per_seed(results["runs"], baseline, key)
            position = counted(results, arm)[0][x]
            points.append((position, [a[u] - b[u] for u in units]))
    return sorted(points)


def fourth_root_rule(vocabulary: int) -> float:
    """``number_of_categories**0.25``: the Google Developers Blog's "Introducing TensorFlow Feature Columns" (2017)."""
    return vocabulary**0.25


def fastai_rule(categories: int) -> int:
    """fast.ai's ``emb_sz_rule``: ``min(600, round(1.6 * n_cat ** 0.56))`` (fastai.tabular.model)."""
    return min(600, round(1.6 * categories**0.56))


def progress(results: dict, group: str) -> tuple[int, int]:
    """``(runs done, runs planned)`` of one sweep: each arm of the group once per seed of the design."""
    done = sum(len(counted(results, arm)) for arm in results["groups"][group])
    return done, len(results["groups"][group]) * len(results["seeds"])


def complete(results: dict, group: str) -> bool:
    """Whether every arm of the sweep has a counted run for every seed of the design."""
    done, planned = progress(results, group)
    return done == planned
