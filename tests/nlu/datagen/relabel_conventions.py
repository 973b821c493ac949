# ruff: noqa
"""Run from the repository root: python tests/nlu/datagen/relabel_conventions.py IN.yml OUT.yml ...

Bring a set's annotations to blind4's conventions (the issue's): rule by rule, each change printed.

R1 today/今天/今日 and tomorrow/明天 said in a request are a period (not in small talk: 明天见)
R2 a length of time away (ask_inactive) is days, not a period
R3 yesterday/昨天/前天 and other single days are a date, not a period
R4 生日/birthday in a statement of the date (update_customer, add_customer) is no occasion
R5 a role alone (团长, 群主, the group leader) is no customer
R6 吃素: the tag is 素
"""
import re, sys
sys.path.insert(0, ".")
from assistant.language.durations import parse_duration

SMALLTALK = {"greet", "goodbye", "thank", "affirm", "deny"}
ANNOT = re.compile(r"\[([^\]]+)\]\(([a-z_]+)\)")
OTHER_DAY = re.compile(r"^(?:昨天|昨儿|前天|后天|大后天|yesterday|(?:the )?day (?:before yesterday|after tomorrow))$", re.I)
ROLE = re.compile(r"^(?:团长|群主|(?:the )?(?:group |team )?leaders?)$", re.I)
DAY_WORD = re.compile(r"今天|今日|明天|(?<![A-Za-z])[Tt]oday(?![A-Za-z])|(?<![A-Za-z])[Tt]omorrow(?![A-Za-z])")


def relabel_line(line, intent, log):
    original = line

    def entity(match):
        text, kind = match.group(1), match.group(2)
        if kind == "period" and intent == "ask_inactive" and parse_duration(text) is not None:
            return f"[{text}](days)"  # R2
        if kind == "period" and OTHER_DAY.match(text.strip()):
            return f"[{text}](date)"  # R3
        if kind == "occasion" and intent in {"update_customer", "add_customer"} and text.strip().lower() in {"生日", "birthday"}:
            return text  # R4
        if kind == "customer" and ROLE.match(text.strip()):
            return text  # R5
        if kind == "tag" and text.replace(" ", "") == "吃素":
            return "吃[素](tag)" if " " not in text else "吃 [素](tag)"  # R6
        return match.group(0)

    line = ANNOT.sub(entity, line)
    if intent not in SMALLTALK:  # R1, outside annotations only
        pieces, last = [], 0
        for match in ANNOT.finditer(line):
            pieces.append(DAY_WORD.sub(lambda m: f"[{m.group(0)}](period)", line[last:match.start()]))
            pieces.append(match.group(0))
            last = match.end()
        pieces.append(DAY_WORD.sub(lambda m: f"[{m.group(0)}](period)", line[last:]))
        line = "".join(pieces)
    if line != original:
        log.append(f"{intent}: {original.strip()}  ->  {line.strip()}")
    return line


def relabel(path, out):
    lines, intent, log = open(path, encoding="utf-8").read().split("\n"), None, []
    for i, line in enumerate(lines):
        m = re.match(r"\s*- intent: (\S+)", line)
        if m:
            intent = m.group(1)
            continue
        if intent and re.match(r"\s*- ", line):
            lines[i] = relabel_line(line, intent, log)
    open(out, "w", encoding="utf-8").write("\n".join(lines))
    return log


if __name__ == "__main__":
    for path, out in zip(sys.argv[1::2], sys.argv[2::2]):
        log = relabel(path, out)
        print(f"## {path}: {len(log)} changes")
        print("\n".join(log))
