"""Labels for people to read: the one rule for shortening a text to a width."""

from __future__ import annotations

ELLIPSIS = "\u2026"
"""What marks a shortened text: one character, ``…``."""


def shorten(text: str, width: int, words: bool = True) -> str:
    """``text`` if it fits in ``width`` characters, else its start and ``…``, in ``width`` characters at most.

    With ``words`` (the default) the cut falls at the last space that
    leaves something before it, so no word is cut in half; a text whose
    first word alone is too long is cut inside it. Without ``words`` the cut
    falls at ``width - 1`` characters. Spaces before the ``…`` are dropped.

    Raises:
        ValueError: ``width`` is less than 1.

    >>> shorten("Joint Communique of the 49th Security Consultative Meeting", 28)
    'Joint Communique of the…'
    >>> shorten("Joint Communique of the 49th Security Consultative Meeting", 28, words=False)
    'Joint Communique of the 49t…'
    >>> shorten("Joint Communique of the 49th Security Consultative Meeting", 30)
    'Joint Communique of the 49th…'
    >>> shorten("Joint Communique", 16)
    'Joint Communique'
    >>> shorten("Supercalifragilistic expialidocious", 10)
    'Supercali…'
    >>> shorten("anything", 1)
    '…'
    """
    if width < 1:
        msg = f"a width of at least 1 is needed, got {width}"
        raise ValueError(msg)
    if len(text) <= width:
        return text
    kept = text[: width - 1]
    inside_a_word = not text[width - 1].isspace() and not kept[-1:].isspace()
    if words and inside_a_word:
        cut = kept.rfind(" ")
        if cut > 0 and kept[:cut].strip():
            kept = kept[:cut]
    return kept.rstrip() + ELLIPSIS
