"""Every figure of the series, drawn from real Keras layers and data: the padded batch, the weight
lookup, labels that never overlap, words moving in 2-D, learning curves, the experiment's arms.

Each figure returned carries its text alternative (:mod:`helpers.figure_text`, written from the plotted
data); ``figures.show(fig)`` displays it with those words (:func:`helpers.figure_output.show`).

Introduced in notebook 02; each function names the notebook that introduces it.
"""

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from helpers import figure_text
from helpers.embedding import DEFAULT_INIT_RANGE
from helpers.figure_output import describe, show  # noqa: F401  (show: figures.show(fig) in the notebooks)
from helpers.figure_style import HIGHLIGHT_COLOR, NEUTRAL_COLOR, PADDING_COLOR, SEQUENTIAL_CMAP, WEIGHT_CMAP
from helpers.learning import NEGATIVE_WORDS, POSITIVE_WORDS
from helpers.validation import check_indices_in_vocabulary

#: Cells are annotated with their numbers only up to this many (beyond, text becomes unreadable and slow).
MAX_ANNOTATED_CELLS = 200


def _check_padded(padded) -> np.ndarray:
    array = np.asarray(padded)
    if array.ndim == 1:
        array = array[np.newaxis, :]
    if array.ndim != 2 or array.size == 0:
        raise ValueError(
            f"padded must be a 2-D batch (sentences, sequence_length), got shape {np.shape(padded)}; "
            "pass the output of keras.utils.pad_sequences(...)."
        )
    if not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"padded must hold whole-number token indices, got dtype {array.dtype}.")
    if (array < 0).any():
        raise ValueError(f"padded holds the negative index {int(array[array < 0].flat[0])}; token indices start at 0.")
    return array


def _word_lookup(index_to_word):
    """A function index -> word (or None) from a dict {index: word}, a dict {word: index} or a vocabulary list."""
    if index_to_word is None:
        return lambda i: None
    if isinstance(index_to_word, Mapping):
        items = list(index_to_word.items())
        if items and isinstance(items[0][0], str):  # a word_index {word: index}: invert it
            inverted = {int(i): w for w, i in items}
            return inverted.get
        return lambda i: index_to_word.get(i)
    if isinstance(index_to_word, Sequence) and not isinstance(index_to_word, str):
        words = list(index_to_word)
        return lambda i: words[i] if 0 <= i < len(words) else None
    raise TypeError(
        "index_to_word must be a dict {index: word}, a word_index {word: index} or a vocabulary list, "
        f"got {type(index_to_word).__name__}."
    )


def _two_decimals(value) -> str:
    """``f"{value:.2f}"`` without the confusing ``-0.00``."""
    label = f"{value:.2f}"
    return "0.00" if label == "-0.00" else label


def _text_colour(rgba) -> str:
    """Black text on light cells, white on dark ones."""
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


def _padded_labels(padded, is_pad, word_of, cmap, norm):
    labels = []
    for (row, col), index in np.ndenumerate(padded):
        if is_pad[row, col]:
            labels.append((row, col, f"{index}\npad", "black"))
        else:
            word = word_of(int(index))
            label = f"{index}\n{word}" if word else f"{index}"
            labels.append((row, col, label, _text_colour(cmap(norm(index)))))
    return labels


