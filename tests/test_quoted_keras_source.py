"""Notebooks 01, 03, 04, 05, 09, 11 and 12 quote Keras source (09 also TensorFlow's `tf.gather` docstring); the quotes
must still be in the installed Keras (and TensorFlow), word for word.

Where the source differs between the Keras versions the package admits (Keras 3.13.2, Colab's, against 3.15.1,
the pin), `VERSIONED_LINES` holds each version's lines, and `test_each_keras_versions_lines` checks them in every
Keras source tree it finds: the installed one, `.venv-colab`'s (built by the Colab-like check) and any folder named
in `KERAS_SOURCE_DIRS`. The notebooks assert the same per version in their cells, and the Colab-like check runs them
under Keras 3.13.2, so both versions are held even where only one is installed. `keras_tree_of_version` gives a test
a Keras package of an exact version to run (tests/test_cudnn_rule_matches_keras.py runs notebook 04's forced PyTorch
path under Keras 3.13.2 with it): one of these trees, or else that version's wheel, downloaded with pip."""

import inspect
import json
import os
import re
import subprocess
import sys
import zipfile
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
        ("04_masking.ipynb", "keras.src.backend.torch.rnn", 'device.type == "cuda"'),
        (
            "05_how_the_vectors_learn.ipynb",
            "keras.src.optimizers.adam",
            "self.assign_add(m, ops.multiply(ops.subtract(gradient, m), 1 - self.beta_1))",
        ),
        # notebook 12: what a step does with a large table (the same in Keras 3.13.2 and 3.15.1)
        (
            "12_how_big.ipynb",
            "keras.src.optimizers.sgd",
            "self.assign_sub(variable, ops.multiply(gradient, learning_rate))",
        ),
        (
            "12_how_big.ipynb",
            "keras.src.backend.tensorflow.optimizer",
            "if isinstance(value, tf.IndexedSlices):\n            variable.scatter_sub(value)",
        ),
        (
            "12_how_big.ipynb",
            "keras.src.optimizers.adam",
            "self.assign_add(m, ops.multiply(ops.subtract(gradient, m), 1 - self.beta_1))",
        ),
        ("12_how_big.ipynb", "keras.src.trainers.trainer", "Disable XLA on CPU-only machines."),
        ("12_how_big.ipynb", "keras.src.backend.torch.optimizers.torch_optimizer", "optimizers.Adam: torch_adam.Adam"),
        (
            "12_how_big.ipynb",
            "keras.src.backend.torch.optimizers.torch_adam",
            "torch._foreach_mul_(m_list, self.beta_1)",
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
        ("04_masking.ipynb", "keras.src.layers.rnn.lstm", "3. `recurrent_dropout` == 0"),
        (
            "04_masking.ipynb",
            "keras.src.layers.rnn.lstm",
            """        if self.use_cudnn in ("auto", True):
            if not self.recurrent_dropout:""",
        ),
        (
            "04_masking.ipynb",
            RNN,
            """    except tf.errors.InvalidArgumentError:
        # cuDNN op not found.
        raise NotImplementedError""",
        ),
        (
            NB09,
            "keras.src.trainers.trainer",
            """            devices = tf.config.list_physical_devices()
            if not list(filter(lambda x: x.device_type != "CPU", devices)):
                # Disable XLA on CPU-only machines.
                return False""",
        ),
        (NB09, "keras.src.trainers.trainer", "all(x.supports_jit for x in model._flatten_layers())"),
        (
            NB09,
            "keras.src.layers.rnn.lstm",
            """            and use_cudnn in (True, "auto")
        ):
            self.supports_jit = False""",
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


def test_notebook_04s_numpy_rule_is_tensorflows_whole_mask_check():
    """Notebook 04 writes TensorFlow's check before cuDNN (``_assert_valid_mask``: right-padded and no row fully
    masked) in NumPy; the two agree on every mask of up to 6 positions, alone and beside a full or an empty row."""
    import itertools

    import numpy as np

    pytest.importorskip("tensorflow")
    tf_rnn = __import__(RNN, fromlist=["_is_sequence_right_padded", "_has_fully_masked_sequence"])
    cells = json.loads((ROOT / "notebooks" / "04_masking.ipynb").read_text(encoding="utf-8"))["cells"]
    shown = next("".join(c["source"]) for c in cells if "".join(c["source"]).startswith("def cudnn_mask_ok"))
    namespace = {"np": np}
    exec(shown, namespace)
    cudnn_mask_ok = namespace["cudnn_mask_ok"]
    rows = [
        np.array(bits, dtype=bool) for length in range(1, 7) for bits in itertools.product([False, True], repeat=length)
    ]
    checked = 0
    for row in rows:
        for batch in ([row], [row, np.ones_like(row)], [np.ones_like(row), row], [row, np.zeros_like(row)]):
            mask = np.array(batch)
            tensorflow_says = bool(tf_rnn._is_sequence_right_padded(mask)) and not bool(
                tf_rnn._has_fully_masked_sequence(mask)
            )
            assert cudnn_mask_ok(mask) == tensorflow_says, mask
            checked += 1
    assert checked == 4 * len(rows) == 504


def test_embedding_warns_about_input_length_and_other_layers_refuse_it():
    """Notebook 03: from Keras 3.2.0 the Embedding pops `input_length` and warns; any other layer's constructor still
    raises for an argument it does not know (the check that Keras 3.0 and 3.1 applied to the Embedding too)."""
    embedding = keras_source("keras.src.layers.core.embedding")
    assert 'input_length = kwargs.pop("input_length", None)' in embedding
    assert '"Argument `input_length` is deprecated. Just remove it."' in embedding
    layer = squash(keras_source("keras.src.layers.layer"))
    assert (
        squash("""raise ValueError(
                "Unrecognized keyword arguments "
                f"passed to {self.__class__.__name__}: {kwargs}"
            )""")
        in layer
    )


# Lines that differ between the admitted Keras versions: (the first version with them, module, lines). A source tree
# of Keras X.Y must hold every entry whose range contains X.Y. Notebook 04 (its cell after "the cuDNN rule, backend
# by backend") and notebook 09 assert the same per version; tests read the files, so JAX and PyTorch need not be
# installed.
#: Keras 3.14.0 to 3.15.1: any mask sends JAX's and PyTorch's LSTM to the generic loop.
MASK_MEANS_GENERIC_LOOP = [
    (
        "keras.src.backend.jax.rnn",
        "    # Masking is not supported by the cuDNN path; fall back to the\n"
        "    # generic RNN loop which handles masking correctly.\n"
        "    if mask is not None:\n        raise NotImplementedError",
    ),
    (
        "keras.src.backend.torch.rnn",
        "    # Masking is not supported by either the cuDNN or fallback path;\n"
        "    # fall back to the generic RNN loop before doing any work.\n"
        "    if mask is not None:\n        raise NotImplementedError",
    ),
    ("keras.src.backend.torch.rnn", "    return _fallback_lstm(\n"),
]
VERSIONED_LINES = {
    (3, 13): [  # Keras 3.13.2: JAX never takes cuDNN; PyTorch packs a right-padded mask for cuDNN, no _fallback_lstm
        ("keras.src.backend.jax.rnn", "def cudnn_ok(*args, **kwargs):\n    return False"),
        ("keras.src.backend.jax.rnn", "def lstm(*args, **kwargs):\n    raise NotImplementedError"),
        ("keras.src.backend.torch.rnn", "packed_inputs = torch.nn.utils.rnn.pack_padded_sequence("),
        ("keras.src.backend.torch.rnn", "    if mask is not None:\n        _assert_valid_mask(mask)"),
        # notebook 04's forced PyTorch path: the weights go through NumPy, any error falls back, outputs are detached
        ("keras.src.backend.torch.rnn", "    weight_ih_data = np.concatenate([i_k, f_k, c_k, o_k], axis=1).T"),
        ("keras.src.backend.torch.rnn", "    except Exception:\n        raise NotImplementedError"),
        ("keras.src.backend.torch.rnn", "    outputs = outputs.detach().clone().cpu()"),
    ],
    (3, 14): MASK_MEANS_GENERIC_LOOP,  # Keras 3.14.0: PyTorch's lstm() asks cudnn_ok, whatever the inputs' device
    (3, 15): [  # Keras 3.15.1: as 3.14.0, and PyTorch's cuDNN path needs the inputs on a CUDA device
        *MASK_MEANS_GENERIC_LOOP,
        ("keras.src.backend.torch.rnn", '    cudnn_supported = (\n        device.type == "cuda"'),
    ],
}
#: Lines every admitted version has (TensorFlow's cuDNN decision, XLA's auto rule): checked in every tree too.
COMMON_LINES = [
    (
        RNN,
        "    except tf.errors.InvalidArgumentError:\n        # cuDNN op not found.\n        raise NotImplementedError",
    ),
    (RNN, 'def _is_gpu_available():\n    return bool(tf.config.list_logical_devices("GPU"))'),
    (
        "keras.src.layers.rnn.lstm",
        '        if self.use_cudnn in ("auto", True):\n            if not self.recurrent_dropout:',
    ),
    ("keras.src.trainers.trainer", "                # Disable XLA on CPU-only machines.\n                return False"),
    ("keras.src.optimizers.sgd", "            self.assign_sub(variable, ops.multiply(gradient, learning_rate))"),
    (
        "keras.src.backend.tensorflow.optimizer",
        "        if isinstance(value, tf.IndexedSlices):\n            variable.scatter_sub(value)",
    ),
    ("keras.src.backend.torch.optimizers.torch_optimizer", "            optimizers.Adam: torch_adam.Adam,"),
    ("keras.src.backend.torch.optimizers.torch_adam", "        torch._foreach_mul_(m_list, self.beta_1)"),
    ("keras.src.trainers.trainer", "            if is_op_determinism_enabled():"),
    ("keras.src.trainers.trainer", '# jit_compile = "auto" with the pytorch backend defaults to eager'),
    ("keras.src.layers.core.embedding", 'input_length = kwargs.pop("input_length", None)'),
    # notebook 11: a float index is cast to int32 (its fraction dropped), in both versions
    (
        "keras.src.layers.core.embedding",
        '        if inputs.dtype != "int32" and inputs.dtype != "int64":\n'
        '            inputs = ops.cast(inputs, "int32")',
    ),
    # notebook 11: IntegerLookup is applied to the data, outside the model, as Keras' own note recommends
    (
        "keras.src.layers.preprocessing.integer_lookup",
        "    **Note:** This layer uses TensorFlow internally. It cannot\n"
        "    be used as part of the compiled computation graph of a model with\n"
        "    any backend other than TensorFlow.",
    ),
    # notebook 01's tie rule and notebook 05's Adam step, named for both versions there
    ("keras.src.layers.preprocessing.index_lookup", "np.lexsort((tokens.numpy(), counts.numpy()))[::-1]"),
    (
        "keras.src.layers.preprocessing.index_lookup",
        "# To keep vocabs deterministic, we sort our tokens by count and break",
    ),
    (
        "keras.src.optimizers.adam",
        "        self.assign_add(\n            m, ops.multiply(ops.subtract(gradient, m), 1 - self.beta_1)\n        )",
    ),
    (
        "keras.src.optimizers.adam",
        "            ops.divide(\n"
        "                ops.multiply(m, alpha), ops.add(ops.sqrt(v), self.epsilon)\n"
        "            ),",
    ),
    ("keras.src.layers.rnn.lstm", "    3. `recurrent_dropout` == 0"),
    ("keras.src.layers.rnn.lstm", "    6. Inputs, if use masking, are strictly right-padded."),
    (
        "keras.src.layers.rnn.lstm",
        '            and use_cudnn in (True, "auto")\n        ):\n            self.supports_jit = False',
    ),
    (
        RNN,
        "        _assert_valid_mask(mask)\n"
        "        sequence_lengths = _compute_sequence_length_from_mask(mask, time_major)",
    ),
    (
        "keras.src.layers.preprocessing.text_vectorization",
        "It can however be used with any backend when running eagerly.",
    ),
]
#: Lines no version in a range may have: (range start, module, text).
ABSENT_LINES = {(3, 13): [("keras.src.backend.torch.rnn", "_fallback_lstm")]}


def keras_source_trees() -> list[Path]:
    """Every Keras package folder this test can read: the installed one, .venv-colab's, and KERAS_SOURCE_DIRS."""
    import keras

    trees = [Path(keras.__file__).parent]
    trees += sorted((ROOT / ".venv-colab").glob("lib/python3*/site-packages/keras"))
    trees += [Path(p) for p in os.environ.get("KERAS_SOURCE_DIRS", "").split(os.pathsep) if p]
    return [
        tree for i, tree in enumerate(trees) if tree.is_dir() and tree.resolve() not in [t.resolve() for t in trees[:i]]
    ]


def tree_version(tree: Path) -> tuple[int, int]:
    major, minor = tree_full_version(tree).split(".")[:2]
    return int(major), int(minor)


def tree_full_version(tree: Path) -> str:
    text = (tree / "src" / "version.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def keras_tree_of_version(version: str, download_folder: Path) -> Path:
    """A Keras package folder of exactly ``version``: one that `keras_source_trees` finds, or else the wheel from
    the package index (``pip download keras==version --no-deps``), unpacked into ``download_folder``. Skips the
    calling test, saying why, when neither is possible (no such tree here and no package index reachable)."""
    for tree in keras_source_trees():
        if tree_full_version(tree) == version:
            return tree
    wheels = download_folder / "wheels"
    command = [sys.executable, "-m", "pip", "download", f"keras=={version}", "--no-deps", "--only-binary=:all:"]
    try:
        done = subprocess.run([*command, "--quiet", "-d", str(wheels)], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        pytest.skip(f"no Keras {version} here, and `pip download keras=={version}` did not finish in 300 s")
    wheel = next(iter(sorted(wheels.glob(f"keras-{version}-*.whl"))), None)
    if done.returncode or wheel is None:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        pytest.skip(f"no Keras {version} here, and `pip download keras=={version}` failed: {last}")
    site = download_folder / f"keras-{version}"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    tree = site / "keras"
    assert tree_full_version(tree) == version, f"{wheel.name} unpacked as Keras {tree_full_version(tree)}"
    return tree


def tree_file(tree: Path, module: str) -> str:
    return tree.joinpath(*module.split(".")[1:]).with_suffix(".py").read_text(encoding="utf-8")


def branch_of(version: tuple[int, int], branches) -> tuple[int, int]:
    """The newest branch start at or below ``version`` (a version older than every branch is not admitted)."""
    starts = [start for start in sorted(branches) if start <= version]
    assert starts, f"Keras {version} is older than every version the package admits"
    return starts[-1]


@pytest.mark.parametrize("tree", keras_source_trees(), ids=lambda tree: ".".join(map(str, tree_version(tree))))
def test_each_keras_versions_lines(tree):
    version = tree_version(tree)
    for module, lines in VERSIONED_LINES[branch_of(version, VERSIONED_LINES)] + COMMON_LINES:
        assert lines in tree_file(tree, module), f"Keras {version} ({tree}): {module} lacks {lines!r}"
    for start, absent in ABSENT_LINES.items():
        if branch_of(version, VERSIONED_LINES) == start:
            for module, text in absent:
                assert text not in tree_file(tree, module), f"Keras {version}: {module} has {text!r}"


def test_the_installed_keras_is_one_whose_lines_are_listed():
    import keras

    assert branch_of(tree_version(Path(keras.__file__).parent), VERSIONED_LINES) in VERSIONED_LINES
