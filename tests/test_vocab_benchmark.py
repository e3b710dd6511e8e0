"""benchmarks/vocab_interleaved.py (issue 18, the cost of a table's size): the models it times, their bytes."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import vocab_interleaved  # noqa: E402


def test_the_tables_differ_only_in_rows_and_adam_keeps_two_more_of_each_and_sgd_none():
    models = vocab_interleaved.build_models("rows", rows=(10, 1000))
    assert list(models) == ["adam_rows_10", "adam_rows_1000", "sgd_rows_10", "sgd_rows_1000"]
    dim = vocab_interleaved.EMBEDDING_DIM
    for name, model in models.items():
        rows = int(name.rsplit("_", 1)[1])
        assert model.count_params() == rows * dim + dim + 1  # the table, then Dense(1)'s weights and bias
        slots = 2 * rows * dim * 4 if name.startswith("adam") else 0
        assert vocab_interleaved.sizes(model) == {"table_bytes": rows * dim * 4, "optimizer_slot_bytes": slots}
    assert vocab_interleaved.comparisons("rows", models) == [
        ("adam_rows_1000", "adam_rows_10"),
        ("sgd_rows_1000", "sgd_rows_10"),
    ]
    assert vocab_interleaved.ROWS == (5_000, 50_000, 200_000, 1_000_000)


def test_the_dims_sweep_keeps_5000_rows_and_compares_with_32_dimensions():
    models = vocab_interleaved.build_models("dims", dims=(1, 32, 256))
    assert list(models) == ["dim_1", "dim_32", "dim_256"]
    assert [m.get_layer("embedding").embeddings.shape[1] for m in models.values()] == [1, 32, 256]
    assert {m.get_layer("embedding").embeddings.shape[0] for m in models.values()} == {5000}
    assert vocab_interleaved.comparisons("dims", models) == [("dim_1", "dim_32"), ("dim_256", "dim_32")]


def test_an_unknown_sweep_is_one_clear_line():
    with pytest.raises(SystemExit, match="--sweep must be rows or dims, not 'words'"):
        vocab_interleaved.main(["--sweep", "words"])
