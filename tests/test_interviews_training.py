"""The interview training page and the open-or-closed exercise."""

from interviews.training import score_exercise
from workgroup.guidance import EXERCISE, TRAINING, ExerciseQuestion

OPEN = ExerciseQuestion("What happened then?", True, "It invites a story.")
CLOSED = ExerciseQuestion("Were you angry?", False, "Yes or no.")


def test_scoring_counts_right_wrong_and_unanswered():
    result = score_exercise(["open", "open", None], questions=(OPEN, CLOSED, OPEN))
    assert [f.is_correct for f in result.feedback] == [True, False, None]
    assert (result.correct, result.answered, result.total) == (1, 2, 3)
    assert not result.is_complete


def test_scoring_ignores_garbage_answers():
    result = score_exercise(["maybe", "closed"], questions=(OPEN, CLOSED))
    assert result.feedback[0].answer is None
    assert (result.correct, result.answered) == (1, 1)


def test_all_right_is_complete():
    answers = ["open" if q.is_open else "closed" for q in EXERCISE]
    result = score_exercise(answers)
    assert result.is_complete and result.correct == result.total == len(EXERCISE)


def test_the_exercise_mixes_open_and_closed_questions():
    assert len(EXERCISE) >= 6
    assert 0 < sum(q.is_open for q in EXERCISE) < len(EXERCISE)


def test_training_page_has_every_section_and_the_exercise(member):
    html = member.get("/years/2026/interviews/training").get_data(as_text=True)
    for section in TRAINING:
        assert f'id="{section.key}"' in html
    assert html.count('type="radio"') == 2 * len(EXERCISE)
    assert "/years/2026/reports/interview-card.docx" in html


def test_checking_answers_gives_feedback_per_question(member):
    first_open = next(i for i, q in enumerate(EXERCISE) if q.is_open)
    first_closed = next(i for i, q in enumerate(EXERCISE) if not q.is_open)
    response = member.htmx_post(
        "/years/2026/interviews/training/exercise",
        data={f"answers-{first_open}": "open", f"answers-{first_closed}": "open"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.count("exercise__question--right") == 1
    assert html.count("exercise__question--wrong") == 1
    assert "1 van de 2" in html


def test_a_bad_answer_value_is_refused_without_error(member):
    response = member.post(
        "/years/2026/interviews/training/exercise", data={"answers-0": "<script>x</script>"}
    )
    assert response.status_code == 422
    assert "<script>x</script>" not in response.get_data(as_text=True)


def test_training_of_another_school_year_is_not_found(member):
    assert member.get("/years/2031/interviews/training").status_code == 404
