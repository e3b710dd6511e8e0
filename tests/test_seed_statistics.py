"""helpers.seed_statistics: the intervals and paired differences notebooks 06 and 08 report."""

import numpy as np
import pytest

from helpers import seed_statistics as st


def test_mean_interval_is_students_t():
    # mean 2, standard deviation 1, n 3: half-width t(0.975, 2) / sqrt(3) = 4.3027 / 1.7321
    interval = st.mean_interval([1.0, 2.0, 3.0])
    assert interval.mean == 2.0 and interval.n == 3
    assert interval.high - 2.0 == pytest.approx(4.302653 / np.sqrt(3), rel=1e-6)
    assert interval.low == pytest.approx(4.0 - interval.high)
    assert not interval.excludes_zero and st.mean_interval([2.0, 2.1, 1.9]).excludes_zero


def test_intervals_cover_the_true_mean_95_percent_of_the_time():
    rng = np.random.default_rng(0)
    covered = [st.mean_interval(rng.normal(0.5, 0.02, size=10)) for _ in range(4000)]
    share = np.mean([i.low <= 0.5 <= i.high for i in covered])
    assert 0.94 < share < 0.96


def test_paired_difference_pairs_by_seed_and_ignores_quick_and_unpaired_runs():
    runs = [
        {"arm": "a", "seed": 1, "test_accuracy": 0.80},
        {"arm": "a", "seed": 2, "test_accuracy": 0.90},
        {"arm": "a", "seed": 3, "test_accuracy": 0.70},
        {"arm": "b", "seed": 1, "test_accuracy": 0.79},
        {"arm": "b", "seed": 2, "test_accuracy": 0.88},
        {"arm": "b", "seed": 4, "test_accuracy": 0.10},  # no partner
        {"arm": "b", "seed": 3, "test_accuracy": 0.20, "quick": True},  # a smoke run
    ]
    difference, pairs = st.paired_difference(runs, "a", "b")
    assert [seed for seed, _ in pairs] == [1, 2]
    assert difference.mean == pytest.approx(0.015)
    assert difference.low == pytest.approx(0.015 - 12.7062 * 0.005, rel=1e-4)


def on(vector_units: str, run: dict) -> dict:
    return {
        **run,
        "machine": {
            "cpu": "AMD EPYC",
            "vector_extensions": vector_units,
            "cores": 2,
            "backend": "tensorflow",
            "keras": "3.15.1",
        },
    }


def test_runs_on_different_kinds_of_cpu_never_pair():
    """The same seed on avx2 and on avx512 is two runs, not a pair: their arithmetic differs."""
    runs = [
        on("avx2", {"arm": "a", "seed": 1, "test_accuracy": 0.86}),
        on("avx512", {"arm": "b", "seed": 1, "test_accuracy": 0.85}),  # seed 1 of b: another CPU, so no pair
        on("avx2", {"arm": "a", "seed": 2, "test_accuracy": 0.87}),
        on("avx2", {"arm": "b", "seed": 2, "test_accuracy": 0.86}),
        on("avx2", {"arm": "a", "seed": 3, "test_accuracy": 0.85}),
        on("avx2", {"arm": "b", "seed": 3, "test_accuracy": 0.85}),
    ]
    difference, pairs = st.paired_difference(runs, "a", "b")
    assert [(seed, kind.split(" | ")[1]) for seed, kind in pairs] == [(2, "avx2"), (3, "avx2")]
    assert difference.mean == pytest.approx(0.005)
    with pytest.raises(ValueError, match="two runs of seed 1 on one kind of machine"):
        st.per_seed([*runs, on("avx2", {"arm": "a", "seed": 1, "test_accuracy": 0.5})], "a", "test_accuracy")


