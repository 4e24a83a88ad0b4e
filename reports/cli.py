"""``flask report``: the documents for scripted use, without a browser.

    flask report meeting 3 --school 1 --year 2026-2027 --out meeting-3.docx
    flask report infographic --school 1 --year 2026-2027 --out infographic.docx
    flask report year --school 1 --year 2026-2027 --out year.docx   (not available yet)

Documents are written in Dutch unless ``--lang en``. The command line acts for the chair: the
respondent plan of meeting 2 lists every code (never a name or a relation to bullying).
"""

from __future__ import annotations

import re
from pathlib import Path

import click
from flask_babel import force_locale

from app import LANGUAGES, db
from reports import bp
from workgroup import services as core
from workgroup.models import Role, School

YEAR = re.compile(r"(\d{4})(?:\s*[-–/]\s*(\d{4}))?")


def _start_year(value: str) -> int:
    """2026 from "2026-2027", "2026–2027" or "2026"."""
    match = YEAR.fullmatch(value.strip())
    if not match or (match.group(2) and int(match.group(2)) != int(match.group(1)) + 1):
        raise click.BadParameter("use a school year such as 2026-2027", param_hint="--year")
    return int(match.group(1))


def _cycle(school_id: int, year: str):
    school = db.session.get(School, school_id)
    if school is None:
        raise click.ClickException(f"There is no school with id {school_id}.")
    cycle = core.get_cycle(school, _start_year(year))
    if cycle is None:
        raise click.ClickException(f"{school.name} has no school year {year}.")
    return cycle


def _options(command):
    command = click.option(
        "--lang",
        type=click.Choice(sorted(LANGUAGES)),
        default="nl",
        show_default=True,
        help="Language of the document.",
    )(command)
    command = click.option(
        "--out",
        required=True,
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help="The .docx file to write.",
    )(command)
    command = click.option("--year", required=True, help="School year, e.g. 2026-2027.")(command)
    return click.option("--school", "school_id", required=True, type=int, help="School id.")(
        command
    )


def _save(document, out: Path) -> None:
    document.save(str(out))
    click.echo(f"Written: {out}")


@bp.cli.command("meeting")
@click.argument("number", type=click.IntRange(1, 7))
@_options
def meeting_command(number: int, school_id: int, year: str, out: Path, lang: str):
    """The output of meeting NUMBER as a Word document."""
    from reports.data import Viewer, gather_meeting
    from reports.meeting_report import build_meeting_report

    cycle = _cycle(school_id, year)
    with force_locale(lang):
        gathered = gather_meeting(cycle, number, Viewer(Role.chair))
        if gathered is None:
            raise click.ClickException(
                f"Meeting {number} has no Word output yet: it comes with the experiments."
            )
        _save(build_meeting_report(gathered), out)


@bp.cli.command("infographic")
@_options
def infographic_command(school_id: int, year: str, out: Path, lang: str):
    """The infographic for the team and the parents as a Word document (one A4 page)."""
    from reports.data import gather_infographic
    from reports.infographic import build_infographic

    cycle = _cycle(school_id, year)
    with force_locale(lang):
        _save(build_infographic(gather_infographic(cycle)), out)


@bp.cli.command("year")
@_options
def year_command(school_id: int, year: str, out: Path, lang: str):
    """The year report for the director as a Word document."""
    from reports.data import Viewer
    from reports.year_report import build_year_report, gather_year_report

    cycle = _cycle(school_id, year)
    with force_locale(lang):
        _save(build_year_report(gather_year_report(cycle, Viewer(Role.director))), out)
