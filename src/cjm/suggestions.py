"""Did you mean: the known word closest to an unknown one, at a cost that stays bounded.

Every "did you mean" in cjm goes through here. It gives difflib's answer
(`get_close_matches(word, words, n=1)`: the highest ratio at or above the cutoff, ties to
the greater word), but a file can ask thousands of times against thousands of ids, so:

- the known words are prepared once (a `Vocabulary`) and grouped by length, since two words
  whose lengths differ too much cannot reach the cutoff and are never compared;
- each distinct word is looked up once, however often it is misspelt the same way;
- the cheap upper bound (`quick_ratio`, shared letters) orders the candidates, and the exact
  ratio is computed only while a candidate can still beat the best one found;
- a `Budget` caps the comparisons one file may cause: past it, messages go without a
  suggestion (the first unknown words of a file still get theirs).
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Final

CUTOFF: Final = 0.6
"""How similar a word must be to be suggested (difflib's ratio), unless a caller asks for stricter."""

COMPARISONS: Final = 20_000
"""How many candidate comparisons one file's suggestions may make: about a tenth of a second."""

_EXACT_COST: Final = 4
"""An exact ratio costs about as much as this many cheap bounds."""


def _same(word: str) -> str:
    return word


@dataclass(slots=True)
class Vocabulary:
    """Known words, prepared once to suggest the closest one for many unknown words.

    `fold` makes spellings equal before comparing (lower case, no separators); the word
    suggested is the known word as written (the first one, where several fold alike).
    """

    cutoff: float = CUTOFF
    fold: Callable[[str], str] = _same
    _by_length: dict[int, list[str]] = field(default_factory=dict)
    _written: dict[str, str] = field(default_factory=dict)
    _answers: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, words: Iterable[str], *, cutoff: float = CUTOFF, fold: Callable[[str], str] = _same) -> "Vocabulary":
        """Prepare the known words."""
        vocabulary = cls(cutoff, fold)
        for word in words:
            folded = fold(word)
            if folded not in vocabulary._written:
                vocabulary._written[folded] = word
                vocabulary._by_length.setdefault(len(folded), []).append(folded)
        return vocabulary

    def closest(self, word: object, budget: "Budget | None" = None) -> str | None:
        """The known word most like `word`, or None when none is close (or the budget is spent)."""
        if not isinstance(word, str):
            return None
        wanted = self.fold(word)
        if wanted in self._answers:
            return self._answers[wanted]
        if budget is not None:
            if budget.left <= 0:
                return None
            budget.left -= len(self._by_length)  # looking through the lengths costs too
        groups = [
            words for length, words in self._by_length.items() if _length_bound(len(wanted), length) >= self.cutoff
        ]
        if budget is not None and sum(map(len, groups)) > budget.left:
            return None  # not remembered: a later, smaller vocabulary may still afford this word
        candidates = [known for words in groups for known in words]
        best, exact = _best(wanted, candidates, self.cutoff)
        if budget is not None:
            budget.left -= len(candidates) + _EXACT_COST * exact
        answer = self._written[best] if best is not None else None
        self._answers[wanted] = answer
        return answer


@dataclass(slots=True)
class Budget:
    """The comparisons the suggestions of one file may still make, and the short word lists it has prepared."""

    left: int = COMPARISONS
    _prepared: dict[tuple[str, ...], Vocabulary] = field(default_factory=dict)

    def closest(self, word: object, words: Sequence[str]) -> str | None:
        """The word of a short list (a mapping's keys, a field's choices) most like `word`, if one is close."""
        if self.left <= 0 or not isinstance(word, str):
            return None
        key = tuple(words)
        vocabulary = self._prepared.get(key)
        if vocabulary is None:
            vocabulary = self._prepared[key] = Vocabulary.of(key)
        return vocabulary.closest(word, self)


def closest(word: object, words: Iterable[str], *, cutoff: float = CUTOFF) -> str | None:
    """The word of `words` most like `word`, if one is close: for a single question."""
    return Vocabulary.of(words, cutoff=cutoff).closest(word)


def is_similar(word: str, target: str, cutoff: float) -> bool:
    """Whether `word` is at least `cutoff` like `target` (difflib's ratio), checking cheap bounds first.

    Asked of every key of a file (is it `apiVersion` misspelt?), so most words are turned away
    by their length or their letters before any matching starts.
    """
    if word == target:
        return True
    total = len(word) + len(target)
    if _length_bound(len(word), len(target)) < cutoff:
        return False
    letters, others = _letters(target)
    if 2.0 * (len(word) - len(word.translate(others))) / total < cutoff:
        return False  # too few of its letters are the target's at all (one pass, in C)
    shared = sum(min(word.count(letter), count) for letter, count in letters.items())
    if 2.0 * shared / total < cutoff:
        return False
    return SequenceMatcher(None, word, target).ratio() >= cutoff


@lru_cache(maxsize=16)
def _letters(target: str) -> tuple[Counter[str], dict[int, None]]:
    """The target's letters with their counts, and a table that deletes them from a word."""
    return Counter(target), dict.fromkeys(map(ord, set(target)))


def _length_bound(a: int, b: int) -> float:
    """The highest ratio two words of these lengths can have (difflib's real_quick_ratio)."""
    return 2.0 * min(a, b) / (a + b) if a + b else 1.0


def _best(word: str, candidates: list[str], cutoff: float) -> tuple[str | None, int]:
    """difflib's closest match (the highest ratio at or above the cutoff, ties going to the greater
    word), and how many exact ratios it took."""
    matcher = SequenceMatcher()
    matcher.set_seq2(word)
    bounded: list[tuple[float, str]] = []
    for candidate in candidates:
        matcher.set_seq1(candidate)
        bound = matcher.quick_ratio()
        if bound >= cutoff:
            bounded.append((bound, candidate))
    bounded.sort(reverse=True)
    best: tuple[float, str] | None = None
    exact = 0
    for bound, candidate in bounded:
        if best is not None and (bound, candidate) < best:
            break  # the ratio never exceeds its bound: no candidate left can win
        matcher.set_seq1(candidate)
        ratio = matcher.ratio()
        exact += 1
        if ratio >= cutoff and (best is None or (ratio, candidate) > best):
            best = (ratio, candidate)
    return (best[1] if best is not None else None), exact
