"""掌柜 Zhanggui: the shop owner's voice and chat assistant.

The package is laid out in the direction data flows:
``speech`` (audio in and out) → ``language`` (normalise text, resolve names) → ``brain`` (Rasa)
→ ``actions/`` (thin) → ``shop`` (typed services and reports) → ``db`` (models, migrations).
``web`` and ``cli`` are two doors onto the same services.
"""

from assistant.errors import AssistantError

__all__ = ["AssistantError", "__version__"]
__version__ = "0.1.0"
