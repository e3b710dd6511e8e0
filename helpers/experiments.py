"""Read the controlled IMDB experiment's results file and summarise each arm over its seeds.

``experiments/imdb_controlled.py`` trains every arm with every seed and writes
``data/imdb_experiments.json``; notebook 06 reads it through these functions, so the
notebook never retrains the twelve runs. Only complete (non-quick) runs count.

Introduced in notebook 06.
"""

import hashlib
import importlib
import os
import platform
from pathlib import Path

import numpy as np

from helpers.backends import BACKENDS
from helpers.notebook_setup import gpu_count

#: The arms in the order notebook 06 discusses them.
ARM_ORDER = ("seed", "seed_fit", "pad500_es", "bucketed_es", "postmask_es")
RESULTS_FILE = "imdb_experiments.json"
#: Notebook 10's heads experiment, and the controlled arm whose runs are its ``lstm`` head (same recipe, same split).
HEADS_RESULTS_FILE, LSTM_HEAD_ARM = "imdb_heads.json", "pad500_es"


def machine() -> dict:
    """What a run's numbers and timings depend on: CPU model and cores, backend, versions, GPUs.

    Introduced in notebook 06 (the experiment records it with every run).
    """
    import keras

    cpu, vector, signature = platform.processor() or "unknown", "unknown", "unknown"
    try:
        info = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
        flags = next((line for line in info if line.startswith("flags")), "")
        vector = "avx512" if "avx512f" in flags else ("avx2" if "avx2" in flags else "other")
        # A virtual machine may name its CPU only "AMD EPYC": the family, model and stepping, and the
        # exact set of instruction flags, tell two CPU generations apart (their kernels, and so the
        # arithmetic of a training run, can differ even with the same name and vector units).
        field = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in info[:30]) if _}
        flag_digest = hashlib.sha256(" ".join(sorted(flags.split(":", 1)[-1].split())).encode()).hexdigest()[:12]
        signature = (
            f"family {field.get('cpu family', '?')} model {field.get('model', '?')} "
            f"stepping {field.get('stepping', '?')} flags {flag_digest}"
        )
    except OSError:
        pass
    about = {
        "cpu": cpu,
        "vector_extensions": vector,
        "cpu_signature": signature,
        "cores": os.cpu_count(),
        "backend": keras.backend.backend(),
        "keras": keras.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
    }
    if about["backend"] in BACKENDS:  # the backend's own package (named after it) and version
        about[about["backend"]] = importlib.import_module(about["backend"]).__version__
        about["gpus"] = gpu_count()
    return about


def same_setup(run: dict) -> bool:
    """True when this machine matches the one ``run`` was measured on (so the same seed gives the same numbers).

    Introduced in notebook 06.
    """
    here, there = machine(), run.get("machine", {})
    keys = ("cpu", "vector_extensions", "cpu_signature", "cores", "backend", "keras", *BACKENDS)
    return all(here.get(k) == there.get(k) for k in keys) and here.get("gpus", 0) == there.get("gpus", 0)


def load_results(name: str = RESULTS_FILE) -> dict:
    """The results file as a dict (from the repository's ``data/``, else downloaded once).

    Introduced in notebook 06; notebook 08 reads its own file, ``imdb_pretrained.json``.
    """
    from helpers.data_files import _restore, data_file, read_json

    results = read_json(name)
    if not isinstance(results.get("runs"), list):
        raise ValueError(f"{data_file(name)} has no list of runs; {_restore(name)}.")
    return results


def arm_summary(results: dict, arms=ARM_ORDER) -> dict[str, dict]:
    """Per arm (of ``arms``, in that order): the seeds done and, over them, test accuracy, seconds per epoch, epochs.

    One run per seed: where several machines ran a seed, the run that finished first
    (``seed_statistics.one_run_per_seed``); ``runs`` counts them all.

    Each value is a dict with ``seeds``, ``test_accuracy`` (one per seed), ``seconds_per_epoch``
    (each run's mean), ``epochs`` (how many each run trained), ``best_epoch``, ``padding_fraction``
    and ``load_average`` (the highest seen during the arm's epochs); ``padding_fraction`` is ``None``
    for runs that do not record it. Arms without a run are left out.

    Introduced in notebook 06; notebook 10 passes its heads as ``arms``.
    """
    from helpers.seed_statistics import one_run_per_seed

    summary = {}
    for arm in arms:
        runs = one_run_per_seed(results["runs"], arm)  # a seed counts once, whatever number of machines ran it
        if not runs:
            continue
        summary[arm] = {
            "seeds": [r["seed"] for r in runs],
            "runs": sum(r["arm"] == arm and not r.get("quick") for r in results["runs"]),
            "test_accuracy": [r["test_accuracy"] for r in runs],
            "seconds_per_epoch": [float(np.mean([e["seconds"] for e in r["epochs"]])) for r in runs],
            "epochs": [len(r["epochs"]) for r in runs],
            "best_epoch": [r["best_epoch"] for r in runs],
            "padding_fraction": [r.get("padding_fraction") for r in runs],
            "train_size": [r.get("train_size", 25_000 if r["arm"] == "seed" else 22_500) for r in runs],
            "vector_extensions": [r["machine"].get("vector_extensions", "unknown") for r in runs],
            "load_average": max(e["load_average"] for r in runs for e in r["epochs"]),
            "machines": sorted(
                {f"{r['machine']['cpu']} ({r['machine']['cores']} cores, {r['machine']['backend']})" for r in runs}
            ),
        }
    return summary


