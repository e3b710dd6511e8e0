"""The controlled IMDB experiment behind notebook 06: five arms, ten seeds, one results file.

The accuracy question is asked by three arms, so that each cause is isolated by a pair
of arms that differ only in it:

* ``seed``: the seed answer's recipe (pad to 500, 3 epochs, no validation, all 25,000
  training reviews);
* ``seed_fit``: the same recipe on the 22,500 reviews that are left once 2,500 are held
  out for validation (the same split, seed for seed, as ``pad500_es``);
* ``pad500_es``: those 22,500 reviews, the 2,500 held out for validation, early stopping
  (patience 2, at most 8 epochs) that restores the best epoch.

``pad500_es`` - ``seed_fit`` isolates the stopping rule (same reviews, same start, same
split); ``seed`` - ``seed_fit`` isolates the 2,500 held-out reviews; ``pad500_es`` -
``seed`` is the whole recipe, both at once.

Two more arms, ``bucketed_es`` (length-bucketed batches padded in front) and
``postmask_es`` (padded after the review with ``mask_zero=True``), train with the early
stopping rule; their seconds per epoch were taken under load and are not a speed
measurement (``benchmarks/padding_interleaved.py`` times the recipes interleaved on a quiet
machine); they are run after the accuracy arms.

Every arm trains ``Embedding(5000, 32) -> LSTM(100) -> Dense(1)`` with Adam, batch 64, on all 25,000
training reviews (``seed``) or the 22,500 left beside the validation split (every other arm), and is
measured once on all 25,000 test reviews.
The seeds: ``SEEDS`` below. 1-3 were planned and run first; 4-10 were added on 2026-12-01, after
1-3's results had been seen, each fixed before it ran, with the setup unchanged. A seed fixes the
weights, the batch order and the validation split.

Each finished run is appended to the results file at once (plain JSON, written
atomically) with the CPU, backend and versions it ran with; a restart skips what is
done, so a run spread over several sessions adds up. Only runs on the same kind of
machine pair (``helpers.seed_statistics``: the same seed on CPUs with different vector
units trains differently), so a seed is done once one kind of machine has run all its
arms; a seed split across machines gets its missing arms on the machine at hand.
Progress goes to stdout and to the log file, one line per epoch.

    python experiments/imdb_controlled.py                 # everything still missing
    python experiments/imdb_controlled.py --arms seed     # one arm
    python experiments/imdb_controlled.py --quick         # a tiny smoke run into another file

The full run takes hours on 2 CPU cores; quick mode takes seconds and never touches
the real results file.
"""

import argparse
import hashlib
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helpers import experiments, imdb, set_seed, training  # noqa: E402

RESULTS = ROOT / "data" / "imdb_experiments.json"
LOG = ROOT / "experiments" / "imdb_controlled.log"

#: Chosen before any run, and never changed after seeing a result: 1-3 first, 4-10 added before they ran.
SEEDS = tuple(range(1, 11))
VOCAB_SIZE, EMBEDDING_DIM = training.SEED_VOCAB_SIZE, training.SEED_EMBEDDING_DIM
SEQUENCE_LENGTH, BATCH_SIZE = 500, 64
VALIDATION_SIZE = 2500  # carved from the 25,000 training reviews
MAX_EPOCHS, PATIENCE = 8, 2  # early stopping on validation accuracy, best epoch restored
SEED_EPOCHS = 3  # the seed answer's nb_epoch=3

ARMS = {
    "seed": "pre-padded to 500, no mask, 3 epochs, no validation (the seed answer's recipe)",
    "seed_fit": "the seed answer's recipe on the 22,500 reviews pad500_es fits on (the same split)",
    "pad500_es": "pre-padded to 500, no mask, 2,500-review validation split, "
    "early stopping (patience 2, best epoch restored)",
    "bucketed_es": "length-bucketed batches padded in front to their own longest review, no mask, same stopping rule",
    "postmask_es": "padded after the review to 500 with mask_zero=True, same stopping rule",
}


def build_model(mask_zero: bool = False):
    """Notebook 06's model (``training.build_seed_model``), compiled as the seed answer compiles it."""
    model = training.build_seed_model(VOCAB_SIZE, EMBEDDING_DIM, mask_zero=mask_zero)
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


def padded(x, padding: str = "pre"):
    import keras

    return keras.utils.pad_sequences(x, maxlen=SEQUENCE_LENGTH, padding=padding)


def padding_fraction(x, batches=None) -> float:
    """Share of the cells the LSTM steps through that are padding."""
    lengths = np.array([min(len(s), SEQUENCE_LENGTH) for s in x])
    if batches is None:
        return float(1 - lengths.sum() / (len(lengths) * SEQUENCE_LENGTH))
    return float(batches.padded_fraction())


