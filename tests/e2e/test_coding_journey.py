"""DENKEN in a real browser: the chair codes a demo write-out by selecting passages with the
mouse (a drag, a drag backwards, a triple click), gives them codes through the htmx form, marks a
telling quote, and finds it all back in the analysis; and a keyboard-only coder chooses sentences
instead of selecting text.

As in test_interviews_journey.py, the tests assert on ids, classes, URLs and what they selected;
texts are looked up in the catalog (``nl``). The demo's own coding is still growing, so counts
are read before and compared after, never hard-coded."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app import db
from interviews import coding
from interviews.models import Fragment, Respondent, Transcript
from tests.e2e.helpers import PHONE, assert_no_horizontal_scroll, log_in, nl
from workgroup.models import Cycle

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 800}
CHAIR = "voorzitter@example.nl"
YEAR = 2026
ANALYSIS = f"/years/{YEAR}/interviews/analysis"


# --- the data behind the pages -----------------------------------------------------------


@dataclass(frozen=True)
class WriteOut:
    respondent_id: int
    code: str
    transcript_id: int
    body: str
    codes: dict[int, str]  #: code id → name, in codebook order
    themes: dict[int, str | None]  #: code id → theme name (None: no theme)

    @property
    def url(self) -> str:
        return f"/years/{YEAR}/interviews/coding/{self.respondent_id}"


def _write_out(app, demo) -> WriteOut:
    """The demo's first written-out interview, with the codebook of its year."""
    with app.app_context():
        cycle = db.session.scalar(
            select(Cycle).where(Cycle.school_id == demo.school_id, Cycle.start_year == demo.year)
        )
        respondent = db.session.scalars(
            select(Respondent)
            .join(Transcript, Transcript.respondent_id == Respondent.id)
            .where(Respondent.cycle_id == cycle.id)
            .order_by(Respondent.number)
        ).first()
        assert respondent is not None, "the demo school has no write-outs"
        codes = coding.codes_of(cycle)
        assert len(codes) >= 3, "the demo codebook needs at least three codes"
        return WriteOut(
            respondent.id,
            respondent.code,
            respondent.transcript.id,
            respondent.transcript.body,
            {c.id: c.name for c in codes},
            {c.id: c.theme.name if c.theme else None for c in codes},
        )


def _fragment_ids(app, transcript_id: int) -> set[int]:
    with app.app_context():
        return set(
            db.session.scalars(select(Fragment.id).where(Fragment.transcript_id == transcript_id))
        )


@dataclass(frozen=True)
class Stored:
    start: int
    end: int
    text: str
    body: str
    code_ids: frozenset[int]
    is_quote: bool
    needs_review: bool


def _stored(app, fragment_id: int) -> Stored:
    with app.app_context():
        fragment = db.session.get(Fragment, fragment_id)
        body = db.session.get(Transcript, fragment.transcript_id).body
        return Stored(
            fragment.start_offset,
            fragment.end_offset,
            fragment.text,
            body,
            frozenset(c.id for c in fragment.codes),
            fragment.is_quote,
            fragment.needs_review,
        )


def _new_fragment(app, write_out: WriteOut, before: set[int]) -> int:
    added = _fragment_ids(app, write_out.transcript_id) - before
    assert len(added) == 1, f"expected one new fragment, found {sorted(added)}"
    return added.pop()


# --- the analysis page -------------------------------------------------------------------


