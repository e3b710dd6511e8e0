"""How big? The embedding's dimension, its vocabulary and its data, over five seeds, one results file (issue 18).

Every arm trains the masked-average head (``helpers.heads``' ``pool``: ``Embedding(num_words,
embedding_dim, mask_zero=True) -> GlobalAveragePooling1D -> Dense(1, sigmoid)``), the cheapest head of
notebook 10 and as accurate as any there, so that every point can have five seeds on 2 CPU cores.
The arms, in the order they run (``GROUPS``):

* ``data_<n>_<start>``: n training reviews (``SIZES``) for each start of the table: ``random``
  (Keras' default uniform start), ``glove_frozen`` and ``glove_tuned`` (GloVe 6B's 50-d vectors,
  notebook 08's alignment, put in with ``set_weights``), at ``embedding_dim`` 50 and 5,000 rows;
* ``data_<n>_glove_shuffled``: the control that tells GloVe's content from its scale: the same GloVe
  rows dealt to the wrong words (a seeded permutation among the rows that have a vector), fine-tuned;
* ``dim_<d>``: ``embedding_dim`` d (``DIMS``) at the seed's 5,000 rows;
* ``vocab_<n>``: ``num_words`` n (``VOCABS``, up to every word of the index) at ``embedding_dim`` 32;
  indices at or past n become the out-of-vocabulary index 2, as ``keras.datasets.imdb.load_data(num_words=n)``
  makes them (rows 0-3 are padding, start, out-of-vocabulary and unused, so n rows hold n - 4 words);
  the share of tokens that did, in the training and the test reviews, is recorded. 5,000 rows at 32
  dimensions is ``dim_32``, not run twice;
* ``data_<n>_glove_tuned_lr0.003`` (``SLOW_RATE``, added after the data sweep's results): fine-tuned GloVe at the
  random start's rate, at the small sizes and then at the two largest;
* ``hash_<b>``: the hashing trick: every word kept, ``keras.layers.Hashing(b, mask_value=0)`` puts each
  index in one of b rows (padding stays 0), then ``Embedding(b, 32)``; compared with ``vocab_<b>``,
  which keeps b - 4 words, at the same table size. How much the rows mix words is recorded
  (``collisions``).

One recipe for all: notebook 06's split (2,500 of the training reviews held out for validation, the
same seed for seed), reviews padded in front to 500, Adam, batch 64, test accuracy once on all 25,000
test reviews. A seed fixes the split, the choice of the n reviews (the first n of the seed's shuffled
22,500), the weights and the batch order.

Training is counted in steps, so that a small set is neither stopped too early nor looked at too late
(the first design repeated a small set to 22,464 reviews per epoch: 100 reviews were first validated
after 224 passes). An epoch is the fewest whole passes over the n reviews that make at least
``MIN_EPOCH_STEPS`` steps (one pass from 2,500 reviews up; each review counts equally); the validation
loss is looked at after each, and training stops once it has not improved by ``MIN_DELTA`` for ``PATIENCE_STEPS`` steps
(two passes over the 22,500 reviews, rounded up to whole epochs; at least 3 epochs), or at
``MAX_STEPS``; the weights of the best epoch
are restored (Keras' ``EarlyStopping(monitor="val_loss", restore_best_weights=True)``; Keras 3.15.1
restores them also when the cap ends a run). The first design stopped on validation accuracy with a
patience of 2, where ties stopped runs that were still improving. A first pass of the tuning runs with no
``MIN_DELTA`` let frozen GloVe creep to the cap at every rate (its validation loss fell by about 0.0001 per
pass, its accuracy by less than 0.005 in the last 15,000 steps); those 22 runs were discarded before any counted
run, and everything was run again with it.

The learning rate is chosen on validation, per start, before any counted run: the ``tune_*`` arms
train with seed 0 (not one of ``SEEDS``) at 500 and 22,500 reviews with each of ``LEARNING_RATES``, and
each start gets the rate with the best mean validation accuracy over the two sizes (``chosen_rates``).
The first design's 0.001 for every start left frozen GloVe short of its own optimum (an exact logistic
fit of the averaged GloVe vectors did better). ``glove_shuffled`` takes ``glove_tuned``'s rate (same
scale); ``dim_*``, ``vocab_*`` and ``hash_*`` take ``random``'s.

Fixed on 2026-12-03 before any counted run: seeds 1-5; the comparisons and what counts (``COMPARISONS``:
a paired difference over the five seeds counts where its 95% interval excludes 0, and the notebook says
which also survive a Bonferroni correction for the comparisons of its family). The validation split is by
review, not by movie (IMDB has up to 30 reviews of a movie; the test set's movies are all others), so
validation may be slightly optimistic; it only chooses the epoch and the learning rate.

Each finished run is appended to the results file at once, with the machine and versions it ran on;
a restart skips what is done (``imdb_controlled.pending``: seed by seed, a seed done once one kind of
machine ran every arm of the group). Seconds here are taken with whatever else ran and are no speed
measurement (``benchmarks/vocab_interleaved.py`` is).

    python experiments/imdb_size.py                     # everything still missing, group by group
    python experiments/imdb_size.py --arms dim_8 dim_16 # some arms (after the tuning runs)
    python experiments/imdb_size.py --quick             # a tiny smoke run into another file (no tuning)
    python experiments/imdb_size.py --pair-here --arms dim_32 --seeds 2 3 4 5
        # run arms again on this kind of machine where another kind ran them, to pair them with runs made here
"""

