"""Each exercise of notebook 09 accepts the right answer and rejects wrong ones; the right answers follow from the
notebook's measurements and from Keras' source."""

from pathlib import Path

import pytest

from helpers.exercises import is_correct


@pytest.mark.parametrize(
    "question, right, wrong",
    [
        ("09.1", [3, 9, None], [3, 9, 0]),
        ("09.1", (3, 9, None), [3, None, None]),
        ("09.2", 5, 4),
        ("09.3", {"a", "b", "e"}, {"a", "b", "c", "e"}),
        ("09.3", "abe", "ab"),
        ("09.3", ["A", "B", "E"], ["a", "d"]),
    ],
)
def test_check_accepts_right_and_rejects_wrong(question, right, wrong, accepts_right_rejects_wrong):
    accepts_right_rejects_wrong(question, right, wrong)


def test_09_2_counts_the_rounded_lengths():
    lengths = range(1, 501)
    assert is_correct("09.2", len({-(-length // 100) * 100 for length in lengths}))


def test_09_3_follows_the_keras_source():
    """JAX and PyTorch refuse any mask before cuDNN; TensorFlow checks for a right-padded one."""
    import keras

    backend_folder = Path(keras.__file__).parent / "src" / "backend"  # read, not imported: no JAX or PyTorch needed
    for backend in ("jax", "torch"):
        source = (backend_folder / backend / "rnn.py").read_text(encoding="utf-8")
        lstm = source[source.index("\ndef lstm(") :]
        body = lstm[lstm.index("):\n") :]
        first_code = [
            line.strip() for line in body.splitlines()[1:] if line.strip() and not line.strip().startswith("#")
        ]
        assert first_code[:2] == ["if mask is not None:", "raise NotImplementedError"], backend
    tf_source = (backend_folder / "tensorflow" / "rnn.py").read_text(encoding="utf-8")
    assert "_is_sequence_right_padded(mask)" in tf_source
