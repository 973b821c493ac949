"""The conversation engine: a trained Rasa agent whose custom actions run in this process.

Every door (REST webhook, chat page, voice socket, counter microphone, ``assistant ask``) sends its
text through ``Brain.handle``, so normalisation (inside the Rasa pipeline), name resolution (inside the
actions) and the clarification follow-ups behave the same everywhere.
"""

from __future__ import annotations

import json
import logging
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.brain.proposals import Proposal
from assistant.brain.waiting_answer import answer_to_waiting
from assistant.brain.waiting_write import (
    mention_waiting_write,
    named_yes_to_waiting,
    small_talk_while_waiting,
)
from assistant.context import ShopContext
from assistant.errors import AssistantError
from assistant.language.answers import says_yes, says_yes_to_undo, says_yes_with_reason
from assistant.language.salutations import greeting_answer, split_greeting

if TYPE_CHECKING:
    from assistant.brain.tracker_store import ShopTrackerStore

logger = logging.getLogger(__name__)


class ModelMissing(AssistantError):
    """The dialogue model is not available (not trained yet, or not loaded)."""


@dataclass
class Turn:
    """What the assistant made of one message: its replies and what it understood."""

    messages: list[dict[str, Any]]
    intent: dict[str, Any] = field(default_factory=dict)
    entities: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All reply texts joined, as they would be spoken."""
        return "\n".join(m["text"] for m in self.messages if m.get("text"))

    def to_json(self) -> dict[str, Any]:
        """CONTRACT §4's ``assistant ask --json`` shape."""
        return {"text": self.text, "messages": self.messages, "intent": self.intent, "entities": self.entities}


def register_actions(executor: Any, context: ShopContext, package: str = "actions") -> None:
    """Register every concrete action of ``package`` with ``executor``, each made with ``context``.

    rasa_sdk's own ``register_package`` makes the actions without arguments (``rasa run actions`` does
    that, and they then use the process's standalone context); here they get the context they serve.
    """
    import inspect

    from rasa_sdk import Action
    from rasa_sdk.utils import all_subclasses

    executor._import_submodules(package)  # noqa: SLF001 (rasa_sdk's own module walk)
    for cls in all_subclasses(Action):
        if cls.__module__.startswith(package + ".") and not inspect.isabstract(cls):
            executor.register_action(cls(context))


def in_process_action_endpoint(context: ShopContext):  # noqa: ANN201 (rasa type imported lazily)
    """An action endpoint that runs the ``actions`` package in this process instead of over HTTP."""
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.utils.endpoints import EndpointConfig
    from rasa_sdk.executor import ActionExecutor
    from rasa_sdk.interfaces import ActionExecutionRejection as SdkRejection

    class InProcessActionEndpoint(EndpointConfig):
        """Rasa calls ``request`` to run a custom action; we hand the call to rasa_sdk directly."""

        def __init__(self) -> None:
            super().__init__(url="in-process://actions")
            self.bind(context)

        def bind(self, shop: ShopContext) -> None:
            """Run the actions for ``shop`` from now on."""
            self.shop = shop
            self.executor = ActionExecutor()
            register_actions(self.executor, shop)

        def name_of(self, customer_id: int, language: str) -> str | None:
            """How a reply in ``language`` names the shop's customer ``customer_id`` (None: not the shop's)."""
            from assistant.brain.waiting_write import shop_names

            with self.shop.session() as session:
                return shop_names(session, self.shop.shop_id)(customer_id, language)

        async def request(self, method: str = "post", subpath: str | None = None,
                          content_type: str | None = "application/json", compress: bool = False,
                          **kwargs: Any) -> Any:
            try:
                result = await self.executor.run(kwargs["json"])
            except SdkRejection as rejection:
                raise ActionExecutionRejection(rejection.action_name, rejection.message) from rejection
            result = mention_waiting_write(kwargs["json"], result, self.name_of)
            return replies_in_english(self.shop, result) if _speaks_english(kwargs["json"]) else result

    return InProcessActionEndpoint()


def _speaks_english(call: dict[str, Any]) -> bool:
    return ((call.get("tracker") or {}).get("slots") or {}).get("language") == "en"


def replies_in_english(context: ShopContext, result: dict[str, Any] | None) -> dict[str, Any] | None:
    """An English conversation's replies with every Chinese name or word the shop's records put in them
    said in English (a "which one?" offering 东北大米 becomes "Northeast rice"): one place, every action."""
    from assistant.shop.english import has_chinese, in_english

    responses = (result or {}).get("responses") or []
    if not any(has_chinese(r.get("text") or "") for r in responses):
        return result
    with context.session() as session:
        for response in responses:
            if has_chinese(response.get("text") or ""):
                response["text"] = in_english(response["text"], session=session, shop_id=context.shop_id)
    return result


