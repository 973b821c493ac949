"""Customers: what we know about one, adding one, new facts about one, and message consent."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    Shop,
    ShopAction,
    entities,
    entity,
    language,
    person_name,
    say,
    shop,
)
from actions.corrections import correct_new_customer, correct_sale
from actions.credit import propose_limit
from actions.customer_followups import asks_owing_again, retells_last_question
from actions.facts_told import member_taken_off, tells_her_tag
from actions.headcount import answer_customer_count
from actions.names import current_meant, named_customer, offer_new_customer, product_lookup
from actions.privacy import privacy_instead
from actions.tagged import answer_who_has
from actions.top_customers import answer_top_customers
from actions.whom_corrected import correct_whom
from assistant.brain.clarify import customer_choice, question
from assistant.brain.current_customer import asks_her_fact
from assistant.brain.proposals import CustomerUpdateProposal, NewCustomerProposal, Proposal
from assistant.context import ShopContext
from assistant.db.models import Customer
from assistant.errors import Invalid
from assistant.language.addresses import moved_to
from assistant.language.called_name import called_name
from assistant.language.dates import is_lunar, parse_month_day, parse_period, period_in
from assistant.language.intent_cues import asks, says_new_customer
from assistant.language.lunar_days import lunar_month_day, said_lunar
from assistant.language.names.surname import said_surname
from assistant.language.normalize import normalize
from assistant.language.notes_said import note_said
from assistant.language.questions import (
    asked_fact,
    asked_fact_after,
    asks_owing_too,
    asks_per_visit,
    asks_takings,
    asks_who_at_home,
    is_elliptical,
    is_question,
    liking_said,
    tells_allergy,
)
from assistant.language.wording import others_aside
from assistant.shop.customer_purchases import customer_purchases, last_bought
from assistant.shop.customers import Birthday, find_customer, heard_name, validate_phone
from assistant.shop.english import in_english
from assistant.shop.member_facts import member_fact
from assistant.shop.profile import customer_profile
from assistant.shop.reports.lists import ListPlace
from assistant.shop.tags import already_noted, shop_tag_names, tag_answer, tags_meant, tags_said

# "王建林的生日是6月12日" / "wang jianlins birthday is june twelfth": a birthday, even untagged.
_BIRTHDAY = re.compile(r"生日|birthday|\bborn\b", re.IGNORECASE)


def profile_customer(s: Shop, tracker: Tracker, dispatcher: CollectingDispatcher, *, unnamed_means_her: bool = True
                     ) -> tuple[Customer | None, list[EventType]]:
    """The customer a question or a fact is about (``names.named_customer``); a name nobody has is offered
    as a new customer."""
    named = named_customer(s, tracker, dispatcher, ask=("是哪位顾客?", "Which customer?"),
                           unnamed_means_her=unnamed_means_her)
    if named.unknown is None:
        return named.customer, named.events
    return None, offer_new_customer(dispatcher, NewCustomerProposal(language=language(tracker), name=named.unknown),
                                    named.events)


class ActionCustomerProfile(ShopAction):
    """"王阿姨平时买什么" — the customer's facts and habits, sensitive ones included (owner only)."""

    def name(self) -> str:
        return "action_customer_profile"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        corrected = correct_sale(self.context, dispatcher, tracker, only_if_worded=True)  # "是汪阿姨" after a read-back
        if corrected is None:
            corrected = correct_whom(self.context, dispatcher, tracker)  # "是汪桂兰" after her opt-out's read-back
        if corrected is not None:
            return corrected
        if (private := privacy_instead(self, dispatcher, tracker)) is not None:  # "邓海说他的资料都要删掉"
            return private
        text = tracker.latest_message.get("text")
        if entity(tracker, "customer") and asks_owing_again(tracker):  # "那李叔呢" after "张姐欠多少钱"
            from actions.credit import ActionBalance  # (actions.credit imports this module's peers)

            return ActionBalance(self.context).run(dispatcher, tracker, domain)
        pending = tracker.get_slot("pending")
        if not entity(tracker, "customer") and current_meant(tracker) is None and customer_choice(pending) \
                and asks_her_fact(text):  # "她电话呢" while "王秀英还是汪桂兰?" waits: which one, again
            dispatcher.utter_message(text=question(pending["options"], language(tracker)))
            return []
        if tells_allergy(text) or liking_said(text) or member_fact(text) is not None or _birthday_told(text) \
                or tells_her_tag(self.context, tracker):
            # "小赵家孩子对鸡蛋过敏", "林小梅喜欢买杂粮", "the birthday of zhao min is march first", "李叔有糖尿病":
            # to note, not asked
            return ActionProposeUpdateCustomer(self.context).run(dispatcher, tracker, domain)
        retell = retells_last_question(tracker)
        if retell is not None:  # "上个礼拜卖了多少钱", "what about last month" after a report: not a customer
            return retell(self.context).run(dispatcher, tracker, domain)
        if not entity(tracker, "customer") and current_meant(tracker) is None \
                and asks_takings(tracker.latest_message.get("text")):
            from actions.reports import ActionSalesSummary  # (actions.reports imports this module)

            return ActionSalesSummary(self.context).run(dispatcher, tracker, domain)  # "卖了多少钱", no period tagged
        if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:  # "谁有高血压"
            return who
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # "哪个顾客买得最多"
            return top
        if (count := answer_customer_count(self.context, dispatcher, tracker)) is not None:  # "我们有多少顾客"
            return count
        if asked_fact(tracker.latest_message.get("text")) == "spent":
            # "王阿姨今年买了多少米" heard as a question about her: her purchases, of the product she named
            from actions.reports import ActionSalesSummary  # reports imports this module

            return ActionSalesSummary(self.context).customer_purchases(dispatcher, tracker)
        with shop(self.context) as s:
            customer, events = profile_customer(s, tracker, dispatcher)
            if customer is None:
                return events
            dispatcher.utter_message(text=profile_answer(s, customer, tracker))
        return events


