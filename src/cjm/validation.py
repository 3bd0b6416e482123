"""Check a parsed document against the cjm/v1 models and say what is wrong in plain words.

Pydantic reports errors as paths and type names; this module turns each into one
sentence at the line and column of the value (or of the key, or of the mapping that
lacks a key), the way a marketer would want to read it.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode

from cjm.diagnostics import BAD_HEADER, INVALID_VALUE, MISSING_KEY, UNKNOWN_KEY, Diagnostic, diagnostic
from cjm.discovery import folded, is_close
from cjm.loader import Document, Limits, load_bytes
from cjm.model import API_VERSIONS, KINDS, CjmModel
from cjm.model.fields import describe_value
from cjm.suggestions import Budget, Vocabulary

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Validated:
    """A document and the model it validated to, or the problems that stopped it."""

    document: Document
    model: CjmModel | None
    diagnostics: list[Diagnostic]


def validate_document(document: Document) -> Validated:
    """Read the header, pick the model for the kind, and validate the whole document."""
    header = _model_for(document)
    if isinstance(header, Diagnostic):
        return Validated(document, None, [header])
    try:
        model = header.model_validate(document.data)
    except ValidationError as error:
        return Validated(document, None, explain_errors(document, header, error.errors(include_url=False)))
    return Validated(document, model, [])


@dataclass(frozen=True, slots=True)
class Checked:
    """One file checked on its own: its text, its problems, and its data and model when valid."""

    text: str | None
    diagnostics: list[Diagnostic]
    data: dict[str, Any] | None
    model: CjmModel | None
    tree: MappingNode | None = None
    """The node tree, where the check was asked to keep it: positions are then found without a parse."""


def check_bytes(path: str, raw: bytes, limits: Limits, *, keep_tree: bool = False) -> Checked:
    """Load and validate one file's bytes. Runs in worker processes, so it takes and returns plain
    values; in this process it can keep the node tree as well (`keep_tree`)."""
    loaded = load_bytes(path, raw, limits)
    if loaded.document is None:
        return Checked(loaded.text, loaded.diagnostics, None, None)
    tree = loaded.document.root if keep_tree else None
    validated = validate_document(loaded.document)
    if validated.model is None:
        return Checked(loaded.text, validated.diagnostics, None, None, tree)
    return Checked(loaded.text, [], loaded.document.data, validated.model, tree)


def _model_for(document: Document) -> type[CjmModel] | Diagnostic:
    """The model for the file's kind, or a diagnostic that says what is wrong with its header."""
    api_version = _header_value(document, "apiVersion", f"add 'apiVersion: {API_VERSIONS[-1]}' at the top of the file")
    if isinstance(api_version, Diagnostic):
        return api_version
    if api_version not in API_VERSIONS:
        return _unknown_header(document, "apiVersion", api_version, API_VERSIONS)
    kind = _header_value(document, "kind", "add 'kind: Journey' (or Persona, TouchpointCatalog) under apiVersion")
    if isinstance(kind, Diagnostic):
        return kind
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        return _unknown_header(document, "kind", kind, list(KINDS))
    return model


def _header_value(document: Document, key: str, hint: str) -> object:
    """The value of a header key, or a diagnostic when it is missing or misspelt (`apiversion`, `api_version`)."""
    if key in document.data:
        return document.data[key]
    wanted = folded(key)
    misspelt = next((k for k in document.data if is_close(folded(k), wanted)), None)
    if misspelt is not None:
        line, column = document.locate((misspelt,), key=True)
        return diagnostic(
            BAD_HEADER,
            f"the key '{misspelt}' must be written '{key}' (keys are case-sensitive)",
            document.path,
            line,
            column,
            hint=f"rename it to '{key}'",
        )
    what = "which schema it follows" if key == "apiVersion" else "what it describes"
    return diagnostic(BAD_HEADER, f"the file does not say {what}; '{key}:' is missing", document.path, 1, 1, hint=hint)


