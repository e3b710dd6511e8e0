"""Every figure carries a text alternative written from its data, and goes out in a form a screen reader can read.

``helpers.figure_text`` writes the words; ``helpers.figure_output.show`` sends the picture with them
(``text/html`` with ``alt``, ``image/png`` with ``alt`` metadata, ``text/plain``). The stored notebooks are
checked too: no figure output without its words.
"""

import html
import json
import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from helpers import figure_output, figure_text, figures, seed_statistics  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BATCH = np.array([[0, 0, 1, 2, 3, 4], [0, 1, 2, 5, 3, 4]])
WORD_INDEX = {"this": 1, "is": 2, "a": 3, "text": 4, "not": 5}


def test_the_padded_batch_is_read_cell_by_cell():
    text = figures.plot_padded_batch(BATCH, WORD_INDEX).alt_text
    assert "2 sentences by 6 positions" in text and "3 of 12 cells are padding" in text
    assert "Sentence 1: pad, pad, 1 this, 2 is, 3 a, 4 text." in text
    assert "Sentence 2: pad, 1 this, 2 is, 5 not, 3 a, 4 text." in text
    assert "at the front of 2 rows and at the end of 0" in text
    post = figure_text.padded_batch(np.array([[1, 2, 0]]))
    assert "at the front of 0 rows and at the end of 1" in post and "Sentence 1: 1, 2, pad." in post
    big = figure_text.padded_batch(np.zeros((40, 500), dtype=int) + 1)
    assert "40 sentences by 500 positions" in big and "Sentence 1" not in big  # summarised, not listed


def test_the_lookup_names_the_copied_and_the_unused_rows():
    weights = np.arange(30, dtype="float32").reshape(10, 3) / 100 - 0.15
    text = figures.plot_weight_lookup(weights, BATCH, index_to_word=WORD_INDEX).alt_text
    assert "10 rows by 3 columns" in text and "the 6 rows" in text and "4 others are labelled unused" in text
    assert "Every output row is an exact copy" in text
    assert "0 (padding), 1 (this), 2 (is), 3 (a), 4 (text), and 5 (not)" in text
    assert "Rows never looked up: 6, 7, 8, and 9." in text and "from -0.15 to 0.14" in text
    wrong = figure_text.weight_lookup(weights, BATCH, np.zeros((2, 6, 3)))
    assert "are not copies" in wrong


def test_the_histogram_gives_its_counts_and_says_level_only_when_it_is():
    flat = np.linspace(-0.05, 0.05, 4000)
    text = figures.plot_initial_histogram(flat, 0.05).alt_text
    assert "4,000 weights" in text and "4,000 of 4,000 weights lie between them" in text and "about level" in text
    peaked = figure_text.initial_histogram(np.random.default_rng(0).normal(0, 0.01, 4000), 0.05)
    assert "about level" not in peaked and "4,000 weights" in peaked


def test_before_after_measures_how_far_the_two_groups_moved_apart():
    index = {"good": 1, "bad": 2, "movie": 3}
    before = np.array([[0, 0], [0.01, 0.0], [-0.01, 0.0], [0.0, 0.02]])
    after = np.array([[0, 0], [2.0, 0.0], [-2.0, 0.0], [0.0, 0.1]])
    text = figure_text.before_after([before, after], index, ["good"], ["bad"])
    assert "within 0.020 of 0" in text and "0.020 apart" in text and "after 1 steps" in text
    assert "4.00 apart" in text and "every positive word on one side" in text
    mixed = figure_text.before_after([before, before], index, ["good"], ["bad"])
    assert "still overlap" not in mixed  # one word each side: separated, however little
    tangled = np.array([[0, 0], [1.0, 0.0], [-3.0, 0.0], [0.0, 0.0]])  # "bad" between the two positive words
    crossed = figure_text.before_after([before, tangled], {"good": 1, "fine": 2, "bad": 3}, ["good", "fine"], ["bad"])
    assert "still overlap" in crossed


def test_learning_curves_list_every_point_with_its_line_and_marker():
    fig = figures.plot_learning_curves({"training": [0.7, 0.8, 0.9]}, "t", {"test": [0.8, 0.85, 0.84]})
    assert fig.alt_text == (
        "Accuracy after each of 3 epochs, one line per measurement. training (solid line with circles): "
        "0.700, 0.800, 0.900; test (dashed line with squares): 0.800, 0.850, 0.840."
    )


