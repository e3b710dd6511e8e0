"""How long does an epoch take with each head after the Embedding? Interleaved timing (notebook 10's speed question).

The five models of ``helpers.heads`` (``Embedding(5000, 32) -> head -> Dense(1)``, adam, batch 64),
each built once; after a warm-up that compiles each step, the heads take turns: every *round*
times ``--steps`` training steps (``train_on_batch``) of each head, in an order that rotates from
round to round, so that whatever else the machine does in a given minute falls on every head
alike. Every head steps through the same epoch of batches: reviews pre-padded (or cut) to 500,
as ``experiments/imdb_heads.py`` trains them.

For every round it records the load average and the share of the CPU that *other* processes
used meanwhile (``interleaved_timing.py`` times both benchmarks). Reported: seconds per epoch
(mean step time x 352 steps, the 22,500 reviews the experiment fits on) per head with a 95% interval over rounds,
and each head's time relative to the seed's LSTM as the mean of the per-round ratios (paired by
round) with its 95% interval.

    .venv/bin/python benchmarks/heads_interleaved.py --json data/heads_interleaved_cpu.json

Not a test: run it on demand, on a quiet machine; it refuses to write a file when other
processes used more than ``--max-others`` of the CPU on average.
"""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import interleaved_timing  # noqa: E402
from backend_padding import epoch_batches, load_data  # noqa: E402

BASELINE = "lstm"
STEPS_PER_EPOCH = -(-22_500 // 64)  # 352: experiments/imdb_heads.py fits on 22,500 reviews, batch 64


def main(argv=None) -> int:
    args = interleaved_timing.command_line(__doc__, argv, rounds=12, warmup=6)

    import helpers

    keras = helpers.import_keras_quietly()
    from helpers import heads

    sequences, labels, source = load_data(None)
    batches = epoch_batches("seed", sequences, labels, seed=1)  # pre-padded to 500, as the experiment trains
    models = {}
    for head in heads.HEADS:
        keras.utils.set_random_seed(1)
        models[head] = heads.build_head_model(head)
        models[head].compile(loss="binary_crossentropy", optimizer="adam")
    rounds = interleaved_timing.time_rounds(models, dict.fromkeys(models, batches), args, STEPS_PER_EPOCH)
    comparisons = [(head, BASELINE) for head in heads.HEADS if head != BASELINE]
    summary = interleaved_timing.summarise(rounds, list(heads.HEADS), comparisons, STEPS_PER_EPOCH, digits=3)
    about = {
        "benchmark": "benchmarks/heads_interleaved.py",
        "question": "notebook 10: seconds per epoch of each head after the Embedding",
        "recipes": heads.HEADS,
        "comparisons": [list(c) for c in comparisons],
        "params": {head: int(model.count_params()) for head, model in models.items()},
        "data_source": source,
    }
    return interleaved_timing.write(args, about, summary, rounds, STEPS_PER_EPOCH, keras.__version__)


if __name__ == "__main__":
    sys.exit(main())
