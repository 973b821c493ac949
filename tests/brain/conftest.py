"""The trained model, loaded once for every whole-conversation test of this folder."""

from __future__ import annotations

import pytest

from assistant.brain.dialogue import Brain
from assistant.brain.training import train
from assistant.context import ShopContext
from assistant.db import make_engine


@pytest.fixture(scope="session")
def model():
    """The model `assistant train` keeps up to date (``make test`` trains it first)."""
    return train(progress=False)


@pytest.fixture(scope="session")
def loaded_brain(model, tmp_path_factory):
    """The model, loaded once for the run (first serving an empty database)."""
    empty = tmp_path_factory.mktemp("empty") / "shop.db"
    return Brain.load(ShopContext.build(engine=make_engine(f"sqlite:///{empty}")), model_path=model)


@pytest.fixture
def brain(loaded_brain, shop_context):
    """The loaded model serving this test's shop."""
    loaded_brain.rebind(shop_context)
    return loaded_brain
