"""What exactly a question asks, beyond its intent: one fact of a customer, or a ranking of products.

The intent says "about a customer" or "about sales"; the owner's words say which part she wants:
"李叔的电话多少" wants the phone number, not the profile; "这个月卖得最好的是什么" wants a product, not the
month's takings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.language.normalize import normalize

# Checked in order: the first that matches names the fact (an allergy question mentions the child, a
# last-purchase question may mention what she usually buys).
_FACTS: tuple[tuple[str, str], ...] = (
    ("phone", r"电话|手机|号码|联系方式|phone|number|contact"),
    # her own age, not a child's ("张姐家小孩几岁了")
    ("age", r"^(?!.*(?:小孩|孩子|儿子|女儿|孙|宝宝|老公|老伴|child|kid|son|daughter|baby|husband)).*"
            r"(?:多大了|多大岁数|几岁|年纪|岁数|how old|\bage\b)"),
    ("birthday", r"生日|生辰|birthday|born"),
    # what she must not eat: allergies, and health and diet facts too (糖尿病 is a 忌口)
    ("diet", r"忌口|不能吃|能吃(?:什么|啥)|饮食|\bdiet|can'?t eat|cannot eat|can (?:she|he) eat"),
    ("allergies", r"过敏|allerg"),
    ("away", r"多久没来|多少天没来|几天没来|好久没来|多长时间没来|最近来过|来过吗|来过没|how long since|"
             r"hasn'?t (?:been|come) in|how long has .* been away"),
    # (numbers are digits after normalising: "最近一次" arrives as "最近1次")
    ("last_purchase", r"上次|上回|上[1一]次|最近[1一]次|最后[1一]次|last time|last bought|bought last|last purchase|"
                      r"last buy|last visit|last came|buy last|last (?:been |come |came )?in\b|last (?:come|shop)|"
                      # whether she ever bought it: when she last did, or that she never has
                      r"买过(?!几|多少)|买没买|\bever (?:bought|buy|purchased?)\b|^(?:has|did) \w+(?: \w+)? buy\b"),
    # what she spent over a period ("李叔这个月花了多少钱", "how much did Uncle Li spend this month")
    # and how much of a product she bought ("王阿姨今年买了多少米", "how many bags of rice did Auntie Wang buy
    # this year"), but not what a leader's people bought
    # and what she bought over a period she names ("王阿姨今天买了什么": that day's goods, not her profile)
    ("spent", r"(?:今天|昨天|前天|这两天|这几天|这周|本周|这个?礼拜|这星期|上周|上个?礼拜|上星期|这个?月|本月|上个?月|今年|去年)"
              r"\S{0,3}(?:买|拿)了?(?:什么|啥|哪些|些什么|些啥)|"
              r"\bwhat did\b.*\b(?:buy|get|take)\b.*\b(?:today|yesterday|this week|last week|this month|last month)\b|"
              r"花了多少|花多少|消费了?多少|多少钱的东西|^(?!.*(?:带来|介绍|拉来)).*(?:买|拿)了(?:多少|几)|来[了过](?:几|多少)次|\bspen[dt]\b|"
              r"\bhow (?:many|much)\b.*\b(?:did|has|have)\b.*\b(?:buy|bought|get|got|take|taken|purchased?)\b"),
    # what to offer her, before "health" takes her 糖尿病 ("孙阿姨有糖尿病给她推荐点啥")
    ("recommend", r"推荐|适合(?:她|他)?(?:买|吃|用)?(?:什么|啥|哪)|给(?:她|他)(?:拿|买|备|介绍)(?:点|些)(?:什么|啥)|"
                  r"recommend|what (?:would|should|could|can) (?:i|we|you) (?:suggest|offer|sell)|what suits"),
    ("health", r"身体|病|血压|血糖|健康|health|blood|diabet|medical"),
    # how many live in her home, before "household" (家里) takes it: the household field keeps her address
    ("household_size", r"几口人|几口|多少口人|(?:家|家里|屋里)(?:有|一共|总共)?(?:几|多少)个人|how many (?:people|are there)"
                       r".*\b(?:family|household|home|house)\b|(?:family|household) size|size of (?:her|his|the) family"),
    ("household", r"住哪|住在|地址|哪栋|家住|家里|几口|干什么的|做什么的|where .*live|address|household|family"),
    # how often she comes, before "usual" (一般) takes it ("他一般多久来一次")
    ("how_often", r"(?:多久|多长时间|几天|多少天)(?:才)?来\s*[一1]\s*[次趟回]|隔多久来|how often"),
    ("usual", r"平时|一般|常买|经常|老买|爱买|usually|normally|regularly|always buy"),
)
_BEST = re.compile(r"最好|最多|最火|最畅销|畅销|卖得好|热销|最抢手|best|top|most popular|sold most|sells most|biggest seller|"
                   r"flying off the shel(?:f|ves)|like hot ?cakes|moving (?:the )?fastest|sell(?:s|ing)? (?:the )?fastest")
_SLOW = re.compile(r"卖不动|卖不出|最差|最少|最慢|滞销|不好卖|卖得慢|卖得差|卖得不好|没人买|没什么人买|slow|worst|least|not selling|isn't selling|"
                   r"isnt selling|aren't selling|arent selling|doesn't sell|nobody buys|no one buys")
# Which customers spent most ("这个月谁买得最多", "上个月哪几个老顾客花钱最多", "who spent the most", "top
# customers"): people ranked by what they bought, not products ranked by what they sold.
_TOP_CUSTOMERS = re.compile(
    r"(?:谁|哪个|哪位|哪几|哪些|顾客|客人|客户|熟客).*?(?:买得?最多|买的最多|买东西最多|花钱最多|花得最多|花的钱?最多|"
    r"消费最多|消费得最多|最舍得花|最能买|贡献最大)|(?:顾客|客人|客户)(?:消费)?(?:排名|排行)|大客户|"
    r"\b(?:who|which customers?|which regulars?)\b.*?\b(?:spent|spends|spend|bought|buys|buy)\b.*?\bmost\b|"
    r"\b(?:top|best|biggest) (?:customers|spenders|buyers|regulars)\b|\bbiggest spenders?\b")

# The shop's takings, whoever the model thought it was about ("上个礼拜卖了多少钱" heard as a profile question).
_TAKINGS = re.compile(r"卖了|卖得|营业|销售额|流水|进账|收入|takings|turnover|revenue|\bsold\b|\bsell\b|"
                      r"how much did (?:we|i) (?:make|take)|what did (?:we|i) take")

# "哪些熟客不来了" asks for the win-back list (those who stopped coming), not a duration.
_WIN_BACK = re.compile(r"不来了|不再来|不怎么来|流失|挽回|回访|拉回来|win.?back|lapsed|lost customers|stopped coming|"
                       r"stopped shopping|quit coming|no longer come|don'?t come any ?more|not coming any ?more")
# Consent is about messages: "陈团长带了几个人来" names none of these, so it cannot mean "she agrees to messages".
_MESSAGES = re.compile(r"消息|信息|短信|通知|微信|推|打扰|广告|发|联系|电话|退订|订阅|群|祝福|优惠|活动|同意|告诉|收|别再|不要再|"
                       r"messag|text|notif|sms|wechat|contact|call|spam|subscri|marketing|promo|opt|mail|news|offer|"
                       r"deal|greeting|list|send|remind|hear (?:from|about)|alert|update|notice|push")
# "全部列出来" wants the whole list, "还有呢" just the next few.
_EVERYTHING = re.compile(r"全部|所有|全都|都列|都说|都念|都读|完整|整个|一个一个|\ball\b|every|whole|full list|entire")


# "Zhang's kid", "王家孩子": the question is about a household's child (the family that has one).
_CHILD = re.compile(r"\b(?:kids?|child|children|son|daughter|baby|grandson|granddaughter)\b|孩子|小孩|儿子|女儿|宝宝|"
                    r"孙子|孙女")


def asks_about_a_child(text: str | None) -> bool:
    """Whether ``text`` asks about someone's child ("Does Zhang's kid have allergies?", "张家孩子")."""
    return bool(_CHILD.search(normalize(text or "").text.lower()))


