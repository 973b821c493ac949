"""Channels: where an entry came from, recorded on sales, stock movements, greetings and the audit log.

Defined once here; the database stores the plain strings.
"""

from __future__ import annotations

from typing import Literal, get_args

Channel = Literal["counter", "phone", "chat", "web", "import", "cli"]
"""The counter microphone, the phone's voice page, the chat, the web pages, a CSV import, the CLI."""

CHANNELS: frozenset[str] = frozenset(get_args(Channel))
"""Every channel an entry may record."""

MESSAGE_CHANNELS: frozenset[str] = CHANNELS - {"import"}
"""The channels a conversation message can arrive through (an import is never a message)."""

SPOKEN_CHANNELS: frozenset[str] = frozenset({"counter", "phone"})
"""Channels whose messages were spoken (the counter microphone, the phone), not typed."""

CHAT_API_CHANNELS: frozenset[str] = SPOKEN_CHANNELS | {"chat"}
"""What a client of the chat API may say its message came through (anything else counts as chat)."""

MessageRoute = Literal["wechat", "sms"]
"""How a message reaches a customer: the owner shares it into WeChat (the greetings page's share button,
what she does), or an SMS. The opt-out line a message ends with depends on it."""

MESSAGE_ROUTES: frozenset[str] = frozenset(get_args(MessageRoute))
"""Every way a message can reach a customer."""

DEFAULT_MESSAGE_ROUTE: MessageRoute = "wechat"
"""How the shop sends messages unless told otherwise."""