def test_a_seed_enters_an_interval_once_whatever_number_of_machines_ran_it():
    """Seed 2 ran both arms on two kinds of CPU (or one kind recorded twice): the pair that finished first counts."""

    def run(vector, arm, seed, accuracy, finished):
        return on(vector, {"arm": arm, "seed": seed, "test_accuracy": accuracy, "finished": finished})

    runs = [
        run("avx2", "a", 1, 0.86, "2026-12-01T01"),
        run("avx2", "b", 1, 0.85, "2026-12-01T02"),
        run("avx512", "a", 2, 0.84, "2026-12-01T03"),  # seed 2 on avx512 finished first: this pair counts
        run("avx512", "b", 2, 0.84, "2026-12-01T04"),
        run("avx2", "a", 2, 0.87, "2026-12-02T01"),  # seed 2 again, later, on avx2: left out
        run("avx2", "b", 2, 0.80, "2026-12-02T02"),
    ]
    difference, pairs = st.paired_difference(runs, "a", "b")
    assert [seed for seed, _ in pairs] == [1, 2] and "avx512" in pairs[1][1]
    assert difference.mean == pytest.approx(0.005) and difference.n == 2
    (row,) = st.compare(runs, [("a", "b")])
    assert row["seeds"] == [1, 2] and len(row["units"]) == 2
    kept = st.one_run_per_seed(runs, "a")
    assert [(r["seed"], r["test_accuracy"]) for r in kept] == [(1, 0.86), (2, 0.84)]


def test_compare_claims_only_where_the_interval_excludes_zero():
    rng = np.random.default_rng(1)
    base = rng.normal(0.85, 0.01, size=10)
    runs = [{"arm": "base", "seed": s, "test_accuracy": v} for s, v in enumerate(base)]
    runs += [{"arm": "same", "seed": s, "test_accuracy": v + rng.normal(0, 0.002)} for s, v in enumerate(base)]
    runs += [{"arm": "better", "seed": s, "test_accuracy": v + 0.01 + rng.normal(0, 0.002)} for s, v in enumerate(base)]
    verdicts = {row["arm"]: row for row in st.compare(runs, [("same", "base"), ("better", "base")])}
    assert verdicts["better"]["verdict"] == "higher" and verdicts["better"]["holds_for_all"]
    assert verdicts["same"]["verdict"] == "no difference shown" and not verdicts["same"]["holds_for_all"]
    bonf = verdicts["better"]["bonferroni"]
    assert bonf.high - bonf.low > verdicts["better"]["difference"].high - verdicts["better"]["difference"].low


def test_the_chance_of_a_false_claim_grows_with_the_comparisons():
    assert st.chance_of_a_false_claim(1) == pytest.approx(0.05)
    assert st.chance_of_a_false_claim(5) == pytest.approx(1 - 0.95**5)
    assert st.bonferroni(0.95, 5) == pytest.approx(0.99)
    assert "about 22.6% if the comparisons were independent" in st.family_note(5) and "99.0%" in st.family_note(5)
    assert "never more than 25%" in st.family_note(5) and "never more than 15%" in st.family_note(3)


@pytest.mark.parametrize("values", [[0.9], [], [0.8, float("nan")]])
def test_too_few_or_bad_values_get_one_clear_line(values):
    with pytest.raises(ValueError, match="at least 2 values|finite"):
        st.mean_interval(values)


def test_results_files_that_cannot_be_read_get_one_line(tmp_path, monkeypatch):
    from helpers import data_files, experiments

    data = tmp_path / "data"  # a clone: data/ beside pyproject.toml
    data.mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", data)
    (data / "broken.json").write_text("{not json")
    (data / "list.json").write_text("[1, 2]")
    (data / "no_runs.json").write_text('{"seeds": [1]}')
    with pytest.raises(ValueError, match=r"broken.json is not a readable results file.*git checkout data/broken.json"):
        data_files.read_json("broken.json")
    with pytest.raises(ValueError, match="no JSON object at the top"):
        data_files.read_json("list.json")
    with pytest.raises(ValueError, match="has no list of runs"):
        experiments.load_results("no_runs.json")
    assert data_files.read_json("no_runs.json") == {"seeds": [1]}
    (tmp_path / "pyproject.toml").unlink()  # a plain install is not told to use git
    with pytest.raises(ValueError, match=r"broken.json is not a readable results file.*delete it") as caught:
        data_files.read_json("broken.json")
    assert "git" not in str(caught.value)


def test_compare_makes_no_claim_before_two_seeds_are_paired():
    runs = [{"arm": "a", "seed": 1, "test_accuracy": 0.9}, {"arm": "b", "seed": 1, "test_accuracy": 0.8}]
    (row,) = st.compare(runs, [("a", "b")])
    assert row["difference"] is None and row["verdict"].startswith("too few pairs") and not row["holds_for_all"]
