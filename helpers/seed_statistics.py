"""Means over seeds with 95% intervals, and paired differences between two arms.

An experiment in this series trains each *arm* (one recipe) once per seed, with the
seeds fixed before any run. Over those seeds an arm gets a mean and a Student-t
confidence interval; two arms are compared by the *paired* difference, pair by pair, with
its own interval. A claim is made only where that interval excludes 0.

A *pair* is the same seed on the same kind of machine (:func:`machine_kind`: CPU name, vector
units and, for runs that record it, the CPU's family, model, stepping and flags; cores,
backend, Keras version). Runs made before the CPU signature was recorded (2026-12-02) pair by
name and vector units alone, which notebook 06's training cell shows can hide two CPU
generations. The same seed gives both arms the same start, split and batch order where the arms
allow it, but only on the same kind of CPU does it give the same arithmetic: measured in
``data/imdb_experiments.json``, a seed whose early stopping kept epoch 3 reproduces the 3-epoch
arm's accuracy exactly on one CPU (seed 4, avx2 both) and differs by up to 0.019 when the two
ran on CPUs with different vector units (avx2 against avx512), as much as any difference the
experiments could detect. A run on another kind of machine is therefore a run of its own, never
one half of a pair. A seed counts once in an interval, whatever number of machines ran it
(:func:`one_pair_per_seed`, :func:`one_run_per_seed`: the first to finish).

Making several comparisons raises the chance that one of them excludes 0 by luck: with
``m`` comparisons at 95% each and no true difference anywhere, that chance is at most
``1 - 0.95**m`` when the comparisons are independent, and lower when they overlap (``a - c``
follows from ``a - b`` and ``b - c``). ``family_note`` says it in words, and every comparison
also carries the wider Bonferroni interval (each at ``1 - 0.05/m``), which keeps the chance of
any false claim at or below 5% either way.

Introduced in notebook 06; notebook 08 uses it too.
"""

from dataclasses import dataclass

import numpy as np

#: The confidence of every interval the series reports.
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Interval:
    """A mean over ``n`` seeds and its confidence interval ``[low, high]``."""

    mean: float
    low: float
    high: float
    n: int
    confidence: float = CONFIDENCE

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0

    def format(self, digits: int = 4, signed: bool = False) -> str:
        sign = "+" if signed else ""
        return f"{self.mean:{sign}.{digits}f} [{self.low:{sign}.{digits}f}, {self.high:{sign}.{digits}f}]"


def mean_interval(values, confidence: float = CONFIDENCE) -> Interval:
    """The mean of ``values`` (one per seed) with its Student-t interval at ``confidence``.

    Needs at least two values: one seed has no spread to estimate.
    """
    from scipy import stats

    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or len(values) < 2:
        raise ValueError(f"an interval needs at least 2 values (one per seed), got {values.size}")
    if not np.all(np.isfinite(values)):
        raise ValueError("every value must be a finite number")
    mean = float(values.mean())
    half = float(stats.t.ppf(0.5 + confidence / 2, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values)))
    return Interval(mean, mean - half, mean + half, len(values), confidence)


#: What a run's arithmetic depends on besides its seed: the keys of its ``machine`` record that make a pair.
MACHINE_KIND_KEYS = ("cpu", "vector_extensions", "cpu_signature", "cores", "backend", "keras")


def machine_kind(run) -> str:
    """The kind of machine ``run`` ran on, as one string (``"?"`` for what its record lacks)."""
    machine = run.get("machine", {})
    return " | ".join(str(machine.get(key, "?")) for key in MACHINE_KIND_KEYS)


def pairing_unit(run) -> tuple[int, str]:
    """``(seed, machine kind)``: two arms' runs pair when these are equal."""
    return run["seed"], machine_kind(run)


def per_seed(runs, arm: str, key: str) -> dict[tuple[int, str], float]:
    """``{(seed, machine kind): value}`` of one arm's complete (non-quick) runs."""
    values = {}
    for run in runs:
        if run["arm"] == arm and not run.get("quick"):
            unit = pairing_unit(run)
            if unit in values:
                raise ValueError(f"arm {arm!r} has two runs of seed {unit[0]} on one kind of machine ({unit[1]})")
            values[unit] = float(run[key])
    return values


def _finished(runs, arm: str) -> dict[tuple[int, str], str]:
    return {pairing_unit(r): r.get("finished", "") for r in runs if r["arm"] == arm and not r.get("quick")}


