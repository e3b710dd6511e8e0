"""helpers.learning: changed rows, one-step helpers and the toy task's pieces."""

import html

import numpy as np
import pytest

from helpers import figures, interactive, learning


def test_changed_rows_is_bit_exact():
    a = np.zeros((4, 2), dtype="float32")
    b = a.copy()
    b[2, 1] = np.float32(1e-30)
    assert learning.changed_rows(a, b) == [2]
    with pytest.raises(ValueError, match="compare the same matrix"):
        learning.changed_rows(a, b[:3])


def test_sgd_moves_only_batch_rows_and_adam_keeps_moving_used_rows():
    import keras

    layer = keras.layers.Embedding(8, 2)
    layer.build((None,))
    start = layer.get_weights()[0].copy()
    before, after = learning.embedding_steps(layer, [[[1, 2]]], keras.optimizers.SGD(0.1))
    assert learning.changed_rows(before, after) == [1, 2]
    layer.set_weights([start])
    snaps = learning.embedding_steps(layer, [[[1, 2]], [[3]]], keras.optimizers.Adam(0.1))
    assert learning.changed_rows(snaps[0], snaps[1]) == [1, 2]
    assert learning.changed_rows(snaps[1], snaps[2]) == [1, 2, 3]
    with pytest.raises(ValueError, match="batches is empty"):
        learning.embedding_steps(layer, [], keras.optimizers.SGD(0.1))


def test_toy_reviews_are_balanced_twins():
    """Review i (positive) and review i + 6 (negative) differ exactly in their sentiment words."""
    positive = [text.split() for text, label in learning.TOY_REVIEWS if label == 1]
    negative = [text.split() for text, label in learning.TOY_REVIEWS if label == 0]
    assert len(positive) == len(negative) == 6
    for good, bad in zip(positive, negative):
        assert len(good) == len(bad), (good, bad)
        for word, twin in zip(good, bad):
            if word != twin:
                assert word in learning.POSITIVE_WORDS and twin in learning.NEGATIVE_WORDS, (good, bad)
            else:
                assert word not in learning.POSITIVE_WORDS + learning.NEGATIVE_WORDS
    neutral = {w for review in positive + negative for w in review} - set(
        learning.POSITIVE_WORDS + learning.NEGATIVE_WORDS
    )
    assert all(any(w in r for r in positive) and any(w in r for r in negative) for w in neutral)


def test_draw_word_positions_needs_two_columns():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="2 columns"):
        figures.draw_word_positions(ax, np.zeros((3, 3)), {"a": 1})
    plt.close(fig)


def test_build_toy_model_validates_sizes():
    with pytest.raises(ValueError, match="num_words must be at least 1"):
        learning.build_toy_model(0)


def test_snapshot_slider_only_redraws_recorded_steps():
    import matplotlib

    matplotlib.use("Agg")
    snapshots = [np.full((3, 2), 0.01 * step, dtype="float32") for step in range(4)]
    snapshots[3][1, 0] = 0.05  # "good" moves apart from "bad" at the last step
    box = interactive.snapshot_slider(snapshots, {"good": 1, "bad": 2})
    slider, picture, announcer = box.children
    assert (slider.min, slider.max, slider.value) == (0, 3, 0)
    assert box.figure.axes[0].get_title() == "word vectors before training"
    # The figure travels as an <img> (never an Output widget) whose alt points to its words in the caption below;
    # a live region that stays in the page says the same words at each step.
    assert picture.value.count("data:image/png;base64,") == 1
    assert 'alt="Word vectors before training: described in the caption below"' in picture.value
    assert "<figcaption" in picture.value and "Scatter of each word" in picture.value
    assert announcer.kind == "announce" and announcer.text.startswith("Scatter of each word")
    assert "before training" in announcer.text and "aria-live" not in picture.value
    slider.value = 3  # what a learner does; nothing is trained, the recorded step is drawn
    assert box.figure.axes[0].get_title() == "word vectors after step 3"
    x, y = box.figure.axes[0].collections[0].get_offsets()[0]
    assert np.isclose(x, 0.05) and np.isclose(y, 0.03)
    assert "after step 3" in picture.value and "every positive word lies on one side" in picture.value
    assert "after step 3" in announcer.text and html.escape(announcer.text, quote=True) in picture.value
    drawn = box.frame_html.cache_info().misses
    slider.value = 0  # back to a step already drawn: sent again, not drawn again
    slider.value = 3
    assert box.frame_html.cache_info().misses == drawn and "before training" not in picture.value
    # Without a kernel: the first step's picture, headed as a snapshot, and no widget repr.
    snapshot = box.mimebundle()["text/html"]
    assert snapshot.startswith("<div class='series-snapshot'") and "Snapshot, not live" in snapshot
    assert "before training" in snapshot and "VBox(" not in snapshot


