"""DENKEN through the services and the real views: the codebook (starter codes, merge, delete,
CSV), coding with re-anchoring after edits, the analysis (frequencies, co-occurrence,
saturation, kappa), who may code, and the focus and summary of meeting 4.

The demo year is used as a setting (people, the startfoto); wherever exact numbers matter the
test makes its own codes, write-outs and fragments, so the demo's own coding does not count.
"""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date

import pytest
from flask_babel import force_locale, gettext, ngettext
from hypothesis import given, settings
from hypothesis import strategies as st

from app import db
from interviews import analysis, coding, services
from interviews.analysis import Coded, Interview, SaturationPoint
from interviews.models import (
    Code,
    ConsentMethod,
    Fragment,
    Respondent,
    RespondentGroup,
    Theme,
    Transcript,
    fragment_codes,
)
from tests.conftest import make_school
from workgroup import services as core
from workgroup.models import Cycle, DomainError, Goal, Role, School, User, WorkgroupMember

BASE = "/years/2026/interviews"
CHAIR = "voorzitter@example.nl"


# --- helpers -----------------------------------------------------------------------------


def nl(app, msgid: str, **values) -> str:
    """The Dutch text the app shows for ``msgid``."""
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def nl_n(app, singular: str, plural: str, num: int, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return ngettext(singular, plural, num, **values)


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _main(response) -> str:
    """The page's own content, without the header that names the logged-in user."""
    page = _text(response)
    return page[page.index("<main") : page.index("</main>")]


def _cycle(year: int = 2026) -> Cycle:
    school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
    return core.get_cycle(school, year)


def _user(email: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == email))


def _member(name: str) -> WorkgroupMember:
    return db.session.scalar(
        db.select(WorkgroupMember).where(
            WorkgroupMember.display_name == name, WorkgroupMember.cycle_id == _cycle().id
        )
    )


def _write_out(
    app,
    body: str,
    *,
    group: RespondentGroup = RespondentGroup.parent,
    interviewer: str = "Samira El Idrissi",
    held_on: date | None = None,
    quotes: bool = False,
) -> tuple[int, int]:
    """A new respondent of the demo year with consent and a write-out: (respondent, transcript)."""
    with app.test_request_context():
        chair = _user(CHAIR)
        respondent = services.add_respondent(
            _cycle(), chair, group=group, interviewer_id=_member(interviewer).id
        )
        services.record_consent(
            respondent,
            chair,
            given_on=date(2026, 11, 1),
            method=ConsentMethod.digital,
            allows_transcript=True,
            allows_quotes=quotes,
            parent_consented=True,
            pupil_assented=True,
        )
        transcript = services.save_transcript(
            respondent, chair, Role.chair, body=body, base_version=None, held_on=held_on
        )
        db.session.commit()
        return respondent.id, transcript.id


def _new_codes(app, *names: str, theme_id: int | None = None) -> list[int]:
    with app.test_request_context():
        ids = [
            coding.save_code(
                _cycle(), name=name, description="", colour="#abcdef", theme_id=theme_id
            ).id
            for name in names
        ]
        db.session.commit()
        return ids


def _sentences(n: int) -> str:
    return " ".join(f"Dit is zin nummer {i}." for i in range(1, n + 1))


def _code_sentences(
    app, rid: int, plan: list[list[int]], coder: str = CHAIR, quote: bool = False
) -> list[int]:
    """Code sentence i of the write-out with the codes plan[i]; returns the fragment ids."""
    with app.test_request_context():
        transcript = db.session.get(Respondent, rid).transcript
        spans = coding.sentences(transcript.body)
        assert len(spans) >= len(plan)
        ids = [
            coding.code_passage(
                transcript,
                _cycle(),
                _user(coder),
                start=start,
                end=end,
                code_ids=code_ids,
                is_quote=quote,
            ).id
            for (start, end), code_ids in zip(spans, plan, strict=False)
        ]
        db.session.commit()
        return ids


def _codes_on(fragment_id: int) -> list[int]:
    """The code ids on a fragment, straight from the link table (duplicates would show)."""
    return sorted(
        db.session.scalars(
            db.select(fragment_codes.c.code_id).where(fragment_codes.c.fragment_id == fragment_id)
        )
    )


def _fragments_of(transcript_id: int) -> list[Fragment]:
    return list(
        db.session.scalars(db.select(Fragment).where(Fragment.transcript_id == transcript_id))
    )


def _set_coder(app, name: str, value: bool) -> None:
    with app.app_context():
        _member(name).is_coder = value
        db.session.commit()


def _frequency_row(page: str, code_id: int) -> list[int]:
    """[parent, teacher, pupil, total] of one code in the analysis page's frequency table."""
    table = page[page.index('id="frequency-table"') :]
    table = table[: table.index("</table>")]
    row = re.search(
        rf'swatch-{code_id}" aria-hidden="true"></span>[^<]*</th>((?:<td>\d+</td>)+)'
        r"<td><strong>(\d+)</strong></td>",
        table,
    )
    assert row, f"no row for code {code_id}"
    return [int(n) for n in re.findall(r"\d+", row.group(1))] + [int(row.group(2))]


# --- 1. starter codes --------------------------------------------------------------------


def test_a_new_year_starts_with_the_four_starter_codes(app, demo):
    with app.test_request_context():
        school = make_school("Basisschool De Linde", "linde@example.nl", start_year=None)
        cycle = core.start_cycle(school, 2026, _user("linde@example.nl"))
        db.session.commit()
        codes = coding.codes_of(cycle)
        with force_locale("nl"):
            expected = [(str(n), str(d), c) for n, d, c in coding.STARTER_CODES]
        assert [(c.name, c.description, c.colour) for c in codes] == expected
        assert len(codes) == 4 and all(c.theme_id is None for c in codes)
        assert all(coding.fragment_count(c) == 0 for c in codes)
        # a next year of the demo school starts with its own four, whatever 2026 did
        demo_school = db.session.get(School, demo.school_id)
        next_year = core.start_cycle(demo_school, 2027, _user(CHAIR))
        db.session.commit()
        assert [c.name for c in coding.codes_of(next_year)] == [n for n, _, _ in expected]


# --- 2. merge and delete -----------------------------------------------------------------