def _unknown_header(document: Document, key: str, value: object, known: Sequence[str]) -> Diagnostic:
    """An apiVersion or kind this cjm does not read, with the one it probably means."""
    line, column = document.locate((key,))
    choices = ", ".join(known)
    close = _closest_header(value, known)
    if close is not None:
        message = f"unknown {key} {describe_value(value)} — did you mean '{close}'?"
        hint = f"write '{key}: {close}'"
    elif key == "apiVersion":
        message = f"unknown apiVersion {describe_value(value)}; this version of cjm reads {choices}"
        hint = f"write 'apiVersion: {known[-1]}', or upgrade cjm if the file is newer"
    else:
        message = f"unknown kind {describe_value(value)}; expected one of {choices}"
        hint = f"write one of: {choices}"
    return diagnostic(BAD_HEADER, message, document.path, line, column, hint=hint)


def _closest_header(value: object, known: Sequence[str]) -> str | None:
    """The known header value that `value` is a variant of: other case, other separators, a typo."""
    if not isinstance(value, str):
        return None
    wanted = folded(value)
    same = [choice for choice in known if folded(choice) == wanted]
    if same or any(choice.startswith("cjm/") for choice in known):
        return same[0] if same else None  # another version number is no typo: cjm/v2 is newer, not cjm/v1
    return Vocabulary.of(known, cutoff=0.75, fold=folded).closest(value)


def explain_errors(document: Document, model: type[CjmModel], errors: Sequence[ErrorDetails]) -> list[Diagnostic]:
    """Turn pydantic's errors into diagnostics, one per place, at the place's position."""
    result: list[Diagnostic] = []
    seen: set[Path] = set()
    suggestions = Budget()
    for error in errors:
        kind = error["type"]
        path = _data_path(error["loc"], document.data, keep_last=kind in ("missing", "extra_forbidden"))
        if path in seen:
            continue  # a union reports each alternative; the first says enough
        seen.add(path)
        result.append(_explain(document, model, path, error, suggestions))
    return result


_VALUE_BEFORE = re.compile(r"([A-Za-z_][\w-]*): ([^,{}]*),\s*$")


def _split_by_a_comma(document: Document, key: object, line: int) -> tuple[str, str] | None:
    """When a key with a space in a `{...}` mapping is the rest of a text cut at a comma (which
    ends a value there): the message's ending and the hint, with the text quoted whole."""
    if not isinstance(key, str) or " " not in key.strip() or line < 1 or not document.text:
        return None
    before = document.text.split("\n")[line - 1].split(key, 1)[0]
    if "{" not in before or not before.rstrip().endswith(","):
        return None
    found = _VALUE_BEFORE.search(before)
    fixed = f'write `{found[1]}: "{found[2].strip()}, {key.strip()}"`' if found else "put the text in quotes"
    return (
        ": a comma inside {...} ends the text before it, so the rest was read as a key",
        f"{fixed}: in quotes the comma is part of the text (or write the mapping one key a line)",
    )


