"""Sales: the read-back before writing (the form that asks for what was sold is actions/sale_form.py), and
taking back the last entry."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    Shop,
    ShopAction,
    entity,
    intent,
    language,
    person_name,
    read_back,
    refuses_a_return,
    say,
    shop,
    told_day,
    typed,
)
from actions.corrections import correct_sale, only_figures, restates_pending
from actions.names import (
    CURRENT_CUSTOMER,
    customer_lookup,
    made_current,
    product_lookup,
    usual_in,
)
from actions.sale_form import clear_sale, sale_entities, several_goods
from actions.stock import ActionProposeStockIn, continues_delivery
from assistant.brain.current_customer import CurrentCustomer
from assistant.brain.proposals import CreditProposal, Proposal, SaleProposal, UndoProposal
from assistant.brain.proposals.stock_check import stock_fields
from assistant.brain.sale_lines import (
    SpokenItem,
    discount_note,
    goods_entities,
    list_values,
    said_amounts,
    spoken_items,
)
from assistant.brain.waiting_write import named_in, shop_names
from assistant.db.models import Customer
from assistant.language.intent_cues import tells_delivery
from assistant.language.list_price import list_price_note
from assistant.language.measures import discount_rate, discounted, in_shop_unit
from assistant.language.normalize import normalize
from assistant.language.quantities import first_number, paid_amount
from assistant.language.questions import asks_what_was_recorded
from assistant.language.sale_taken import tells_goods_taken
from assistant.language.sale_told import tells_a_sale
from assistant.language.tab_again import says_same_tab
from assistant.language.two_requests import left_unsaid
from assistant.shop.amounts_said import meant_amounts
from assistant.shop.habits import clashes


class ActionProposeSale(ShopAction):
    """Reads the sale back ("王秀英 买 东北大米 2袋,120元,对吗?") and waits for the owner's yes."""

    def name(self) -> str:
        return "action_propose_sale"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if intent(tracker) == "log_sale" and refuses_a_return(dispatcher, tracker):  # "王阿姨退了一袋米"
            return clear_sale()
        # "不对 菜籽油 是 六 桶" heard as a sale while a delivery, a tab or a sale is read back: a correction
        restated = restates_pending(tracker)  # "八十九块九" again: the waiting read-back's figures, not a sale
        corrected = correct_sale(self.context, dispatcher, tracker, only_if_worded=not restated)
        if corrected is not None or restated:
            return [*(corrected or []), *clear_sale()]
        if not tracker.get_slot("sale_product") and not several_goods(tracker):
            return clear_sale()  # the form let go of a sale it could not get the goods of (it said so)
        if continues_delivery(tracker):  # "还有十桶花生油" right after a delivery: more goods arrived, no sale
            return [*ActionProposeStockIn(self.context).run(dispatcher, tracker, domain), *clear_sale()]
        said = tracker.latest_message.get("text") or ""
        if says_same_tab(said) and isinstance(Proposal.from_slot(tracker.get_slot("last_write")), CreditProposal):
            from actions.credit import ActionProposeCredit  # (credit imports this module's peers)

            # "小赵又拿了一袋挂面,也记上" right after her tab: on the tab as well, not a sale paid for
            return [*ActionProposeCredit(self.context).run(dispatcher, tracker, domain), *clear_sale()]
        if intent(tracker) in ("log_credit", "log_payment", "log_stock_in") and not only_figures(said) \
                and not (intent(tracker) == "log_stock_in" and not tells_delivery(said.lower())):
            # a tab, repayment or delivery said in full while the form asked what was bought filled the form's
            # slots from its own words ("钱多多先拿两袋米记账", "五常大米到了 进了二十袋"): that request, not this sale
            # (bare figures, "两袋", answer the form's "买了多少?" whatever the model made of them, and goods
            # with no delivery's words, "两袋东北大米" after "王阿姨买了", answer its "买了什么?")
            from actions.credit import (  # (credit imports this module's peers)
                ActionProposeCredit,
                ActionProposePayment,
            )

            other = {"log_credit": ActionProposeCredit, "log_payment": ActionProposePayment,
                     "log_stock_in": ActionProposeStockIn}[intent(tracker)]
            dispatcher.utter_message(text=say("刚才那笔销售没记。", "(The sale before was not recorded.)", language(tracker)))
            return [*other(self.context).run(dispatcher, tracker, domain), *clear_sale()]
        lang = language(tracker)
        entities = sale_entities(tracker)
        goods = _goods(tracker, entities)
        rate = discount_rate(normalize(said).text)
        with shop(self.context) as s:
            customer, new_name, others = None, None, []
            current = _current(s, tracker, entities.get("customer"))
            if current is not None:  # "她又拿了一袋米": the customer the conversation is about
                customer = current
            elif entities.get("customer"):
                lookup = customer_lookup(s, entities["customer"], intent="log_sale", slot="customer",
                                         entities=entities, typed=typed(tracker), read_back=True)
                if lookup.choice is not None:
                    dispatcher.utter_message(text=lookup.question(lang))
                    return [SlotSet("pending", lookup.choice), *clear_sale(), *made_current(None)]
                customer, new_name = lookup.record, lookup.unknown
                others = [person_name(other.name, other.aliases, lang) for other in lookup.others]
            lines, warnings = [], []
            for item in goods:
                product = product_lookup(s, item.product, intent="log_sale", slot="product",
                                         entities=entities, typed=typed(tracker), allow_category=True).record
                usual = isinstance(product, list)
                if usual:  # a category: the customer's habit in it, once she is known
                    product = usual_in(s, customer, item.product, typed=typed(tracker))
                if product is None:
                    named = {"customer": customer.name} if customer else {}
                    lookup = product_lookup(s, item.product, intent="log_sale", slot="product",
                                            entities={**entities, "product": item.product, **named},
                                            typed=typed(tracker))
                    if lookup.choice is None:
                        dispatcher.utter_message(text=say(f"店里没有“{item.product}”这个商品。",
                                                          f"We don't sell \"{item.product}\".", lang))
                        return [SlotSet("pending", None), *clear_sale()]
                    dispatcher.utter_message(text=lookup.question(lang))
                    if len(goods) > 1:  # "which oil?" of several goods: the answer resumes all of them
                        who = named or ({"customer": entities["customer"]} if entities.get("customer") else {})
                        amounts = [format(a, "f") for a in _amounts(tracker, entities, several=True)]
                        lookup.choice = _resume_several(lookup.choice, goods, lines, who, amounts, index=len(lines))
                    return [SlotSet("pending", lookup.choice), *clear_sale()]
                # "2 kg millet" in a shop that sells millet by the 斤: 4斤; "打个九折": each line at 90 %
                quantity, unit = in_shop_unit(item.quantity or Decimal("1"), item.unit, product.unit)
                line = {"product_id": product.id, "product": product.name, "aliases": list(product.aliases or []),
                        "quantity": str(quantity), "unit": unit or product.unit,
                        "amount": str(discounted(Decimal(product.price) * quantity, rate or Decimal("1"))),
                        "price": str(product.price), **stock_fields(product)}
                if usual and len(goods) > 1:
                    line["usual"] = True  # said after this line ("米" of several goods)
                lines.append(line)
                warnings += [w for w in (clashes(customer, product) if customer else []) if w not in warnings]
            amounts = meant_amounts(s.session, shop_id=s.shop_id, said=_amounts(tracker, entities, several=len(goods) > 1),
                                    text=said, listed=[Decimal(line["amount"]) for line in lines])  # "two fifty": 250
            sale = SaleProposal(
                language=lang,
                customer_id=customer.id if customer else None,
                customer_name=person_name(customer.name, customer.aliases, lang) if customer else None,
                new_customer=new_name,
                usual=usual and len(goods) == 1,
                warnings=warnings,
                others=others,
                day=told_day(tracker, self.context.today(), started_by="log_sale"),
                lines=lines).with_amounts(amounts)
        about = made_current(customer) if customer is not None or new_name else []  # a walk-in names nobody
        events = read_back(dispatcher, sale, *clear_sale(), *about)
        said = amounts
        far_below = list_price_note(list_values(lines), said, lang)  # the list price, not the discounted one
        if far_below:  # "十袋东北大米一百块": more likely a slip than a discount; she decides
            dispatcher.utter_message(text=far_below)
        unsaid = left_unsaid(tracker.latest_message.get("entities") or [], tracker.latest_message.get("text") or "")
        if unsaid:  # "…118李叔还了50": the second request is not mixed into this one
            dispatcher.utter_message(text=say(f"“{unsaid}”这一笔请再说一遍,一次记一笔。",
                                              f"Please say \"{unsaid}\" again: one entry at a time.", lang))
        if rate is not None and not said:  # the discount she said, and what it took off
            dispatcher.utter_message(text=discount_note(lines, rate, lang))
        return events



