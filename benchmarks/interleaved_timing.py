"""Interleaved timing of training steps: recipes take turns, round by round, with the load recorded.

The shared part of ``padding_interleaved.py`` (notebook 06) and ``heads_interleaved.py`` (notebook 10).
After a warm-up that compiles each model's step, every *round* times ``steps`` training steps
(``train_on_batch``) of each recipe, in an order that rotates from round to round, so that whatever
else the machine does in a given minute falls on every recipe alike. Each round records the load
average and the share of the CPU that *other* processes used meanwhile (from ``/proc/stat`` and this
process's own CPU time). The summary gives seconds per epoch per recipe with a 95% interval over
rounds, and each ratio to its baseline as the mean of the per-round ratios (paired by round).
"""

import argparse
import datetime
import json
import os
import time
from pathlib import Path

import numpy as np


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def own_jiffies() -> int:
    times = os.times()
    return round((times.user + times.system) * os.sysconf("SC_CLK_TCK"))


def command_line(doc: str, argv, rounds: int, warmup: int) -> argparse.Namespace:
    """The options both benchmarks take; ``rounds`` and ``warmup`` are each one's defaults."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=rounds)
    parser.add_argument("--steps", type=int, default=8, help="timed steps of each recipe per round")
    parser.add_argument("--warmup", type=int, default=warmup, help="untimed steps of each recipe first")
    parser.add_argument("--max-others", type=float, default=0.10, help="largest mean CPU share of other processes")
    parser.add_argument("--json", type=Path, default=None)
    return parser.parse_args(argv)


def time_rounds(models: dict, batches: dict, args, steps_per_epoch: int) -> list[dict]:
    """Warm every model up, then time ``args.rounds`` rotating rounds; one record per round (step seconds)."""
    position = dict.fromkeys(models, 0)

    def steps(name: str, n: int) -> list[float]:
        times = []
        for _ in range(n):
            x, y = batches[name][position[name] % len(batches[name])]
            position[name] += 1
            start = time.perf_counter()
            models[name].train_on_batch(x, y)  # returns the loss as a float: the step has finished
            times.append(time.perf_counter() - start)
        return times

    for name in models:
        steps(name, args.warmup)
    names, rounds = list(models), []
    for r in range(args.rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        busy0, total0 = cpu_jiffies()
        own0 = own_jiffies()
        load = os.getloadavg()[0]
        seconds = {name: float(np.mean(steps(name, args.steps))) for name in order}
        busy1, total1 = cpu_jiffies()
        others = max(0.0, ((busy1 - busy0) - (own_jiffies() - own0)) / max(total1 - total0, 1))
        rounds.append({"order": order, "load_average": round(load, 2), "others_cpu_share": round(others, 3), **seconds})
        print(
            f"round {r + 1}/{args.rounds}: "
            + " ".join(f"{k}={v * steps_per_epoch:.0f}s/epoch" for k, v in seconds.items())
            + f" load={load:.2f} others={others:.1%}",
            flush=True,
        )
    return rounds


def summarise(rounds: list[dict], names, comparisons, steps_per_epoch: int, digits: int = 2) -> dict:
    """Seconds per epoch, the paired ratios and the others' mean CPU share, printed and returned."""
    from helpers.seed_statistics import mean_interval

    per_epoch = {name: mean_interval([row[name] * steps_per_epoch for row in rounds]).__dict__ for name in names}
    ratios = {
        f"{a}/{b}": mean_interval([row[a] / row[b] for row in rounds]).__dict__ | {"recipe": a, "baseline": b}
        for a, b in comparisons
    }
    others = float(np.mean([row["others_cpu_share"] for row in rounds]))
    width = max(len(name) for name in names) + 2
    for name, value in per_epoch.items():
        print(f"{name:<{width}} {value['mean']:6.1f} s/epoch [{value['low']:.1f}, {value['high']:.1f}]")
    for name, value in ratios.items():
        print(f"{name:<20} x{value['mean']:.{digits}f} [{value['low']:.{digits}f}, {value['high']:.{digits}f}]")
    highest = max(r["load_average"] for r in rounds)
    print(f"other processes used {others:.1%} of the CPU on average; highest load average {highest}")
    return {"others_cpu_share_mean": round(others, 3), "seconds_per_epoch": per_epoch, "ratios": ratios}


def write(args, about: dict, summary: dict, rounds: list[dict], steps_per_epoch: int, keras_version: str) -> int:
    """Write the results file (``args.json``) unless other processes used more than ``args.max_others``."""
    if not args.json:
        return 0
    others = summary["others_cpu_share_mean"]
    if others > args.max_others:
        print(f"not written: other processes used {others:.1%} of the CPU (limit {args.max_others:.0%}); rerun quiet")
        return 1
    from helpers import experiments

    result = {
        **about,
        "settings": vars(args) | {"json": str(args.json), "steps_per_epoch": steps_per_epoch},
        "machine": experiments.machine(),
        "keras_version": keras_version,
        "date_utc": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        **summary,
        "rounds": rounds,
    }
    args.json.write_text(json.dumps(result, indent=1) + "\n")
    print("wrote", args.json)
    return 0
