"""How long does an epoch take with each head after the Embedding? Interleaved timing (notebook 10's speed question).

The five models of ``helpers.heads`` (``Embedding(5000, 32) -> head -> Dense(1)``, adam, batch 64),
each built once; after a warm-up that compiles each step, the heads take turns: every *round*
times ``--steps`` training steps (``train_on_batch``) of each head, in an order that rotates from
round to round, so that whatever else the machine does in a given minute falls on every head
alike. Every head steps through the same epoch of batches: reviews pre-padded (or cut) to 500,
as ``experiments/imdb_heads.py`` trains them.

For every round it records the load average and the share of the CPU that *other* processes
used meanwhile (``padding_interleaved.py``'s measure). Reported: seconds per epoch (mean step time
x 352 steps, the 22,500 reviews the experiment fits on) per head with a 95% interval over rounds,
and each head's time relative to the seed's LSTM as the mean of the per-round ratios (paired by
round) with its 95% interval.

    .venv/bin/python benchmarks/heads_interleaved.py --json data/heads_interleaved_cpu.json

Not a test: run it on demand, on a quiet machine; it refuses to write a file when other
processes used more than ``--max-others`` of the CPU on average.
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

from backend_padding import epoch_batches, load_data  # noqa: E402
from padding_interleaved import cpu_jiffies, own_jiffies  # noqa: E402

BASELINE = "lstm"
STEPS_PER_EPOCH = -(-22_500 // 64)  # 352: experiments/imdb_heads.py fits on 22,500 reviews, batch 64


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--steps", type=int, default=8, help="timed steps of each head per round")
    parser.add_argument("--warmup", type=int, default=6, help="untimed steps of each head first")
    parser.add_argument("--max-others", type=float, default=0.10, help="largest mean CPU share of other processes")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    import helpers

    keras = helpers.import_keras_quietly()
    from helpers import experiments, heads
    from helpers.seed_statistics import mean_interval

    sequences, labels, source = load_data(None)
    batches = epoch_batches("seed", sequences, labels, seed=1)  # pre-padded to 500, as the experiment trains
    models = {}
    for head in heads.HEADS:
        keras.utils.set_random_seed(1)
        models[head] = heads.build_head_model(head)
        models[head].compile(loss="binary_crossentropy", optimizer="adam")
    position = dict.fromkeys(heads.HEADS, 0)

    def steps(head: str, n: int) -> list[float]:
        times = []
        for _ in range(n):
            x, y = batches[position[head] % len(batches)]
            position[head] += 1
            start = time.perf_counter()
            models[head].train_on_batch(x, y)  # returns the loss as a float: the step has finished
            times.append(time.perf_counter() - start)
        return times

    for head in heads.HEADS:
        steps(head, args.warmup)
    names, rounds = list(heads.HEADS), []
    for r in range(args.rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        busy0, total0 = cpu_jiffies()
        own0 = own_jiffies()
        load = os.getloadavg()[0]
        seconds = {head: float(np.mean(steps(head, args.steps))) for head in order}
        busy1, total1 = cpu_jiffies()
        others = max(0.0, ((busy1 - busy0) - (own_jiffies() - own0)) / max(total1 - total0, 1))
        rounds.append({"order": order, "load_average": round(load, 2), "others_cpu_share": round(others, 3), **seconds})
        print(
            f"round {r + 1}/{args.rounds}: "
            + " ".join(f"{k}={v * STEPS_PER_EPOCH:.0f}s/epoch" for k, v in seconds.items())
            + f" load={load:.2f} others={others:.1%}",
            flush=True,
        )

    per_epoch = {head: mean_interval([row[head] * STEPS_PER_EPOCH for row in rounds]).__dict__ for head in names}
    ratios = {
        f"{head}/{BASELINE}": mean_interval([row[head] / row[BASELINE] for row in rounds]).__dict__
        | {"recipe": head, "baseline": BASELINE}
        for head in names
        if head != BASELINE
    }
    others = float(np.mean([row["others_cpu_share"] for row in rounds]))
    for head, value in per_epoch.items():
        print(f"{head:<12} {value['mean']:6.1f} s/epoch [{value['low']:.1f}, {value['high']:.1f}]")
    for name, value in ratios.items():
        print(f"{name:<20} x{value['mean']:.3f} [{value['low']:.3f}, {value['high']:.3f}]")
    highest = max(r["load_average"] for r in rounds)
    print(f"other processes used {others:.1%} of the CPU on average; highest load average {highest}")
    if args.json:
        if others > args.max_others:
            print(
                f"not written: other processes used {others:.1%} of the CPU (limit {args.max_others:.0%}); rerun quiet"
            )
            return 1
        result = {
            "benchmark": "benchmarks/heads_interleaved.py",
            "question": "notebook 10: seconds per epoch of each head after the Embedding",
            "recipes": heads.HEADS,
            "comparisons": [[head, BASELINE] for head in names if head != BASELINE],
            "params": {head: int(model.count_params()) for head, model in models.items()},
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