def test_merging_keeps_every_fragment_and_counts_each_once(app, chair, member):
    a, b, c = _new_codes(app, "Toets A", "Toets B", "Toets C")
    rid, tid = _write_out(app, _sentences(8))
    plan = [[a], [a], [b], [a, b], [a, b], [a, c], [c], [b]]
    ids = _code_sentences(app, rid, plan)
    had_a_or_b = {fid for fid, codes in zip(ids, plan, strict=True) if {a, b} & set(codes)}
    assert len(had_a_or_b) == 7

    # a member may not merge
    assert (
        member.post(f"{BASE}/codebook/merge", data={"source_id": a, "target_id": b}).status_code
        == 403
    )
    # a code cannot be merged into itself
    same = chair.post(f"{BASE}/codebook/merge", data={"source_id": a, "target_id": a})
    assert same.status_code == 422
    assert nl(app, "Choose two different codes to merge.") in _text(same)

    response = chair.post(f"{BASE}/codebook/merge", data={"source_id": a, "target_id": b})
    assert response.status_code == 302
    moved = nl(
        app,
        "“%(source)s” merged into “%(target)s”: %(n)d fragments moved.",
        source="Toets A",
        target="Toets B",
        n=5,
    )
    assert moved in _text(chair.get(response.headers["Location"]))
    with app.app_context():
        assert db.session.get(Code, a) is None
        assert sorted(f.id for f in _fragments_of(tid)) == sorted(ids)  # none lost
        for fid, codes in zip(ids, plan, strict=True):
            expected = sorted(({b} if {a, b} & set(codes) else set()) | (set(codes) - {a, b}))
            assert _codes_on(fid) == expected, (codes, _codes_on(fid))
        assert not db.session.scalar(
            db.select(db.func.count())
            .select_from(fragment_codes)
            .where(fragment_codes.c.code_id == a)
        )
        assert coding.fragment_count(db.session.get(Code, b)) == len(had_a_or_b)
        assert coding.fragment_count(db.session.get(Code, c)) == 2


def test_deleting_a_code_asks_with_the_counts_then_removes_only_lonely_fragments(
    app, chair, member
):
    d, e = _new_codes(app, "Toets D", "Toets E")
    rid, tid = _write_out(app, _sentences(5))
    plan = [[d], [d], [d, e], [e], [e]]
    d1, d2, de, e1, e2 = _code_sentences(app, rid, plan)
    url = f"{BASE}/codebook/codes/{d}/delete"

    assert member.post(url).status_code == 403
    assert member.post(url, data={"confirm": "yes"}).status_code == 403
    ask = chair.post(url)
    assert ask.status_code == 200
    question = nl(
        app,
        "Delete the code “%(name)s”? It is on %(n)d fragments; %(alone)d of them have no other "
        "code and are deleted with it.",
        name="Toets D",
        n=3,
        alone=2,
    )
    assert question in _text(ask)
    with app.app_context():  # asking deletes nothing
        assert db.session.get(Code, d) is not None and len(_fragments_of(tid)) == 5

    done = chair.post(url, data={"confirm": "yes"})
    assert done.status_code == 302
    said = nl(
        app,
        "The code has been deleted (%(had)d fragments had it, %(gone)d were deleted).",
        had=3,
        gone=2,
    )
    assert said in _text(chair.get(done.headers["Location"]))
    with app.app_context():
        assert db.session.get(Code, d) is None
        left = {f.id for f in _fragments_of(tid)}
        assert left == {de, e1, e2}  # 5 before - 2 lonely = 3
        assert d1 not in left and d2 not in left
        assert all(_codes_on(fid) == [e] for fid in left)
        assert coding.fragment_count(db.session.get(Code, e)) == 3


# --- 3. re-anchoring ---------------------------------------------------------------------

ALPHABET = "ab .\n"


@st.composite
def edited_texts(draw):
    """A text, fragments in it, and the text after some random edits, with for every
    character of the new text the position it had in the old text (None: inserted)."""
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        spans.append((start, draw(st.integers(start + 1, len(text)))))
    chars: list[tuple[str, int | None]] = [(c, i) for i, c in enumerate(text)]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        position = draw(st.integers(0, len(chars)))
        if kind != "insert" and position < len(chars):
            length = draw(st.integers(1, len(chars) - position))
            del chars[position : position + length]
        if kind != "delete":
            inserted = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=6))
            chars[position:position] = [(c, None) for c in inserted]
    return text, spans, chars


def _untouched(chars: list[tuple[str, int | None]], start: int, end: int) -> bool:
    """Did the passage old[start:end] survive whole, with nothing inserted inside it?"""
    origins = [origin for _, origin in chars]
    if start not in origins:
        return False
    at = origins.index(start)
    return origins[at : at + end - start] == list(range(start, end))


@settings(max_examples=400, deadline=None)
@given(case=edited_texts())
def test_reanchor_finds_every_passage_again_or_marks_it_for_review(case):
    old, spans, chars = case
    new = "".join(c for c, _ in chars)
    fragments = [
        Fragment(start_offset=s, end_offset=e, text=old[s:e], needs_review=False) for s, e in spans
    ]
    lost = coding.reanchor(fragments, old, new)
    assert {id(f) for f in lost} == {id(f) for f in fragments if f.needs_review}
    for fragment, (start, end) in zip(fragments, spans, strict=True):
        assert fragment.text == old[start:end]  # the coded passage itself never changes
        if fragment.needs_review:
            assert fragment.text not in new, "marked for review although it is still there"
            assert not _untouched(chars, start, end), "an edit elsewhere marked it for review"
        else:
            assert 0 <= fragment.start_offset < fragment.end_offset <= len(new)
            assert new[fragment.start_offset : fragment.end_offset] == fragment.text


def test_reanchor_moves_a_passage_after_an_edit_before_it():
    old = "Eerst dit. Toen belde de juf. Daarna niets."
    new = "Een nieuwe eerste zin erbij. Eerst dit. Toen belde de juf. Daarna niets meer."
    start = old.index("Toen belde de juf.")
    fragment = Fragment(
        start_offset=start, end_offset=start + 18, text="Toen belde de juf.", needs_review=False
    )
    assert coding.reanchor([fragment], old, new) == []
    assert fragment.start_offset == new.index("Toen belde de juf.")
    assert new[fragment.start_offset : fragment.end_offset] == "Toen belde de juf."


PASSAGE = "De mentor belde dezelfde dag nog terug."


def test_an_edited_write_out_keeps_its_coded_passage_highlighted(app, chair, member):
    (code,) = _new_codes(app, "Toets snel contact")
    body = f"Vraag: Wat gebeurde er?\nAntwoord: Ik mailde school. {PASSAGE} Dat hielp."
    rid, tid = _write_out(app, body)
    with app.test_request_context():
        transcript = db.session.get(Transcript, tid)
        start = body.index(PASSAGE)
        fid = coding.code_passage(
            transcript, _cycle(), _user(CHAIR), start=start, end=start + len(PASSAGE),
            code_ids=[code],
        ).id  # fmt: skip
        version = transcript.version
        db.session.commit()

    edited = (
        "Vraag: Hoe begon het?\nAntwoord: Mijn dochter kwam huilend thuis.\n"
        f"Vraag: Wat gebeurde er?\nAntwoord: Ik mailde de school meteen. {PASSAGE} Dat hielp."
    )
    saved = member.post(
        f"{BASE}/respondents/{rid}/transcript", data={"body": edited, "version": str(version)}
    )
    assert saved.status_code == 302
    with app.app_context():
        fragment = db.session.get(Fragment, fid)
        assert fragment is not None and not fragment.needs_review
        assert fragment.start_offset == edited.index(PASSAGE) != start
        assert edited[fragment.start_offset : fragment.end_offset] == PASSAGE
    page = chair.get(f"{BASE}/coding/{rid}").get_data(as_text=True)
    highlighted = re.search(
        rf'<span class="seg coded code-{code}[^"]*" data-start="{edited.index(PASSAGE)}"'
        rf"[^>]*>{re.escape(PASSAGE)}</span>",
        page,
    )
    assert highlighted, "the moved passage is not highlighted where it now stands"


