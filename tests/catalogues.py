"""The message catalogues kept in step with the code: `make messages` (python -m tests.catalogues).

The words cjm adds to a rendered map are found in the code the way gettext tools find them: calls
of `words(...)` and `words.plural(...)` in the renderers, `N_(...)` in tables of labels, `_(...)`
and `ngettext(...)` in the templates. The template `cjm.pot` lists them; each language's `cjm.po`
is brought up to date with it (new messages added untranslated, gone ones dropped), for a
translator to fill in. The tests use the same extraction to fail on a catalogue that misses a message.
"""

import datetime
import functools
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from cjm.views.words import DOMAIN, LOCALES, SOURCE_LANGUAGE, languages

VIEWS = LOCALES.parent
KEYWORDS = {"words": None, "plural": (1, 2), "N_": None, "_": None, "ngettext": (1, 2)}
METHODS = [("**.py", "python"), ("templates/**.j2", "jinja2")]
OPTIONS = {"templates/**.j2": {"trimmed": "true"}}
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
HEADER = "The words cjm adds to a rendered journey map."
_FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
"""The date every catalogue says it was made and revised: git knows when, and a date would change on every run."""


@functools.cache
def extracted() -> Catalog:
    """Every message the renderers use, as a catalogue template, without source lines (so that moving
    code does not change the catalogues) and in msgid order. Made once a process: do not change it."""
    template = Catalog(project="cjm", header_comment=f"# {HEADER}", fuzzy=False)
    for _, _, message, comments, context in extract_from_dir(VIEWS, METHODS, OPTIONS, KEYWORDS):
        template.add(message, None, auto_comments=comments, context=context)
    return template


def catalogue_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=language)


def written(catalog: Catalog) -> bytes:
    """A catalogue as its file holds it: no dates or source lines that change on every run."""
    catalog.creation_date = catalog.revision_date = _FIXED_DATE
    stream = io.BytesIO()
    write_po(stream, catalog, width=100, no_location=True, omit_header=False, sort_output=True, ignore_obsolete=True)
    return stream.getvalue()


def update(new: list[str] | None = None) -> list[Path]:
    """Write the template and bring every language's catalogue up to date, starting one for each
    language in `new`; return the files changed."""
    template = extracted()
    changed = _write(TEMPLATE, written(template))
    for language in sorted({*languages(), *(new or [])}):
        if language == SOURCE_LANGUAGE:
            continue
        path = catalogue_path(language)
        if path.exists():
            catalog = read(path, language)
        else:
            catalog = Catalog(locale=language, project="cjm", header_comment=f"# {HEADER}", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        changed += _write(path, written(catalog))
    return changed


def _write(path: Path, data: bytes) -> list[Path]:
    if path.exists() and path.read_bytes() == data:
        return []
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return [path]


if __name__ == "__main__":
    for changed in update(sys.argv[1:]):  # arguments: languages to start a catalogue for
        sys.stdout.write(f"updated {changed}\n")