def read_frequencies(page: Page) -> tuple[dict[int, int], dict[str, int]]:
    """The analysis as shown: code id → total in #frequency-table, and code name → number in
    #frequency-chart (the chart leaves out codes nobody used)."""
    table = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#frequency-table tbody tr')]
            .map(row => {
              const swatch = row.querySelector('th .swatch');
              const id = swatch && [...swatch.classList].find(c => /^swatch-\\d+$/.test(c));
              const cells = row.querySelectorAll('td');
              return [id ? id.slice(7) : row.querySelector('th').textContent.trim(),
                      cells[cells.length - 1].textContent.trim()];
            }))"""
    )
    chart = page.evaluate(
        """() => [...document.querySelectorAll('#frequency-chart rect > title')]
            .map(t => t.textContent)"""
    )
    shown = {}
    for title in chart:
        name, _, number = title.rpartition(": ")
        shown[name] = int(number)
    return {int(k): int(v) for k, v in table.items()}, shown


def open_analysis(page: Page, base: str) -> tuple[dict[int, int], dict[str, int]]:
    page.goto(f"{base}{ANALYSIS}")
    expect(page.locator("#frequency-table")).to_be_visible()
    expect(page.locator("#frequency-chart")).to_be_visible()
    return read_frequencies(page)


# --- selecting text with the mouse -------------------------------------------------------

#: The client rectangle of the character at a text offset (read only: nothing is changed).
CHAR_RECT = """(offset) => {
  const spans = [...document.querySelectorAll('#transcript-text span[data-start]')];
  const span = spans.filter(s => +s.dataset.start <= offset).pop();
  const node = span.firstChild;
  const range = document.createRange();
  range.setStart(node, offset - +span.dataset.start);
  range.setEnd(node, offset - +span.dataset.start + 1);
  const r = range.getClientRects()[0];
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
}"""


def _scroll_to(page: Page, offset: int) -> None:
    """Bring the character into the upper part of the window with the mouse wheel, the way a
    reader scrolls, and wait until the (smooth) scrolling has come to rest."""
    top = page.evaluate(CHAR_RECT, offset)["top"]
    page.mouse.wheel(0, top - 160)
    positions = []
    for _ in range(100):
        page.wait_for_timeout(50)
        positions.append(page.evaluate("window.scrollY"))
        if len(positions) >= 4 and len(set(positions[-4:])) == 1:
            return
    raise AssertionError(f"the page kept scrolling: {positions[-5:]}")


def _point(page: Page, offset: int, side: str) -> tuple[float, float]:
    rect = page.evaluate(CHAR_RECT, offset)
    x = rect["left"] + 1 if side == "before" else rect["right"] - 1
    return x, (rect["top"] + rect["bottom"]) / 2


def drag_select(page: Page, start: int, end: int, *, backwards: bool = False) -> str:
    """Press the mouse before ``body[start]``, drag to after ``body[end - 1]`` (or the other
    way round) and let go. Returns what the browser selected."""
    _scroll_to(page, start)
    first, last = _point(page, start, "before"), _point(page, end - 1, "after")
    if backwards:
        first, last = last, first
    page.mouse.move(*first)
    page.mouse.down()
    page.mouse.move(*last, steps=12)
    page.mouse.up()
    return _selection(page)


def triple_click_select(page: Page, offset: int) -> str:
    """A triple click selects the whole paragraph (line) around ``body[offset]``."""
    _scroll_to(page, offset)
    page.mouse.click(*_point(page, offset, "after"), click_count=3)
    return _selection(page)


def _selection(page: Page) -> str:
    selected = page.evaluate("() => window.getSelection().toString()")
    assert selected.strip(), "the mouse selected nothing"
    inside = page.evaluate(
        """() => { const s = window.getSelection(), t = document.getElementById('transcript-text');
                   return t.contains(s.anchorNode) && t.contains(s.focusNode); }"""
    )
    assert inside, "the selection left the write-out"
    return selected


def passages(body: str) -> list[tuple[int, int]]:
    """Two passages that cross a sentence boundary (word to word, within one line)."""
    spans = coding.sentences(body)
    found = []
    for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
        if "\n" in body[s1:e2] or len(found) == 2:
            continue
        first = list(re.finditer(r"\S+", body[s1:e1]))
        second = list(re.finditer(r"\S+", body[s2:e2]))
        if len(first) < 4 or len(second) < 4:
            continue
        start, end = s1 + first[2].start(), s2 + second[2].end()
        if found and start < found[-1][1] + 200:
            continue  # the next one a little further on, clear of the first one's form
        found.append((start, end))
    assert len(found) == 2, "the write-out needs a few sentences in a row"
    return found


def long_line(body: str, after: int) -> int:
    """An offset in the middle of a word, halfway a long line that starts after ``after``."""
    line = next(
        m for m in re.finditer(r"[^\n]+", body) if m.start() > after and len(m.group()) > 200
    )
    middle = line.start() + len(line.group()) // 2
    return next(m.start() for m in re.finditer(r"\S+", body) if m.start() >= middle)


# --- coding ------------------------------------------------------------------------------


def tick_codes(page: Page, code_ids: list[int]) -> None:
    for code_id in code_ids:
        box = page.locator(f'#fragment-form input[name="code_ids"][value="{code_id}"]')
        box.check()
        expect(box).to_be_checked()


def apply_codes(page: Page, submit=None) -> None:
    """Submit #fragment-form; htmx updates the coding area in place (no page load)."""
    with page.expect_response(lambda r: r.request.method == "POST" and "/fragments" in r.url) as r:
        if submit is None:
            page.click("#fragment-form button[type=submit]")
        else:
            submit()
    assert r.value.status == 200, r.value.text()[:500]
    assert r.value.request.headers.get("hx-request") == "true", "not sent by htmx"
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"


