"""A page on another site cannot make the owner's browser change anything with her session cookie.

What the red team did: a cross-site POST with her cookie edited a customer, imported a file and marked a
greeting sent, and a WebSocket opened from a foreign page. Browsers send ``Origin`` with every POST (and
``Sec-Fetch-Site``), so each of those is refused with 403 and nothing changes; the pages' own forms work.
"""

from __future__ import annotations

import pytest
from starlette.websockets import WebSocketDisconnect

from assistant import auth
from assistant.db import session_scope
from assistant.db.models import Customer, Greeting
from tests.web import test_pages as pages
from tests.web.test_pages import CUSTOMER_HEADER, customer_id

# The demo shop and its clients, as the pages' tests make them.
anonymous = pages.anonymous
client = pages.client
demo_engine = pages.demo_engine
demo_template = pages.demo_template

EVIL = {"origin": "https://evil.example", "sec-fetch-site": "cross-site"}
OWN = {"origin": "http://testserver", "sec-fetch-site": "same-origin"}


def _household(engine, cid: int) -> str | None:
    with session_scope(engine) as session:
        return session.get(Customer, cid).household


def _waiting_greeting(engine, cid: int) -> int:
    with session_scope(engine) as session:
        greeting = Greeting(shop_id=1, customer_id=cid, occasion="生日", text="生日快乐", source="composed")
        session.add(greeting)
        session.flush()
        return greeting.id


def _edit(engine, cid: int, household: str) -> dict[str, str]:
    """The customer's edit form as the page sends it: every field as it is, the household changed."""
    from assistant.shop.customers import birthday_of

    with session_scope(engine) as session:
        customer = session.get(Customer, cid)
        birthday = birthday_of(customer)
        return {"phone": customer.phone or "", "birthday": str(birthday) if birthday else "", "household": household}


def _status(engine, greeting_id: int) -> str:
    with session_scope(engine) as session:
        return session.get(Greeting, greeting_id).status


def test_cross_site_edit_of_a_customer_is_refused_and_changes_nothing(client, demo_engine):
    cid = customer_id(demo_engine, "王秀英")
    before = _household(demo_engine, cid)
    refused = client.post(f"/customers/{cid}", data=_edit(demo_engine, cid, "evil"), headers=EVIL, follow_redirects=False)
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("跨站请求被拒绝")
    assert _household(demo_engine, cid) == before
    # The same form from the page itself still saves.
    saved = client.post(f"/customers/{cid}", data=_edit(demo_engine, cid, "8栋"), headers=OWN, follow_redirects=False)
    assert saved.status_code == 303 and _household(demo_engine, cid) == "8栋"


def test_cross_site_import_is_refused_and_imports_nothing(client):
    upload = {"customers": ("c.csv", (CUSTOMER_HEADER + "周新人,,13811112222,05-06,,,,yes\n").encode(), "text/csv")}
    refused = client.post("/import", files=upload, headers=EVIL)
    assert refused.status_code == 403
    assert "没有找到" in client.get("/customers", params={"q": "周新人"}).text
    assert "导入完成:顾客新加1位" in client.post("/import", files=upload, headers=OWN).text


def test_cross_site_greeting_sent_is_refused_on_the_page_and_the_api(client, demo_engine):
    greeting_id = _waiting_greeting(demo_engine, customer_id(demo_engine, "王秀英"))
    assert client.post(f"/greetings/{greeting_id}/sent", headers=EVIL).status_code == 403
    assert client.post(f"/api/greetings/{greeting_id}/sent", json={"insist": True}, headers=EVIL).status_code == 403
    assert client.post(f"/api/greetings/{greeting_id}/cancel", headers=EVIL).status_code == 403
    assert _status(demo_engine, greeting_id) == "waiting"


@pytest.mark.parametrize("headers", [
    {"origin": "https://evil.example"},                       # an older browser: Origin only
    {"referer": "https://evil.example/page.html"},            # Referer only
    {"origin": "null"},                                        # a sandboxed frame or a no-referrer page
    {"origin": "http://testserver:9000"},                      # another port on the same host
    {"origin": "https://testserver"},                          # the same host over the other scheme
    {"origin": "http://testserver", "sec-fetch-site": "same-site"},  # a sibling host
], ids=["origin", "referer", "null", "port", "scheme", "same-site"])
def test_every_sign_of_another_origin_is_refused(client, demo_engine, headers):
    cid = customer_id(demo_engine, "王秀英")
    refused = client.post(f"/customers/{cid}", data=_edit(demo_engine, cid, "evil"), headers=headers)
    assert refused.status_code == 403
    assert _household(demo_engine, cid) != "evil"


@pytest.mark.parametrize("headers", [
    {"origin": "http://testserver"},
    {"referer": "http://testserver/customers/1"},
    {"origin": "http://TESTSERVER:80"},
    {},  # no Origin, Referer or Sec-Fetch-Site: not a browser, so no cookie was sent behind anyone's back
], ids=["origin", "referer", "default-port", "not-a-browser"])
def test_same_origin_requests_pass(client, demo_engine, headers):
    cid = customer_id(demo_engine, "王秀英")
    saved = client.post(f"/customers/{cid}", data=_edit(demo_engine, cid, "8栋"), headers=headers, follow_redirects=False)
    assert saved.status_code == 303 and _household(demo_engine, cid) == "8栋"


def test_cross_site_log_out_and_log_in_are_refused(client):
    assert client.post("/logout", headers=EVIL).status_code == 403
    assert client.get("/customers").status_code == 200  # still logged in
    # Log-in CSRF: a foreign page must not log the owner's browser into an account of its choosing.
    assert client.post("/login", data={"username": "owner", "password": "x"}, headers=EVIL).status_code == 403


def test_a_request_with_the_token_is_judged_by_the_token_alone(anonymous, demo_engine):
    with session_scope(demo_engine) as session:
        token = auth.new_token(session, auth.find_owner(session))
    greeting_id = _waiting_greeting(demo_engine, customer_id(demo_engine, "王秀英"))
    by_header = anonymous.post(f"/api/greetings/{greeting_id}/cancel", headers={**EVIL, "authorization": f"Bearer {token}"})
    assert by_header.status_code == 200 and _status(demo_engine, greeting_id) == "cancelled"
    # A wrong token does not fall back to a cookie, so a forged request gets nowhere either.
    assert anonymous.post(f"/api/greetings/{greeting_id}/sent?token=wrong", json={}, headers=EVIL).status_code == 401


def test_a_websocket_from_a_foreign_page_is_refused(client):
    for path in ("/ws/vosk", "/ws/voice"):
        with pytest.raises(WebSocketDisconnect) as refused, client.websocket_connect(path, headers=EVIL) as ws:
            ws.receive_text()
        assert refused.value.code == 1008
    with client.websocket_connect("/ws/vosk", headers={"origin": "http://testserver"}) as ws:
        ws.send_json({"config": {"sample_rate": 16000}})