def test_a_deleted_passage_is_kept_and_listed_for_review(app, chair, member):
    (code,) = _new_codes(app, "Toets verdwenen")
    body = f"Vraag: Wat gebeurde er?\nAntwoord: {PASSAGE} Daarna bleef het stil."
    rid, tid = _write_out(app, body)
    with app.test_request_context():
        transcript = db.session.get(Transcript, tid)
        start = body.index(PASSAGE)
        fid = coding.code_passage(
            transcript, _cycle(), _user(CHAIR), start=start, end=start + len(PASSAGE),
            code_ids=[code],
        ).id  # fmt: skip
        version = transcript.version
        db.session.commit()
    edited = "Vraag: Wat gebeurde er?\nAntwoord: Daarna bleef het stil."
    saved = member.post(
        f"{BASE}/respondents/{rid}/transcript", data={"body": edited, "version": str(version)}
    )
    assert saved.status_code == 302
    with app.app_context():
        fragment = db.session.get(Fragment, fid)
        assert fragment is not None and fragment.needs_review
        assert fragment.text == PASSAGE and _codes_on(fid) == [code]
        coded, _ = analysis.load(_cycle())
        assert fid not in {c.fragment_id for c in coded}  # not counted while under review
    page = _text(chair.get(f"{BASE}/coding/{rid}"))
    notice = nl(
        app,
        "After an edit of the write-out these passages could not be found again. Check them, "
        "then recode the right passage or remove them.",
    )
    assert notice in page
    review = page[page.index(notice) :]
    assert f"“{PASSAGE}” — Toets verdwenen" in review[: review.index("</div>")]
    assert "seg coded" not in page


# --- 4. kappa, agreement, co-occurrence, saturation --------------------------------------


def test_cohen_kappa_against_a_hand_computed_table():
    # Ten sentences; coder A says yes to 1-6, coder B to 1-5, 7 and 8.
    #
    #              B yes   B no
    #     A yes      5       1     | 6
    #     A no       2       2     | 4
    #                7       3       10
    #
    # observed = (5 + 2) / 10 = 0.70
    # expected = 0.6 * 0.7 + 0.4 * 0.3 = 0.42 + 0.12 = 0.54
    # kappa = (0.70 - 0.54) / (1 - 0.54) = 0.16 / 0.46 = 0.348
    first = [i < 6 for i in range(10)]
    second = [i < 5 or i in (6, 7) for i in range(10)]
    assert round(analysis.cohen_kappa(first, second), 3) == 0.348
    assert analysis.cohen_kappa(first, first) == 1.0
    assert analysis.cohen_kappa([True, False], [False, True]) == -1.0


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ([False] * 5, [False] * 5),  # nobody used the code: nothing to compare
        ([True] * 5, [True] * 5),
        ([], []),
        ([True, False], [True]),  # not the same sentences
    ],
)
def test_cohen_kappa_is_none_when_there_is_nothing_to_compare(first, second):
    assert analysis.cohen_kappa(first, second) is None


def _coded(fid, start, end, codes, *, coder=None, tid=1, respondent="R01", group="parent"):
    return Coded(fid, tid, respondent, group, start, end, frozenset(codes), coder)


def test_agreement_compares_two_coders_per_code_over_the_sentences():
    body = "Een. Twee. Drie. Vier."
    assert coding.sentences(body) == [(0, 4), (5, 10), (11, 16), (17, 22)]
    coded = [
        _coded(1, 0, 10, {7}, coder=1),  # coder 1: code 7 on sentences 1-2
        _coded(2, 17, 22, {8}, coder=1),  # coder 1: code 8 on sentence 4
        _coded(3, 2, 4, {7}, coder=2),  # coder 2: code 7 on part of sentence 1
        _coded(4, 11, 16, {9}, coder=2),  # coder 2: code 9 on sentence 3
        _coded(5, 0, 22, {10}, coder=3),  # a third coder is not compared
    ]
    # code 7: A = [y y n n], B = [y n n n]: observed 3/4, expected .5*.25 + .5*.75 = .5
    #         kappa = (.75 - .5) / .5 = 0.5
    # code 8: A = [n n n y], B = [n n n n]: observed 3/4, expected 0 + .75 = .75 -> 0.0
    # code 9: A = [n n n n], B = [n n y n]: likewise 0.0
    assert analysis.sentence_labels(body, coded, 2, 7) == [True, False, False, False]
    result = analysis.agreement(body, coded, 1, 2)
    assert list(result) == [7, 8, 9]
    assert result[7] == pytest.approx(0.5)
    assert result[8] == pytest.approx(0.0) and result[9] == pytest.approx(0.0)


def test_cooccurrence_counts_overlapping_fragments_in_one_transcript():
    coded = [
        # transcript 1
        _coded(1, 0, 10, {1, 2}),  # two codes on one fragment: (1, 2)
        _coded(2, 5, 15, {3}),  # overlaps 1: (1, 3) and (2, 3)
        _coded(3, 20, 30, {1}),  # overlaps nothing ...
        _coded(4, 30, 40, {3}),  # ... touching is not overlapping
        _coded(5, 50, 90, {2}),  # holds 6 and 7: (2, 4) and (1, 2)
        _coded(6, 60, 65, {4}),
        _coded(7, 70, 75, {1}),
        _coded(8, 72, 80, {1}),  # overlaps 7 (same code: no pair) and 5: (1, 2)
        # transcript 2: the same offsets as fragment 1, but another write-out
        _coded(9, 5, 15, {3}, tid=2, respondent="R02"),
        _coded(10, 0, 10, {4}, tid=2, respondent="R02"),  # with 9: (3, 4)
    ]
    assert analysis.cooccurrence(coded) == {
        (1, 2): 3,  # fragment 1 itself, 5 with 7, 5 with 8
        (1, 3): 1,
        (2, 3): 1,
        (2, 4): 1,
        (3, 4): 1,
    }
    assert analysis.cooccurrence(list(reversed(coded))) == analysis.cooccurrence(coded)


