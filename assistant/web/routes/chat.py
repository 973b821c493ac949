"""Chat: the Rasa REST-channel webhook (CONTRACT §4) and the chat page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from assistant.shop.channels import CHAT_API_CHANNELS
from assistant.web.deps import CurrentOwner
from assistant.web.templating import templates

router = APIRouter(tags=["chat"])


class IncomingMessage(BaseModel):
    """The body Rasa's REST channel accepts."""

    sender: str = Field("owner", max_length=100)
    message: str = Field(..., max_length=2000)
    metadata: dict[str, Any] | None = None


@router.post("/webhooks/rest/webhook")
async def rest_webhook(body: IncomingMessage, request: Request, _owner: CurrentOwner) -> list[dict[str, Any]]:
    """Answer a message like Rasa's REST channel: a list of ``{"recipient_id", "text", ...}``."""
    brain = request.app.state.brain
    if brain is None:
        raise HTTPException(503, "the dialogue model is not trained yet: run `assistant train`")
    channel = (body.metadata or {}).get("channel", "chat")
    turn = await brain.handle(body.message, sender=body.sender, channel=channel if channel in CHAT_API_CHANNELS else "chat")
    return [{"recipient_id": body.sender, **message} for message in turn.messages]


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request, owner: CurrentOwner) -> Response:
    """The chat page."""
    return templates.TemplateResponse(request, "chat.html", {"owner": owner})
