"""Greetings for customers: composed in the shop's voice or recorded by the owner, queued until sent.

One module per job: ``compose`` (the text: occasions, templates, the name she is called by, the
opt-out line), ``queue`` (storing, listing, marking sent, cancelling, with the consent check on every
path) and ``audio`` (where the audio files live under the data folder). What callers import is
re-exported here.
"""

from assistant.shop.greetings.audio import AUDIO_FOLDER, greeting_audio_path
from assistant.shop.greetings.compose import (
    OCCASION_LABELS,
    OCCASIONS,
    OPT_OUT,
    birthday_passed,
    called_name,
    compose_greeting,
    normalise_occasion,
    occasion_label,
    occasion_when,
    opt_out_line,
    with_opt_out,
)
from assistant.shop.greetings.queue import (
    SOURCES,
    YEARLY_OCCASIONS,
    AlreadyGreeted,
    cancel,
    create_greeting,
    get_greeting,
    held_for_consent,
    list_greetings,
    make_composed_greeting,
    mark_sent,
    require_consent,
    resend,
    save_recorded_greeting,
    take_back_resend,
    this_years_greeting,
    unmark_sent,
    waiting_to_send,
)

__all__ = [
    "YEARLY_OCCASIONS",
    "AlreadyGreeted",
    "AUDIO_FOLDER",
    "OCCASIONS",
    "OCCASION_LABELS",
    "OPT_OUT",
    "SOURCES",
    "birthday_passed",
    "called_name",
    "cancel",
    "compose_greeting",
    "create_greeting",
    "get_greeting",
    "greeting_audio_path",
    "held_for_consent",
    "list_greetings",
    "make_composed_greeting",
    "mark_sent",
    "normalise_occasion",
    "occasion_label",
    "occasion_when",
    "opt_out_line",
    "require_consent",
    "resend",
    "save_recorded_greeting",
    "take_back_resend",
    "this_years_greeting",
    "unmark_sent",
    "waiting_to_send",
    "with_opt_out",
]
