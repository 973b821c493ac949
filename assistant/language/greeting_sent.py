"""Whether the owner tells that she sent a greeting herself ("刘女士的祝福发过去了", "I sent Mrs Liu's greeting"),
not asks which are waiting ("还有哪些祝福没发") or whether it went ("刘女士的祝福发了吗")."""

from __future__ import annotations

import re

from assistant.language.normalize import normalize

_SENT = re.compile(r"发过去|发出去|发走|发好|已经发|已发|发过了|发了|转过去|转发了|\bsent\b|\bsend it\b.*\balready\b|"
                   r"\bdone\b.*\bgreeting|\bgreeting\b.*\bdone\b")
# "没发", "发了吗", "哪些", "which are waiting", "?": asking, not telling.
_ASKS = re.compile(r"没发|未发|不发|吗|么|没有[?？]?$|[?？]|哪些|哪几|几条|多少|还有|要不要|"
                   r"\bnot\b|n't|\bunsent\b|\bwhich\b|\bwhat\b|\bwaiting\b|\bany\b|^(?:is|was|did|has|have)\b")


def tells_greeting_sent(text: str | None) -> bool:
    """Whether ``text`` tells that a greeting was sent ("刘女士的祝福发过去了"), as a statement, not a question."""
    value = normalize(text or "").text.lower().strip()
    compact = re.sub(r"\s+", "", value) if not value.isascii() else value
    return bool(_SENT.search(compact)) and not _ASKS.search(compact)
