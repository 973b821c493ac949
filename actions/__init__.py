"""Rasa custom actions, one module per capability. They stay thin: read the conversation, call the
typed services in ``assistant``, say the result. They run in `rasa run actions` and inside
`assistant serve` (see ``assistant.brain.dialogue.in_process_action_endpoint``)."""
