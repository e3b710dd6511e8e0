"""The computation behind the embedding explorer: settings -> a real Keras layer -> every view.

No widgets here. ``compute_views`` tokenizes the sentences with ``helpers.text``
(the legacy ``Tokenizer`` rules), pads them with ``keras.utils.pad_sequences``,
builds a real ``keras.layers.Embedding`` with the settings, calls it, and reads
the weights (``get_weights``), the mask (``compute_mask``) and the parameter count
(``count_params``) from that layer. Nothing is re-implemented.

Settings that cannot work raise ``ExplorerError`` with a one-line message that
says what to change; the widget shows that line instead of a traceback. A setting
of the wrong type is refused when the ``ExplorerSettings`` is made; a padded batch
or an output tensor over ``helpers.validation.MAX_MATRIX_ELEMENTS`` numbers is
refused before it is made (the layer is neither built nor called).

``mask_zero=True`` with a *word* at index 0 cannot happen here: the legacy
``Tokenizer`` rules number words from 1, so index 0 only ever comes from padding
(a test holds ``mask == (batch != 0)``). The one honest edge case is a sentence
with no words: its row is all padding and fully masked, and the views say so.

Introduced in notebook 02 (padding part) and notebook 03 (the full explorer).
"""

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace

import numpy as np

from helpers import text
from helpers.validation import (
    check_array_size,
    check_bool,
    check_choice,
    check_non_negative_int,
    check_positive_int,
)

#: The seed answer's two sentences, one per line, as the explorer's text box holds them.
DEFAULT_SENTENCES = "This is a text\nThis is not a text"
PADDING_CHOICES = ("pre", "post")
#: A truncation note names at most this many characters of lost words, then ends with "…".
MAX_NOTE_WORDS_CHARS = 80
#: A message naming one word shows at most this many of its characters.
MAX_MESSAGE_WORD_CHARS = 30


class ExplorerError(ValueError):
    """Settings the explorer cannot turn into a layer; the message is one line saying what to change.

    Introduced in notebook 02.
    """


@dataclass(frozen=True)
class ExplorerSettings:
    """Everything the explorer's controls set. Defaults reproduce the seed answer.

    ``sentences`` holds one sentence per line; ``input_dim`` is the vocabulary size
    (rows of the weight matrix), ``output_dim`` the embedding dimension.

    Each setting takes only its own kind of value, and anything else raises
    ``ExplorerError`` (one line) when the settings are made: ``sentences`` a string;
    ``input_dim``, ``output_dim`` and ``sequence_length`` whole numbers from 1;
    ``seed`` a whole number from 0; ``padding`` and ``truncating`` ``"pre"`` or
    ``"post"``; ``mask_zero`` ``True`` or ``False`` (not ``"no"``, which Python reads as true).

    Introduced in notebook 02.
    """

    sentences: str = DEFAULT_SENTENCES
    input_dim: int = 10
    output_dim: int = 3
    sequence_length: int = 6
    padding: str = "pre"
    truncating: str = "pre"
    mask_zero: bool = True
    seed: int = 42

    def __post_init__(self):
        for setting in fields(self):
            try:
                check_setting(setting.name, getattr(self, setting.name))
            except (TypeError, ValueError) as error:
                raise ExplorerError(_one_line(error)) from None

    def with_changes(self, **changes) -> "ExplorerSettings":
        """A copy with some settings changed."""
        return replace(self, **changes)


@dataclass(frozen=True)
class PaddingViews:
    """The text side: sentences, word index, token indices and the padded batch.

    Introduced in notebook 02.
    """

    texts: list
    word_index: dict
    sequences: list
    batch: np.ndarray
    notes: tuple = ()


@dataclass(frozen=True)
class ExplorerViews(PaddingViews):
    """Everything the full explorer shows, all read from one real ``keras.layers.Embedding``.

    Introduced in notebook 03.
    """

    weights: np.ndarray = field(default=None)
    output: np.ndarray = field(default=None)
    mask: np.ndarray | None = None
    parameter_count: int = 0
    layer_rebuilt: bool = False

    @property
    def shape(self) -> tuple:
        """The output tensor's shape: (sentences, sequence_length, embedding_dim)."""
        return tuple(self.output.shape)

    @property
    def used_rows(self) -> list[int]:
        """The rows of the weight matrix that this batch looks up, sorted."""
        return sorted({int(i) for i in np.unique(self.batch)})


