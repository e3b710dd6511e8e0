"""Every exercise's judge is strict: for EVERY registered question, the right answer (in the forms a learner would
reasonably type) is accepted, and the right answer perturbed by type is not: a float with a fractional part, a
string, None or NaN inside, a bool, a wrong length, extra or missing nesting, an object array, a set where order
matters, a dict.

``RIGHT`` holds each question's right answer and its kind; a question registered without an entry here fails
``test_every_question_has_a_right_answer_and_near_misses``, so no new exercise goes without its near misses. The
kinds mirror the policy in ``helpers/exercises/__init__.py``: a ``count`` (how many, or one index or row number)
accepts an integral float such as ``5.0``; an ``integer`` (an ``input_dim``), ``integers`` (sequences, rows,
padded batches) and a ``shape`` take integers only.
"""

import math

import numpy as np
import pytest

from helpers import exercises
from helpers.exercises import nb12

RIGHT = {
    "00.1": ("count", 640_000),
    "00.2": ("shape", (8, 200, 32)),
    "01.1": ("integers", [1, 4, 2, 5, 3]),
    "01.2": ("integer", 8),
    "01.3": ("count", 6),
    "02.1": ("integers", [[4, 5, 6, 7]]),
    "02.2": ("integers", [[1, 2, 0, 0]]),
    "02.3": ("count", 7),
    "03.1": ("shape", (4, 7, 3)),
    "03.2": ("count", 1_280_000),
    "03.3": ("count", 3),
    "04.1": ("bools", [[False, False, True, True]]),
    "04.2": ("integer", 5000),
    "04.3": ("bool", False),
    "05.1": ("integers", [4, 7]),
    "05.2": ("integers", [1, 2]),
    "05.3": ("count", 34),
    "06.1": ("count", 24_832),
    "06.2": ("count", 20),
    "06.3": ("shape", (64, 200, 32)),
    "07.1": ("count", 5000),
    "07.2": ("number", -1.0),
    "07.3": ("shape", (1000, 2)),
    "08.1": ("count", 2_000_000),
    "08.2": ("numbers", [[0.0, 0.0], [0.0, 0.0], [1.0, 2.0], [3.0, 4.0], [0.0, 0.0]]),
    "08.3": ("count", 2),
    "08.4": ("count", 60_501),
    "08.5": ("number", 0.325),
    "09.1": ("rows or None", [3, 9, None]),
    "09.2": ("count", 5),
    "09.3": ("letters", {"a", "b", "e"}),
    "10.1": ("shape", (2, 6, 8)),
    "10.2": ("letters", {"b", "c"}),
    "10.3": ("numbers", [0.5, -0.4]),
    "10.4": ("numbers", [0.7, 0.82]),
    "11.1": ("count", 200),
    "11.2": ("shape", (8, 20, 12, 16)),
    "11.3": ("count", 25_000),
    "11.4": ("integers", [2, 0]),
    "12.1": ("count", 180_000_000),
    "12.2": ("integers", nb12.sizes_where_frozen_glove_is_worse()),  # judged against data/imdb_size.json
    "12.3": ("number", 0.865),
    "12.4": ("count", nb12.largest_dimension_within()),  # judged against the dimension sweep and its benchmark
}

#: Wrong in any question: not an answer of any kind.
NOT_ANSWERS = [("None", None), ("a dict", {"answer": 1}), ("an empty list", []), ("a word", "answer")]


def _map_leaves(value, change):
    if isinstance(value, (list, tuple)):
        return type(value)(_map_leaves(v, change) for v in value)
    return change(value)


def _first_leaf_replaced(value, replacement):
    """``value`` with its first (innermost, leftmost) leaf replaced by ``replacement``."""
    if isinstance(value, (list, tuple)):
        return type(value)([_first_leaf_replaced(value[0], replacement), *value[1:]])
    return replacement


def _innermost(value, change):
    """``value`` with ``change`` applied to its first innermost list (for dropping or adding an element)."""
    if isinstance(value[0], (list, tuple)):
        return type(value)([_innermost(value[0], change), *value[1:]])
    return change(value)


