"""Commands of the 'brain' group: ``train``, ``parse``, ``evaluate nlu`` and ``evaluate conversations``.

Each command is one small handler; a new one (``ask``) is added by one more ``add_parser`` in
``register`` and one more handler function. Rasa and TensorFlow are imported inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``train``, ``parse`` and ``evaluate`` commands."""
    train = subparsers.add_parser("train", help="train the Rasa model if its data or config changed")
    train.add_argument("--force", action="store_true", help="train even if nothing changed")
    train.set_defaults(handler=_train)

    parse = subparsers.add_parser(
        "parse", help="understand a message (intent and entities) without answering or writing anything")
    parse.add_argument("text", nargs="?", help="the message; without it, one message per line of stdin")
    parse.add_argument("--json", action="store_true", help="Rasa's parse format, one JSON object per line")
    parse.add_argument("--model", help="a model archive (default: the newest in models/)")
    parse.set_defaults(handler=_parse)

    evaluate = subparsers.add_parser("evaluate", help="measure the assistant on held-out or dev data")
    evaluate_commands = evaluate.add_subparsers(dest="evaluate_command", required=True)
    nlu = evaluate_commands.add_parser(
        "nlu", help="intent accuracy and entity F1 per language on tests/nlu/<set>_*.yml")
    nlu.add_argument("--model", help="a model archive (default: the newest in models/)")
    nlu.add_argument("--set", dest="set_name",
                     choices=["heldout", "dev", *(f"blind{n}" for n in range(4, 20))],
                     default="heldout",
                     help="heldout: the blind test set (default); dev: the tuning set; blind4 to blind19: "
                          "the fourth to nineteenth blind sets (values compared too; score each once)")
    nlu.add_argument("-v", "--verbose", action="store_true", help="list every mistake")
    nlu.set_defaults(handler=_evaluate_nlu)
    conversations = evaluate_commands.add_parser(
        "conversations", help="run the acceptance corpus of whole conversations (tests/conversations/)")
    conversations.add_argument("--set", dest="set_name",
                               choices=["main", "blind", *(f"blind{n}" for n in range(2, 16))],
                               default="main",
                               help="main: the corpus tuned against (default); blind: the first part kept "
                                    "aside (already scored); blind2 to blind15: the second to fifteenth parts kept "
                                    "aside (score each once)")
    conversations.add_argument("--only", action="append", metavar="ID",
                               help="run only this conversation (repeatable; a prefix ending in * matches)")
    conversations.add_argument("--model", help="a model archive (default: the newest in models/)")
    conversations.add_argument("-v", "--verbose", action="store_true",
                               help="also show the replies of passing and pending conversations")
    conversations.set_defaults(handler=_evaluate_conversations)


def messages(text: str | None) -> Iterator[str]:
    """The one message given, or every non-blank line of stdin."""
    if text is not None:
        yield text
        return
    for line in sys.stdin:
        if line.strip():
            yield line.rstrip("\n")


def _train(args: argparse.Namespace) -> int:
    from assistant.brain.training import train

    train(force=args.force, progress=True)
    return 0


def _parse(args: argparse.Namespace) -> int:
    from assistant.brain.nlu import NluParser
    from assistant.cli.common import open_context, print_json

    with NluParser(args.model, context=open_context()) as parser:
        for text in messages(args.text):
            result = parser.parse(text)
            if args.json:
                print_json(result)
            else:
                print(_describe(result), flush=True)
    return 0


def _describe(result: dict) -> str:
    intent = result.get("intent") or {}
    entities = "  ".join(f"{e['entity']}={e['value']}" for e in result.get("entities") or [])
    confidence = intent.get("confidence") or 0.0
    return f"{intent.get('name')} ({confidence:.2f})  {result.get('text')!r}  {entities}".rstrip()


def _quiet_evaluation() -> None:
    """Library warnings of an evaluation go to DATA_DIR/logs/evaluate.log: the console keeps the scores."""
    from assistant.config import get_settings
    from assistant.web.server_log import log_file, quiet_console

    log = log_file(get_settings().data_dir, "evaluate.log")
    quiet_console(log)
    print(f"warnings are written to {log}", file=sys.stderr)


def _evaluate_nlu(args: argparse.Namespace) -> int:
    _quiet_evaluation()
    from assistant.brain.evaluate import VALUE_SETS, demo_shop_database, evaluate, report
    from assistant.brain.nlu import NluParser

    with demo_shop_database(VALUE_SETS.get(args.set_name)) as context, NluParser(args.model, context=context) as parser:
        scores = evaluate(parser, set_name=args.set_name)
    print(report(scores, verbose=args.verbose))
    if not scores:
        print(f"no {args.set_name}_*.yml files found in tests/nlu/", file=sys.stderr)
        return 1
    return 0 if all(score.passed for score in scores) else 1


def _evaluate_conversations(args: argparse.Namespace) -> int:
    _quiet_evaluation()
    import tempfile
    from pathlib import Path

    from assistant.brain import conversations as corpus
    from assistant.brain.dialogue import Brain

    chosen = corpus.load_corpus(args.set_name)
    if args.only:
        chosen = [c for c in chosen if any(_matches(c.id, pattern) for pattern in args.only)]
    if not chosen:
        print(f"no conversations to run in the {args.set_name} set", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="zhanggui-corpus-") as folder:
        shops = corpus.DemoShops(Path(folder))
        with shops.fresh() as context:
            brain = Brain.load(context, Path(args.model) if args.model else None)
        results = corpus.run_corpus(corpus.brain_answerer(brain), chosen, shops, bind=brain.rebind)
    print(corpus.report(results, verbose=args.verbose))
    return 0 if all(r.passed for r in results if not r.conversation.pending) else 1


def _matches(conversation_id: str, pattern: str) -> bool:
    return conversation_id.startswith(pattern[:-1]) if pattern.endswith("*") else conversation_id == pattern