def _data_path(loc: Sequence[str | int], data: Any, *, keep_last: bool) -> Path:
    """Keep the part of pydantic's location that exists in the data (plus a missing or unknown key)."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        found, node = _step_into(node, part)
        if not found and _is_tag(loc, index, node, keep_last=keep_last):
            continue  # a tagged union's tag (a blueprint entry's "act"): in pydantic's location, not in the data
        if not found:
            if keep_last and index == len(loc) - 1:
                path.append(part)
            break
        path.append(part)
    return tuple(path)


def _is_tag(loc: Sequence[str | int], index: int, node: Any, *, keep_last: bool) -> bool:
    """Whether loc[index], not in the data, stands between a mapping and a key of it (or a key
    missing from it, when the error is about the last key)."""
    if not isinstance(loc[index], str) or not isinstance(node, dict) or index + 1 >= len(loc):
        return False
    return _step_into(node, loc[index + 1])[0] or (keep_last and index + 1 == len(loc) - 1)


def _step_into(node: Any, part: str | int) -> tuple[bool, Any]:
    if isinstance(node, dict) and isinstance(part, str) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, node


def format_path(path: Path) -> str:
    """Write a location as people read it: stages[2].steps[0].emotion."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _explain(
    document: Document, model: type[CjmModel], path: Path, error: ErrorDetails, suggestions: Budget
) -> Diagnostic:
    kind = error["type"]
    where = format_path(path)
    if kind == "missing":
        parent, name = path[:-1], str(path[-1])
        line, column = document.locate(parent)
        field = _field_at(model, path)
        about = f" ({_first_clause(field.description)})" if field is not None and field.description else ""
        return diagnostic(
            MISSING_KEY,
            f"{format_path(parent) or 'the file'}: the required key '{name}' is missing{about}",
            document.path,
            line,
            column,
            hint=f"add '{name}:' to this mapping{_choices(field)}",
        )
    if kind == "extra_forbidden":
        line, column = document.locate(path, key=True)
        allowed = _keys_at(model, path[:-1])
        close = suggestions.closest(path[-1], allowed)
        suggestion = f" — did you mean '{close}'?" if close else ""
        split = _split_by_a_comma(document, path[-1], line)
        return diagnostic(
            UNKNOWN_KEY,
            f"{where}: unknown key '{path[-1]}'{split[0] if split else suggestion}",
            document.path,
            line,
            column,
            hint=split[1] if split else _rename_hint(close, allowed),
        )
    line, column = document.locate(path)
    from cjm.invalid_values import explain_value, place_of  # only a file with a problem needs it

    field = _field_at(model, path) if path and isinstance(path[-1], str) else None
    optional = field is None or not field.is_required()
    owner = _model_at(model, path[:-1])
    place = place_of(
        document, path, owner, optional=optional, required=_required_at(model, path), suggestions=suggestions
    )
    message, hint = explain_value(error, place)
    return diagnostic(INVALID_VALUE, f"{where}: {message}", document.path, line, column, hint=hint)


def _choices(field: Any) -> str:
    """For a key that takes one of a few words (a stage's type), the words it takes."""
    words = [str(word) for word in _literal_values(field.annotation)] if field is not None else []
    return f", with one of: {', '.join(words)}" if words else ""


def _literal_values(annotation: Any) -> list[object]:
    if get_origin(annotation) is Literal:
        return list(get_args(annotation))
    return [value for argument in get_args(annotation) for value in _literal_values(argument)]


def _first_clause(description: str) -> str:
    """The start of a field description, short enough for a message."""
    return description.split(": ", 1)[0].split(". ", 1)[0].rstrip(".")


def _rename_hint(close: str | None, allowed: Sequence[str]) -> str:
    if close is not None:
        return f"rename it to '{close}'"
    if allowed:
        return "keys allowed here: " + ", ".join(allowed)
    return "remove it"


def _model_class(annotation: Any) -> type[CjmModel] | None:
    """Find the cjm model inside an annotation such as list[Stage] or Demographics | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation if issubclass(annotation, CjmModel) else None
    origin = get_origin(annotation)
    if origin is not None:
        for argument in get_args(annotation):
            found = _model_class(argument)
            if found is not None:
                return found
    return None


@cache  # the models are few; a file with many problems asks about them again and again
def _fields_by_key(model: type[CjmModel]) -> dict[str, Any]:
    return {(field.alias or name): field for name, field in model.model_fields.items()}


@cache
def _models_by_key(model: type[CjmModel]) -> dict[str, type[CjmModel] | None]:
    """The cjm model each key of a model holds (Stage for a journey's `stages`), None for plain values."""
    return {key: _model_class(field.annotation) for key, field in _fields_by_key(model).items()}


def _model_at(model: type[CjmModel], path: Path) -> type[CjmModel] | None:
    current: type[CjmModel] | None = model
    for part in path:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        current = _models_by_key(current).get(part)
    return current


def _field_at(model: type[CjmModel], path: Path) -> Any:
    owner = _model_at(model, path[:-1])
    return _fields_by_key(owner).get(str(path[-1])) if owner is not None else None


def _required_at(model: type[CjmModel], path: Path) -> tuple[str, ...]:
    """The required keys of the model expected at `path` (a list's items count as the list's model)."""
    expected = _model_at(model, path)
    if expected is None:
        return ()
    return tuple(key for key, field in _fields_by_key(expected).items() if field.is_required())


def _keys_at(model: type[CjmModel], path: Path) -> list[str]:
    owner = _model_at(model, path)
    return list(_fields_by_key(owner)) if owner is not None else []