def test_chair_codes_passages_with_the_mouse_and_sees_them_in_the_analysis(
    app, demo, live_server, page: Page
):
    base = live_server
    w = _write_out(app, demo)
    page.set_viewport_size(DESKTOP)
    log_in(page, base, CHAIR)

    # The analysis before any coding, to compare with afterwards.
    table_before, chart_before = open_analysis(page, base)
    assert set(table_before) == set(w.codes)

    page.goto(f"{base}{w.url}")
    expect(page.locator("main h1")).to_contain_text(w.code)
    expect(page.locator("#transcript-text")).to_be_visible()
    page.evaluate("() => { window.__sameDocument = true; }")
    # The spans hold the stored text exactly, one after the other.
    shown = page.evaluate(
        """() => [...document.querySelectorAll('#transcript-text span[data-start]')]
            .map(s => [+s.dataset.start, s.textContent])"""
    )
    assert "".join(t for _, t in shown) == w.body
    assert all(start == len("".join(t for _, t in shown[:i])) for i, (start, _) in enumerate(shown))

    ids = list(w.codes)
    (p1, p2) = passages(w.body)
    plan = [  # how to select, which codes, telling quote?
        (lambda: drag_select(page, *p1), [ids[0], ids[2]], True),
        (lambda: drag_select(page, *p2, backwards=True), [ids[1]], False),
        (lambda: triple_click_select(page, long_line(w.body, p2[1])), [ids[0]], False),
    ]
    added: Counter = Counter()
    quote = None
    for select_passage, code_ids, is_quote in plan:
        before = _fragment_ids(app, w.transcript_id)
        selected = select_passage().strip()

        # The script turned the selection into offsets of the stored text and showed it.
        page.wait_for_function(
            """(t) => document.getElementById('selection-preview').textContent ===
                      '“' + (t.length > 160 ? t.slice(0, 160) + '…' : t) + '”'""",
            arg=selected,
        )
        start = int(page.input_value("#fragment-start"))
        end = int(page.input_value("#fragment-end"))
        assert w.body[start:end].strip() == selected
        form = page.locator("#fragment-form")
        expect(form).to_have_class(re.compile(r"(^|\s)coding-form--selected(\s|$)"))
        expect(form).to_have_class(re.compile(r"(^|\s)coding-form--popover(\s|$)"))
        expect(form).to_be_in_viewport()
        preview = page.locator("#selection-preview")
        expect(preview).not_to_have_class(re.compile(r"(^|\s)muted(\s|$)"))
        expect(preview).to_contain_text(selected[:40])

        tick_codes(page, code_ids)
        if is_quote:
            page.check("#fragment-form #is_quote")
        apply_codes(page)

        fid = _new_fragment(app, w, before)
        stored = _stored(app, fid)
        assert stored.text == stored.body[stored.start : stored.end] == selected
        assert stored.code_ids == set(code_ids) and stored.is_quote is is_quote
        assert not stored.needs_review
        item = page.locator(f".fragment-list #fragment-{fid}")
        expect(item).to_be_visible()
        assert item.locator("blockquote").text_content().strip() == selected
        for code_id in code_ids:
            expect(item.locator(f".tag .swatch-{code_id}")).to_have_count(1)
        expect(item.locator(".tag--quote")).to_have_count(1 if is_quote else 0)
        # The form is back in its place, empty, ready for the next passage.
        expect(page.locator("#fragment-form")).not_to_have_class(re.compile("coding-form--"))
        expect(page.locator("#fragment-start")).to_have_value("")
        expect(page.locator("#fragment-form input[name=code_ids]:checked")).to_have_count(0)
        added.update(code_ids)
        if is_quote:
            quote = (stored.text, code_ids)

    # The passages are highlighted: the text still reads as stored, with coded segments.
    expect(page.locator("#transcript-text .seg.coded").first).to_be_visible()
    assert page.locator("#transcript-text").text_content() == w.body

    # The analysis counts exactly what was added, for those codes, and nothing else.
    table_after, chart_after = open_analysis(page, base)
    assert table_after == {c: table_before[c] + added[c] for c in table_before}
    expected_chart = {
        w.codes[c]: chart_before.get(w.codes[c], 0) + added[c]
        for c in w.codes
        if chart_before.get(w.codes[c], 0) + added[c]
    }
    assert chart_after == expected_chart

    # The telling quote is under the theme of each of its codes, with the respondent's code.
    text, quote_codes = quote
    section = page.locator("section[aria-labelledby=quotes-title]")
    headings = {w.themes[c] or nl(app, "Codes without a theme") for c in quote_codes}
    for heading in headings:
        h3 = section.locator("h3").filter(has_text=re.compile(rf"^\s*{re.escape(heading)}\s*$"))
        expect(h3).to_have_count(1)
        listed = h3.locator("xpath=following-sibling::ul[1]").locator("li").filter(has_text=text)
        expect(listed).to_have_count(1)
        expect(listed.locator("blockquote")).to_have_text(f"“{text}”")
        expect(listed).to_contain_text(f"— {w.code}")

    # On a phone the analysis fits the screen; wide tables scroll inside their wrapper.
    page.set_viewport_size(PHONE)
    page.reload()
    assert_no_horizontal_scroll(page)