import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import imdb_controlled  # noqa: E402
from imdb_controlled import (  # noqa: E402
    BATCH_SIZE,
    SEQUENCE_LENGTH,
    VALIDATION_SIZE,
    VOCAB_SIZE,
    append_run,
    command_line,
    finish,
    pending,
    read_results,
    say,
)

from helpers import experiments, glove, heads, imdb, set_seed, training  # noqa: E402

RESULTS = ROOT / "data" / "imdb_size.json"
LOG = ROOT / "experiments" / "imdb_size.log"
#: Fixed on 2026-12-03 before any counted run; seed 0 only chooses the learning rates.
SEEDS = tuple(range(1, 6))
TUNING_SEED = 0
DIMS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
#: Every word of Keras' IMDB index: 88,584 words at indices 4..88,587 (3 + rank), so 88,588 rows.
ALL_WORDS = 88_584 + imdb.INDEX_FROM + 1
VOCABS = (250, 500, 1_000, 2_000, 10_000, 20_000, 40_000, ALL_WORDS)  # and 5,000: dim_32
SIZES = (100, 250, 500, 1_000, 2_500, 5_000, 10_000, 22_500)
STARTS = ("random", "glove_frozen", "glove_tuned")
SHUFFLED_SIZES = (100, 1_000, 5_000, 22_500)
#: Added on 2026-12-03 after seeds 1-5 of the data sweep had run: fine-tuned GloVe, at its chosen rate 0.03, had its
#: best validation loss at the first look (40 steps) in 27 of 40 runs, so it may have passed its best unseen. These
#: arms train it at the random start's rate at the small sizes, the same seeds, nothing else changed. A review then
#: asked for the two largest sizes too, where fine-tuned GloVe was shown below the random start: added on
#: 2026-12-03 (run on a second kind of machine, with the arms they are compared with: ``--pair-here``).
SLOW_RATE = 0.003
SLOW_SIZES = (100, 250, 500, 1_000, 10_000, 22_500)
HASH_BINS = (1_000, 5_000, 20_000)
VOCAB_DIM = 32
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03)
TUNING_SIZES = (500, 22_500)
FULL_PASS_STEPS = -(-(25_000 - VALIDATION_SIZE) // BATCH_SIZE)  # 352: one pass over the 22,500 reviews
MIN_EPOCH_STEPS = 40
PATIENCE_STEPS = 2 * FULL_PASS_STEPS
MIN_DELTA = 0.001  # a smaller fall of the validation loss is no improvement
MAX_STEPS = 60 * FULL_PASS_STEPS
QUICK_RATE = 0.01  # quick mode's rate for every start: a smoke run chooses nothing


def _arm(num_words=VOCAB_SIZE, embedding_dim=VOCAB_DIM, train_size=None, start="random", **more) -> dict:
    return {
        "num_words": num_words,
        "embedding_dim": embedding_dim,
        "train_size": train_size,
        "start": start,
        "hash_bins": None,
        "learning_rate": None,
        **more,
    }


GROUPS = {
    "data": {f"data_{n}_{s}": _arm(VOCAB_SIZE, glove.DIM, n, s) for n in SIZES for s in STARTS},
    "shuffled": {f"data_{n}_glove_shuffled": _arm(VOCAB_SIZE, glove.DIM, n, "glove_shuffled") for n in SHUFFLED_SIZES},
    "slow": {
        f"data_{n}_glove_tuned_lr{SLOW_RATE}": _arm(VOCAB_SIZE, glove.DIM, n, "glove_tuned", learning_rate=SLOW_RATE)
        for n in SLOW_SIZES
    },
    "dim": {f"dim_{d}": _arm(embedding_dim=d) for d in DIMS},
    "vocab": {f"vocab_{n}": _arm(num_words=n) for n in VOCABS},
    "hash": {f"hash_{b}": _arm(num_words=ALL_WORDS, hash_bins=b) for b in HASH_BINS},
}
TUNING = {
    f"tune_{s}_{n}_lr{lr}": _arm(VOCAB_SIZE, glove.DIM, n, s, learning_rate=lr)
    for s in STARTS
    for n in TUNING_SIZES
    for lr in LEARNING_RATES
}
SETTINGS = {name: settings for group in GROUPS.values() for name, settings in group.items()} | TUNING

#: The comparisons fixed before any counted run, by family: (arm, baseline) pairs, paired by seed.
COMPARISONS = {
    "pretrained": [(f"data_{n}_{s}", f"data_{n}_random") for n in SIZES for s in ("glove_frozen", "glove_tuned")],
    "content": [(f"data_{n}_glove_tuned", f"data_{n}_glove_shuffled") for n in SHUFFLED_SIZES],
    "dimension": [(f"dim_{b}", f"dim_{a}") for a, b in zip(DIMS, DIMS[1:], strict=False)],
    "vocabulary": [
        (f"vocab_{b}" if b != VOCAB_SIZE else "dim_32", f"vocab_{a}" if a != VOCAB_SIZE else "dim_32")
        for a, b in zip(sorted((*VOCABS, VOCAB_SIZE))[:-1], sorted((*VOCABS, VOCAB_SIZE))[1:], strict=False)
    ],
    "hashing": [(f"hash_{b}", f"vocab_{b}" if b != VOCAB_SIZE else "dim_32") for b in HASH_BINS],
    # added with the "slow" arms, after the data sweep's results (see SLOW_RATE)
    "rate": [(f"data_{n}_glove_tuned_lr{SLOW_RATE}", f"data_{n}_random") for n in SLOW_SIZES]
    + [(f"data_{n}_glove_tuned_lr{SLOW_RATE}", f"data_{n}_glove_tuned") for n in SLOW_SIZES],
}


def describe(s: dict) -> str:
    """One line that says what an arm changes."""
    if s["hash_bins"]:
        return f"every word hashed into {s['hash_bins']:,} rows, embedding_dim {s['embedding_dim']}"
    reviews = f"{s['train_size']:,} training reviews" if s["train_size"] else "all 22,500 training reviews"
    lr = f", learning rate {s['learning_rate']} (fixed)" if s["learning_rate"] else ""
    return f"{s['num_words']:,} rows, embedding_dim {s['embedding_dim']}, {reviews}, {s['start']} start{lr}"


ARMS = {name: describe(s) for name, s in SETTINGS.items()}


def arm_settings(arm: str) -> dict:
    """``num_words``, ``embedding_dim``, ``train_size``, ``start``, ``hash_bins`` and ``learning_rate`` of an arm."""
    return dict(SETTINGS[arm])


def chosen_rates(runs) -> dict:
    """Each start's learning rate: the best mean validation accuracy of its tuning runs over ``TUNING_SIZES``.

    ``glove_shuffled`` takes ``glove_tuned``'s. Needs every tuning run (a ``KeyError`` names the first missing).
    """
    by_arm = {r["arm"]: r for r in runs if r["arm"] in TUNING}
    rates = {}
    for s in STARTS:
        means = {}
        for lr in LEARNING_RATES:
            names = [f"tune_{s}_{n}_lr{lr}" for n in TUNING_SIZES]
            missing = [name for name in names if name not in by_arm]
            if missing:
                raise KeyError(f"tuning run {missing[0]} is not in the results yet")
            means[lr] = float(np.mean([by_arm[name]["val_accuracy"] for name in names]))
        rates[s] = max(LEARNING_RATES, key=lambda lr: (round(means[lr], 6), -lr))  # a tie goes to the smaller rate
    rates["glove_shuffled"] = rates["glove_tuned"]
    return rates


def cut_vocabulary(reviews, num_words: int):
    """Every index at or past ``num_words`` becomes 2 (out of vocabulary), as ``load_data(num_words=...)`` does."""
    return [np.where(np.asarray(r) < num_words, r, imdb.OOV) if len(r) else np.asarray(r) for r in reviews]


def oov_share(reviews) -> float:
    """The share of word tokens (the start token left out) that are the out-of-vocabulary index."""
    words = np.concatenate([np.asarray(r)[1:] for r in reviews])
    return float(np.mean(words == imdb.OOV))


def hashed(reviews, bins: int):
    """Each review's indices put through ``keras.layers.Hashing(bins, mask_value=0)``: rows 1..bins-1."""
    import keras

    lengths = [len(r) for r in reviews]
    flat = np.concatenate([np.asarray(r, dtype="int64") for r in reviews])
    rows = np.asarray(keras.layers.Hashing(bins, mask_value=0)(flat)).astype("int64")
    return np.split(rows, np.cumsum(lengths)[:-1])


def collisions(words, rows, bins: int) -> dict:
    """How much ``Hashing(bins)`` mixes words (the start token left out), from each token's word and row.

    ``word_share``: of the distinct words, the share whose row also holds another word (with far more
    words than rows, nearly all); ``kept_word_share``: the same among the ``bins - 4`` most frequent
    words, those a vocabulary of ``bins`` rows would keep; ``token_purity``: the share of tokens whose
    word is the most frequent one of its row (1 when no row is shared).
    """
    words, rows = np.asarray(words), np.asarray(rows)
    keep = words != imdb.START
    words, rows = words[keep], rows[keep]
    distinct, first, counts = np.unique(words, return_index=True, return_counts=True)
    row_of = rows[first]
    shared = np.bincount(row_of, minlength=bins)[row_of] > 1
    frequent = distinct < bins  # indices below bins: the words ``vocab_<bins>`` keeps
    kept_shared = np.bincount(row_of[frequent], minlength=bins)[row_of[frequent]] > 1
    top = np.zeros(bins, dtype="int64")
    np.maximum.at(top, row_of, counts)
    return {
        "words": int(len(distinct)),
        "word_share": round(float(shared.mean()), 6),
        "kept_word_share": round(float(kept_shared.mean()), 6),
        "token_purity": round(float(top.sum() / counts.sum()), 6),
    }


def shuffled_glove(matrix, seed: int):
    """GloVe's rows dealt to the wrong words: a seeded permutation among the rows that have a vector."""
    found = np.flatnonzero(np.abs(matrix).sum(axis=1) > 0)
    out = matrix.copy()
    out[found] = matrix[np.random.default_rng(seed).permutation(found)]
    return out


def epoch_schedule(train_size: int) -> dict:
    """Passes per epoch, steps per epoch, patience and cap in epochs, for ``train_size`` reviews."""
    pass_steps = -(-train_size // BATCH_SIZE)
    passes = -(-MIN_EPOCH_STEPS // pass_steps)
    steps = passes * pass_steps
    return {
        "passes_per_epoch": passes,
        "steps_per_epoch": steps,
        "patience_epochs": max(3, math.ceil(PATIENCE_STEPS / steps)),
        "max_epochs": math.ceil(MAX_STEPS / steps),
    }


def build_model(settings: dict, matrix, learning_rate: float):
    import keras

    rows = settings["hash_bins"] or settings["num_words"]
    model = heads.build_head_model("pool", rows, settings["embedding_dim"], SEQUENCE_LENGTH)
    table = model.get_layer("embedding")
    if settings["start"] != "random":
        table.set_weights([matrix])  # keras-io's way of a pretrained start: build, then set the weights
        table.trainable = settings["start"] != "glove_frozen"
    model.compile(
        loss="binary_crossentropy", optimizer=keras.optimizers.Adam(learning_rate=learning_rate), metrics=["accuracy"]
    )
    return model


def curve_log(label: str, steps_per_epoch: int, log: Path | None):
    """A callback that keeps each epoch's losses and accuracies in lists, and logs about once per 22,500 reviews."""
    import keras

    every = max(1, FULL_PASS_STEPS // steps_per_epoch)

    class Curve(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.curve = {"loss": [], "val_loss": [], "val_accuracy": []}

        def on_epoch_end(self, epoch, logs=None):
            for key, values in self.curve.items():
                values.append(round(float(logs[key]), 5))
            if (epoch + 1) % every == 0:
                say(
                    f"{label} epoch {epoch + 1} step {(epoch + 1) * steps_per_epoch} "
                    + " ".join(f"{k}={v[-1]}" for k, v in self.curve.items()),
                    log,
                )

    return Curve()


def run_arm(arm: str, seed: int, data, matrix, rates: dict, log: Path | None, quick: bool) -> dict:
    import keras

    settings = arm_settings(arm)
    learning_rate = settings["learning_rate"] or rates[settings["start"]]
    (x_train, y_train), (x_test, y_test) = data
    extra = {}
    if settings["hash_bins"]:
        words = np.concatenate([np.asarray(r) for r in x_train])
        x_train, x_test = hashed(x_train, settings["hash_bins"]), hashed(x_test, settings["hash_bins"])
        extra["collisions"] = collisions(words, np.concatenate(x_train), settings["hash_bins"])
    elif settings["num_words"] != ALL_WORDS:
        x_train, x_test = cut_vocabulary(x_train, settings["num_words"]), cut_vocabulary(x_test, settings["num_words"])
    elif not quick:  # every word: the table must have a row for the largest index
        assert max(int(np.max(r)) for r in x_train + x_test if len(r)) < ALL_WORDS
    if settings["start"] == "glove_shuffled":
        matrix = shuffled_glove(matrix, seed)
    set_seed(seed)
    label = f"[{arm} seed={seed}]"
    started = time.perf_counter()
    validation = max(len(x_train) // 10, 2) if quick else VALIDATION_SIZE
    (x_fit, y_fit), (x_val, y_val) = training.validation_split(x_train, y_train, validation, seed=seed)
    if settings["train_size"] is not None:
        x_fit, y_fit = x_fit[: settings["train_size"]], y_fit[: settings["train_size"]]
    train_size = len(x_fit)
    schedule = epoch_schedule(train_size)
    if quick:
        schedule.update(patience_epochs=1, max_epochs=2)
    passes = schedule["passes_per_epoch"]
    pad = keras.utils.pad_sequences
    x_epoch, y_epoch = np.concatenate([pad(x_fit, maxlen=SEQUENCE_LENGTH)] * passes), np.concatenate([y_fit] * passes)
    model = build_model(settings, matrix, learning_rate)
    stop = keras.callbacks.EarlyStopping(
        monitor="val_loss", min_delta=MIN_DELTA, patience=schedule["patience_epochs"], restore_best_weights=True
    )
    curve = curve_log(label, schedule["steps_per_epoch"], log)
    fit_started = time.perf_counter()
    model.fit(
        x_epoch,
        y_epoch,
        validation_data=(pad(x_val, maxlen=SEQUENCE_LENGTH), y_val),
        epochs=schedule["max_epochs"],
        batch_size=BATCH_SIZE,
        validation_batch_size=256,  # the same numbers as batches of 64, in fewer calls
        callbacks=[stop, curve],
        verbose=0,
    )
    fit_seconds = time.perf_counter() - fit_started
    loss, accuracy = model.evaluate(pad(x_test, maxlen=SEQUENCE_LENGTH), y_test, batch_size=256, verbose=0)
    val_loss = curve.curve["val_loss"]
    best = int(stop.best_epoch)  # the epoch whose weights were restored (with MIN_DELTA, not always the lowest loss)
    epochs_run = len(val_loss)
    trainable = int(sum(np.prod(v.shape) for v in model.trainable_variables))
    table_shape = tuple(model.get_layer("embedding").embeddings.shape)
    slots = sum(int(np.prod(v.shape)) for v in model.optimizer.variables if tuple(v.shape) == table_shape)
    result = {
        "arm": arm,
        "seed": seed,
        **settings,
        "learning_rate": learning_rate,
        "train_size": train_size,
        **schedule,
        "epochs_run": epochs_run,
        "best_epoch": best + 1,
        "best_step": (best + 1) * schedule["steps_per_epoch"],
        "stopped_by": "cap" if epochs_run == schedule["max_epochs"] else "patience",
        "val_accuracy": curve.curve["val_accuracy"][best],
        "val_loss": val_loss[best],
        "curve": curve.curve,
        "fit_seconds": round(fit_seconds, 1),
        "params": int(model.count_params()),
        "trainable_params": trainable,
        "adam_table_slot_weights": slots,  # Adam's two tables of the table's shape (none when frozen)
        "table_weights": (settings["hash_bins"] or settings["num_words"]) * settings["embedding_dim"],
        "oov_share_train": round(oov_share(x_train), 6) if not settings["hash_bins"] else 0.0,
        "oov_share_test": round(oov_share(x_test), 6) if not settings["hash_bins"] else 0.0,
        **extra,
        "test_accuracy": round(float(accuracy), 6),
        "test_loss": round(float(loss), 6),
    }
    return finish(result, started, label, log, "test_accuracy", "best_step", "learning_rate")


def header(rates: dict | None = None) -> dict:
    return {
        **imdb_controlled.design(
            __doc__,
            ARMS,
            VOCAB_DIM,
            validation_size=VALIDATION_SIZE,
            head="pool",
            min_epoch_steps=MIN_EPOCH_STEPS,
            patience_steps=PATIENCE_STEPS,
            min_delta=MIN_DELTA,
            max_steps=MAX_STEPS,
            monitor="val_loss",
            learning_rates_tried=list(LEARNING_RATES),
            tuning_sizes=list(TUNING_SIZES),
            tuning_seed=TUNING_SEED,
        ),
        "seeds": list(SEEDS),
        "groups": {group: list(arms) for group, arms in GROUPS.items()},
        "comparisons": COMPARISONS,
        "chosen_learning_rates": rates,
    }


def missing_here(results: dict, arms, seeds, todo) -> list[tuple[str, int]]:
    """The (arm, seed) runs that this kind of machine has not made, though another kind may have.

    Runs pair only within one kind of machine (``seed_statistics.pairing_unit``): when a group is finished on
    a second kind, the arms it is compared with are run there too (``--pair-here``).
    """
    from helpers.seed_statistics import machine_kind

    here = machine_kind({"machine": experiments.machine()})
    made = {(r["arm"], r["seed"]) for r in results["runs"] if not r.get("quick") and machine_kind(r) == here}
    return [(arm, seed) for seed in seeds for arm in arms if (arm, seed) not in made and (arm, seed) not in todo]


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    pair_here = "--pair-here" in argv
    if pair_here:
        argv.remove("--pair-here")
    if "--seeds" not in argv:
        argv += ["--seeds", *map(str, SEEDS)]
    args = command_line(argv, __doc__, ARMS, "512 training and test reviews, 2 short epochs", RESULTS, LOG)
    requested, seeds = [a for a in args.arms if a not in TUNING], args.seeds
    results = read_results(args.results, header())
    args.arms, args.seeds = list(TUNING), [TUNING_SEED]
    todo = [] if args.quick else pending(results, args)[1]  # quick mode skips the tuning: QUICK_RATE
    for arms in GROUPS.values():
        args.arms, args.seeds = [a for a in arms if a in requested], seeds
        if args.arms:
            todo += pending(results, args)[1]
    if pair_here:
        todo += missing_here(results, requested, seeds, todo)
    if not todo:
        say(f"nothing to do: every requested run is in {args.results}", args.log)
        return 0
    about = experiments.machine()
    say(f"{len(todo)} runs to do on {about['cpu']}, {about['cores']} cores, {about['backend']}", args.log)
    data = imdb.load_imdb(num_words=None, verbose=False)  # every word; each arm cuts its own vocabulary
    if args.quick:
        (x_train, y_train), (x_test, y_test) = data
        data = (x_train[:512], y_train[:512]), (x_test[:512], y_test[:512])
    matrix = None
    if any(arm_settings(arm)["start"] != "random" for arm, _ in todo):
        rows = {word: rank + imdb.INDEX_FROM for word, rank in imdb.get_word_index().items()}
        matrix, _ = glove.aligned_matrix(rows, glove.load_glove(glove.DIM), VOCAB_SIZE)
    source, digest = imdb_controlled.data_fingerprint(data)
    rates = None
    for arm, seed in todo:
        if arm not in TUNING and rates is None:
            runs = read_results(args.results, header())["runs"]
            rates = dict.fromkeys((*STARTS, "glove_shuffled"), QUICK_RATE) if args.quick else chosen_rates(runs)
            say(f"learning rates chosen on validation: {rates}", args.log)
        run = run_arm(arm, seed, data, matrix, rates, args.log, args.quick)
        run.update(machine=about, data_source=source, train_digest=digest, quick=bool(args.quick))
        append_run(args.results, header(rates), run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
