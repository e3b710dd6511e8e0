"""How much does padding every review to 500 tokens cost? Seed recipe vs padding-aware batches.

Trains the seed's model (Embedding(5000, 32) -> LSTM(100) -> Dense(1)) twice on
the same IMDB reviews, one recipe after the other, each in its own subprocess
so that their peak memory is measured separately:

- ``seed``: every review pre-padded (or cut) to 500 tokens, as the seed does;
- ``bucketed``: reviews of similar length batched together, each batch
  padded (in front, as notebook 06 does) only to its longest review.

Prints seconds per epoch, their ratio, peak resident memory (``ru_maxrss``) and
test accuracy of each. Not a test: run it on demand, e.g.

    .venv/bin/python benchmarks/imdb_padding.py --train-size 5000 --test-size 5000 --epochs 2

IMDB comes from ``helpers.imdb.load_imdb`` (Keras' download, or the offline
rebuild via IMDB_RAW_ARCHIVE / IMDB_WORD_INDEX).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

RECIPES = ("seed", "bucketed")


def run_recipe(recipe: str, train_size: int, test_size: int, epochs: int, batch_size: int) -> dict:
    """Train one recipe in this process and return its measurements."""
    import helpers

    helpers.import_tensorflow_quietly()
    import keras
    import numpy as np

    from helpers import imdb, training

    helpers.set_seed(42)
    vocab_size, sequence_length = 5000, 500
    (x_train, y_train), (x_test, y_test) = imdb.load_imdb(num_words=vocab_size, verbose=False)
    x_train, y_train = x_train[:train_size], y_train[:train_size]
    x_test, y_test = x_test[:test_size], y_test[:test_size]

    if recipe == "seed":
        fit_data = (keras.utils.pad_sequences(x_train, maxlen=sequence_length), y_train)
        test_data = (keras.utils.pad_sequences(x_test, maxlen=sequence_length), y_test)
        inputs = keras.Input(shape=(sequence_length,))
        padded_cells = float(np.mean(fit_data[0] == 0))
    else:
        fit_data = (
            training.make_bucketed_batches(x_train, y_train, batch_size, sequence_length, shuffle=True, seed=42),
        )
        test_data = (training.make_bucketed_batches(x_test, y_test, batch_size, sequence_length, shuffle=False),)
        inputs = keras.Input(shape=(None,))
        padded_cells = fit_data[0].padded_fraction()

    rss_before_fit = _current_rss_mib()
    model = keras.Sequential(
        [
            inputs,
            keras.layers.Embedding(vocab_size, 32),
            keras.layers.LSTM(100),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    report = training.make_epoch_callbacks()
    fit_kwargs = {"batch_size": batch_size} if recipe == "seed" else {}
    model.fit(*fit_data, epochs=epochs, verbose=0, callbacks=[report], **fit_kwargs)
    start = time.perf_counter()
    eval_kwargs = {"batch_size": batch_size} if recipe == "seed" else {}
    _, accuracy = model.evaluate(*test_data, verbose=0, **eval_kwargs)
    return {
        "recipe": recipe,
        "seconds_per_epoch": report.seconds,
        "evaluate_seconds": time.perf_counter() - start,
        "test_accuracy": float(accuracy),
        "padded_cells": padded_cells,
        "rss_before_fit_mib": rss_before_fit,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _current_rss_mib() -> float:
    """Resident memory now (Linux /proc), to separate the data's share from training's."""
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train-size", type=int, default=25_000, help="training reviews (default: all 25,000)")
    parser.add_argument("--test-size", type=int, default=25_000, help="test reviews (default: all 25,000)")
    parser.add_argument("--epochs", type=int, default=1, help="epochs per recipe (default: 1)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--recipe", choices=RECIPES, help=argparse.SUPPRESS)  # internal: one recipe, JSON out
    args = parser.parse_args()

    if args.recipe:
        print(
            "RESULT "
            + json.dumps(run_recipe(args.recipe, args.train_size, args.test_size, args.epochs, args.batch_size))
        )
        return

    import platform

    print(
        f"IMDB padding benchmark: {args.train_size:,} training / {args.test_size:,} test reviews, "
        f"{args.epochs} epoch(s), batch {args.batch_size}, on {platform.machine()} with {os.cpu_count()} CPU "
        "core(s), no GPU used"
    )
    results = {}
    for recipe in RECIPES:
        command = [
            sys.executable,
            os.path.abspath(__file__),
            "--recipe",
            recipe,
            "--train-size",
            str(args.train_size),
            "--test-size",
            str(args.test_size),
            "--epochs",
            str(args.epochs),
            "--batch-size",
            str(args.batch_size),
        ]
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if done.returncode != 0 or not lines:
            sys.exit(f"recipe {recipe} failed:\n{done.stderr[-3000:]}")
        results[recipe] = json.loads(lines[-1][len("RESULT ") :])
        r = results[recipe]
        epochs = ", ".join(f"{s:.1f}" for s in r["seconds_per_epoch"])
        print(
            f"{recipe:>9}: s/epoch [{epochs}] | padding {r['padded_cells']:.1%} of cells | "
            f"evaluate {r['evaluate_seconds']:.1f} s | RSS before fit {r['rss_before_fit_mib']:.0f} MiB, peak "
            f"{r['peak_rss_mib']:.0f} MiB | test accuracy {r['test_accuracy']:.4f}",
            flush=True,
        )
    seed_mean = sum(results["seed"]["seconds_per_epoch"]) / args.epochs
    bucketed_mean = sum(results["bucketed"]["seconds_per_epoch"]) / args.epochs
    print(
        f"mean s/epoch: seed {seed_mean:.1f}, bucketed {bucketed_mean:.1f}; "
        f"seed / bucketed = {seed_mean / bucketed_mean:.2f}x"
    )


if __name__ == "__main__":
    main()
