"""The demo shop's fixed data: its products, the name pools, and the people the examples talk about.

王秀英 / 王阿姨 buys rice around the 15th, her homophone 汪桂兰 / 汪阿姨, 刘女士 whose birthday is this
week, 李叔 with high blood pressure who asked for low-sodium soy sauce, 张姐 whose child has a peanut
allergy, 陈团长 the group-buying leader; ``simulation.py`` adds their neighbours and a year of sales.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from pypinyin import lazy_pinyin

# name, aliases, category, unit, price, stock (a few low), suits
PRODUCTS: list[tuple[str, str, str, str, str, str, str]] = [
    ("东北大米", "东北米|northeast rice", "米", "袋", "59.00", "46", ""),
    ("泰国香米", "香米|jasmine rice|thai rice", "米", "袋", "75.00", "18", ""),
    ("五常大米", "五常|wuchang rice", "米", "袋", "98.00", "4", ""),
    ("中筋面粉", "普通面粉|all-purpose flour|all purpose flour|plain flour", "面粉", "袋", "22.00", "30", "烘焙"),
    ("高筋面粉", "面包粉|bread flour|high gluten flour|high-gluten flour|strong flour", "面粉", "袋", "26.00", "12", "烘焙"),
    ("低筋面粉", "蛋糕粉|cake flour|low gluten flour|low-gluten flour|pastry flour", "面粉", "袋", "24.00", "9", "烘焙"),
    ("花生油", "peanut oil", "油", "桶", "89.90", "15", ""),
    ("菜籽油", "rapeseed oil|canola oil", "油", "桶", "69.90", "11", "花生过敏"),
    ("玉米油", "corn oil", "油", "桶", "65.00", "2", "花生过敏"),
    ("低钠酱油", "low sodium soy sauce|low-sodium soy sauce", "酱油", "瓶", "15.80", "0", "高血压|低钠"),
    ("生抽", "light soy sauce", "酱油", "瓶", "12.50", "24", ""),
    ("老抽", "dark soy sauce", "酱油", "瓶", "13.50", "17", ""),
    ("香醋", "醋|vinegar|black vinegar", "醋", "瓶", "9.80", "20", ""),
    ("小米", "millet", "杂粮", "斤", "6.50", "40", "糖尿病"),
    ("红豆", "red beans", "杂粮", "斤", "8.00", "25", ""),
    ("绿豆", "mung beans", "杂粮", "斤", "7.50", "30", ""),
    ("燕麦片", "燕麦|oats|oatmeal", "杂粮", "袋", "18.00", "14", "糖尿病|高血压"),
    ("挂面", "面条|noodles|dried noodles", "挂面", "袋", "6.80", "35", ""),
    ("鸡蛋", "土鸡蛋|eggs", "鸡蛋", "盒", "16.00", "3", ""),
    ("食盐", "盐|salt", "调味", "袋", "3.00", "50", ""),
]
PRICES = {p[0]: Decimal(p[4]) for p in PRODUCTS}
RICE = ("东北大米", "泰国香米", "五常大米")
ADD_ONS = (
    "花生油",
    "菜籽油",
    "生抽",
    "老抽",
    "香醋",
    "小米",
    "红豆",
    "绿豆",
    "挂面",
    "鸡蛋",
    "食盐",
    "燕麦片",
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "秀英桂兰建国丽美玲伟芳娜敏静强磊军洋勇艳杰娟涛明超霞平刚华红波辉鹏玉萍海燕春梅志文兵宇浩凤琴云林"
HOUSEHOLD_TAGS = [
    ("高血压", 0.12),
    ("糖尿病", 0.06),
    ("花生过敏", 0.03),
    ("有小孩", 0.2),
    ("低钠", 0.05),
    ("烘焙", 0.08),
    ("老人", 0.15),
    ("素食", 0.03),
]
PROMOTIONS = ("满减券", "试用装")


@dataclass
class DemoCustomer:
    """One generated customer and how they shop."""

    name: str
    aliases: list[str]
    phone: str
    birthday: str
    household: str
    tags: list[str]
    notes: str = ""
    consent: str = "yes"
    referred_by: str = ""
    habit: str = "occasional"  # monthly_day | rice_regular | weekly_flour | occasional
    rice: str = "东北大米"
    habit_day: int = 15
    bags: int = 2
    days_per_bag: float = 15.0
    stopped_days_ago: int = 0  # > 0: a lapsed customer

    def row(self) -> list[str]:
        """The customers.csv row."""
        return [
            self.name,
            "|".join(self.aliases),
            self.phone,
            self.birthday,
            self.household,
            "|".join(self.tags),
            self.notes,
            self.consent,
            self.referred_by,
        ]


def example_people(birthday_in: Callable[[int], str]) -> list[DemoCustomer]:
    """The people of the examples, always in the demo; ``birthday_in(days)`` gives a birthday that
    many days after today (刘女士's falls this week)."""
    return [
        DemoCustomer(
            "王秀英",
            ["王阿姨", "Auntie Wang"],
            "13857101234",
            "1958-03-18",
            "3栋2单元",
            ["烘焙", "老人"],
            "每月15号左右来买两袋东北大米",
            habit="monthly_day",
            rice="东北大米",
            habit_day=15,
            bags=2,
        ),
        DemoCustomer(
            "汪桂兰",
            ["汪阿姨", "Auntie Wang Guilan"],
            "13957102345",
            "农历08-15",
            "5栋1单元",
            ["老人"],
            "",
            habit="rice_regular",
            rice="五常大米",
            bags=1,
            days_per_bag=40,
        ),
        DemoCustomer(
            "刘淑珍",
            ["刘女士", "Mrs Liu"],
            "13757103456",
            birthday_in(2),
            "7栋3单元",
            ["烘焙"],
            "喜欢做面点",
            habit="weekly_flour",
            bags=1,
        ),
        DemoCustomer(
            "李建国",
            ["李叔", "Uncle Li"],
            "13657104567",
            "1956-11-02",
            "2栋1单元",
            ["高血压", "低钠"],
            "医生让少吃盐, 想要低钠酱油",
            habit="rice_regular",
            rice="东北大米",
            bags=1,
            days_per_bag=20,
        ),
        DemoCustomer(
            "张丽",
            ["张姐", "Sister Zhang"],
            "18857105678",
            "1986-06-09",
            "1栋3单元",
            ["有小孩", "花生过敏"],
            "孩子花生过敏, 只买菜籽油或玉米油",
            habit="rice_regular",
            rice="泰国香米",
            bags=2,
            days_per_bag=14,
        ),
        DemoCustomer(
            "陈美玲",
            ["陈团长", "Team Leader Chen"],
            "13857106789",
            "1979-09-21",
            "9栋1单元",
            ["团购"],
            "小区团购群群主, 介绍新顾客有5%佣金",
            habit="rice_regular",
            rice="东北大米",
            bags=3,
            days_per_bag=10,
        ),
        DemoCustomer(
            "赵敏",
            ["小赵", "Zhao Min"],
            "15857107890",
            "1992-02-29",
            "4栋2单元",
            ["有小孩"],
            "",
            habit="occasional",
        ),
        DemoCustomer(
            "周德明",
            ["周师傅", "Master Zhou"],
            "13957108901",
            "1968-12-12",
            "沿街12号 周记面馆",
            [],
            "开面馆, 每周来拉面粉",
            habit="weekly_flour",
            bags=5,
        ),
        DemoCustomer(
            "孙桂芳",
            ["孙阿姨", "Auntie Sun"],
            "13657109012",
            "农历01-06",
            "6栋2单元",
            ["糖尿病", "老人"],
            "",
            habit="rice_regular",
            rice="东北大米",
            bags=1,
            days_per_bag=16,
            stopped_days_ago=95,
        ),
    ]


def random_phone(rng: random.Random) -> str:
    """A mainland mobile number."""
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def pinyin_name(name: str) -> str:
    """``王秀英`` → ``Wang Xiuying``: the alias a customer's name is written with in Latin letters."""
    surname, *given = lazy_pinyin(name)
    return f"{surname.title()} {''.join(given).title()}"