def lstm_head_runs(controlled: dict, seeds) -> list[dict]:
    """The controlled experiment's ``pad500_es`` runs of ``seeds``, renamed ``lstm``: the heads experiment's LSTM head.

    ``experiments/imdb_heads.py`` trains every head with ``pad500_es``'s recipe and split, so the seed's
    ``LSTM(100)`` under that recipe is not trained twice. Introduced in notebook 10.
    """
    return [
        {**run, "arm": "lstm", "from": f"{RESULTS_FILE}, arm {LSTM_HEAD_ARM}"}
        for run in controlled["runs"]
        if run["arm"] == LSTM_HEAD_ARM and run["seed"] in seeds and not run.get("quick")
    ]


def heads_results() -> dict:
    """``imdb_heads.json`` plus the ``lstm`` head's runs from ``imdb_experiments.json``. Introduced in notebook 10.

    A ``pad500_es`` run is taken only where it can pair, on a (seed, kind of machine) the heads
    experiment ran too; where ``imdb_heads.py`` trained the ``lstm`` head itself (no such run of
    that seed on that kind of machine), its own run is the one kept.
    """
    from helpers.seed_statistics import pairing_unit

    results = load_results(HEADS_RESULTS_FILE)
    units = {pairing_unit(r) for r in results["runs"]}
    own = {pairing_unit(r) for r in results["runs"] if r["arm"] == "lstm"}
    borrowed = [
        r
        for r in lstm_head_runs(load_results(RESULTS_FILE), results["seeds"])
        if pairing_unit(r) in units and pairing_unit(r) not in own
    ]
    return {**results, "runs": results["runs"] + borrowed}


def lstm_head_alternatives(results: dict) -> list[list[dict]]:
    """Every way to pick the ``lstm`` head's run per seed, among the runs that could stand for it: the runs of
    ``results`` (from :func:`heads_results`) with each borrowed ``lstm`` run swapped, seed by seed, for any other
    ``pad500_es`` run of that seed on the same CPU name and vector units as the heads (the CPU signature, which
    the heads' records lack, left aside). Each swapped-in run is given the heads' machine record, so that it pairs.

    The heads' own records name only "AMD EPYC, avx512": same-seed ``pad500_es`` runs under that name differ
    (seed 5: 0.86832 and 0.87644), so a verdict against the LSTM is claimed only where it holds for every pick.
    A replicate with the very test accuracy of a run already listed (seeds 1-3 repeat bit for bit) adds nothing.
    Introduced in notebook 10.
    """
    import itertools

    heads_machine = {r["seed"]: r["machine"] for r in results["runs"] if r["arm"] != "lstm"}
    chosen = [r for r in results["runs"] if r["arm"] == "lstm"]
    others = [r for r in results["runs"] if r["arm"] != "lstm"]
    candidates = []
    for run in chosen:
        options = [run]
        if "from" in run:  # borrowed: every same-label replicate of that seed may stand for it
            machine = heads_machine[run["seed"]]
            for replicate in lstm_head_runs(load_results(RESULTS_FILE), [run["seed"]]):
                label = [replicate["machine"].get(k) for k in ("cpu", "vector_extensions")]
                same_label = label == [machine.get(k) for k in ("cpu", "vector_extensions")]
                if same_label and replicate["test_accuracy"] not in [o["test_accuracy"] for o in options]:
                    options.append({**replicate, "machine": machine, "stood_in_for": replicate["machine"]})
        candidates.append(options)
    return [others + list(pick) for pick in itertools.product(*candidates)]
