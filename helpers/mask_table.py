"""What each layer that may follow an ``Embedding`` does with its padding mask, measured on the installed Keras.

``mask_zero=True`` makes an ``Embedding`` attach a mask to its output, ``True`` at real tokens and ``False``
at padding (notebook 04). Whether the next layer uses that mask, passes it on, or drops it is a property of
the layer and of the Keras version. This module does not type those facts in; it measures them, on the seed's
padded batch ``[0 0 1 2 3 4]``, ``[0 1 2 5 3 4]`` and an ``Embedding(10, 3, mask_zero=True)``, by calling
each layer three times on outputs of the same weights:

- ``masked``: the embedding's output with its mask, as in a model;
- ``unmasked``: the same numbers without a mask (an ``Embedding`` with ``mask_zero=False``);
- ``padding changed``: with the mask, but row 0 of the weights (the padding row, the only row padded
  positions look up) changed.

From these, one :class:`MaskRow` per layer:

- ``supports_masking``: the layer's own attribute. Keras calls ``compute_mask`` and attaches its result to
  the output only when it is ``True``; otherwise it drops the mask, with a warning.
- ``uses_mask``: the output changes when the mask is taken away (the layer computes with it).
- ``output_mask``: the mask the output carries: ``"passed on"`` (the input's mask), ``"none"``,
  ``"all True"`` (padding now counts as real), or the shape of another new one.
- ``warns``: Keras warned that the layer "does not support masking and will therefore destroy the mask".
- ``padding_reaches_output``: changing only the padding row changes what the next layer sees: the output
  at the positions its own mask marks real, or, when it carries no mask, all of it.

A tensor's mask is its ``_keras_mask`` attribute; for a tensor that takes no attributes, Keras keeps the mask in a
table keyed by the tensor instead (``keras.src.backend.common.tensor_attributes``). :func:`keras_mask` reads
either, through Keras' own ``keras.src.backend.get_keras_mask``.

Introduced in notebook 10.
"""

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

#: The seed answer's padded batch (notebook 02): two sentences, pre-padded to 6 tokens.
BATCH = ((0, 0, 1, 2, 3, 4), (0, 1, 2, 5, 3, 4))
#: ``Embedding(VOCAB_SIZE, EMBEDDING_DIM, mask_zero=True)``, as in notebooks 03 and 04.
VOCAB_SIZE = 10
EMBEDDING_DIM = 3
#: Two outputs count as different when they differ by more than this (float32 rounding stays far below).
TOLERANCE = 1e-6
#: The padding row's change in the ``padding changed`` call.
PADDING_SHIFT = 1.0

#: How a layer is called: on the embedding's output; on a list of two embeddings' outputs (merging
#: layers, ``Attention``); on a list whose second input carries no mask (as a position embedding added
#: to the tokens' has none, notebook 10); as self-attention ``layer(x, x)`` (``MultiHeadAttention``); or
#: on the embedding's output with ``training=True`` (as in ``fit``: ``BatchNormalization`` then takes its
#: statistics from the batch, and from its real positions only). Every other call is an inference call.
ONE, LIST, LIST_SECOND_UNMASKED, SELF_ATTENTION, TRAINING = (
    "one",
    "list",
    "list, second unmasked",
    "self-attention",
    "training",
)


@dataclass(frozen=True)
class LayerSpec:
    """A layer to measure: its name in the table, a function that builds a fresh one, and how it is called."""

    name: str
    make: Callable
    call: str = ONE


@dataclass(frozen=True)
class MaskRow:
    """What one layer did with the mask; see the module docstring for each field."""

    layer: str
    output_shape: tuple
    supports_masking: bool
    uses_mask: bool
    output_mask: str
    warns: bool
    padding_reaches_output: bool