def test_seed_comparison_gives_each_interval_and_whether_it_misses_zero():
    values = {"a": [0.80, 0.82, 0.81], "b": [0.70, 0.71, 0.72]}
    runs = [{"arm": arm, "seed": s, "test_accuracy": v} for arm, vs in values.items() for s, v in enumerate(vs, 1)]
    comparisons = seed_statistics.compare(runs, [("a", "b")])
    text = figures.plot_seed_comparison(values, comparisons, "test accuracy").alt_text
    a = seed_statistics.mean_interval(values["a"])
    assert f"a: mean {a.mean:.4f}, 95% interval {a.low:.4f} to {a.high:.4f} (3 seeds)" in text
    assert "a minus b: +0.1000" in text and "which misses 0" in text
    same = seed_statistics.compare(
        runs[:3] + [{"arm": "b", "seed": s, "test_accuracy": v} for s, v in enumerate([0.81, 0.80, 0.83], 1)],
        [("a", "b")],
    )
    assert "which contains 0" in figure_text.seed_comparison(values, same, "test accuracy")


def test_seconds_per_epoch_orders_each_group_fastest_first():
    panels = {"CPU": {"tensorflow": {"pre": 50.0, "bucketed": 20.0}, "jax": {"pre": 30.0}}}
    cudnn = {"CPU": {"tensorflow": {"bucketed": True}}}
    text = figures.plot_seconds_per_epoch(panels, ["pre", "bucketed"], cudnn=cudnn).alt_text
    assert "tensorflow: bucketed 20 s (cuDNN), pre 50 s; jax: pre 30 s." in text and "hatched" in text


def test_the_recovered_map_says_how_close_and_only_then_that_it_is_recovered():
    hidden = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    close = figures.plot_recovered_map(hidden, hidden + 0.01).alt_text
    assert "4 cities" in close and "spans 1.00 units" in close and "on average 0.014" in close
    assert "redraw the hidden map." in close and "do not" not in close
    far = figure_text.recovered_map(hidden, hidden[::-1])
    assert "do not redraw" in far


def test_the_output_carries_the_words_in_every_form():
    fig = figures.plot_padded_batch(BATCH, WORD_INDEX)
    data, metadata = figure_output.bundle(fig)
    assert set(data) == {"text/html", "image/png", "text/plain"}
    assert data["text/plain"] == figure_output.PLAIN_PREFIX + fig.alt_text
    assert metadata["image/png"]["alt"] == fig.alt_text
    img = re.search(r"<img src='data:image/png;base64,([A-Za-z0-9+/=]+)' alt=\"([^\"]*)\"", data["text/html"])
    assert img and img.group(1) == data["image/png"] and html.unescape(img.group(2)) == fig.alt_text
    assert "<summary>Described in words</summary>" in data["text/html"]


def test_a_figure_without_words_or_with_too_few_is_refused():
    import matplotlib.pyplot as plt

    bare = plt.figure()
    with pytest.raises(ValueError, match="has no text alternative; pass alt="):
        figure_output.bundle(bare)
    for weak in ("a plot", "<Figure size 640x480 with 1 Axes> and some more words to pass", ""):
        with pytest.raises(ValueError, match="must say what it shows"):
            figure_output.bundle(bare, alt=weak)
    with pytest.raises(TypeError, match="must be a string"):
        figure_output.describe(bare, None)
    with pytest.raises(TypeError, match="takes a Matplotlib Figure"):
        figure_output.bundle("figure.png", alt="x" * 50)
    quoted = figure_output.bundle(bare, alt='A line "rising" from <0> & up, for forty characters or more.')[0]
    assert 'alt="A line &quot;rising&quot; from &lt;0&gt; &amp; up' in quoted["text/html"]
    plt.close(bare)


def test_show_displays_once_and_closes_the_figure(monkeypatch):
    import matplotlib.pyplot as plt
    from IPython import display as ipython_display

    shown = []
    monkeypatch.setattr(ipython_display, "display", lambda data, **kw: shown.append((data, kw)))
    fig = figures.plot_padded_batch(BATCH, WORD_INDEX)
    figure_output.show(fig)
    ((data, options),) = shown
    assert options == {"metadata": {"image/png": {"alt": fig.alt_text}}, "raw": True}
    assert not plt.fignum_exists(fig.number)


def image_outputs(notebook: Path):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                yield index, output


NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_stored_figure_has_its_words(notebook):
    for index, output in image_outputs(notebook):
        where = f"{notebook.name} cell {index}"
        alt = output.get("metadata", {}).get("image/png", {}).get("alt")
        assert alt and len(alt) >= figure_output.MIN_ALT_CHARS, f"{where}: a figure without a text alternative"
        assert "".join(output["data"]["text/plain"]) == figure_output.PLAIN_PREFIX + alt, where
        page = "".join(output["data"]["text/html"])
        assert f"class='{figure_output.FIGURE_CLASS}'" in page and f'alt="{html.escape(alt, quote=True)}"' in page