_WHICH_DAY = re.compile(r"哪天|哪一天|几号|几月几|什么时候|\bwhen\b|which day|what day|what date")


def asked_fact(text: str | None) -> str | None:
    """Which fact of a customer ``text`` asks for (phone, age, birthday, allergies, away, last_purchase, spent, health,
    household_size, household, usual, recommend), or None for the whole profile."""
    value = normalize(text or "").text.lower()
    for fact, pattern in _FACTS:
        if re.search(pattern, value):
            return fact
    return None


def asked_fact_after(text: str | None, last_report: str | None) -> str | None:
    """The fact asked, reading a bare "which day" right after a birthday list ("王阿姨是哪天?") as her
    birthday."""
    fact = asked_fact(text)
    if fact is None and last_report == "birthdays" and _WHICH_DAY.search(normalize(text or "").text.lower()):
        return "birthday"
    return fact


_TELLS_ALLERGY = re.compile(r"对\s*(?!什么|啥|哪)(\S+?)\s*过敏|allergic to (?!what|any|some)\w+")


def tells_allergy(text: str | None) -> bool:
    """Whether ``text`` tells an allergy rather than asks about one ("小赵家孩子对鸡蛋过敏" vs "她对什么过敏")."""
    value = normalize(text or "").text.lower()
    return not is_question(text) and bool(_TELLS_ALLERGY.search(value))


