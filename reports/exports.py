"""Data exports of the coding, for the chair: CSV and Excel (one row per fragment and code),
the codebook as REFI-QDA codebook (``.qdc``) and the coded project as REFI-QDA project
(``.qdpx``), so the group's work opens in ATLAS.ti, MAXQDA, NVivo or QualCoder.

Pure functions over the plain records below; ``reports.data`` gathers them. Write-outs are
stored pseudonymised, so the exports hold pseudonymised text only; coders appear as "coder 1",
"coder 2", never by name.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from reports.style import NOT_XML

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
ORIGIN = "LDD"
#: Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters an Excel cell cannot hold (openpyxl refuses them).
NOT_IN_EXCEL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class CodingRow:
    """One code on one fragment."""

    respondent: str  #: the code, R07
    group: str
    code: str
    theme: str
    passage: str
    memo: str
    is_quote: bool
    may_quote: bool
    coder: str  #: "coder 1"; never a name


def defuse(value) -> str:
    """A cell a spreadsheet shows as text, never runs: a leading apostrophe before = + - @
    (also when apostrophes precede one), as ``interviews.coding`` does for the codebook CSV."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip("'")[:1] in FORMULA_START else text


def _cells(row: CodingRow, yes: str, no: str) -> list[str]:
    return [
        defuse(row.respondent),
        defuse(row.group),
        defuse(row.code),
        defuse(row.theme),
        defuse(row.passage),
        defuse(row.memo),
        yes if row.is_quote else no,
        yes if row.may_quote else no,
        defuse(row.coder),
    ]


def codings_csv(rows: list[CodingRow], header: list[str], yes: str, no: str) -> str:
    """The codings as CSV (with a byte-order mark, so Excel reads UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([defuse(h) for h in header])
    for row in rows:
        writer.writerow(_cells(row, yes, no))
    return "\ufeff" + buffer.getvalue()


def _import_openpyxl_without_numpy() -> None:
    """openpyxl imports numpy whenever it is installed (matplotlib brings it, for the chart
    process) only to accept numpy numbers in cells, which we never write: 19 MiB the web worker
    would keep. So its first import sees no numpy; numpy itself stays importable afterwards."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" raises ImportError
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]