def check_action_results_with_one_validator() -> None:
    """Validate custom actions' results against Rasa's schema without re-checking the schema each time.

    Rasa 3.6's ``RemoteAction._validate_action_result`` calls ``jsonschema.validate``, which first checks
    the (large) events schema against the JSON Schema meta-schema: ~17 ms per action call, two calls per
    database question (slot extraction, then the answer). The results are checked exactly as before,
    with one validator built once.
    """
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction._validate_action_result, "validator_built_once", False):
        return
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    original = RemoteAction._validate_action_result

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if exceptions.best_match(validator.iter_errors(result)) is None:
            return True
        return original(self, result)  # the same error, with Rasa's explanation added

    validate_action_result.validator_built_once = True  # type: ignore[attr-defined]
    RemoteAction._validate_action_result = validate_action_result


def lock_store(context: ShopContext):  # noqa: ANN201 (rasa type imported lazily)
    """Rasa's Redis lock store when ``ASSISTANT_REDIS_URL`` is set (several replicas take turns on one
    conversation), else its in-memory one (one process)."""
    from urllib.parse import urlparse

    from rasa.core.lock_store import InMemoryLockStore, RedisLockStore

    url = context.settings.redis_url
    if not url:
        return InMemoryLockStore()
    parts = urlparse(url)
    return RedisLockStore(host=parts.hostname or "localhost", port=parts.port or 6379,
                          db=int(parts.path.lstrip("/") or 1), username=parts.username, password=parts.password,
                          use_ssl=parts.scheme == "rediss", key_prefix=f"zhanggui{context.shop_id}")


