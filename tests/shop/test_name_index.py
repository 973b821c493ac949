"""The shop's names read from the database into the name index, and the cache that keeps it current."""

from __future__ import annotations

from decimal import Decimal

from assistant.db import session_factory
from assistant.language.names import resolve_customer, resolve_product
from assistant.shop import name_index
from assistant.shop.customers import add_customer, update_customer
from assistant.shop.name_index import NameIndexCache, load_name_index
from assistant.shop.products import add_product
from assistant.shop.shops import default_shop_id


def labels(resolution) -> list[str]:
    """What the owner would hear offered."""
    return [c.label for c in resolution.candidates]


def test_homophones_wang_are_ambiguous_with_both_labelled(session, shop_id):
    add_customer(session, shop_id=shop_id, name="王秀英", aliases=["王阿姨"], household="3栋", channel="cli")
    add_customer(session, shop_id=shop_id, name="汪桂兰", aliases=["汪阿姨"], household="5栋", channel="cli")
    session.commit()
    index = load_name_index(session, shop_id=shop_id)

    for said in ("王阿姨", "汪阿姨", "王 阿 姨", "wang ayi", "Auntie Wong"):
        found = resolve_customer(index, said)
        assert found.status == "ambiguous", said
        assert sorted(labels(found)) == ["汪桂兰 (5栋)", "王秀英 (3栋)"]
    # Typed characters can be trusted: the exact one wins.
    typed = resolve_customer(index, "汪阿姨", typed=True)
    assert (typed.status, typed.best.name) == ("exact", "汪桂兰")


def test_unique_name_is_exact_even_spaced_as_vosk_writes_it(session, shop_id):
    add_customer(session, shop_id=shop_id, name="王秀英", aliases=["王阿姨"], household="3栋", channel="cli")
    add_customer(session, shop_id=shop_id, name="李建国", aliases=["李叔叔"], channel="cli")
    session.commit()
    index = load_name_index(session, shop_id=shop_id)

    for said in ("王阿姨", "王 阿 姨", "王秀英", " 王 秀 英 "):
        found = resolve_customer(index, said)
        assert (found.status, found.best.name, found.best.score) == ("exact", "王秀英", 1.0), said


def test_only_the_shops_own_names_are_read(session, shop_id):
    from assistant.shop.shops import get_or_create_shop

    other = get_or_create_shop(session, "别家粮油").id
    add_customer(session, shop_id=other, name="王秀英", channel="cli")
    add_product(session, shop_id=shop_id, name="东北大米", aliases=["northeast rice"], category="米",
                price=Decimal("60"), channel="cli")
    session.commit()
    index = load_name_index(session, shop_id=shop_id)
    assert resolve_customer(index, "王秀英").status == "unknown"
    assert resolve_product(index, "northeast rice").best.name == "东北大米"


def test_cache_rebuilds_when_a_name_changes(session, shop_id):
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    session.commit()
    cache = NameIndexCache(check_every=0)
    assert resolve_customer(cache.get(session, shop_id=shop_id), "王阿姨").status == "unknown"

    update_customer(session, aunt, channel="chat", add_aliases=["王阿姨"])
    session.commit()
    assert resolve_customer(cache.get(session, shop_id=shop_id), "王阿姨").best.name == "王秀英"

    add_product(session, shop_id=shop_id, name="东北大米", category="米", price=Decimal("60"), channel="cli")
    session.commit()
    assert resolve_product(cache.get(session, shop_id=shop_id), "米").status == "category"


def test_cache_skips_the_fingerprint_while_the_data_version_stands(session, shop_id, monkeypatch):
    add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    session.commit()
    cache = NameIndexCache(check_every=0)
    first = cache.get(session, shop_id=shop_id)
    fingerprint = name_index.index_version
    taken = []
    monkeypatch.setattr(name_index, "index_version", lambda *a, **k: taken.append(1) or fingerprint(*a, **k))
    assert cache.get(session, shop_id=shop_id) is first
    assert taken == []  # nothing written since: no pass over the customers

    add_customer(session, shop_id=shop_id, name="陈丽", channel="cli")  # a write: a new data version
    session.commit()
    assert resolve_customer(cache.get(session, shop_id=shop_id), "陈丽").status == "exact"
    assert taken  # the version moved: the fingerprint is checked again


def test_cache_between_checks_serves_the_old_index_until_invalidated(session, shop_id):
    cache = NameIndexCache(check_every=3600)
    first = cache.get(session, shop_id=shop_id)
    add_customer(session, shop_id=shop_id, name="陈丽", channel="cli")
    session.commit()
    assert cache.get(session, shop_id=shop_id) is first
    cache.invalidate(shop_id)
    assert resolve_customer(cache.get(session, shop_id=shop_id), "陈丽").status == "exact"


def test_two_caches_share_nothing(session, shop_id):
    add_customer(session, shop_id=shop_id, name="陈丽", channel="cli")
    session.commit()
    one, two = NameIndexCache(check_every=3600), NameIndexCache(check_every=3600)
    assert one.get(session, shop_id=shop_id) is not two.get(session, shop_id=shop_id)
    one.invalidate()
    assert two.get(session, shop_id=shop_id) is two.get(session, shop_id=shop_id)


def test_reader_gives_the_installations_shop_in_a_session_of_its_own(engine):
    sessions = session_factory(engine)
    with sessions() as session:
        add_customer(session, shop_id=default_shop_id(session), name="王秀英", channel="cli")
        session.commit()
    current = NameIndexCache(check_every=0).reader(sessions)
    assert resolve_customer(current(), "王秀英").status == "exact"
    with sessions() as session:
        add_customer(session, shop_id=default_shop_id(session), name="陈丽", channel="cli")
        session.commit()
    assert resolve_customer(current(), "陈丽").status == "exact"