def test_saturation_follows_the_interview_dates_with_undated_ones_last():
    interviews = [
        Interview(4, "R04", "parent", date(2026, 11, 10), 4),
        Interview(3, "R03", "teacher", None, 3),
        Interview(1, "R01", "parent", date(2026, 11, 10), 1),
        Interview(5, "R05", "pupil", date(2026, 11, 20), 5),
        Interview(2, "R02", "pupil", date(2026, 11, 3), 2),
    ]
    coded = [
        _coded(1, 0, 5, {1, 2}, tid=2),
        _coded(2, 0, 5, {2}, tid=1),
        _coded(3, 9, 12, {3}, tid=1),
        _coded(4, 0, 5, {1}, tid=4),
        _coded(5, 0, 5, {4}, tid=3),
    ]
    # R02 (3 Nov): 1, 2 new; R01 (10 Nov, number 1): 3 new; R04 (10 Nov, number 4): nothing
    # new; R05 (20 Nov, nothing coded); R03 (no date, last): 4 new.
    assert analysis.saturation(coded, interviews) == [
        SaturationPoint("R02", 2, 2),
        SaturationPoint("R01", 1, 3),
        SaturationPoint("R04", 0, 3),
        SaturationPoint("R05", 0, 3),
        SaturationPoint("R03", 1, 4),
    ]


def _points(*new: int) -> list[SaturationPoint]:
    total, points = 0, []
    for i, n in enumerate(new, start=1):
        total += n
        points.append(SaturationPoint(f"R{i:02d}", n, total))
    return points


def test_the_saturation_reading_in_plain_words(app):
    with app.test_request_context(), force_locale("nl"):
        readings = {
            "none": analysis.saturation_reading([]),
            "saturated": analysis.saturation_reading(_points(3, 1, 0, 0, 0)),
            "still new": analysis.saturation_reading(_points(3, 2)),
            "one quiet": analysis.saturation_reading(_points(3, 0)),
            "two quiet": analysis.saturation_reading(_points(3, 1, 0, 0)),
        }
    assert readings["none"] == nl(app, "No coded interviews yet.")
    assert readings["saturated"] == nl(
        app,
        "The last %(n)d interviews brought no new codes: you may be close to saturation. "
        "One or two talks with someone quite different can confirm it.",
        n=3,
    )
    assert readings["still new"] == nl_n(
        app,
        "The last interview still brought %(num)d new code: keep listening.",
        "The last interview still brought %(num)d new codes: keep listening.",
        2,
    )
    quiet = (
        "The last interview brought no new codes. After %(num)d quiet interview in a row it is "
        "too early to speak of saturation.",
        "The last %(num)d interviews brought no new codes. Three quiet interviews in a row "
        "suggest saturation.",
    )
    assert readings["one quiet"] == nl_n(app, *quiet, 1)
    assert readings["two quiet"] == nl_n(app, *quiet, 2)
    assert len(set(readings.values())) == 5


def test_quotes_are_grouped_by_the_themes_of_their_codes():
    codes = [Code(id=1, theme_id=10), Code(id=2, theme_id=20), Code(id=3, theme_id=None)]
    quote = Coded(1, 1, "R01", "parent", 0, 5, frozenset({1, 2}), None, True, "Zo was het.")
    loose = Coded(2, 1, "R01", "parent", 6, 9, frozenset({3}), None, True, "Echt.")
    plain = Coded(3, 1, "R01", "parent", 0, 5, frozenset({1}), None, False, "")
    assert analysis.quotes_by_theme([quote, loose, plain], codes) == {
        10: [quote],
        20: [quote],
        None: [loose],
    }


# --- 5. frequencies per group ------------------------------------------------------------


def test_frequencies_and_matrix_split_by_group():
    coded = [
        _coded(1, 0, 5, {1, 2}, respondent="R01", group="parent"),
        _coded(2, 6, 9, {1}, respondent="R01", group="parent"),
        _coded(3, 0, 5, {1}, tid=2, respondent="R02", group="teacher"),
        _coded(4, 0, 5, {2, 3}, tid=3, respondent="R03", group="pupil"),
    ]
    assert analysis.frequencies(coded) == {
        1: {"parent": 2, "teacher": 1, "all": 3},
        2: {"parent": 1, "pupil": 1, "all": 2},
        3: {"pupil": 1, "all": 1},
    }
    assert analysis.matrix(coded) == {
        (1, "R01"): 2,
        (2, "R01"): 1,
        (1, "R02"): 1,
        (2, "R03"): 1,
        (3, "R03"): 1,
    }


def test_the_analysis_page_counts_per_group_and_filters_by_group(app, chair, director):
    x, y = _new_codes(app, "Toets X", "Toets Y")
    parent, _ = _write_out(app, _sentences(3), group=RespondentGroup.parent)
    teacher, _ = _write_out(
        app, _sentences(3), group=RespondentGroup.teacher, interviewer="Joost de Vries"
    )
    pupil, _ = _write_out(app, _sentences(3), group=RespondentGroup.pupil)
    _code_sentences(app, parent, [[x], [x, y]])
    _code_sentences(app, teacher, [[x]])
    _code_sentences(app, pupil, [[y]])
    with app.app_context():
        codes = {r: db.session.get(Respondent, r).code for r in (parent, teacher, pupil)}

    page = _text(chair.get(f"{BASE}/analysis"))
    assert _frequency_row(page, x) == [2, 1, 0, 3]
    assert _frequency_row(page, y) == [1, 0, 1, 2]
    assert all(f'<th scope="col">{code}</th>' in page for code in codes.values())

    only_teachers = _text(chair.get(f"{BASE}/analysis?group=teacher"))
    assert _frequency_row(only_teachers, x) == [0, 1, 0, 1]
    assert _frequency_row(only_teachers, y) == [0, 0, 0, 0]
    assert f'<th scope="col">{codes[teacher]}</th>' in only_teachers
    assert f'<th scope="col">{codes[parent]}</th>' not in only_teachers
    assert f'<th scope="col">{codes[pupil]}</th>' not in only_teachers

    only_pupils = _text(chair.get(f"{BASE}/analysis?group=pupil"))
    assert _frequency_row(only_pupils, y) == [0, 0, 1, 1]
    # an unknown group is no filter
    assert _frequency_row(_text(chair.get(f"{BASE}/analysis?group=ouders")), x) == [2, 1, 0, 3]
    # the reading on the page is the one for the year's curve
    with app.test_request_context(), force_locale("nl"):
        reading = analysis.saturation_reading(analysis.saturation(*analysis.load(_cycle())))
    assert reading in page
    assert director.get(f"{BASE}/analysis").status_code == 403


# --- 6. access ---------------------------------------------------------------------------