def layer_specs() -> list[LayerSpec]:
    """The layers a learner may put right after an ``Embedding(..., mask_zero=True)``, in the table's order.

    Introduced in notebook 10.
    """
    import keras

    layers = keras.layers
    return [
        LayerSpec("Flatten()", layers.Flatten),
        LayerSpec("Dense(4)", lambda: layers.Dense(4)),
        LayerSpec("TimeDistributed(Dense(4))", lambda: layers.TimeDistributed(layers.Dense(4))),
        LayerSpec("Dropout(0.5)", lambda: layers.Dropout(0.5)),
        LayerSpec("SpatialDropout1D(0.5)", lambda: layers.SpatialDropout1D(0.5)),
        LayerSpec("LayerNormalization()", layers.LayerNormalization),
        LayerSpec("BatchNormalization()", layers.BatchNormalization),
        LayerSpec("BatchNormalization(), training=True", layers.BatchNormalization, TRAINING),
        LayerSpec('Activation("relu")', lambda: layers.Activation("relu")),
        LayerSpec("Lambda(lambda x: 2 * x)", lambda: layers.Lambda(lambda x: 2 * x)),
        LayerSpec("Reshape((6, 3, 1))", lambda: layers.Reshape((6, 3, 1))),
        LayerSpec("ZeroPadding1D(1)", lambda: layers.ZeroPadding1D(1)),
        LayerSpec("Conv1D(4, 3)", lambda: layers.Conv1D(4, 3)),
        LayerSpec('Conv1D(4, 3, padding="same")', lambda: layers.Conv1D(4, 3, padding="same")),
        LayerSpec("MaxPooling1D(2)", lambda: layers.MaxPooling1D(2)),
        LayerSpec("AveragePooling1D(2)", lambda: layers.AveragePooling1D(2)),
        LayerSpec("GlobalMaxPooling1D()", layers.GlobalMaxPooling1D),
        LayerSpec("GlobalAveragePooling1D()", layers.GlobalAveragePooling1D),
        LayerSpec("SimpleRNN(4)", lambda: layers.SimpleRNN(4)),
        LayerSpec("LSTM(4)", lambda: layers.LSTM(4)),
        LayerSpec("GRU(4)", lambda: layers.GRU(4)),
        LayerSpec("LSTM(4, return_sequences=True)", lambda: layers.LSTM(4, return_sequences=True)),
        LayerSpec("Bidirectional(LSTM(4))", lambda: layers.Bidirectional(layers.LSTM(4))),
        LayerSpec(
            "MultiHeadAttention(2, 2)", lambda: layers.MultiHeadAttention(num_heads=2, key_dim=2), SELF_ATTENTION
        ),
        LayerSpec("Attention()", layers.Attention, LIST),
        LayerSpec("Add()", layers.Add, LIST),
        LayerSpec("Add(), second input unmasked", layers.Add, LIST_SECOND_UNMASKED),
        LayerSpec("Multiply()", layers.Multiply, LIST),
        LayerSpec("Concatenate()", layers.Concatenate, LIST),
        LayerSpec("Concatenate(), second input unmasked", layers.Concatenate, LIST_SECOND_UNMASKED),
    ]


def keras_mask(tensor):
    """The mask Keras attached to ``tensor`` as a NumPy array, or None; on every backend.

    Introduced in notebook 10.
    """
    import keras
    from keras.src.backend import get_keras_mask

    mask = get_keras_mask(tensor)
    return None if mask is None else keras.ops.convert_to_numpy(mask)


def embeddings(batch=BATCH, seed: int = 0):
    """Three outputs of one ``Embedding(10, 3)`` on ``batch``: ``masked``, ``unmasked``, ``padding changed``.

    Each is computed fresh by its own layer (same weights; the third with row 0 moved by ``PADDING_SHIFT``),
    so no call can take another's mask away (``MultiHeadAttention`` removes the masks of the tensors it is
    given, see notebook 10). Returns ``(outputs, mask)``: a dict of the three tensors and the mask as NumPy.

    Introduced in notebook 10.
    """
    import keras

    batch = np.asarray(batch)
    initializer = keras.initializers.RandomUniform(-0.5, 0.5, seed=seed)
    masked = keras.layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM, mask_zero=True, embeddings_initializer=initializer)
    masked.build((None,))
    weights = masked.get_weights()[0]
    unmasked = keras.layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM, mask_zero=False)
    padding_changed = keras.layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM, mask_zero=True)
    for layer, table in ((unmasked, weights), (padding_changed, weights.copy())):
        layer.build((None,))
        if layer is padding_changed:
            table[0] += PADDING_SHIFT
        layer.set_weights([table])
    outputs = {"masked": masked(batch), "unmasked": unmasked(batch), "padding changed": padding_changed(batch)}
    return outputs, keras.ops.convert_to_numpy(masked.compute_mask(batch))


