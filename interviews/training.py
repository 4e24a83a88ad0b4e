"""The open-or-closed exercise of the interview training: scoring only, no Flask."""

from __future__ import annotations

from dataclasses import dataclass

from workgroup.guidance import EXERCISE, ExerciseQuestion


@dataclass(frozen=True)
class Feedback:
    question: ExerciseQuestion
    answer: str | None  #: "open", "closed", or None when not answered yet
    is_correct: bool | None  #: None when not answered yet


@dataclass(frozen=True)
class ExerciseResult:
    feedback: list[Feedback]
    correct: int
    answered: int
    total: int

    @property
    def is_complete(self) -> bool:
        return self.answered == self.total


def score_exercise(answers: list[str | None], questions=EXERCISE) -> ExerciseResult:
    """Compare each answer ("open"/"closed"/None) with the question; unanswered ones wait."""
    feedback = []
    for index, question in enumerate(questions):
        answer = answers[index] if index < len(answers) else None
        if answer not in ("open", "closed"):
            feedback.append(Feedback(question, None, None))
            continue
        feedback.append(Feedback(question, answer, (answer == "open") == question.is_open))
    answered = [f for f in feedback if f.answer is not None]
    return ExerciseResult(
        feedback=feedback,
        correct=sum(1 for f in answered if f.is_correct),
        answered=len(answered),
        total=len(questions),
    )
