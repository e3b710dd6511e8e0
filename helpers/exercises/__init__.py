"""Check functions for the exercises that close every notebook.

Each notebook ends with a few exercises. The learner writes an answer and calls
``helpers.exercises.check(question_id, answer)``; it prints whether the answer
is right and, if not, a hint.

Each notebook's questions live in their own module, ``nb01.py``, ``nb02.py``, ...,
which call ``register``; all of them are loaded when this package is imported.

Introduced in notebook 01.
"""

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any, Callable

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


def check(question_id: str, answer) -> bool:
    """Print whether ``answer`` solves exercise ``question_id`` and return True/False.

    Introduced in notebook 01.
    """
    if question_id not in QUESTIONS:
        known = ", ".join(sorted(QUESTIONS)) or "none"
        raise ValueError(f"no exercise called {question_id!r}; known exercises: {known}.")
    if answer is ...:
        print(f"Exercise {question_id}: replace ... with your answer, then run the cell again.")
        return False
    question = QUESTIONS[question_id]
    try:
        correct = question.is_correct(answer)
    except Exception:  # a malformed answer is simply not correct
        correct = False
    if correct:
        print(f"Exercise {question_id}: correct.")
    else:
        print(f"Exercise {question_id}: not yet. Hint: {question.hint}")
    return correct


for _module in pkgutil.iter_modules(__path__):
    if _module.name.startswith("nb"):
        importlib.import_module(f"{__name__}.{_module.name}")
