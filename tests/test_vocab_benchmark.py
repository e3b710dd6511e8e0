"""benchmarks/vocab_interleaved.py (issue 18, the cost of a large vocabulary): the models it times, their bytes."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import vocab_interleaved  # noqa: E402


def test_the_tables_differ_only_in_rows_and_adam_keeps_two_more_of_each():
    models = vocab_interleaved.build_models(rows=(10, 1000), embedding_dim=4)
    assert list(models) == ["rows_10", "rows_1000"]
    for rows, model in zip((10, 1000), models.values()):
        assert model.count_params() == rows * 4 + 4 + 1  # the table, then Dense(1)'s weights and bias
        assert vocab_interleaved.sizes(model) == {"table_bytes": rows * 4 * 4, "optimizer_slot_bytes": 2 * rows * 4 * 4}
    assert vocab_interleaved.ROWS == (5_000, 50_000, 200_000, 1_000_000) and vocab_interleaved.BASELINE == "rows_5000"