def plot_padded_batch(padded, index_to_word=None, ax=None, *, title=None, padding_index: int = 0):
    """Draw a padded batch as a grid: one row per sentence, one cell per token, padding in grey.

    Each cell shows its token index (and the word, when ``index_to_word`` is given:
    a dict ``{index: word}``, a ``word_index`` ``{word: index}`` or a vocabulary list).
    Real tokens are coloured by index with the sequential map; padding cells
    (``padding_index``, 0 by default) are light grey and labelled "pad".

    Pass ``ax`` to draw into an existing Axes (it is cleared first); without it the
    figure is sized to the batch. Returns the Figure.

    Introduced in notebook 02.
    """
    padded = _check_padded(padded)
    word_of = _word_lookup(index_to_word)
    is_pad = padded == padding_index
    n_rows, n_cols = padded.shape
    cmap = mpl.colormaps[SEQUENTIAL_CMAP].with_extremes(bad=PADDING_COLOR)
    real = padded[~is_pad]
    vmin, vmax = (int(real.min()), int(real.max())) if real.size else (1, 2)
    if vmin == vmax:
        vmax = vmin + 1
    norm = mpl.colors.Normalize(vmin=vmin, vmax=vmax)
    data = np.ma.masked_array(padded, mask=is_pad)
    extent = (-0.5, n_cols - 0.5, n_rows - 0.5, -0.5)

    if ax is None:
        fig, ax = plt.subplots(figsize=(min(2.0 + 0.9 * n_cols, 9.0), min(1.4 + 0.75 * n_rows, 6.0)))
    else:
        ax.clear()
        fig = ax.figure
    ax.imshow(data, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest", extent=extent)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("position in the sequence")
    ax.set_ylabel("sentence")
    if padded.size <= MAX_ANNOTATED_CELLS:
        for row, col, label, colour in _padded_labels(padded, is_pad, word_of, cmap, norm):
            ax.text(col, row, label, ha="center", va="center", color=colour, fontsize=10)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xticks(range(n_cols))
    ax.set_yticks(range(n_rows))
    ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.grid(which="major", visible=False)
    n_pad = int(is_pad.sum())
    ax.set_title(
        title
        if title is not None
        else f"Padded batch {padded.shape}: {n_pad} grey cells are padding (index {padding_index})"
    )
    return describe(fig, figure_text.padded_batch(padded, index_to_word, padding_index))


def _check_lookup_inputs(weights, indices, output):
    from helpers.embedding import check_weights

    weights = check_weights(weights)
    indices = check_indices_in_vocabulary(indices, weights.shape[0])
    if indices.ndim > 2:
        raise ValueError(f"indices must be one sentence (1-D) or a batch (2-D), got shape {indices.shape}.")
    embedding_dim = weights.shape[1]
    if output is None:
        output = weights[indices]
    else:
        output = np.asarray(output)
        expected = indices.shape + (embedding_dim,)
        if output.shape != expected:
            raise ValueError(
                f"output has shape {output.shape}, but indices {indices.shape} with embedding_dim={embedding_dim} "
                f"give {expected}; pass the layer's output for exactly these indices."
            )
    return weights, indices, output


def plot_weight_lookup(
    weights,
    indices,
    output=None,
    *,
    fig=None,
    index_to_word=None,
    title=None,
    annotate: bool | None = None,
):
    """The weight matrix with the looked-up rows highlighted, next to the output built from them.

    Left: ``weights`` (vocab_size x embedding_dim) as a heatmap with the diverging
    weight map, centred on 0; every row that ``indices`` looks up is framed in black
    and marked by a highlight-coloured arrow, and rows never looked up are labelled
    "unused". Right: ``output`` (by default ``weights[indices]``), one row per token,
    labelled with the token index it copies. A 2-D batch of indices is shown sentence
    after sentence, separated by a black line. ``output``, when given, must have shape
    ``indices.shape + (embedding_dim,)``, e.g. a layer's real output.

    Pass ``fig`` to draw into an existing figure (it is cleared first). ``annotate``
    writes the values in the cells (default: when both panels are small). Returns the Figure.

    Introduced in notebook 03.
    """
    weights, indices, output = _check_lookup_inputs(weights, indices, output)
    vocab_size, embedding_dim = weights.shape
    flat_indices = indices.reshape(-1)
    flat_output = output.reshape(-1, embedding_dim)
    word_of = _word_lookup(index_to_word)
    if annotate is None:
        annotate = weights.size <= 64 and flat_output.size <= 96
    limit = float(max(np.abs(weights).max(), np.abs(flat_output).max(), 1e-12))
    norm = mpl.colors.Normalize(vmin=-limit, vmax=limit)
    cmap = mpl.colormaps[WEIGHT_CMAP]
    used = sorted(set(np.unique(flat_indices).tolist()))

    if fig is None:
        fig = plt.figure(figsize=(8.0, max(4.2, 1.4 + 0.3 * max(vocab_size, flat_indices.size))))
    else:
        fig.clear()
    ax_w, ax_out = fig.subplots(1, 2)
    image_w = ax_w.imshow(weights, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    ax_out.imshow(flat_output, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    for row in used:
        ax_w.add_patch(
            Rectangle(
                (-0.45, row - 0.42),
                embedding_dim - 0.1,
                0.84,
                fill=False,
                edgecolor="black",
                linewidth=2,
                clip_on=False,
            )
        )
    # Highlight-coloured arrows just right of the used rows, pointing at the output panel.
    ax_w.plot(
        [embedding_dim - 0.5 + 0.3] * len(used),
        used,
        linestyle="none",
        marker=">",
        markersize=10,
        color=HIGHLIGHT_COLOR,
        markeredgecolor="black",
        clip_on=False,
    )
    if annotate:
        for matrix, ax in ((weights, ax_w), (flat_output, ax_out)):
            for (r, c), value in np.ndenumerate(matrix):
                ax.text(
                    c,
                    r,
                    _two_decimals(value),
                    ha="center",
                    va="center",
                    fontsize=9,
                    color=_text_colour(cmap(norm(value))),
                )
    ax_w.set_xlabel("embedding dimension")
    ax_w.set_ylabel("token index (row of W)")
    ax_out.set_xlabel("embedding dimension")
    if vocab_size <= 30:
        ax_w.set_yticks(range(vocab_size))
        unused = [row for row in range(vocab_size) if row not in used]
        for row in unused:  # say it in words as well as by the missing frame
            ax_w.text(
                -0.6,
                row,
                "unused ",
                ha="right",
                va="center",
                fontsize=8,
                color=NEUTRAL_COLOR,
                transform=ax_w.transData,
                clip_on=False,
            )
        if unused:
            ax_w.tick_params(axis="y", pad=42)
    if embedding_dim <= 16:
        ax_w.set_xticks(range(embedding_dim))
        ax_out.set_xticks(range(embedding_dim))
    if indices.ndim == 2:
        for boundary in range(1, indices.shape[0]):
            ax_out.axhline(boundary * indices.shape[1] - 0.5, color="black", linewidth=1.5)
    fig.colorbar(image_w, ax=[ax_w, ax_out], label="weight value", shrink=0.9)
    if flat_indices.size <= 40:
        labels = []
        for i in flat_indices:
            word = word_of(int(i))
            labels.append(f"{i} {word}" if word else f"{i}")
        ax_out.set_yticks(range(flat_indices.size), labels)
        ax_out.set_ylabel("token index copied")
    else:
        ax_out.set_ylabel("token (row of output)")
    ax_w.set_title(f"W {weights.shape}: {len(used)} of {vocab_size} rows used")
    ax_out.set_title(f"output {output.shape}")
    fig.suptitle(title if title is not None else "Each output row is a copy of a framed row of W")
    return describe(fig, figure_text.weight_lookup(weights, indices, output, index_to_word))


def label_points(ax, points, labels, colors=None, *, fontsize: float = 9, avoid=None, layout_fixed: bool = False):
    """Write each label next to its point so that no two labels (and no label and point) overlap.

    Set the axes' limits first: positions are worked out in display coordinates.
    Labels are placed one by one, each at the first of a ring of offsets around its
    point (right, above, left, below, the diagonals, then farther out) where its box
    touches no box already placed and no point of ``points`` or ``avoid``; when none is
    free, at the offset with the least overlap. Returns the list of Text artists.
    ``layout_fixed=True`` skips the draw that fixes the layout, for a figure already drawn
    with the same axes and limits (the training replay redraws one figure per step).

    Introduced in notebook 05.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    labels = list(labels)
    if len(labels) != len(points):
        raise ValueError(f"{len(labels)} labels for {len(points)} points; give one label per point.")
    colors = list(colors) if colors is not None else ["black"] * len(labels)
    fig = ax.figure
    if not layout_fixed:
        fig.canvas.draw()  # fixes the layout, so display coordinates below are the final ones
    renderer = fig.canvas.get_renderer()
    to_display = ax.transData.transform
    dots = to_display(np.vstack([points] + ([np.asarray(avoid, float).reshape(-1, 2)] if avoid is not None else [])))
    pad, dot = 2.0, 3.0  # pixels: space around a label, half the size of a dot's box
    dot_boxes = np.column_stack([dots[:, 0] - dot, dots[:, 1] - dot, dots[:, 0] + dot, dots[:, 1] + dot])
    placed = np.empty((0, 4))
    ring = np.array([(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, 1), (-1, -1), (1, -1)], dtype=float)
    distances = (5, 12, 22, 34)
    # every offset of the ring at every distance, nearest first: (dx, dy, distance)
    offsets = np.array([(dx, dy, d) for d in distances for dx, dy in ring])
    texts = []
    for (x, y), label, colour in zip(to_display(points), labels, colors):
        w, h = _label_size(ax, renderer, label, fontsize)
        dx, dy, distance = offsets.T
        ox = x + dx * distance + np.where(dx > 0, 0, np.where(dx < 0, -w, -w / 2))
        oy = y + dy * distance + np.where(dy > 0, 0, np.where(dy < 0, -h, -h / 2))
        boxes = np.stack([ox - pad, oy - pad, ox + w + pad, oy + h + pad], axis=1)
        costs = _overlaps(boxes, np.vstack([placed, dot_boxes])) + distance * 0.01
        # the first box of least cost, looking one distance farther out only while every box so far overlaps
        for ring_end in range(len(ring), len(offsets) + 1, len(ring)):
            best_index = int(np.argmin(costs[:ring_end]))
            if costs[best_index] < 1:
                break
        best = boxes[best_index]
        placed = np.vstack([placed, best])
        anchor = ax.transData.inverted().transform((best[0] + pad, best[1] + pad))
        text = ax.text(anchor[0], anchor[1], label, fontsize=fontsize, color=colour, ha="left", va="bottom")
        text.set_in_layout(False)  # a label near the edge must not move the axes after it was placed
        texts.append(text)
    return texts


def _overlaps(boxes, others) -> np.ndarray:
    """For each box (x0, y0, x1, y1), its overlapping area with all of ``others`` together, in square pixels."""
    width = np.minimum(boxes[:, None, 2], others[None, :, 2]) - np.maximum(boxes[:, None, 0], others[None, :, 0])
    height = np.minimum(boxes[:, None, 3], others[None, :, 3]) - np.maximum(boxes[:, None, 1], others[None, :, 1])
    return (np.clip(width, 0, None) * np.clip(height, 0, None)).sum(axis=1)


#: Each label's size in pixels, measured once per text, font and resolution (the replay repeats its words).
_LABEL_SIZES: dict[tuple, tuple[float, float]] = {}


def _label_size(ax, renderer, label: str, fontsize: float) -> tuple[float, float]:
    from matplotlib.font_manager import FontProperties

    key = (label, hash(FontProperties(size=fontsize)), ax.figure.dpi)  # the font as rcParams name it now
    if key not in _LABEL_SIZES:
        probe = ax.text(0, 0, label, fontsize=fontsize, transform=None)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        _LABEL_SIZES[key] = (extent.width, extent.height)
    return _LABEL_SIZES[key]


def _word_colour(word: str):
    from helpers.figure_style import NEGATIVE_COLOR, NEUTRAL_COLOR, POSITIVE_COLOR

    if word in POSITIVE_WORDS:
        return POSITIVE_COLOR
    if word in NEGATIVE_WORDS:
        return NEGATIVE_COLOR
    return NEUTRAL_COLOR


def draw_word_positions(
    ax, weights, word_index: dict[str, int], limit: float | None = None, title: str = "", layout_fixed: bool = False
) -> None:
    """Draw each word's 2-D embedding row as a labelled point on ``ax`` (positive: blue upward triangles, negative:
    dark orange downward triangles, the rest grey dots).

    Labels never overlap (``figures.label_points``). Words that carry no sentiment
    and sit together near the origin (closer than 8% of the axis range to it) get one
    grey label listing them instead of a pile of overlapping ones. ``layout_fixed=True``
    redraws only the points and labels of an ``ax`` drawn before with the same ``limit``
    (its axes, ticks and layout kept), which is what makes the training replay quick.

    Introduced in notebook 05.
    """
    from helpers.figure_style import AXIS_COLOR, LINE_COLOR
    from helpers.figures import label_points

    weights = np.asarray(weights)
    if weights.ndim != 2 or weights.shape[1] != 2:
        raise ValueError(f"weights must have 2 columns (a 2-D embedding) to draw, got shape {weights.shape}.")
    if layout_fixed:
        for artist in [*ax.collections, *ax.texts, *ax.lines]:
            artist.remove()
    else:
        ax.clear()
    if limit is None:
        limit = float(np.abs(weights[1:]).max()) * 1.25 or DEFAULT_INIT_RANGE
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    words = list(word_index)
    points = np.array([weights[word_index[w]] for w in words])
    # Told apart by shape as well as colour: positive words point up, negative words down, the rest are dots.
    neutral = [w for w in words if w not in POSITIVE_WORDS + NEGATIVE_WORDS]
    for marker, group in (("^", POSITIVE_WORDS), ("v", NEGATIVE_WORDS), ("o", neutral)):
        members = [i for i, w in enumerate(words) if w in group]
        if members:
            colours = [_word_colour(words[i]) for i in members]
            ax.scatter(points[members, 0], points[members, 1], color=colours, marker=marker, s=24, zorder=2)
    near = [
        w for w, p in zip(words, points) if w not in POSITIVE_WORDS + NEGATIVE_WORDS and np.abs(p).max() < 0.08 * limit
    ]
    labelled = [w for w in words if w not in near] if len(near) > 2 else words
    label_points(
        ax,
        [weights[word_index[w]] for w in labelled],
        labelled,
        [_word_colour(w) for w in labelled],
        avoid=points,
        layout_fixed=layout_fixed,
    )
    if len(labelled) < len(words):
        ax.annotate(
            "near 0: " + ", ".join(near),
            (0, 0),
            xytext=(0.03, 0.04),
            textcoords="axes fraction",
            fontsize=8,
            color=_word_colour(near[0]),
            ha="left",
            va="bottom",
            arrowprops={"arrowstyle": "-", "color": LINE_COLOR, "lw": 0.8},
        )
    ax.axhline(0, color=AXIS_COLOR, lw=0.6, zorder=0)
    ax.axvline(0, color=AXIS_COLOR, lw=0.6, zorder=0)
    ax.set_xlabel("embedding dimension 0")
    ax.set_ylabel("embedding dimension 1")
    ax.set_title(title)


def plot_before_after(snapshots, word_index: dict[str, int]):
    """Two panels: the words' 2-D vectors before training (own scale) and after the last step.

    Introduced in notebook 05.
    """
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(9.0, 4.4))
    draw_word_positions(left, snapshots[0], word_index, title=f"before training (±{DEFAULT_INIT_RANGE})")
    draw_word_positions(right, snapshots[-1], word_index, title=f"after {len(snapshots) - 1} steps")
    return describe(fig, figure_text.before_after(snapshots, word_index, POSITIVE_WORDS, NEGATIVE_WORDS))


def plot_initial_histogram(weights, bound: float = DEFAULT_INIT_RANGE):
    """Histogram of a fresh layer's weights with the initializer's bounds marked.

    Introduced in notebook 05.
    """
    import matplotlib.pyplot as plt

    from helpers.figure_style import HIGHLIGHT_COLOR, POSITIVE_COLOR

    fig, ax = plt.subplots()
    ax.hist(np.asarray(weights).ravel(), bins=40, color=POSITIVE_COLOR)
    for x in (-bound, bound):
        ax.axvline(x, color=HIGHLIGHT_COLOR, ls="--", lw=1.2)
    ax.set_xlabel("weight value")
    ax.set_ylabel("number of weights")
    ax.set_title(f"a fresh Embedding's weights: flat between -{bound} and {bound}")
    return describe(fig, figure_text.initial_histogram(weights, bound))


def plot_learning_curves(histories: dict, title: str, test_accuracies: dict | None = None):
    """Accuracy per epoch for each named run (``{'training': [...], 'validation': [...]}``).

    ``test_accuracies`` adds dashed lines for accuracy measured on the test set
    after each epoch (for the reader only, never used to choose anything).

    Introduced in notebook 06.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    from helpers.figure_style import CURVE_MARKERS

    markers = iter(CURVE_MARKERS)
    for name, values in histories.items():
        epochs = np.arange(1, len(values) + 1)
        ax.plot(epochs, values, marker=next(markers), label=name)
    for name, values in (test_accuracies or {}).items():
        epochs = np.arange(1, len(values) + 1)
        ax.plot(epochs, values, linestyle="--", marker=next(markers), label=name)
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy")
    ax.set_title(title)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8)
    return describe(fig, figure_text.learning_curves(histories, test_accuracies))


def plot_seed_comparison(values: Mapping[str, Sequence[float]], comparisons: Sequence[dict], quantity: str):
    """Two panels: each arm's seeds (dots) with its mean and 95% interval; each paired difference against 0.

    ``values[arm]`` holds one number per seed; ``comparisons`` are rows of
    ``seed_statistics.compare`` (the difference's 95% interval as a thick bar, the Bonferroni
    interval as a thin one). ``quantity`` names what was measured ("test accuracy").

    Introduced in notebook 06; notebook 08 uses it too.
    """
    import matplotlib.pyplot as plt

    from helpers.seed_statistics import mean_interval

    arms = list(values)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
    for position, arm in enumerate(arms):
        seeds = np.asarray(values[arm], dtype=float)
        left.scatter(
            np.full(len(seeds), position - 0.12),
            seeds,
            s=18,
            color="0.55",
            zorder=3,
            label="one seed" if position == 0 else None,
        )
        if len(seeds) >= 2:
            interval = mean_interval(seeds)
            left.errorbar(
                position + 0.12,
                interval.mean,
                yerr=[[interval.mean - interval.low], [interval.high - interval.mean]],
                fmt="o",
                color="black",
                capsize=4,
                label="mean, 95% interval" if position == 0 else None,
            )
    left.set_xticks(range(len(arms)), arms, rotation=20, ha="right")
    left.set_ylabel(quantity)
    left.set_title(f"{quantity} per arm")
    left.grid(axis="y", alpha=0.3)
    left.legend(fontsize=8, loc="lower right")
    comparisons = [row for row in comparisons if row["difference"] is not None]  # pairs with an interval yet
    names = [f"{row['arm']} − {row['baseline']}" for row in comparisons]
    for position, row in enumerate(comparisons):
        for interval, width, label in ((row["bonferroni"], 1.2, "Bonferroni"), (row["difference"], 4, "95%")):
            right.hlines(
                position,
                interval.low,
                interval.high,
                color="black",
                linewidth=width,
                label=f"{label} interval" if position == 0 else None,
            )
        right.plot(row["difference"].mean, position, "o", color="white", markeredgecolor="black", zorder=3)
    right.axvline(0, color="0.4", linestyle="--", linewidth=1)
    right.set_yticks(range(len(names)), names)
    right.invert_yaxis()
    right.set_xlabel(f"paired difference in {quantity} (same seeds)")
    right.set_title("a claim only where the 95% bar misses 0")
    right.legend(fontsize=8, loc="lower right")
    return describe(fig, figure_text.seed_comparison(values, comparisons, quantity))


def plot_seconds_per_epoch(
    panels: Mapping[str, Mapping[str, Mapping[str, float]]],
    strategies: Sequence[str],
    *,
    cudnn: Mapping[str, Mapping[str, Mapping[str, bool]]] | None = None,
    title: str | None = None,
):
    """Seconds per epoch on a log scale: one panel per device, a group of bars per backend, a bar per strategy.

    ``panels[device][backend][strategy]`` is a time in seconds; a strategy a backend
    lacks is left out of its group. Bars whose ``cudnn[device][backend][strategy]`` is
    true are hatched (the LSTM ran on cuDNN). The panels share the y axis, so bars
    compare across devices too.

    Introduced in notebook 09.
    """
    import matplotlib.pyplot as plt

    from helpers.figure_style import CATEGORY_COLORS

    strategies = list(strategies)
    if not panels or not strategies:
        raise ValueError("plot_seconds_per_epoch needs at least one panel and one strategy.")
    if len(strategies) > len(CATEGORY_COLORS):
        raise ValueError(f"at most {len(CATEGORY_COLORS)} strategies can get their own colour; got {len(strategies)}.")
    for device, by_backend in panels.items():
        for backend, by_strategy in by_backend.items():
            for strategy, seconds in by_strategy.items():
                if strategy not in strategies:
                    raise ValueError(f"{device}, {backend}: strategy {strategy!r} is not one of {strategies}.")
                if not np.isfinite(seconds) or seconds <= 0:
                    raise ValueError(
                        f"{device}, {backend}, {strategy}: {seconds!r} s cannot be drawn on a log scale; "
                        "leave the strategy out instead."
                    )
    colours = dict(zip(strategies, CATEGORY_COLORS))
    width = 0.8 / len(strategies)
    fig, axes = plt.subplots(
        1, len(panels), figsize=(4.2 * len(panels), 3.8), sharey=True, squeeze=False, layout="constrained"
    )
    for ax, (device, by_backend) in zip(axes[0], panels.items()):
        backends = list(by_backend)
        for group, backend in enumerate(backends):
            for slot, strategy in enumerate(strategies):
                if strategy not in by_backend[backend]:
                    continue
                ran_on_cudnn = bool(((cudnn or {}).get(device, {}).get(backend, {})).get(strategy, False))
                ax.bar(
                    group - 0.4 + width * (slot + 0.5),
                    by_backend[backend][strategy],
                    width,
                    color=colours[strategy],
                    hatch="////" if ran_on_cudnn else None,
                    edgecolor="white",
                    linewidth=0.5,
                    label=strategy,
                )
        ax.set_yscale("log")
        ax.set_xticks(range(len(backends)), backends)
        ax.set_title(device)
        ax.set_xlabel("Keras backend")
        ax.grid(axis="y", which="both", alpha=0.3)
    axes[0][0].set_ylabel("seconds per epoch (log scale)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[s]) for s in strategies]
    labels = list(strategies)
    if cudnn and any(v for d in cudnn.values() for b in d.values() for v in b.values()):
        handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="black", hatch="////"))
        labels.append("hatched: LSTM ran on cuDNN")
    fig.legend(handles, labels, loc="outside lower center", ncol=min(len(labels), 6), fontsize=8, frameon=False)
    if title:
        fig.suptitle(title)
    return describe(fig, figure_text.seconds_per_epoch(panels, strategies, cudnn))


