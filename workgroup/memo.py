"""Remember a read for the rest of one request.

Some reads are asked for by several parts of one page that do not know of each other: the
dashboard's chain, panels and notices each ask for the year's experiments. ``@per_request``
answers the second and later calls from the first, for the same arguments, during one
request only. Anything the session writes (a flush, or an UPDATE or DELETE statement run
through it) or undoes (a rollback) forgets every remembered answer, so a view that changes
data and then reads it again never sees an old one.

Arguments are compared by value; mapped objects (a cycle) by their class and primary key.
The answer is handed out as a shallow copy when it is a list, so a caller that sorts or
appends to it does not change what the next caller gets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import g, has_app_context
from sqlalchemy import event, inspect
from sqlalchemy.exc import NoInspectionAvailable
from sqlalchemy.orm import Session

from app import db

T = TypeVar("T")
_KEY = "_ldd_per_request"


def _identity(value):
    try:
        state = inspect(value)
    except NoInspectionAvailable:
        return value
    if getattr(state, "identity", None) is None:  # not a mapped instance, or not stored yet
        raise TypeError("unstored object")
    return (type(value), state.identity)


def per_request(key: Callable | None = None) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Remember what the function returns for the rest of the request. ``key``, if given,
    turns the arguments into the hashable key (default: the arguments themselves)."""

    def decorator(function: Callable[..., T]) -> Callable[..., T]:
        @wraps(function)
        def wrapper(*args, **kwargs):
            if not has_app_context():
                return function(*args, **kwargs)
            try:
                if key is not None:
                    found = key(*args, **kwargs)
                else:
                    found = (
                        tuple(_identity(a) for a in args),
                        tuple(sorted((k, _identity(v)) for k, v in kwargs.items())),
                    )
                cache_key = (function, found)
                hash(cache_key)
            except TypeError:  # an argument we cannot compare safely: do not remember
                return function(*args, **kwargs)
            session = db.session()
            if session.new or session.deleted or session.dirty:
                forget()  # unflushed changes: the query will flush them, then remember
            memo = g.setdefault(_KEY, {})
            if cache_key not in memo:
                memo[cache_key] = function(*args, **kwargs)
            answer = memo[cache_key]
            return list(answer) if isinstance(answer, list) else answer

        wrapper.uncached = function
        return wrapper

    return decorator


def forget() -> None:
    """Forget every remembered answer of this request."""
    if has_app_context():
        g.pop(_KEY, None)


@event.listens_for(Session, "after_flush")
def _forget_after_flush(session, flush_context):
    forget()


@event.listens_for(Session, "do_orm_execute")
def _forget_after_write(orm_execute_state):
    if not orm_execute_state.is_select:
        forget()


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session, previous_transaction):
    forget()
