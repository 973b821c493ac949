"""Asking back: the "which one?" question and understanding the owner's answer to it.

An action that finds two customers called 王阿姨 stores a *choice* in the ``pending`` slot and asks
"王秀英 (3栋) 还是 汪桂兰 (5栋)?". The next message is matched against the options here, before the NLU:
by name, by any word of the label (3栋), or by position (第一个 / the second).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.language.normalize import normalize
from assistant.language.sale_told import buyer_said, tells_a_sale

_ORDINALS = {
    0: ("第一", "第1", "头一个", "前一个", "前面", "first", "1st", "former"),
    1: ("第二", "第2", "后一个", "后面", "second", "2nd", "latter"),
    2: ("第三", "第3", "third", "3rd"),
    3: ("第四", "第4", "fourth", "4th"),
}


_PUNCTUATION = re.compile(r"[\s,。.!!??、,]+")
_BUILDING_EN = re.compile(r"\b(?:building|bldg\.?|block)\s*(\d+)", re.IGNORECASE)


def choice(*, intent: str, slot: str, entities: dict[str, Any], options: list[dict[str, Any]],
           index: int | None = None) -> dict[str, Any]:
    """A pending choice: re-run ``intent`` with ``slot`` set to the chosen option's ``value`` (with ``index``:
    the slot's entity is a list, of several goods, and the choice is its ``index``-th value).

    Each option is ``{"value": "王秀英", "label": "王秀英 (3栋)"}``, with ``label_en`` ("Auntie Wang (Building 3)")
    when the English question should say it otherwise, and the record's ``aliases`` when it has any (an
    English answer names her by one: "Auntie Wang").
    """
    found = {"kind": "choose", "intent": intent, "slot": slot, "entities": entities, "options": options}
    return {**found, "index": index} if index is not None else found


def customer_choice(pending: Any) -> bool:
    """Whether ``pending`` is a "which customer?" question waiting for its answer ("王秀英还是汪桂兰?")."""
    return isinstance(pending, dict) and pending.get("kind") == "choose" and pending.get("slot") == "customer" \
        and bool(pending.get("options"))


def chosen_entities(pending: dict[str, Any], chosen: str) -> dict[str, Any]:
    """The entities to re-run the pending request with, the chosen value in its place."""
    entities = dict(pending.get("entities", {}))
    index, said = pending.get("index"), entities.get(pending["slot"])
    if index is not None and isinstance(said, list) and 0 <= index < len(said):
        entities[pending["slot"]] = [chosen if i == index else value for i, value in enumerate(said)]
    else:
        entities[pending["slot"]] = chosen
    return entities


def question(options: list[dict[str, Any]], language: str) -> str:
    """The spoken question that offers the options."""
    labels = [o.get("label_en") or o["label"] if language == "en" else o["label"] for o in options]
    if language == "en":
        return "Do you mean " + ", ".join(labels[:-1]) + f" or {labels[-1]}?"
    return "您说的是" + "、".join(labels[:-1]) + f"还是{labels[-1]}?"


def which_one(spoken: str, options: list[dict[str, Any]], language: str) -> str:
    """The question that asks whom ``spoken`` means among the options ("您说的老王是汪桂兰、王建林还是王秀英?"),
    for a reply that asks something else too."""
    labels = [o.get("label_en") or o["label"] if language == "en" else o["label"] for o in options]
    if language == "en":
        return f"Which {spoken} do you mean: " + ", ".join(labels[:-1]) + f" or {labels[-1]}?"
    return f"您说的{spoken}是" + "、".join(labels[:-1]) + f"还是{labels[-1]}?"


def choose(pending: dict[str, Any], answer: str) -> str | None:
    """The ``value`` of the option the answer names, or None when it names none or several."""
    options = pending.get("options", [])
    text = normalize(answer).text.lower()
    said = _PUNCTUATION.sub(" ", text).strip()
    by_alias = [o for o in options if said in {n.lower() for n in [o["value"], *o.get("aliases", [])]}]
    if len(by_alias) == 1:  # "Auntie Wang": exactly one option's name or alias, said alone
        return by_alias[0]["value"]
    text = _BUILDING_EN.sub(lambda m: f"{m.group(1)}栋", text)  # "the one in building 3" → 3栋
    compact = re.sub(r"\s+", "", text)
    named = [o for o in options if o["value"].lower() in text or o["value"].lower() in compact]
    if len(named) == 1:
        return named[0]["value"]
    by_label = [o for o in options if any(word and word.lower() in compact for word in _label_words(o))]
    if len(by_label) == 1:
        return by_label[0]["value"]
    in_label = [o for o in options if len(compact) >= 2 and (compact in o["label"].lower().replace(" ", "")
                                                              or o["label"].lower().replace(" ", "") in compact)]
    if len(in_label) == 1:
        return in_label[0]["value"]
    for index, words in _ORDINALS.items():
        if index < len(options) and any(w in compact or w in text.split() for w in words):
            return options[index]["value"]
    return None


_PRONOUNS = frozenset({"她", "他", "她们", "他们", "she", "he", "they", "她又", "他又", "she also", "he also"})


def tells_new_sale(pending: dict[str, Any], answer: str) -> bool:
    """Whether ``answer`` to "which rice?" is a new sale told in full for someone else ("王阿姨买了两袋东北大米"
    after "马阿姨买了两袋米" asked which rice): a request of its own, not the choice (red team 16, W2). A sale
    told of the same customer ("马阿姨买的是东北大米") or of "她" still answers."""
    if pending.get("slot") == "customer" or not tells_a_sale(answer):
        return False
    buyer = buyer_said(answer)
    if buyer is None or buyer in _PRONOUNS:
        return False
    before = str((pending.get("entities") or {}).get("customer") or "")
    before = re.sub(r"\s+", "", normalize(before).text.lower())
    return not before or before not in re.sub(r"\s+", "", buyer)


def _label_words(option: dict[str, Any]) -> list[str]:
    """The distinguishing words of a label: what is in brackets ("3栋", "卖菜的")."""
    words: list[str] = []
    for bracket in re.findall(r"[(（]([^)）]+)[)）]", option.get("label", "")):
        words += [w.strip() for w in re.split(r"[,，、 ]", bracket) if w.strip()]
        words += re.findall(r"\d+栋", bracket)  # "5栋的那个" names the building of "5栋1单元"
    return words


# The two meanings a question about one customer's purchases is torn between ("王阿姨今年买了多少米":
# the shop's takings? her profile?): it is neither, it is what she bought.
_PURCHASE_CANDIDATES = frozenset({"ask_sales_summary", "ask_customer_profile"})


def asks_customer_purchases(ranking: list[str], entities: dict[str, Any], *, spent: bool) -> bool:
    """Whether an unsure message asks what a customer bought: it names a customer and asks what she ``spent``,
    or names a period and its two likeliest meanings (``ranking``) are the shop's takings and her profile."""
    # What she spent is her purchases whatever else it sounded like ("李叔这个月花了多少钱" near a commission).
    return bool(entities.get("customer")) and (
        spent or (set(ranking[:2]) == _PURCHASE_CANDIDATES and bool(entities.get("period"))))