def answer_her_fact(context: ShopContext, dispatcher: CollectingDispatcher, tracker: Tracker,
                    domain: dict[str, Any]) -> list[EventType] | None:
    """"她电话呢" right after an answer about her: that fact of hers; while "王秀英还是汪桂兰?" waits, that
    question again (her answer then tells the fact asked). None when the message is no such question."""
    if entity(tracker, "customer") or not asks_her_fact(tracker.latest_message.get("text")):
        return None
    if current_meant(tracker) is not None:
        return ActionCustomerProfile(context).run(dispatcher, tracker, domain)
    pending = tracker.get_slot("pending")
    if customer_choice(pending):
        dispatcher.utter_message(text=question(pending["options"], language(tracker)))
        return []
    return None


def purchases_answer(s: Shop, customer: Customer, tracker: Tracker, product: str | None = None) -> str:
    """What the customer bought over the period the latest message names (default: this year, up to
    today), of ``product`` if given, in the reply language."""
    lang = language(tracker)
    today = s.context.today()
    text = tracker.latest_message.get("text")
    spoken = entity(tracker, "period") or entity(tracker, "date") or period_in(text)
    usual = asks_per_visit(text)
    # "usually" is over her last year, not this year's first weeks
    start, end, _ = parse_period(spoken, today) if spoken else (
        (today - dt.timedelta(days=364), today, None) if usual else parse_period("this year", today))
    bought = customer_purchases(s.session, shop_id=s.shop_id, customer=customer, start=start,
                                end=max(min(end, today), start), today=today, product=product)
    answer = bought.usual_visit(lang) if usual and not product else bought.summary(lang)
    return in_english(answer, session=s.session, shop_id=s.shop_id) if lang == "en" else answer


