"""The codebook as a Word document (themes with their codes, descriptions and counts) and one
theme's telling quotes. Pure: ``reports.data`` gathers the texts, translated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reports.meeting_report import Quote, add_quotes
from reports.style import Brand, add_table, branded_document, heading, paragraph


@dataclass(frozen=True)
class CodebookSection:
    title: str  #: the theme, or "Codes without a theme"
    description: str
    rows: list[list[str]]  #: code, when to use it, fragments


@dataclass(frozen=True)
class CodebookData:
    brand: Brand
    labels: Mapping[str, str]
    title: str
    intro: str
    header: list[str]
    sections: list[CodebookSection]


def build_codebook(data: CodebookData):
    document = branded_document(data.brand, data.title)
    heading(document, data.title, 1)
    paragraph(document, data.intro)
    if not data.sections:
        paragraph(document, data.labels["no_codes"])
    for section in data.sections:
        heading(document, section.title, 2)
        if section.description:
            paragraph(document, section.description)
        if section.rows:
            add_table(document, data.header, section.rows, caption=section.title)
        else:
            paragraph(document, data.labels["no_codes"])
    return document


@dataclass(frozen=True)
class ThemeQuotesData:
    brand: Brand
    labels: Mapping[str, str]
    title: str  #: "Telling quotes: <theme>"
    description: str
    note: str  #: consented quotes only, under the respondent's code
    quotes: list[Quote]


def build_theme_quotes(data: ThemeQuotesData):
    document = branded_document(data.brand, data.title)
    heading(document, data.title, 1)
    if data.description:
        paragraph(document, data.description)
    paragraph(document, data.note)
    if not data.quotes:
        paragraph(document, data.labels["no_quotes"])
    add_quotes(document, data.quotes)
    return document
