"""experiments/imdb_controlled.py and its results file: the design fixed in advance, the runs within it."""

import json
from pathlib import Path

import pytest
from conftest import import_experiment

ROOT = Path(__file__).resolve().parents[1]
EXPERIMENTS = ROOT / "experiments"


@pytest.fixture(scope="module")
def script():
    yield from import_experiment("imdb_controlled")


@pytest.mark.parametrize("name", ["imdb_experiments.json", "imdb_pretrained.json"])
def test_results_files_hold_only_runs_of_the_seeds_and_arms_fixed_in_advance(script, name):
    results = json.loads((ROOT / "data" / name).read_text())
    assert results["seeds"] == list(script.SEEDS) == list(range(1, 11))
    from helpers.seed_statistics import pairing_unit

    pairs = [(r["arm"], *pairing_unit(r)) for r in results["runs"]]
    assert len(pairs) == len(set(pairs)), "an (arm, seed) pair ran twice on one kind of machine"
    for run in results["runs"]:
        assert run["arm"] in results["arms"] and run["seed"] in results["seeds"] and not run.get("quick")
        assert {"cpu", "cores", "backend", "keras"} <= set(run["machine"]), "a run without its machine"


def test_a_seed_split_across_kinds_of_cpu_gets_its_missing_arms_here(script):
    """Only runs on one kind of machine pair, so a restart completes each seed on the machine at hand."""
    import argparse

    def run(arm, seed, units):
        return {"arm": arm, "seed": seed, "machine": {"cpu": "EPYC", "vector_extensions": units}}

    results = {
        "runs": [
            run("seed", 1, "avx512"),
            run("pad500_es", 1, "avx512"),
            run("seed_fit", 1, "avx2"),  # seed 1: split over two kinds
            run("seed", 2, "avx2"),
            run("seed_fit", 2, "avx2"),
            run("pad500_es", 2, "avx2"),  # seed 2: complete on avx2
            run("seed", 3, "avx512"),  # seed 3: one arm here
        ]
    }
    args = argparse.Namespace(arms=["seed", "seed_fit", "pad500_es"], seeds=[1, 2, 3, 4], quick=False)
    from helpers.seed_statistics import machine_kind

    here = machine_kind(run("seed", 0, "avx512"))
    _, todo = script.pending(results, args, here)
    assert todo == [("seed_fit", 1), ("seed_fit", 3), ("pad500_es", 3), ("seed", 4), ("seed_fit", 4), ("pad500_es", 4)]
    _, todo_on_avx2 = script.pending(results, args, machine_kind(run("seed", 0, "avx2")))
    assert todo_on_avx2[:2] == [("seed", 1), ("pad500_es", 1)] and ("seed", 2) not in todo_on_avx2


def test_the_header_is_the_scripts_design(script):
    results = json.loads(script.RESULTS.read_text())
    assert {k: v for k, v in results.items() if k != "runs"} == script.header()


@pytest.mark.slow
def test_seed_fit_and_pad500_es_start_alike_and_train_on_the_same_reviews(script, monkeypatch):
    """The stopping rule is the only difference between the two arms: same split, same start, same arrays."""
    import numpy as np

    rng = np.random.default_rng(0)
    reviews = [list(rng.integers(1, script.VOCAB_SIZE, size=rng.integers(5, 30))) for _ in range(40)]
    labels = rng.integers(0, 2, size=40)
    data = ((reviews[:30], labels[:30]), (reviews[30:], labels[30:]))
    seen, build = {}, script.build_model

    def recording_build(mask_zero=False):
        model = build(mask_zero)
        start = [w.copy() for w in model.get_weights()]
        fit = model.fit

        def recording_fit(x, y=None, **kwargs):
            seen.setdefault("runs", []).append((start, np.asarray(x), np.asarray(y)))
            return fit(x, y, **kwargs)

        model.fit = recording_fit
        return model

    monkeypatch.setattr(script, "build_model", recording_build)
    fit_run = script.run_arm("seed_fit", 7, data, None, quick=True)
    es_run = script.run_arm("pad500_es", 7, data, None, quick=True)
    (start_a, x_a, y_a), (start_b, x_b, y_b) = seen["runs"]
    assert all(np.array_equal(a, b) for a, b in zip(start_a, start_b))
    assert np.array_equal(x_a, x_b) and np.array_equal(y_a, y_b) and len(x_a) == 27
    assert fit_run["train_size"] == 27 and len(fit_run["epochs"]) == 1 and fit_run["best_epoch"] is None
    assert es_run["best_epoch"] in (1, 2)
