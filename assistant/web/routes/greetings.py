"""The greeting queue: list, play or download, mark sent, cancel (``/api/greetings``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from assistant.db.models import Greeting
from assistant.errors import AssistantError, ConsentRequired, NotFound, message_in
from assistant.shop import greetings
from assistant.shop.customers import get_customer
from assistant.shop.public import share_path
from assistant.web.deps import MAX_ROW_ID, CurrentOwner, RowId, SessionDep
from assistant.web.i18n import chooser, language_of

router = APIRouter(prefix="/api/greetings", tags=["greetings"])


def _json(session: Session, greeting: Greeting) -> dict[str, Any]:
    return {"id": greeting.id, "customer": greeting.customer.name, "customer_id": greeting.customer_id,
            "occasion": greeting.occasion, "text": greeting.text, "source": greeting.source,
            "status": greeting.status, "consent_overridden": greeting.consent_overridden,
            "created_at": greeting.created_at.isoformat(), "sent_at": greeting.sent_at.isoformat() if greeting.sent_at else None,
            "audio_url": f"/api/greetings/{greeting.id}/audio" if greeting.audio_path else None,
            # The link the customer opens herself (CONTRACT §8): signed, expiring, None once cancelled.
            "share_url": share_path(session, greeting=greeting)}


@router.get("")
def list_greetings(session: SessionDep, owner: CurrentOwner, status: str | None = None) -> dict[str, Any]:
    """Greetings, oldest first, optionally only ``waiting`` / ``sent`` / ``cancelled``."""
    try:
        found = greetings.list_greetings(session, shop_id=owner.shop_id, status=status)
    except AssistantError as error:
        raise HTTPException(422, str(error)) from error
    return {"items": [_json(session, g) for g in found]}


@router.get("/{greeting_id}/audio")
def greeting_audio(request: Request, greeting_id: RowId, session: SessionDep, owner: CurrentOwner,
                   download: bool = False) -> FileResponse:
    """The greeting's audio, to play in the page or download and send in a messaging app."""
    try:
        greeting = greetings.get_greeting(session, shop_id=owner.shop_id, greeting_id=greeting_id)
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    if not greeting.audio_path:
        raise HTTPException(404, "this greeting has no audio")
    path = greetings.greeting_audio_path(greeting, data_dir=request.app.state.context.settings.data_dir)
    if not path.exists():
        raise HTTPException(404, "the audio file is missing; record or make the greeting again")
    media = "audio/mp4" if path.suffix == ".m4a" else "audio/mpeg"
    filename = f"{greeting.customer.name}-{greeting.occasion}{path.suffix}" if download else None
    return FileResponse(path, media_type=media, filename=filename)


class MarkSent(BaseModel):
    """Mark a greeting sent; ``insist`` overrides a missing consent (and is logged)."""

    insist: bool = False


@router.post("/{greeting_id}/sent")
def mark_sent(request: Request, greeting_id: RowId, body: MarkSent, session: SessionDep,
              owner: CurrentOwner) -> dict[str, Any]:
    """Record that the owner sent the greeting."""
    try:
        return _json(session, greetings.mark_sent(session, shop_id=owner.shop_id, greeting_id=greeting_id, channel="web",
                                         insist=body.insist, now=request.app.state.context.now()))
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    except ConsentRequired as error:
        raise HTTPException(409, str(error)) from error
    except AssistantError as error:
        raise HTTPException(422, str(error)) from error


@router.post("/{greeting_id}/cancel")
def cancel(greeting_id: RowId, session: SessionDep, owner: CurrentOwner) -> dict[str, Any]:
    """Cancel a waiting greeting."""
    try:
        return _json(session, greetings.cancel(session, shop_id=owner.shop_id, greeting_id=greeting_id, channel="web"))
    except NotFound as error:
        raise HTTPException(404, str(error)) from error
    except AssistantError as error:
        raise HTTPException(422, str(error)) from error


@router.post("/record", status_code=201)
async def upload_recording(request: Request, session: SessionDep, owner: CurrentOwner,
                           customer_id: str = Form(""), occasion: str = Form("生日"), transcript: str = Form(""),
                           insist: bool = Form(False), audio: UploadFile | None = File(None)) -> dict[str, Any]:
    """The owner's voice memo (any format a phone records) becomes a waiting greeting for the customer.
    Every refusal is said in the owner's language (her page's), as the greetings page shows it to her."""
    language = language_of(request)
    t = chooser(language)
    customer_row = customer_id.strip()
    if not customer_row.isdigit() or not 1 <= int(customer_row) <= MAX_ROW_ID:
        raise HTTPException(422, t("请先选好是给哪位顾客的祝福", "Say which customer the greeting is for (a customer id)"))
    if audio is None:
        raise HTTPException(422, t("没有收到录音,请重新录一段祝福", "No recording came with it; record the greeting again"))
    limit = request.app.state.settings.max_upload_bytes
    data = await audio.read(limit + 1)
    if len(data) > limit:
        megabytes = limit // (1024 * 1024)
        raise HTTPException(413, t(f"录音超过{megabytes} MB 了,请录短一点的祝福",
                                   f"the recording is over {megabytes} MB; record a shorter greeting"))
    try:
        customer = get_customer(session, shop_id=owner.shop_id, customer_id=int(customer_row))
        greeting = greetings.save_recorded_greeting(session, customer=customer, occasion=occasion, audio=data,
                                                    transcript=transcript, channel="web", insist=insist,
                                                    data_dir=request.app.state.context.settings.data_dir,
                                                    now=request.app.state.context.now())
    except NotFound as error:
        raise HTTPException(404, message_in(error, language)) from error
    except ConsentRequired as error:
        raise HTTPException(409, message_in(error, language)) from error
    except AssistantError as error:
        raise HTTPException(422, message_in(error, language)) from error
    return _json(session, greeting)