def one_pair_per_seed(runs, arm: str, baseline: str, key: str = "test_accuracy") -> list[tuple[int, str]]:
    """The pairs a comparison uses, one per seed: ``(seed, machine kind)`` where both arms ran.

    A seed that ran both arms on several kinds of machine (or on one kind recorded twice, once
    without the CPU signature) counts once, with the kind whose pair finished first; a seed is the
    unit of the design, and counting it twice would narrow the interval with no new seed. The rule
    was set on 2026-12-02, after a review found seeds 1-3 counted twice (the same runs recorded with
    and without the signature), and before the results it changes were looked at.
    """
    a, b = per_seed(runs, arm, key), per_seed(runs, baseline, key)
    done_a, done_b = _finished(runs, arm), _finished(runs, baseline)
    chosen = {}
    for unit in sorted(set(a) & set(b), key=lambda u: (u[0], max(done_a[u], done_b[u]), u[1])):
        chosen.setdefault(unit[0], unit)
    return [chosen[seed] for seed in sorted(chosen)]


def one_run_per_seed(runs, arm: str) -> list[dict]:
    """An arm's complete runs, one per seed (the one that finished first), in seed order: the values of its mean."""
    first = {}
    for run in sorted((r for r in runs if r["arm"] == arm and not r.get("quick")), key=lambda r: r.get("finished", "")):
        first.setdefault(run["seed"], run)
    return [first[seed] for seed in sorted(first)]


def paired_difference(runs, arm: str, baseline: str, key: str = "test_accuracy", confidence: float = CONFIDENCE):
    """``arm`` minus ``baseline`` over the pairs (same seed, same kind of machine, one per seed): (Interval, pairs)."""
    a, b = per_seed(runs, arm, key), per_seed(runs, baseline, key)
    pairs = one_pair_per_seed(runs, arm, baseline, key)
    return mean_interval([a[p] - b[p] for p in pairs], confidence), pairs


def chance_of_a_false_claim(comparisons: int, confidence: float = CONFIDENCE) -> float:
    """With no true difference anywhere, the chance that at least one of ``comparisons`` intervals excludes 0."""
    return 1 - confidence**comparisons


def bonferroni(confidence: float, comparisons: int) -> float:
    """The per-comparison confidence that keeps the chance of any false claim at ``1 - confidence``."""
    return 1 - (1 - confidence) / comparisons


def family_note(comparisons: int, confidence: float = CONFIDENCE) -> str:
    """One sentence on what ``comparisons`` comparisons do to the chance of a false claim."""
    return (
        f"{comparisons} comparisons at {confidence:.0%} each: if no arm truly differed, the chance that at least "
        f"one interval excludes 0 by luck is about {chance_of_a_false_claim(comparisons, confidence):.1%} if the "
        f"comparisons were independent, and never more than {min(1.0, comparisons * (1 - confidence)):.0%} "
        f"(Bonferroni's bound, whatever their dependence); the Bonferroni intervals (each at "
        f"{bonferroni(confidence, comparisons):.1%}) keep it at or below {1 - confidence:.0%}."
    )


def compare(runs, pairs, key: str = "test_accuracy", confidence: float = CONFIDENCE) -> list[dict]:
    """Each ``(arm, baseline)`` pair's paired difference, its Bonferroni interval and the verdict it allows.

    ``verdict`` is ``"higher"`` or ``"lower"`` (``arm`` against ``baseline``) where the 95% interval
    excludes 0, else ``"no difference shown"`` (or, with fewer than two pairs, "too few pairs so far"
    and no intervals); ``holds_for_all`` says whether the Bonferroni interval (over all ``pairs``)
    excludes 0 as well. ``units`` lists the ``(seed, machine kind)`` pairs used, ``seeds`` their seeds.
    """
    out = []
    for arm, baseline in pairs:
        units = one_pair_per_seed(runs, arm, baseline, key)
        seeds = [seed for seed, _ in units]
        assert len(set(seeds)) == len(seeds), (arm, baseline, seeds)  # a seed enters an interval once
        if len(units) < 2:  # an experiment still running: no interval yet, so no claim
            out.append(
                {
                    "arm": arm,
                    "baseline": baseline,
                    "units": units,
                    "seeds": seeds,
                    "difference": None,
                    "bonferroni": None,
                    "verdict": f"too few pairs (same seed, same kind of machine) so far ({len(units)})",
                    "holds_for_all": False,
                }
            )
            continue
        difference, _ = paired_difference(runs, arm, baseline, key, confidence)
        strict, _ = paired_difference(runs, arm, baseline, key, bonferroni(confidence, len(pairs)))
        verdict = "no difference shown"
        if difference.excludes_zero:
            verdict = "higher" if difference.mean > 0 else "lower"
        out.append(
            {
                "arm": arm,
                "baseline": baseline,
                "units": units,
                "seeds": seeds,
                "difference": difference,
                "bonferroni": strict,
                "verdict": verdict,
                "holds_for_all": strict.excludes_zero,
            }
        )
    return out
