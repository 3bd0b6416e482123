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

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order diagnostics by place, then code, so output never depends on discovery order."""
        return (self.path, self.line, self.column, self.code, self.message)


def diagnostic(code: Code, message: str, path: str, line: int, column: int, *, hint: str) -> Diagnostic:
    """Make an error diagnostic for one of the validation codes.

    The hint is required: every validation problem says what to write instead.
    """
    return Diagnostic(code.code, code.name, Severity.ERROR, message, path, line, column, hint)


# Validation problems: the file cannot be read as a cjm map. Lint rules have codes from CJM100 on.
FILE_UNREADABLE: Final = Code("CJM001", "file-unreadable", "The file or directory cannot be read.")
NOT_TEXT: Final = Code("CJM002", "not-text", "The file is not UTF-8 text (binary, another encoding, NUL bytes).")
TOO_LARGE: Final = Code("CJM003", "too-large", "The file is larger, deeper or has more items than the limits allow.")
YAML_SYNTAX: Final = Code("CJM004", "yaml-syntax", "The file is not valid YAML.")
DUPLICATE_KEY: Final = Code("CJM005", "duplicate-key", "A key appears twice in the same mapping.")
FORBIDDEN_YAML: Final = Code(
    "CJM006", "forbidden-yaml", "The file uses YAML features cjm refuses: tags, merge keys, complex keys."
)
ALIAS_EXPANSION: Final = Code("CJM007", "alias-expansion", "Anchors and aliases expand to too much data.")
EMPTY_FILE: Final = Code("CJM008", "empty-file", "The file has no content.")
NOT_A_MAPPING: Final = Code("CJM009", "not-a-mapping", "The file's top level is not a set of keys and values.")
MULTIPLE_DOCUMENTS: Final = Code("CJM010", "multiple-documents", "The file holds several YAML documents.")
BAD_HEADER: Final = Code("CJM011", "bad-header", "apiVersion or kind is missing or unknown.")
UNKNOWN_KEY: Final = Code("CJM020", "unknown-key", "A key the schema does not know.")
MISSING_KEY: Final = Code("CJM021", "missing-key", "A required key is missing.")
INVALID_VALUE: Final = Code("CJM022", "invalid-value", "A value of the wrong type or outside the allowed values.")
DUPLICATE_ID: Final = Code("CJM030", "duplicate-id", "Two things share an id that must be unique.")
UNRESOLVED_REFERENCE: Final = Code("CJM031", "unresolved-reference", "A reference to an id that does not exist.")

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
