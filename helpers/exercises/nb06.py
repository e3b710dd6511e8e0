"""Exercises of notebook 06 (training the IMDB LSTM)."""

from helpers.exercises import equals, register
from helpers.imdb_raw import INDEX_FROM

register(
    "06.1",
    equals(4 * (32 * 64 + 64 * 64 + 64)),
    "four gates, each with (embedding_dim x units) input weights, (units x units) recurrent weights and units biases.",
)
register(
    "06.2",
    equals(17 + INDEX_FROM),  # 'movie' has rank 17 in Keras' word index
    "word_index['movie'] is its frequency rank; the sequences add index_from=3 to every rank.",
)
register(
    "06.3",
    equals((64, 200, 32)),
    "(batch size, sequence length, embedding_dim): one vector per token of every review.",
)
