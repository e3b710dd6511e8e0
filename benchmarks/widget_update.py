"""How long one full update of the embedding explorer takes (run on demand: make benchmark-widgets).

One full update = what happens when a learner changes a control: read the
settings, tokenize and pad, get the real Keras ``Embedding`` (rebuilt only when
its own settings change), call it, compute the mask, and refresh every view.
It is timed around ``explorer.set(...)``, which runs exactly that, in this process
(the browser's round trip to the kernel is not included).

Cases: the seed answer's 10 x 3 layer on the two sentences, and the seed
question's 5000 x 32 layer on sentences of 500 and 450 tokens (sequence_length 500).
For each, two kinds of change: the padding (layer reused) and embedding_dim
(layer rebuilt). Every update redraws all the HTML boxes (token indices, padded
batch, shape, parameters, mask, weight table, output table).

Usage: .venv/bin/python benchmarks/widget_update.py [--repeats 30]
"""

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def large_sentences(n_tokens: int = 500, n_distinct: int = 1000) -> str:
    """Two sentences of 500 and 450 words drawn from 1000 distinct made-up words (so padding matters)."""
    words = [f"w{i}" for i in range(n_distinct)]
    first = " ".join(words[(7 * i) % n_distinct] for i in range(n_tokens))
    second = " ".join(words[(11 * i + 3) % n_distinct] for i in range(n_tokens - 50))
    return first + "\n" + second


def time_changes(explorer, changes, repeats: int) -> list[float]:
    """Milliseconds per update, alternating between the given settings (one warm-up round first)."""
    for change in changes:
        explorer.set(**change)
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        explorer.set(**changes[i % len(changes)])
        times.append((time.perf_counter() - start) * 1000)
        assert explorer.views is not None, explorer.problem
    return times


def describe(times: list[float]) -> str:
    q1, median, q3 = statistics.quantiles(times, n=4)
    return (
        f"median {statistics.median(times):7.1f} ms   IQR {q1:7.1f}-{q3:7.1f} ms   "
        f"min {min(times):7.1f}   max {max(times):7.1f}   (n={len(times)})"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)

    import helpers

    helpers.import_tensorflow_quietly()
    import keras

    from helpers.interactive import embedding_explorer
    from helpers.pipeline import ExplorerSettings

    small = ExplorerSettings()
    large = ExplorerSettings(sentences=large_sentences(), input_dim=5000, output_dim=32, sequence_length=500)
    padding = [{"padding": "post"}, {"padding": "pre"}]
    cases = [
        ("small 10 x 3, two sentences, padding change (layer reused)", small, padding),
        (
            "small 10 x 3, two sentences, embedding_dim change (layer rebuilt)",
            small,
            [{"output_dim": 4}, {"output_dim": 3}],
        ),
        ("large 5000 x 32, 500 + 450 tokens, padding change (layer reused)", large, padding),
        (
            "large 5000 x 32, 500 + 450 tokens, embedding_dim change (layer rebuilt)",
            large,
            [{"output_dim": 31}, {"output_dim": 32}],
        ),
    ]
    print(f"keras {keras.__version__}, {os.cpu_count()} CPU cores visible, {args.repeats} timed updates per case")
    for name, settings, changes in cases:
        explorer = embedding_explorer(settings)
        times = time_changes(explorer, changes, args.repeats)
        print(f"{name:72s} {describe(times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
