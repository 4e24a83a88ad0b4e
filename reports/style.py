"""The house style of every LDD document: one place for fonts, colours, the header with the
school's logo, headings, tables, pictures with alt text and the table of contents.

Everything here is pure python-docx: no Flask, no database. Texts come in translated already.
Every text goes through ``clean`` first: Word files are XML, and XML cannot hold the control
characters that a pasted text sometimes carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

DEFAULT_COLOUR = "#1f5fa8"
ACCENT = RGBColor(0x1F, 0x5F, 0xA8)
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
#: Characters XML 1.0 cannot hold (python-docx refuses them).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Height of the logo in the page header.
LOGO_HEIGHT_CM = 1.4
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
HEADINGS = ("Title", "Heading 1", "Heading 2", "Heading 3")


@dataclass(frozen=True)
class Brand:
    """What a school's documents look like: its name, house colour and logo."""

    school_name: str
    colour: str = DEFAULT_COLOUR
    logo: bytes | None = None
    logo_mimetype: str = ""
    #: The alt text of the logo, e.g. "Logo of OBS De Regenboog".
    logo_alt: str = ""
    #: The language of the text, e.g. "nl-NL"; Word's spelling check and screen readers use it.
    language: str = ""


@dataclass(frozen=True)
class Figure:
    """A picture for a document (a chart), with the alt text that says what it shows."""

    png: bytes
    alt_text: str
    width_cm: float = 15.0
    title: str = ""


def clean(text) -> str:
    """Text that Word (XML) can hold."""
    return NOT_XML.sub("", str(text if text is not None else ""))


def rgb(colour: str | None) -> RGBColor:
    """``#rrggbb`` as a Word colour; the LDD blue for anything else."""
    if colour and COLOUR.fullmatch(colour):
        return RGBColor.from_string(colour[1:].upper())
    return ACCENT


def new_document(
    school_name: str,
    title: str,
    *,
    colour: str | None = None,
    logo: bytes | None = None,
    logo_mimetype: str = "",
    logo_alt: str = "",
    language: str = "",
) -> Document:
    """A document with the house fonts and colour, the school's logo and name in the header
    and page numbers in the footer."""
    document = Document()
    accent = rgb(colour)
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    for name in HEADINGS:
        style = styles[name]
        style.font.name = "Calibri"
        style.font.color.rgb = accent
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].font.size = Pt(16)
    styles["Heading 2"].font.size = Pt(13)
    styles["Heading 3"].font.size = Pt(11.5)
    if language:
        _set_language(document, language)
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if logo and logo_mimetype in ("image/png", "image/jpeg"):
        _header_logo(header, logo, logo_alt or school_name)
    header.add_run(clean(school_name))
    _page_number(section.footer.paragraphs[0])
    document.core_properties.title = clean(title)
    document.core_properties.author = clean(school_name)
    if language:
        document.core_properties.language = language
    return document


def branded_document(brand: Brand, title: str) -> Document:
    """``new_document`` for a ``Brand``."""
    return new_document(
        brand.school_name,
        title,
        colour=brand.colour,
        logo=brand.logo,
        logo_mimetype=brand.logo_mimetype,
        logo_alt=brand.logo_alt,
        language=brand.language,
    )


def house_colour(document) -> RGBColor:
    """The colour the document's headings were given."""
    return document.styles["Heading 1"].font.color.rgb or ACCENT


def _header_logo(paragraph, logo: bytes, alt: str) -> None:
    run = paragraph.add_run()
    try:
        shape = run.add_picture(BytesIO(logo), height=Cm(LOGO_HEIGHT_CM))
    except Exception:  # noqa: BLE001 - an unreadable logo leaves the header with the name only
        paragraph._p.remove(run._r)
        return
    set_alt_text(shape, alt)
    paragraph.add_run("   ")


def _set_language(document, language: str) -> None:
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def _page_number(paragraph) -> None:
    """A PAGE field, so Word numbers the pages itself."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph.add_run(), "PAGE")


def _field(run, instruction: str, placeholder: str = "") -> None:
    """A complex field (begin, instruction, separate, shown text, end) in ``run``'s place."""

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")  # Word brings the field up to date on opening
        return element

    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    run._r.append(char("begin"))
    run._r.append(text)
    run._r.append(char("separate"))
    shown = OxmlElement("w:t")
    shown.set(qn("xml:space"), "preserve")
    shown.text = clean(placeholder)
    run._r.append(shown)
    run._r.append(char("end"))


# --- building blocks ---------------------------------------------------------------------


