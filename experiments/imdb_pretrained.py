"""Pretrained GloVe vectors in the seed's IMDB model: frozen, fine-tuned, or not at all. Ten seeds, one results file.

Three arms that differ in the ``Embedding``'s start and whether it trains. Every arm trains
``Embedding(5000, 50) -> LSTM(100) -> Dense(1)`` with the seed answer's recipe (reviews
pre-padded to 500, Adam, batch 64, 3 epochs, no validation) on all 25,000 training reviews,
and measures test accuracy on all 25,000 test reviews after every epoch:

* ``random``: Keras' default start (uniform in [-0.05, 0.05]), trained;
* ``glove_frozen``: GloVe's 50-d vectors aligned with IMDB's index
  (``keras.initializers.Constant(matrix)``), ``trainable=False``;
* ``glove_tuned``: the same start, trained with the rest.

``embedding_dim`` is 50 in all three arms (GloVe 6B's smallest size; the seed's 32 would need
GloVe cut or projected). ``glove_tuned`` and ``random`` differ in the start (its values, and its scale:
GloVe's rows are about 23 times longer) and, at the same seed, in the LSTM's first draw (the ``'uniform'``
initializer takes a number from the seeded stream, ``Constant`` does not: notebook 08);
``glove_frozen`` and ``glove_tuned`` differ only in trainability. Rows GloVe has no vector for
(the reserved indices 0-3 and words GloVe lacks) start at zero in the GloVe arms.
The seeds, as in ``imdb_controlled.py``: ``SEEDS``. 1-3 were planned and run first; 4-10 were
added on 2026-12-01, after 1-3's results had been seen, each fixed before it ran.

Each finished run is appended to the results file at once (plain JSON, written atomically)
with the machine it ran on (``helpers.experiments.machine``); a restart skips what is done
(a seed counts once one kind of machine has run all three arms with it: ``imdb_controlled.pending``).

    python experiments/imdb_pretrained.py            # everything still missing
    python experiments/imdb_pretrained.py --quick    # a tiny smoke run into another file

The full run (30 runs) takes about an hour and a half on 2 quiet CPU cores; quick mode takes seconds and never
touches the real results file.
"""

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The controlled experiment's plumbing: timestamped log lines, the per-epoch record (seconds, load
# average, metrics, test accuracy), the atomic write of the results file.
from imdb_controlled import (  # noqa: E402
    BATCH_SIZE,
    SEQUENCE_LENGTH,
    VOCAB_SIZE,
    append_run,
    command_line,
    design,
    epoch_log,
    finish,
    say,
    start,
)

from helpers import glove, imdb, set_seed, training  # noqa: E402

RESULTS = ROOT / "data" / "imdb_pretrained.json"
LOG = ROOT / "experiments" / "imdb_pretrained.log"

# Seeds (chosen before any run), vocabulary, padding length and batch size: notebook 06's experiment's.
EMBEDDING_DIM = glove.DIM  # 50 in every arm
EPOCHS = 3  # the seed answer's nb_epoch=3

ARMS = {
    "random": "Keras' default uniform start, trained (embedding_dim 50)",
    "glove_frozen": "GloVe 6B 50-d vectors aligned with IMDB's index, trainable=False",
    "glove_tuned": "the same GloVe start, trained with the rest of the model",
}


def imdb_glove_matrix(word_index: dict[str, int], vectors) -> tuple[np.ndarray, np.ndarray]:
    """The ``(5000, 50)`` start of the GloVe arms: row ``rank + 3`` is the word's GloVe vector (zeros if none)."""
    rows = {word: rank + imdb.INDEX_FROM for word, rank in word_index.items()}
    return glove.aligned_matrix(rows, vectors, VOCAB_SIZE)


def build_model(arm: str, matrix: np.ndarray | None):
    """The seed's model at ``embedding_dim`` 50, started and frozen as ``arm`` says, compiled as the seed does."""
    import keras

    if arm == "random":
        model = training.build_seed_model(VOCAB_SIZE, EMBEDDING_DIM)
    else:
        model = training.build_seed_model(
            VOCAB_SIZE,
            EMBEDDING_DIM,
            trainable=arm == "glove_tuned",
            embeddings_initializer=keras.initializers.Constant(matrix),
        )
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


def run_arm(arm: str, seed: int, data, matrix, log: Path | None, quick: bool) -> dict:
    import keras

    (x_train, y_train), (x_test, y_test) = data
    set_seed(seed)
    label = f"[{arm} seed={seed}]"
    started = time.perf_counter()
    model = build_model(arm, matrix)
    start_weights = model.get_layer("embedding").get_weights()[0]
    test = (keras.utils.pad_sequences(x_test, maxlen=SEQUENCE_LENGTH), y_test)
    epochs = epoch_log(label, test=test, log=log)
    model.fit(
        keras.utils.pad_sequences(x_train, maxlen=SEQUENCE_LENGTH),
        y_train,
        epochs=1 if quick else EPOCHS,
        batch_size=BATCH_SIZE,
        callbacks=[epochs],
        verbose=0,
    )
    moved = float(np.abs(model.get_layer("embedding").get_weights()[0] - start_weights).max())
    result = {
        "arm": arm,
        "seed": seed,
        "epochs": epochs.epochs,
        "test_accuracy": epochs.epochs[-1]["test_accuracy"],
        "test_loss": epochs.epochs[-1]["test_loss"],
        "trainable_params": int(sum(np.prod(w.shape) for w in model.trainable_weights)),
        "embedding_max_change": round(moved, 6),
    }
    return finish(result, started, label, log, "test_accuracy")


def header() -> dict:
    return design(__doc__, ARMS, EMBEDDING_DIM, epochs=EPOCHS, optimizer="adam")


def main(argv=None) -> int:
    args = command_line(argv, __doc__, ARMS, "512 training and test reviews, 1 epoch, another file", RESULTS, LOG)
    started = start(args, header())
    if started is None:
        return 0
    todo, about, data = started
    results_path, log = args.results, args.log
    vectors = glove.load_glove(EMBEDDING_DIM)
    matrix, found = imdb_glove_matrix(imdb.get_word_index(), vectors)
    say(f"GloVe vectors for {found.sum():,} of {VOCAB_SIZE:,} rows", log)
    for arm, seed in todo:
        run = run_arm(arm, seed, data, matrix, log, args.quick)
        run.update(
            machine=about,
            data_source=imdb.imdb_source(),
            glove_source=vectors.source,
            glove_rows=int(found.sum()),
            quick=bool(args.quick),
        )
        append_run(results_path, header(), run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
