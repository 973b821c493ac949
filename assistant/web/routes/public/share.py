"""A greeting's share link: the page (``/g/TOKEN``), its audio (``/g/TOKEN/audio``) and her own "不想再收到"
(``POST /g/TOKEN/opt-out``, CONTRACT §8)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response

from assistant.errors import NotFound
from assistant.shop import public
from assistant.web.deps import SessionDep
from assistant.web.routes.public.common import not_found, public_page, wants_page

router = APIRouter()


@router.get("/g/{token}")
def share_page(request: Request, token: str, session: SessionDep) -> Response:
    """Her greeting: plays it, shows its text and the shop's name, and offers "不想再收到"."""
    context = request.app.state.context
    try:
        shared = public.open_share(session, shop_id=context.shop_id, token=token, now=context.now())
    except NotFound:
        raise not_found() from None
    return public_page(request, "share.html", shared.language, shared=shared, shop_name=shared.shop_name,
                       link=f"/g/{token}")


@router.get("/g/{token}/audio")
def share_audio(request: Request, token: str, session: SessionDep) -> Response:
    """The greeting's audio, reachable only through its link."""
    context = request.app.state.context
    try:
        path = public.shared_audio(session, shop_id=context.shop_id, token=token, now=context.now(),
                                   data_dir=context.settings.data_dir)
    except NotFound:
        raise not_found() from None
    return FileResponse(path, media_type="audio/mp4" if path.suffix == ".m4a" else "audio/mpeg")


@router.post("/g/{token}/opt-out")
def share_opt_out(request: Request, token: str, session: SessionDep) -> Response:
    """Her own withdrawal of consent to messages (source ``link``). The signed link is what allows it
    (CONTRACT §8: a POST to ``{share_url}/opt-out``), like the 退订 link of any message; a browser's post
    must come from this site's own page (``web.security``)."""
    context = request.app.state.context
    try:
        shared = public.opt_out(session, shop_id=context.shop_id, token=token, now=context.now())
    except NotFound:
        raise not_found() from None
    if wants_page(request):
        return RedirectResponse(f"/g/{token}", status_code=303)
    return JSONResponse({"opted_out": shared.opted_out})
