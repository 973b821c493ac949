"""A spoken answer reads out the first few of a list, and formats only those."""

from assistant.shop.reports._common import spoken_list


def test_only_the_names_said_are_formatted():
    formatted = []

    def say(n: int) -> str:
        formatted.append(n)
        return f"顾客{n}"

    assert spoken_list(range(90_000), "zh", say=say, counter=None) == "顾客0、顾客1、顾客2等"
    assert formatted == [0, 1, 2]
    assert spoken_list(range(5), "en", say=lambda n: f"c{n}") == "c0, c1, c2 and 2 more"
    assert spoken_list(["王秀英", "李建国"], "zh") == "王秀英、李建国"
    assert spoken_list(["a", "b", "c", "d"], "zh") == "a、b、c等4位"
