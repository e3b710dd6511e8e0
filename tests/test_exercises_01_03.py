"""Each exercise of notebooks 01-03 accepts the right answer and rejects a wrong one."""

import numpy as np
import pytest

from helpers import exercises

RIGHT_AND_WRONG = {
    "01.1": ([1, 4, 2, 5, 3], [1, 4, 2, 5, 0, 3]),
    "01.2": (8, 7),
    "01.3": (6, 5),
    "02.1": ([[4, 5, 6, 7]], [[1, 2, 3, 4]]),
    "02.2": ([[1, 2, 0, 0]], [[0, 0, 1, 2]]),
    "02.3": (7, 3),
    "03.1": ((4, 7, 3), (4, 7, 10)),
    "03.2": (1_280_000, 20_064),
    "03.3": (3, 5),
}


@pytest.mark.parametrize("question_id", sorted(RIGHT_AND_WRONG))
def test_right_answer_is_accepted_and_wrong_one_rejected(question_id, capsys):
    right, wrong = RIGHT_AND_WRONG[question_id]
    assert exercises.is_correct(question_id, right) is True
    assert exercises.check(question_id, right) is None  # prints, shows no Out: line
    assert f"Exercise {question_id}: correct." in capsys.readouterr().out
    assert exercises.is_correct(question_id, wrong) is False
    assert exercises.check(question_id, wrong) is None
    assert f"Exercise {question_id}: not yet. Hint:" in capsys.readouterr().out


@pytest.mark.parametrize("question_id", sorted(RIGHT_AND_WRONG))
def test_unanswered_exercise_prints_the_replace_line(question_id, capsys):
    assert exercises.check(question_id, ...) is None
    assert exercises.is_correct(question_id, ...) is False
    assert (
        capsys.readouterr().out == f"Exercise {question_id}: replace ... with your answer, then run the cell again.\n"
    )


def test_answers_computed_the_notebook_way_are_accepted(capsys):
    import keras

    from helpers import embedding, text

    word_index = text.build_word_index(["This is a text", "This is not a text"])
    assert exercises.is_correct("01.1", text.texts_to_sequences(["This text is not a test"], word_index)[0])
    assert exercises.is_correct("01.2", len(text.build_word_index(["one two three four five six seven"])) + 1)
    assert exercises.is_correct("02.1", keras.utils.pad_sequences([[1, 2, 3, 4, 5, 6, 7]], 4))
    assert exercises.is_correct("02.2", keras.utils.pad_sequences([[1, 2]], 4, padding="post"))
    padded = keras.utils.pad_sequences(text.texts_to_sequences(["This is a text", "This is not a text"], word_index), 6)
    assert exercises.is_correct("02.3", int((keras.utils.pad_sequences([[1, 2, 3, 4], [1, 2, 5, 3, 4]], 8) == 0).sum()))
    assert exercises.is_correct("03.1", embedding.make_embedding(10, 3)(np.zeros((4, 7), dtype="int32")).shape)
    assert exercises.is_correct("03.2", embedding.parameter_count(20_000, 64))
    assert exercises.is_correct("03.3", int(padded[1, 4]))
