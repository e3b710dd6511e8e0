"""How an embedding's rows move during training: one optimizer step, and a toy task in 2-D.

Everything here drives real Keras layers and optimizers; the functions only
record and draw what they do.

Introduced in notebook 05.
"""

import numpy as np

from helpers.embedding import DEFAULT_INIT_RANGE
from helpers.validation import check_positive_int

#: A dozen short reviews for the toy sentiment task (1 = positive, 0 = negative).
#: Each positive review has a negative twin that differs only in its sentiment words.
TOY_REVIEWS = [
    ("good movie", 1),
    ("great film", 1),
    ("a good story", 1),
    ("really great acting", 1),
    ("fun and good", 1),
    ("loved it", 1),
    ("bad movie", 0),
    ("awful film", 0),
    ("a bad story", 0),
    ("really awful acting", 0),
    ("boring and bad", 0),
    ("hated it", 0),
]

#: Adam's step size for the toy task: large enough that the words visibly move in a few steps.
TOY_LEARNING_RATE = 0.05

#: The words that carry the sentiment in ``TOY_REVIEWS``; every other word appears in both classes.
POSITIVE_WORDS = ("good", "great", "fun", "loved")
NEGATIVE_WORDS = ("bad", "awful", "boring", "hated")


def changed_rows(before, after) -> list[int]:
    """Indices of the rows of a weight matrix that differ (bit for bit) between ``before`` and ``after``.

    Introduced in notebook 05.
    """
    before, after = np.asarray(before), np.asarray(after)
    if before.shape != after.shape:
        raise ValueError(f"before has shape {before.shape} but after has {after.shape}; compare the same matrix.")
    return [int(i) for i in np.flatnonzero((before != after).any(axis=1))]


def embedding_steps(layer, batches, optimizer) -> list[np.ndarray]:
    """Take one optimizer step per batch on ``layer`` alone and return the weights before and after each.

    The loss is the sum of squares of the looked-up vectors, so its gradient is
    non-zero exactly on the rows of the tokens in the batch. Returns
    ``len(batches) + 1`` copies of the weight matrix: before the first step, then
    after each step.

    Introduced in notebook 05.
    """
    from helpers.environment import import_tensorflow_quietly

    tf = import_tensorflow_quietly()
    if not batches:
        raise ValueError("batches is empty; give at least one batch of token indices, e.g. [[[1, 2]]].")
    snapshots = [np.array(layer.get_weights()[0])]
    for batch in batches:
        batch = np.asarray(batch, dtype="int32")
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(layer(batch)))
        gradients = tape.gradient(loss, layer.trainable_variables)
        optimizer.apply_gradients(zip(gradients, layer.trainable_variables))
        snapshots.append(np.array(layer.get_weights()[0]))
    return snapshots


def build_toy_model(num_words: int, embedding_dim: int = 2, seed: int = 42):
    """Embedding(num_words + 1, embedding_dim, mask_zero=True) -> average over words -> Dense(1, sigmoid).

    ``num_words + 1`` rows (the layer's ``vocab_size``) because index 0 is padding (notebook 04).

    Introduced in notebook 05.
    """
    import keras

    num_words = check_positive_int(num_words, "num_words")
    embedding_dim = check_positive_int(embedding_dim, "embedding_dim")
    initializer = keras.initializers.RandomUniform(-DEFAULT_INIT_RANGE, DEFAULT_INIT_RANGE, seed=seed)
    model = keras.Sequential(
        [
            keras.Input(shape=(None,), dtype="int32"),
            keras.layers.Embedding(
                num_words + 1, embedding_dim, mask_zero=True, embeddings_initializer=initializer, name="embedding"
            ),
            keras.layers.GlobalAveragePooling1D(name="average"),
            keras.layers.Dense(
                1,
                activation="sigmoid",
                name="sentiment",
                kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
            ),
        ]
    )
    return model


