"""What does each way of padding IMDB reviews cost on this Keras backend and device?

Trains the seed's model, ``Embedding(5000, 32) -> LSTM(100) -> Dense(1, sigmoid)``
(adam, binary cross-entropy, batch 64), on the 25,000 IMDB training reviews with
five padding strategies, one after the other, each with a fresh model:

1. ``seed``          every review pre-padded (or cut) to 500 tokens, no mask (the seed's recipe);
2. ``mask_post``     padded at the end to 500, ``Embedding(..., mask_zero=True)``;
3. ``mask_pre``      padded in front to 500, ``mask_zero=True``;
4. ``bucketed``      reviews sorted by length into buckets, each batch padded in front
                     to its own longest review (at most 500), no mask (``helpers.training``);
5. ``bucketed_100``  the same, each batch's length rounded up to a multiple of 100.

For each it times single training steps (``train_on_batch``, whose returned loss
is a Python float, so the device has finished when the clock stops) after a
warm-up that compiles the step, and reports seconds per epoch as the mean
step time times the 391 steps of an epoch (an epoch is the sum of its steps;
with batches of many lengths, the median misleads), beside the median-based
figure and the median and interquartile range of the timed steps. The JSON
keeps both: ``seconds_per_epoch_from_mean`` and ``seconds_per_epoch`` (median). Whether the LSTM took the
cuDNN path is observed, not assumed: on PyTorch, from the profiler's operator and
kernel names for one training step (``aten::_cudnn_rnn``, cuDNN/RNN kernels); on
JAX, from the lowered train step's custom calls (``cudnn_rnn``); on TensorFlow,
from the ops of the traced model (``CudnnRNN*``). It also asks, in a fresh
process per index, what ``keras.layers.Embedding(10, 3)`` returns for the indices
-1, 10 and 12 on this backend and device (a CUDA error can poison a process).

Not a test: run it on demand. On a laptop (CPU), a few minutes::

    KERAS_BACKEND=torch .venv/bin/python benchmarks/backend_padding.py --quick

Several backends in one run, each in its own subprocess, results as JSON::

    python benchmarks/backend_padding.py --backends torch jax --json results.json

IMDB comes from ``helpers.imdb.load_imdb(num_words=5000)`` (Keras' download, or
the offline rebuild via IMDB_RAW_ARCHIVE / IMDB_WORD_INDEX), or from a small
``.npz`` written by ``--save-data PATH`` (for a machine without TensorFlow or
the raw archive: pass it with ``--data PATH``).

Introduced for notebook 09 (issue 11).
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

VOCAB_SIZE, EMBEDDING_DIM, UNITS = 5000, 32, 100
SEQUENCE_LENGTH, BATCH_SIZE = 500, 64
BUCKET_ROUNDING = 100
OUT_OF_RANGE_INDICES = (-1, 10, 12)

STRATEGIES = {
    "seed": "pre-padded/cut to 500, no mask",
    "mask_post": "post-padded to 500, mask_zero=True",
    "mask_pre": "pre-padded to 500, mask_zero=True",
    "bucketed": "length buckets, pre-padded to batch max, no mask",
    "bucketed_100": "length buckets, batch length rounded up to 100s",
}

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path and (REPO_ROOT / "helpers").is_dir():
    sys.path.insert(0, str(REPO_ROOT))  # run from a checkout without `pip install -e .`


# ---------------------------------------------------------------- data (no Keras, no TensorFlow)


def save_data(path: str) -> None:
    """Write the 25,000 training reviews (num_words=5000) as a flat uint16 array + offsets + labels."""
    from helpers import imdb

    (x, y), _ = imdb.load_imdb(num_words=VOCAB_SIZE)
    lengths = np.array([len(s) for s in x], dtype="int64")
    tokens = np.concatenate([np.asarray(s, dtype="uint16") for s in x])
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype("int64")
    np.savez_compressed(path, tokens=tokens, offsets=offsets, labels=np.asarray(y, dtype="int8"))
    print(f"wrote {len(x):,} reviews ({tokens.size:,} tokens, largest index {tokens.max()}) to {path}")


def load_data(path: str | None):
    """(list of int32 arrays, float32 labels): from ``path`` (``--save-data``'s format) or helpers.imdb."""
    if path:
        with np.load(path) as f:
            tokens, offsets, labels = f["tokens"].astype("int32"), f["offsets"], f["labels"]
        sequences = [tokens[offsets[i] : offsets[i + 1]] for i in range(len(offsets) - 1)]
        return sequences, labels.astype("float32"), f"npz file {os.path.basename(path)}"
    from helpers import imdb

    (x, y), _ = imdb.load_imdb(num_words=VOCAB_SIZE, verbose=False)
    return (
        [np.asarray(s, dtype="int32") for s in x],
        np.asarray(y, dtype="float32"),
        f"helpers.imdb.load_imdb (source: {imdb.imdb_source()})",
    )


def pad_to(sequences, length: int, padding: str) -> np.ndarray:
    """Pad with 0 (or keep the last ``length`` tokens, as pad_sequences' truncating='pre') to ``length``."""
    out = np.zeros((len(sequences), length), dtype="int32")
    for row, s in enumerate(sequences):
        s = s[-length:]
        if padding == "post":
            out[row, : len(s)] = s
        else:
            out[row, length - len(s) :] = s
    return out


def epoch_batches(strategy: str, sequences, labels, seed: int = 42):
    """One epoch of (x, y) batches in training order, as the strategy builds them."""
    rng = np.random.default_rng(seed)
    if strategy in ("seed", "mask_post", "mask_pre"):
        padding = "post" if strategy == "mask_post" else "pre"
        order = rng.permutation(len(sequences))
        return [
            (
                pad_to([sequences[j] for j in order[i : i + BATCH_SIZE]], SEQUENCE_LENGTH, padding),
                labels[order[i : i + BATCH_SIZE]],
            )
            for i in range(0, len(order), BATCH_SIZE)
        ]
    from helpers.training import bucketed_batch_indices

    lengths = np.array([min(len(s), SEQUENCE_LENGTH) for s in sequences])
    batches = []
    for batch in bucketed_batch_indices(lengths, BATCH_SIZE, rng):
        length = int(lengths[batch].max())
        if strategy == "bucketed_100":
            length = min(SEQUENCE_LENGTH, -(-length // BUCKET_ROUNDING) * BUCKET_ROUNDING)
        batches.append((pad_to([sequences[j] for j in batch], length, "pre"), labels[batch]))
    return batches


# ---------------------------------------------------------------- cuDNN observation, per backend


def observe_cudnn(backend: str, model, x, y):
    """Run (or lower) one training step and look for the cuDNN RNN in what actually ran.

    Returns a dict with ``observed`` (True/False, or None when it could not be told),
    ``method`` and ``evidence`` (names seen). The step it runs (PyTorch) is not timed.
    """
    try:
        if backend == "torch":
            return _observe_torch(model, x, y)
        if backend == "jax":
            return _observe_jax(model, x, y)
        if backend == "tensorflow":
            return _observe_tensorflow(model, x)
        return {"observed": None, "method": f"not implemented for backend {backend}", "evidence": []}
    except Exception as error:  # an observation that breaks must not stop the benchmark
        return {"observed": None, "method": "failed", "evidence": [f"{type(error).__name__}: {str(error)[:300]}"]}


def _observe_torch(model, x, y):
    import collections

    import torch
    from torch.profiler import ProfilerActivity, profile

    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if torch.cuda.is_available() else [])
    start = time.perf_counter()
    with profile(activities=activities) as prof:
        model.train_on_batch(x, y)
    names = collections.Counter(event.name for event in prof.events())
    cudnn_ops = sorted(n for n in names if "_cudnn_rnn" in n)
    kernels = sorted(n for n in names if not n.startswith("aten::") and ("cudnn" in n.lower() or "rnn" in n.lower()))
    return {
        "observed": bool(cudnn_ops or any("cudnn" in k.lower() for k in kernels)),
        "method": "torch.profiler over one train_on_batch: operator aten::_cudnn_rnn, or kernels named *cudnn*/*RNN*"
        + (" (CPU and CUDA activity)" if torch.cuda.is_available() else " (CPU activity only: no CUDA device)"),
        "evidence": cudnn_ops + [k[:120] for k in kernels[:8]],
        "aten_ops_in_step": int(sum(c for n, c in names.items() if n.startswith("aten::"))),
        "lstm_ops_in_step": {
            n: c for n, c in names.items() if n in ("aten::lstm", "aten::_cudnn_rnn", "aten::_cudnn_rnn_backward")
        },
        "profiled_step_seconds": round(time.perf_counter() - start, 3),
    }


def _observe_jax(model, x, y):
    import jax

    state = (
        [v.value for v in model.trainable_variables],
        [v.value for v in model.non_trainable_variables],
        [v.value for v in model.optimizer.variables],
        [v.value for v in model.metrics_variables],
    )
    # model.train_step is the function Keras' JAX trainer jits for fit/train_on_batch.
    text = jax.jit(model.train_step).lower(state, (x, y)).as_text()
    targets = sorted(
        set(re.findall(r"custom_call\s*@([\w$.\-]+)", text))
        | set(re.findall(r'custom_call_target\s*=\s*"([^"]+)"', text))
    )
    cudnn = [t for t in targets if "cudnn" in t.lower() or "rnn" in t.lower()]
    return {
        "observed": bool(cudnn),
        "method": "custom calls in jax.jit(model.train_step).lower(state, batch).as_text() "
        "(the train step Keras jits), "
        f"default device {jax.devices()[0].platform}",
        "evidence": cudnn,
        "custom_call_targets": targets[:20],
        "has_while_loop": "stablehlo.while" in text,
    }


def _observe_tensorflow(model, x):
    import tensorflow as tf

    function = tf.function(lambda t: model(t, training=True))
    graph = function.get_concrete_function(tf.TensorSpec(x.shape, tf.int32)).graph.as_graph_def()
    ops = {n.op for n in graph.node} | {n.op for f in graph.library.function for n in f.node_def}
    cudnn = sorted(o for o in ops if "cudnn" in o.lower())
    gpus = tf.config.list_physical_devices("GPU")
    return {
        "observed": bool(cudnn),
        "method": "op types in the graph of model(x, training=True) traced by tf.function "
        "(forward pass, same LSTM code path as the train step)" + ("" if gpus else "; no GPU visible to TensorFlow"),
        "evidence": cudnn,
    }


# ---------------------------------------------------------------- one backend (worker process)


def backend_info(backend: str) -> dict:
    import keras

    info = {
        "keras_backend": keras.backend.backend(),
        "keras": keras.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
    }
    if backend == "torch":
        import torch

        info.update(
            torch=torch.__version__,
            torch_cuda=torch.version.cuda,
            cudnn=torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
            device=torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu",
        )
    elif backend == "jax":
        import jax
        import jaxlib

        device = jax.devices()[0]
        info.update(jax=jax.__version__, jaxlib=jaxlib.__version__, device=f"{device.device_kind} ({device.platform})")
        try:
            info["jax_platform_version"] = device.client.platform_version
        except Exception:
            pass
    elif backend == "tensorflow":
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        build = tf.sysconfig.get_build_info()
        info.update(
            tensorflow=tf.__version__,
            device=", ".join(g.name for g in gpus) or "cpu",
            tf_cuda=build.get("cuda_version"),
            tf_cudnn=build.get("cudnn_version"),
        )
    return info


def build_model(keras, mask_zero: bool, length):
    model = keras.Sequential(
        [
            keras.Input(shape=(length,), dtype="int32"),
            keras.layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM, mask_zero=mask_zero),
            keras.layers.LSTM(UNITS),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(loss="binary_crossentropy", optimizer="adam")
    return model


def _quantiles(values):
    q1, median, q3 = np.percentile(values, [25, 50, 75])
    return float(q1), float(median), float(q3)


def run_strategy(backend: str, strategy: str, sequences, labels, args) -> dict:
    """Warm up, observe cuDNN, then time single training steps of one strategy."""
    import keras

    keras.utils.set_random_seed(42)
    batches = epoch_batches(strategy, sequences, labels)
    n = len(batches)
    shape_of = [b[0].shape for b in batches]
    fixed = strategy in ("seed", "mask_post", "mask_pre")
    model = build_model(keras, mask_zero=strategy.startswith("mask"), length=SEQUENCE_LENGTH if fixed else None)

    # Warm-up: compile the step for the shapes it will see when that is a one-time cost.
    if fixed:
        warm, observe_at, timed_order = [0], 1, [i for i in range(2, n) if shape_of[i][0] == BATCH_SIZE]
    elif strategy == "bucketed_100":
        firsts = {}
        for i, shape in enumerate(shape_of):
            firsts.setdefault(shape, i)
        warm, observe_at, timed_order = sorted(firsts.values()), 0, list(range(n))
    else:  # bucketed: every new length is a new shape; only two are seen before timing starts
        warm, observe_at, timed_order = [n - 1], n - 2, list(range(n - 2))
    warm_seconds = []
    for i in warm:
        start = time.perf_counter()
        model.train_on_batch(*batches[i])
        warm_seconds.append(time.perf_counter() - start)
    cudnn = observe_cudnn(backend, model, *batches[observe_at])
    seen = {shape_of[i] for i in warm + [observe_at]}

    times, new_shape, lengths, loss = [], [], [], float("nan")
    timing_start = time.perf_counter()
    for i in timed_order[: args.batches]:
        if len(times) >= args.min_batches and time.perf_counter() - timing_start > args.max_seconds:
            break
        new_shape.append(shape_of[i] not in seen)
        seen.add(shape_of[i])
        start = time.perf_counter()
        loss = model.train_on_batch(*batches[i])  # a Python float: the step has finished on the device
        times.append(time.perf_counter() - start)
        lengths.append(int(shape_of[i][1]))
    times_arr = np.array(times)
    q1, median, q3 = _quantiles(times_arr)
    result = {
        "strategy": strategy,
        "description": STRATEGIES[strategy],
        "mask_zero": strategy.startswith("mask"),
        "batches_per_epoch": n,
        "distinct_batch_shapes_per_epoch": len(set(shape_of)),
        "padded_fraction": round(
            1.0 - sum(min(len(s), SEQUENCE_LENGTH) for s in sequences) / sum(int(np.prod(s)) for s in shape_of), 4
        ),
        "timed_batches": len(times),
        "timed_batches_with_new_shape": int(sum(new_shape)),
        "batch_seconds_median": round(median, 6),
        "batch_seconds_q1": round(q1, 6),
        "batch_seconds_q3": round(q3, 6),
        "batch_seconds_mean": round(float(times_arr.mean()), 6),
        "seconds_per_epoch": round(median * n, 3),
        "seconds_per_epoch_from_mean": round(float(times_arr.mean()) * n, 3),
        "warmup_batches": len(warm),
        "warmup_seconds": [round(t, 3) for t in warm_seconds],
        "cudnn": cudnn,
        "last_loss": float(loss) if np.ndim(loss) == 0 else float(np.ravel(loss)[0]),
        "jit_compile": getattr(model, "jit_compile", None),
        "batch_seconds": [round(t, 5) for t in times],
    }
    if not fixed:
        result["batch_lengths"] = lengths
        new = times_arr[np.array(new_shape, dtype=bool)]
        old = times_arr[~np.array(new_shape, dtype=bool)]
        if len(new) and len(old):
            # First epoch: each distinct shape is new once, the other batches reuse a compiled step.
            distinct = len(set(shape_of))
            result["seconds_first_epoch_estimate"] = round(
                float(np.median(new)) * distinct + float(np.median(old)) * (n - distinct), 3
            )
    return result


def worker(args) -> None:
    """Run every strategy on the current backend, appending one JSON line per result to ``args.partial``."""
    backend = os.environ.get("KERAS_BACKEND", "tensorflow")
    if backend == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

    def emit(kind, payload):
        with open(args.partial, "a", encoding="utf-8") as f:
            f.write(json.dumps({"kind": kind, "payload": payload}) + "\n")

    start = time.perf_counter()
    sequences, labels, source = load_data(args.data)
    info = backend_info(backend)
    info["data"] = source
    info["reviews"] = len(sequences)
    emit("info", info)
    print(
        f"[{backend}] {info.get('device')}; keras {info['keras']}; data: {source}, {len(sequences):,} reviews "
        f"({time.perf_counter() - start:.1f} s to start)",
        flush=True,
    )
    for strategy in args.strategies:
        start = time.perf_counter()
        try:
            result = run_strategy(backend, strategy, sequences, labels, args)
        except Exception as error:
            result = {"strategy": strategy, "error": f"{type(error).__name__}: {str(error)[:500]}"}
        result["wall_seconds"] = round(time.perf_counter() - start, 1)
        emit("strategy", result)
        if "error" in result:
            print(f"[{backend}] {strategy}: FAILED {result['error']}", flush=True)
        else:
            print(
                f"[{backend}] {strategy:>12}: {result['seconds_per_epoch_from_mean']:8.2f} s/epoch (mean of "
                f"{result['timed_batches']} steps; median step {1000 * result['batch_seconds_median']:.1f} ms: "
                f"{result['seconds_per_epoch']:.2f} s/epoch), cuDNN {result['cudnn']['observed']}, "
                f"warm-up {sum(result['warmup_seconds']):.1f} s, {result['wall_seconds']} s in all",
                flush=True,
            )


# ---------------------------------------------------------------- out-of-range indices (own process each)


def index_check(index: int) -> None:
    """Print what Embedding(10, 3) returns on this backend and device for one index (JSON on the last line)."""
    import keras

    keras.utils.set_random_seed(0)
    layer = keras.layers.Embedding(10, 3)
    layer.build((None, 1))
    weights = keras.ops.convert_to_numpy(layer.embeddings)
    report = {"index": index, "backend": keras.backend.backend()}
    try:
        out = layer(np.array([[index]], dtype="int32"))
        report["device"] = str(getattr(out, "device", None) or getattr(out, "devices", lambda: None)())
        row = keras.ops.convert_to_numpy(out)[0, 0]  # copies to the host: any device error surfaces here
        report["returned"] = [float(v) for v in row]
        matches = [k for k in range(10) if np.allclose(row, weights[k])]
        report["equals_row"] = matches[0] if matches else None
        report["all_zero"] = bool(np.all(row == 0))
        report["all_nan"] = bool(np.all(np.isnan(row)))
        report["outcome"] = (
            f"W[{matches[0]}]"
            if matches
            else "zeros"
            if report["all_zero"]
            else "NaN"
            if report["all_nan"]
            else "other values"
        )
    except Exception as error:
        message = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", str(error)).split())  # no terminal colour codes
        report["error"] = f"{type(error).__name__}: {message[:400]}"
        report["outcome"] = f"error ({type(error).__name__})"
    print("INDEX " + json.dumps(report), flush=True)


def run_index_checks(backend: str, timeout: float = 60) -> dict:
    env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3", XLA_PYTHON_CLIENT_PREALLOCATE="false")
    procs = {
        i: subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--index-check", str(i)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in OUT_OF_RANGE_INDICES
    }
    results = {}
    for i, proc in procs.items():
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            results[str(i)] = {"index": i, "outcome": f"no answer within {timeout} s"}
            continue
        lines = [line for line in out.splitlines() if line.startswith("INDEX ")]
        if lines:
            results[str(i)] = json.loads(lines[-1][len("INDEX ") :])
        else:
            results[str(i)] = {"index": i, "outcome": f"process ended with code {proc.returncode} before answering"}
        tail = [
            line
            for line in err.strip().splitlines()
            if re.search(r"[Aa]ssert|CUDA error|device-side|illegal memory", line)
        ]
        if tail:
            results[str(i)]["stderr_lines"] = [line[:300] for line in tail[-3:]]
    return {"layer": "keras.layers.Embedding(10, 3)", "weights_seed": 0, "results": results}


# ---------------------------------------------------------------- orchestration


def host_info() -> dict:
    info = {
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu_model": platform.processor() or platform.machine(),
    }
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            lines = f.read().splitlines()
        models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
        if models:
            info["cpu_model"] = models[0]
        flags = next((line for line in lines if line.startswith("flags")), "")
        # the same CPU model name comes with different vector units (and speeds): record which
        info["vector_extensions"] = "avx512" if "avx512f" in flags else ("avx2" if "avx2" in flags else "other")
    except OSError:
        pass
    try:
        query = subprocess.run(
            ["nvidia-smi", "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
        header = subprocess.run(["nvidia-smi"], capture_output=True, text=True, timeout=30).stdout
        cuda = re.search(r"CUDA Version:\s*([\d.]+)", header)
        name, driver, memory = [part.strip() for part in query.splitlines()[0].split(",")]
        info["gpu"] = {
            "name": name,
            "driver": driver,
            "memory": memory,
            "cuda_driver_api": cuda.group(1) if cuda else None,
        }
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        info["gpu"] = None
    from importlib import metadata

    versions = {}
    for name in ("keras", "torch", "jax", "jaxlib", "tensorflow", "numpy"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    info["installed_versions"] = versions
    return info


def run_backend(backend: str, args, settings: dict) -> dict:
    record = {}
    if not args.no_index_check:
        start = time.perf_counter()
        record["index_check"] = run_index_checks(backend)
        outcomes = ", ".join(f"{k} -> {v['outcome']}" for k, v in record["index_check"]["results"].items())
        print(
            f"[{backend}] Embedding(10, 3) out-of-range indices: {outcomes} ({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
    with tempfile.TemporaryDirectory() as tmp:
        partial = os.path.join(tmp, "partial.jsonl")
        command = [sys.executable, os.path.abspath(__file__), "--worker", "--partial", partial] + settings[
            "worker_args"
        ]
        env = dict(os.environ, KERAS_BACKEND=backend, PYTHONUNBUFFERED="1")
        start = time.perf_counter()
        try:
            code = subprocess.run(command, env=env, timeout=args.backend_timeout, check=False).returncode
        except subprocess.TimeoutExpired:
            code = f"stopped after {args.backend_timeout} s (--backend-timeout)"
        record["worker_exit"] = code
        record["wall_seconds"] = round(time.perf_counter() - start, 1)
        record["strategies"] = {}
        if os.path.exists(partial):
            with open(partial, encoding="utf-8") as f:
                for line in f:
                    item = json.loads(line)
                    if item["kind"] == "info":
                        record["info"] = item["payload"]
                    else:
                        record["strategies"][item["payload"]["strategy"]] = item["payload"]
    return record


def print_table(results: dict) -> None:
    for backend, record in results["backends"].items():
        info = record.get("info", {})
        if record.get("worker_exit") not in (0, None):
            print(
                f"\n{backend}: the run ended early ({record['worker_exit']}); the strategies below are those "
                "that finished."
            )
        print(
            f"\n{backend} backend on {info.get('device', '?')} (keras {info.get('keras', '?')}); "
            f"s/epoch = mean timed step x steps per epoch (an epoch is the sum of its steps; with batches of "
            "many lengths the median misleads); median-based beside it"
        )
        print(
            f"  {'strategy':<13} {'s/epoch':>9} {'vs seed':>8} {'median-based':>12} {'median ms [IQR]':>24} "
            f"{'timed':>5}  cuDNN"
        )
        seed = record["strategies"].get("seed", {}).get("seconds_per_epoch_from_mean")
        for name in STRATEGIES:
            r = record["strategies"].get(name)
            if r is None:
                continue
            if "error" in r:
                print(f"  {name:<13} failed: {r['error'][:80]}")
                continue
            ratio = f"{r['seconds_per_epoch_from_mean'] / seed:.2f}x" if seed else "-"
            q1, q3 = 1000 * r["batch_seconds_q1"], 1000 * r["batch_seconds_q3"]
            iqr = f"{1000 * r['batch_seconds_median']:.1f} [{q1:.1f}-{q3:.1f}]"
            observed = r["cudnn"]["observed"]
            cudnn = "yes" if observed else ("?" if observed is None else "no")
            extra = ""
            if r.get("timed_batches_with_new_shape"):
                extra = f" ({r['timed_batches_with_new_shape']} timed steps had a new shape"
                if "seconds_first_epoch_estimate" in r:
                    extra += f"; first epoch ~{r['seconds_first_epoch_estimate']:.0f} s"
                extra += ")"
            print(
                f"  {name:<13} {r['seconds_per_epoch_from_mean']:9.2f} {ratio:>8} "
                f"{r['seconds_per_epoch']:12.2f} {iqr:>24} {r['timed_batches']:5d}  {cudnn}{extra}"
            )
        checks = record.get("index_check", {}).get("results", {})
        if checks:
            print("  Embedding(10, 3) with index " + "; ".join(f"{k}: {v['outcome']}" for k, v in checks.items()))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Not a test; run on demand. See the module docstring for examples.",
    )
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=("tensorflow", "jax", "torch"),
        help="backends to measure, each in its own process (default: KERAS_BACKEND, else tensorflow)",
    )
    parser.add_argument("--strategies", nargs="+", choices=tuple(STRATEGIES), default=list(STRATEGIES))
    parser.add_argument(
        "--batches", type=int, default=391, help="most training steps timed per strategy (default: 391, one epoch)"
    )
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=30.0,
        help="stop timing a strategy after this many seconds, once --min-batches are timed (default: 30)",
    )
    parser.add_argument("--min-batches", type=int, default=3, help="fewest steps timed per strategy (default: 3)")
    parser.add_argument(
        "--quick", action="store_true", help="a few steps per strategy: --batches 5 --max-seconds 10 --min-batches 2"
    )
    parser.add_argument("--data", help="an .npz written by --save-data (else helpers.imdb.load_imdb)")
    parser.add_argument("--json", help="write all results to this JSON file")
    parser.add_argument("--note", help="free text stored in the JSON (e.g. the full shell command)")
    parser.add_argument(
        "--no-index-check", action="store_true", help="skip the Embedding(10, 3) out-of-range index check"
    )
    parser.add_argument(
        "--backend-timeout",
        type=float,
        default=1800.0,
        help="seconds before one backend's run is stopped (default: 1800)",
    )
    parser.add_argument("--save-data", metavar="PATH", help="write the training reviews to PATH (.npz) and exit")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--partial", help=argparse.SUPPRESS)
    parser.add_argument("--index-check", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.batches, args.max_seconds, args.min_batches = 5, 10.0, 2
    if args.batches < 1 or args.min_batches < 1:
        parser.error("--batches and --min-batches must be at least 1")

    if args.save_data:
        save_data(args.save_data)
        return
    if args.index_check is not None:
        index_check(args.index_check)
        return
    if args.worker:
        worker(args)
        return

    backends = args.backends or [os.environ.get("KERAS_BACKEND", "tensorflow")]
    worker_args = [
        "--batches",
        str(args.batches),
        "--max-seconds",
        str(args.max_seconds),
        "--min-batches",
        str(args.min_batches),
        "--strategies",
        *args.strategies,
    ] + (["--data", args.data] if args.data else [])
    results = {
        "benchmark": "benchmarks/backend_padding.py",
        "model": f"Embedding({VOCAB_SIZE}, {EMBEDDING_DIM}) -> LSTM({UNITS}) -> Dense(1, sigmoid); "
        "adam, binary cross-entropy",
        "batch_size": BATCH_SIZE,
        "sequence_length": SEQUENCE_LENGTH,
        "strategies": STRATEGIES,
        "timing": (
            "train_on_batch per step, wall clock around a call that returns the loss as a Python float (device "
            "synced); "
            "warm-up steps (compilation) not timed; seconds_per_epoch = median step x batches_per_epoch; "
            f"at most {args.batches} steps per strategy, stopping after {args.max_seconds} s once "
            f"{args.min_batches} are timed"
        ),
        "command": shlex.join(["python", os.path.relpath(os.path.abspath(__file__))] + sys.argv[1:]),
        "note": args.note,
        "script_sha256": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
        "date_utc": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": host_info(),
        "backends": {},
    }
    gpu = results["host"]["gpu"]
    print(
        f"backend_padding: {', '.join(backends)} on "
        f"{gpu['name'] + ' (driver ' + gpu['driver'] + ')' if gpu else 'CPU only'}; "
        f"host CPU {results['host']['cpu_model']} x{results['host']['cpu_count']}",
        flush=True,
    )
    for backend in backends:
        results["backends"][backend] = run_backend(backend, args, {"worker_args": worker_args})
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print_table(results)
    if args.json:
        print(f"\nresults written to {args.json}")


if __name__ == "__main__":
    main()
