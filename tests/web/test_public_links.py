"""The public pages over HTTP, as someone probing them would: random and expired tokens answer exactly like a
path that does not exist, every address is held to a rate, no page names another customer, posts need the
page's own form, and the owner's pages and APIs still need her log-in. Both databases (``shop_db``)."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant import auth
from assistant.db import session_scope
from assistant.db.models import Consent, Customer, ErasureRequest, Signup
from assistant.shop import public
from assistant.shop.customers import find_customer
from assistant.shop.greetings import create_greeting
from assistant.shop.shops import get_or_create_shop
from assistant.web.app import create_app
from assistant.web.routes.public import PublicLimits
from assistant.web.throttle import RequestRate

OWN = {"origin": "http://testserver", "sec-fetch-site": "same-origin", "accept": "text/html"}
OTHERS = ("汪桂兰", "李建国", "汪阿姨", "李叔", "Uncle Li")


@pytest.fixture
def shop(shop_db):
    """The small shop with a greeting for 王秀英 (made now, and one made 40 days ago), served."""
    with session_scope(shop_db) as session:
        shop_id = get_or_create_shop(session).id
        wang = find_customer(session, shop_id=shop_id, name="王秀英")
        wang.referred_by_id = find_customer(session, shop_id=shop_id, name="李建国").id  # a name to leak
        owner_token = auth.ensure_owner(session).token
        now = dt.datetime.now()
        links = {}
        for key, made in (("fresh", now), ("old", now - dt.timedelta(days=public.SHARE_DAYS + 10))):
            # A new arrival may be told any number of times (one birthday greeting a year).
            greeting = create_greeting(session, customer=wang, occasion="新品到货", text="王阿姨,新米到了!",
                                       source="composed", channel="cli", data_dir=Path("/nonexistent"), now=made)
            links[key] = public.share_path(session, greeting=greeting)
        links["personal"] = public.personal_path(session, shop_id=shop_id, customer=wang, now=now, channel="web")
        links["personal_old"] = public.personal_path(session, shop_id=shop_id, customer=wang,
                                                     now=now - dt.timedelta(days=public.PERSONAL_DAYS + 1),
                                                     channel="web")
        links["join"] = public.signup_path(session, shop_id=shop_id)
        wang_id = wang.id
    app = create_app(engine=shop_db, load_brain=False)
    with TestClient(app) as client:
        yield client, links, owner_token, wang_id


def _unknown_body(client: TestClient) -> bytes:
    return client.get("/no/such/page").content


def _consents(engine, customer_id: int) -> list[tuple[str, bool, str]]:
    with session_scope(engine) as session:
        return [(c.purpose, c.granted, c.source) for c in session.execute(
            select(Consent).where(Consent.customer_id == customer_id).order_by(Consent.id)).scalars()]


def test_random_tampered_and_malformed_tokens_answer_like_a_path_that_does_not_exist(shop):
    client, links, _, _ = shop
    client.app.state.public_limits = PublicLimits(pages=RequestRate(limit=10_000, window=60))  # many guesses
    unknown = _unknown_body(client)
    good = links["fresh"].rsplit("/", 1)[1]
    guesses = [secrets.token_urlsafe(n) for n in (8, 32, 44, 60)] * 3
    middle = len(good) - 10  # a character of the signature (the last one's low bits are base64 padding)
    guesses += [good[:middle] + ("A" if good[middle] != "A" else "B") + good[middle + 1:], good.split(".")[0] + "." + secrets.token_urlsafe(32), "WzEsMF0.x", "%00", "a" * 500,
                "王阿姨", links["personal"].rsplit("/", 1)[1], links["join"].rsplit("/", 1)[1]]
    for prefix in ("/g/", "/me/", "/join/"):
        for guess in guesses:
            if prefix + guess in links.values():
                continue
            for path in (prefix + guess, prefix + guess + "/audio", prefix + guess + "/download"):
                answer = client.get(path)
                assert (answer.status_code, answer.content) == (404, unknown), path
    # Posts with a bad link are 404 too, before anything is read from the form.
    for path in ("/g/xyz/opt-out", "/me/xyz/erase", "/join/xyz"):
        answer = client.post(path, data={"form_token": "x"}, headers=OWN)
        assert (answer.status_code, answer.content) == (404, unknown), path


def test_expired_links_are_404(shop):
    client, links, _, _ = shop
    unknown = _unknown_body(client)
    for key in ("old", "personal_old"):
        assert (client.get(links[key]).status_code, client.get(links[key]).content) == (404, unknown)
    assert client.post(links["old"] + "/opt-out").status_code == 404
    assert client.get(links["fresh"]).status_code == 200 and client.get(links["personal"]).status_code == 200


def test_an_address_past_its_rate_waits_whatever_the_link(shop):
    client, links, _, _ = shop
    client.app.state.public_limits = PublicLimits(pages=RequestRate(limit=5, window=60),
                                                  posts=RequestRate(limit=2, window=600))
    answers = [client.get(links["fresh"]).status_code for _ in range(5)]
    assert answers == [200] * 5
    refused = client.get(links["fresh"])
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert client.get("/g/" + secrets.token_urlsafe(40)).status_code == 429  # guessing waits as well
    assert client.get("/no/such/page").status_code == 404  # the owner's side is not counted here
    client.app.state.public_limits = PublicLimits(posts=RequestRate(limit=2, window=600))
    posts = [client.post(links["join"], data={}, headers=OWN).status_code for _ in range(3)]
    assert posts == [422, 422, 429]


def test_no_public_page_names_another_customer(shop):
    client, links, _, _ = shop
    pages = [client.get(links["fresh"]).text, client.get(links["join"]).text, client.get(links["personal"]).text,
             client.get(links["personal"] + "/download").text]
    assert "王秀英" in pages[2] and "王秀英" in pages[3]
    for page in pages:
        for name in OTHERS:
            assert name not in page


def test_public_pages_set_no_cookie_and_an_owner_cookie_opens_nothing_more(shop):
    client, links, owner_token, _ = shop
    for path in (links["fresh"], links["join"], links["personal"]):
        answer = client.get(path)
        assert answer.status_code == 200 and "set-cookie" not in answer.headers
        assert "/customers" not in answer.text and "/today" not in answer.text  # nothing else reachable
    assert client.get(f"/login?token={owner_token}").status_code == 200  # the owner's cookie is now sent
    unknown = _unknown_body(client)
    assert client.get(links["fresh"][:-3] + "abc").content == unknown
    assert client.get(links["old"]).status_code == 404


def test_the_owners_pages_and_apis_still_need_her_log_in(shop):
    client, _, _, wang_id = shop
    for path in ("/api/greetings", "/signups"):
        assert client.get(path).status_code == 401
    assert client.get("/signups", headers={"accept": "text/html"}, follow_redirects=False).status_code == 303
    for path in ("/signups/1/confirm", "/signups/1/refuse", f"/customers/{wang_id}/personal-link",
                 f"/customers/{wang_id}/erase", f"/customers/{wang_id}/keep"):
        assert client.post(path).status_code == 401, path


def test_share_urls_come_with_the_greetings_and_her_no_is_recorded_by_a_post(shop, shop_db):
    client, _, owner_token, wang_id = shop
    listed = client.get("/api/greetings", headers={"Authorization": f"Bearer {owner_token}"}).json()["items"]
    share_url = listed[-1]["share_url"]
    assert share_url.startswith("/g/") and client.get(share_url).status_code == 200
    # CONTRACT §8: a POST to {share_url}/opt-out, as a program sends it.
    answer = client.post(f"{share_url}/opt-out")
    assert answer.status_code == 200 and answer.json() == {"opted_out": True}
    assert _consents(shop_db, wang_id)[-1] == ("marketing", False, "link")
    assert "已退订" in client.get(share_url).text
    # From another site, the browser's post is refused.
    assert client.post(f"{share_url}/opt-out", headers={"origin": "https://evil.example"}).status_code == 403


def _form_token(html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def test_a_sign_up_needs_its_pages_form_and_keeps_each_consent(shop, shop_db):
    client, links, _, _ = shop
    join = links["join"]
    fields = {"name": "周小梅", "phone": "13857109999", "birthday": "八月十五", "calendar": "lunar",
              "household": "7栋", "sensitive_notes": "孩子花生过敏", "sensitive": "yes", "marketing": "yes"}
    assert client.post(join, data=fields, headers=OWN).status_code == 422  # no form token
    other_token = _form_token(client.get(links["personal"]).text)  # another link's form
    assert client.post(join, data={**fields, "form_token": other_token}, headers=OWN).status_code == 422
    with session_scope(shop_db) as session:
        assert session.execute(select(Signup)).first() is None
    token = _form_token(client.get(join).text)
    sent = client.post(join, data={**fields, "form_token": token}, headers=OWN, follow_redirects=False)
    assert sent.status_code == 303 and "thanks=1" in sent.headers["location"]
    assert "谢谢" in client.get(sent.headers["location"]).text
    with session_scope(shop_db) as session:
        [signup] = session.execute(select(Signup)).scalars().all()
        assert (signup.name, signup.birthday, signup.marketing_consent, signup.sensitive_consent) == (
            "周小梅", "农历08-15", True, True)
    refused = client.post(join, headers=OWN, data={**fields, "form_token": token, "sensitive": "", "phone": "123"})
    assert refused.status_code == 422 and "不是电话号码" in refused.text and "请单独勾选同意" in refused.text


def test_her_personal_page_download_and_erasure_request(shop, shop_db):
    client, links, owner_token, wang_id = shop
    page = client.get(links["personal"])
    assert page.status_code == 200 and "王秀英" in page.text and "3栋" in page.text
    download = client.get(links["personal"] + "/download")
    assert download.headers["content-disposition"].startswith("attachment")
    assert json.loads(download.text)["profile"]["name"] == "王秀英"
    assert client.post(links["personal"] + "/erase", data={}, headers=OWN).status_code == 422  # no form token
    asked = client.post(links["personal"] + "/erase", data={"form_token": _form_token(page.text)}, headers=OWN)
    assert asked.status_code == 200 and "已收到您的删除请求" in asked.text
    with session_scope(shop_db) as session:
        assert session.execute(select(ErasureRequest.customer_id)).scalars().all() == [wang_id]
    owner = {"Authorization": f"Bearer {owner_token}"}
    assert "她要求删除资料" in client.get(f"/customers/{wang_id}", headers=owner).text
    erased = client.post(f"/customers/{wang_id}/erase", headers=owner, follow_redirects=False)
    assert erased.status_code == 303
    with session_scope(shop_db) as session:
        assert session.get(Customer, wang_id) is None
    assert client.get(links["personal"]).status_code == 404 and client.get(links["fresh"]).status_code == 404


# Routes anyone may reach: the health check, logging in and out, the language switch, help, the icon,
# and the public links themselves (CONTRACT §4 and §8).
OPEN_ROUTES = {"/openapi.json", "/health", "/login", "/logout", "/language", "/help/phone", "/favicon.ico"}
PUBLIC_PREFIXES = ("/g/", "/join/", "/me/")


def test_every_other_route_still_needs_the_owner(shop):
    client, _, _, _ = shop
    checked = 0
    for route in client.app.routes:
        methods = getattr(route, "methods", None)
        if not methods or route.path in OPEN_ROUTES or route.path.startswith(PUBLIC_PREFIXES):
            continue
        path = re.sub(r"\{name\}", "credit", re.sub(r"\{kind\}", "customers", route.path))
        path = re.sub(r"\{[a-z_]+\}", "1", path)
        for method in methods - {"HEAD"}:
            answer = client.request(method, path, headers={"origin": "http://testserver"})
            assert answer.status_code == 401, (method, path, answer.status_code)
            checked += 1
    assert checked >= 30
