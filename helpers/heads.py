"""Five ways to read the seed's ``Embedding(5000, 32)`` output: the heads notebook 10 compares on IMDB.

Every model is ``Embedding(vocab_size, embedding_dim)`` -> a head -> ``Dense(1, sigmoid)``, on
reviews padded (in front) to ``sequence_length``:

* ``pool``: ``mask_zero=True``, ``GlobalAveragePooling1D`` (the mask makes it a mean over the
  review's own tokens);
* ``flatten``: ``Flatten``, all ``sequence_length x embedding_dim`` numbers into one ``Dense``
  (what Keras 2's ``input_length`` was for);
* ``conv``: ``Conv1D(100, 5, relu)`` then ``GlobalMaxPooling1D``;
* ``lstm``: the seed answer's ``LSTM(100)`` (``helpers.training.build_seed_model``);
* ``transformer``: token + position embedding (:class:`TokenAndPositionEmbedding`, mask from the
  tokens), one encoder block (:func:`encoder_block`), masked ``GlobalAveragePooling1D``.

Introduced in notebook 10; ``experiments/imdb_heads.py`` trains them.
"""

import functools

from helpers.training import SEED_EMBEDDING_DIM, SEED_VOCAB_SIZE, build_seed_model

HEADS = {
    "pool": "mask_zero=True -> GlobalAveragePooling1D (a mean over the review's own tokens) -> Dense(1)",
    "flatten": "Flatten (every position's 32 numbers side by side) -> Dense(1)",
    "conv": "Conv1D(100 filters, width 5, relu) -> GlobalMaxPooling1D -> Dense(1)",
    "lstm": "LSTM(100) -> Dense(1): the seed answer's model",
    "transformer": "token + position embedding (mask_zero=True) -> one encoder block "
    "(MultiHeadAttention, 2 heads x 16, feed-forward 64) -> masked GlobalAveragePooling1D -> Dense(1)",
}
CONV_FILTERS, CONV_WIDTH = 100, 5
ATTENTION_HEADS, FEED_FORWARD_UNITS = 2, 64


@functools.cache
def token_and_position_embedding_class():
    """:class:`TokenAndPositionEmbedding`, defined once Keras is imported (the module imports without Keras)."""
    import keras

    @keras.saving.register_keras_serializable(package="embedding_series")
    class TokenAndPositionEmbedding(keras.layers.Layer):
        """``token_embedding(x) + position_embedding(0, 1, ..., steps - 1)``; the mask is the tokens' (``x != 0``).

        Attention compares every position with every other and has no notion of order; the second
        table gives each position its own learned vector, added to the token's.
        """

        def __init__(self, vocab_size, max_length, embedding_dim, **kwargs):
            super().__init__(**kwargs)
            self.vocab_size, self.max_length, self.embedding_dim = vocab_size, max_length, embedding_dim
            self.tokens = keras.layers.Embedding(vocab_size, embedding_dim, mask_zero=True, name="token_embedding")
            self.positions = keras.layers.Embedding(max_length, embedding_dim, name="position_embedding")
            self.supports_masking = True

        def build(self, input_shape):
            self.tokens.build(input_shape)
            self.positions.build((None,))

        def call(self, x):
            steps = keras.ops.shape(x)[-1]
            return self.tokens(x) + self.positions(keras.ops.arange(steps))

        def compute_mask(self, x, mask=None):
            return self.tokens.compute_mask(x)

        def compute_output_shape(self, input_shape):
            return (*input_shape, self.embedding_dim)

        def get_config(self):
            return {
                **super().get_config(),
                "vocab_size": self.vocab_size,
                "max_length": self.max_length,
                "embedding_dim": self.embedding_dim,
            }

    return TokenAndPositionEmbedding


def encoder_block(x, embedding_dim: int, heads: int = ATTENTION_HEADS, feed_forward: int = FEED_FORWARD_UNITS):
    """One Transformer encoder block on ``x`` (batch, steps, embedding_dim), post-norm as in Vaswani et al. 2017.

    Self-attention (the padding mask reaches it through ``x``'s mask), a residual connection and
    ``LayerNormalization``; a two-layer feed-forward network, residual, ``LayerNormalization``.
    """
    import keras

    attended = keras.layers.MultiHeadAttention(heads, key_dim=embedding_dim // heads, name="self_attention")(x, x)
    x = keras.layers.LayerNormalization(name="norm_1")(keras.layers.Add(name="residual_1")([x, attended]))
    hidden = keras.layers.Dense(feed_forward, activation="relu", name="feed_forward_1")(x)
    hidden = keras.layers.Dense(embedding_dim, name="feed_forward_2")(hidden)
    return keras.layers.LayerNormalization(name="norm_2")(keras.layers.Add(name="residual_2")([x, hidden]))


def build_head_model(
    head: str,
    vocab_size: int = SEED_VOCAB_SIZE,
    embedding_dim: int = SEED_EMBEDDING_DIM,
    sequence_length: int = 500,
):
    """``Embedding -> head -> Dense(1, sigmoid)``, uncompiled; ``head`` is one of :data:`HEADS`."""
    import keras

    if head not in HEADS:
        raise ValueError(f"unknown head {head!r}: choose one of {', '.join(HEADS)}")
    if head == "lstm":
        return build_seed_model(vocab_size, embedding_dim, name="lstm")
    inputs = keras.Input(shape=(sequence_length,), dtype="int32", name="review")
    if head == "transformer":
        embedded = token_and_position_embedding_class()(vocab_size, sequence_length, embedding_dim, name="embedding")
        x = keras.layers.GlobalAveragePooling1D(name="mean")(encoder_block(embedded(inputs), embedding_dim))
    else:
        x = keras.layers.Embedding(vocab_size, embedding_dim, mask_zero=head == "pool", name="embedding")(inputs)
        if head == "pool":
            x = keras.layers.GlobalAveragePooling1D(name="mean")(x)
        elif head == "flatten":
            x = keras.layers.Flatten(name="flatten")(x)
        else:
            x = keras.layers.Conv1D(CONV_FILTERS, CONV_WIDTH, activation="relu", name="conv")(x)
            x = keras.layers.GlobalMaxPooling1D(name="max")(x)
    outputs = keras.layers.Dense(1, activation="sigmoid", name="dense")(x)
    return keras.Model(inputs, outputs, name=head)
