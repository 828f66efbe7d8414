"""Say in plain words what a YAML syntax error means, before the parser's own words.

PyYAML's messages ("expected <block end>, but found '<scalar>'") name the parser's states, not
the contributor's mistake. Each known message gets a sentence that says what is wrong in the
terms of the file (lines, indentation, quotes, fields); the parser's words follow it, in
parentheses, for those who know them.
"""

from __future__ import annotations

__all__ = ["plain_yaml_problem"]

# (words in the parser's problem or context, what they mean). First match wins.
_PLAIN: tuple[tuple[str, str], ...] = (
    ("'\\t'", "a tab character is used where YAML needs spaces"),
    ("expected <block end>", "this line is indented differently from the lines above it, "
                             "or a field's value is not in quotes where it needs them"),
    ("mapping values are not allowed", "a value contains a colon followed by a space, which YAML reads as "
                                       "the start of another field"),
    ("could not find expected ':'", "a line is not of the form 'name: value' (a colon is missing, "
                                    "or a quoted value runs on)"),
    ("while scanning a quoted scalar", "a quoted value has no closing quotation mark"),
    ("expected ',' or ']'", "a list written in square brackets is not closed with ']'"),
    ("expected ',' or '}'", "a group written in braces is not closed with '}'"),
    ("that cannot start any token", "a value starts with a character YAML reserves (such as @ or `)"),
    ("expected a comment or a line break", "something follows a quoted value on the same line"),
    ("expected <document start>", "the lines do not form one set of 'name: value' fields"),
    ("duplicate key", "the same field is given twice"),
    ("expected <block sequence end>", "the items of a list are not indented alike"),
    ("while parsing a block collection", "the items of a list are not indented alike"),
)


def plain_yaml_problem(problem: str, context: str = "") -> str:
    """``what is wrong, in plain words (the YAML reader says: …)``."""
    said = problem if not context or context in problem else f"{context}: {problem}"
    for words, meaning in _PLAIN:
        if words in problem or words in context:
            return f"{meaning} (the YAML reader says: {said})"
    return f"the text is not valid YAML (the YAML reader says: {said})"