def _leaves(value):
    return [leaf for v in value for leaf in _leaves(v)] if isinstance(value, (list, tuple)) else [value]


def _as_bools(value):
    """``value`` with its 0s and 1s as bools (the first leaf made True if it has neither): what NumPy would take
    as the same integers."""
    if any(leaf in (0, 1) for leaf in _leaves(value)):
        return _map_leaves(value, lambda leaf: bool(leaf) if leaf in (0, 1) else leaf)
    return _first_leaf_replaced(value, True)


def _array_near_misses(right, element):
    """Near misses of a (nested) list of numbers or bools; ``element`` is one wrong leaf of the wrong type."""
    first = _leaves(right)[0]
    misses = [
        ("None inside", _first_leaf_replaced(right, None)),
        ("a string inside", _first_leaf_replaced(right, str(first))),
        ("NaN inside", _first_leaf_replaced(right, math.nan)),
        ("a wrong-typed element", _first_leaf_replaced(right, element)),
        ("one element short", _innermost(right, lambda row: row[:-1])),
        ("one element too many", _innermost(right, lambda row: [*row, row[-1]])),
        ("extra nesting", [right]),
        ("extra nesting as an array", np.asarray([right])),
        ("an object array", np.asarray(right, dtype=object)),
        ("an object array with None", np.asarray(_first_leaf_replaced(right, None), dtype=object)),
        ("the whole answer as a string", str(right)),
        ("one element repeated to every position", np.full(np.shape(right), first)),
    ]
    if isinstance(right[0], (list, tuple)):
        misses.append(("the nesting lost", [leaf for leaf in _leaves(right)]))
    else:
        misses.append(("the first element alone", right[0]))
        if len(set(right)) == len(right) and not isinstance(first, bool):
            misses.append(("a set, order lost", set(right)))
    return [(label, miss) for label, miss in misses if not _same(miss, right)]


def _same(a, b) -> bool:
    """Whether near miss ``a`` happens to be the right answer ``b`` itself (e.g. a repeated element)."""
    try:
        return type(a) is type(b) and a == b
    except (TypeError, ValueError):
        return False


def _whole_number_near_misses(right):
    return [
        ("a float with a fractional part", right + 0.5),
        ("a float a little below", right - 0.3),
        ("NaN", math.nan),
        ("a string", str(right)),
        ("a string with spaces", f" {right} "),
        ("a NumPy string", np.str_(str(right))),
        ("True", True),
        ("False", False),
        ("a complex number", complex(right)),
        ("a one-element list", [right]),
        ("a one-element tuple", (right,)),
        ("a one-element array", np.array([right])),
        ("a nested list", [[right]]),
        ("a 0-d object array", np.array(right, dtype=object)),
        ("a set", {right}),
        ("one more", right + 1),
    ]