def test_only_coders_code_and_the_chair_marks_them(app, chair, member, teacher):
    (code,) = _new_codes(app, "Toets toegang")
    rid, tid = _write_out(app, _sentences(3))
    _set_coder(app, "Samira El Idrissi", False)
    _set_coder(app, "Joost de Vries", True)
    (fid,) = _code_sentences(app, rid, [[code]])
    fragment_body = {"start": "0", "end": "10", "code_ids": [str(code)]}

    assert member.get(f"{BASE}/coding/{rid}").status_code == 403
    assert member.post(f"{BASE}/coding/{rid}/fragments", data=fragment_body).status_code == 403
    assert (
        member.post(f"{BASE}/coding/{rid}/fragments/{fid}", data={"code_ids": [str(code)]})
    ).status_code == 403
    assert member.post(f"{BASE}/coding/{rid}/fragments/{fid}/delete").status_code == 403
    assert member.get(f"{BASE}/agreement").status_code == 403
    with app.app_context():
        assert [f.id for f in _fragments_of(tid)] == [fid]
    # a member cannot mark themselves
    with app.app_context():
        samira_id = _member("Samira El Idrissi").id
    assert member.post(f"{BASE}/coding/coders", data={"member_ids": [samira_id]}).status_code == (
        403
    )
    assert teacher.get(f"{BASE}/coding/{rid}").status_code == 200

    marked = chair.post(f"{BASE}/coding/coders", data={"member_ids": [str(samira_id)]})
    assert marked.status_code == 302
    with app.app_context():
        assert _member("Samira El Idrissi").is_coder
        assert not _member("Joost de Vries").is_coder  # not ticked any more
    assert member.get(f"{BASE}/coding/{rid}").status_code == 200
    added = member.post(f"{BASE}/coding/{rid}/fragments", data=fragment_body)
    assert added.status_code == 302
    with app.app_context():
        mine = [f for f in _fragments_of(tid) if f.id != fid]
        assert len(mine) == 1 and mine[0].coded_by.email == "ouder@example.nl"
        assert _codes_on(mine[0].id) == [code]
    assert teacher.get(f"{BASE}/coding/{rid}").status_code == 403


def test_the_director_sees_codebook_focus_and_summary_but_no_coding(app, director):
    rid, _ = _write_out(app, _sentences(2))
    for url in ("/coding", f"/coding/{rid}", "/analysis", "/agreement"):
        assert director.get(BASE + url).status_code == 403, url
    assert director.post(f"{BASE}/coding/{rid}/fragments", data={}).status_code == 403
    for url in ("/codebook", "/focus", "/summary"):
        assert director.get(BASE + url).status_code == 200, url
    assert director.get(f"{BASE}/codebook/export.csv").status_code == 403


def test_another_schools_chair_gets_404_for_the_demo_schools_ids(app, demo, other_chair):
    theme_id = _new_theme(app, "Toets eigen thema")
    (code,) = _new_codes(app, "Toets eigen code", theme_id=theme_id)
    rid, tid = _write_out(app, _sentences(2))
    (fid,) = _code_sentences(app, rid, [[code]])
    goal_id = _new_goal(app, "Toets eigen doel", [theme_id])
    with app.test_request_context():  # a write-out of the other school, to aim at
        other = core.get_cycle(db.session.get(School, demo.other_school_id), 2026)
        kompas = _user("kompas@example.nl")
        services.save_consent_text(other, "Toestemming voor het gesprek.", kompas)
        respondent = services.add_respondent(other, kompas, group=RespondentGroup.parent)
        services.record_consent(
            respondent, kompas, given_on=date(2026, 11, 2), method=ConsentMethod.digital,
            allows_transcript=True, allows_quotes=False,
        )  # fmt: skip
        services.save_transcript(
            respondent, kompas, Role.chair, body=_sentences(2), base_version=None
        )
        db.session.commit()
        own = respondent.id

    assert other_chair.get(f"{BASE}/coding/{own}").status_code == 200
    refused = {
        ("get", f"/codebook/codes/{code}/edit"): {},
        ("post", f"/codebook/codes/{code}/edit"): {"name": "Weg", "colour": "#000000"},
        ("post", f"/codebook/codes/{code}/delete"): {"confirm": "yes"},
        ("get", f"/codebook/themes/{theme_id}/edit"): {},
        ("post", f"/codebook/themes/{theme_id}/delete"): {"confirm": "yes"},
        ("get", f"/coding/{rid}"): {},
        ("post", f"/coding/{rid}/fragments/{fid}/delete"): {},
        ("post", f"/coding/{own}/fragments/{fid}"): {"code_ids": ["1"]},
        ("post", f"/coding/{own}/fragments/{fid}/delete"): {},
        ("get", f"/focus/goals/{goal_id}/edit"): {},
        ("post", f"/focus/goals/{goal_id}/edit"): {"text": "Weg", "theme_ids": [theme_id]},
        ("post", f"/focus/goals/{goal_id}/delete"): {"confirm": "yes"},
        ("post", f"/focus/goals/{goal_id}/solutions"): {"text": "Weg"},
    }
    for (method, url), data in refused.items():
        if method == "get":
            response = other_chair.get(BASE + url)
        else:
            response = other_chair.post(BASE + url, data=data)
        assert response.status_code == 404, (method, url, response.status_code)
    # the demo's code cannot be put on the other school's write-out either
    foreign = other_chair.post(
        f"{BASE}/coding/{own}/fragments", data={"start": "0", "end": "5", "code_ids": [code]}
    )
    assert foreign.status_code == 422
    with app.app_context():
        assert db.session.get(Code, code).name == "Toets eigen code"
        assert db.session.get(Theme, theme_id) is not None
        assert _codes_on(fid) == [code]
        goal = db.session.get(Goal, goal_id)
        assert goal.text == "Toets eigen doel" and coding.solutions_of(goal) == []
        other_transcript = db.session.get(Respondent, own).transcript
        assert _fragments_of(other_transcript.id) == []


# --- 7. coders only read pseudonymised text ----------------------------------------------


def test_a_name_added_to_the_list_disappears_from_coded_passages(app, chair, member):
    (code,) = _new_codes(app, "Toets naam")
    rid, tid = _write_out(app, "Vraag: Hoe ging het?\nAntwoord: Goed.")
    with app.app_context():
        version = db.session.get(Transcript, tid).version
    body = (
        "Vraag: Wat gebeurde er?\n"
        "Antwoord: In de pauze stond Kees steeds alleen bij het hek. Kees zei er niets over.\n"
        "Vraag: En toen?\nAntwoord: Toen kwam de juf erbij."
    )
    saved = member.post(
        f"{BASE}/respondents/{rid}/transcript", data={"body": body, "version": str(version)}
    )
    assert saved.status_code == 302
    passage = "In de pauze stond Kees steeds alleen bij het hek."
    start = body.index(passage)
    coded = chair.post(
        f"{BASE}/coding/{rid}/fragments",
        data={"start": str(start), "end": str(start + len(passage)), "code_ids": [str(code)]},
    )
    assert coded.status_code == 302
    with app.app_context():
        (fragment,) = _fragments_of(tid)
        fid = fragment.id
        assert fragment.text == passage

    listed = chair.post(f"{BASE}/pseudonyms", data={"name": "Kees", "replacement": "[leerling K]"})
    assert listed.status_code == 302
    _set_coder(app, "Samira El Idrissi", True)
    page = member.get(f"{BASE}/coding/{rid}")
    assert page.status_code == 200
    text = _text(page)
    assert "[leerling K]" in text and "Kees" not in text
    with app.app_context():
        transcript = db.session.get(Transcript, tid)
        fragment = db.session.get(Fragment, fid)
        assert "Kees" not in transcript.body
        assert fragment.text == "In de pauze stond [leerling K] steeds alleen bij het hek."
        assert not fragment.needs_review
        assert transcript.body[fragment.start_offset : fragment.end_offset] == fragment.text
        assert _codes_on(fid) == [code]