# "林小梅喜欢买杂粮", "李叔爱吃红豆", "Mrs Liu likes millet": what she likes, told (a note to keep).
_LIKING = re.compile(r"((?:最|特别|很|比较|挺)?(?:喜欢|爱|偏爱|常|老)(?:买|吃|用|喝|要)\S+|"
                     r"(?:最|特别|很|比较|挺)?喜欢\S+|\b(?:likes?|loves?|prefers?|enjoys?)\b.+)$")


def liking_said(text: str | None) -> str | None:
    """What a customer likes, as the owner tells it ("林小梅喜欢买杂粮" → "喜欢买杂粮", "mrs liu likes millet" →
    "likes millet"), or None when the sentence tells no liking (or asks: "她喜欢买什么")."""
    if is_question(text):
        return None
    value = re.sub(r"[。.!!\s]+$", "", normalize(text or "").text.strip())
    found = _LIKING.search(value if not value.isascii() else value.lower())
    if found is None or re.search(r"什么|啥|哪|吗|多少|几|\bwhat\b|\bwhich\b", found.group(1)):
        return None
    return found.group(1).strip()


# "店里一共有多少顾客", "我们有多少个老顾客", "how many customers do we have": the number of customers, asked
# alone (not "多少顾客过生日", "how many customers are due": those are lists of their own).
_PEOPLE_ZH = r"(?:老顾客|熟客|顾客|客人|客户|会员)"
_CUSTOMER_COUNT = re.compile(
    rf"^(?:店里|我们店|咱们店|咱店|我们|咱们|我|现在|目前|一共|总共|总的)*有?(?:多少|几)(?:个|位|名)?{_PEOPLE_ZH}(?:了|啊|呀|呢)?$|"
    rf"^(?:店里|我们|咱们)?(?:的)?{_PEOPLE_ZH}(?:现在|目前)?(?:一共|总共)?有?(?:多少|几)(?:个|位|名)?(?:了|啊|呀|呢)?$|"
    r"^how many (?:customers|regulars|regular customers)(?: do (?:we|i) have| have (?:we|i) got| are there| in total|"
    r" does the shop have| are on (?:record|the books))*(?: in total| altogether| now)?$")


