"""One Diagnostic type for every problem cjm reports, from a YAML syntax error to a lint finding."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Severity(StrEnum):
    """How serious a finding is. Errors fail a run; warnings fail it only with --strict."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Code:
    """A stable code and readable name for a class of problem, e.g. CJM005 / duplicate-key."""

    code: str
    name: str
    summary: str
    description: str
    """What the problem means and how to fix it, in a few sentences (rule documentation, SARIF help)."""


MESSAGE_LIMIT: Final = 1000
"""The most characters a message or a hint may have; a longer one loses its middle."""


def clipped(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """`text` if it is short enough, else its start and end around a note of what was left out."""
    if len(text) <= limit:
        return text
    head, tail = limit * 6 // 10, limit * 3 // 10
    return f"{text[:head]} … [{len(text) - head - tail:,} characters left out] … {text[-tail:]}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at a place: file, 1-based line and column, code, severity and a sentence."""

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    hint: str | None = None

    def __post_init__(self) -> None:
        # Messages quote the values they are about; a file can make a value as long as it likes.
        object.__setattr__(self, "message", clipped(self.message))
        if self.hint is not None:
            object.__setattr__(self, "hint", clipped(self.hint))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order diagnostics by place, then code, so output never depends on discovery order."""
        return (self.path, self.line, self.column, self.code, self.message)


def diagnostic(code: Code, message: str, path: str, line: int, column: int, *, hint: str) -> Diagnostic:
    """Make an error diagnostic for one of the validation codes.

    The hint is required: every validation problem says what to write instead.
    """
    return Diagnostic(code.code, code.name, Severity.ERROR, message, path, line, column, hint)


# Validation problems: the file cannot be read as a cjm map. Lint rules have codes from CJM100 on.
FILE_UNREADABLE: Final = Code(
    "CJM001",
    "file-unreadable",
    "The file or directory cannot be read.",
    "cjm could not open the file: it does not exist any more, it is a directory, or the account "
    "running cjm may not read it. Check the path, and that the file is readable (in CI, that it was "
    "checked out).",
)
NOT_TEXT: Final = Code(
    "CJM002",
    "not-text",
    "The file is not UTF-8 text (binary, another encoding, NUL bytes).",
    "A journey map is text in UTF-8, the encoding every editor and git handle alike. This file is "
    "binary, holds a NUL byte or a control character, or was saved in another encoding such as "
    "UTF-16 or Windows-1250. Save it as UTF-8 in your editor; remove stray control characters.",
)
TOO_LARGE: Final = Code(
    "CJM003",
    "too-large",
    "The file is larger, deeper or has more items than the limits allow.",
    "cjm bounds the work one file may cause, so that a broken or hostile file cannot stall a build: "
    "its size in bytes, its number of lines and list items, and how deeply lists and mappings nest. "
    "Split a large map into several files (personas and touchpoints can live in files of their own), "
    "fix indentation that nests too deep, or raise max-file-size or max-items in the configuration.",
)
YAML_SYNTAX: Final = Code(
    "CJM004",
    "yaml-syntax",
    "The file is not valid YAML.",
    "The file breaks a YAML rule, so nothing in it can be read: often a tab used for indentation, "
    "a ':' inside unquoted text, an unclosed quote or bracket, or a line indented differently from "
    "its neighbours. Fix the line named in the message; put text that contains ': ' or '#' in quotes.",
)
DUPLICATE_KEY: Final = Code(
    "CJM005",
    "duplicate-key",
    "A key appears twice in the same mapping.",
    "The same key is written twice at one level, so one of the two values would be silently lost. "
    "Remove one of them, or merge their values into one key.",
)
FORBIDDEN_YAML: Final = Code(
    "CJM006",
    "forbidden-yaml",
    "The file uses YAML features cjm refuses: tags, merge keys, complex keys.",
    "cjm reads plain YAML only: keys are words, values are text, numbers, true/false, lists and "
    "mappings. Tags (!!python/object, !include), merge keys ('<<') and keys that are lists or "
    "mappings hide what a file really says or can run code in other tools. Write the values and "
    "keys out in full.",
)
ALIAS_EXPANSION: Final = Code(
    "CJM007",
    "alias-expansion",
    "Anchors and aliases expand to too much data.",
    "An alias (*name) repeats the value of an anchor (&name). Aliases that refer to other aliases "
    "can multiply a small file into millions of values, and an alias inside its own anchor never "
    "ends. Write the repeated parts out, or use fewer nested aliases.",
)
EMPTY_FILE: Final = Code(
    "CJM008",
    "empty-file",
    "The file has no content.",
    "The file is empty or holds only comments, so it describes nothing. Start it with "
    "'apiVersion: cjm/v1' and a 'kind:', or delete the file.",
)
NOT_A_MAPPING: Final = Code(
    "CJM009",
    "not-a-mapping",
    "The file's top level is not a set of keys and values.",
    "A cjm file is a set of keys and values at the top level (apiVersion, kind, id, ...), but this "
    "file starts with a list or a single value. Start the file with 'apiVersion: cjm/v1' and "
    "'kind: Journey' (or Persona) on their own lines, without a leading '- '.",
)
MULTIPLE_DOCUMENTS: Final = Code(
    "CJM010",
    "multiple-documents",
    "The file holds several YAML documents.",
    "A line with '---' starts a second YAML document, and cjm reads one map per file. Move each "
    "document into a file of its own, or remove the extra '---'.",
)
BAD_HEADER: Final = Code(
    "CJM011",
    "bad-header",
    "apiVersion or kind is missing or unknown.",
    "Every cjm file says which schema it follows (apiVersion: cjm/v1) and what it describes (kind: "
    "Journey, Persona, TouchpointCatalog), so that cjm can read old files and refuse ones it does "
    "not know. Add the missing line or correct its value; if the file comes from a newer cjm, "
    "upgrade cjm.",
)
UNKNOWN_KEY: Final = Code(
    "CJM020",
    "unknown-key",
    "A key the schema does not know.",
    "The key is not part of the cjm/v1 schema at this place, so cjm would ignore what it says; "
    "most often it is misspelt or indented under the wrong parent. Correct the spelling (the "
    "message suggests the closest key), move it to where it belongs, or remove it. Editors that "
    "read the JSON Schema from `cjm schema` list the keys allowed at each place.",
)
MISSING_KEY: Final = Code(
    "CJM021",
    "missing-key",
    "A required key is missing.",
    "The schema requires this key here, e.g. an id and a name for every stage and step. Add the "
    "key with its value at the place the message names.",
)
INVALID_VALUE: Final = Code(
    "CJM022",
    "invalid-value",
    "A value of the wrong type or outside the allowed values.",
    "The value does not fit the key: text where a number is expected, a list where one value is "
    "expected, an emotion outside -2 to +2, an id that is not a slug, or a word outside the "
    "allowed ones (stage types, channels). Write a value of the kind the message names; it lists "
    "the allowed words where there are few.",
)
DUPLICATE_ID: Final = Code(
    "CJM030",
    "duplicate-id",
    "Two things share an id that must be unique.",
    "Stages, steps, touchpoints, personas and journeys are referred to by their id, so two of the "
    "same kind with one id make every reference to it ambiguous. The message says where the first "
    "one is; give one of them another id and update the references to it.",
)
UNRESOLVED_REFERENCE: Final = Code(
    "CJM031",
    "unresolved-reference",
    "A reference to an id that does not exist.",
    "A step's touchpoint, a transition's stage or a journey's persona names an id that no file "
    "defines: it is misspelt, or the file that defines it was not given to cjm. Correct the id "
    "(the message suggests the closest one), define it, or pass its file or folder to cjm; "
    "personas and shared touchpoints beside the journey are found on their own.",
)

VALIDATION_CODES: Final = (
    FILE_UNREADABLE,
    NOT_TEXT,
    TOO_LARGE,
    YAML_SYNTAX,
    DUPLICATE_KEY,
    FORBIDDEN_YAML,
    ALIAS_EXPANSION,
    EMPTY_FILE,
    NOT_A_MAPPING,
    MULTIPLE_DOCUMENTS,
    BAD_HEADER,
    UNKNOWN_KEY,
    MISSING_KEY,
    INVALID_VALUE,
    DUPLICATE_ID,
    UNRESOLVED_REFERENCE,
)
"""Every validation code, in code order."""
