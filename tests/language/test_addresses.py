"""A move told by the owner is the customer's new address, written as the shop writes addresses."""

from __future__ import annotations

import pytest

from assistant.language.addresses import moved_to


@pytest.mark.parametrize(
    ("said", "address"),
    [
        ("孙阿姨搬到八栋一单元了", "8栋1单元"),
        ("孙 阿姨 搬 到 八 栋 一 单元 了", "8栋1单元"),  # as the recogniser writes it
        ("孙阿姨搬到十二幢二单元502室了", "12幢2单元502室"),
        ("李叔现在住在12栋301室", "12栋301室"),
        ("孙阿姨地址改成3栋2单元", "3栋2单元"),
        ("王阿姨搬到阳光小区了", "阳光小区"),
        ("Auntie Sun moved to building 8 unit 1", "8栋1单元"),
        ("auntie sun has moved to building 8, unit 1", "8栋1单元"),
    ],
)
def test_a_move_is_the_new_address(said: str, address: str) -> None:
    assert moved_to(said) == address


@pytest.mark.parametrize("said", ["孙阿姨住哪", "孙阿姨搬家了", "王阿姨搬到外地了", "孙阿姨有糖尿病", "where does auntie sun live"])
def test_no_place_or_a_question_is_no_move(said: str) -> None:
    assert moved_to(said) is None