def asks_customer_count(text: str | None) -> bool:
    """Whether ``text`` asks how many customers the shop has ("店里一共有多少顾客", "how many customers do we
    have"), and nothing else."""
    value = re.sub(r"[?？。.!!,,\s]+$", "", normalize(text or "").text.lower().strip())
    return bool(_CUSTOMER_COUNT.match(value if value.isascii() else value.replace(" ", "")))


def asks_takings(text: str | None) -> bool:
    """Whether ``text`` asks what the shop sold or took ("上个礼拜卖了多少钱", "what were the takings")."""
    return bool(_TAKINGS.search(normalize(text or "").text.lower()))


_PER_VISIT = re.compile(r"一般|平时|通常|每次|每回|[1一]次|\busually\b|\beach time\b|\bper visit\b|\bon average\b|\baverage\b|"
                        r"\btypically\b|\bnormally\b")


def asks_per_visit(text: str | None) -> bool:
    """Whether a question about what she spends asks for a usual visit ("张姐一般一次花多少钱", "usually spend")."""
    return bool(_PER_VISIT.search(normalize(text or "").text.lower()))


def asked_ranking(text: str | None) -> str | None:
    """"best" (best sellers), "slow" (slow movers) or None (plain takings) for a sales question."""
    value = normalize(text or "").text.lower()
    if _SLOW.search(value):
        return "slow"
    if _BEST.search(value):
        return "best"
    return None


def asks_top_customers(text: str | None) -> bool:
    """Whether ``text`` asks which customers spent (or bought) most ("这个月谁买得最多", "top customers")."""
    return bool(_TOP_CUSTOMERS.search(normalize(text or "").text.lower()))


_ELLIPTICAL = re.compile(r"呢\s*[?？]?$|^(?:and |what about |how about )", re.IGNORECASE)
# "这礼拜谁过生日还有呢": a "go on" tacked onto a sentence that asks its own question (a question word before it)
_MORE_TAIL = re.compile(r"[\s,，、。]*(?:还有呢|还有吗|还有没有|别的呢|其他的?呢|剩下的呢)\s*[?？]?$")
_ASKS_ITSELF = re.compile(r"谁|什么|啥|哪|几|多少|怎么|有没有|是不是|要不要|吗|么")


def asks_own_question(text: str | None) -> bool:
    """Whether ``text`` asks a question of its own before a trailing "还有呢" ("这礼拜谁过生日还有呢"): that question,
    not a follow-up of the last answer nor "go on with the list"."""
    value = normalize(text or "").text.strip().lower()
    tail = _MORE_TAIL.search(value)
    return tail is not None and bool(_ASKS_ITSELF.search(value[:tail.start()]))


def is_elliptical(text: str | None) -> bool:
    """Whether ``text`` only names someone or something new for the last question ("那李叔呢", "what about
    Uncle Li?"); a question of its own ending in "还有呢" is not one."""
    return bool(_ELLIPTICAL.search(normalize(text or "").text.strip().lower())) and not asks_own_question(text)


def is_question(text: str | None) -> bool:
    """Whether ``text`` asks rather than tells ("刘女士生日是几号" vs "刘女士生日是3月3号")."""
    value = normalize(text or "").text.lower().strip()
    return bool(re.search(r"[?？]$|几号|哪天|什么时候|多少|吗$|是什么|when|what|which|how|\bis it\b", value)
                or re.match(r"(?:is|are|does|do|did|has|have|can)\b", value))  # "is sister zhang allergic to …"


def asked_win_back(text: str | None) -> bool:
    """Whether an inactive question asks who stopped coming (the win-back list) rather than for how long."""
    return bool(_WIN_BACK.search(normalize(text or "").text.lower()))