def profile_answer(s: Shop, customer: Customer, tracker: Tracker, fact: str | None = None) -> str:
    """The fact the latest message asks about the customer (phone, birthday, last purchase, ...), or
    the whole profile, in the reply language."""
    lang = language(tracker)
    place = ListPlace.from_slot(tracker.get_slot("last_list"))
    text = told_text(tracker)  # after "王秀英还是汪桂兰?", the question she asked: "她电话呢" wants the phone
    fact = fact or asked_fact_after(text, place.report if place else None)
    if fact is None and is_elliptical(text):  # "那李叔呢" after "她生日是哪天": his birthday, not his profile
        from actions.lists import previous_text  # (actions.lists imports this module)

        fact = asked_fact(previous_text(tracker))
    if fact == "spent":
        return purchases_answer(s, customer, tracker)
    spoken = entity(tracker, "product") if fact == "last_purchase" else None
    found = product_lookup(s, spoken, intent="ask_customer_profile", allow_category=True).record if spoken else None
    if found:  # "她上次买的什么米": her last rice, not her last visit's goods
        product = found[0].category if isinstance(found, list) else found.name
        answer = last_bought(s.session, shop_id=s.shop_id, customer=customer, product=product,
                             today=s.context.today()).summary(lang)
        return in_english(answer, session=s.session, shop_id=s.shop_id) if lang == "en" else answer
    profile = customer_profile(s.session, customer=customer)
    asked_tags = tags_said(normalize(text or "").text, shop_tag_names(s.session, shop_id=s.shop_id)) \
        if fact is None and is_question(text) else []
    if asked_tags:  # "Is Mrs Liu vegetarian?": yes or no for that fact, not her whole profile
        answer = tag_answer(profile.name, [t["name"] for t in profile.tags], asked_tags, lang)
    else:
        answer = profile.fact(fact, lang) if fact else profile.summarise(lang)
    if fact and fact != "spent" and asks_owing_too(text):  # "李叔电话多少,顺便看看他欠多少": both
        answer += profile.owing(lang)
    return in_english(answer, session=s.session, shop_id=s.shop_id) if lang == "en" else answer


class ActionProposeAddCustomer(ShopAction):
    """"新顾客陈女士,电话13800001111" — read back the new customer before adding."""

    def name(self) -> str:
        return "action_propose_add_customer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if (corrected := correct_sale(self.context, dispatcher, tracker, only_if_worded=True)) is not None:
            return corrected  # "make it 50" while a sale's read-back waits: the sale corrected, not a new customer
        if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:  # "which customers are vegetarian"
            return who
        waiting = Proposal.from_slot(tracker.get_slot("pending"))  # "电话不对,是…" while she is read back
        if isinstance(waiting, NewCustomerProposal) and (
                corrected := correct_new_customer(waiting, dispatcher, tracker)) is not None:
            return corrected
        lang = language(tracker)
        name = heard_name(entity(tracker, "customer") or said_surname(normalize(tracker.latest_message.get("text") or "").text) or "")
        if not name:
            dispatcher.utter_message(text=say("新顾客叫什么名字?", "What is the new customer's name?", lang))
            return []
        try:
            phone = validate_phone(entity(tracker, "phone")) if entity(tracker, "phone") else None
        except Invalid:
            dispatcher.utter_message(text=say("电话号码没听清,请再说一遍。", "I didn't get the phone number; say it again?",
                                              lang))
            return []
        tags = entities(tracker, "tag")
        text = tracker.latest_message.get("text") or ""
        also = ""
        with shop(self.context) as s:
            known = find_customer(s.session, shop_id=s.shop_id, name=name)
            full = called_name(text)
            if known is not None and full and full != name and known.name != full \
                    and find_customer(s.session, shop_id=s.shop_id, name=full) is None:
                # "又来了个王阿姨,叫王美华": 王阿姨 is 王秀英's; the full name said is this new one's
                also = say(f"{name}是{known.name}的称呼,这位记作{full}。",
                           f"{name} is {known.name}; this one goes in as {full}. ", lang)
                name, known = full, None
            if known is not None and not says_new_customer(text) and (phone or tags or moved_to(text)):
                return ActionProposeUpdateCustomer(self.context).run(dispatcher, tracker, domain)  # "陈小红住5栋3单元"
            if known is not None:
                # say who has that name, so she can tell whether it is the same person and what to say instead
                who = known.name + (f"(电话{known.phone})" if known.phone else "")
                who_en = known.name + (f" (phone {known.phone})" if known.phone else "")
                answer = say(f"已经有叫{name}的顾客了:{who}。是另一位的话,请说她的全名。",
                             f"There is already a customer called {name}: {who_en}. If this is someone else, "
                             f"say her full name.", lang)
                dispatcher.utter_message(text=in_english(answer, session=s.session, shop_id=s.shop_id) if lang == "en" else answer)
                return []
        said = entity(tracker, "date") if _BIRTHDAY.search(text) else None
        month_day = (parse_month_day(said) if said else None) or (
            (parse_month_day(text) or lunar_month_day(text)) if _BIRTHDAY.search(text) else None)
        try:  # "新顾客林小梅 生日五月六号": her birthday goes in with her
            birthday = Birthday(month=month_day[0], day=month_day[1],
                                lunar=is_lunar(text) or said_lunar(text)) if month_day else None
        except Invalid as error:
            dispatcher.utter_message(text=str(error))
            return []
        new = NewCustomerProposal(language=lang, name=name, phone=phone, tags=tags,
                                  birthday=str(birthday) if birthday else None,
                                  household=moved_to(text))  # "…,住8栋1单元": where she lives, with her
        dispatcher.utter_message(text=also + new.describe())
        return [SlotSet("pending", new.to_slot())]


