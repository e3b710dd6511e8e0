"""Check functions for the exercises that close every notebook.

Each notebook ends with a few exercises. The learner writes an answer and calls
``helpers.exercises.check(question_id, answer)``; it prints whether the answer
is right and, if not, a hint, and returns nothing (so the cell shows no ``Out:``).
``is_correct`` returns the verdict instead, for tests.

Each notebook's questions live in their own module, ``nb01.py``, ``nb02.py``, ...,
which call ``register``; all of them are loaded when this package is imported.

The judges are strict: each accepts only an answer of the kind its question asks for, built from the shared
judges below, and turns away the near misses that look right when compared loosely:

- a number is a Python or NumPy number (or a 0-d array or tensor), never a string (``"5000"``), ``None``, a
  bool (``True`` is not 1), a complex number, NaN or a one-element list or array (``[5000]``);
- integral floats: ``count`` (a question that asks *how many*, or for one index or row number) accepts
  ``5.0`` for 5, since ``/`` and NumPy's float arithmetic give such numbers; ``equals`` with an integer,
  ``integer_array`` and ``shape`` (an ``input_dim``, a token sequence, a list of rows, a padded batch, a shape:
  things Keras and NumPy keep as integers) accept integers only. A float with a fractional part (``3.7``) is
  never a whole number;
- an array answer (a list, a tuple, a NumPy array or a tensor, nested as asked) has exactly the expected shape
  (no broadcasting, no missing or extra element or axis), one kind of element (no ``None``, no strings, no
  object arrays, no bools among numbers) and no NaN;
- a shape is a tuple or a list (or a ``TensorShape``) of integers, in order: not a set, not an array;
- letters (the multiple-choice questions) come as a string (``"bc"``, ``"b, c"``), a list, a tuple or a set
  of one-letter strings; case and surrounding spaces do not matter (``"B"`` is the letter b), while a letter
  given twice, a dict, or anything but strings is wrong.

Introduced in notebook 01.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Question:
    """One exercise: how to judge an answer, and a hint for a wrong one."""

    is_correct: Callable[[Any], bool]
    hint: str


_REAL_KINDS = "iuf"  # NumPy dtype kinds of real numbers: signed and unsigned integers, floats
_INTEGER_KINDS = "iu"


def is_integer(value) -> bool:
    """Whether ``value`` is one Python or NumPy integer (a bool is not one)."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _leaf_kinds(answer, kinds: set[str]) -> bool:
    """Collect the kinds ("b" bool, "n" number) of the leaves of a nested list or tuple; False if one is neither."""
    for item in answer:
        if isinstance(item, (list, tuple)):
            if not _leaf_kinds(item, kinds):
                return False
        elif isinstance(item, (bool, np.bool_)):
            kinds.add("b")
        elif isinstance(item, (int, float, np.integer, np.floating)):
            kinds.add("n")
        elif isinstance(item, np.ndarray) and item.dtype.kind in "b" + _REAL_KINDS:
            kinds.add("b" if item.dtype.kind == "b" else "n")
        else:  # None, a string, a dict, an object array, ...
            return False
    return True


def as_array(answer) -> np.ndarray | None:
    """``answer`` as a NumPy array of booleans or real numbers, or None when it is not one.

    ``answer`` may be a number, a bool, a (nested) list or tuple of them, a NumPy array or anything with
    ``__array__`` (a tensor). None comes back for a string, ``None``, a dict or a set, a container with ``None``
    or a string inside, bools mixed with numbers (``[True, 4]``, which NumPy would silently make ``[1, 4]``),
    ragged nesting, and object, string or complex arrays. The shape and the values are for the caller to judge.
    """
    if isinstance(answer, (str, bytes, dict, set, frozenset)) or answer is None:
        return None
    if isinstance(answer, (list, tuple)):
        kinds: set[str] = set()
        if not _leaf_kinds(answer, kinds) or kinds == {"b", "n"}:
            return None
    elif not isinstance(answer, (bool, int, float, np.generic, np.ndarray)) and not hasattr(answer, "__array__"):
        return None
    try:
        array = np.asarray(answer)
    except (TypeError, ValueError):  # ragged nesting, or a tensor that will not convert
        return None
    return array if array.dtype.kind in "b" + _REAL_KINDS else None


def _same_kind(array: np.ndarray, expected: np.ndarray) -> bool:
    """Whether ``array``'s elements are of the kind ``expected``'s are: bools for bools, integers for integers,
    real numbers (integers or floats, no NaN) for floats."""
    if expected.dtype.kind == "b":
        return array.dtype.kind == "b"
    if expected.dtype.kind in _INTEGER_KINDS:
        return array.dtype.kind in _INTEGER_KINDS
    return array.dtype.kind in _REAL_KINDS and bool(np.isfinite(array).all())


def equals(expected) -> Callable[[Any], bool]:
    """A judge that accepts answers equal to ``expected``, of its shape and of its kind of element.

    Arrays are compared element-wise and must have ``expected``'s shape exactly (``[5000]`` is not 5000);
    an integer ``expected`` takes integers only (not ``5000.0``, ``True`` or ``"5000"``), a boolean one
    booleans only (not 0 and 1), a float one real numbers; a string ``expected`` takes that exact string.
    """
    if isinstance(expected, str):
        return lambda answer: isinstance(answer, str) and answer == expected
    expected = np.asarray(expected)
    if expected.dtype.kind not in "b" + _REAL_KINDS:
        raise TypeError(f"equals compares numbers, bools or a string, not {expected.dtype} values.")

    def judge(answer) -> bool:
        array = as_array(answer)
        return (
            array is not None
            and array.shape == expected.shape
            and _same_kind(array, expected)
            and bool(np.array_equal(array, expected))
        )

    return judge


