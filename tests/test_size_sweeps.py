"""helpers.size_sweeps (notebook 12): curves from a results file, paired differences, the rules of thumb; and the
figure of curves with bands, with its text alternative."""

import numpy as np
import pytest

from helpers import figures, size_sweeps


def _run(arm, seed, accuracy, cpu="A", **settings):
    return {
        "arm": arm,
        "seed": seed,
        "test_accuracy": accuracy,
        "finished": f"2026-12-03T00:0{seed}:00",
        "machine": {"cpu": cpu, "vector_extensions": "avx2", "cores": 2, "backend": "tensorflow", "keras": "3.15.1"},
        **settings,
    }


@pytest.fixture
def results():
    runs = []
    for seed in (1, 2, 3):
        runs += [
            _run("dim_8", seed, 0.80 + 0.01 * seed, embedding_dim=8),
            _run("dim_2", seed, 0.70 + 0.02 * seed, embedding_dim=2),
            _run("data_100_random", seed, 0.60 + 0.01 * seed, train_size=100),
            _run("data_100_glove_tuned", seed, 0.65 + 0.01 * seed, train_size=100),
        ]
    runs.append(_run("dim_8", 0, 0.99, embedding_dim=8))  # the tuning seed: not counted
    runs.append(_run("dim_8", 1, 0.50, cpu="B", embedding_dim=8))  # seed 1 again on another machine, later
    runs[-1]["finished"] = "2026-12-04T00:00:00"
    runs.append(_run("dim_2", 4, 0.9, embedding_dim=2) | {"quick": True})  # a smoke run: never counted
    groups = {"dim": ["dim_2", "dim_8"], "data": ["data_100_random", "data_100_glove_tuned"]}
    return {"seeds": [1, 2, 3], "groups": groups, "runs": runs}


def test_a_curve_has_one_value_per_seed_of_the_design_sorted_by_its_setting(results):
    curve = size_sweeps.group_curve(results, "dim")
    assert [x for x, _ in curve] == [2, 8]
    # seed 0, the later run of seed 1 and the smoke run are left out
    assert curve[1][1] == pytest.approx([0.81, 0.82, 0.83])
    random = size_sweeps.group_curve(results, "data", start="random")
    assert random == [(100, pytest.approx([0.61, 0.62, 0.63]))]


def test_a_sweep_is_complete_when_every_arm_has_every_seed(results):
    assert size_sweeps.progress(results, "dim") == (6, 6) and size_sweeps.complete(results, "dim")
    results["seeds"] = [1, 2, 3, 4]
    assert size_sweeps.progress(results, "dim") == (6, 8) and not size_sweeps.complete(results, "dim")


def test_a_difference_is_taken_seed_by_seed(results):
    points = size_sweeps.difference_curve(results, [("data_100_glove_tuned", "data_100_random")], "train_size")
    assert points[0][0] == 100 and points[0][1] == pytest.approx([0.05, 0.05, 0.05])


def test_the_rules_of_thumb_are_the_published_formulas():
    assert size_sweeps.fourth_root_rule(81) == pytest.approx(3.0)  # the blog's example: 81 categories, 3 dimensions
    assert size_sweeps.fastai_rule(5000) == round(1.6 * 5000**0.56) == 189
    assert size_sweeps.fastai_rule(10**7) == 600  # capped


def test_curves_with_bands_are_told_apart_by_marker_and_line_and_described_point_by_point():
    curves = {"random": [(100, [0.6, 0.62, 0.61]), (1000, [0.8, 0.81, 0.79])], "GloVe": [(100, [0.7]), (1000, [0.8])]}
    fig = figures.plot_curves_with_bands(curves, xlabel="reviews", ylabel="accuracy", title="t", marks={"rule": 300})
    ax = fig.axes[0]
    lines = [line for line in ax.get_lines() if line.get_label() in curves]
    assert [line.get_marker() for line in lines] == ["o", "s"]
    assert [line.get_linestyle() for line in lines] == ["-", "--"]
    assert len(ax.collections) == 1  # a band only where every point has two seeds or more
    text = fig.alt_text
    assert "random (solid line with circles): at 100, 0.61 [" in text and "(one seed, no band)" in text
    assert "rule at 300" in text and ax.get_xscale() == "log"
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_a_difference_figure_draws_and_names_its_zero_line():
    fig = figures.plot_curves_with_bands(
        {"a − b": [(1, [0.01, 0.02]), (2, [-0.01, 0.0])]}, xlabel="x", ylabel="difference", title="t", zero_line=True
    )
    assert any(np.allclose(line.get_ydata(), 0) for line in fig.axes[0].get_lines())
    assert "A thin solid line marks 0" in fig.alt_text and "(a logarithmic axis)" in fig.alt_text
    import matplotlib.pyplot as plt

    plt.close(fig)