def train_with_snapshots(model, x, y, num_steps: int, learning_rate: float = TOY_LEARNING_RATE) -> list[np.ndarray]:
    """Train ``model`` full-batch with Adam for ``num_steps`` steps; return the embedding weights at every step.

    Snapshot 0 is before training, snapshot k after step k (``num_steps + 1`` in all).

    Introduced in notebook 05.
    """
    import keras

    num_steps = check_positive_int(num_steps, "num_steps")
    embedding = model.get_layer("embedding")
    snapshots = [np.array(embedding.get_weights()[0])]

    class Record(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            snapshots.append(np.array(embedding.get_weights()[0]))

    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy", metrics=["accuracy"])
    x, y = np.asarray(x), np.asarray(y, dtype="float32")
    model.fit(x, y, epochs=num_steps, batch_size=len(x), shuffle=False, verbose=0, callbacks=[Record()])
    return snapshots


def _word_colour(word: str):
    from helpers.figure_style import NEGATIVE_COLOR, NEUTRAL_COLOR, POSITIVE_COLOR

    if word in POSITIVE_WORDS:
        return POSITIVE_COLOR
    if word in NEGATIVE_WORDS:
        return NEGATIVE_COLOR
    return NEUTRAL_COLOR


def draw_word_positions(ax, weights, word_index: dict[str, int], limit: float | None = None, title: str = "") -> None:
    """Draw each word's 2-D embedding row as a labelled point on ``ax`` (positive blue, negative orange).

    Labels never overlap (``plots.label_points``). Words that carry no sentiment
    and sit together near the origin (closer than 8% of the axis range to it) get one
    grey label listing them instead of a pile of overlapping ones.

    Introduced in notebook 05.
    """
    from helpers.figure_style import AXIS_COLOR, LINE_COLOR
    from helpers.plots import label_points

    weights = np.asarray(weights)
    if weights.ndim != 2 or weights.shape[1] != 2:
        raise ValueError(f"weights must have 2 columns (a 2-D embedding) to draw, got shape {weights.shape}.")
    ax.clear()
    if limit is None:
        limit = float(np.abs(weights[1:]).max()) * 1.25 or DEFAULT_INIT_RANGE
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    words = list(word_index)
    points = np.array([weights[word_index[w]] for w in words])
    ax.scatter(points[:, 0], points[:, 1], color=[_word_colour(w) for w in words], s=18, zorder=2)
    near = [
        w for w, p in zip(words, points) if w not in POSITIVE_WORDS + NEGATIVE_WORDS and np.abs(p).max() < 0.08 * limit
    ]
    labelled = [w for w in words if w not in near] if len(near) > 2 else words
    label_points(
        ax, [weights[word_index[w]] for w in labelled], labelled, [_word_colour(w) for w in labelled], avoid=points
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
    return fig


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
    return fig


def snapshot_slider(snapshots, word_index: dict[str, int]):
    """An ipywidgets slider over training steps that redraws the word positions recorded at that step.

    Nothing is trained when the slider moves; it only shows ``snapshots[step]``.
    The axes keep the scale of the last step, so the drift is visible. The
    returned box's ``figure`` is the single figure that is redrawn.

    Introduced in notebook 05.
    """
    import io

    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    limit = float(np.abs(snapshots[-1][1:]).max()) * 1.25
    slider = widgets.IntSlider(
        value=0, min=0, max=len(snapshots) - 1, step=1, description="step", continuous_update=True
    )
    # The figure goes to an Image widget as PNG bytes: no Output widget, so nothing leaks into the
    # cell's own outputs when no front end captures it (nbval, or a viewer without the widget state).
    image = widgets.Image(format="png", layout=widgets.Layout(width="560px"))
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(5.6, 4.4))

    def redraw(change=None):
        step = slider.value
        draw_word_positions(ax, snapshots[step], word_index, limit=limit, title=f"word vectors after step {step}")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        image.value = buffer.getvalue()

    slider.observe(redraw, names="value")
    redraw()
    from helpers.explorer import LiveBox

    box = LiveBox([slider, image], what="Training replay")
    box.figure = fig  # the one figure every step is redrawn into (tests read its title)
    return box
