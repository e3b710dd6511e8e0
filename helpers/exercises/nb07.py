"""Exercises of notebook 07 (inside the learned embedding): a count (07.1, an integral float accepted), one
number (07.2: a number, not the one-element array ``cosine_similarities`` returns, not the string ``"-1"``) and a
shape (07.3: a tuple or list of integers)."""

from helpers.exercises import close_to, count, register, shape

register("07.1", count(5000), "one line per row of W: vocab_size rows, with nothing left out.")
register(
    "07.2",
    close_to(-1.0, atol=1e-5),
    "-2 * v points exactly the other way; cosine similarity ignores length. Give one number: "
    "cosine_similarities returns an array, so take its element, e.g. float(similarities[0]).",
)
register("07.3", shape((1000, 2)), "one row per word (4 to 1003 is 1,000 words), two coordinates each.")