# --- 8. withdrawal -----------------------------------------------------------------------


def test_withdrawal_removes_the_fragments_and_the_analysis_forgets_them(app, chair, member):
    (code,) = _new_codes(app, "Toets intrekken")
    rid, tid = _write_out(app, _sentences(4))
    ids = _code_sentences(app, rid, [[code], [code], [code]])
    with app.app_context():
        respondent_code = db.session.get(Respondent, rid).code
        assert len(_fragments_of(tid)) == 3
        coded, _ = analysis.load(_cycle())
        assert analysis.frequencies(coded)[code]["all"] == 3
    before = _text(chair.get(f"{BASE}/analysis"))
    assert _frequency_row(before, code) == [3, 0, 0, 3]
    assert f'<th scope="col">{respondent_code}</th>' in before

    done = member.post(f"{BASE}/respondents/{rid}/withdraw", data={"confirm": "yes"})
    assert done.status_code == 302
    with app.app_context():
        assert db.session.get(Transcript, tid) is None
        assert _fragments_of(tid) == []
        assert all(db.session.get(Fragment, fid) is None for fid in ids)
        assert all(_codes_on(fid) == [] for fid in ids)
        coded, interviews = analysis.load(_cycle())
        assert tid not in {c.transcript_id for c in coded}
        assert respondent_code not in {i.respondent for i in interviews}
        assert code not in analysis.frequencies(coded)
        assert coding.fragment_count(db.session.get(Code, code)) == 0
    after = _text(chair.get(f"{BASE}/analysis"))
    assert _frequency_row(after, code) == [0, 0, 0, 0]
    assert f'<th scope="col">{respondent_code}</th>' not in after


# --- 9. the codebook as CSV --------------------------------------------------------------


def _rows(csv_text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))


def _book(cycle: Cycle) -> dict[str, tuple[str, str, str]]:
    return {
        c.name: (c.theme.name if c.theme else "", c.description, c.colour)
        for c in coding.codes_of(cycle)
    }


def _import(client, year: int, data: bytes):
    return client.post(
        f"/years/{year}/interviews/codebook/import",
        data={"file": (io.BytesIO(data), "codeboek.csv")},
        content_type="multipart/form-data",
    )


def test_export_then_import_into_a_new_year_reproduces_the_codebook(app, chair, member):
    with app.test_request_context():
        cycle = _cycle()
        plein = coding.save_theme(cycle, name="'t Schoolplein", description="Buiten")
        formula = coding.save_theme(cycle, name="+Formule thema", description="")
        for name, description, colour, theme in (
            ("=1+1", "@iedereen: let op", "#123abc", formula),
            ("-min", 'Een, met komma; en "aanhalingstekens"', "#00ff00", plein),
            ("'s Ochtends bij de poort", "'t Begint al vroeg", "#aa00aa", plein),
            ("Gewoon", "", "#fedcba", None),
        ):
            coding.save_code(
                cycle,
                name=name,
                description=description,
                colour=colour,
                theme_id=theme.id if theme else None,
            )
        db.session.commit()

    exported = member.get(f"{BASE}/codebook/export.csv")  # members may export too
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = {row["code"]: row for row in _rows(exported.get_data(as_text=True))}
    # cells a spreadsheet would run as a formula are defused; others are left as they are
    assert rows["'=1+1"]["description"] == "'@iedereen: let op"
    assert rows["'=1+1"]["theme"] == "'+Formule thema"
    assert "'-min" in rows and "=1+1" not in rows
    assert rows["'s Ochtends bij de poort"]["theme"] == "'t Schoolplein"
    assert rows["Gewoon"]["colour"] == "#fedcba"

    with app.test_request_context():
        core.start_cycle(db.session.get(School, _cycle().school_id), 2027, _user(CHAIR))
        db.session.commit()
        starters = {c.name for c in coding.codes_of(_cycle(2027))}
    imported = _import(chair, 2027, exported.data)
    assert imported.status_code == 302
    with app.app_context():
        old, new = _book(_cycle()), _book(_cycle(2027))
        assert {name: new.get(name) for name in old} == old
        assert set(new) - set(old) <= starters
        assert {t.name for t in coding.themes_of(_cycle(2027))} == {
            theme for theme, _, _ in old.values() if theme
        }
        assert new["=1+1"] == ("+Formule thema", "@iedereen: let op", "#123abc")
        assert new["'s Ochtends bij de poort"] == (
            "'t Schoolplein",
            "'t Begint al vroeg",
            "#aa00aa",
        )


@settings(max_examples=300, deadline=None)
@given(value=st.text(alphabet="'=+-@ ats", max_size=8))
def test_defusing_a_csv_cell_is_undone_exactly_on_import(value):
    safe = coding._csv_safe(value)
    assert safe[:1] not in coding.FORMULA_START
    assert coding._csv_unsafe(safe) == value


def test_a_csv_with_a_bad_colour_is_refused_whole(app, chair):
    (existing,) = _new_codes(app, "Toets bestaand")
    with app.app_context():
        codes_before = _book(_cycle())
        themes_before = {t.name for t in coding.themes_of(_cycle())}
    data = (
        b"theme,code,description,colour\n"
        b"Toets nieuw thema,Toets nieuwe code,Eerste regel,#abcdef\n"
        b",Toets bestaand,Andere uitleg,#123456\n"
        b"Toets nieuw thema,Toets derde code,,rood\n"
    )
    response = _import(chair, 2026, data)
    assert response.status_code == 302
    message = nl(app, "Line %(n)d: the colour must look like #f6c344.", n=4)
    assert message in _text(chair.get(response.headers["Location"]))
    with app.app_context():
        assert _book(_cycle()) == codes_before
        assert {t.name for t in coding.themes_of(_cycle())} == themes_before
        assert db.session.get(Code, existing).colour == "#abcdef"
    # the same file with the colour put right goes in
    fixed = data.replace(b",rood", b",#ff0000")
    assert _import(chair, 2026, fixed).status_code == 302
    with app.app_context():
        book = _book(_cycle())
        assert book["Toets nieuwe code"] == ("Toets nieuw thema", "Eerste regel", "#abcdef")
        assert book["Toets bestaand"] == ("", "Andere uitleg", "#123456")
        assert book["Toets derde code"] == ("Toets nieuw thema", "", "#ff0000")


