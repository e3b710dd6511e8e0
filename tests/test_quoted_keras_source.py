"""Notebooks 01, 04, 05 and 09 quote Keras 3.15 source (09 also TensorFlow's `tf.gather` docstring); the quotes
must still be in the installed Keras (and TensorFlow), word for word."""

import inspect
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def keras_source(module_name: str) -> str:
    """The module's source. Keras' own files are read, not imported, so quoting the JAX or PyTorch backend's
    source needs neither JAX nor PyTorch installed; anything else (TensorFlow's docstrings) is imported."""
    import importlib

    if module_name.startswith("keras."):
        import keras

        path = Path(keras.__file__).parent.joinpath(*module_name.split(".")[1:]).with_suffix(".py")
        return path.read_text(encoding="utf-8")
    return inspect.getsource(importlib.import_module(module_name))


def notebook_text(name: str) -> str:
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in nb["cells"])


def squash(text: str) -> str:
    """The text without any whitespace, so line breaks and indentation do not matter."""
    return "".join(text.split())


RNN = "keras.src.backend.tensorflow.rnn"
NB09 = "09_backends_and_devices.ipynb"
CUDNN_MESSAGE = "You are passing a RNN mask that does not correspond to right-padded sequences, while using cuDNN"


@pytest.mark.parametrize(
    "notebook, module, quote",
    [
        ("04_masking.ipynb", "keras.src.layers.rnn.lstm", "6. Inputs, if use masking, are strictly right-padded."),
        (
            "04_masking.ipynb",
            "keras.src.layers.core.embedding",
            "If `mask_zero` is set to `True`, as a consequence, index 0 cannot be used in the vocabulary "
            "(`input_dim` should equal size of vocabulary + 1).",
        ),
        (
            "04_masking.ipynb",
            RNN,
            """valid = tf.logical_and(
    tf.logical_not(_has_fully_masked_sequence(mask)),
    _is_sequence_right_padded(mask),
)""",
        ),
        (
            "01_tokenizing_the_two_sentences.ipynb",
            "keras.src.layers.preprocessing.index_lookup",
            "To keep vocabs deterministic, we sort our tokens by count and break",
        ),
        (
            "01_tokenizing_the_two_sentences.ipynb",
            "keras.src.layers.preprocessing.index_lookup",
            "np.lexsort((tokens.numpy(), counts.numpy()))[::-1]",
        ),
        ("04_masking.ipynb", RNN, "count_of_true = tf.reduce_sum(tf.cast(mask, tf.int32), axis=1)"),
        ("04_masking.ipynb", RNN, "right_padded_mask = tf.sequence_mask(count_of_true, maxlen=max_seq_length)"),
        (
            "04_masking.ipynb",
            "keras.src.backend.jax.rnn",
            """# Masking is not supported by the cuDNN path; fall back to the
# generic RNN loop which handles masking correctly.
if mask is not None:
    raise NotImplementedError""",
        ),
        (
            "04_masking.ipynb",
            "keras.src.backend.torch.rnn",
            "Masking is not supported by either the cuDNN or fallback path; "
            "fall back to the generic RNN loop before doing any work.",
        ),
        (
            "05_how_the_vectors_learn.ipynb",
            "keras.src.optimizers.adam",
            "self.assign_add(m, ops.multiply(ops.subtract(gradient, m), 1 - self.beta_1))",
        ),
        (
            "05_how_the_vectors_learn.ipynb",
            "keras.src.optimizers.adam",
            "self.assign_add(v, ops.multiply(ops.subtract(ops.square(gradient), v), 1 - self.beta_2),)",
        ),
        (
            "05_how_the_vectors_learn.ipynb",
            "keras.src.optimizers.adam",
            "self.assign_sub(variable, ops.divide(ops.multiply(m, alpha), ops.add(ops.sqrt(v), self.epsilon)),)",
        ),
        (
            NB09,
            "keras.src.backend.jax.rnn",
            """    # Masking is not supported by the cuDNN path; fall back to the
    # generic RNN loop which handles masking correctly.
    if mask is not None:
        raise NotImplementedError""",
        ),
        (
            NB09,
            "keras.src.backend.torch.rnn",
            """    # Masking is not supported by either the cuDNN or fallback path;
    # fall back to the generic RNN loop before doing any work.
    if mask is not None:
        raise NotImplementedError""",
        ),
        (NB09, "keras.src.layers.rnn.lstm", "except NotImplementedError:\n                    pass"),
        (
            NB09,
            "keras.src.backend.tensorflow.numpy",
            "return tf.where(i < 0, i + tf.cast(tf.shape(x)[axis], i.dtype), i)",
        ),
        (
            NB09,
            "keras.src.backend.torch.rnn",
            """    for t in range(time_steps):
        z = x_proj[t] + torch.matmul(h, recurrent_kernel)""",
        ),
        (
            NB09,
            "keras.src.layers.preprocessing.text_vectorization",
            "This layer uses TensorFlow internally. It cannot be used as part of the compiled computation graph of a "
            "model with any backend other than TensorFlow. It can however be used with any backend when running "
            "eagerly. It can also always be used as part of an input preprocessing pipeline with any backend "
            "(outside the model itself), which is how we recommend to use this layer.",
        ),
        (
            NB09,
            "tensorflow.python.ops.array_ops",
            "Caution: On CPU, if an out of bound index is found, an error is raised. On GPU, if an out of bound "
            "index is found, a 0 is stored in the corresponding output value.",
        ),
    ],
)
def test_quoted_source_is_in_installed_keras_and_in_the_notebook(notebook, module, quote):
    source = keras_source(module)  # Keras' files are read, so the JAX and PyTorch quotes need neither installed
    if "#" not in quote:  # a comment quoted in prose reads without its leading "#" marks
        source = re.sub(r"^\s*#\s?", "", source, flags=re.M)
    assert squash(quote) in squash(source), f"{module} no longer contains: {quote}"
    assert squash(quote) in squash(notebook_text(notebook)), f"{notebook} no longer quotes: {quote}"


def test_quoted_cudnn_message_is_the_one_keras_raises():
    source = keras_source(RNN).replace('"\n                "', "").replace('" "', "")
    assert squash(CUDNN_MESSAGE) in squash(source.replace('"', ""))
    assert CUDNN_MESSAGE in notebook_text("04_masking.ipynb")


def test_notebook_04s_numpy_rule_is_tensorflows_right_padding_check():
    """Notebook 04 writes TensorFlow's private _is_sequence_right_padded in NumPy; the two agree on every mask."""
    import itertools

    import numpy as np

    pytest.importorskip("tensorflow")
    tf_rnn = __import__(RNN, fromlist=["_is_sequence_right_padded"])
    cells = json.loads((ROOT / "notebooks" / "04_masking.ipynb").read_text(encoding="utf-8"))["cells"]
    shown = next("".join(c["source"]) for c in cells if "".join(c["source"]).startswith("def strictly_right_padded"))
    namespace = {"np": np}
    exec(shown, namespace)
    strictly_right_padded = namespace["strictly_right_padded"]
    rows = [
        np.array(bits, dtype=bool) for length in range(1, 7) for bits in itertools.product([False, True], repeat=length)
    ]
    checked = 0
    for row in rows:
        for batch in ([row], [row, np.ones_like(row)], [np.ones_like(row), row]):
            mask = np.array(batch)
            assert strictly_right_padded(mask) == bool(tf_rnn._is_sequence_right_padded(mask)), mask
            checked += 1
    assert checked == 3 * len(rows) == 378
