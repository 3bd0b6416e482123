"""Explain a YAML syntax error in one plain sentence, at the line of its real cause.

libyaml stops where the text can no longer be read, which is often a line or more after
the mistake, and names the problem in parser terms ("did not find expected key"). This
package looks at the text around that place (the line itself, the lines above it, the
indentation of the keys beside it) to find what was written wrong, says it in words a
marketer understands and, where it can be derived, shows the line written right.

It runs only for a file that has already failed to parse, so it may take its time.
"""

from collections.abc import Callable
from typing import Final

from cjm.syntax import layout, quoting
from cjm.syntax.text import ParserError, Source, SyntaxProblem, quote_from, yaml_quoted

__all__ = ["ParserError", "SyntaxProblem", "explain", "quote_from", "yaml_quoted"]


def explain(text: str, error: ParserError) -> SyntaxProblem:
    """Say what is wrong with this YAML text, given where and how libyaml failed to read it."""
    source = Source(text)
    for explanation in _EXPLANATIONS:
        found = explanation(source, error)
        if found is not None:
            return found
    return _unexplained(source, error)


def _unexplained(source: Source, error: ParserError) -> SyntaxProblem:
    line = source.line(error.line)
    if line is None:
        last = next(source.above(error.line), None)
        if last is not None:
            return SyntaxProblem(
                last.number,
                last.content + 1,
                "the file ends before the value started above is complete",
                "check the quotes and brackets from this line to the end of the file: each one opened is closed",
            )
        return SyntaxProblem(1, 1, "YAML cannot read this file", "start it with 'apiVersion: cjm/v1'")
    return SyntaxProblem(
        error.line,
        error.column,
        "YAML cannot read this line",
        "check the indentation and quotes on this line and the one above: keys of one mapping line up, "
        "and text with ': ', ' #' or a special first character is in quotes",
    )


_EXPLANATIONS: Final[tuple[Callable[[Source, ParserError], SyntaxProblem | None], ...]] = (
    layout.tab_in_indentation,
    quoting.backslash_in_double_quotes,
    quoting.unclosed_quote,
    quoting.unclosed_bracket,
    quoting.quote_ends_early,
    quoting.special_first_character,
    quoting.colon_in_text,
    layout.line_without_key,
    layout.key_without_colon,
    layout.misaligned,
    quoting.stray_closing_bracket,
    layout.after_document_end,
)
"""The explanations, the most specific first; the first that recognises its cause answers."""
