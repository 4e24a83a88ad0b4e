"""The interview card: one printable page to keep in your pocket during an interview."""

from __future__ import annotations

from docx.shared import Cm

from reports.style import Brand, branded_document, new_document


def build_interview_card(
    *,
    school_name: str,
    title: str,
    intro_hint: str,
    prompts_heading: str,
    prompts: list[str],
    reminders_heading: str,
    reminders: list[str],
    brand: Brand | None = None,
):
    """All texts come in already translated; this function only lays them out."""
    document = branded_document(brand, title) if brand else new_document(school_name, title)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(1.5)
    document.add_heading(title, level=1)
    document.add_paragraph(intro_hint)
    document.add_heading(prompts_heading, level=2)
    for prompt in prompts:
        document.add_paragraph(prompt, style="List Bullet")
    document.add_heading(reminders_heading, level=2)
    for reminder in reminders:
        document.add_paragraph(reminder, style="List Number")
    return document