def sale_told_instead(context: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: dict[str, Any]) -> list[EventType] | None:
    """The sale's read-back when a message the model was unsure of tells one in so many words (a customer named,
    "bought" with a count or a sum paid, goods tagged: "Auntie Wang … bought two bags of the northeast rice …
    and she paid 118"); None otherwise. Only the goods bought are sold, not those she asked about."""
    customer = entity(tracker, "customer")
    text = tracker.latest_message.get("text")
    bought = spoken_items(tracker.latest_message.get("entities") or [], text)
    if not customer or not bought or not (tells_a_sale(text) or tells_goods_taken(text)):  # "has taken 2 kg"
        return None
    retold = copy.copy(tracker)  # heard as the sale it tells, its form's slots filled as the form would
    retold.latest_message = {**tracker.latest_message, "intent": {"name": "log_sale", "confidence": 1.0}}
    retold.slots = {**tracker.slots, "sale_customer": customer, "sale_product": bought[0].product,
                    "sale_quantity": str(bought[0].quantity or 1), "sale_unit": bought[0].unit,
                    "sale_amount": entity(tracker, "amount")}
    return ActionProposeSale(context).run(dispatcher, retold, domain)


def _goods(tracker: Tracker, entities: dict[str, Any]) -> list[SpokenItem]:
    """What was sold: the several goods of the message that told the sale, or the one the form filled in."""
    return several_goods(tracker) or [SpokenItem(product=entities["product"], quantity=Decimal(entities["quantity"]),
                                                  unit=entities.get("unit"))]


