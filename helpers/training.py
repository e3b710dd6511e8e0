"""Training the IMDB LSTM: a validation split, length-bucketed batches, learning curves.

The seed recipe pads every review to 500 tokens, so the LSTM spends most of its
steps on padding. :func:`make_bucketed_batches` groups reviews of similar
length into one batch and pads each batch only to its own longest review
(before the review by default, or after it for a model with ``mask_zero=True``).

Introduced in notebook 06.
"""

import numpy as np

from helpers.validation import check_index_sequences, check_matrix_size, check_non_negative_int, check_positive_int

#: The seed answer's IMDB model sizes: ``top_words = 5000`` rows, ``embedding_vecor_length = 32``, ``LSTM(100)``.
SEED_VOCAB_SIZE, SEED_EMBEDDING_DIM, SEED_LSTM_UNITS = 5000, 32, 100


def build_seed_model(
    vocab_size: int = SEED_VOCAB_SIZE,
    embedding_dim: int = SEED_EMBEDDING_DIM,
    input_length: int | None = None,
    *,
    mask_zero: bool = False,
    name: str = "seed_model",
    embeddings_initializer="uniform",
    trainable: bool = True,
):
    """The question's model, uncompiled: ``Embedding(vocab_size, embedding_dim) -> LSTM(100) -> Dense(1, sigmoid)``.

    Layer names ``embedding``, ``lstm``, ``dense``; ``input_length=None`` takes reviews of
    any length. 213,301 weights at the seed's sizes. ``embeddings_initializer`` and
    ``trainable`` go to the ``Embedding`` (Keras' defaults: ``'uniform'``, trainable);
    ``experiments/imdb_pretrained.py`` passes pretrained vectors as ``keras.initializers.Constant(matrix)``
    (notebook 08 teaches ``build`` + ``set_weights`` instead, and measures what ``Constant`` costs).

    The sizes are checked first, with these names (Keras would answer ``vocab_size=0`` with a
    message about its own ``input_dim``).

    Introduced in notebook 06 (which shows it); notebook 07 loads the trained weights into it.
    """
    vocab_size = check_positive_int(vocab_size, "vocab_size")
    embedding_dim = check_positive_int(embedding_dim, "embedding_dim")
    if input_length is not None:
        input_length = check_positive_int(input_length, "input_length")
    check_matrix_size(vocab_size, embedding_dim, f"Embedding({vocab_size}, {embedding_dim})")
    for flag, value in (("mask_zero", mask_zero), ("trainable", trainable)):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{flag} must be True or False, got {value!r}.")
    import keras

    return keras.Sequential(
        [
            keras.Input(shape=(input_length,)),
            keras.layers.Embedding(
                vocab_size,
                embedding_dim,
                mask_zero=mask_zero,
                name="embedding",
                embeddings_initializer=embeddings_initializer,
                trainable=trainable,
            ),
            keras.layers.LSTM(SEED_LSTM_UNITS, name="lstm"),
            keras.layers.Dense(1, activation="sigmoid", name="dense"),
        ],
        name=name,
    )


def validation_split(x, y, validation_size: int, seed: int = 42):
    """Carve ``validation_size`` reviews out of the training set: ``(x_fit, y_fit), (x_val, y_val)``.

    The test set is never touched. The split is random but fixed by ``seed``.

    Introduced in notebook 06.
    """
    validation_size = check_positive_int(validation_size, "validation_size")
    if len(x) != len(y):
        raise ValueError(f"x holds {len(x):,} reviews but y {len(y):,} labels; give one label per review.")
    if validation_size >= len(x):
        raise ValueError(
            f"validation_size={validation_size} leaves nothing to train on ({len(x)} reviews); use a smaller "
            f"one, e.g. {len(x) // 10}."
        )
    order = np.random.default_rng(seed).permutation(len(x))
    fit, val = order[validation_size:], order[:validation_size]
    x = np.asarray(x, dtype=object) if not isinstance(x, np.ndarray) else x
    y = np.asarray(y)
    return (x[fit], y[fit]), (x[val], y[val])


def bucketed_batch_indices(lengths, batch_size: int, rng=None, bucket_batches: int = 20):
    """Batches (lists of review positions) that group reviews of similar length.

    With ``rng`` the reviews are shuffled, then sorted by length inside windows
    of ``bucket_batches`` batches, and the batches come out in random order, so
    every epoch differs. Without ``rng`` the reviews are simply sorted by length
    (for evaluation).

    Introduced in notebook 06.
    """
    batch_size = check_positive_int(batch_size, "batch_size")
    bucket_batches = check_positive_int(bucket_batches, "bucket_batches")
    lengths = np.asarray(lengths)
    if lengths.ndim != 1 or (lengths.size and (lengths.dtype.kind not in "iu" or lengths.min() < 0)):
        raise ValueError(
            f"lengths must be one whole number of 0 or more per review, got {lengths.dtype} {lengths.shape}."
        )
    if rng is None:
        order = np.argsort(lengths, kind="stable")
        return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    order = rng.permutation(len(lengths))
    window = batch_size * bucket_batches
    batches = []
    for start in range(0, len(order), window):
        chunk = order[start : start + window]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    return [batches[i] for i in rng.permutation(len(batches))]


