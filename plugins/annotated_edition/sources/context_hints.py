"""Explain a ``prefix`` or ``suffix`` that rules out every place a quote occurs.

When the quote itself is in the clause but the words given around it are not, the problem is
the prefix or suffix, not the quote: saying "quote not found" and then "the quote matches" would
contradict itself. This names the field at fault and shows the words that really surround each
occurrence, so they can be copied.
"""

from __future__ import annotations

from .anchoring import find_quote

__all__ = ["explain_context_miss"]

_SHOWN = 40  # characters of context shown on each side


def _occurrences(text: str, quote: str) -> list[int]:
    found, position = [], text.find(quote)
    while position >= 0:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def explain_context_miss(clause_text: str, quote: str, prefix: str, suffix: str) -> tuple[str, str, str] | None:
    """(field at fault, message, hint) when ``quote`` occurs but no occurrence has the given
    prefix and suffix; None when the quote itself is missing (another explanation applies)."""
    positions = _occurrences(clause_text, quote) if quote else []
    if not positions or find_quote(clause_text, quote, prefix, suffix).matches:
        return None
    prefix_fits = find_quote(clause_text, quote, prefix, "").matches > 0
    field = "suffix" if prefix_fits and suffix else "prefix"
    given = suffix if field == "suffix" else prefix
    times = "once" if len(positions) == 1 else f"{len(positions)} times"
    message = (f"the {field} {given!r} is not next to the quote {quote!r}: the quote occurs {times} in the clause, "
               f"never with these words {'after' if field == 'suffix' else 'before'} it")
    lines = []
    for position in positions[:3]:
        if field == "prefix":
            lines.append(f"Before it: {clause_text[max(0, position - _SHOWN):position]!r}")
        else:
            end = position + len(quote)
            lines.append(f"After it: {clause_text[end:end + _SHOWN]!r}")
    advice = (f"Remove '{field}' (the quote occurs only once, so it needs none)" if len(positions) == 1
              else f"Copy the '{field}' exactly from the words shown (it may be shorter)")
    return field, message, "\n".join(lines + [advice + "."])