def near_misses(kind: str, right):
    """What a loose judge would take for ``right``: the right answer perturbed by type (and a few by value)."""
    if kind in ("count", "integer"):
        misses = _whole_number_near_misses(right)
        if kind == "integer":
            misses += [("an integral float", float(right)), ("a NumPy integral float", np.float64(right))]
        return misses
    if kind == "integers":
        return [
            ("a float with a fractional part inside", _first_leaf_replaced(right, _leaves(right)[0] + 0.7)),
            ("integral floats", _map_leaves(right, float)),
            ("an integral float array", np.asarray(right, dtype=float)),
            ("bools for 0 and 1", _as_bools(right)),
            ("a bool array", np.asarray(right) != 0),
            *_array_near_misses(right, 1.5),
        ]
    if kind == "shape":
        return [
            ("a float with a fractional part inside", (right[0] + 0.5, *right[1:])),
            ("integral floats", tuple(float(d) for d in right)),
            ("a bool inside", (True, *right[1:])),
            ("a string inside", (str(right[0]), *right[1:])),
            ("None inside", (None, *right[1:])),
            ("NaN inside", (math.nan, *right[1:])),
            ("an axis dropped", right[:-1]),
            ("an axis added", (*right, 1)),
            ("the axes swapped", (right[-1], *right[1:-1], right[0])),
            ("extra nesting", (right,)),
            ("an array", np.array(right)),
            ("a set, order lost", set(right)),
            ("a string", str(right)),
            ("a dict", dict(enumerate(right))),
            ("a 1-D object array", np.array(right, dtype=object)),
        ]
    if kind == "bool":
        return [
            ("0", int(right)),
            ("0.0", float(right)),
            ("1", int(not right)),
            ("the other bool", not right),
            ("a string", str(right)),
            ("a lower-case string", str(right).lower()),
            ("a one-element list", [right]),
            ("a one-element array", np.array([right])),
            ("a 0-d integer array", np.array(int(right))),
            ("a 0-d object array", np.array(right, dtype=object)),
        ]
    if kind == "bools":
        return [
            ("0 and 1 for False and True", _map_leaves(right, int)),
            ("0.0 and 1.0", np.asarray(right, dtype=float)),
            ("an integer array", np.asarray(right, dtype=int)),
            ("the string 'True' inside", _map_leaves(right, str)),
            ("the other bool first", _first_leaf_replaced(right, not _leaves(right)[0])),
            *_array_near_misses(right, 0),
        ]
    if kind == "number":
        return [
            ("off by a half", right + 0.5),
            ("off by 0.01", right + 0.01),
            ("NaN", math.nan),
            ("infinity", math.inf),
            ("a string", str(right)),
            ("a NumPy string", np.str_(str(right))),
            ("True", True),
            ("False", False),
            ("a complex number", complex(right)),
            ("a one-element list", [right]),
            ("a one-element array", np.array([right])),
            ("a nested list", [[right]]),
            ("a 0-d object array", np.array(right, dtype=object)),
            ("a set", {right}),
        ]
    if kind == "numbers":
        return [
            ("a value off by a half", _first_leaf_replaced(right, _leaves(right)[0] + 0.5)),
            ("bools for 0 and 1", _as_bools(right)),
            ("infinity inside", _first_leaf_replaced(right, math.inf)),
            *_array_near_misses(right, True),
        ]
    if kind == "letters":
        letters = "".join(sorted(right))
        other = next(c for c in "abcdefgh" if c not in right)
        return [
            ("a letter twice", letters + letters[0]),
            ("a letter twice in a list", [*letters, letters[0]]),
            ("a letter too many", letters + other),
            ("a letter missing", letters[:-1]),
            ("a letter missing from a set", set(letters[:-1])),
            ("None inside", [*letters[:-1], None]),
            ("a number inside", [*letters, 1]),
            ("extra nesting", [list(letters)]),
            ("all letters in one string in a list", [letters]),
            ("an empty string inside", [*letters, ""]),
            ("a dict with extra keys", {**dict.fromkeys(letters, True), other: False}),
            ("a dict of the letters", dict.fromkeys(letters, True)),
            ("the letters' positions", [ord(c) - ord("a") for c in letters]),
            ("an array of the letters", np.array(list(letters))),
            ("the letters as other text", f"{letters} and {other}"),
            ("an empty string", ""),
        ]
    if kind == "rows or None":
        return [
            ("floats with fractional parts (issue 20)", [3.7, 9.2, None]),
            ("integral floats", [3.0, 9.0, None]),
            ("strings", ["3", "9", None]),
            ("NaN for None", [3, 9, math.nan]),
            ("False for None", [3, 9, False]),
            ("0 for None", [3, 9, 0]),
            ("a bool for a row", [True, 9, None]),
            ("one row short", [3, 9]),
            ("one entry too many", [3, 9, None, None]),
            ("extra nesting", [[3, 9, None]]),
            ("an object array", np.array([3, 9, None], dtype=object)),
            ("a set, order lost", {3, 9, None}),
            ("the rows swapped", [9, 3, None]),
            ("a string", "[3, 9, None]"),
            ("the string None", [3, 9, "None"]),
        ]
    raise AssertionError(f"no near misses for answers of kind {kind!r}; add them here.")


