"""The everyday reports are computed before the owner asks, and again when the day or the data moves."""

from decimal import Decimal

from sqlalchemy.orm import Session

from assistant.shop.customers import add_customer
from assistant.shop.products import add_product
from assistant.shop.reports.warm import EVERYDAY, ReportWarmer
from assistant.shop.sales import SaleLine, log_sale


def _shop(session: Session, shop_id: int) -> None:
    rice = add_product(session, shop_id=shop_id, name="东北大米", category="米", unit="袋", price=Decimal("60"),
                       channel="cli")
    aunt = add_customer(session, shop_id=shop_id, name="王秀英", channel="cli")
    log_sale(session, shop_id=shop_id, customer=aunt, lines=[SaleLine(product=rice, quantity=Decimal(1))],
             channel="chat")
    session.commit()


def test_warm_up_keeps_every_everyday_answer_and_reruns_only_when_stale(context, session, shop_id):
    _shop(session, shop_id)
    stats = context.reports.stats
    warmer = ReportWarmer(context)
    assert warmer.warm_if_stale() is True
    computed = stats["computed"]

    assert warmer.warm_if_stale() is False  # nothing moved: nothing to do
    from assistant.shop.reports import run_report

    kept = stats["kept"]
    for name, options in EVERYDAY:
        run_report(session, name, shop_id=shop_id, options=options)
    assert stats["kept"] - kept == len(EVERYDAY)  # the owner's questions find them ready
    assert stats["computed"] == computed

    add_customer(session, shop_id=shop_id, name="李建国", channel="cli")
    session.commit()
    assert warmer.warm_if_stale() is True  # the data moved


def test_the_warmer_thread_starts_and_stops(context, session, shop_id):
    _shop(session, shop_id)
    warmer = ReportWarmer(context, check_every=0.05)
    warmer.start()
    warmer.stop()
    assert warmer._thread is not None and not warmer._thread.is_alive()
