"""Means over seeds with 95% intervals, and paired differences between two arms.

An experiment in this series trains each *arm* (one recipe) once per seed, with the
seeds fixed before any run. Over those seeds an arm gets a mean and a Student-t
confidence interval; two arms are compared by the *paired* difference, seed by seed
(the same seed gives both arms the same start where the arms allow it), with its own
interval. A claim is made only where that interval excludes 0.

Making several comparisons raises the chance that one of them excludes 0 by luck:
with ``m`` independent comparisons at 95% each and no true difference anywhere, that
chance is ``1 - 0.95**m``. ``family_note`` says it in words, and every comparison also
carries the wider Bonferroni interval (each at ``1 - 0.05/m``), which keeps the chance
of any false claim at or below 5%.

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


def per_seed(runs, arm: str, key: str) -> dict[int, float]:
    """``{seed: value}`` of one arm's complete (non-quick) runs."""
    return {r["seed"]: float(r[key]) for r in runs if r["arm"] == arm and not r.get("quick")}


def paired_difference(runs, arm: str, baseline: str, key: str = "test_accuracy", confidence: float = CONFIDENCE):
    """``arm`` minus ``baseline`` over the seeds both arms have, seed by seed: ``(Interval, seeds)``."""
    a, b = per_seed(runs, arm, key), per_seed(runs, baseline, key)
    seeds = sorted(set(a) & set(b))
    return mean_interval([a[s] - b[s] for s in seeds], confidence), seeds


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
        f"one interval excludes 0 by luck is {chance_of_a_false_claim(comparisons, confidence):.0%}; the Bonferroni "
        f"intervals (each at {bonferroni(confidence, comparisons):.1%}) keep it at or below {1 - confidence:.0%}."
    )


def compare(runs, pairs, key: str = "test_accuracy", confidence: float = CONFIDENCE) -> list[dict]:
    """Each ``(arm, baseline)`` pair's paired difference, its Bonferroni interval and the verdict it allows.

    ``verdict`` is ``"higher"`` or ``"lower"`` (``arm`` against ``baseline``) where the 95% interval
    excludes 0, else ``"no difference shown"`` (or, with fewer than two seeds in both arms, "too few
    paired seeds so far" and no intervals); ``holds_for_all`` says whether the Bonferroni interval
    (over all ``pairs``) excludes 0 as well.
    """
    out = []
    for arm, baseline in pairs:
        seeds = sorted(set(per_seed(runs, arm, key)) & set(per_seed(runs, baseline, key)))
        if len(seeds) < 2:  # an experiment still running: no interval yet, so no claim
            out.append(
                {
                    "arm": arm,
                    "baseline": baseline,
                    "seeds": seeds,
                    "difference": None,
                    "bonferroni": None,
                    "verdict": f"too few paired seeds so far ({len(seeds)})",
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
                "seeds": seeds,
                "difference": difference,
                "bonferroni": strict,
                "verdict": verdict,
                "holds_for_all": strict.excludes_zero,
            }
        )
    return out