def plot_recovered_map(true_positions, learned_positions, *, title: str = ""):
    """Hidden 2-D positions (open circles) and a learned table aligned onto them (dots), a line joining each pair.

    ``learned_positions`` must already be aligned (e.g. by ``scipy.spatial.procrustes``, which also scales both
    to one size); the two arrays are drawn on the same axes. Introduced in notebook 11.
    """
    import matplotlib.pyplot as plt

    from helpers.figure_style import POSITIVE_COLOR

    true_positions, learned_positions = np.asarray(true_positions, float), np.asarray(learned_positions, float)
    if true_positions.ndim != 2 or true_positions.shape[1] != 2 or true_positions.shape != learned_positions.shape:
        raise ValueError(
            "both position arrays must have shape (cities, 2), "
            f"got {true_positions.shape} and {learned_positions.shape}."
        )
    fig, ax = plt.subplots(figsize=(5.2, 5.0))
    for (x0, y0), (x1, y1) in zip(true_positions, learned_positions):
        ax.plot([x0, x1], [y0, y1], color=NEUTRAL_COLOR, lw=0.8)
    ax.scatter(*true_positions.T, s=46, facecolors="none", edgecolors=NEUTRAL_COLOR, label="hidden position")
    ax.scatter(*learned_positions.T, s=16, color=POSITIVE_COLOR, label="learned row, aligned")
    ax.set_aspect("equal")
    ax.set_xlabel("east-west (standardised)")
    ax.set_ylabel("north-south (standardised)")
    ax.legend(loc="upper right", fontsize=8)
    ax.set_title(title)
    return describe(fig, figure_text.recovered_map(true_positions, learned_positions))