def epoch_log(label: str, test=None, log: Path | None = None):
    """A Keras callback whose ``epochs`` list gets each epoch's seconds and metrics; prints one line each.

    With ``test`` it also measures test accuracy after every epoch (the seed arm's curve; nothing is
    chosen by it). The machine's load average goes with every epoch, so a timing taken while
    something else ran can be recognised.
    """
    import keras

    class EpochLog(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.epochs = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            record = {
                "epoch": epoch + 1,
                "seconds": round(time.perf_counter() - self.start, 2),
                "load_average": round(os.getloadavg()[0], 2),
            }
            record.update({k: round(float(v), 6) for k, v in (logs or {}).items()})
            if test is not None:
                loss, accuracy = self.model.evaluate(*test, batch_size=256, verbose=0)
                record.update(test_loss=round(float(loss), 6), test_accuracy=round(float(accuracy), 6))
            self.epochs.append(record)
            say(f"{label} " + " ".join(f"{k}={v}" for k, v in record.items()), log)

    return EpochLog()


def say(line: str, log: Path | None) -> None:
    stamped = f"{datetime.now().strftime('%H:%M:%S')} {line}"
    print(stamped, flush=True)
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as f:
            f.write(stamped + "\n")


def run_arm(arm: str, seed: int, data, log: Path | None, quick: bool) -> dict:
    import keras

    (x_train, y_train), (x_test, y_test) = data
    set_seed(seed)
    label = f"[{arm} seed={seed}]"
    started = time.perf_counter()
    result = {"arm": arm, "seed": seed}
    if arm in ("seed", "seed_fit"):
        x_fit, y_fit = x_train, y_train
        if arm == "seed_fit":  # the same split as pad500_es, before the model is built, as there
            validation = max(len(x_train) // 10, 2) if quick else VALIDATION_SIZE
            (x_fit, y_fit), _ = training.validation_split(x_train, y_train, validation, seed=seed)
        model = build_model()
        test = (padded(x_test), y_test)
        epochs = epoch_log(label, test=test, log=log)
        model.fit(
            padded(x_fit),
            y_fit,
            epochs=SEED_EPOCHS if not quick else 1,
            batch_size=BATCH_SIZE,
            callbacks=[epochs],
            verbose=0,
        )
        result.update(
            epochs=epochs.epochs,
            best_epoch=None,
            padding_fraction=padding_fraction(x_fit),
            train_size=len(x_fit),
            test_accuracy=epochs.epochs[-1]["test_accuracy"],
            test_loss=epochs.epochs[-1]["test_loss"],
        )
    else:
        validation = max(len(x_train) // 10, 2) if quick else VALIDATION_SIZE
        (x_fit, y_fit), (x_val, y_val) = training.validation_split(x_train, y_train, validation, seed=seed)
        stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=PATIENCE, restore_best_weights=True)
        if arm == "bucketed_es":
            model = build_model()
            fit = training.make_bucketed_batches(x_fit, y_fit, BATCH_SIZE, SEQUENCE_LENGTH, shuffle=True, seed=seed)
            val = training.make_bucketed_batches(x_val, y_val, BATCH_SIZE, SEQUENCE_LENGTH, shuffle=False)
            test = training.make_bucketed_batches(x_test, y_test, BATCH_SIZE, SEQUENCE_LENGTH, shuffle=False)
            fraction = padding_fraction(x_fit, fit)
            fit_args, val_data = (fit,), val
        else:
            side, mask = ("post", True) if arm == "postmask_es" else ("pre", False)
            model = build_model(mask_zero=mask)
            fit_args = (padded(x_fit, side), y_fit)
            val_data = (padded(x_val, side), y_val)
            test = (padded(x_test, side), y_test)
            fraction = padding_fraction(x_fit)
        epochs = epoch_log(label, log=log)
        extra = {} if arm == "bucketed_es" else {"batch_size": BATCH_SIZE}
        model.fit(
            *fit_args,
            validation_data=val_data,
            epochs=MAX_EPOCHS if not quick else 2,
            callbacks=[stop, epochs],
            verbose=0,
            **extra,
        )
        if isinstance(test, tuple):
            loss, accuracy = model.evaluate(*test, batch_size=256, verbose=0)
        else:
            loss, accuracy = model.evaluate(test, verbose=0)
        val_accuracies = [e["val_accuracy"] for e in epochs.epochs]
        result.update(
            epochs=epochs.epochs,
            best_epoch=int(np.argmax(val_accuracies)) + 1,
            padding_fraction=fraction,
            test_accuracy=round(float(accuracy), 6),
            test_loss=round(float(loss), 6),
        )
    return finish(result, started, label, log, "test_accuracy", "best_epoch")


def design(doc: str, arms: dict, embedding_dim: int, **settings) -> dict:
    """What a results file says about itself before any run: the design, fixed in advance."""
    return {
        "description": doc.strip().splitlines()[0],
        "seeds": list(SEEDS),
        "arms": arms,
        "settings": {
            "vocab_size": VOCAB_SIZE,
            "embedding_dim": embedding_dim,
            "sequence_length": SEQUENCE_LENGTH,
            "batch_size": BATCH_SIZE,
            **settings,
        },
    }


def header() -> dict:
    return design(
        __doc__,
        ARMS,
        EMBEDDING_DIM,
        validation_size=VALIDATION_SIZE,
        max_epochs=MAX_EPOCHS,
        patience=PATIENCE,
        seed_epochs=SEED_EPOCHS,
    )


def finish(result: dict, started: float, label: str, log: Path | None, *shown: str) -> dict:
    """Stamp a finished run with its wall time and end, and say so in one line (with the ``shown`` keys)."""
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    result["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    say(
        f"{label} done: " + " ".join(f"{key}={result[key]}" for key in shown) + f" wall={result['wall_seconds']} s", log
    )
    return result


def read_results(path: Path, fresh: dict) -> dict:
    """The results file at ``path``, or ``fresh`` (a header) with no runs yet when there is none."""
    return json.loads(path.read_text()) if path.exists() else {**fresh, "runs": []}


def append_run(path: Path, fresh: dict, run: dict) -> None:
    """Add one finished run to the file at once (re-read first: another process may have added runs)."""
    results = read_results(path, fresh)
    results.update({key: value for key, value in fresh.items() if key != "runs"})  # the design as it is now
    results["runs"].append(run)
    save_results(results, path)


def command_line(argv, doc: str, arms, quick_help: str, results: Path, log: Path):
    """The options both experiment scripts take: which arms and seeds, quick mode, where to write.

    Quick mode writes to ``<results>_quick.json`` and keeps no log file, so a smoke run never
    touches the real results.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--arms", nargs="+", choices=list(arms), default=list(arms))
    parser.add_argument("--seeds", nargs="+", type=int, default=list(SEEDS))
    parser.add_argument("--quick", action="store_true", help=quick_help)
    parser.add_argument("--results", type=Path, default=None)
    parser.add_argument("--log", type=Path, default=None)
    args = parser.parse_args(argv)
    args.results = args.results or (results.with_name(results.stem + "_quick.json") if args.quick else results)
    args.log = args.log or (None if args.quick else log)
    return args


def pending(results: dict, args, here: str | None = None) -> tuple[set, list]:
    """The (arm, seed) pairs already in the file, and those still to run on this kind of machine, seed by seed.

    A seed is done when one kind of machine (``seed_statistics.machine_kind``) has run every requested
    arm with it: only runs on the same kind of CPU pair (same seed, same arithmetic). Otherwise the
    arms it lacks *here* are run here, so that the seed is complete on this kind of machine.
    """
    from helpers.seed_statistics import machine_kind

    here = here or machine_kind({"machine": experiments.machine()})
    runs = [r for r in results["runs"] if r.get("quick", False) == args.quick]
    done = {(r["arm"], r["seed"]) for r in runs}
    todo = []
    for seed in args.seeds:
        arms_by_kind = {}
        for run in runs:
            if run["seed"] == seed:
                arms_by_kind.setdefault(machine_kind(run), set()).add(run["arm"])
        if any(set(args.arms) <= arms for arms in arms_by_kind.values()):
            continue
        todo += [(arm, seed) for arm in args.arms if arm not in arms_by_kind.get(here, set())]
    return done, todo


def save_results(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(results, indent=1) + "\n")
    os.replace(tmp, path)


def start(args, fresh: dict, extra_runs=()):
    """The runs still to do, and IMDB to train them on (``None`` when nothing is left).

    Says in the log how many runs are left and on which machine. Quick mode keeps
    the first 512 training and test reviews. ``extra_runs`` count as done as well (the heads
    experiment's LSTM head, taken from this experiment). Shared by the experiment scripts.
    """
    results = read_results(args.results, fresh)
    done, todo = pending({**results, "runs": results["runs"] + list(extra_runs)}, args)
    if not todo:
        say(f"nothing to do: every requested run is in {args.results}", args.log)
        return None
    about = experiments.machine()
    say(
        f"{len(todo)} runs to do ({len(done)} done, in {args.results.name} or borrowed) on {about['cpu']}, "
        f"{about['cores']} cores, {about['backend']}",
        args.log,
    )
    (x_train, y_train), (x_test, y_test) = imdb.load_imdb(num_words=VOCAB_SIZE)
    if args.quick:
        x_train, y_train, x_test, y_test = x_train[:512], y_train[:512], x_test[:512], y_test[:512]
    return todo, about, ((x_train, y_train), (x_test, y_test))


def data_fingerprint(data) -> tuple[str, str]:
    """Where IMDB came from, and a digest of the training reviews the runs see (in quick mode, the 512 kept)."""
    (x_train, _), _ = data
    digest = hashlib.sha256(np.concatenate([np.asarray(s, dtype="int32") for s in x_train]).tobytes()).hexdigest()[:16]
    return imdb.imdb_source(), digest


def main(argv=None) -> int:
    args = command_line(argv, __doc__, ARMS, "512 training and test reviews, 1-2 epochs, another file", RESULTS, LOG)
    started = start(args, header())
    if started is None:
        return 0
    todo, about, data = started
    results_path, log = args.results, args.log
    source, digest = data_fingerprint(data)
    for arm, seed in todo:
        run = run_arm(arm, seed, data, log, args.quick)
        run.update(machine=about, data_source=source, train_digest=digest, quick=bool(args.quick))
        append_run(results_path, header(), run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
