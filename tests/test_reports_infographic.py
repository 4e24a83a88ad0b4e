"""The infographic for the team and the parents: one A4 page in Word and one PNG, without
personal data."""

from __future__ import annotations

import io
import re

import docx
from docx.shared import Cm
from flask_babel import force_locale, gettext
from PIL import Image

from app import db
from interviews import analysis, coding
from reports import data as gatherers
from reports.infographic import InfographicData, build_infographic, render_infographic_png
from reports.style import Brand
from workgroup import services as core
from workgroup.models import School

BASE = "/years/2026/reports"
CODE = re.compile(r"\bR\d{2}\b")


def nl(app, msgid: str, **values) -> str:
    with app.test_request_context(), force_locale("nl"):
        return gettext(msgid, **values)


def _cycle():
    school = db.session.scalar(db.select(School).where(School.is_demo.is_(True)))
    return core.get_cycle(school, 2026)


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_the_infographic_is_one_a4_page_with_numbers_themes_goals_and_no_personal_data(
    app, director
):
    response = director.get(f"{BASE}/infographic.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    with app.test_request_context():
        cycle = _cycle()
        coded, held = analysis.load(cycle)
        goals = [g.text for g in coding.focus_goals(cycle)]
        members = [m.display_name for m in cycle.members]
        quotes = [f.text for f in coded if f.is_quote]
    # A4, one section, no page breaks
    (section,) = document.sections
    assert abs(section.page_width - Cm(21)) < Cm(0.05)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.05)
    assert 'w:type="page"' not in document.element.xml
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [
        nl(app, "What we heard, and what we will do")
    ]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        nl(app, "What we did"),
        nl(app, "What came back most"),
        nl(app, "Our goals"),
        nl(app, "What we are trying out"),
    ]
    (numbers,) = document.tables
    assert [c.text for c in numbers.rows[0].cells] == [
        nl(app, "Parents"), nl(app, "Teachers"), nl(app, "Pupils"),
    ]  # fmt: skip
    counts = [int(c.text) for c in numbers.rows[1].cells]
    assert counts == [sum(1 for i in held if i.group == g) for g in ("parent", "teacher", "pupil")]
    assert sum(counts) == 10

    (chart,) = document.inline_shapes
    alt = chart._inline.docPr.get("descr")
    assert alt.startswith(nl(app, "The themes that came back most"))
    assert chart.width <= Cm(14.01)
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered == goals
    text = _text(document)
    # what we are trying out: the demo's experiments (reports.doen fills the hook)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == [
        "Vrijdagbericht aan ouders",
        "Gesprekskaartje voor het eerste gesprek",
        "Vijf minuten over pesten op de informatieavond",
    ]
    # no personal data: no codes of respondents, no quotes, no names of members
    assert not CODE.search(text + alt)
    assert not any(quote in text for quote in quotes)
    assert not any(name in text + alt for name in members)


def test_the_top_five_themes_are_in_the_chart_in_order(app, demo):
    with app.test_request_context(), force_locale("nl"):
        data = gatherers.gather_infographic(_cycle())
    assert len(data.themes) == 5
    assert [count for _, count in data.themes] == sorted(
        (count for _, count in data.themes), reverse=True
    )
    for name, count in data.themes:
        assert f"{name}: {count}" in data.chart.alt_text


def test_the_experiments_hook_fills_the_last_block(app, chair):
    gatherers.EXPERIMENT_TITLES.append(lambda cycle: ["Belafspraak", "Gesprekskaartje"])
    try:
        response = chair.get(f"{BASE}/infographic.docx")
    finally:
        gatherers.EXPERIMENT_TITLES.pop()
    document = docx.Document(io.BytesIO(response.data))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[-2:] == ["Belafspraak", "Gesprekskaartje"]


def test_the_png_for_the_newsletter_is_an_a4_picture_with_the_alt_text_inside(app, member):
    response = member.get(f"{BASE}/infographic.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert "attachment" in response.headers["Content-Disposition"]
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG"
    width, height = image.size
    assert (width, height) == (1240, 1753) or abs(height / width - 29.7 / 21) < 0.01
    description = image.info.get("Description", "")
    assert nl(app, "What we heard, and what we will do") in description
    assert not CODE.search(description)
    # the house colour is the banner at the top
    assert image.convert("RGB").getpixel((5, 5)) == (0x1F, 0x5F, 0xA8)


def test_the_png_takes_the_house_colour_and_survives_odd_text():
    data = InfographicData(
        brand=Brand("School $x$ 😀", colour="#225533"),
        labels={
            key: key
            for key in (
                "what_we_did",
                "what_came_back",
                "our_goals",
                "trying_out",
                "no_themes",
                "no_goals",
                "no_experiments",
            )
        }
        | {"and_more": "and %(n)d more"},  # fmt: skip
        title="Wat we hoorden $\\alpha$",
        subtitle="Werkgroep · 2026–2027 \x01",
        did_text="We spraken met 0 mensen.",
        numbers=[("Ouders", 0), ("Leerkrachten", 0), ("Leerlingen", 0)],
        themes=[],
        chart=None,
        goals=[f"Doel {n} 😀" for n in range(8)],
    )
    image = Image.open(io.BytesIO(render_infographic_png(data, dpi=50))).convert("RGB")
    assert image.getpixel((3, 3)) == (0x22, 0x55, 0x33)
    document = build_infographic(data)
    goals = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert goals == [f"Doel {n} 😀" for n in range(5)] + ["and 3 more"]
    assert "no_themes" in [p.text for p in document.paragraphs]
