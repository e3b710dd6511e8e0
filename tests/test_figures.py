"""The figure functions draw what they say and explain bad input in one line."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers import figures  # noqa: E402
from helpers.figure_style import HIGHLIGHT_COLOR, PADDING_COLOR, STYLE  # noqa: E402

PADDED = np.array([[0, 0, 1, 2, 3, 4], [0, 1, 2, 5, 3, 4]])
WORD_INDEX = {"this": 1, "is": 2, "a": 3, "text": 4, "not": 5}
WEIGHTS = np.arange(30, dtype="float32").reshape(10, 3) / 300 - 0.05


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def cell_labels(ax):
    return [t.get_text() for t in ax.texts]


def test_padded_batch_returns_a_figure_with_one_label_per_cell():
    fig = figures.plot_padded_batch(PADDED, WORD_INDEX)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = cell_labels(ax)
    assert len(labels) == PADDED.size
    assert labels[:3] == ["0\npad", "0\npad", "1\nthis"]
    assert "5\nnot" in labels
    assert "3 grey cells are padding" in ax.get_title()
    assert ax.get_xlabel() == "position in the sequence"


def test_padding_cells_are_drawn_in_the_padding_colour():
    fig = figures.plot_padded_batch(PADDED)
    image = fig.axes[0].images[0]
    rgba = image.to_rgba(image.get_array())
    assert np.allclose(rgba[0, 0], matplotlib.colors.to_rgba(PADDING_COLOR))
    assert not np.allclose(rgba[0, 2], matplotlib.colors.to_rgba(PADDING_COLOR))
    fig.canvas.draw()


def test_padded_batch_accepts_index_to_word_as_dict_or_list_and_one_sentence():
    by_index = figures.plot_padded_batch([0, 1, 5], {1: "this", 5: "not"})
    assert cell_labels(by_index.axes[0]) == ["0\npad", "1\nthis", "5\nnot"]
    vocabulary = ["", "this", "is", "a", "text", "not"]
    by_list = figures.plot_padded_batch([[0, 1, 5]], vocabulary)
    assert cell_labels(by_list.axes[0]) == ["0\npad", "1\nthis", "5\nnot"]


def test_padded_batch_redraws_into_an_axes_from_scratch():
    fig = figures.plot_padded_batch(PADDED, WORD_INDEX)
    ax = fig.axes[0]
    again = figures.plot_padded_batch(PADDED[:, 2:], WORD_INDEX, ax=ax)
    assert again is fig and len(fig.axes) == 1 and len(ax.images) == 1
    assert len(ax.texts) == 8
    assert ax.get_xlim() == (-0.5, 3.5)
    assert not [name for name in vars(ax) if name.startswith("_padded")]  # no private state on matplotlib objects
    fig.canvas.draw()


def test_padded_batch_into_a_foreign_axes_clears_it_first():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    assert figures.plot_padded_batch(PADDED, ax=ax) is fig
    assert not ax.lines


@pytest.mark.parametrize(
    "bad, error, message",
    [
        (np.zeros((2, 2, 2), dtype=int), ValueError, "2-D batch"),
        ([[0.5, 1.0]], TypeError, "whole-number token indices"),
        ([[0, -1]], ValueError, "negative index -1"),
    ],
)
def test_padded_batch_explains_bad_input(bad, error, message):
    with pytest.raises(error, match=message):
        figures.plot_padded_batch(bad)


def test_padded_batch_rejects_an_odd_index_to_word():
    with pytest.raises(TypeError, match="index_to_word must be"):
        figures.plot_padded_batch(PADDED, index_to_word=3)


def test_weight_lookup_highlights_exactly_the_rows_used():
    fig = figures.plot_weight_lookup(WEIGHTS, PADDED, index_to_word=WORD_INDEX)
    ax_w, ax_out = fig.axes[:2]
    highlighted = sorted(int(round(p.get_y() + p.get_height() / 2)) for p in ax_w.patches if p.get_visible())
    assert highlighted == [0, 1, 2, 3, 4, 5]
    arrows = ax_w.lines[0]
    assert matplotlib.colors.same_color(arrows.get_color(), HIGHLIGHT_COLOR)
    assert list(arrows.get_ydata()) == [0, 1, 2, 3, 4, 5]
    assert "6 of 10 rows used" in ax_w.get_title()
    assert ax_out.get_title() == "output (2, 6, 3)"
    assert [t.get_text() for t in ax_out.get_yticklabels()][:3] == ["0", "0", "1 this"]
    assert ax_w.get_xlabel() == "embedding dimension"
    fig.canvas.draw()


def test_weight_lookup_output_panel_shows_the_looked_up_rows():
    fig = figures.plot_weight_lookup(WEIGHTS, [3, 1])
    image_out = fig.axes[1].images[0]
    assert np.array_equal(image_out.get_array(), WEIGHTS[[3, 1]])
    assert [t.get_text() for t in fig.axes[1].texts] == [f"{v:.2f}" for v in WEIGHTS[[3, 1]].reshape(-1)]


def test_tiny_negative_values_are_not_written_minus_zero():
    fig = figures.plot_weight_lookup(np.array([[-0.001, 0.5]]), [0])
    assert [t.get_text() for t in fig.axes[0].texts] == ["0.00", "0.50"]


def test_weight_lookup_redraws_into_a_figure_from_scratch_and_names_unused_rows():
    with matplotlib.rc_context(STYLE):  # the series' style lays figures out with constrained layout
        fig = figures.plot_weight_lookup(WEIGHTS, PADDED)
        fig.canvas.draw()
        rebuilt = figures.plot_weight_lookup(WEIGHTS, [7, 8, 9], fig=fig)
    assert rebuilt is fig and len(fig.axes) == 3  # W, output, colour bar: the old axes are gone
    assert isinstance(fig.get_layout_engine(), matplotlib.layout_engine.ConstrainedLayoutEngine)
    assert "3 of 10 rows used" in fig.axes[0].get_title()
    assert list(fig.axes[0].lines[0].get_ydata()) == [7, 8, 9]
    unused = [t for t in fig.axes[0].texts if t.get_text().strip() == "unused"]
    assert sorted(int(t.get_position()[1]) for t in unused) == [0, 1, 2, 3, 4, 5, 6]
    assert not [name for name in vars(fig) if name.startswith(("_weight", "_frozen"))]
    fig.canvas.draw()


def test_label_points_never_overlaps_labels_even_for_points_on_top_of_each_other():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    points = [(0, 0), (0.01, 0.01), (0.02, -0.01), (0.5, 0.5), (0.51, 0.5), (-0.5, -0.5)]
    texts = figures.label_points(ax, points, ["good", "great", "fun", "bad", "awful", "it"])
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)
    with pytest.raises(ValueError, match="2 labels for 1 points"):
        figures.label_points(ax, [(0, 0)], ["a", "b"])


def test_weight_lookup_accepts_a_real_output_of_the_right_shape_only():
    figures.plot_weight_lookup(WEIGHTS, PADDED, output=WEIGHTS[PADDED])
    with pytest.raises(
        ValueError, match=r"output has shape \(2, 6\), but indices \(2, 6\) with embedding_dim=3 give \(2, 6, 3\)"
    ):
        figures.plot_weight_lookup(WEIGHTS, PADDED, output=np.zeros((2, 6)))


@pytest.mark.parametrize(
    "weights, indices, error, message",
    [
        (WEIGHTS, [[0, 12]], ValueError, r"token index 12 is outside the vocabulary \[0, 10\)"),
        (WEIGHTS[0], [0], ValueError, "weights must be a 2-D matrix"),
        (WEIGHTS, np.zeros((1, 1, 1), dtype=int), ValueError, "one sentence"),
    ],
)
def test_weight_lookup_explains_bad_input(weights, indices, error, message):
    with pytest.raises(error, match=message):
        figures.plot_weight_lookup(weights, indices)


def test_large_layers_are_not_annotated():
    weights = np.zeros((50, 8), dtype="float32")
    fig = figures.plot_weight_lookup(weights, [1, 2])
    assert not fig.axes[0].texts


SECONDS = {
    "CPU": {"tensorflow": {"seed": 41.2, "bucketed": 15.4}, "jax": {"seed": 59.1, "bucketed": 90.0}},
    "GPU": {"torch": {"seed": 3.2, "bucketed": 3.9}},
}


def test_seconds_per_epoch_draws_one_bar_per_value_on_a_shared_log_scale():
    cudnn = {"GPU": {"torch": {"seed": True, "bucketed": False}}}
    fig = figures.plot_seconds_per_epoch(SECONDS, ["seed", "bucketed"], cudnn=cudnn, title="t")
    cpu, gpu = fig.axes
    assert cpu.get_yscale() == "log" and gpu.get_yscale() == "log"
    assert cpu.get_title() == "CPU" and [t.get_text() for t in cpu.get_xticklabels()] == ["tensorflow", "jax"]
    assert sorted(p.get_height() for p in cpu.patches) == [15.4, 41.2, 59.1, 90.0]
    assert [(p.get_height(), p.get_hatch()) for p in gpu.patches] == [(3.2, "////"), (3.9, None)]
    assert cpu.get_ylim() == gpu.get_ylim()  # shared: bars compare across devices
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["seed", "bucketed", "hatched: LSTM ran on cuDNN"]


def test_seconds_per_epoch_leaves_out_missing_strategies_and_colours_by_strategy():
    fig = figures.plot_seconds_per_epoch({"CPU": {"jax": {"bucketed": 2.0}}}, ["seed", "bucketed"])
    (bar,) = fig.axes[0].patches
    assert bar.get_height() == 2.0 and bar.get_hatch() is None
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["seed", "bucketed"]  # no cuDNN entry
    seed_colour, bucketed_colour = (h.get_facecolor() for h in fig.legends[0].legend_handles)
    assert bar.get_facecolor() == bucketed_colour != seed_colour


@pytest.mark.parametrize(
    "panels, strategies, message",
    [
        ({}, ["seed"], "at least one panel"),
        ({"CPU": {"jax": {"seed": 0.0}}}, ["seed"], "cannot be drawn on a log scale"),
        ({"CPU": {"jax": {"seed": float("nan")}}}, ["seed"], "cannot be drawn on a log scale"),
        ({"CPU": {"jax": {"other": 1.0}}}, ["seed"], "is not one of"),
        ({"CPU": {"jax": {"seed": 1.0}}}, [f"s{i}" for i in range(9)], "own colour"),
    ],
)
def test_seconds_per_epoch_explains_bad_input(panels, strategies, message):
    with pytest.raises(ValueError, match=message):
        figures.plot_seconds_per_epoch(panels, strategies)


def test_recovered_map_draws_both_sets_and_a_line_per_city():
    rng = np.random.default_rng(0)
    true, learned = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    fig = figures.plot_recovered_map(true, learned, title="t")
    ax = fig.axes[0]
    assert len(ax.lines) == 5 and len(ax.collections) == 2
    assert np.allclose(ax.collections[0].get_offsets(), true) and np.allclose(ax.collections[1].get_offsets(), learned)


def test_recovered_map_explains_mismatched_shapes():
    with pytest.raises(ValueError, match="must have shape"):
        figures.plot_recovered_map(np.zeros((5, 2)), np.zeros((4, 2)))
