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
used meanwhile (``interleaved_timing.py``, from ``/proc/stat``), so a round taken while
something else ran shows as such. Reported: seconds per epoch (mean step time x 391 steps) per
recipe with a 95% interval over rounds, and each ratio to its baseline as the mean of the
per-round ratios (paired by round) with its 95% interval.

    .venv/bin/python benchmarks/padding_interleaved.py --json data/padding_interleaved_cpu.json

Not a test: run it on demand, on a quiet machine (``make benchmark-padding``); it refuses to
write a file when other processes used more than ``--max-others`` of the CPU on average.
"""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import interleaved_timing  # noqa: E402
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
    args = interleaved_timing.command_line(__doc__, argv, rounds=20, warmup=12)

    import helpers

    keras = helpers.import_keras_quietly()

    sequences, labels, source = load_data(None)
    batches = {recipe: epoch_batches(recipe, sequences, labels, seed=1) for recipe in RECIPES}
    models = {recipe: build(recipe) for recipe in RECIPES}
    rounds = interleaved_timing.time_rounds(models, batches, args, STEPS_PER_EPOCH)
    summary = interleaved_timing.summarise(rounds, list(RECIPES), COMPARISONS, STEPS_PER_EPOCH)
    about = {
        "benchmark": "benchmarks/padding_interleaved.py",
        "question": "notebook 06: which way of padding trains fastest",
        "recipes": RECIPES,
        "comparisons": [list(c) for c in COMPARISONS],
        "data_source": source,
    }
    return interleaved_timing.write(args, about, summary, rounds, STEPS_PER_EPOCH, keras.__version__)


if __name__ == "__main__":
    sys.exit(main())