def make_bucketed_batches(
    x,
    y,
    batch_size: int = 64,
    sequence_length: int = 500,
    shuffle: bool = True,
    seed: int = 42,
    padding: str = "pre",
    round_to: int = 1,
):
    """A Keras ``PyDataset`` of length-bucketed batches, each padded only to its own longest review.

    Reviews longer than ``sequence_length`` keep their last tokens, as with
    ``pad_sequences``. ``padding='pre'`` puts the few zeros before the review
    (the LSTM's last step is then always a real word, no mask needed);
    ``padding='post'`` puts them after it, for a model with ``mask_zero=True``.
    ``round_to`` rounds each batch's length up to a multiple of it (at most
    ``sequence_length``): on the JAX backend every new batch shape is a new
    compilation, and ``round_to=100`` leaves at most 5 lengths up to 500 (notebook 09).

    Every token must be a whole number, 0 or more (``pad_sequences`` would cut a float to an
    int without a word); ``x`` and ``y`` must be as long as each other.

    Introduced in notebook 06; ``round_to`` in notebook 09.
    """
    if padding not in ("pre", "post"):
        raise ValueError(f"padding must be 'pre' or 'post', got {padding!r}.")
    round_to = check_positive_int(round_to, "round_to")
    batch_size = check_positive_int(batch_size, "batch_size")
    sequence_length = check_positive_int(sequence_length, "sequence_length")  # [-0:] would keep every token
    check_index_sequences(x, name="x")
    if len(x) != len(y):
        raise ValueError(f"x holds {len(x):,} reviews but y {len(y):,} labels; give one label per review.")
    import keras

    class LengthBucketedBatches(keras.utils.PyDataset):
        """Batches of reviews of similar length, each padded only to its own longest review."""

        def __init__(self):
            super().__init__()
            self.sequences = [list(s)[-sequence_length:] for s in x]  # keep the end, as pad_sequences does
            self.labels = np.asarray(y).astype("float32")
            self.lengths = np.array([len(s) for s in self.sequences])
            self.rng = np.random.default_rng(seed) if shuffle else None
            self.batches = bucketed_batch_indices(self.lengths, batch_size, self.rng)

        def __len__(self):
            return len(self.batches)

        def __getitem__(self, i):
            batch = self.batches[i]
            padded = keras.utils.pad_sequences(
                [self.sequences[j] for j in batch], maxlen=self.padded_length(batch), padding=padding
            )
            return padded, self.labels[batch]

        def padded_length(self, batch) -> int:
            """This batch's longest review, rounded up to a multiple of ``round_to`` (at most ``sequence_length``)."""
            longest = int(self.lengths[batch].max())
            return min(sequence_length, -(-longest // round_to) * round_to)

        def on_epoch_end(self):
            if self.rng is not None:
                self.batches = bucketed_batch_indices(self.lengths, batch_size, self.rng)

        def padded_fraction(self) -> float:
            """Share of the batches' cells that are padding."""
            cells = sum(len(b) * self.padded_length(b) for b in self.batches)
            return 1.0 - self.lengths.sum() / cells

    return LengthBucketedBatches()


def make_epoch_callbacks(test_data=None, batch_size: int = 256, progress_lines_per_epoch: int = 5):
    """A Keras callback that times each epoch and, given ``test_data``, measures test accuracy after it.

    The callback's ``seconds`` and ``test_accuracy`` lists fill up during ``fit``,
    and it prints one line per epoch. Test accuracy per epoch is for the reader's
    learning curve only: nothing is chosen by it. (To keep a log file of a long run,
    add Keras' own ``keras.callbacks.CSVLogger``.)

    Inside an epoch it prints ``progress_lines_per_epoch`` short progress lines (batch,
    seconds so far, loss and accuracy so far; under 60 characters, so they never wrap),
    so a long epoch is never silent. Use it with ``fit(..., verbose=0)``: Keras' own
    progress bar would flood the stored output, and its long lines wrap mid-number.
    ``progress_lines_per_epoch=0`` turns them off.

    Introduced in notebook 06.
    """
    batch_size = check_positive_int(batch_size, "batch_size")
    progress_lines_per_epoch = check_non_negative_int(progress_lines_per_epoch, "progress_lines_per_epoch")
    import time

    import keras

    class EpochReport(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds, self.test_accuracy = [], []

        def on_epoch_begin(self, epoch, logs=None):
            self._start = time.perf_counter()
            self._epoch = epoch

        def on_train_batch_end(self, batch, logs=None):
            steps = (self.params or {}).get("steps") or 0
            if progress_lines_per_epoch <= 0 or not steps:
                return
            every = max(1, -(-steps // progress_lines_per_epoch))
            done = batch + 1
            if done % every == 0 and done < steps:
                logs = logs or {}
                line = f"  epoch {self._epoch + 1}: batch {done}/{steps}, {time.perf_counter() - self._start:.0f} s"
                if "loss" in logs:
                    line += f", loss {float(logs['loss']):.3f}"
                if "accuracy" in logs:
                    line += f", accuracy {float(logs['accuracy']):.3f}"
                print(line, flush=True)

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self._start)
            line = f"epoch {epoch + 1}: {self.seconds[-1]:.0f} s"
            if test_data is not None:
                if isinstance(test_data, tuple):
                    _, accuracy = self.model.evaluate(*test_data, batch_size=batch_size, verbose=0)
                else:
                    _, accuracy = self.model.evaluate(test_data, verbose=0)
                self.test_accuracy.append(float(accuracy))
                line += f", test accuracy after this epoch {accuracy:.4f}"
            print(line, flush=True)

    return EpochReport()
