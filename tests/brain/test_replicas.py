"""Two replicas of the assistant on one PostgreSQL database, with Rasa's Redis lock store, carry one
conversation between them: the read-back one gave is confirmed at the other."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from assistant.brain.dialogue import Brain
from assistant.brain.training import train
from assistant.context import ShopContext
from assistant.db import make_engine
from assistant.shop.sales_query import active_sale_items

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
REDIS_URL = "redis://127.0.0.1:6379/1"


@pytest.fixture
def replicas(shop_db):
    if shop_db.dialect.name != "postgresql":
        pytest.skip("replicas share a database server")
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError as error:
        pytest.fail(f"Redis is needed for the replicas' lock store at {REDIS_URL}: {error}")
    from assistant.config import get_settings

    settings = get_settings().copy(update={"redis_url": REDIS_URL})
    model = train(progress=False)
    url = shop_db.url.render_as_string(hide_password=False)
    contexts = [ShopContext.build(settings, engine=make_engine(url)) for _ in range(2)]
    yield [Brain.load(context, model_path=model) for context in contexts], contexts[0]
    for context in contexts:
        context.engine.dispose()


def _say(brain: Brain, text: str) -> str:
    return asyncio.run(brain.handle(text, sender="phone-1", channel="chat")).text


def _sales(context: ShopContext) -> int:
    with context.session() as session:
        return session.execute(select(func.count()).select_from(active_sale_items().subquery())).scalar()


def test_one_conversation_across_two_replicas(replicas):
    (first, second), context = replicas
    assert type(first.agent.lock_store).__name__ == "RedisLockStore"
    assert "对吗" in _say(first, "王阿姨买了两袋东北大米")
    assert _say(second, "对") == "记好了。"  # the other replica knows what the "yes" answers
    assert _sales(context) == 1
    assert "撤销" in _say(first, "撤销刚才那笔")  # and the first knows what was written there
    assert _say(second, "好的") == "已撤销。"
    assert _sales(context) == 0
    assert _say(first, "对") == "现在没有要确认的内容。"
