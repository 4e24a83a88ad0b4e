"""Security headers on every page the chair can open, over HTTP and over HTTPS.

The routes come from ``app.url_map`` (filled in as the access matrix fills them), so a new page
is checked the day it is added.
"""

from __future__ import annotations

import pytest

from app import CSP
from tests.conftest import CSRFClient
from tests.test_access_matrix import ARGUMENTS, _rules, _samira, _url
from workgroup.access import ADMIN
from workgroup.models import Role

CHAIR = "voorzitter@example.nl"
FIXED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _directives(policy: str) -> dict[str, list[str]]:
    result = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            assert words[0] not in result, f"{words[0]} twice in the policy"
            result[words[0]] = words[1:]
    return result


def test_the_policy_forbids_inline_code_framing_plugins_and_foreign_targets():
    policy = _directives(CSP)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert policy[directive] == ["'self'"], directive
    for sources in policy.values():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(sources)


def _chair_get_urls(app, demo) -> list[str]:
    """One URL per GET route the chair of the demo school may open."""
    from app import db

    urls = []
    with app.test_request_context():
        _samira().is_coder = True
        for rule in _rules(app):
            if "GET" not in rule.methods:
                continue
            allowed = getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
            if allowed == ADMIN or (isinstance(allowed, tuple) and Role.chair not in allowed):
                continue
            if rule.endpoint == "static" or set(rule.arguments) - set(ARGUMENTS):
                continue  # the access matrix fails for a route it cannot fill in
            urls.append(_url(rule))
        db.session.commit()
    return urls


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_page_of_the_chair_carries_the_headers(app, demo, scheme):
    urls = _chair_get_urls(app, demo)
    assert len(urls) >= 40
    client: CSRFClient = app.test_client()
    client.login(CHAIR)  # over HTTP: a POST over HTTPS needs a Referer (CSRF strict mode)
    base = {"base_url": f"{scheme}://localhost"}
    urls += ["/static/css/app.css", "/years/2026/meetings/99", "/no-such-page", "/login"]
    problems = []
    for url in urls:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers, **base)
            if response.status_code >= 500:
                problems.append(f"{url}: {response.status_code}")
            if response.headers.get("Content-Security-Policy") != CSP:
                problems.append(f"{url}: CSP {response.headers.get('Content-Security-Policy')}")
            for name, value in FIXED.items():
                if response.headers.get(name) != value:
                    problems.append(f"{url}: {name} {response.headers.get(name)!r}")
            hsts = response.headers.get("Strict-Transport-Security")
            if scheme == "https" and (not hsts or "max-age=31536000" not in hsts):
                problems.append(f"{url}: no HSTS over HTTPS ({hsts!r})")
            if scheme == "http" and hsts:
                problems.append(f"{url}: HSTS over plain HTTP")
            response.close()  # a static file is streamed from an open file
    assert not problems, "\n".join(problems)


def test_anonymous_pages_and_errors_carry_the_headers(client):
    for url in ("/login", "/healthz", "/invite/not-a-token", "/years/2026/", "/nope"):
        response = client.get(url)
        assert response.headers["Content-Security-Policy"] == CSP, url
        assert "Strict-Transport-Security" not in response.headers, url
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    refused = client.post("/login", data={}, csrf=False, base_url="https://localhost")
    assert refused.status_code == 400
    assert refused.headers["Content-Security-Policy"] == CSP
    assert "Strict-Transport-Security" in refused.headers