# --- 10. focus, goals and the summary ----------------------------------------------------


def _new_theme(app, name: str) -> int:
    with app.test_request_context():
        theme_id = coding.save_theme(_cycle(), name=name, description="").id
        db.session.commit()
        return theme_id


def _new_goal(app, text: str, theme_ids: list[int]) -> int:
    with app.test_request_context():
        goal_id = coding.save_focus_goal(
            _cycle(), text=text, theme_ids=theme_ids, parent_id=None
        ).id
        db.session.commit()
        return goal_id


def _focus_goals() -> list[Goal]:
    return coding.focus_goals(_cycle())


def test_focus_goals_need_a_theme_link_to_the_startfoto_and_get_solutions(app, demo, chair, member):
    theme_id = _new_theme(app, "Toets bereikbaarheid")
    with app.test_request_context():
        startfoto = core.startfoto_goals(_cycle())
        assert startfoto, "the demo year has a startfoto with goals"
        parent_id = startfoto[0].id
        other = core.get_cycle(db.session.get(School, demo.other_school_id), 2026)
        foreign_theme = coding.save_theme(other, name="Elders", description="").id
        db.session.commit()
        before = len(_focus_goals())
    text = "Ouders horen binnen twee dagen wat de school doet."

    no_theme = member.post(f"{BASE}/focus/goals", data={"text": text, "parent_id": parent_id})
    assert no_theme.status_code == 422
    assert nl(app, "Link the goal to at least one theme.") in _text(no_theme)
    foreign = member.post(
        f"{BASE}/focus/goals", data={"text": text, "theme_ids": [foreign_theme], "parent_id": 0}
    )
    assert foreign.status_code == 422
    assert nl(app, "Choose themes of this year.") in _text(foreign)
    with app.app_context():
        assert len(_focus_goals()) == before

    added = member.post(
        f"{BASE}/focus/goals",
        data={"text": text, "theme_ids": [str(theme_id)], "parent_id": str(parent_id)},
    )
    assert added.status_code == 302
    with app.app_context():
        goal = next(g for g in _focus_goals() if g.text == text)
        goal_id = goal.id
        assert goal.parent_id == parent_id and coding.goal_theme_ids(goal) == {theme_id}

    # a focus goal is no startfoto goal to work towards
    nested = member.post(
        f"{BASE}/focus/goals",
        data={"text": "Nog een doel.", "theme_ids": [theme_id], "parent_id": goal_id},
    )
    assert nested.status_code == 422
    with app.test_request_context(), force_locale("nl"):
        with pytest.raises(
            DomainError, match=re.escape(gettext("Choose one of the startfoto's goals."))
        ):
            coding.save_focus_goal(
                _cycle(), text="Nog een doel.", theme_ids=[theme_id], parent_id=goal_id
            )
        db.session.rollback()
        assert [g.id for g in _focus_goals() if g.text == "Nog een doel."] == []
    # editing cannot drop the last theme
    edit = member.post(f"{BASE}/focus/goals/{goal_id}/edit", data={"text": text, "parent_id": 0})
    assert edit.status_code == 422
    with app.app_context():
        goal = db.session.get(Goal, goal_id)
        assert coding.goal_theme_ids(goal) == {theme_id} and goal.parent_id == parent_id

    solution = member.post(
        f"{BASE}/focus/goals/{goal_id}/solutions",
        data={"text": "Een vast terugbelmoment per week", "needs": "Een uur per week"},
    )
    assert solution.status_code == 302
    empty = member.post(f"{BASE}/focus/goals/{goal_id}/solutions", data={"text": "  "})
    assert nl(app, "Describe the activity or solution.") in _text(
        member.get(empty.headers["Location"])
    )
    with app.app_context():
        solutions = coding.solutions_of(db.session.get(Goal, goal_id))
        assert [(s.text, s.needs) for s in solutions] == [
            ("Een vast terugbelmoment per week", "Een uur per week")
        ]
    page = _text(member.get(f"{BASE}/focus"))
    assert text in page and "Een vast terugbelmoment per week" in page

    assert (
        chair.post(f"{BASE}/focus/goals/{goal_id}/delete", data={"confirm": "yes"}).status_code
        == 302
    )
    with app.app_context():
        assert db.session.get(Goal, goal_id) is None
        assert all(g.id != goal_id for g in _focus_goals())


def test_the_member_cannot_delete_a_goal(app, member):
    theme_id = _new_theme(app, "Toets thema verwijderen")
    goal_id = _new_goal(app, "Toets doel blijft", [theme_id])
    refused = member.post(f"{BASE}/focus/goals/{goal_id}/delete", data={"confirm": "yes"})
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.get(Goal, goal_id) is not None


def test_the_summary_shows_themes_and_goals_and_nothing_personal(app, chair, director):
    theme_id = _new_theme(app, "Toets samenvatting thema")
    (code,) = _new_codes(app, "Toets samenvatting code", theme_id=theme_id)
    quote = "Niemand belde ons terug, drie weken lang."
    rid, _ = _write_out(app, f"Vraag: Hoe ging het?\nAntwoord: {quote}", quotes=True)
    with app.test_request_context():
        transcript = db.session.get(Respondent, rid).transcript
        start = transcript.body.index(quote)
        coding.code_passage(
            transcript, _cycle(), _user(CHAIR), start=start, end=start + len(quote),
            code_ids=[code], is_quote=True,
        )  # fmt: skip
        goal = coding.save_focus_goal(
            _cycle(), text="Toets doel voor iedereen", theme_ids=[theme_id], parent_id=None
        )
        coding.add_solution(goal, "Toets oplossing: een vaste belronde", "")
        db.session.commit()
        cycle = _cycle()
        respondent_codes = [r.code for r in services.respondents_of(cycle)]
        quotes = [
            f.text
            for f in db.session.scalars(
                db.select(Fragment)
                .join(Transcript)
                .join(Respondent)
                .where(Respondent.cycle_id == cycle.id, Fragment.is_quote.is_(True))
            )
        ]
        names = [m.display_name for m in core.members_of(cycle)]
        names += [
            u.display_name
            for u in db.session.scalars(db.select(User).where(User.email.like("%@example.nl")))
        ]

    for client in (chair, director):
        response = client.get(f"{BASE}/summary")
        assert response.status_code == 200
        content = _main(response)
        assert "Toets samenvatting thema" in content
        assert "Toets doel voor iedereen" in content
        assert "Toets oplossing: een vaste belronde" in content
        mentioned = nl_n(app, "mentioned %(num)d time", "mentioned %(num)d times", 1)
        theme_line = content[content.index("Toets samenvatting thema") :]
        assert mentioned in theme_line[: theme_line.index("</li>")]
        assert not re.search(r"\bR\d{2,3}\b", content), "a respondent code on the summary"
        assert quote in quotes
        for text in quotes:
            assert text[:40] not in content, text
        for name in names:
            assert name not in content, name
        assert not any(code in content for code in respondent_codes)


