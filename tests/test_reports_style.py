"""The house style of the documents, without the app: colour, logo, headings, tables with a
repeating header row, pictures with alt text, the table of contents."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from docx.shared import RGBColor
from PIL import Image

from reports.style import (
    Brand,
    Figure,
    add_figure,
    add_picture,
    add_table,
    add_toc,
    branded_document,
    clean,
    heading,
    new_document,
    paragraph,
    rgb,
)


def png(size=(40, 20), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def jpeg(size=(40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


def reopen(document) -> docx.Document:
    buffer = io.BytesIO()
    document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def test_new_document_keeps_working_without_the_new_arguments():
    document = reopen(new_document("Basisschool De Linde", "Interviewkaart"))
    assert document.sections[0].header.paragraphs[0].text == "Basisschool De Linde"
    assert document.core_properties.title == "Interviewkaart"
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x1F, 0x5F, 0xA8)
    assert document.sections[0].header._element.findall(".//" + qn("wp:docPr")) == []


def test_headings_get_the_house_colour_and_the_logo_sits_in_the_header_with_alt_text():
    document = new_document(
        "Basisschool De Linde",
        "Verslag",
        colour="#7a1f5c",
        logo=png(),
        logo_mimetype="image/png",
        logo_alt="Logo van Basisschool De Linde",
        language="nl-NL",
    )
    heading(document, "Eerste kop", 1)
    heading(document, "Tweede kop", 2)
    document = reopen(document)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        assert document.styles[name].font.color.rgb == RGBColor(0x7A, 0x1F, 0x5C), name
    assert [p.style.name for p in document.paragraphs if p.text] == ["Heading 1", "Heading 2"]
    header = document.sections[0].header
    assert header.paragraphs[0].text.strip() == "Basisschool De Linde"
    pictures = header._element.findall(".//" + qn("wp:docPr"))
    assert len(pictures) == 1
    assert pictures[0].get("descr") == "Logo van Basisschool De Linde"
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "nl-NL"


def test_a_jpeg_logo_works_and_a_broken_one_leaves_the_name_only():
    with_jpeg = reopen(
        new_document("School", "T", logo=jpeg(), logo_mimetype="image/jpeg", logo_alt="Logo")
    )
    assert len(with_jpeg.sections[0].header._element.findall(".//" + qn("wp:docPr"))) == 1
    broken = reopen(
        new_document("School", "T", logo=b"\x89PNG\r\n\x1a\nkapot", logo_mimetype="image/png")
    )
    header = broken.sections[0].header
    assert header.paragraphs[0].text == "School"
    assert header._element.findall(".//" + qn("wp:docPr")) == []


def test_an_invalid_colour_falls_back_to_the_ldd_blue():
    assert rgb("red") == RGBColor(0x1F, 0x5F, 0xA8)
    assert rgb("#00ff00") == RGBColor(0x00, 0xFF, 0x00)
    document = new_document("School", "T", colour="javascript:alert(1)")
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x1F, 0x5F, 0xA8)


def test_a_table_has_a_repeating_header_row_in_the_house_colour_and_a_caption():
    document = new_document("School", "T", colour="#225533")
    add_table(
        document,
        ["Code", "Aantal"],
        [["Pas laat gehoord", "24"], ["Terugbellen", "19"]],
        caption="Codes en aantallen",
    )
    document = reopen(document)
    (table,) = document.tables
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == ["Code", "Aantal"]
    assert [c.text for c in table.rows[2].cells] == ["Terugbellen", "19"]
    header_props = table.rows[0]._tr.trPr
    repeat = header_props.find(qn("w:tblHeader"))
    assert repeat is not None and repeat.get(qn("w:val")) == "true"
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    shading = table.rows[0].cells[0]._tc.tcPr.find(qn("w:shd"))
    assert shading.get(qn("w:fill")) == "225533"
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption.get(qn("w:val")) == "Codes en aantallen"


def test_pictures_carry_their_alt_text_and_title():
    document = new_document("School", "T")
    shape = add_picture(document, png((300, 150)), "Staafdiagram met drie staven.", 12, "Codes")
    add_figure(document, Figure(png(), "Tweede plaatje.", 8.0))
    assert shape.width.cm > 11.9
    document = reopen(document)
    assert len(document.inline_shapes) == 2
    described = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert described == ["Staafdiagram met drie staven.", "Tweede plaatje."]
    assert document.inline_shapes[0]._inline.docPr.get("title") == "Codes"


def test_the_table_of_contents_is_a_toc_field_word_updates_on_opening():
    document = new_document("School", "T")
    add_toc(document, "Klik met de rechtermuisknop om de inhoud bij te werken.", "Inhoud")
    heading(document, "Hoofdstuk", 1)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        body = archive.read("word/document.xml").decode()
        settings = archive.read("word/settings.xml").decode()
    assert 'TOC \\o "1-3" \\h \\z \\u' in body
    assert 'w:fldCharType="begin"' in body and 'w:fldCharType="end"' in body
    assert "Klik met de rechtermuisknop" in body
    assert "updateFields" in settings
    reopened = docx.Document(io.BytesIO(buffer.getvalue()))
    assert reopened.paragraphs[0].style.name == "TOC Heading"


def test_control_characters_never_break_a_document():
    text = "Notitie\x01 met\x0b stuurtekens\x1f"
    assert clean(text) == "Notitie met stuurtekens"
    document = branded_document(Brand("School\x02"), "Titel\x03")
    paragraph(document, text)
    add_table(document, ["Kop\x04"], [["Cel\x05"]])
    document = reopen(document)
    assert document.paragraphs[0].text == "Notitie met stuurtekens"
    assert document.tables[0].rows[1].cells[0].text == "Cel"