def codings_xlsx(
    rows: list[CodingRow], header: list[str], yes: str, no: str, sheet_title: str
) -> bytes:
    """The codings as an Excel workbook: a frozen, bold header row, filters, wrapped text."""
    _import_openpyxl_without_numpy()
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = NOT_IN_EXCEL.sub("", re.sub(r"[\[\]:*?/\\]", " ", sheet_title))[:31] or "LDD"
    sheet.append([_excel(defuse(h)) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_excel(value) for value in _cells(row, yes, no)])
    for cell in sheet["E"][1:] + sheet["F"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = (10, 12, 26, 26, 70, 40, 12, 12, 10)
    for index, width in enumerate(widths[: len(header)], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _excel(value: str) -> str:
    """Text as an Excel cell holds it: no control characters, and openpyxl must not take it
    for a formula (``defuse`` made sure it does not start with ``=``)."""
    return NOT_IN_EXCEL.sub("", value)


# --- REFI-QDA ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QdaCode:
    """A code, or a theme as a code that groups codes (``is_codable`` False)."""

    guid: str
    name: str
    colour: str
    description: str = ""
    is_codable: bool = True
    children: tuple[QdaCode, ...] = ()


@dataclass(frozen=True)
class QdaSelection:
    guid: str
    start: int
    end: int
    #: (coding guid, code guid) per code on the passage
    codings: tuple[tuple[str, str], ...]
    memo: str = ""
    user: str = ""  #: guid of the coder
    created: str = ""  #: xsd:dateTime


@dataclass(frozen=True)
class QdaSource:
    guid: str
    name: str
    text: str
    description: str = ""
    created: str = ""
    selections: tuple[QdaSelection, ...] = ()


@dataclass(frozen=True)
class QdaProject:
    name: str
    codes: tuple[QdaCode, ...]
    users: tuple[tuple[str, str], ...] = ()  #: (guid, "coder 1")
    sources: tuple[QdaSource, ...] = field(default=())
    created: str = ""
    description: str = ""


def _xml_text(value: str) -> str:
    return NOT_XML.sub("", value or "")


def _colour(value: str) -> str | None:
    return value.upper() if re.fullmatch(r"#[0-9a-fA-F]{6}", value or "") else None


def _code_element(parent, ns: str, code: QdaCode) -> None:
    element = ET.SubElement(
        parent,
        f"{{{ns}}}Code",
        guid=code.guid,
        name=_xml_text(code.name),
        isCodable="true" if code.is_codable else "false",
    )
    colour = _colour(code.colour)
    if colour:
        element.set("color", colour)
    if code.description:
        ET.SubElement(element, f"{{{ns}}}Description").text = _xml_text(code.description)
    for child in code.children:
        _code_element(element, ns, child)


def _serialise(root) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def codebook_qdc(codes: tuple[QdaCode, ...] | list[QdaCode]) -> bytes:
    """The codebook as a REFI-QDA codebook (``Codebook.xsd``): themes as codes that are not
    codable themselves, with their codes nested under them."""
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin=ORIGIN)
    holder = ET.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    for code in codes:
        _code_element(holder, CODEBOOK_NS, code)
    return _serialise(root)


def project_qde(project: QdaProject) -> bytes:
    """``project.qde``: users, codebook and every write-out with its coded passages."""
    ns = PROJECT_NS
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}Project", name=_xml_text(project.name), origin=ORIGIN)
    if project.created:
        root.set("creationDateTime", project.created)
    if project.users:
        users = ET.SubElement(root, f"{{{ns}}}Users")
        for guid, name in project.users:
            ET.SubElement(users, f"{{{ns}}}User", guid=guid, name=_xml_text(name))
    if project.codes:
        codes = ET.SubElement(ET.SubElement(root, f"{{{ns}}}CodeBook"), f"{{{ns}}}Codes")
        for code in project.codes:
            _code_element(codes, ns, code)
    if project.sources:
        sources = ET.SubElement(root, f"{{{ns}}}Sources")
        for source in project.sources:
            element = ET.SubElement(
                sources,
                f"{{{ns}}}TextSource",
                guid=source.guid,
                name=_xml_text(source.name),
                plainTextPath=f"internal://{source.guid}.txt",
            )
            if source.created:
                element.set("creationDateTime", source.created)
            if source.description:
                ET.SubElement(element, f"{{{ns}}}Description").text = _xml_text(source.description)
            for selection in source.selections:
                _selection(element, ns, selection)
    if project.description:
        ET.SubElement(root, f"{{{ns}}}Description").text = _xml_text(project.description)
    return _serialise(root)


def _selection(parent, ns: str, selection: QdaSelection) -> None:
    element = ET.SubElement(
        parent,
        f"{{{ns}}}PlainTextSelection",
        guid=selection.guid,
        startPosition=str(selection.start),
        endPosition=str(selection.end),
    )
    if selection.user:
        element.set("creatingUser", selection.user)
    if selection.created:
        element.set("creationDateTime", selection.created)
    if selection.memo:
        ET.SubElement(element, f"{{{ns}}}Description").text = _xml_text(selection.memo)
    for coding_guid, code_guid in selection.codings:
        coding = ET.SubElement(element, f"{{{ns}}}Coding", guid=coding_guid)
        if selection.user:
            coding.set("creatingUser", selection.user)
        if selection.created:
            coding.set("creationDateTime", selection.created)
        ET.SubElement(coding, f"{{{ns}}}CodeRef", targetGUID=code_guid)


def project_qdpx(project: QdaProject) -> bytes:
    """The REFI-QDA project: a zip with ``project.qde`` and ``sources/<guid>.txt`` per
    write-out (UTF-8; positions in ``project.qde`` count its characters)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_qde(project))
        for source in project.sources:
            archive.writestr(f"sources/{source.guid}.txt", source.text.encode("utf-8"))
    return out.getvalue()