def integer_array(expected) -> Callable[[Any], bool]:
    """A judge that accepts exactly these integers, in ``expected``'s nesting, as lists, tuples or an array.

    The strict ``equals`` for integers, named for what it asks: ``[3.7, 9.2]``, ``[3.0, 9.0]``,
    ``[True, 9]``, ``["3", "9"]``, ``[3, None]`` and ``[[3, 9]]`` are not ``[3, 9]``.
    """
    if np.asarray(expected).dtype.kind not in _INTEGER_KINDS:
        raise TypeError(f"integer_array needs integers, not {expected!r}.")
    return equals(expected)


def count(expected: int) -> Callable[[Any], bool]:
    """A judge for one count or index: the whole number ``expected``, as an int (Python or NumPy) or as an
    integral float (``5.0``); not ``5.5``, ``True``, ``"5"``, NaN or ``[5]``."""

    def judge(answer) -> bool:
        array = as_array(answer)
        if array is None or array.shape != () or array.dtype.kind not in _REAL_KINDS:
            return False
        return bool(np.isfinite(array)) and float(array) == expected

    return judge


def shape(expected: tuple[int, ...]) -> Callable[[Any], bool]:
    """A judge for a shape: a tuple or a list (or a ``TensorShape``) of exactly these integers, in this order.

    Not an array, a set, a string, floats (``(2.0, 6.0)``) or bools, and no axis dropped or added.
    """
    expected = tuple(int(d) for d in expected)

    def judge(answer) -> bool:
        if hasattr(answer, "as_list") and not isinstance(answer, (list, tuple)):  # TensorFlow's TensorShape
            answer = answer.as_list()
        if not isinstance(answer, (list, tuple)) or len(answer) != len(expected):
            return False
        return all(is_integer(a) for a in answer) and tuple(int(a) for a in answer) == expected

    return judge


def close_to(expected, atol: float) -> Callable[[Any], bool]:
    """A judge for real numbers: within ``atol`` of ``expected`` (a number or an array), of its shape exactly.

    Integers and floats are both fine; bools, strings, ``None``, NaN and extra or missing nesting are not.
    """
    expected = np.asarray(expected, dtype=float)

    def judge(answer) -> bool:
        array = as_array(answer)
        if array is None or array.shape != expected.shape or array.dtype.kind not in _REAL_KINDS:
            return False
        array = array.astype(float)
        return bool(np.isfinite(array).all() and (np.abs(array - expected) <= atol).all())

    return judge


def letters(expected: set[str]) -> Callable[[Any], bool]:
    """A judge for a multiple-choice answer: exactly these letters, each once, as a string (``"bc"``,
    ``"b, c"``, ``"B C"``), or a list, tuple or set of one-letter strings; case and spaces do not matter."""
    expected = {letter.lower() for letter in expected}

    def judge(answer) -> bool:
        if isinstance(answer, str):
            given = [c for part in answer.replace(",", " ").split() for c in part]
        elif isinstance(answer, (list, tuple, set, frozenset)):
            if not all(isinstance(a, str) for a in answer):
                return False
            given = [a.strip() for a in answer]
        else:
            return False
        given = [letter.lower() for letter in given]
        return all(len(g) == 1 for g in given) and len(given) == len(set(given)) and set(given) == expected

    return judge


#: Filled in by the notebooks' question modules: ``QUESTIONS["01.1"] = Question(...)``.
QUESTIONS: dict[str, Question] = {}


def register(question_id: str, is_correct: Callable[[Any], bool], hint: str) -> None:
    """Add one exercise to ``QUESTIONS``."""
    QUESTIONS[question_id] = Question(is_correct, hint)


def _question(question_id: str) -> Question:
    if question_id not in QUESTIONS:
        known = ", ".join(sorted(QUESTIONS)) or "none"
        raise ValueError(f"no exercise called {question_id!r}; known exercises: {known}.")
    return QUESTIONS[question_id]


def is_correct(question_id: str, answer) -> bool:
    """Whether ``answer`` solves exercise ``question_id`` (``...`` and malformed answers are not), silently.

    Introduced in notebook 01.
    """
    question = _question(question_id)
    if answer is ...:
        return False
    try:
        return bool(question.is_correct(answer))
    except Exception:  # a malformed answer is simply not correct
        return False


def check(question_id: str, answer) -> None:
    """Print whether ``answer`` solves exercise ``question_id`` (with a hint if not); return nothing.

    It returns None so that the exercise cell shows only the printed verdict, no ``Out:``
    line; ``is_correct`` gives the verdict as a value.

    Introduced in notebook 01.
    """
    question = _question(question_id)
    if answer is ...:
        print(f"Exercise {question_id}: replace ... with your answer, then run the cell again.")
    elif is_correct(question_id, answer):
        print(f"Exercise {question_id}: correct.")
    else:
        print(f"Exercise {question_id}: not yet. Hint: {question.hint}")


for _module in pkgutil.iter_modules(__path__):
    if _module.name.startswith("nb"):
        importlib.import_module(f"{__name__}.{_module.name}")