def _resume_several(choice: dict[str, Any], goods: list[SpokenItem], lines: list[dict[str, Any]],
                    customer: dict[str, str], amounts: list[str], *, index: int) -> dict[str, Any]:
    """The "which one?" choice for the ``index``-th of several goods, re-running the whole sale: the goods
    before it as already resolved, the chosen one in its place, the amounts as said."""
    resolved = [SpokenItem(line["product"], Decimal(line["quantity"]), line["unit"]) for line in lines]
    kept: dict[str, Any] = {**customer, **goods_entities([*resolved, *goods[index:]])}
    if amounts:
        kept["amount"] = amounts
    return {**choice, "entities": kept, "index": index}


def _amounts(tracker: Tracker, entities: dict[str, Any], *, several: bool) -> list[Decimal]:
    """The amounts said: every one in the message of several goods (one each, or a total), else the sale's,
    else what she is told to have paid ("she paid 118 in cash")."""
    said = said_amounts(tracker.latest_message.get("entities") or []) if several \
        else [amount for amount in [first_number(entities.get("amount"))] if amount is not None]
    paid = paid_amount(tracker.latest_message.get("text"))
    return said or ([paid] if paid is not None else [])


def _current(s: Shop, tracker: Tracker, spoken: str | None) -> Customer | None:
    """The current customer when the sale is hers: its customer is her name as the form took it from "她"."""
    current = CurrentCustomer.from_slot(tracker.get_slot(CURRENT_CUSTOMER))
    if current is None or spoken != current.name:
        return None
    customer = s.session.get(Customer, current.id)
    return customer if customer is not None and customer.shop_id == s.shop_id else None



class ActionProposeUndo(ShopAction):
    """Offers to take back the last thing this conversation recorded; said again after an undo, the entry
    before it that still stands (never taken back without a yes)."""

    def name(self) -> str:
        return "action_propose_undo"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        # imported here, not at the top: the sale code above is edited apart from this
        from actions.lists import ActionListMore  # (lists' peers import this module)
        from assistant.brain.last_erase import erased_last
        from assistant.brain.proposals.undo import writes_so_far
        from assistant.language.answers import revert_means_reply

        if revert_means_reply(tracker.latest_message.get("text")):  # "revert with last month also": a reply asked
            return ActionListMore(self.context).run(dispatcher, tracker, domain)
        # "说错了,是一袋" while a read-back waits puts it right: nothing was written to take back
        if Proposal.from_slot(tracker.get_slot("pending")) is not None \
                and (corrected := correct_sale(self.context, dispatcher, tracker, only_if_worded=True)) is not None:
            return corrected
        lang = language(tracker)
        last = Proposal.from_slot(tracker.get_slot("last_write"))
        earlier = last is None
        so_far = writes_so_far(tracker.events or []) if earlier else None
        if so_far is not None and so_far.undone and so_far.standing:  # "撤销" again: the one before, still there
            last = Proposal.from_slot(so_far.standing[-1])
        if last is not None:  # made in English, taken back in Chinese: 张丽, not "Sister Zhang"
            with shop(self.context) as s:
                last = named_in(last, lang, shop_names(s.session, s.shop_id))
        if last is None or last.written is None:
            if so_far is not None and so_far.undone:
                dispatcher.utter_message(text=say("这次对话记的都已经撤销了,没有别的可撤销的。",
                                                  "Everything recorded in this conversation is already undone.",
                                                  lang))
                return []
            if (erased := erased_last(tracker.events or [])) is not None:
                dispatcher.utter_message(text=say(f"{erased}的资料已经删除,删除不能撤销。",
                                                  f"{erased}'s data was erased; an erasure cannot be undone.", lang))
                return []
            dispatcher.utter_message(text=say("这次对话还没记过东西,没有可撤销的。",
                                              "Nothing has been recorded in this conversation yet.", lang))
            return []
        already = say("刚才那笔已经撤销了。", "The last entry is already undone. ", lang) if earlier else ""
        if asks_what_was_recorded(tracker.latest_message.get("text")):  # "刚才记的是什么": tell, offer nothing
            entry = last.entry(lang).rstrip("。.")
            dispatcher.utter_message(text=say(f"{already}还在的最近一笔是:{entry}。要撤销就说“撤销”。",
                                              f"{already}The latest entry still standing: {entry}. Say \"undo\" "
                                              "to take it back.", lang) if earlier
                                     else say(f"刚才记的是:{entry}。要撤销就说“撤销”。",
                                              f"The last entry: {entry}. Say \"undo\" to take it back.", lang))
            return []
        undo = UndoProposal(language=lang, target=last.to_slot(), earlier=earlier)
        dispatcher.utter_message(text=already + undo.describe())
        return [SlotSet("pending", undo.to_slot())]
