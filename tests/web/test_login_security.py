"""Log-in resists guessing, tells nobody which usernames exist, and a session ends when the owner says so."""

import statistics
import time

import pytest
from fastapi.testclient import TestClient

from assistant import auth
from assistant.db import session_scope
from assistant.web.app import create_app
from assistant.web.deps import SESSION_COOKIE
from assistant.web.throttle import LoginThrottle
from tests.web.test_access import EchoBrain


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def credentials(sqlite_engine):
    with session_scope(sqlite_engine) as session:
        return auth.ensure_owner(session)


@pytest.fixture
def app(sqlite_engine, credentials):
    return create_app(engine=sqlite_engine, brain=EchoBrain(), load_brain=False)


@pytest.fixture
def clock(app):
    clock = Clock()
    app.state.login_throttle = LoginThrottle(clock=clock)
    return clock


def _client(app, address="203.0.113.7", **kwargs):
    return TestClient(app, client=(address, 50000), **kwargs)


def _login(client, username="owner", password="wrong-password"):
    return client.post("/login", data={"username": username, "password": password}, follow_redirects=False)


def _chat_page(client):
    return client.get("/", headers={"accept": "text/html"}, follow_redirects=False)


def test_unknown_user_is_answered_exactly_like_a_wrong_password(app, clock):
    with _client(app) as client:
        wrong = _login(client, "owner", "wrong-password")
        unknown = _login(client, "nobody-here", "wrong-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.text == unknown.text
    assert "用户名或密码不对" in unknown.text


def test_unknown_user_takes_as_long_as_a_wrong_password(app, clock):
    """Both check a bcrypt hash of the same cost, so the time does not tell a real name from a made-up one."""
    with _client(app) as client:
        def timed(username):
            clock.now += 10_000  # forget earlier failures: the back-off must not shape the timing
            started = time.perf_counter()
            assert _login(client, username).status_code == 401
            return time.perf_counter() - started

        real = statistics.median(timed("owner") for _ in range(3))
        made_up = statistics.median(timed(f"nobody{i}") for i in range(3))
    assert 0.5 < made_up / real < 2, (made_up, real)


def test_a_password_longer_than_bcrypt_takes_is_just_wrong(app, clock):
    with _client(app) as client:
        assert _login(client, "owner", "密码" * 40).status_code == 401
        assert _login(client, "nobody", "x" * 500).status_code == 401


def test_five_failures_then_the_account_waits_longer_each_time(app, clock, credentials):
    with _client(app) as client:
        for _ in range(4):
            assert _login(client).status_code == 401
        assert _login(client).status_code == 401  # the fifth failure starts the back-off
        blocked = _login(client, password=credentials.password)  # even the right password waits
        assert blocked.status_code == 429
        assert blocked.headers["retry-after"] == "1"
        assert "登录失败次数太多,请1秒后再试" in blocked.text  # the page's language: Chinese unless she chose
        client.cookies.set("zhanggui_lang", "en")
        assert "Too many failed log-ins: try again in 1 s" in _login(client, password=credentials.password).text
        client.cookies.delete("zhanggui_lang")
        clock.now += 1
        assert _login(client).status_code == 401  # sixth failure: now two seconds
        assert _login(client).headers["retry-after"] == "2"
        for _ in range(10):  # each wait sat out, then one more failure: the wait doubles
            clock.now += int(_login(client).headers.get("retry-after", "0"))
            _login(client)
        refused = _login(client)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) == 900  # capped at 15 min
        assert "请15分钟后再试" in refused.text
        clock.now += 900
        assert _login(client, password=credentials.password).status_code == 303
        assert _login(client).status_code == 401  # the success forgave the earlier failures


def test_the_account_is_protected_whatever_address_the_guesses_come_from(app, clock, credentials):
    for number in range(5):
        with _client(app, address=f"198.51.100.{number}") as client:
            assert _login(client).status_code == 401
    with _client(app, address="198.51.100.99") as client:
        assert _login(client, password=credentials.password).status_code == 429


def test_one_address_guessing_many_usernames_is_slowed_too(app, clock, credentials):
    with _client(app) as attacker:
        for number in range(5):
            assert _login(attacker, f"user{number}").status_code == 401
        assert _login(attacker, "someone-else").status_code == 429
    # The owner at the counter, from another address, is not locked out by a stranger's guessing of other names.
    with _client(app, address="192.168.1.20") as counter:
        assert _login(counter, password=credentials.password).status_code == 303


