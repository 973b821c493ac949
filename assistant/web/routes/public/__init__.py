"""Pages customers open themselves, without a log-in (CONTRACT §8): a greeting's share link (``/g/``), the
counter's sign-up (``/join/``) and a personal data link (``/me/``). Each reaches only what its signed link
is for; every request counts against the address's rate first (``common.rate_limited``)."""

from fastapi import APIRouter, Depends

from assistant.web.routes.public import personal, share, signup
from assistant.web.routes.public.common import PublicLimits, rate_limited

router = APIRouter(include_in_schema=False, dependencies=[Depends(rate_limited)])
for _module in (share, signup, personal):
    router.include_router(_module.router)

__all__ = ["PublicLimits", "router"]