class ActionProposeUpdateCustomer(ShopAction):
    """"李叔有高血压" / "Mrs Liu's birthday is March 3rd" — read back the new fact before saving it."""

    def name(self) -> str:
        return "action_propose_update_customer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        limit = propose_limit(self.context, dispatcher, tracker)  # "王阿姨的赊账上限改成三百": her tab limit
        if limit is not None:
            return limit
        corrected = correct_sale(self.context, dispatcher, tracker)  # "改成一百" while a sale is read back
        if corrected is None:
            corrected = correct_whom(self.context, dispatcher, tracker)  # "不是汪阿姨,是王阿姨" after a fact's read-back
        if corrected is not None:
            return corrected
        from actions.sales import (
            sale_told_instead,  # here: actions.sales imports this module (via the sale form)
        )

        if (sold := sale_told_instead(self.context, dispatcher, tracker, domain)) is not None:
            return sold  # "Auntie Sun has taken 2 kg millet" is a sale, not a note
        if (private := privacy_instead(self, dispatcher, tracker)) is not None:  # "把小赵的电话删掉"
            return private
        if (who := answer_who_has(self.context, dispatcher, tracker)) is not None:  # "谁有高血压" asks, tells nothing
            return who
        if (top := answer_top_customers(self.context, dispatcher, tracker)) is not None:  # "哪几个老顾客花钱最多"
            return top
        lang = language(tracker)
        with shop(self.context) as s:
            tracker = member_taken_off(s, tracker)  # "auntie wangs grandson" heard as one name: Auntie Wang's
            # a fact told is read back before it is written: a spoken 汪阿姨 is 汪桂兰, the read-back names 王秀英
            # aside; a question ("汪 阿姨 生日 几 号") is answered at once, so it still asks which one
            said_now = tracker.latest_message.get("text")
            told = not is_question(said_now) and not asks_who_at_home(said_now)
            named = named_customer(s, tracker, dispatcher, ask=("是哪位顾客?", "Which customer?"), read_back=told)
            customer, events = named.customer, named.events
            if named.unknown is not None:
                # "马老师有高血压", no 马老师 yet: her facts read back with her, as a new customer (never stored)
                customer = Customer(name=named.unknown, aliases=[])
            if customer is None:
                return events
            text = tracker.latest_message.get("text") or ""
            said = tags_meant(entities(tracker, "tag"), normalize(text).text,
                              shop_tag_names(s.session, shop_id=s.shop_id))
            member = member_fact(told_text(tracker))  # "小吴她老公有糖尿病": his, noted so, tagged on the household
            address = None if member else moved_to(told_text(tracker))  # "孙阿姨搬到八栋一单元了": her address
            if said and customer.id is not None and asks_who_at_home(text):  # "小石家谁有高血压": asked, not told
                who = person_name(customer.name, customer.aliases, lang)
                dispatcher.utter_message(text=tag_answer(who, [tag.name for tag in customer.tags], said, lang))
                return events
            noted = already_noted([tag.name for tag in customer.tags], said)
            change = CustomerUpdateProposal(language=lang, customer_id=customer.id,
                                            customer_name=person_name(customer.name, customer.aliases, lang),
                                            add_tags=[tag for tag in said if tag not in noted],
                                            member=member.member if member else None,
                                            note=member.note if member else None,
                                            household=address, household_before=customer.household if address else None)
            if entity(tracker, "phone") and member is None:  # "她老公电话…" is his: in the note
                try:
                    change.phone = validate_phone(entity(tracker, "phone"))
                except Invalid:
                    dispatcher.utter_message(text=say("电话号码没听清。", "I didn't get the phone number.", lang))
                    return []
            date = entity(tracker, "date") or (text if entity(tracker, "occasion") or _BIRTHDAY.search(text) else None)
            month_day = parse_month_day(date) if date else None
            if month_day is None and _BIRTHDAY.search(text):  # a date tagged in part ("june [twelfth]")
                month_day = parse_month_day(text) or lunar_month_day(text)  # or "腊月初八"
            if month_day and member is None:  # "她孙子生日是5月3号": the grandson's, in the note
                try:
                    birthday = Birthday(month=month_day[0], day=month_day[1],
                                        lunar=is_lunar(text) or said_lunar(text))
                except Invalid as error:
                    dispatcher.utter_message(text=str(error))
                    return events
                change.birthday = str(birthday)
            if noted and not (change.add_tags or change.phone or change.birthday or change.member or change.household):
                # "孙阿姨有糖尿病吧": it is on record already; nothing to read back and confirm
                who = person_name(customer.name, customer.aliases, lang)
                dispatcher.utter_message(text=say(f"是的,{who}已经记着:{'、'.join(noted)}。",
                                                  f"Yes, {who} already has that noted: {', '.join(noted)}.", lang))
                return events
            if not (change.add_tags or change.phone or change.birthday or change.member or change.household):
                if named.unknown is not None and is_question(text):  # "马老师生日是几号": nothing known of her
                    return offer_new_customer(dispatcher, NewCustomerProposal(language=lang, name=named.unknown),
                                              events)
                if is_question(tracker.latest_message.get("text")):  # "刘女士生日是几号" asks: nothing to note
                    dispatcher.utter_message(text=profile_answer(s, customer, tracker))
                    return events
                change.note = liking_said(told_text(tracker)) or note_said(told_text(tracker))
        if named.unknown is not None:
            return offer_new_customer(dispatcher, change.for_new_customer(named.unknown), events)
        aside = others_aside([person_name(other.name, other.aliases, lang) for other in named.others], lang)
        dispatcher.utter_message(text=change.describe() + aside)
        return [SlotSet("pending", change.to_slot()), *events]


