"""The printable consent form: the current consent text with the respondent's code."""

from __future__ import annotations

from docx.shared import Pt

from reports.style import Brand, branded_document, clean, new_document, paragraphs


def build_consent_form(
    *,
    school_name: str,
    title: str,
    code_line: str,
    version_line: str,
    body: str,
    permissions_heading: str,
    permissions: list[str],
    signature_heading: str,
    signature_lines: list[str],
    brand: Brand | None = None,
):
    """All texts come in already translated; this function only lays them out.

    The form carries the respondent's code, never a name: the respondent writes their own name
    on paper, and the paper stays at school.
    """
    document = branded_document(brand, title) if brand else new_document(school_name, title)
    document.add_heading(title, level=1)
    meta = document.add_paragraph()
    meta.add_run(code_line).bold = True
    meta.add_run("\n" + clean(version_line))
    paragraphs(document, body)
    document.add_heading(permissions_heading, level=2)
    for permission in permissions:
        document.add_paragraph("☐  " + permission)
    document.add_heading(signature_heading, level=2)
    table = document.add_table(rows=len(signature_lines), cols=2)
    table.style = "Table Grid"
    for row, label in zip(table.rows, signature_lines, strict=True):
        row.cells[0].text = label
        row.height = Pt(28)
    return document