def test_fifty_guesses_in_a_row_mostly_get_no_answer(app, clock):
    """The red team's 50 passwords in 16 s: at most the first five are checked."""
    with _client(app) as client:
        statuses = [_login(client, password=f"guess-{n}").status_code for n in range(50)]
    assert statuses.count(401) == 5 and statuses.count(429) == 45


def test_token_link_guessing_backs_off_per_address(app, clock, credentials):
    with _client(app) as client:
        for n in range(5):
            assert client.get(f"/login?token=guess-{n}").status_code == 401
        blocked = client.get(f"/login?token={credentials.token}", follow_redirects=False)
        assert blocked.status_code == 429 and blocked.headers["retry-after"] == "1"
        clock.now += 1
        assert client.get(f"/login?token={credentials.token}", follow_redirects=False).status_code == 303


def test_cookie_is_httponly_samesite_lax_and_secure_over_https(app, clock, credentials):
    with _client(app) as client:
        plain = _login(client, password=credentials.password).headers["set-cookie"]
    with _client(app, base_url="https://testserver") as client:
        secure = _login(client, password=credentials.password).headers["set-cookie"]
    for cookie in (plain, secure):
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in plain and "Secure" in secure


def _logged_in_cookie(app, credentials):
    with _client(app) as client:
        assert _login(client, password=credentials.password).status_code == 303
        return client.cookies[SESSION_COOKIE]


def _with_cookie(app, cookie):
    client = _client(app)
    client.cookies.set(SESSION_COOKIE, cookie)
    return client


def test_log_out_ends_the_session_everywhere_the_cookie_was_copied(app, clock, credentials):
    cookie = _logged_in_cookie(app, credentials)
    with _with_cookie(app, cookie) as copy, _with_cookie(app, cookie) as browser:
        assert _chat_page(copy).status_code == 200
        assert browser.post("/logout", follow_redirects=False).status_code == 303
        assert _chat_page(copy).status_code == 303  # to the log-in page


def test_a_new_token_or_password_ends_every_open_session(app, clock, credentials, sqlite_engine):
    for change in (auth.new_token, lambda session, owner: auth.set_password(session, owner, "a-new-password")):
        first, second = _logged_in_cookie(app, credentials), _logged_in_cookie(app, credentials)
        with _with_cookie(app, first) as one, _with_cookie(app, second) as two:
            assert _chat_page(one).status_code == _chat_page(two).status_code == 200
            with session_scope(sqlite_engine) as session:
                change(session, auth.find_owner(session))
            assert _chat_page(one).status_code == _chat_page(two).status_code == 303
        with session_scope(sqlite_engine) as session:  # back to the password the fixture knows
            auth.set_password(session, auth.find_owner(session), credentials.password)


def test_the_command_line_token_and_password_commands_end_sessions(app, clock, credentials, sqlite_engine,
                                                                    monkeypatch):
    from assistant.cli import main

    monkeypatch.setenv("ASSISTANT_DB_URL", sqlite_engine.url.render_as_string(hide_password=False))
    from assistant.config import get_settings

    get_settings.cache_clear()
    cookie = _logged_in_cookie(app, credentials)
    with _with_cookie(app, cookie) as browser:
        assert _chat_page(browser).status_code == 200
        assert main(["owner", "token"]) == 0
        assert _chat_page(browser).status_code == 303
    cookie = _logged_in_cookie(app, credentials)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "another-password")
    with _with_cookie(app, cookie) as browser:
        assert _chat_page(browser).status_code == 200
        assert main(["owner", "password"]) == 0
        assert _chat_page(browser).status_code == 303


def test_an_expired_session_is_refused(app, clock, credentials, sqlite_engine):
    import datetime as dt

    from assistant.db.models import LoginSession

    cookie = _logged_in_cookie(app, credentials)
    with session_scope(sqlite_engine) as session:
        for row in session.query(LoginSession):
            row.expires_at = dt.datetime.utcnow() - dt.timedelta(seconds=1)
    with _with_cookie(app, cookie) as browser:
        assert _chat_page(browser).status_code == 303


def test_sessions_are_stored_as_digests_only(app, clock, credentials, sqlite_engine):
    from assistant.db.models import LoginSession

    cookie = _logged_in_cookie(app, credentials)
    with session_scope(sqlite_engine) as session:
        stored = [row.id_hash for row in session.query(LoginSession)]
    assert stored and cookie not in stored