def answer_her_birthday(context: ShopContext, dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: dict[str, Any]) -> list[EventType]:
    """"王阿姨生日哪天" / "她生日哪天": her birthday; "the birthday of zhao min is march first": noted, after a yes."""
    if _birthday_told(tracker.latest_message.get("text")):
        return ActionProposeUpdateCustomer(context).run(dispatcher, tracker, domain)
    with shop(context) as s:
        customer, events = profile_customer(s, tracker, dispatcher)
        if customer is None:
            return events
        dispatcher.utter_message(text=profile_answer(s, customer, tracker, fact="birthday"))
    return events


def _birthday_told(text: str | None) -> bool:
    """Whether the message tells a birthday's day ("the birthday of zhao min is march first"), not asks it."""
    return (asked_fact(text) == "birthday" and parse_month_day(text or "") is not None
            and not is_question(text) and not asks(normalize(text or "").text.lower()))


def told_text(tracker: Tracker) -> str:
    """What the owner said: the latest message or, when that is her request re-run after "which one?" (an
    intent trigger, "/update_customer{...}", which keeps only the entities), the message that asked it."""
    text = tracker.latest_message.get("text") or ""
    if not text.startswith("/"):
        return text
    said = [e.get("text") or "" for e in tracker.events or [] if e.get("event") == "user"][:-1]
    earlier = [t for t in said if not t.startswith("/")]
    return earlier[-1] if earlier else ""
