"""The year's meetings as an iCalendar (RFC 5545) file, built with ``icalendar``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from workgroup.models import Cycle, Meeting, Mode, School

MEETING_LENGTH = timedelta(hours=2)


def build_calendar(school: School, cycle: Cycle, meetings: list[Meeting]) -> bytes:
    # imported here: icalendar costs every web worker 3 MiB for a download few people use
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//LDD//werkgroep//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{school.name} – {cycle.label}")
    for meeting in meetings:
        if meeting.planned_on is None:
            continue
        event = Event()
        event.add("uid", f"ldd-meeting-{meeting.id}@ldd")
        event.add("summary", f"{meeting.number}. {meeting.title}")
        if meeting.starts_at is not None:
            start = datetime.combine(meeting.planned_on, meeting.starts_at)
            event.add("dtstart", start)
            event.add("dtend", start + MEETING_LENGTH)
        else:
            event.add("dtstart", meeting.planned_on)
            event.add("dtend", meeting.planned_on + timedelta(days=1))
        where = meeting.location or ""
        if meeting.mode is Mode.online:
            where = f"online {where}".strip()
        if where:
            event.add("location", where)
        event.add("description", f"{meeting.phase.label}: {meeting.programme.product}")
        event.add("dtstamp", datetime.now(UTC))
        calendar.add_component(event)
    return calendar.to_ical()
