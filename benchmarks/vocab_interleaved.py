"""What a large vocabulary costs a training step: interleaved timing of one model at four table sizes (issue 18).

The masked-average model of ``experiments/imdb_size.py`` (``Embedding(rows, 32, mask_zero=True) ->
GlobalAveragePooling1D -> Dense(1)``, Adam, batch 64) with ``rows`` = 5,000, 50,000, 200,000 and
1,000,000, each built once. Every model steps through the same batches, IMDB's reviews at the seed's
5,000 words, pre-padded to 500: they look up the same rows, so the tables differ only in how many rows
nobody reads. What differs is what a step does with them: TensorFlow's gradient of an ``Embedding`` is
an ``IndexedSlices`` (the rows looked up), JAX's and PyTorch's a dense table (notebook 05), and Adam
updates its two slots for every row it is given.

After a warm-up that compiles each step, the models take turns, round by round, in an order that
rotates (``interleaved_timing.py``, with the load and other processes' CPU share recorded). Reported
per table size: seconds per step with a 95% interval over rounds, each size's time relative to 5,000
rows, and the bytes of the table and of Adam's slots (read from the optimizer's own variables).

    KERAS_BACKEND=jax .venv/bin/python benchmarks/vocab_interleaved.py --json data/vocab_cost_jax_cpu.json

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
EMBEDDING_DIM = 32
BASELINE = f"rows_{ROWS[0]}"


def build_models(rows=ROWS, embedding_dim: int = EMBEDDING_DIM) -> dict:
    """One compiled model per table size, its optimizer built, so that its slots exist before any timing."""
    import keras

    from helpers import heads

    models = {}
    for n in rows:
        keras.utils.set_random_seed(1)
        model = heads.build_head_model("pool", n, embedding_dim, 500)
        model.compile(loss="binary_crossentropy", optimizer="adam")
        model.optimizer.build(model.trainable_variables)
        models[f"rows_{n}"] = model
    return models


def sizes(model) -> dict:
    """Bytes of the Embedding's table and of the optimizer's variables that belong to it (Adam: two of its size)."""
    table = model.get_layer("embedding").embeddings
    table_bytes = int(table.shape[0] * table.shape[1] * 4)
    slots = [v for v in model.optimizer.variables if tuple(v.shape) == tuple(table.shape)]
    return {"table_bytes": table_bytes, "optimizer_slot_bytes": sum(int(v.shape[0] * v.shape[1] * 4) for v in slots)}


def main(argv=None) -> int:
    args = interleaved_timing.command_line(__doc__, argv, rounds=12, warmup=4)

    import helpers

    keras = helpers.import_keras_quietly()
    sequences, labels, source = load_data(None)
    models = build_models()
    batches = dict.fromkeys(models, epoch_batches("seed", sequences, labels, seed=1))
    memory = {name: sizes(model) for name, model in models.items()}
    for name, m in memory.items():
        print(
            f"{name}: table {m['table_bytes'] / 1e6:.1f} MB, "
            f"Adam's slots for it {m['optimizer_slot_bytes'] / 1e6:.1f} MB"
        )
    rounds = interleaved_timing.time_rounds(models, batches, args, steps_per_epoch=1)
    comparisons = [(name, BASELINE) for name in models if name != BASELINE]
    summary = interleaved_timing.summarise(rounds, list(models), comparisons, steps_per_epoch=1, digits=3)
    about = {
        "benchmark": "benchmarks/vocab_interleaved.py",
        "question": "issue 18: what a training step costs as the Embedding's table grows",
        "rows": list(ROWS),
        "embedding_dim": EMBEDDING_DIM,
        "data_source": source,
        "memory": memory,
        "backend": keras.config.backend(),
        "note": "seconds_per_epoch holds seconds per step here (steps_per_epoch 1)",
    }
    return interleaved_timing.write(args, about, summary, rounds, 1, keras.__version__)


if __name__ == "__main__":
    sys.exit(main())
