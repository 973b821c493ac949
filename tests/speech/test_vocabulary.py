"""The shop's names reach the recognizer: snapped transcripts and grammar phrases follow the database
(composed as the server does: a ``NameIndexCache`` reader handed to ``ShopVocabulary``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy.engine import Engine

from assistant.db import session_factory
from assistant.language.names import CustomerRecord, NameIndex
from assistant.shop.customers import add_customer
from assistant.shop.name_index import NameIndexCache
from assistant.shop.products import add_product
from assistant.shop.shops import default_shop_id
from assistant.speech.recognizer import ModelCache, RecognizerService
from assistant.speech.transcribe import transcribe_file
from assistant.speech.vocabulary import ShopVocabulary

from .conftest import GRAMMAR, SENTENCE


def _vocabulary(engine: Engine, language: str = "zh", **options: object) -> ShopVocabulary:
    return ShopVocabulary(
        index=NameIndexCache(check_every=0).reader(session_factory(engine)), language=language, **options
    )


def test_misheard_names_snap_to_the_shops_customers(sqlite_engine: Engine) -> None:
    sessions = session_factory(sqlite_engine)
    with sessions() as session:
        shop_id = default_shop_id(session)
        add_customer(session, shop_id=shop_id, name="王秀英", aliases=["王阿姨"], channel="cli")
        add_product(
            session, shop_id=shop_id, name="东北大米", category="米", price=Decimal("60"), channel="cli"
        )
        session.commit()
    vocabulary = _vocabulary(sqlite_engine)
    # Vosk writes a homophone with its spaces; the snapped text names the real customer
    assert vocabulary.postprocess("汪 阿姨 买 了 两 袋 东北 大米") == "王 阿姨 买 了 两 袋 东北 大米"
    assert vocabulary.postprocess("今天 卖 了 多少 钱") == "今天 卖 了 多少 钱"


def test_grammar_phrases_follow_new_customers(sqlite_engine: Engine) -> None:
    sessions = session_factory(sqlite_engine)
    vocabulary = _vocabulary(sqlite_engine)
    before = vocabulary.phrases()
    with sessions() as session:
        add_customer(
            session, shop_id=default_shop_id(session), name="刘美华", aliases=["刘阿姨"], channel="cli"
        )
        session.commit()
    after = vocabulary.phrases()
    added = {p.replace(" ", "") for p in set(after) - set(before)}
    assert {"刘美华", "刘阿姨"} <= added


def test_the_service_uses_the_vocabulary_as_its_hooks(
    sqlite_engine: Engine, ko_model_dir: Path, model_cache: ModelCache, speech_dir: Path
) -> None:
    vocabulary = _vocabulary(sqlite_engine, language="ko")
    seen: list[str] = []

    def postprocess(text: str) -> str:
        seen.append(text)
        return vocabulary.postprocess(text)

    service = RecognizerService(
        cache=model_cache, model_path=ko_model_dir, grammar=GRAMMAR, postprocess=postprocess
    )
    assert transcribe_file(speech_dir / "sentence.wav", service=service).text == SENTENCE  # no names to snap
    assert seen == [SENTENCE]


def test_wake_phrases_are_split_into_the_models_words(ko_model_dir: Path) -> None:
    from assistant.speech.model_words import read_model_words
    from assistant.speech.vocabulary import segment_phrase

    assert segment_phrase("掌柜的", {"掌柜", "的", "掌"}) == "掌柜 的"
    assert segment_phrase("hey shop", {"hey", "shop"}) == "hey shop"
    assert segment_phrase("掌柜的", None) == "掌柜的"
    assert segment_phrase("안녕하세요감사합니다", read_model_words(ko_model_dir)) == "안녕하세요 감사합니다"


def test_any_index_will_do_without_a_database() -> None:
    index = NameIndex.from_records([CustomerRecord(1, "王秀英", ("王阿姨",))])
    vocabulary = ShopVocabulary(index=lambda: index, language="zh")
    assert vocabulary.postprocess("汪 阿姨 买 了 两 袋 米") == "王 阿姨 买 了 两 袋 米"
    assert "王 阿姨" in vocabulary.phrases()
