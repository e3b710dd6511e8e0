"""How an embedding's rows move during training: one optimizer step, and a toy task in 2-D.

Everything here drives real Keras layers and optimizers; the functions only
record and draw what they do.

Introduced in notebook 05.
"""

import numpy as np

from helpers.embedding import DEFAULT_INIT_RANGE
from helpers.validation import check_indices_in_vocabulary, check_positive_int

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

    Bit for bit: the numbers' bytes are compared, not their values. So a row holding NaN
    that did not move counts as unchanged (``NaN != NaN`` would call it changed), and a
    ``0.0`` that became ``-0.0`` counts as changed (``0.0 == -0.0`` would hide it). Both
    matrices must have the same shape and dtype.

    Introduced in notebook 05.
    """
    before, after = np.asarray(before), np.asarray(after)
    if before.shape != after.shape:
        raise ValueError(f"before has shape {before.shape} but after has {after.shape}; compare the same matrix.")
    if before.ndim != 2:
        raise ValueError(
            f"before and after must be weight matrices (rows x columns), got shape {before.shape}; "
            "pass layer.get_weights()[0]."
        )
    if before.dtype != after.dtype:
        raise ValueError(
            f"before is {before.dtype} but after is {after.dtype}; bit for bit needs the same dtype: compare two "
            "copies of the same weight matrix."
        )
    if before.dtype.hasobject:
        raise TypeError("before and after must hold numbers, not Python objects; pass layer.get_weights()[0].")
    row_bytes = before.shape[1] * before.dtype.itemsize
    before_bits = np.ascontiguousarray(before).view(np.uint8).reshape(len(before), row_bytes)
    after_bits = np.ascontiguousarray(after).view(np.uint8).reshape(len(after), row_bytes)
    return [int(i) for i in np.flatnonzero((before_bits != after_bits).any(axis=1))]


def embedding_gradient(layer, batch):
    """The gradient of ``sum(layer(batch) ** 2)`` with respect to the layer's weight matrix, as the backend makes it.

    Each Keras backend takes gradients its own way, and hands the optimizer a
    different kind of object:

    - TensorFlow: ``tf.GradientTape`` gives ``tf.IndexedSlices``, one gradient row per
      position in the batch, with the row's index beside it;
    - JAX: ``jax.grad`` of a function of the weights (``layer.stateless_call``) gives a
      dense array with a row for every token index, zero for tokens not in the batch;
    - PyTorch: ``loss.backward()`` fills the weight's ``.grad`` with such a dense tensor.

    Introduced in notebook 05.
    """
    import keras

    from helpers.backends import check_backend

    if not isinstance(getattr(layer, "input_dim", None), (int, np.integer)):
        raise TypeError(f"layer must be a keras.layers.Embedding, got {type(layer).__name__}.")
    check_indices_in_vocabulary(batch, layer.input_dim)  # a float, negative or too-large index: one line
    batch = np.asarray(batch, dtype="int32")
    backend = check_backend(keras.config.backend())  # one line for a backend without gradients here (numpy)
    if backend == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(layer(batch)))
        return tape.gradient(loss, layer.embeddings)
    if backend == "jax":
        import jax

        def loss_of(weights):
            outputs, _ = layer.stateless_call([weights], [], batch)
            return jax.numpy.sum(jax.numpy.square(outputs))

        return jax.grad(loss_of)(layer.embeddings.value)
    weights = layer.embeddings.value  # torch
    weights.grad = None
    loss = (layer(batch) ** 2).sum()
    loss.backward()
    gradient = weights.grad.detach().clone()
    weights.grad = None
    return gradient


def embedding_steps(layer, batches, optimizer) -> list[np.ndarray]:
    """Take one optimizer step per batch on ``layer`` alone and return the weights before and after each.

    The loss is the sum of squares of the looked-up vectors, so its gradient is
    non-zero exactly on the rows of the tokens in the batch
    (:func:`embedding_gradient`, on any backend). Returns ``len(batches) + 1``
    copies of the weight matrix: before the first step, then after each step.

    Introduced in notebook 05.
    """
    if not batches:
        raise ValueError("batches is empty; give at least one batch of token indices, e.g. [[[1, 2]]].")
    snapshots = [np.array(layer.get_weights()[0])]
    for batch in batches:
        gradient = embedding_gradient(layer, batch)
        optimizer.apply_gradients([(gradient, layer.embeddings)])
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
    Each epoch is one full batch, so one step; the snapshot is taken at the end of the
    epoch, where every backend has put the weights back into the model (the JAX backend
    keeps them outside it while an epoch runs, for speed).

    Introduced in notebook 05.
    """
    import keras

    num_steps = check_positive_int(num_steps, "num_steps")
    embedding = model.get_layer("embedding")
    check_indices_in_vocabulary(x, embedding.input_dim)  # a word past the table: one line, on every device
    if len(x) != len(y):
        raise ValueError(f"x holds {len(x)} reviews but y {len(y)} labels; give one label per review.")
    snapshots = [np.array(embedding.get_weights()[0])]

    class Record(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            snapshots.append(np.array(embedding.get_weights()[0]))

    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy", metrics=["accuracy"])
    x, y = np.asarray(x), np.asarray(y, dtype="float32")
    model.fit(x, y, epochs=num_steps, batch_size=len(x), shuffle=False, verbose=0, callbacks=[Record()])
    return snapshots