def asked_everything(text: str | None) -> bool:
    """Whether "go on with the list" asks for all of it ("全部列出来", "list them all")."""
    return bool(_EVERYTHING.search(normalize(text or "").text.lower()))


# Words that ask to take an entry back, in the owner's words; a question without them only asks what it was.
_TAKE_BACK = re.compile(r"撤|删|取消|不算|退回|作废|算了|记错|undo|cancel|delete|remove|take (?:it |that )?back|scrap|wrong")


def asks_what_was_recorded(text: str | None) -> bool:
    """Whether an "undo" message only asks what was just recorded ("刚才记的是什么") without asking to take it back."""
    value = normalize(text or "").text.lower()
    compact = value.replace(" ", "")
    return not _TAKE_BACK.search(value) and bool(
        re.search(r"记的(?:是)?(?:什么|啥)|记了(?:什么|啥|哪些)", compact) or re.search(r"\bwhat did (?:i|we|you) (?:just )?(?:record|write|log|put down)", value))


# "谁有高血压", "哪些顾客吃素", "有没有人花生过敏", "who has a peanut allergy": asks which customers, not one.
_WHO = re.compile(r"谁|哪些|哪几|哪位|哪个顾客|哪家|哪户|有没有人|有人.*[吗么]|几位|几个人|多少人|多少位|多少顾客|"
                  r"\bwho(?:'?s|se)?\b|\bwhich (?:of (?:my |our |the )?)?(?:customers?|people|regulars|households?|families)\b|"
                  r"\bany(?:one|body| customers?)\b|how many (?:customers|people)|\blist (?:the |all )?customers\b")
# Words of the other lists that name a tag in passing ("这周谁该补低钠酱油", "低钠酱油到了该告诉谁",
# "谁过生日"): those questions are theirs, not "who has the tag".
_OTHER_LIST = re.compile(r"补|买|到了|到货|告诉|通知|生日|没来|不来|欠|赊|佣金|\bdue\b|restock|\bbuy|\bbought\b|arrived|"
                         r"who to tell|should i tell|birthday|\bowes?\b|hasn'?t been|haven'?t been|commission")


def asks_who_has(text: str | None, tags: Sequence[str]) -> bool:
    """Whether ``text`` asks which customers have a tag ("谁家有小孩", "who has a peanut allergy"), given the
    ``tags`` it names; a statement ("李叔有高血压") and another list's question ("谁该补低钠酱油") do not."""
    if not tags:
        return False
    value = normalize(text or "").text.lower()
    return bool(_WHO.search(value)) and not _OTHER_LIST.search(value)


# "小石家谁有高血压", "老邱家里哪个有糖尿病": who in one named household, asked (not a fact told of him).
_WHO_AT_HOME = re.compile(r"家里?(?:人)?(?:谁|哪个|哪位|哪几个|有没有人)|\bwho in (?:his|her|their|[\w ]+?'s) (?:family|household)\b")


def asks_who_at_home(text: str | None) -> bool:
    """Whether ``text`` asks who in a named customer's household has something ("小石家谁有高血压")."""
    value = normalize(text or "").text.lower()
    return bool(_WHO_AT_HOME.search(value.replace(" ", "")) or _WHO_AT_HOME.search(value))


def mentions_messages(text: str | None) -> bool:
    """Whether ``text`` speaks of messages at all, as a customer's opting in or out of them must."""
    return bool(_MESSAGES.search(normalize(text or "").text.lower()))



# "陈团长这个月佣金是哪些人带来的", "who did her commission come from": the people behind it, not the total alone.
_WHO_BROUGHT = re.compile(r"哪些人|哪几个人|哪几位|哪些顾客|哪些客人|是谁|都有谁|有哪些|谁带来|谁买的|来自谁|从谁|明细|"
                          r"\bwho\b|\bwhich (?:customers|people)\b|\bfrom whom\b|\bbreak ?down\b")