def _call(layer, spec: LayerSpec, x, second):
    if spec.call in (LIST, LIST_SECOND_UNMASKED):
        return layer([x, second])
    if spec.call == SELF_ATTENTION:
        return layer(x, x)
    if spec.call == TRAINING:
        return layer(x, training=True)
    return layer(x)


def _describe_mask(out_mask, in_mask) -> str:
    if out_mask is None:
        return "none"
    if out_mask.shape == in_mask.shape and np.array_equal(out_mask, in_mask):
        return "passed on"
    if out_mask.all():
        return "all True"  # padding now counts as real
    return f"new, shape {tuple(out_mask.shape)}"


def measure(spec: LayerSpec, batch=BATCH, seed: int = 0) -> MaskRow:
    """One row of the table: build ``spec``'s layer and call it on the three embeddings (module docstring).

    Introduced in notebook 10.
    """
    import keras

    first, in_mask = embeddings(batch, seed)
    second, _ = embeddings(batch, seed + 1)  # the other input of Add, Concatenate and Attention
    if spec.call == LIST_SECOND_UNMASKED:
        second = {kind: second["unmasked"] for kind in second}
    layer = spec.make()
    with warnings.catch_warnings(record=True) as caught:  # recorded here, so none reaches the notebook
        warnings.simplefilter("always")
        masked = _call(layer, spec, first["masked"], second["masked"])
        out_mask = keras_mask(masked)
        warns = any("does not support masking" in str(w.message) for w in caught)
        unmasked = _call(layer, spec, first["unmasked"], second["unmasked"])
        changed = _call(layer, spec, first["padding changed"], second["padding changed"])
    masked, unmasked, changed = (keras.ops.convert_to_numpy(y) for y in (masked, unmasked, changed))
    if out_mask is not None and out_mask.shape == masked.shape[: out_mask.ndim]:
        seen = out_mask  # what the next layer treats as real
    else:
        seen = np.ones(masked.shape[:1], dtype=bool)  # every sample, all of its output
    return MaskRow(
        layer=spec.name,
        output_shape=tuple(int(d) for d in masked.shape),
        supports_masking=bool(layer.supports_masking),
        uses_mask=bool(np.abs(masked - unmasked).max() > TOLERANCE),
        output_mask=_describe_mask(out_mask, in_mask),
        warns=warns,
        padding_reaches_output=bool(np.abs(masked[seen] - changed[seen]).max() > TOLERANCE),
    )


def mask_table(specs=None, batch=BATCH, seed: int = 0) -> list[MaskRow]:
    """:func:`measure` for every layer of ``specs`` (default: :func:`layer_specs`).

    Introduced in notebook 10.
    """
    return [measure(spec, batch, seed) for spec in (layer_specs() if specs is None else specs)]


COLUMNS = (
    ("layer", "layer"),
    ("output_shape", "output shape"),
    ("supports_masking", "supports_masking"),
    ("uses_mask", "uses the mask"),
    ("output_mask", "output mask"),
    ("warns", "warns"),
    ("padding_reaches_output", "padding reaches output"),
)


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def format_table(rows: list[MaskRow]) -> str:
    """The rows as a plain-text table, one layer per line (``supports_masking`` as Keras' True/False).

    Introduced in notebook 10.
    """
    cells = [[title for _, title in COLUMNS]]
    for row in rows:
        cells.append(
            [
                str(getattr(row, field)) if field == "supports_masking" else _cell(getattr(row, field))
                for field, _ in COLUMNS
            ]
        )
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip() for line in cells)
