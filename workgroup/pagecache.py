"""Whole pages kept per user until the school's data changes.

The dashboard and the analysis are read far more often than the data under them changes, and
drawing them takes 20–60 ms. A school has a *revision* (``schools.revision``) that every
transaction writing to its data raises by one, in the same commit (``_before_commit``). A
cached page is kept under the revision it was drawn at, so any write, by any worker, makes
the next request draw the page again: nothing is shown that the database no longer says.

The key holds everything else a page depends on: the user, the school, the role, the
language, the session's CSRF token (the page carries it), whether htmx asked for a fragment,
the address and today's date. A request with messages waiting to be shown (``flash``) is
drawn and not kept. Each worker keeps its own pages, compressed (a page shrinks about ten
times; packing takes under a millisecond, unpacking a tenth of that), at most
``LDD_PAGE_CACHE_MB`` (2 MiB) of them, the least recently used going first;
``LDD_PAGE_CACHE_MB=0`` turns the cache off.
"""

from __future__ import annotations

import os
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from functools import wraps

from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from workgroup.models import AuditEvent, Membership, School

#: How long a page is kept at most, even while nothing changes (seconds).
TTL = 600
_CHANGED = "ldd_changed_schools"
#: Written in passing (who read what): no page shows them.
_NOT_DATA = (AuditEvent,)


@dataclass(frozen=True)
class _Page:
    body: bytes
    status: int
    headers: tuple[tuple[str, str], ...]
    until: float


class PageCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._pages: OrderedDict[tuple, _Page] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> _Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if page.until < time.monotonic():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: _Page) -> None:
        if len(page.body) > self.max_bytes // 4:
            return  # one huge page would push out all the others
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = page
            self.size += len(page.body)
            while self.size > self.max_bytes:
                self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._pages)

    def _drop(self, key: tuple) -> None:
        self.size -= len(self._pages.pop(key).body)


def _cache() -> PageCache | None:
    """This worker's cache; ``None`` while ``PAGE_CACHE_MB`` is 0 (the cache is off)."""
    megabytes = float(current_app.config.get("PAGE_CACHE_MB", 2))
    if megabytes <= 0:
        return None
    cache = current_app.extensions.get("ldd_page_cache")
    if cache is None:
        cache = current_app.extensions["ldd_page_cache"] = PageCache(int(megabytes * 2**20))
    return cache


def _key(revision: int) -> tuple | None:
    token = session.get("csrf_token")
    if token is None or session.get("_flashes"):
        return None  # the page would make a token, or show messages only once
    htmx = request.headers.get("HX-Request", "") + request.headers.get(
        "HX-History-Restore-Request", ""
    )
    return (
        request.full_path,
        htmx,
        current_user.id,
        g.school.id,
        revision,
        g.role,
        str(get_locale()),
        token,
        date.today(),
    )


def cached_page(view):
    """Keep the view's page until the school's data changes (under ``@require``)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        cache = _cache()
        key = _key(g.school.revision) if cache is not None and request.method == "GET" else None
        if key is None:
            return view(*args, **kwargs)
        page = cache.get(key)
        if page is not None:
            body = zlib.decompress(page.body)
            return current_app.response_class(body, page.status, list(page.headers))
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.direct_passthrough:
            headers = tuple((k, v) for k, v in response.headers.items() if k != "Set-Cookie")
            packed = zlib.compress(response.get_data(), 1)
            cache.put(key, _Page(packed, 200, headers, time.monotonic() + TTL))
        return response

    return wrapped


# --- the school's revision ---------------------------------------------------------------


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, flush_context) -> None:
    if any(
        not isinstance(obj, _NOT_DATA)
        for objects in (session.new, session.dirty, session.deleted)
        for obj in objects
    ):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_changes(state) -> None:
    if state.is_update or state.is_delete or state.is_insert:
        table = getattr(state.statement, "table", None)
        if table is None or table.name != AuditEvent.__tablename__:
            state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    """Raise the revision of the school whose data this transaction wrote: the one the request
    works in; outside one, the schools of the logged-in user (their account), and otherwise
    (the command line, an invitation being accepted, an administrator) every school."""
    session.flush()  # what the commit would write anyway, so its changes are noted
    if not session.info.pop(_CHANGED, False):
        return
    bump = update(School).values(revision=School.revision + 1)
    if has_request_context():
        school = g.get("school")
        if school is not None:
            bump = bump.where(School.id == school.id)
        elif current_user and current_user.is_authenticated and not current_user.is_admin:
            mine = select(Membership.school_id).where(Membership.user_id == current_user.id)
            bump = bump.where(School.id.in_(mine))
    session.execute(bump.execution_options(synchronize_session=False))
    session.info.pop(_CHANGED, None)  # the bump itself is no change of the school's data


@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop(_CHANGED, None)


def configured_megabytes() -> float:
    """``LDD_PAGE_CACHE_MB`` from the environment (2 when unset or not a number)."""
    try:
        return max(0.0, float(os.environ.get("LDD_PAGE_CACHE_MB", "2")))
    except ValueError:
        return 2.0
