"""The figures' text alternatives: what each figure shows and what to notice, in words, from the data it plots.

A screen reader reads these instead of the picture; every reader can open them under the figure
("Described in words", :func:`helpers.figure_output.show`). Each function takes the data of one of
:mod:`helpers.figures`' plots and returns one paragraph: what is drawn, how the series are told apart
(by colour *and* by marker, line style or label), and the numbers a learner would read off the figure.
They never restate a fixed caption: change the data and the text changes with it.

Introduced in notebook 02.
"""

from collections.abc import Mapping, Sequence

import numpy as np

#: At most this many cells or rows are named one by one; larger figures are summarised by counts.
MAX_NAMED = 24
#: A histogram's bars count as "about level" when the lowest holds at least this share of the highest.
LEVEL_SHARE = 0.5
#: A recovered map "redraws" the hidden one when its points lie on average within this share of the map's span.
CLOSE_SHARE = 0.1


def _number(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}"


def _significant(value: float, digits: int = 3) -> str:
    """``value`` to ``digits`` significant digits: -0.0481 and 0.14, never -0.05 for -0.0481 or 0.140."""
    return f"{value:.{digits}g}"


def _listed(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _word_of(index_to_word):
    """``index -> word`` from a ``{index: word}`` dict, a ``{word: index}`` word index or a list; '' if none."""
    if index_to_word is None:
        return lambda i: ""
    if isinstance(index_to_word, Mapping):
        items = list(index_to_word.items())
        if items and isinstance(items[0][0], str):
            table = {index: word for word, index in items}
        else:
            table = dict(items)
        return lambda i: str(table.get(i, ""))
    words = list(index_to_word)
    return lambda i: words[i] if 0 <= i < len(words) else ""


def padded_batch(padded, index_to_word=None, padding_index: int = 0) -> str:
    """The padded-batch grid (:func:`helpers.figures.plot_padded_batch`) in words: each row's cells, or counts."""
    padded = np.asarray(padded)
    n_rows, n_cols = padded.shape
    is_pad = padded == padding_index
    word_of = _word_of(index_to_word)
    text = (
        f"A grid of the padded batch, {n_rows} sentences by {n_cols} positions: one row per sentence, one cell "
        f"per token, each cell labelled with its index"
        + (" and word" if index_to_word is not None else "")
        + f". Padding cells (index {padding_index}) are light grey and labelled pad; real tokens are coloured by "
        f"index. {int(is_pad.sum())} of {padded.size} cells are padding."
    )
    front = sum(bool(is_pad[r, 0]) for r in range(n_rows))
    back = sum(bool(is_pad[r, -1]) for r in range(n_rows))
    if front or back:
        text += f" Padding sits at the front of {front} rows and at the end of {back}."
    if n_rows <= MAX_NAMED // 4 and n_cols <= MAX_NAMED:
        for r in range(n_rows):
            cells = [
                "pad" if is_pad[r, c] else " ".join(filter(None, (str(int(padded[r, c])), word_of(int(padded[r, c])))))
                for c in range(n_cols)
            ]
            text += f" Sentence {r + 1}: " + ", ".join(cells) + "."
    return text


def weight_lookup(weights, indices, output=None, index_to_word=None) -> str:
    """The weight-lookup picture (:func:`helpers.figures.plot_weight_lookup`) in words: which rows were copied."""
    weights, indices = np.asarray(weights), np.asarray(indices)
    output = weights[indices] if output is None else np.asarray(output)
    vocab_size, embedding_dim = weights.shape
    used = sorted(set(np.unique(indices).tolist()))
    unused = [row for row in range(vocab_size) if row not in used]
    word_of = _word_of(index_to_word)
    copies = bool(np.allclose(output.reshape(-1, embedding_dim), weights[indices.reshape(-1)]))
    text = (
        f"Two heatmaps in one colour scale centred on 0. Left: the weight matrix W, {vocab_size} rows by "
        f"{embedding_dim} columns; the {len(used)} rows the indices look up are framed in black and marked by an "
        f"arrow"
        + (f", and the {len(unused)} others are labelled unused" if vocab_size <= 30 and unused else "")
        + f". Right: the output, {' by '.join(str(d) for d in output.shape)}, one row per token. "
        + (
            "Every output row is an exact copy of the framed row of W its index names."
            if copies
            else "The output rows are not copies of the rows of W their indices name."
        )
    )
    if len(used) <= MAX_NAMED:
        named = [f"{row} ({word_of(row) or ('padding' if row == 0 else '')})".replace(" ()", "") for row in used]
        text += f" Rows looked up: {_listed(named)}."
    if unused and len(unused) <= MAX_NAMED:
        text += f" Rows never looked up: {_listed([str(r) for r in unused])}."
    values = weights.ravel()
    text += f" Weights range from {_significant(values.min())} to {_significant(values.max())}."
    return text


def initial_histogram(weights, bound: float) -> str:
    """The fresh weights' histogram (:func:`helpers.figures.plot_initial_histogram`) in words."""
    values = np.asarray(weights, dtype=float).ravel()
    counts, _ = np.histogram(values, bins=40)
    inside = int(((values >= -bound) & (values <= bound)).sum())
    return (
        f"A histogram of a fresh Embedding's {values.size:,} weights in 40 bars, with dashed lines at -{bound} and "
        f"{bound}, the initializer's bounds. {inside:,} of {values.size:,} weights lie between them (the smallest "
        f"is {_number(values.min(), 3)}, the largest {_number(values.max(), 3)}). The bars hold from "
        f"{counts.min()} to {counts.max()} weights each"
        + (
            ": about level, a flat (uniform) spread with no peak at 0."
            if counts.min() >= LEVEL_SHARE * counts.max()
            else "."
        )
    )


def _spread(points) -> float:
    return float(np.abs(points).max())


def before_after(snapshots, word_index: Mapping[str, int], positive: Sequence[str], negative: Sequence[str]) -> str:
    """The two-panel scatter of the words' 2-D rows before and after training (``plot_before_after``) in words."""
    first, last = np.asarray(snapshots[0]), np.asarray(snapshots[-1])
    steps = len(snapshots) - 1

    def centre(table, words):
        return table[[word_index[w] for w in words if w in word_index]].mean(axis=0)

    rows = [word_index[w] for w in word_index]
    before = float(np.linalg.norm(centre(first, positive) - centre(first, negative)))
    after = float(np.linalg.norm(centre(last, positive) - centre(last, negative)))
    axis = centre(last, positive) - centre(last, negative)
    along_positive = [float(last[word_index[w]] @ axis) for w in positive if w in word_index]
    along_negative = [float(last[word_index[w]] @ axis) for w in negative if w in word_index]
    apart = bool(along_positive and along_negative and min(along_positive) > max(along_negative))
    shared = [w for w in word_index if w not in positive and w not in negative]
    shared_text = (
        f" The words of both classes ({_listed(shared)}) end at most "
        f"{_number(max(float(np.linalg.norm(last[word_index[w]])) for w in shared), 3)} from the origin."
        if shared
        else ""
    )
    return (
        f"Two scatter plots of each word's 2-D embedding row, each point labelled with its word; positive words "
        f"({_listed(list(positive))}) as blue upward triangles, negative ones ({_listed(list(negative))}) as orange "
        f"downward triangles, the rest as grey dots. Left, before training: every row lies within "
        f"{_number(_spread(first[rows]), 3)} of 0 on both axes, "
        f"and the centres of the positive and the negative words are {_number(before, 3)} apart. Right, after "
        f"{steps} steps: the rows reach {_number(_spread(last[rows]))} and the two centres are "
        f"{_number(after)} apart"
        + (
            ", every positive word on one side and every negative word on the other."
            if apart
            else "; the positive and the negative words still overlap."
        )
        + shared_text
    )


def word_positions(
    weights, word_index: Mapping[str, int], positive: Sequence[str], negative: Sequence[str], step=None
) -> str:
    """One frame of the training replay (``draw_word_positions``) in words: how far the rows reach, how far apart
    the positive and the negative words' centres are, and whether a line parts them."""
    table = np.asarray(weights)
    rows = [word_index[w] for w in word_index]

    def centre(words):
        return table[[word_index[w] for w in words if w in word_index]].mean(axis=0)

    axis = centre(positive) - centre(negative)
    along_positive = [float(table[word_index[w]] @ axis) for w in positive if w in word_index]
    along_negative = [float(table[word_index[w]] @ axis) for w in negative if w in word_index]
    apart = bool(along_positive and along_negative and min(along_positive) > max(along_negative))
    when = "before training" if step in (None, 0) else f"after step {step}"
    return (
        f"Scatter of each word's 2-D embedding row {when}, each point labelled with its word; positive words as "
        f"blue upward triangles, negative ones as orange downward triangles, the rest as grey dots. The rows reach "
        f"{_number(_spread(table[rows]), 3)} on the "
        f"axes, and the centres of the positive and the negative words are {_number(float(np.linalg.norm(axis)), 3)} "
        "apart"
        + (
            ": every positive word lies on one side and every negative word on the other."
            if apart
            else "; the positive and the negative words still overlap."
        )
    )


def learning_curves(histories: Mapping[str, Sequence[float]], test_accuracies=None) -> str:
    """Accuracy against epoch (:func:`helpers.figures.plot_learning_curves`) in words: every point's value."""
    lines = []
    from helpers.figure_style import CURVE_MARKERS

    markers = iter(CURVE_MARKERS.values())  # the same order plot_learning_curves draws them in
    for name, values in histories.items():
        lines.append((name, "solid line", next(markers), values))
    for name, values in (test_accuracies or {}).items():
        lines.append((name, "dashed line", next(markers), values))
    parts = [
        f"{name} ({style} with {marker}): " + ", ".join(_number(v, 3) for v in values)
        for name, style, marker, values in lines
    ]
    epochs = max(len(values) for *_, values in lines)
    return f"Accuracy after each of {epochs} epochs, one line per measurement. " + "; ".join(parts) + "."


def seed_comparison(values: Mapping[str, Sequence[float]], comparisons: Sequence[dict], quantity: str) -> str:
    """The seeds-and-differences figure (:func:`helpers.figures.plot_seed_comparison`) in words."""
    from helpers.seed_statistics import mean_interval

    arms = []
    for arm, seeds in values.items():
        seeds = np.asarray(seeds, dtype=float)
        if len(seeds) >= 2:
            interval = mean_interval(seeds)
            arms.append(
                f"{arm}: mean {_number(interval.mean, 4)}, 95% interval {_number(interval.low, 4)} to "
                f"{_number(interval.high, 4)} ({len(seeds)} seeds)"
            )
        else:
            arms.append(f"{arm}: {len(seeds)} seed, no interval")
    text = f"Left panel: {quantity} per arm, one grey dot per seed and a black mean with its 95% interval. " + (
        "; ".join(arms) + "."
    )
    rows = [row for row in comparisons if row["difference"] is not None]
    if rows:
        diffs = []
        for row in rows:
            d = row["difference"]
            excludes = d.low > 0 or d.high < 0
            diffs.append(
                f"{row['arm']} minus {row['baseline']}: {d.mean:+.4f}, 95% interval {d.low:+.4f} to {d.high:+.4f}, "
                + ("which misses 0" if excludes else "which contains 0")
            )
        text += (
            " Right panel: each paired difference (same seeds) as a dot on a thick 95% bar and a thin Bonferroni "
            "bar, against a dashed line at 0. " + "; ".join(diffs) + "."
        )
    return text


def seconds_per_epoch(panels, strategies: Sequence[str], cudnn=None) -> str:
    """The seconds-per-epoch bars (:func:`helpers.figures.plot_seconds_per_epoch`) in words, fastest first."""
    parts = []
    for device, by_backend in panels.items():
        groups = []
        for backend, by_strategy in by_backend.items():
            ordered = sorted(by_strategy.items(), key=lambda item: item[1])
            on_cudnn = (cudnn or {}).get(device, {}).get(backend, {})
            bars = ", ".join(
                f"{strategy} {seconds:.3g} s" + (" (cuDNN)" if on_cudnn.get(strategy) else "")
                for strategy, seconds in ordered
            )
            groups.append(f"{backend}: {bars}")
        parts.append(f"{device}, fastest first. " + "; ".join(groups) + ".")
    return (
        f"Bars of seconds per epoch on a log scale, one panel per device, a group per Keras backend and a bar per "
        f"padding recipe ({_listed(list(strategies))}), each bar also named in the legend by colour"
        + ("; hatched bars ran the LSTM on cuDNN" if cudnn else "")
        + ". "
        + " ".join(parts)
    )


def recovered_map(true_positions, learned_positions) -> str:
    """The hidden map against the aligned learned rows (:func:`helpers.figures.plot_recovered_map`) in words."""
    true_positions, learned_positions = np.asarray(true_positions, float), np.asarray(learned_positions, float)
    gaps = np.linalg.norm(true_positions - learned_positions, axis=1)
    span = float(np.ptp(true_positions, axis=0).max())
    return (
        f"A map of {len(true_positions)} cities: each hidden position is an open grey circle and the city's learned "
        f"row, aligned onto the map, a filled blue dot, joined by a thin line. The map spans {_number(span)} units; "
        f"a dot lies on average {_number(float(gaps.mean()), 3)} from its circle (at most "
        f"{_number(float(gaps.max()), 3)})"
        + (
            ", so the learned rows redraw the hidden map."
            if gaps.mean() < CLOSE_SHARE * span
            else ", far from it: the learned rows do not redraw the hidden map."
        )
    )


def curves_with_bands(curves, xlabel: str, ylabel: str, marks=None, zero_line: bool = False, log_x: bool = True) -> str:
    """Curves with bands (:func:`helpers.figures.plot_curves_with_bands`) in words: every point with its interval."""
    from helpers.figure_style import CURVE_LINESTYLES, CURVE_MARKERS
    from helpers.seed_statistics import mean_interval

    markers, styles = list(CURVE_MARKERS.values()), list(CURVE_LINESTYLES.values())
    parts = []
    for i, (name, points) in enumerate(curves.items()):
        described = []
        for x, values in points:
            values = np.asarray(values, dtype=float)
            if len(values) >= 2:
                m = mean_interval(values)
                described.append(
                    f"at {x:,g}, {_significant(m.mean, 4)} [{_significant(m.low, 4)}, {_significant(m.high, 4)}]"
                )
            else:
                described.append(f"at {x:,g}, {_significant(float(values.mean()), 4)} (one seed, no band)")
        style = f"{styles[i % len(styles)]} with {markers[i % len(markers)]}"
        parts.append(f"{name} ({style}): " + "; ".join(described))
    text = (
        f"{ylabel} against {xlabel}" + (" (a logarithmic axis)" if log_x else "") + ", one line per series, each point "
        "the mean over seeds with a shaded 95% band (in brackets). " + ". ".join(parts) + "."
    )
    if marks:
        named = "; ".join(f"{name} at {_significant(x, 3)}" for name, x in marks.items())
        text += f" Vertical dotted lines mark {named}."
    if zero_line:
        text += " A thin solid line marks 0: where a band lies wholly above or below it, the difference is claimed."
    return text