def asks_who_brought(text: str | None) -> bool:
    """Whether a commission question asks which customers it came from, not only how much it is."""
    return bool(_WHO_BROUGHT.search(normalize(text or "").text.lower()))


# "玉米油快没了吧", "还有没有五常", "are we running out of eggs": a product's stock, not who needs it.
_STOCK_LEFT = re.compile(r"快没了|没了吧|快卖完|还有没有|还有吗|够不够|剩多少|还剩|还有(?:多少|几|货)|剩几|有货(?:吗|么|没)|"
                         r"running out|run out|\bleft\b|in stock|nearly out|almost out|\bhave we got\b")
_ASKS_WHO_NEEDS = re.compile(r"谁|哪些|哪位|哪几|\bwho\b|which customers")


def asks_stock_left(text: str | None) -> bool:
    """Whether ``text`` asks how much of a product is left ("玉米油快没了吧"), not who needs it."""
    value = normalize(text or "").text.lower()
    return bool(_STOCK_LEFT.search(value)) and not _ASKS_WHO_NEEDS.search(value)


_OWING = re.compile(r"欠|账|赊|挂|还钱|还了|还清|没给|没还|结清|结账|\bowe|\btab\b|\bdebt|\bcredit\b|\bpaid\b|\bpay|\bsettle")
_NOT_MONEY_FACTS = frozenset({"away", "spent", "last_purchase", "phone", "birthday", "age", "allergies", "diet", "health",
                              "household", "household_size", "how_often", "usual"})


def asks_other_fact_than_owing(text: str | None) -> bool:
    """Whether ``text`` asks a customer's fact that is not what she owes ("老秦多少天没来了", "老白今年来了几次"),
    with no word of owing or paying in it, or asks such a fact and her tab both (``asks_owing_too``)."""
    value = normalize(text or "").text.lower()
    return (asked_fact(text) in _NOT_MONEY_FACTS and not _OWING.search(value)) or asks_owing_too(text)


def asks_same_fact_again(text: str | None, previous: str | None) -> bool:
    """Whether ``text`` ("那周师傅呢") asks the fact ``previous`` asked ("李叔电话多少") of someone else: an
    elliptical question after a question of a customer's other fact than her tab (owner trial 13, M3)."""
    return is_elliptical(text) and asked_fact(text) is None and asks_other_fact_than_owing(previous)


# Where a second question starts: "李叔电话多少,顺便看看他欠多少", "her number, and what she owes".
_NEXT_QUESTION = re.compile(r"[,，;；]|顺便|还有|另外|再(?:看看|查查|问问)|\band (?:also )?(?:how much|what)\b")


def asks_owing_too(text: str | None) -> bool:
    """Whether ``text`` asks two things of a customer: another fact ("李叔电话多少") and what she owes
    ("顺便看看他欠多少"), so both are answered, not the tab alone (owner trial 13, M11)."""
    clauses = [c for c in _NEXT_QUESTION.split(normalize(text or "").text.lower()) if c.strip()]
    if len(clauses) < 2:
        return False
    other = any(asked_fact(c) in _NOT_MONEY_FACTS and not _OWING.search(c) for c in clauses)
    return other and any(_OWING.search(c) for c in clauses)



_ORDER_QUANTITY = re.compile(r"(?:该|要|得|需要)\s*(?:进|订|补|定)\s*(?:多少|几)|进\s*多少\s*(?:货|合适)|"
                             r"how (?:many|much)[\w ]{0,40}\b(?:(?:should|do|shall|must) (?:i|we)|to) (?:order|restock|get in)\b|"
                             r"order how (?:many|much)|quantity to order", re.IGNORECASE)


def asks_order_quantity(text: str | None) -> bool:
    """Whether ``text`` asks how much of a product to order ("鸡蛋该进多少"), which the reorder list says."""
    return bool(_ORDER_QUANTITY.search(normalize(text or "").text))
