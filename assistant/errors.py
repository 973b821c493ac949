"""Every error the assistant raises on purpose is an ``AssistantError``: callers catch one root."""


class AssistantError(Exception):
    """Base of the assistant's own errors; the message says what to do next."""

    zh: str | None = None  # the same message in Chinese, when the raiser has one

    def __init__(self, message: str = "", *, zh: str | None = None) -> None:
        super().__init__(message)
        if zh is not None:
            self.zh = zh


def message_in(error: AssistantError, language: str) -> str:
    """What the owner is told of ``error`` in her language: the Chinese text when it has one (a Chinese
    reply must not carry an English sentence), else its own message."""
    return (error.zh or str(error)) if language == "zh" else str(error)


class NotFound(AssistantError):
    """A customer, product or record that the caller named does not exist."""


class Invalid(AssistantError):
    """Input that cannot be accepted as it is (bad date, negative quantity, ...); ``zh`` is the same
    message in Chinese when the raiser has one (the pages show the owner's language)."""

    def __init__(self, message: str, *, field: str | None = None, zh: str | None = None) -> None:
        super().__init__(message, zh=zh)
        self.field = field


class Ambiguous(AssistantError):
    """A name matched several records; the caller should ask which one."""

    def __init__(self, message: str, *, candidates: list) -> None:
        super().__init__(message)
        self.candidates = candidates


class ConsentRequired(AssistantError):
    """An action that needs the customer's consent, which they have not given."""