class Brain:
    """A loaded Rasa agent plus the assistant's own follow-up handling."""

    def __init__(self, agent: Any, context: ShopContext, conversations: ShopTrackerStore | None = None) -> None:
        self.agent = agent
        self.context = context
        # The kept tracker store, when the agent uses one: reading a conversation's slots then costs nothing.
        self.conversations = conversations

    @classmethod
    def load(cls, context: ShopContext, model_path: Path | None = None, models_dir: Path | None = None) -> Brain:
        """Load the newest (or the given) trained model with in-process actions serving ``context``."""
        from rasa.core.agent import Agent
        from rasa.utils.tensorflow.environment import setup_tf_environment

        from assistant.brain.nlu import newest_model, quiet_rasa_logs
        from assistant.brain.shop_names import attach_context
        from assistant.brain.tracker_store import ShopTrackerStore
        from assistant.errors import NotFound

        quiet_rasa_logs()
        setup_tf_environment()
        check_action_results_with_one_validator()
        try:
            path = model_path or newest_model(models_dir or context.settings.models_dir)
        except NotFound as missing:
            raise ModelMissing(str(missing)) from missing
        logger.info("loading Rasa model %s", path)
        conversations = ShopTrackerStore(context)
        agent = Agent.load(str(path), action_endpoint=in_process_action_endpoint(context),
                           tracker_store=conversations, lock_store=lock_store(context))
        attach_context(agent.processor.graph_runner, context)
        return cls(agent, context, conversations)

    def rebind(self, context: ShopContext) -> None:
        """Serve another shop context with the loaded model (tests load the model once for many databases)."""
        from assistant.brain.shop_names import attach_context

        self.context = context
        self.agent.action_endpoint.bind(context)
        if self.conversations is not None:
            self.conversations.context = context
            self.conversations.kept.clear()
        attach_context(self.agent.processor.graph_runner, context)

    async def handle(self, text: str, sender: str = "owner", channel: str = "chat") -> Turn:
        """Answer one message of the conversation ``sender``."""
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

        output = CollectingOutputChannel()
        greeting = None
        # Rasa's Agent.handle_message, with the lock taken here so the follow-up check and the turn read
        # the conversation once, and the NLU reads the shop's names once for the message.
        async with self.agent.lock_store.lock(sender):
            with self._held(sender), self.context.one_turn():
                message_text = await self._follow_up(text, sender)
                if message_text is None:  # "good morning what's on today": the request asked on its own
                    greeting, message_text = split_greeting(text)
                message = UserMessage(message_text, output, sender, input_channel=channel,
                                      metadata={"channel": channel})
                await self.agent.processor.handle_message(message)
        tracker = self.conversations.last_saved(sender) if self.conversations else None
        understood = tracker.latest_message.parse_data if tracker and tracker.latest_message else {}
        intent = dict(understood.get("intent") or {})
        if greeting and intent.get("name") not in {"greet", "goodbye", "thank"}:  # its greeting answered first
            reply = greeting_answer(greeting, tracker.get_slot("language") if tracker else None)
            output.messages.insert(0, {"recipient_id": sender, "text": reply})
        waiting = small_talk_while_waiting(intent.get("name"), tracker.current_slot_values() if tracker else {})
        if waiting and output.messages:  # "cheers" while a tab waits: not recorded yet, and it says so
            output.messages[-1] = {**output.messages[-1], "text": f"{output.messages[-1].get('text') or ''} {waiting}"}
        return Turn(messages=output.messages, intent=intent, entities=list(understood.get("entities") or []))

    async def pending(self, sender: str) -> dict[str, Any] | None:
        """What the conversation waits for (a confirmation, a choice, a recording), if anything."""
        tracker = await self._read_tracker(sender)
        return tracker.get_slot("pending") if tracker else None

    async def history(self, sender: str, limit: int = 100) -> list[dict[str, str]]:
        """The conversation so far, oldest first: ``{"from": "owner" | "assistant", "text"}`` turns."""
        from rasa.shared.core.events import BotUttered, UserUttered

        tracker = await self._read_tracker(sender)
        turns = [{"from": "owner" if isinstance(event, UserUttered) else "assistant", "text": event.text}
                 for event in (tracker.events if tracker else [])
                 if isinstance(event, (UserUttered, BotUttered)) and event.text]
        return turns[-limit:]

    async def wants_recording(self, sender: str) -> bool:
        """Whether the owner's next utterance is a greeting to record rather than a request."""
        pending = await self.pending(sender)
        return bool(pending and pending.get("kind") == "record_greeting")

    async def take_recording(self, sender: str, *, audio: bytes, transcript: str, channel: str,
                             pcm_sample_rate: int | None = None) -> Turn:
        """Store the utterance the owner just recorded as the greeting, and ask keep / again / cancel."""
        from rasa.shared.core.events import SlotSet

        from assistant.brain.greetings import store_recording

        pending = await self.pending(sender)
        language = await self._language(sender)
        reply, new_pending = store_recording(self.context, pending, audio=audio, transcript=transcript, channel=channel,
                                             pcm_sample_rate=pcm_sample_rate, language=language)
        async with self.agent.lock_store.lock(sender):
            tracker = await self.agent.processor.get_tracker(sender)
            tracker.update(SlotSet("pending", new_pending))
            await self.agent.tracker_store.save(tracker)
        return Turn(messages=[{"recipient_id": sender, **reply}])

    def _held(self, sender: str) -> Any:
        """The store's one-check scope for a conversation whose lock is held (nothing without the kept store)."""
        return self.conversations.held(sender) if self.conversations is not None else nullcontext()

    async def _read_tracker(self, sender: str) -> Any:
        """The conversation's tracker as it stands (another replica or a previous run of this one may have
        gone on with it), to read only; None for a conversation not started yet."""
        return await self.agent.tracker_store.retrieve(sender)

    async def _language(self, sender: str) -> str:
        tracker = await self._read_tracker(sender)
        return (tracker.get_slot("language") if tracker else None) or "zh"

    async def _follow_up(self, text: str, sender: str) -> str | None:
        """When a read-back waits, a plain yes is "/affirm"; when the last reply asked "which one?", turn the
        answer into the original request.

        The clarification is kept in the ``pending`` slot by the actions; an answer that names one of
        the offered choices becomes Rasa's intent trigger ``/intent{"entity": "value"}`` so the
        request continues exactly where it stopped, whatever the NLU would make of "3栋的那个".
        """
        from assistant.brain.clarify import choose, chosen_entities, tells_new_sale

        tracker = await self._read_tracker(sender)
        pending = tracker.get_slot("pending") if tracker else None
        if pending and pending.get("kind") != "choose" and (says_yes(text) or says_yes_with_reason(text)) \
                and Proposal.from_slot(pending) is not None:
            # "嗯", "好的 发吧", "对,她说是给别人买的" while a read-back waits: yes (and why it stands), whatever the model hears
            return "/affirm"
        if pending and named_yes_to_waiting(self.context, pending, text):
            return "/affirm"  # "好,李叔那笔记上吧" after a question asked meanwhile: yes to 李建国's waiting tab
        if pending and pending.get("kind") == "undo" and says_yes_to_undo(text):
            return "/affirm"  # "对 撤 掉" while "撤销刚才那笔?" waits: yes, not the same undo asked again
        if (answer := answer_to_waiting(pending, text)) is not None:
            return answer  # "yes 安排", "发发发": yes; "手滑了 改成七袋", "弗对,是四斤": "不对 …" as the model knows it
        if not pending or pending.get("kind") != "choose":
            return None
        if tells_new_sale(pending, text):  # "王阿姨买了两袋东北大米" after "马阿姨…which rice?": her own sale
            return None
        chosen = choose(pending, text)
        if chosen is None:
            return None
        if pending["slot"] == "intent":  # the answer to "did you mean A or B?" after a fallback
            return f"/{chosen}{json.dumps(pending.get('entities', {}), ensure_ascii=False)}"
        return f"/{pending['intent']}{json.dumps(chosen_entities(pending, chosen), ensure_ascii=False)}"
