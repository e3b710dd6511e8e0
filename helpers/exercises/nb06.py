"""Exercises of notebook 06 (training the IMDB LSTM): a count (06.1) and an index (06.2), which accept an
integral float such as ``20.0``, and a shape (06.3: a tuple or list of integers)."""

from helpers.exercises import count, register, shape
from helpers.imdb_raw import INDEX_FROM

register(
    "06.1",
    count(4 * (32 * 64 + 64 * 64 + 64)),
    "four gates, each with (embedding_dim x units) input weights, (units x units) recurrent weights and units biases.",
)
register(
    "06.2",
    count(17 + INDEX_FROM),  # 'movie' has rank 17 in Keras' word index
    "word_index['movie'] is its frequency rank; the sequences add index_from=3 to every rank.",
)
register(
    "06.3",
    shape((64, 200, 32)),
    "(batch size, sequence length, embedding_dim): one vector per token of every review.",
)
