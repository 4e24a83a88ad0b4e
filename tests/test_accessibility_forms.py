"""Form errors are tied to their fields for screen readers: an invalid field carries
``aria-invalid="true"`` and ``aria-describedby`` pointing at the id of its error message (and
of its hint, when it has one); valid fields carry neither; every id referred to exists."""

from __future__ import annotations

from html.parser import HTMLParser

from workgroup.guidance import CONDITIONS

YEAR = 2026


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside each element by id."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[str] = []  # ids of the elements we are inside (error messages only)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "p" and "id" in attributes:
            self._open.append(attributes["id"])
            self.text_by_id[attributes["id"]] = ""

    def handle_endtag(self, tag):
        if tag == "p" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in self._open:
            self.text_by_id[element_id] += data

    def by_id(self, element_id: str) -> dict[str, str]:
        found = [attrs for _tag, attrs in self.elements if attrs.get("id") == element_id]
        assert len(found) == 1, f"expected one element with id {element_id!r}, found {len(found)}"
        return found[0]

    def named(self, name: str) -> list[dict[str, str]]:
        return [attrs for _tag, attrs in self.elements if attrs.get("name") == name]

    def assert_references_resolve(self) -> None:
        ids = [attrs["id"] for _tag, attrs in self.elements if "id" in attrs]
        # Hidden inputs (every form's csrf_token) are never referred to and not checked.
        shown = [
            attrs["id"]
            for tag, attrs in self.elements
            if "id" in attrs and not (tag == "input" and attrs.get("type") == "hidden")
        ]
        twice = sorted({i for i in shown if shown.count(i) > 1})
        assert not twice, f"duplicate ids: {twice}"
        for _tag, attrs in self.elements:
            for ref in attrs.get("aria-describedby", "").split():
                assert ref in ids, f"aria-describedby={ref!r} names no element"


def _page(response, status: int = 422) -> _Elements:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    page = _Elements(response.get_data(as_text=True))
    page.assert_references_resolve()
    return page


def _assert_invalid(page: _Elements, field_id: str, *, hint: bool = False) -> str:
    """The field is marked invalid and described by its error (after its hint); returns the
    error's text."""
    field = page.by_id(field_id)
    assert field.get("aria-invalid") == "true", field
    expected = [f"{field_id}-hint"] if hint else []
    expected.append(f"{field_id}-error")
    assert field.get("aria-describedby", "").split() == expected, field
    page.by_id(f"{field_id}-error")
    text = page.text_by_id[f"{field_id}-error"].strip()
    assert text, f"the error of {field_id} is empty"
    return text


def _assert_valid(page: _Elements, field_id: str) -> None:
    field = page.by_id(field_id)
    assert "aria-invalid" not in field, field
    assert f"{field_id}-error" not in field.get("aria-describedby", ""), field


def test_login_error_is_tied_to_the_password_field(client, demo):
    response = client.post("/login", data={"email": "ouder@example.nl", "password": "wrong"})
    page = _page(response)
    _assert_invalid(page, "password")
    _assert_valid(page, "email")


def test_login_without_email_marks_the_email_field(client, demo):
    page = _page(client.post("/login", data={"email": "", "password": "whatever"}))
    _assert_invalid(page, "email")


def test_password_errors_are_tied_to_their_fields_with_the_hint(member):
    response = member.post(
        "/account/password", data={"current": "", "password": "short", "confirm": "other"}
    )
    page = _page(response)
    _assert_invalid(page, "current")
    _assert_invalid(page, "password", hint=True)  # the hint stays announced with the error
    _assert_invalid(page, "confirm")


def test_password_hint_without_error_is_still_described(member):
    page = _page(member.get("/account/password"), status=200)
    field = page.by_id("password")
    assert field.get("aria-describedby") == "password-hint"
    assert "aria-invalid" not in field


def test_radio_errors_are_tied_to_every_option(chair):
    response = chair.post(f"/years/{YEAR}/interviews/respondents/new", data={})
    page = _page(response)
    options = [attrs for attrs in page.named("group") if attrs.get("type") == "radio"]
    assert len(options) == 3
    for option in options:
        assert option.get("aria-invalid") == "true", option
        assert option.get("aria-describedby") == "group-error", option
    assert page.text_by_id["group-error"].strip()


def test_condition_comment_error_is_tied_to_its_field(chair):
    data = {"conditions-0-key": CONDITIONS[0].key, "conditions-0-comment": "x" * 2001}
    for i, condition in enumerate(CONDITIONS[1:], start=1):
        data[f"conditions-{i}-key"] = condition.key
    page = _page(chair.post(f"/years/{YEAR}/conditions/start", data=data))
    _assert_invalid(page, "conditions-0-comment")
    _assert_valid(page, "conditions-1-comment")


def test_goals_error_describes_the_goals_fieldset(chair):
    response = chair.post(f"/years/{YEAR}/startfoto/edit", data={"background": "Een school."})
    page = _page(response)
    fieldsets = [attrs for tag, attrs in page.elements if tag == "fieldset"]
    goals = next(f for f in fieldsets if "goals-fieldset" in f.get("class", ""))
    assert goals.get("aria-describedby", "").split() == ["goals-hint", "goals-error"]
    assert page.text_by_id["goals-error"].strip()