def _check_text(value, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text, got {type(value).__name__}.")
    return value


#: How each setting of ``ExplorerSettings`` is checked when the settings are made: ``check(value, name)``
#: raises TypeError for the wrong kind of value and ValueError for a value out of its range.
_SETTING_CHECKS = {
    "sentences": _check_text,
    "input_dim": lambda value, name: check_positive_int(value, "input_dim (vocabulary size)"),
    "output_dim": lambda value, name: check_positive_int(value, "output_dim (embedding_dim)"),
    "sequence_length": check_positive_int,
    "padding": lambda value, name: check_choice(value, name, PADDING_CHOICES),
    "truncating": lambda value, name: check_choice(value, name, PADDING_CHOICES),
    "mask_zero": check_bool,
    "seed": check_non_negative_int,
}


def check_setting(name: str, value):
    """Check one setting of ``ExplorerSettings`` on its own; raise TypeError (wrong kind) or ValueError (range).

    Both carry a one-line message; ``ExplorerSettings`` turns them into ``ExplorerError``.

    Introduced in notebook 02.
    """
    return _SETTING_CHECKS[name](value, name)


def split_sentences(sentences: str) -> list[str]:
    """One sentence per non-blank line of the text box.

    Introduced in notebook 02.
    """
    try:
        _check_text(sentences, "sentences")
    except TypeError as error:
        raise ExplorerError(str(error)) from None
    lines = [line.strip() for line in sentences.splitlines()]
    texts = [line for line in lines if line]
    if not texts:
        raise ExplorerError("The text box is empty: type at least one sentence (one per line).")
    return texts


def _one_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def truncation_note(number: int, sequence, sequence_length: int, truncating: str, index_to_word: dict) -> str:
    """One sentence naming the words that ``truncating`` drops from a sequence longer than ``sequence_length``.

    Introduced in notebook 02.
    """
    cut = len(sequence) - sequence_length
    lost = sequence[:cut] if truncating == "pre" else sequence[-cut:]
    words = " ".join(index_to_word.get(index, str(index)) for index in lost)
    if len(words) > MAX_NOTE_WORDS_CHARS:
        words = words[:MAX_NOTE_WORDS_CHARS].rsplit(" ", 1)[0] + " …"
    side = "first" if truncating == "pre" else "last"
    word_s = "word" if cut == 1 else "words"
    return (
        f"Sentence {number} has {len(sequence)} words, more than sequence_length={sequence_length}: "
        f"truncating='{truncating}' drops its {side} {cut} {word_s}, \u201c{words}\u201d."
    )


def compute_padding(settings: ExplorerSettings, check: Callable | None = None) -> PaddingViews:
    """Tokenize and pad the settings' sentences; raise ExplorerError for impossible settings.

    A batch over ``MAX_MATRIX_ELEMENTS`` numbers is refused before it is padded.
    ``check(views)``, when given, sees the result before it is returned and may
    raise ExplorerError (the explorer checks the size of what it will draw).

    Introduced in notebook 02.
    """
    texts = split_sentences(settings.sentences)
    sequence_length = int(settings.sequence_length)  # a whole number from 1: ExplorerSettings checked it
    try:
        check_array_size(
            (len(texts), sequence_length),
            "The padded batch",
            lower="the number of sentences or sequence_length",
            itemsize=8,
            kind="int64",
        )
        word_index = text.build_word_index(texts)
    except (TypeError, ValueError) as error:
        raise ExplorerError(_one_line(error)) from None
    if not word_index:
        raise ExplorerError("No words found (only punctuation?): type at least one word.")
    sequences = text.texts_to_sequences(texts, word_index)
    import keras

    batch = keras.utils.pad_sequences(
        sequences, maxlen=sequence_length, padding=settings.padding, truncating=settings.truncating, value=0
    ).astype("int64")
    index_to_word = {index: word for word, index in word_index.items()}
    notes = []
    for number, sequence in enumerate(sequences, start=1):
        if not sequence:
            notes.append(f"Sentence {number} has no words: its row is all padding.")
        elif len(sequence) > sequence_length:
            notes.append(truncation_note(number, sequence, sequence_length, settings.truncating, index_to_word))
    views = PaddingViews(texts=texts, word_index=word_index, sequences=sequences, batch=batch, notes=tuple(notes))
    if check is not None:
        check(views)
    return views


class LayerCache:
    """Keeps the last real ``Embedding`` layer and rebuilds it only when its own settings change.

    Building a layer (creating and initializing its weight variable) costs far more
    than calling it, so changing the sentences, the sequence length or the padding
    reuses the layer; changing ``input_dim``, ``output_dim``, ``mask_zero`` or the
    seed builds a new one. ``builds`` counts how often that happened.

    Introduced in notebook 03.
    """

    def __init__(self):
        self.key = None
        self.layer = None
        self.builds = 0

    def get(self, input_dim: int, output_dim: int, mask_zero: bool, seed: int):
        """The layer for these settings, and whether it was just built."""
        key = (input_dim, output_dim, bool(mask_zero), seed)
        if key == self.key:
            return self.layer, False
        from helpers.embedding import make_embedding  # a built, seeded keras.layers.Embedding

        layer = make_embedding(input_dim, output_dim, mask_zero=bool(mask_zero), seed=seed)
        self.key, self.layer = key, layer
        self.builds += 1
        return layer, True


def _layer_notes(padded: PaddingViews, mask) -> tuple:
    notes = list(padded.notes)
    if mask is not None and (~mask).all(axis=1).any():
        notes.append("A fully masked row: layers after the embedding see no word at all in it.")
    return tuple(notes)


def planned_views(padded: PaddingViews, input_dim: int, output_dim: int, mask_zero: bool) -> ExplorerViews:
    """What ``compute_views`` will return, without a layer: the real shapes, zeros for every number.

    The weights and the output are read-only zero-size broadcasts (no memory), and the mask is
    where the batch is not padding, as ``compute_mask`` gives it (words are numbered from 1).
    The explorer draws every view from this to check its size before the layer runs.

    Introduced in notebook 03.
    """
    zero = np.float32(0)
    return _views(
        padded,
        (padded.batch != 0) if mask_zero else None,
        weights=np.broadcast_to(zero, (input_dim, output_dim)),
        output=np.broadcast_to(zero, (*padded.batch.shape, output_dim)),
        parameter_count=input_dim * output_dim,
    )


def _views(padded: PaddingViews, mask, **layer_views) -> ExplorerViews:
    """The explorer's views: the padding's, the layer notes for ``mask``, and the layer's own (weights, output...)."""
    return ExplorerViews(
        texts=padded.texts,
        word_index=padded.word_index,
        sequences=padded.sequences,
        batch=padded.batch,
        notes=_layer_notes(padded, mask),
        mask=mask,
        **layer_views,
    )


def compute_views(
    settings: ExplorerSettings, cache: LayerCache | None = None, check: Callable | None = None
) -> ExplorerViews:
    """All views of the explorer for ``settings``, from a real ``keras.layers.Embedding``.

    Raises ``ExplorerError`` (one line) when the settings cannot work: empty text,
    a vocabulary (``input_dim``) too small for the words, or a padded batch, weight
    matrix or output tensor over ``MAX_MATRIX_ELEMENTS`` numbers; all before the
    layer is built or called. ``check(views)``, when given, is called with
    ``planned_views(...)`` just before the layer is asked, and may raise ExplorerError.

    Introduced in notebook 03.
    """
    padded = compute_padding(settings)
    input_dim, output_dim, seed = int(settings.input_dim), int(settings.output_dim), int(settings.seed)
    largest = max(padded.word_index.values())
    if largest >= input_dim:
        word = next(w for w, i in padded.word_index.items() if i == largest)
        if len(word) > MAX_MESSAGE_WORD_CHARS:
            word = word[: MAX_MESSAGE_WORD_CHARS - 1] + "…"
        raise ExplorerError(
            f"input_dim={input_dim} is too small: the word {word!r} has index {largest}, "
            f"so the layer needs at least {largest + 1} rows ({largest} words + row 0 for padding)."
        )
    try:
        check_array_size(
            (*padded.batch.shape, output_dim),
            "The output tensor",
            lower="the number of sentences, sequence_length or embedding_dim",
        )
    except ValueError as error:
        raise ExplorerError(_one_line(error)) from None
    if check is not None:
        check(planned_views(padded, input_dim, output_dim, settings.mask_zero))
    cache = cache if cache is not None else LayerCache()
    try:
        layer, rebuilt = cache.get(input_dim, output_dim, settings.mask_zero, seed)
    except ValueError as error:  # a layer too large to build (helpers.validation.MAX_MATRIX_ELEMENTS)
        raise ExplorerError(_one_line(error)) from None
    import keras

    output = keras.ops.convert_to_numpy(layer(padded.batch))
    mask = layer.compute_mask(padded.batch)
    mask = None if mask is None else keras.ops.convert_to_numpy(mask)
    weights = layer.get_weights()[0]
    return _views(
        padded, mask, weights=weights, output=output, parameter_count=int(layer.count_params()), layer_rebuilt=rebuilt
    )
