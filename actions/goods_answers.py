"""Questions about goods the stock report alone answers wrong: a price asked or changed ("多少钱一袋",
"涨到六十了"), two products' stock in one breath, stock below zero, and "该进多少" right after a product's stock.
Each helper answers (events) or leaves the message to the action it came to (None)."""

from __future__ import annotations

import re
from decimal import Decimal

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Shop, entities, entity, entity_map, intent, language, read_back, say, shop, typed
from actions.lists import LAST_LIST, earlier_texts, in_language
from actions.names import product_lookup
from assistant.brain.proposals.price import PriceProposal
from assistant.context import ShopContext
from assistant.language.asked_again import question_asked_again
from assistant.language.goods_asked import goods_asked_about
from assistant.language.price_talk import asks_price, new_price
from assistant.language.questions import asks_order_quantity
from assistant.language.two_requests import delivery_then_stock
from assistant.language.wording import number, price_said
from assistant.shop.reports.lists import ListPlace
from assistant.shop.reports.reorder import StockItem, stock

# "进几盒" / "要进几袋" / "进多少": how much to order, the product left unsaid.
_ORDER_SHORT = re.compile(r"进\s*(?:几|多少)|补\s*(?:几|多少)|order how many|how many (?:should|do) (?:i|we) order")


def answer_goods(context: ShopContext, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """The answer to a price asked or changed, two stocks asked, a stock below zero, or "该进多少" after a
    product's stock; None for anything else."""
    text = tracker.latest_message.get("text") or ""
    lang = language(tracker)
    spoken = entity(tracker, "product") or goods_asked_about(text)
    with shop(context) as s:
        if (price := new_price(text)) is not None:
            named = spoken or _product_just_told(tracker)
            return _price_change(s, dispatcher, tracker, named, price, lang) if named else None
        # "那菜籽油呢" right after "花生油多少钱一桶": the price again, of 菜籽油 (not its stock)
        if spoken and (asks_price(text) or question_asked_again(text, earlier_texts(tracker)) == "price"):
            return _price_answer(s, dispatcher, tracker, spoken, lang)
        said = entities(tracker, "product")
        if delivery_then_stock(tracker.latest_message.get("entities") or [], text):
            from actions.stock import ActionProposeStockIn  # "进了十桶菜籽油,顺便看看玉米油还有多少"

            return ActionProposeStockIn(context).run(dispatcher, tracker, {})
        if len(said) > 1 and not asks_order_quantity(text):
            return _stocks(s, dispatcher, said, lang)
        if spoken and _below_zero(s, spoken):
            return _stocks(s, dispatcher, [spoken], lang)
    return order_after_stock(context, dispatcher, tracker)


def order_after_stock(context: ShopContext, dispatcher: CollectingDispatcher,
                      tracker: Tracker) -> list[EventType] | None:
    """"该进多少" / "要进几盒" right after a product's stock (whatever the model heard): how much of it to order;
    None for anything else."""
    text = tracker.latest_message.get("text") or ""
    named = _product_just_told(tracker)
    if not named or entity(tracker, "product") or goods_asked_about(text) or not (
            asks_order_quantity(text) or _ORDER_SHORT.search(text.lower())):
        return None
    with shop(context) as s:
        return _order_of(s, dispatcher, named, language(tracker))


def _product_just_told(tracker: Tracker) -> str | None:
    """The product whose stock the last answer told ("鸡蛋还有3盒" → 鸡蛋)."""
    place = ListPlace.from_slot(tracker.get_slot(LAST_LIST))
    return place.options.get("product") if place is not None and place.report == "stock" else None


def _record(s: Shop, dispatcher: CollectingDispatcher, tracker: Tracker, spoken: str, lang: str):  # noqa: ANN202
    """The one product meant, or None with the question (or "not sold here") said."""
    lookup = product_lookup(s, spoken, intent=intent(tracker), entities=entity_map(tracker), typed=typed(tracker))
    if lookup.record is None:
        dispatcher.utter_message(text=lookup.question(lang) if lookup.choice is not None else say(
            f"店里没有“{spoken}”这个商品。", f"We don't sell \"{spoken}\".", lang))
    return lookup.record


def _price_answer(s: Shop, dispatcher: CollectingDispatcher, tracker: Tracker, spoken: str,
                  lang: str) -> list[EventType]:
    """"五常大米 98元一袋。"."""
    product = _record(s, dispatcher, tracker, spoken, lang)
    if product is not None:
        said = price_said(product.name, product.price, product.unit, lang)
        dispatcher.utter_message(text=in_language(lang, s, said + ("." if lang == "en" else "。")))
    return []


def _price_change(s: Shop, dispatcher: CollectingDispatcher, tracker: Tracker, spoken: str, price: Decimal,
                  lang: str) -> list[EventType]:
    """The new price read back with the old one; written on yes, undone by "撤销"."""
    product = _record(s, dispatcher, tracker, spoken, lang)
    if product is None:
        return []
    proposal = PriceProposal(language=lang, product_id=product.id, product=product.name,
                             aliases=list(product.aliases or []), unit=product.unit or "", price=str(price),
                             before=str(product.price or 0))
    return read_back(dispatcher, proposal)


def _order_of(s: Shop, dispatcher: CollectingDispatcher, product: str, lang: str) -> list[EventType]:
    """How much of the product just talked about to order ("鸡蛋建议进40盒(还够1.5天)")."""
    items = stock(s.session, shop_id=s.shop_id, product=product).items
    dispatcher.utter_message(text=in_language(lang, s, " ".join(order_said(i, lang) for i in items)))
    return []


def order_said(item: StockItem, lang: str) -> str:
    """What to order of one product, and why."""
    cover = item.days_of_cover
    if lang == "en":
        why = f"{number(cover)} days left" if cover is not None else f"{number(item.stock)} {item.unit} left"
        if item.suggested_quantity <= 0:
            return f"{item.product}: no need to order yet ({why})."
        return f"{item.product}: order {number(item.suggested_quantity)} {item.unit} ({why})."
    why = f"还够{number(cover)}天" if cover is not None and item.stock > 0 else f"现在{stock_said(item, 'zh')}"
    if item.suggested_quantity <= 0:
        return f"{item.product}暂时不用进({why})。"
    return f"{item.product}建议进{number(item.suggested_quantity)}{item.unit}({why})。"


def _below_zero(s: Shop, spoken: str) -> bool:
    """Whether the books show less than none of the product (sold past the stock recorded)."""
    try:
        return any(i.stock < 0 for i in stock(s.session, shop_id=s.shop_id, product=spoken).items)
    except Exception:  # noqa: BLE001 (a name the report cannot place: the report action says so)
        return False


def stock_answer(context: ShopContext, spoken: str, lang: str) -> str:
    """The stock of one product, said as ``stock_said`` says it."""
    with shop(context) as s:
        try:
            items = stock(s.session, shop_id=s.shop_id, product=spoken).items
        except Exception:  # noqa: BLE001 (not sold here)
            items = []
        parts = [stock_said(i, lang) for i in items] or [say(f"店里没有“{spoken}”这个商品", f"we don't sell {spoken}", lang)]
        answer = ("。".join(parts) + "。") if lang == "zh" else "; ".join(parts) + "."
        return in_language(lang, s, answer)


def _stocks(s: Shop, dispatcher: CollectingDispatcher, said: list[str], lang: str) -> list[EventType]:
    """The stock of each product asked, in one answer."""
    parts = []
    for spoken in dict.fromkeys(said):
        try:
            items = stock(s.session, shop_id=s.shop_id, product=spoken).items
        except Exception:  # noqa: BLE001 (not sold here: said so, the others still answered)
            items = []
        parts += [stock_said(i, lang) for i in items] or [say(f"店里没有“{spoken}”这个商品", f"we don't sell {spoken}", lang)]
    answer = ("。".join(parts) + "。") if lang == "zh" else "; ".join(parts) + "."
    dispatcher.utter_message(text=in_language(lang, s, answer))
    last = ListPlace(report="stock", options={"product": said[-1]}, said=0)
    return [SlotSet(LAST_LIST, last.to_slot())]


def stock_said(item: StockItem, lang: str) -> str:
    """One product's stock as the owner would say it: below zero is a count to check, not "库存-2盒"."""
    if item.stock < 0:
        short = number(-item.stock)
        return (f"{item.product}没货了,账上还少了{short}{item.unit},可能有进货没记,该盘点一下" if lang == "zh"
                else f"{item.product}: none left, and the books are {short} {item.unit} short (a delivery not "
                     f"recorded?): worth a count")
    if item.stock == 0:
        return f"{item.product}没货了" if lang == "zh" else f"{item.product}: out of stock"
    cover = item.days_of_cover
    if lang == "zh":
        return f"{item.product}还有{number(item.stock)}{item.unit}" + (f",够{number(cover)}天" if cover is not None else "")
    return f"{item.product}: {number(item.stock)} {item.unit}" + (f", {number(cover)} days of sales" if cover is not None else "")
