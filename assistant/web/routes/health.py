"""The only route that needs no log-in: is the server up?"""

from fastapi import APIRouter, Request

router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request) -> dict[str, object]:
    """Whether the server runs and whether the dialogue model is loaded (no customer data)."""
    return {"status": "ok", "brain": request.app.state.brain is not None}
