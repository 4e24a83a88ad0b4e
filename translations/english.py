"""Fill the English catalog: English is the source language, so every message id is already
the English text. The catalog repeats it, so that English wording can be changed by editing
``translations/en/LC_MESSAGES/messages.po`` instead of the code; entries that already have
a text keep it. ``make messages`` runs this after updating the catalogs."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).parent / "en" / "LC_MESSAGES" / "messages.po"


def fill(path: Path = CATALOG) -> int:
    """Give every untranslated entry its message id as text; returns how many were filled."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    filled = 0
    for message in catalog:
        if not message.id or (
            message.string if isinstance(message.id, str) else all(message.string)
        ):
            continue
        message.string = message.id if isinstance(message.id, str) else tuple(message.id)
        filled += 1
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return filled


if __name__ == "__main__":
    print(f"English catalog: {fill()} new entries filled from their message ids")