def other_right_forms(kind: str, right):
    """The right answer in the other forms a learner would reasonably type (NumPy numbers, arrays, tuples)."""
    if kind in ("count", "integer"):
        forms = [np.int64(right), np.int32(right), np.array(right)]
        return forms + ([float(right), np.float64(right)] if kind == "count" else [])
    if kind == "integers":
        return [np.array(right), np.array(right, dtype="int32"), _map_leaves(right, np.int64), _to_tuples(right)]
    if kind == "shape":
        return [list(right), tuple(np.int64(d) for d in right)]
    if kind == "bool":
        return [np.bool_(right), np.array(right)]
    if kind == "bools":
        return [np.array(right), _to_tuples(right), _map_leaves(right, np.bool_)]
    if kind == "number":
        return [np.float32(right), np.float64(right), np.array(right)]
    if kind == "numbers":
        return [np.array(right), np.array(right, dtype="float32"), _to_tuples(right), _map_leaves(right, np.float64)]
    if kind == "letters":
        letters = "".join(sorted(right))
        return [letters, letters.upper(), ", ".join(letters), f" {' '.join(reversed(letters))} ", list(letters),
                tuple(reversed(letters.upper())), frozenset(letters), [f" {c} " for c in letters]]  # fmt: skip
    if kind == "rows or None":
        return [tuple(right), [None if r is None else np.int64(r) for r in right]]
    raise AssertionError(f"no other right forms for answers of kind {kind!r}; add them here.")


def _to_tuples(value):
    return tuple(_to_tuples(v) for v in value) if isinstance(value, (list, tuple)) else value


def test_every_question_has_a_right_answer_and_near_misses():
    assert set(RIGHT) == set(exercises.QUESTIONS), "add each new question to RIGHT, with its kind"
    for question, (kind, right) in RIGHT.items():
        assert len(near_misses(kind, right)) >= 10, question


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_the_right_answer_is_accepted_in_every_reasonable_form(question):
    kind, right = RIGHT[question]
    assert exercises.is_correct(question, right) is True
    for form in other_right_forms(kind, right):
        assert exercises.is_correct(question, form) is True, (question, form)


def _cases():
    for question, (kind, right) in sorted(RIGHT.items()):
        for label, miss in [*near_misses(kind, right), *NOT_ANSWERS]:
            yield pytest.param(question, miss, id=f"{question}-{label}")


@pytest.mark.parametrize("question, near_miss", list(_cases()))
def test_every_near_miss_is_rejected(question, near_miss):
    assert exercises.is_correct(question, near_miss) is False


@pytest.mark.parametrize(
    "judge, answer",
    [
        (exercises.equals(3), np.asarray([3.7])),  # broadcasts, and is not 3
        (exercises.equals(3), 3.0),
        (exercises.equals(3), np.asarray(3.7)),
        (exercises.equals([3]), [3.7]),
        (exercises.equals([1, 2]), [True, 2]),
        (exercises.equals([1, 2]), np.array([1, None], dtype=object)),
        (exercises.equals([1, 2]), np.array([1, 2], dtype=object)),
        (exercises.equals([1, 2]), ["1", "2"]),
        (exercises.equals([1, 2]), [[1, 2]]),
        (exercises.equals([[1, 2]]), [1, 2]),
        (exercises.equals(True), 1),
        (exercises.equals(1), True),
        (exercises.equals(0.5), "0.5"),
        (exercises.equals(0.5), math.nan),
        (exercises.equals("film"), "Film"),
        (exercises.equals("film"), ["film"]),
    ],
)
def test_equals_is_strict_about_the_kind_of_element(judge, answer):
    assert judge(answer) is False


@pytest.mark.parametrize(
    "judge, answer",
    [
        (exercises.equals(3), np.int64(3)),
        (exercises.equals([1, 2]), np.array([1, 2], dtype="uint8")),
        (exercises.equals([1, 2]), (1, 2)),
        (exercises.equals(0.5), 0.5),
        (exercises.equals(2.0), 2),
        (exercises.equals([True, False]), np.array([True, False])),
        (exercises.equals("film"), "film"),
    ],
)
def test_equals_still_accepts_equal_answers(judge, answer):
    assert judge(answer) is True
