"""How findings name several things in one sentence."""

from collections.abc import Sequence


def quoted_list(names: Sequence[str], *, shown: int = 3) -> str:
    """Names in quotes as a sentence says them: 'a', 'b' and 'c'; beyond `shown`, the rest counted."""
    quoted = [f"'{name}'" for name in names[:shown]]
    rest = len(names) - len(quoted)
    if rest:
        return ", ".join(quoted) + f" and {rest} more"
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" and {quoted[-1]}"