def test_embedding_gradient_has_the_backends_type_and_the_same_dense_values():
    import keras

    layer = keras.layers.Embedding(10, 3)
    layer.build((None,))
    weights = layer.get_weights()[0]
    gradient = learning.embedding_gradient(layer, [[1, 2, 2, 5]])
    backend = keras.config.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        assert isinstance(gradient, tf.IndexedSlices)
        assert keras.ops.convert_to_numpy(gradient.indices).tolist() == [1, 2, 2, 5]
        dense = keras.ops.convert_to_numpy(tf.convert_to_tensor(gradient))
    else:
        assert type(gradient).__module__.split(".")[0] in {"jax", "jaxlib", "torch"}
        dense = keras.ops.convert_to_numpy(gradient)
    expected = np.zeros_like(weights)
    expected[[1, 5]] = 2 * weights[[1, 5]]
    expected[2] = 4 * weights[2]
    np.testing.assert_allclose(dense, expected, rtol=1e-6)
    assert np.array_equal(layer.get_weights()[0], weights)  # taking a gradient moves nothing


def test_notebook_05_shows_the_code_embedding_gradient_runs():
    """The three ways notebook 05 shows are the lines helpers.learning.embedding_gradient runs."""
    import inspect
    import json
    import re
    from pathlib import Path

    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "05_how_the_vectors_learn.ipynb"
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    shown = next(
        "".join(c["source"]) for c in cells if "learning.embedding_gradient(layer, batch)" in "".join(c["source"])
    )
    block = re.search(r"```python\n(.*?)```", shown, re.S).group(1)
    source = "".join(inspect.getsource(learning.embedding_gradient).split())
    lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert len(lines) >= 9
    for line in lines:
        assert "".join(line.split()) in source, f"notebook 05 shows a line embedding_gradient does not run: {line}"


def test_the_replay_draws_only_what_moves_and_its_pictures_match_a_drawing_from_scratch():
    import base64
    import io
    import re

    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    from helpers.figure_style import STYLE
    from helpers.figures import draw_word_positions
    from helpers.learning import NEGATIVE_WORDS, POSITIVE_WORDS

    words = [*POSITIVE_WORDS, *NEGATIVE_WORDS, "the", "movie", "and"]
    index = {w: i + 1 for i, w in enumerate(words)}
    rng = np.random.default_rng(0)
    snapshots = [rng.normal(0, 0.01 * (1 + step), (len(words) + 1, 2)) for step in range(6)]
    limit = float(np.abs(snapshots[-1][1:]).max()) * 1.25
    with mpl.rc_context(STYLE):  # the notebooks' own style (its constrained layout included)
        box = interactive.snapshot_slider(snapshots, index)
        for step in (0, 5, 2):  # forward, then back to a step not drawn before
            png = re.search(r"base64,([^']+)'", box.frame_html(step)).group(1)
            blitted = np.asarray(Image.open(io.BytesIO(base64.b64decode(png))).convert("RGB")).astype(int)
            # the same step drawn into a brand-new figure of the same size and margins, every artist at once
            fresh = Figure(figsize=(5.6, 4.4), layout="none")
            FigureCanvasAgg(fresh)
            ax = fresh.subplots()
            fresh.subplots_adjust(**{k: getattr(box.figure.subplotpars, k) for k in ("left", "right", "bottom", "top")})
            title = "word vectors before training" if step == 0 else f"word vectors after step {step}"
            draw_word_positions(ax, snapshots[step], index, limit=limit, title=title)
            fresh.canvas.draw()
            full = np.asarray(fresh.canvas.buffer_rgba())[..., :3].astype(int)
            assert blitted.shape == full.shape
            differing = int((np.abs(blitted - full).max(axis=-1) > 8).sum())
            assert differing <= 20, f"step {step}: {differing} pixels differ from a drawing from scratch"
            top = blitted[: int(0.1 * blitted.shape[0])]  # the band above the axes holds the title's dark text
            assert (top.max(axis=-1) < 128).sum() > 100, f"step {step}: no title above the axes"
