"""Check functions for the exercises that close every notebook.

Each notebook ends with a few exercises. The learner writes an answer and calls
``helpers.exercises.check(question_id, answer)``; it prints whether the answer
is right and, if not, a hint, and returns nothing (so the cell shows no ``Out:``).
``is_correct`` returns the verdict instead, for tests.

Each notebook's questions live in their own module, ``nb01.py``, ``nb02.py``, ...,
which call ``register``; all of them are loaded when this package is imported.

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


def equals(expected) -> Callable[[Any], bool]:
    """A judge that accepts answers equal to ``expected`` (arrays compared element-wise, shapes too)."""

    def judge(answer) -> bool:
        try:
            return bool(np.array_equal(np.asarray(answer), np.asarray(expected)))
        except (TypeError, ValueError):
            return False

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
