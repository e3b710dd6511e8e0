"""Which way of padding IMDB trains fastest? Interleaved timing of four recipes on one backend and device.

Notebook 06's speed question. The seed's model, ``Embedding(5000, 32) -> LSTM(100) -> Dense(1)``
(adam, batch 64), is built once per recipe; after a warm-up that compiles each step, the recipes
take turns: every *round* times ``--steps`` training steps (``train_on_batch``) of each recipe,
in an order that rotates from round to round, so that whatever else the machine does in a given
minute falls on every recipe alike. Each recipe steps through its own epoch of batches
(``benchmarks/backend_padding.py``'s ``epoch_batches``), so the bucketed recipe meets short
and long batches in the proportions of a real epoch.

The recipes differ one thing at a time:

- ``seed``: pre-padded (or cut) to 500, no mask (the seed answer's recipe);
- ``mask_pre``: the same arrays with ``mask_zero=True``: the mask alone;
- ``mask_post``: padded after the review with ``mask_zero=True``: against ``mask_pre``, the side alone;
- ``bucketed``: length-bucketed batches, each padded in front to its own longest review, no mask:
  against ``seed``, the padding length alone.

For every round it records the load average and the share of the CPU that *other* processes
used meanwhile (from ``/proc/stat`` and this process's own CPU time), so a round taken while
something else ran shows as such. Reported: seconds per epoch (mean step time x 391 steps) per
recipe with a 95% interval over rounds, and each ratio to its baseline as the mean of the
per-round ratios (paired by round) with its 95% interval.

    .venv/bin/python benchmarks/padding_interleaved.py --json data/padding_interleaved_cpu.json

Not a test: run it on demand, on a quiet machine (``make benchmark-padding``); it refuses to
write a file when other processes used more than ``--max-others`` of the CPU on average.
"""

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from backend_padding import BATCH_SIZE, EMBEDDING_DIM, UNITS, VOCAB_SIZE, epoch_batches, load_data  # noqa: E402

RECIPES = {
    "seed": "pre-padded/cut to 500, no mask (the seed answer's recipe)",
    "mask_pre": "pre-padded to 500, mask_zero=True (the mask alone)",
    "mask_post": "post-padded to 500, mask_zero=True (against mask_pre: the side alone)",
    "bucketed": "length buckets, each batch pre-padded to its own longest review, no mask",
}
#: (recipe, baseline): each pair differs in one thing.
COMPARISONS = (("mask_pre", "seed"), ("mask_post", "mask_pre"), ("mask_post", "seed"), ("bucketed", "seed"))
STEPS_PER_EPOCH = -(-25_000 // BATCH_SIZE)  # 391


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def own_jiffies() -> int:
    times = os.times()
    return round((times.user + times.system) * os.sysconf("SC_CLK_TCK"))


def build(recipe: str):
    import keras

    keras.utils.set_random_seed(1)
    model = keras.Sequential(
        [
            keras.layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM, mask_zero=recipe.startswith("mask")),
            keras.layers.LSTM(UNITS),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(loss="binary_crossentropy", optimizer="adam")
    return model


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--steps", type=int, default=8, help="timed steps of each recipe per round")
    parser.add_argument("--warmup", type=int, default=12, help="untimed steps of each recipe first")
    parser.add_argument("--max-others", type=float, default=0.10, help="largest mean CPU share of other processes")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    import helpers

    keras = helpers.import_keras_quietly()
    from helpers import experiments
    from helpers.seed_statistics import mean_interval

    sequences, labels, source = load_data(None)
    batches = {recipe: epoch_batches(recipe, sequences, labels, seed=1) for recipe in RECIPES}
    models = {recipe: build(recipe) for recipe in RECIPES}
    position = dict.fromkeys(RECIPES, 0)

    def steps(recipe: str, n: int) -> list[float]:
        times = []
        for _ in range(n):
            x, y = batches[recipe][position[recipe] % len(batches[recipe])]
            position[recipe] += 1
            start = time.perf_counter()
            models[recipe].train_on_batch(x, y)  # returns the loss as a float: the step has finished
            times.append(time.perf_counter() - start)
        return times

    for recipe in RECIPES:
        steps(recipe, args.warmup)
    names, rounds = list(RECIPES), []
    for r in range(args.rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        busy0, total0 = cpu_jiffies()
        own0 = own_jiffies()
        load = os.getloadavg()[0]
        seconds = {recipe: float(np.mean(steps(recipe, args.steps))) for recipe in order}
        busy1, total1 = cpu_jiffies()
        others = max(0.0, ((busy1 - busy0) - (own_jiffies() - own0)) / max(total1 - total0, 1))
        rounds.append({"order": order, "load_average": round(load, 2), "others_cpu_share": round(others, 3), **seconds})
        print(
            f"round {r + 1}/{args.rounds}: "
            + " ".join(f"{k}={v * STEPS_PER_EPOCH:.0f}s/epoch" for k, v in seconds.items())
            + f" load={load:.2f} others={others:.1%}",
            flush=True,
        )

    per_epoch = {
        recipe: mean_interval([row[recipe] * STEPS_PER_EPOCH for row in rounds]).__dict__ for recipe in RECIPES
    }
    ratios = {
        f"{a}/{b}": mean_interval([row[a] / row[b] for row in rounds]).__dict__ | {"recipe": a, "baseline": b}
        for a, b in COMPARISONS
    }
    others = float(np.mean([row["others_cpu_share"] for row in rounds]))
    for recipe, value in per_epoch.items():
        print(f"{recipe:<10} {value['mean']:6.1f} s/epoch [{value['low']:.1f}, {value['high']:.1f}]")
    for name, value in ratios.items():
        print(f"{name:<20} x{value['mean']:.2f} [{value['low']:.2f}, {value['high']:.2f}]")
    highest = max(r["load_average"] for r in rounds)
    print(f"other processes used {others:.1%} of the CPU on average; highest load average {highest}")
    if args.json:
        if others > args.max_others:
            print(
                f"not written: other processes used {others:.1%} of the CPU (limit {args.max_others:.0%}); rerun quiet"
            )
            return 1
        result = {
            "benchmark": "benchmarks/padding_interleaved.py",
            "question": "notebook 06: which way of padding trains fastest",
            "recipes": RECIPES,
            "comparisons": [list(c) for c in COMPARISONS],
            "settings": vars(args) | {"json": str(args.json), "steps_per_epoch": STEPS_PER_EPOCH},
            "data_source": source,
            "machine": experiments.machine(),
            "keras_version": keras.__version__,
            "date_utc": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "others_cpu_share_mean": round(others, 3),
            "seconds_per_epoch": per_epoch,
            "ratios": ratios,
            "rounds": rounds,
        }
        args.json.write_text(json.dumps(result, indent=1) + "\n")
        print("wrote", args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
