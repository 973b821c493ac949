"""The one forecast behind every "who needs X" list: how likely a customer is to buy again in a period."""
