"""How big? The embedding's dimension, its vocabulary and its data, over five seeds, one results file (issue 18).

Three sweeps on IMDB, all with the masked-average head (``helpers.heads``' ``pool``:
``Embedding(num_words, embedding_dim, mask_zero=True) -> GlobalAveragePooling1D -> Dense(1, sigmoid)``),
the cheapest head of notebook 10 and as accurate as any there, so that every point can have five seeds
on 2 CPU cores:

* ``dim_<d>``: ``embedding_dim`` d (``DIMS``) at the seed's 5,000 words;
* ``vocab_<n>``: ``num_words`` n (``VOCABS``, up to every word of the index) at ``embedding_dim`` 32;
  words past it become the out-of-vocabulary index 2, as ``keras.datasets.imdb.load_data(num_words=n)``
  makes them, and the share of tokens that did is recorded;
* ``data_<n>_<start>``: n training reviews (``SIZES``) for each start of the table: ``random``
  (Keras' default), ``glove_frozen`` and ``glove_tuned`` (GloVe 6B's 50-d vectors, notebook 08's
  alignment, put in with ``set_weights``), at ``embedding_dim`` 50 and 5,000 words.

One recipe for all: notebook 06's ``pad500_es`` split (2,500 of the training reviews held out for
validation, the same seed for seed), reviews padded in front to 500, Adam, batch 64, early stopping on
validation accuracy (patience 2, best epoch restored), test accuracy once on all 25,000 test reviews.
An epoch is always ``STEPS_PER_EPOCH`` steps (22,500 reviews): a smaller training set is repeated
to that length, so that every size gets the same number of steps between two looks at the validation
set, and at most ``MAX_EPOCHS`` epochs (the heads experiment found this head still improving at
notebook 06's cap of 8, and a first try of this script at a cap of 20, whose four runs were discarded
before any other ran, still at 20). The validation set stays 2,500 reviews at every size, so that early stopping
is equally reliable everywhere (a project with 100 labelled reviews would hold out fewer).

The seeds, 1-5, were fixed on 2026-12-02 before any run. A seed fixes the split, the choice of the
n reviews (the first n of the seed's shuffled 22,500), the weights and the batch order. Each finished run
is appended to the results file at once, with the machine and versions it ran on; a restart skips what
is done (``imdb_controlled.pending``: seed by seed, a seed done once one kind of machine ran every arm).
Seconds per epoch here are taken with whatever else ran and are no speed measurement.

    python experiments/imdb_size.py                     # everything still missing, seed by seed
    python experiments/imdb_size.py --arms dim_8 dim_16 # some arms
    python experiments/imdb_size.py --quick             # a tiny smoke run into another file
"""

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import imdb_controlled  # noqa: E402
from imdb_controlled import (  # noqa: E402
    BATCH_SIZE,
    PATIENCE,
    SEQUENCE_LENGTH,
    VALIDATION_SIZE,
    VOCAB_SIZE,
    append_run,
    command_line,
    epoch_log,
    finish,
    pending,
    read_results,
    say,
)

from helpers import experiments, glove, heads, imdb, set_seed, training  # noqa: E402

RESULTS = ROOT / "data" / "imdb_size.json"
LOG = ROOT / "experiments" / "imdb_size.log"
#: Fixed on 2026-12-02 before any run.
SEEDS = tuple(range(1, 6))
DIMS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
#: Every word of Keras' IMDB index: 88,584 words at indices 3 + rank, up to 88,587, so 88,588 rows.
ALL_WORDS = 88_584 + imdb.INDEX_FROM + 1
VOCABS = (250, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 40_000, ALL_WORDS)
SIZES = (100, 250, 500, 1_000, 2_500, 5_000, 10_000, 22_500)
STARTS = ("random", "glove_frozen", "glove_tuned")
VOCAB_DIM = 32
STEPS_PER_EPOCH = (25_000 - VALIDATION_SIZE) // BATCH_SIZE  # 351: the 22,500 reviews, full batches
#: High enough that early stopping, not the cap, ends a run: at 20 the first runs all stopped at the cap.
MAX_EPOCHS = 60

ARMS = {
    **{f"dim_{d}": f"embedding_dim {d}, {VOCAB_SIZE:,} words, all 22,500 training reviews" for d in DIMS},
    **{f"vocab_{n}": f"{n:,} words (the rest out of vocabulary), embedding_dim {VOCAB_DIM}" for n in VOCABS},
    **{
        f"data_{n}_{start}": f"{n:,} training reviews, {start} start, embedding_dim {glove.DIM}, {VOCAB_SIZE:,} words"
        for n in SIZES
        for start in STARTS
    },
}


def arm_settings(arm: str) -> dict:
    """``num_words``, ``embedding_dim``, ``train_size`` and ``start`` of an arm, from its name."""
    kind, value, *start = arm.split("_", 2)
    settings = {"num_words": VOCAB_SIZE, "embedding_dim": VOCAB_DIM, "train_size": None, "start": "random"}
    if kind == "dim":
        settings["embedding_dim"] = int(value)
    elif kind == "vocab":
        settings["num_words"] = int(value)
    else:
        settings.update(embedding_dim=glove.DIM, train_size=int(value), start=start[0])
    return settings


def cut_vocabulary(reviews, num_words: int):
    """Every index at or past ``num_words`` becomes 2 (out of vocabulary), as ``load_data(num_words=...)`` does."""
    return [np.where(np.asarray(r) < num_words, r, imdb.OOV) if len(r) else np.asarray(r) for r in reviews]


