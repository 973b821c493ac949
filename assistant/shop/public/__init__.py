"""What customers open themselves, without a log-in (CONTRACT §8): a greeting's share link, the counter's
sign-up page and a personal data link. Every link is signed with the shop's own key and names exactly one
thing (``links``); one module per page's logic (``share``, ``signup``, ``personal``). The web routes
(``web.routes.public``) only read the request and render.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.db.models import ErasureRequest, Signup
from assistant.shop.public.links import check_form_token, form_token
from assistant.shop.public.personal import (
    PERSONAL_DAYS,
    confirm_erasure,
    decline_erasure,
    erasure_request,
    erasure_requests,
    open_personal,
    personal_data,
    personal_path,
    request_erasure,
)
from assistant.shop.public.share import (
    SHARE_DAYS,
    SharedGreeting,
    open_share,
    opt_out,
    share_path,
    shared_audio,
)
from assistant.shop.public.signup import (
    SignupForm,
    SignupInvalid,
    check_signup_link,
    confirm_signup,
    refuse_signup,
    signup_path,
    submit_signup,
    waiting_signups,
)


def waiting_for_owner(session: Session, *, shop_id: int) -> dict[str, int]:
    """How many sign-ups and erasure requests wait for the owner (Today shows them)."""
    return {
        "signups": session.execute(select(func.count(Signup.id)).where(Signup.shop_id == shop_id)).scalar(),
        "erasures": session.execute(
            select(func.count(ErasureRequest.id)).where(ErasureRequest.shop_id == shop_id)).scalar(),
    }


__all__ = [
    "PERSONAL_DAYS",
    "SHARE_DAYS",
    "SharedGreeting",
    "SignupForm",
    "SignupInvalid",
    "check_form_token",
    "check_signup_link",
    "confirm_erasure",
    "confirm_signup",
    "decline_erasure",
    "erasure_request",
    "erasure_requests",
    "form_token",
    "open_personal",
    "open_share",
    "opt_out",
    "personal_data",
    "personal_path",
    "refuse_signup",
    "request_erasure",
    "share_path",
    "shared_audio",
    "signup_path",
    "submit_signup",
    "waiting_for_owner",
    "waiting_signups",
]