def _focused(page: Page) -> str:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return e.id || (e.tagName.toLowerCase() + '.' + e.className); }"""
    )


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}; ended on {_focused(page)}")


def test_keyboard_coder_chooses_sentences(app, demo, live_server, page: Page):
    base = live_server
    w = _write_out(app, demo)
    spans = coding.sentences(w.body)
    first, last = 2, 3
    code_id = next(iter(w.codes))
    page.set_viewport_size(DESKTOP)
    log_in(page, base, CHAIR)
    page.goto(f"{base}{w.url}")
    expect(page.locator("#transcript-text")).to_be_visible()
    page.evaluate("() => { window.__sameDocument = true; }")
    before = _fragment_ids(app, w.transcript_id)

    # From the top of the page, Tab to the sentence choice and open it.
    page.locator("body").focus()
    summary = "#fragment-form details.by-sentence > summary"
    tab_to(page, summary)
    expect(page.locator(summary)).to_have_text(nl(app, "Choose sentences (keyboard)"))
    page.keyboard.press("Enter")
    expect(page.locator("#fragment-form details.by-sentence")).to_have_attribute("open", "")

    # From sentence 3 to sentence 4, with the arrow keys (past "choose a sentence" first).
    page.keyboard.press("Tab")
    assert _focused(page) == "from_sentence"
    for _ in range(first + 1):
        page.keyboard.press("ArrowDown")
    expect(page.locator("#from_sentence")).to_have_value(str(first))
    page.keyboard.press("Tab")
    assert _focused(page) == "to_sentence"
    for _ in range(last + 1):
        page.keyboard.press("ArrowDown")
    expect(page.locator("#to_sentence")).to_have_value(str(last))

    # A code: Tab to its check box, Space ticks it; then on to the button.
    tab_to(page, f'#fragment-form input[name="code_ids"][value="{code_id}"]')
    page.keyboard.press("Space")
    expect(
        page.locator(f'#fragment-form input[name="code_ids"][value="{code_id}"]')
    ).to_be_checked()
    tab_to(page, "#fragment-form button[type=submit]")
    apply_codes(page, lambda: page.keyboard.press("Enter"))

    fid = _new_fragment(app, w, before)
    stored = _stored(app, fid)
    expected = w.body[spans[first][0] : spans[last][1]]
    assert (stored.start, stored.end) == (spans[first][0], spans[last][1])
    assert stored.text == expected and stored.code_ids == {code_id}
    item = page.locator(f".fragment-list #fragment-{fid}")
    expect(item).to_be_visible()
    assert item.locator("blockquote").text_content() == expected
    expect(page.locator("#fragment-form input[name=code_ids]:checked")).to_have_count(0)

    # Focus stays in the coding area, so the next passage is a few Tabs away, not a page.
    assert page.evaluate(
        "() => document.getElementById('coding-area').contains(document.activeElement)"
    ), f"focus was lost after coding: {_focused(page)}"


def test_a_drag_past_the_end_codes_only_the_write_out(app, demo, live_server, page: Page):
    """Letting go of the mouse below the text (the selection runs on into the form) codes the
    passage up to the end of the write-out, and nothing of the page around it."""
    base = live_server
    w = _write_out(app, demo)
    page.set_viewport_size(DESKTOP)
    log_in(page, base, CHAIR)
    page.goto(f"{base}{w.url}")
    expect(page.locator("#transcript-text")).to_be_visible()
    page.evaluate("() => { window.__sameDocument = true; }")
    before = _fragment_ids(app, w.transcript_id)

    text_end = len(w.body.rstrip())
    words = list(re.finditer(r"\S+", w.body))
    start = words[-4].start()
    _scroll_to(page, start)
    x, y = _point(page, start, "before")
    below = page.locator(".coding__text").bounding_box()
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, below["y"] + below["height"] + 40, steps=10)
    page.mouse.up()
    selected = page.evaluate("() => window.getSelection().toString()")
    assert selected.startswith(w.body[start:text_end]) and len(selected) > text_end - start

    expect(page.locator("#fragment-end")).to_have_value(str(text_end))
    expect(page.locator("#fragment-start")).to_have_value(str(start))
    tick_codes(page, [next(iter(w.codes))])
    apply_codes(page)
    fid = _new_fragment(app, w, before)
    stored = _stored(app, fid)
    assert (stored.start, stored.end) == (start, text_end)
    assert stored.text == w.body[start:text_end]
    item = page.locator(f".fragment-list #fragment-{fid}")
    expect(item).to_be_visible()
    assert item.locator("blockquote").text_content() == stored.text