def plot_curves_with_bands(
    curves: Mapping[str, Sequence[tuple[float, Sequence[float]]]],
    *,
    xlabel: str,
    ylabel: str,
    title: str,
    marks: Mapping[str, float] | None = None,
    zero_line: bool = False,
    log_x: bool = True,
):
    """One line per series through the mean over seeds at each x, with its 95% interval as a band.

    ``curves[name]`` is a list of ``(x, values)`` with one value per seed. Series differ in colour,
    marker and line style. ``marks`` draws labelled dotted vertical lines (rules of thumb, say);
    ``zero_line`` a dashed line at 0 (for paired differences).

    Introduced in notebook 12.
    """
    import matplotlib.pyplot as plt

    from helpers.figure_style import CATEGORY_COLORS, CURVE_LINESTYLES, CURVE_MARKERS
    from helpers.seed_statistics import mean_interval

    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    markers, styles = list(CURVE_MARKERS), list(CURVE_LINESTYLES)
    for i, (name, points) in enumerate(curves.items()):
        xs = np.array([x for x, _ in points], dtype=float)
        stats = [mean_interval(v) if len(v) >= 2 else None for _, v in points]
        means = np.array([s.mean if s else float(np.mean(v)) for s, (_, v) in zip(stats, points)])
        colour = CATEGORY_COLORS[i % len(CATEGORY_COLORS)]
        ax.plot(
            xs, means, marker=markers[i % len(markers)], linestyle=styles[i % len(styles)], color=colour, label=name
        )
        if all(stats):
            ax.fill_between(xs, [s.low for s in stats], [s.high for s in stats], color=colour, alpha=0.18, lw=0)
    for j, (name, x) in enumerate((marks or {}).items()):
        ax.axvline(x, color="0.35", linestyle=":", linewidth=1.2)
        ax.annotate(
            name,
            (x, 1 - 0.08 * (j + 1)),
            xycoords=("data", "axes fraction"),
            fontsize=8,
            ha="left",
            xytext=(3, 0),
            textcoords="offset points",
            color="0.2",
        )
    if zero_line:  # thin and solid: the dashed and dotted styles belong to the series
        ax.axhline(0, color="0.2", linestyle="-", linewidth=0.8)
    if log_x:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    return describe(fig, figure_text.curves_with_bands(curves, xlabel, ylabel, marks, zero_line, log_x))
