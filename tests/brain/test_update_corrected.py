"""A customer's new fact put right while it is read back (kept-aside set #12: "周师傅生日是十月八号" → "不对,是十月
九号"; "王阿姨有糖尿病" → "不对 是高血压"): the fact of the same kind replaced, a new read-back, nothing else."""

from __future__ import annotations

from assistant.brain.proposals import CustomerUpdateProposal


def _update(**facts) -> CustomerUpdateProposal:
    return CustomerUpdateProposal(language="zh", customer_id=7, customer_name="周德明", **facts)


def test_a_birthday_put_right() -> None:
    update = _update(birthday="10-08")
    corrected = update.corrected(birthday="10-09")
    assert corrected is not None and corrected.birthday == "10-09" and corrected.id != update.id
    assert corrected.written is None and "10月9" in corrected.statement("zh")


def test_a_tag_put_right_replaces_the_one_read_back() -> None:
    update = _update(add_tags=["糖尿病"])
    corrected = update.corrected(tags=["糖尿病", "高血压"])  # "不是糖尿病,是高血压": both said, the second meant
    assert corrected is not None and corrected.add_tags == ["高血压"]
    assert "糖尿病" not in corrected.statement("zh")


def test_a_phone_put_right() -> None:
    corrected = _update(phone="13900001111").corrected(phone="13900001112")
    assert corrected is not None and corrected.phone == "13900001112"


def test_no_correction_of_what_is_not_read_back() -> None:
    update = _update(add_tags=["糖尿病"])
    assert update.corrected(birthday="10-09") is None  # a birthday was never read back: not a correction of it
    assert update.corrected(tags=["糖尿病"]) is None  # the same again
    assert _update(birthday="10-08").corrected(birthday="10-08") is None
    assert _update(member="老公", note="老公有糖尿病", add_tags=["糖尿病"]).corrected(tags=["高血压"]) is None
