""""撤销" right after an erase is told the erase cannot be undone (red team 15, A1)."""

from assistant.brain.last_erase import erased_last


def _slot(name, value):
    return {"event": "slot", "name": name, "value": value}


ERASE = {"kind": "erase_customer", "id": "e1", "data": {"customer_name": "邓海"}}
SALE = {"kind": "sale", "id": "s1", "data": {"customer_name": "王秀英"}, "written": {"sale_id": 3}}


def test_an_erase_written_is_the_latest_write() -> None:
    assert erased_last([_slot("pending", ERASE), _slot("pending", None), _slot("last_write", None)]) == "邓海"


def test_a_write_after_it_or_an_erase_cancelled_is_not() -> None:
    assert erased_last([_slot("pending", ERASE), _slot("pending", None), _slot("last_write", None),
                        _slot("pending", SALE), _slot("pending", None), _slot("last_write", SALE)]) is None
    assert erased_last([_slot("pending", ERASE), _slot("pending", None)]) is None  # said no: nothing written
    assert erased_last([]) is None
