"""What to put after the Embedding, on IMDB: five heads, one recipe, five seeds, one results file (notebook 10).

Every arm is ``Embedding(5000, 32) -> head -> Dense(1, sigmoid)`` (``helpers.heads``) trained with
notebook 06's ``pad500_es`` recipe, so that the head is the only difference between arms:
reviews pre-padded (or cut) to 500, the same 22,500 / 2,500 training / validation split seed for
seed, Adam, batch 64, early stopping on validation accuracy (patience 2, at most 8 epochs, best
epoch restored), test accuracy once on all 25,000 test reviews.

* ``pool``, ``flatten``, ``conv``, ``transformer``: trained here (``helpers.heads.HEADS`` says
  what each head is);
* ``lstm``: the seed's ``LSTM(100)``. Its runs are notebook 06's ``pad500_es`` runs
  (``data/imdb_experiments.json``, written by ``imdb_controlled.py`` with this very recipe and
  split), not trained again (:func:`lstm_runs` reads them), except where a seed's ``pad500_es``
  run was made on another kind of machine than its heads: only runs on the same kind of CPU pair
  (``helpers.seed_statistics``), so this script then trains the ``lstm`` head itself, here.

The seeds were fixed on 2026-12-02 before any run: ``SEEDS`` (1-5). A seed fixes the weights,
the batch order and the validation split, as in ``imdb_controlled.py``. Seconds per epoch here
are taken with other work on the machine and are not a speed measurement:
``benchmarks/heads_interleaved.py`` times the heads interleaved on a quiet machine.

Each finished run is appended to the results file at once, with the machine and versions it ran
with; a restart skips what is done (``imdb_controlled.pending``: a seed is done once one kind of
machine has all five heads of it).

    python experiments/imdb_heads.py            # everything still missing
    python experiments/imdb_heads.py --quick    # a tiny smoke run into another file
"""

import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The controlled experiment's recipe and plumbing: the same split, stopping rule, log lines, atomic writes.
import imdb_controlled  # noqa: E402
from imdb_controlled import (  # noqa: E402
    BATCH_SIZE,
    MAX_EPOCHS,
    PATIENCE,
    SEQUENCE_LENGTH,
    VALIDATION_SIZE,
    VOCAB_SIZE,
    append_run,
    command_line,
    design,
    epoch_log,
    finish,
    padded,
    say,
    start,
)

from helpers import experiments, heads, set_seed, training  # noqa: E402

RESULTS = ROOT / "data" / experiments.HEADS_RESULTS_FILE
LOG = ROOT / "experiments" / "imdb_heads.log"
#: Chosen on 2026-12-02 before any run.
SEEDS = tuple(range(1, 6))
EMBEDDING_DIM = training.SEED_EMBEDDING_DIM
#: The arms this script trains; ``lstm`` comes from notebook 06's experiment unless a seed needs it here.
TRAINED = ("pool", "flatten", "conv", "transformer", "lstm")
LSTM_ARM = experiments.LSTM_HEAD_ARM  # imdb_controlled.py's arm with this recipe and split


def build_model(head: str):
    model = heads.build_head_model(head, VOCAB_SIZE, EMBEDDING_DIM, SEQUENCE_LENGTH)
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


def run_arm(head: str, seed: int, data, log: Path | None, quick: bool) -> dict:
    """``imdb_controlled.run_arm``'s ``pad500_es`` branch with another head: seed, split, model, fit, test."""
    import keras

    (x_train, y_train), (x_test, y_test) = data
    set_seed(seed)
    label = f"[{head} seed={seed}]"
    started = time.perf_counter()
    validation = max(len(x_train) // 10, 2) if quick else VALIDATION_SIZE
    (x_fit, y_fit), (x_val, y_val) = training.validation_split(x_train, y_train, validation, seed=seed)
    model = build_model(head)
    stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=PATIENCE, restore_best_weights=True)
    epochs = epoch_log(label, log=log)
    model.fit(
        padded(x_fit),
        y_fit,
        validation_data=(padded(x_val), y_val),
        epochs=MAX_EPOCHS if not quick else 2,
        batch_size=BATCH_SIZE,
        callbacks=[stop, epochs],
        verbose=0,
    )
    loss, accuracy = model.evaluate(padded(x_test), y_test, batch_size=256, verbose=0)
    result = {
        "arm": head,
        "seed": seed,
        "epochs": epochs.epochs,
        "best_epoch": int(np.argmax([e["val_accuracy"] for e in epochs.epochs])) + 1,
        "params": int(model.count_params()),
        "train_size": len(x_fit),
        "test_accuracy": round(float(accuracy), 6),
        "test_loss": round(float(loss), 6),
    }
    return finish(result, started, label, log, "test_accuracy", "best_epoch")


def lstm_runs(controlled: Path = imdb_controlled.RESULTS) -> list[dict]:
    """Notebook 06's ``pad500_es`` runs of :data:`SEEDS`, renamed ``lstm``: the seed's head under this recipe."""
    results = json.loads(controlled.read_text()) if controlled.exists() else {"runs": []}
    return experiments.lstm_head_runs(results, SEEDS)


def header() -> dict:
    return {
        **design(
            __doc__,
            heads.HEADS,
            EMBEDDING_DIM,
            validation_size=VALIDATION_SIZE,
            max_epochs=MAX_EPOCHS,
            patience=PATIENCE,
            lstm_runs_from=f"{imdb_controlled.RESULTS.name}, arm {LSTM_ARM}",
        ),
        "seeds": list(SEEDS),
    }


def main(argv=None) -> int:
    # the seeds and arms this script trains (command_line's defaults are the controlled experiment's)
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--seeds" not in argv:
        argv += ["--seeds", *map(str, SEEDS)]
    args = command_line(argv, __doc__, {h: heads.HEADS[h] for h in TRAINED}, "512 reviews, 2 epochs", RESULTS, LOG)
    started = start(args, header(), extra_runs=[] if args.quick else lstm_runs())
    if started is None:
        return 0
    todo, about, data = started
    trained_lstm = sorted(seed for head, seed in todo if head == "lstm")
    if trained_lstm:
        say(
            f"the lstm head of seeds {trained_lstm} is trained here: no {LSTM_ARM} run on this kind of machine",
            args.log,
        )
    source, digest = imdb_controlled.data_fingerprint(data)  # the same reviews as the borrowed pad500_es runs
    for head, seed in todo:
        run = run_arm(head, seed, data, args.log, args.quick)
        run.update(machine=about, data_source=source, train_digest=digest, quick=bool(args.quick))
        append_run(args.results, header(), run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