def heading(document, text: str, level: int = 1):
    return document.add_heading(clean(text), level=level)


def paragraph(document, text: str = "", style: str | None = None, *, bold: bool = False):
    """A paragraph; line breaks in ``text`` stay line breaks."""
    result = document.add_paragraph(style=style)
    if text:
        result.add_run(clean(text)).bold = bold
    return result


def paragraphs(document, text: str, style: str | None = None) -> None:
    """A longer text: every blank line starts a new paragraph."""
    for part in [p.strip() for p in clean(text).split("\n\n") if p.strip()]:
        paragraph(document, part, style)


def bullets(document, items, style: str = "List Bullet") -> None:
    for item in items:
        paragraph(document, item, style)


def labelled(document, label: str, value: str):
    """ "Label: value" with the label in bold."""
    result = document.add_paragraph()
    result.add_run(clean(label) + ": ").bold = True
    result.add_run(clean(value))
    return result


def add_toc(document, placeholder: str = "", title: str = ""):
    """A table of contents of the headings 1 to 3, as a field Word fills in.

    Word updates it when the document opens (the field is marked dirty and the document asks
    for ``updateFields``); until then ``placeholder`` shows, e.g. "Right-click to update".
    """
    if title:
        document.add_paragraph(clean(title), style="TOC Heading")
    result = document.add_paragraph()
    _field(result.add_run(), TOC_INSTRUCTION, placeholder)
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
    return result


def add_table(
    document,
    header: list[str],
    rows: list[list[str]],
    *,
    widths_cm: list[float] | None = None,
    caption: str = "",
    style: str = "Table Grid",
):
    """A table whose first row is a real header row: it repeats on every page (``tblHeader``)
    and screen readers announce it. The header has the house colour with white bold text."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = style
    widths_cm = widths_cm or _column_widths(header, rows)
    table.autofit = False
    head = table.rows[0]
    properties = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    no_split = OxmlElement("w:cantSplit")
    no_split.set(qn("w:val"), "true")
    properties.append(no_split)
    fill = str(house_colour(document))
    for cell, text in zip(head.cells, header, strict=True):
        run = cell.paragraphs[0].add_run(clean(text))
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = clean(value)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)  # each cell, which Word reads
    if caption:
        _table_caption(table, caption)
    return table


#: The width of the text on an A4 page with Word's default margins.
TEXT_WIDTH_CM = 15.9


def _column_widths(header: list[str], rows: list[list[str]]) -> list[float]:
    """Widths that fit what the columns hold: every column gets room for its longest word (no
    "Beginwaard-e"), and the rest of the page width goes to the columns with long texts, in
    proportion to their average length (capped, so one long cell does not squeeze the rest)."""
    minimums, extras = [], []
    for index, title in enumerate(header):
        texts = [str(title)] + [str(row[index]) for row in rows if index < len(row)]
        longest = max((len(word) for text in texts for word in text.split()), default=1)
        # about 0.25 cm a character at 11 pt (bold headers, wider fonts), plus the cell padding
        minimums.append(longest * 0.25 + 0.5)
        average = sum(len(text) for text in texts) / len(texts)
        extras.append(max(min(average, 45.0) - longest, 0.0))
    room = TEXT_WIDTH_CM - sum(minimums)
    if room <= 0:
        return [TEXT_WIDTH_CM * m / sum(minimums) for m in minimums]
    shares = extras if sum(extras) else minimums
    return [m + room * s / sum(shares) for m, s in zip(minimums, shares, strict=True)]


def _table_caption(table, caption: str) -> None:
    """The table's alt text (Word: Table Properties, Alt Text)."""
    properties = table._tbl.tblPr
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), clean(caption)[:250])
    # tblCaption comes after tblLayout/tblCellMar/tblLook in the schema: append at the end.
    properties.append(element)


def set_alt_text(shape, description: str, title: str = "") -> None:
    """Alt text of a picture: ``descr`` (and ``title``) on its ``wp:docPr``; python-docx has no
    API for it."""
    properties = shape._inline.docPr
    properties.set("descr", clean(description))
    if title:
        properties.set("title", clean(title))


def add_picture(document, png: bytes, alt_text: str, width_cm: float = 15.0, title: str = ""):
    """A picture in a paragraph of its own, with its alt text. Returns the inline shape."""
    run = document.add_paragraph().add_run()
    shape = run.add_picture(BytesIO(png), width=Cm(width_cm))
    set_alt_text(shape, alt_text, title)
    return shape


def add_figure(document, figure: Figure):
    return add_picture(document, figure.png, figure.alt_text, figure.width_cm, figure.title)
