"""A liking the shop keeps as a tag is noted as that tag, in either language, whatever words the model tagged
("sister zhang likes baking" / "张姐喜欢烘焙" → 烘焙, not a free-text note or a new tag "likes baking")."""

import pytest

from actions.customers import ActionProposeUpdateCustomer
from assistant.context import ShopContext
from assistant.shop.tags import canonical_tag, tags_meant, tags_said

KNOWN = ["烘焙", "老人", "高血压"]


@pytest.fixture
def shop_context(demo):
    """The actions serve the demo shop (张丽 is 张姐; its customers are tagged 烘焙 and 老人)."""
    return ShopContext.build(engine=demo)


def test_the_english_word_of_a_known_tag_is_that_tag():
    assert tags_said("sister zhang likes baking", KNOWN) == ["烘焙"]
    assert tags_said("sister zhang likes baking", ["高血压"]) == []  # a shop without the tag: nothing guessed
    assert canonical_tag("Baking") == "烘焙" and canonical_tag("爱喝茶") == "爱喝茶"


def test_the_known_tag_inside_a_tagged_phrase_or_the_words_when_nothing_is_tagged():
    assert tags_meant([], "sister zhang likes baking", KNOWN) == ["烘焙"]
    assert tags_meant(["likes baking"], "sister zhang likes baking", KNOWN) == ["烘焙"]
    assert tags_meant(["喜欢烘焙"], "张姐喜欢烘焙", KNOWN) == ["烘焙"]
    assert tags_meant(["baking"], "sister zhang likes baking", KNOWN) == ["烘焙"]
    assert tags_meant(["痛风"], "李叔有痛风", KNOWN) == ["痛风"]  # a fact the shop has no tag for yet: as tagged


@pytest.mark.parametrize(("lang", "text", "tagged", "read_back"), [
    ("en", "sister zhang likes baking", [], "baking"),
    ("en", "sister zhang likes baking", ["likes baking"], "baking"),
    ("zh", "张姐喜欢烘焙", [], "烘焙"),
    ("zh", "张 姐 喜欢 烘焙", ["喜欢烘焙"], "烘焙"),
])
def test_a_liking_is_read_back_as_the_shops_tag(demo, conversation, lang, text, tagged, read_back):
    conversation.slots["language"] = lang
    entities = [{"entity": "customer", "value": "张姐"}] + [{"entity": "tag", "value": t} for t in tagged]
    said = conversation.run(ActionProposeUpdateCustomer, text=text, intent="update_customer", entities=entities)
    pending = conversation.slot("pending")["data"]
    assert pending["add_tags"] == ["烘焙"] and not pending.get("note"), said
    assert read_back in said[0] or "烘焙" in said[0], said
