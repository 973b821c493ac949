"""The domain and the actions package agree: every custom action the dialogue can call exists."""

from rasa_sdk.executor import ActionExecutor


def test_every_domain_action_is_implemented_and_vice_versa(domain):
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == set(domain["actions"])