def oov_share(reviews) -> float:
    """The share of word tokens (the start token left out) that are the out-of-vocabulary index."""
    words = np.concatenate([np.asarray(r)[1:] for r in reviews])
    return float(np.mean(words == imdb.OOV))


def repeated(x, y, length: int, seed: int):
    """``x, y`` repeated (whole copies, then a seeded part) until they hold ``length`` reviews."""
    copies = -(-length // len(x))
    order = np.concatenate([np.arange(len(x))] * copies)[:length]
    order = np.random.default_rng(seed).permutation(order)
    return x[order], y[order]


def build_model(settings: dict, matrix):
    import keras

    model = heads.build_head_model("pool", settings["num_words"], settings["embedding_dim"], SEQUENCE_LENGTH)
    table = model.get_layer("embedding")
    if settings["start"] != "random":
        table.set_weights([matrix])  # keras-io's way of a pretrained start: build, then set the weights
        table.trainable = settings["start"] == "glove_tuned"
    model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(), metrics=["accuracy"])
    return model


def run_arm(arm: str, seed: int, data, matrix, log: Path | None, quick: bool) -> dict:
    import keras

    settings = arm_settings(arm)
    (x_train, y_train), (x_test, y_test) = data
    if settings["num_words"] != ALL_WORDS:
        x_train, x_test = cut_vocabulary(x_train, settings["num_words"]), cut_vocabulary(x_test, settings["num_words"])
    elif not quick:  # every word: the table must have a row for the largest index
        assert max(int(np.max(r)) for r in x_train + x_test if len(r)) < ALL_WORDS
    set_seed(seed)
    label = f"[{arm} seed={seed}]"
    started = time.perf_counter()
    validation = max(len(x_train) // 10, 2) if quick else VALIDATION_SIZE
    (x_fit, y_fit), (x_val, y_val) = training.validation_split(x_train, y_train, validation, seed=seed)
    if settings["train_size"] is not None:
        x_fit, y_fit = x_fit[: settings["train_size"]], y_fit[: settings["train_size"]]
    train_size = len(x_fit)
    steps = 4 if quick else STEPS_PER_EPOCH
    x_fit, y_fit = repeated(x_fit, y_fit, steps * BATCH_SIZE, seed)
    model = build_model(settings, matrix)
    stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=PATIENCE, restore_best_weights=True)
    epochs = epoch_log(label, log=log)
    pad = keras.utils.pad_sequences
    model.fit(
        pad(x_fit, maxlen=SEQUENCE_LENGTH),
        y_fit,
        validation_data=(pad(x_val, maxlen=SEQUENCE_LENGTH), y_val),
        epochs=2 if quick else MAX_EPOCHS,
        batch_size=BATCH_SIZE,
        callbacks=[stop, epochs],
        verbose=0,
    )
    loss, accuracy = model.evaluate(pad(x_test, maxlen=SEQUENCE_LENGTH), y_test, batch_size=256, verbose=0)
    result = {
        "arm": arm,
        "seed": seed,
        **settings,
        "train_size": train_size,
        "epochs": epochs.epochs,
        "best_epoch": int(np.argmax([e["val_accuracy"] for e in epochs.epochs])) + 1,
        "params": int(model.count_params()),
        "table_weights": settings["num_words"] * settings["embedding_dim"],
        "oov_share": round(oov_share(x_train), 6),
        "test_accuracy": round(float(accuracy), 6),
        "test_loss": round(float(loss), 6),
    }
    return finish(result, started, label, log, "test_accuracy", "best_epoch")


def header() -> dict:
    return {
        **imdb_controlled.design(
            __doc__,
            ARMS,
            VOCAB_DIM,
            validation_size=VALIDATION_SIZE,
            max_epochs=MAX_EPOCHS,
            patience=PATIENCE,
            steps_per_epoch=STEPS_PER_EPOCH,
            head="pool",
        ),
        "seeds": list(SEEDS),
    }


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--seeds" not in argv:
        argv += ["--seeds", *map(str, SEEDS)]
    args = command_line(argv, __doc__, ARMS, "512 training and test reviews, 2 short epochs", RESULTS, LOG)
    results = read_results(args.results, header())
    done, todo = pending(results, args)
    if not todo:
        say(f"nothing to do: every requested run is in {args.results}", args.log)
        return 0
    about = experiments.machine()
    say(f"{len(todo)} runs to do ({len(done)} done) on {about['cpu']}, {about['cores']} cores", args.log)
    data = imdb.load_imdb(num_words=None, verbose=False)  # every word; each arm cuts its own vocabulary
    if args.quick:
        (x_train, y_train), (x_test, y_test) = data
        data = (x_train[:512], y_train[:512]), (x_test[:512], y_test[:512])
    matrix = None
    if any(arm_settings(arm)["start"] != "random" for arm, _ in todo):
        rows = {word: rank + imdb.INDEX_FROM for word, rank in imdb.get_word_index().items()}
        matrix, _ = glove.aligned_matrix(rows, glove.load_glove(glove.DIM), VOCAB_SIZE)
    source, digest = imdb_controlled.data_fingerprint(data)
    for arm, seed in todo:
        run = run_arm(arm, seed, data, matrix, args.log, args.quick)
        run.update(machine=about, data_source=source, train_digest=digest, quick=bool(args.quick))
        append_run(args.results, header(), run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
