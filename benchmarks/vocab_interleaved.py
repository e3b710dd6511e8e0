"""What a table's size costs a training step: interleaved timing of one model at many table sizes (issue 18).

The masked-average model of ``experiments/imdb_size.py`` (``Embedding(rows, dim, mask_zero=True) ->
GlobalAveragePooling1D -> Dense(1)``, batch 64), each size built once. Two sweeps:

* ``--sweep rows`` (the default): ``rows`` = 5,000, 50,000, 200,000 and 1,000,000 at 32 dimensions,
  each with Adam and with plain SGD. Every model steps through the same batches, IMDB's reviews at the
  seed's 5,000 words, pre-padded to 500: they look up the same rows, so the tables differ only in how
  many rows nobody reads. What differs is what a step does with them: TensorFlow's gradient of an
  ``Embedding`` is an ``IndexedSlices`` (the rows looked up), JAX's and PyTorch's a dense table
  (notebook 05). SGD can apply a sparse gradient to the rows it names; Adam decays its two slots for
  every row at every step, so it touches the whole table on every backend.
* ``--sweep dims``: ``embedding_dim`` 1 to 256 at 5,000 rows, with Adam: the seconds per step beside
  the dimension curve.

After a warm-up that compiles each step, the models take turns, round by round, in an order that
rotates (``interleaved_timing.py``, with the load and other processes' CPU share recorded). Reported
per model: seconds per step with a 95% interval over rounds, each one's time relative to its baseline,
and the bytes of the table and of the optimizer's slots for it (read from the optimizer's own variables).

    make benchmark-vocab                  # the rows sweep on $KERAS_BACKEND, into data/vocab_cost_<backend>_cpu.json
    make benchmark-dims                   # the dims sweep, into data/dim_cost_<backend>_cpu.json

Not a test: run it on demand, on a quiet machine, once per backend; it refuses to write a file when other
processes used more than ``--max-others`` of the CPU on average.
"""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import interleaved_timing  # noqa: E402
from backend_padding import epoch_batches, load_data  # noqa: E402

ROWS = (5_000, 50_000, 200_000, 1_000_000)
DIMS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
EMBEDDING_DIM = 32
OPTIMIZERS = ("adam", "sgd")


def model_name(optimizer: str, rows: int, embedding_dim: int, sweep: str) -> str:
    return f"{optimizer}_rows_{rows}" if sweep == "rows" else f"dim_{embedding_dim}"


def plan(sweep: str, rows=ROWS, dims=DIMS) -> list[tuple[str, str, int, int]]:
    """``(name, optimizer, rows, embedding_dim)`` of every model of a sweep, baselines first."""
    if sweep == "rows":
        return [(model_name(o, n, EMBEDDING_DIM, sweep), o, n, EMBEDDING_DIM) for o in OPTIMIZERS for n in rows]
    return [(model_name("adam", rows[0], d, sweep), "adam", rows[0], d) for d in dims]


def comparisons(sweep: str, models) -> list[tuple[str, str]]:
    """Each model against its sweep's baseline: the smallest table with the same optimizer (rows), or 32 dims."""
    if sweep == "dims":
        return [(name, f"dim_{EMBEDDING_DIM}") for name in models if name != f"dim_{EMBEDDING_DIM}"]
    pairs = []
    for optimizer in OPTIMIZERS:
        names = [name for name in models if name.startswith(optimizer + "_")]
        pairs += [(name, names[0]) for name in names[1:]]
    return pairs


def build_models(sweep: str = "rows", rows=ROWS, dims=DIMS) -> dict:
    """One compiled model per entry of ``plan``, its optimizer built, so that its slots exist before any timing."""
    import keras

    from helpers import heads

    models = {}
    for name, optimizer, n, dim in plan(sweep, rows, dims):
        keras.utils.set_random_seed(1)
        model = heads.build_head_model("pool", n, dim, 500)
        model.compile(loss="binary_crossentropy", optimizer=optimizer)
        model.optimizer.build(model.trainable_variables)
        models[name] = model
    return models


def sizes(model) -> dict:
    """Bytes of the Embedding's table and of the optimizer's variables that belong to it (Adam: two of its size)."""
    table = model.get_layer("embedding").embeddings
    table_bytes = int(table.shape[0] * table.shape[1] * 4)
    slots = [v for v in model.optimizer.variables if tuple(v.shape) == tuple(table.shape)]
    return {"table_bytes": table_bytes, "optimizer_slot_bytes": sum(int(v.shape[0] * v.shape[1] * 4) for v in slots)}


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    sweep = "rows"
    if "--sweep" in argv:
        at = argv.index("--sweep")
        sweep = argv[at + 1]
        del argv[at : at + 2]
    if sweep not in ("rows", "dims"):
        raise SystemExit(f"--sweep must be rows or dims, not {sweep!r}")
    args = interleaved_timing.command_line(__doc__, argv, rounds=12, warmup=4)

    import helpers

    keras = helpers.import_keras_quietly()
    sequences, labels, source = load_data(None)
    models = build_models(sweep)
    batches = dict.fromkeys(models, epoch_batches("seed", sequences, labels, seed=1))
    memory = {name: sizes(model) for name, model in models.items()}
    for name, m in memory.items():
        table, slots = m["table_bytes"] / 1e6, m["optimizer_slot_bytes"] / 1e6
        print(f"{name}: table {table:.1f} MB, the optimizer's slots for it {slots:.1f} MB")
    rounds = interleaved_timing.time_rounds(models, batches, args, steps_per_epoch=1)
    pairs = comparisons(sweep, models)
    summary = interleaved_timing.summarise(rounds, list(models), pairs, steps_per_epoch=1, digits=3)
    about = {
        "benchmark": "benchmarks/vocab_interleaved.py",
        "question": "issue 18: what a training step costs as the Embedding's table grows",
        "sweep": sweep,
        "models": {name: {"optimizer": o, "rows": n, "embedding_dim": d} for name, o, n, d in plan(sweep)},
        "data_source": source,
        "memory": memory,
        "backend": keras.config.backend(),
        "note": "seconds_per_epoch holds seconds per step here (steps_per_epoch 1)",
    }
    return interleaved_timing.write(args, about, summary, rounds, 1, keras.__version__)


if __name__ == "__main__":
    sys.exit(main())