def test_applying_codes_with_nothing_selected_says_so_and_codes_nothing(app, chair):
    """No mouse selection and the sentence choice left at "choose a sentence": nothing is
    coded (a browser sends the first option; it must not mean sentence 1)."""
    with app.app_context():
        respondent = db.session.scalar(
            db.select(Respondent).where(Respondent.cycle_id == _cycle().id, Respondent.number == 1)
        )
        rid, tid = respondent.id, respondent.transcript.id
        code_id = coding.codes_of(_cycle())[0].id
        before = len(_fragments_of(tid))
    url = f"/years/2026/interviews/coding/{rid}/fragments"
    body = {"from_sentence": "-1", "to_sentence": "-1", "code_ids": str(code_id)}
    for response in (chair.post(url, data=body), chair.htmx_post(url, data=body)):
        assert response.status_code == 422
        assert nl(app, "Select a passage of the write-out first.") in _text(response)
    with app.app_context():
        assert len(_fragments_of(tid)) == before
    # one sentence chosen (no end) codes exactly that sentence
    response = chair.htmx_post(url, data={**body, "from_sentence": "2"})
    assert response.status_code == 200
    with app.app_context():
        body_text = db.session.get(Transcript, tid).body
        start, end = coding.sentences(body_text)[2]
        newest = max(_fragments_of(tid), key=lambda f: f.id)
        assert (newest.start_offset, newest.end_offset) == (start, end)


def test_every_analysis_has_a_chart_and_a_table(app, chair):
    """Frequencies, saturation, the code × respondent matrix and co-occurrence: each an SVG
    chart with a description, and the numbers in a table beside it."""
    page = _text(chair.get("/years/2026/interviews/analysis"))
    with app.app_context():
        codes = len(coding.codes_of(_cycle()))
    charts = re.findall(r'<svg class="chart[^"]*"[^>]*role="img"', page)
    assert len(charts) == 4
    assert page.count("<desc") == 4 and page.count("<table") >= 4
    matrix = page.split('class="chart chart--matrix"')[1].split("</svg>")[0]
    assert matrix.count("<rect") == codes * 10  # every code × the ten write-outs


def test_telling_quotes_in_the_analysis_only_for_chair_and_coders(app, chair, member):
    """A quote is a piece of someone's write-out: a member who does not code sees the
    counts, not the quotes."""
    with app.app_context():
        quoted = db.session.scalars(
            db.select(Fragment).where(Fragment.is_quote.is_(True)).order_by(Fragment.id)
        ).first()
        text = quoted.text
    assert text in html.unescape(_text(chair.get("/years/2026/interviews/analysis")))
    _set_coder(app, "Samira El Idrissi", False)
    page = html.unescape(_text(member.get("/years/2026/interviews/analysis")))
    assert text not in page
    assert (
        nl(app, "Quotes are pieces of the write-outs: the chair and the coders see them here.")
        in page
    )
    _set_coder(app, "Samira El Idrissi", True)
    assert text in html.unescape(_text(member.get("/years/2026/interviews/analysis")))


LINES = [
    "Interviewer: Hoe gaat het op het plein?\n",
    "Ouder: Mijn zoon speelt vaak alleen.\n\n",
    "Interviewer: Wat doet de juf dan?\n",
    "Ouder: Ze praat erover in de kring, dat helpt.\n",
    "Interviewer: Dank u wel.",
]


def _line_spans(answer: str) -> dict[int, str]:
    """The lines an htmx answer redraws: their start and their text, segment by segment."""
    found = {}
    for start, inner in re.findall(
        r'<span class="line" id="line-(\d+)" hx-swap-oob="true">(.*?)</span>'
        r'(?=<span class="line"|\s*<ul)',
        answer,
        re.DOTALL,
    ):
        found[int(start)] = html.unescape(re.sub(r"<[^>]+>", "", inner))
    return found


def test_coding_with_htmx_redraws_only_the_lines_under_the_passage(app, chair):
    """The answer to coding carries the lines the passage lies on, cut into segments that
    hold their text exactly, with the new code's colour on the passage; the counts and the
    list of fragments follow; the other lines are not sent. The page itself holds every line."""
    body = "".join(LINES)
    rid, tid = _write_out(app, body)
    first, second = _new_codes(app, "Alleen spelen", "Juf in de kring")
    _code_sentences(app, rid, [[first]])  # the first sentence, on the first line
    starts = [sum(len(line) for line in LINES[:i]) for i in range(len(LINES))]
    url = f"{BASE}/coding/{rid}/fragments"
    passage = body.index("Ze praat erover")
    form = {"start": str(passage), "end": str(passage + len("Ze praat erover in de kring")),
            "from_sentence": "-1", "to_sentence": "-1", "code_ids": [str(second)]}  # fmt: skip

    answer = chair.htmx_post(url, data=form)
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    assert _line_spans(text) == {starts[3]: LINES[3]}  # one line, and all of it
    coded = re.search(
        rf'<span class="seg coded code-{second}" data-start="{passage}"[^>]*>([^<]*)<', text
    )
    assert coded and coded.group(1) == "Ze praat erover in de kring"
    assert "Interviewer: Hoe gaat het" not in text  # the rest of the write-out stays put
    assert re.search(rf'data-code="{first}">1<', text) and re.search(
        rf'data-code="{second}">1<', text
    )
    assert nl_n(app, "%(num)d coded fragment", "%(num)d coded fragments", 2) in _text(answer)
    assert (
        'hx-swap-oob="beforeend:#fragment-list"' in text and "Ze praat erover in de kring" in text
    )
    # its change form ticks its own code only
    assert f'name="code_ids" value="{second}" checked>' in text
    assert f'name="code_ids" value="{first}">' in text

    # a passage over two lines redraws both; the first sentence's colour stays where it was
    across = {**form, "start": str(body.index("speelt")), "end": str(body.index("Wat doet"))}
    answer = chair.htmx_post(url, data=across).get_data(as_text=True)
    assert _line_spans(answer) == {starts[1]: LINES[1], starts[2]: LINES[2]}
    assert len(re.findall(rf'class="seg coded code-{second}"', answer)) == 2

    # the whole page: every line, segments side by side adding up to the write-out
    page = chair.get(f"{BASE}/coding/{rid}").get_data(as_text=True)
    lines = re.findall(r'<span class="line" id="line-(\d+)">', page)
    assert [int(n) for n in lines] == starts
    segments = re.findall(r'<span class="seg[^"]*" data-start="(\d+)"[^>]*>([^<]*)</span>', page)
    assert "".join(html.unescape(t) for _, t in segments) == body
    assert [int(s) for s, _ in segments] == sorted({int(s) for s, _ in segments})
    assert re.search(rf'class="seg coded code-{first}" data-start="{starts[0]}"', page)
