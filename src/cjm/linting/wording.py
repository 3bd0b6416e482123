"""How findings name several things in one sentence."""

from collections.abc import Sequence


def spoken_list(parts: Sequence[str], *, shown: int = 3) -> str:
    """Parts as a sentence says them: a, b and c; beyond `shown`, the rest counted."""
    said = list(parts[:shown])
    rest = len(parts) - len(said)
    if rest:
        return ", ".join(said) + f" and {rest} more"
    if len(said) <= 1:
        return "".join(said)
    return ", ".join(said[:-1]) + f" and {said[-1]}"


def quoted_list(names: Sequence[str], *, shown: int = 3) -> str:
    """Names in quotes as a sentence says them: 'a', 'b' and 'c'; beyond `shown`, the rest counted."""
    return spoken_list([f"'{name}'" for name in names], shown=shown)
