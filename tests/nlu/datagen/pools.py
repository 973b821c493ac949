# ruff: noqa
"""Value pools: TRAIN and HELDOUT never share customer names or product names."""

ZH_HONORIFICS = ["阿姨", "叔", "姐", "先生", "女士", "奶奶", "大爷", "师傅", "老师", "大姐", "哥", "婶"]
EN_HONORIFICS = ["Mrs", "Mr", "Ms", "Uncle", "Auntie", "Sister", "Grandma", "Grandpa", "Brother", "Master"]

TRAIN = {
    "surnames": ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
                 "何", "郭", "马", "罗", "万", "钱", "金", "方", "叶"],
    "full_names": ["王秀英", "李建国", "张三", "王五", "刘桂兰", "陈志强", "赵丽", "周小红", "吴国平", "孙海燕",
                   "杨帆", "黄晓明", "朱丽娟", "林芳", "何伟"],
    "prefix_names": ["老王", "小李", "老张", "小陈", "老周", "小赵", "老三", "小二", "老孙"],
    "en_surnames": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun",
                    "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo"],
    "en_full": ["Wang Xiuying", "Li Jianguo", "Maria", "Tom", "Zhang Wei", "Chen Jing", "Sophie", "David Li"],
    "zh_products": ["大米", "米", "东北大米", "五常大米", "糯米", "小米", "花生油", "菜籽油", "大豆油", "玉米油",
                    "芝麻油", "香油", "低钠酱油", "酱油", "生抽", "老抽", "米醋", "陈醋", "面粉", "挂面", "绿豆",
                    "红豆", "黄豆", "燕麦", "玉米面", "鸡蛋", "盐", "白糖", "红糖", "粉丝"],
    "en_products": ["rice", "jasmine rice", "northeast rice", "glutinous rice", "millet", "peanut oil",
                    "rapeseed oil", "soybean oil", "corn oil", "sesame oil", "low sodium soy sauce", "soy sauce",
                    "light soy sauce", "dark soy sauce", "rice vinegar", "flour", "noodles", "mung beans",
                    "red beans", "soybeans", "oats", "cornmeal", "eggs", "salt", "sugar", "brown sugar"],
    "zh_units": ["袋", "斤", "瓶", "桶", "箱", "包", "盒", "公斤"],
    "en_units": ["bags", "bottles", "kilos", "jin", "boxes", "packs", "cans", "sacks"],
    "zh_periods": ["今天", "这周", "本周", "这个月", "本月", "上个月", "上周", "昨天", "这礼拜", "今年", "最近一周"],
    "en_periods": ["today", "this week", "this month", "last month", "last week", "yesterday", "this year",
                   "the past week"],
    "zh_tags": ["高血压", "糖尿病", "花生过敏", "吃素", "孕妇", "痛风", "低盐", "麸质过敏", "老人家"],
    "en_tags": ["high blood pressure", "diabetic", "peanut allergy", "vegetarian", "pregnant", "low sodium",
                "gout", "gluten free"],
    "zh_occasions": ["生日", "春节", "中秋", "端午", "新年", "元宵", "国庆", "重阳"],
    "en_occasions": ["birthday", "spring festival", "mid-autumn festival", "new year", "dragon boat festival",
                     "lantern festival"],
    "zh_dates": ["3月15号", "三月三号", "五月二十号", "明天", "后天", "下周三", "8月8号", "十月一号", "12月25号"],
    "en_dates": ["march 3rd", "may 20th", "tomorrow", "next wednesday", "august 8th", "october 1st",
                 "december 25th", "june 12th"],
    "zh_promos": ["满减券", "试用装", "会员日", "买二送一", "积分兑换"],
    "en_promos": ["the coupon", "the free samples", "member day", "buy two get one", "the points offer"],
    "zh_leaders": ["陈团长", "李团长", "王团长", "群主小刘", "张团长"],
    "en_leaders": ["group leader Chen", "leader Li", "Wang the group leader", "group leader Zhang"],
}

HELDOUT = {
    "surnames": ["梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁", "邓", "许", "沈", "彭"],
    "full_names": ["梁美玲", "宋志刚", "郑秀兰", "谢宇", "韩冬梅", "唐建华", "冯四", "董小英"],
    "prefix_names": ["老梁", "小宋", "老郑", "小谢", "老韩"],
    "en_surnames": ["Liang", "Song", "Zheng", "Xie", "Han", "Tang", "Feng", "Dong", "Cheng", "Deng", "Shen"],
    "en_full": ["Emily", "Jack", "Liang Meiling", "Anna", "Song Zhigang"],
    "zh_products": ["泰国香米", "黑米", "薏米", "橄榄油", "葵花籽油", "山茶油", "蚝油", "香醋", "荞麦面", "红枣",
                    "枸杞", "冰糖"],
    "en_products": ["basmati rice", "black rice", "olive oil", "sunflower oil", "camellia oil", "oyster sauce",
                    "black vinegar", "buckwheat noodles", "red dates", "goji berries", "rock sugar"],
    "zh_units": ["袋", "斤", "瓶", "桶", "箱", "包"],
    "en_units": ["bags", "bottles", "kilos", "boxes", "packs"],
    "zh_periods": ["今天", "这周", "本月", "上个月", "这两天", "上礼拜", "这个星期"],
    "en_periods": ["today", "this week", "this month", "last month", "these two weeks", "last week"],
    "zh_tags": ["高血压", "糖尿病", "海鲜过敏", "乳糖不耐", "坐月子"],
    "en_tags": ["high blood pressure", "diabetes", "shellfish allergy", "lactose intolerant"],
    "zh_occasions": ["生日", "春节", "中秋", "七夕", "端午"],
    "en_occasions": ["birthday", "chinese new year", "mid-autumn festival", "new year"],
    "zh_dates": ["4月18号", "六月六号", "下周五", "11月2号"],
    "en_dates": ["april 18th", "june 6th", "next friday", "november 2nd"],
    "zh_promos": ["新人礼包", "第二件半价", "满100减10"],
    "en_promos": ["the new customer pack", "half price second item", "the loyalty card"],
    "zh_leaders": ["梁团长", "宋团长", "群主老郑"],
    "en_leaders": ["group leader Liang", "leader Song"],
}


# Broader training pools, generated: many surnames and given names, products as modifier + base.
_ZH_SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗万钱金方叶孔江蒋汪姚卢汤范石毛贺龚戴夏钟崔任陆邱秦顾薛苏潘杜丁魏雷白段")
_ZH_GIVEN = ["秀英", "建国", "桂兰", "志强", "丽", "小红", "国平", "海燕", "帆", "晓明", "丽娟", "芳", "伟", "敏", "静",
             "军", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "玉兰",
             "红梅", "建华", "文", "淑珍", "德胜", "春花", "宏", "婷", "佳怡"]
_EN_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu",
                "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Wan", "Qian", "Jin", "Fang", "Ye", "Kong", "Jiang", "Yao",
                "Lu", "Tang2", "Fan", "Shi", "Mao", "Dai", "Xia", "Zhong", "Cui", "Ren", "Qiu", "Qin", "Gu", "Xue",
                "Su", "Pan", "Du", "Ding", "Wei", "Lei", "Bai", "Duan", "Smith", "Brown", "Garcia", "Kim", "Park"]
_EN_SURNAMES = [s for s in _EN_SURNAMES if not s.endswith("2")]
# Rarer surnames (and compound ones), and given names said alone: unseen names should not depend on a
# surname list the model has memorised.
_ZH_RARE_SURNAMES = ["阮", "柯", "翁", "骆", "滕", "岳", "凌", "庞", "祝", "左", "葛", "邢", "褚", "耿", "柴", "司马",
                     "诸葛", "上官", "尚", "闵", "宁", "单", "包"]
_ZH_GIVEN_ALONE = ["建平", "红霞", "秋菊", "海波", "玉梅", "振华", "雪梅", "国庆", "春生", "翠花"]
_EN_PINYIN_FULL = ["Ruan Hongmei", "Ke Jianping", "Weng Lihua", "Luo Ping", "Teng Fei", "Yue Xiaoling", "Ling Hao",
                   "Pang Jun", "Zhu Guiying", "Ge Minghui", "Xing Yan", "Chai Jinfeng", "Sima Lan", "Zuo Qiang",
                   "Ning Haitao", "Bai Yulan"]
_EN_MORE_FIRST = ["Henry", "Chloe", "Lucas", "Olivia", "Ethan", "Sophia", "Nathan", "Hannah", "Victor", "Irene",
                  "George", "Laura", "Martin", "Stella", "Kelly", "Jerry"]
_EN_FIRST = ["Maria", "Tom", "Sophie", "David", "Lucy", "Peter", "Grace", "Kevin", "Linda", "Michael", "Amy", "Jason",
             "Helen", "Eric", "Cindy", "Frank", "Judy", "Tony", "Nancy", "Vincent", "Wei", "Jing", "Lei", "Fang",
             "Xiaoming", "Meimei", "Jianguo", "Xiuying", "Rose", "Bill", "Kate", "Sam", "Lily", "Ben", "Joy",
             "Mike", "Susan", "Alice", "Bob", "Jenny", "Oliver", "Mary", "John", "Sarah", "Leo", "Mia", "Nick",
             "Ella", "Ryan", "Zoe", "Daniel", "Ivy", "Andy", "Coco"]
_ZH_PRODUCT_BASES = ["大米", "米", "花生油", "菜籽油", "大豆油", "玉米油", "芝麻油", "香油", "酱油", "生抽", "老抽", "米醋",
                     "陈醋", "面粉", "挂面", "绿豆", "红豆", "黄豆", "燕麦", "玉米面", "鸡蛋", "盐", "白糖", "红糖",
                     "粉丝", "糯米", "小米", "面条", "调和油", "料酒", "豆瓣酱", "花椒", "干香菇", "木耳", "黑芝麻", "糙米"]
_ZH_PRODUCT_MODS = ["", "", "", "东北", "五常", "有机", "低钠", "压榨", "非转基因", "特级", "农家", "山东", "新疆",
                    "高筋", "低筋", "精制", "散装", "小包装", "一级", "头道"]
_EN_PRODUCT_BASES = ["rice", "peanut oil", "rapeseed oil", "soybean oil", "corn oil", "sesame oil", "soy sauce",
                     "light soy sauce", "dark soy sauce", "rice vinegar", "flour", "noodles", "mung beans", "red beans",
                     "soybeans", "oats", "cornmeal", "eggs", "salt", "sugar", "brown sugar", "glutinous rice",
                     "millet", "vermicelli", "cooking wine", "bean paste", "sichuan pepper", "dried mushrooms",
                     "wood ear fungus", "sesame seeds", "blended oil", "brown rice", "wheat flour", "walnut oil",
                     "grapeseed oil", "chili oil", "fish sauce", "hoisin sauce", "chili sauce", "white vinegar",
                     "kidney beans", "lotus seeds", "purple rice", "red rice", "wild rice", "pumpkin seeds",
                     "dried shrimp", "seaweed", "green tea", "barley", "sorghum", "quinoa", "potato starch",
                     "corn starch", "rice noodles", "egg noodles", "peanuts", "walnuts", "honey", "star anise",
                     "yellow wine", "longan", "lily bulbs", "white fungus"]
_EN_PRODUCT_MODS = ["", "", "", "northeast", "jasmine", "organic", "low sodium", "cold pressed", "premium",
                    "non gmo", "wuchang", "fine", "bulk", "first grade", "home style", "whole grain", "fragrant",
                    "thai", "golden", "pure", "dried", "small", "family pack", "green", "white", "wild", "roasted"]


def _broaden(pools, held):
    import itertools
    held_names = set(held["full_names"]) | set(held["prefix_names"])
    pools["surnames"] = [s for s in _ZH_SURNAMES + _ZH_RARE_SURNAMES if s not in held["surnames"]]
    pools["given_names"] = _ZH_GIVEN_ALONE
    pools["full_names"] = [s + g for s, g in itertools.product(pools["surnames"], _ZH_GIVEN)
                           if s + g not in held_names]
    pools["prefix_names"] = [p + s for p in "老小" for s in pools["surnames"] if p + s not in held_names]
    pools["en_surnames"] = [s for s in _EN_SURNAMES if s not in held["en_surnames"]]
    pools["en_full"] = _EN_FIRST + _EN_MORE_FIRST + _EN_PINYIN_FULL + [f"{s} {g}" for s in ["Wang", "Li", "Zhang", "Chen", "Zhou", "Wu", "Lin"]
                                    for g in ["Wei", "Jing", "Fang", "Jianguo", "Xiuying", "Min", "Lei"]]
    pools["zh_products"] = sorted({m + b for m in _ZH_PRODUCT_MODS for b in _ZH_PRODUCT_BASES} - set(held["zh_products"]))
    pools["en_products"] = sorted({(m + " " + b).strip() for m in _EN_PRODUCT_MODS for b in _EN_PRODUCT_BASES}
                                  - set(held["en_products"]))
    pools["en_periods"] += ["the last two weeks", "this past month", "so far this week", "the past three days",
                            "this quarter", "last year", "these days"]
    pools["zh_periods"] += ["这两周", "近三天", "上半个月", "这季度", "去年", "前天", "本季度", "这几天"]
    pools["en_tags"] += ["nut allergy", "egg allergy", "high cholesterol", "kidney disease", "vegan",
                         "halal", "a new baby", "heart problems"]
    pools["zh_tags"] += ["鸡蛋过敏", "高血脂", "肾病", "清真", "心脏不好", "刚生完孩子", "不吃辣", "减肥"]
    pools["en_dates"] += ["january 9th", "february 14th", "july 30th", "september 10th", "the 15th",
                          "march the 3rd", "next monday"]
    pools["zh_dates"] += ["1月9号", "二月十四号", "七月三十号", "九月十号", "这个月15号", "下个月3号", "下周一"]
    pools["zh_promos"] += ["新年大促", "老带新", "周末特价", "免费试吃", "满50减5", "会员折扣"]
    pools["en_promos"] += ["the new year sale", "refer a friend", "the weekend special", "the free tasting",
                           "the member discount", "spend fifty save five"]
    # Round 2: more conditions, festivals and promotion names that sound like goods (pack, card, deal).
    pools["en_tags"] += ["asthma", "arthritis", "high blood sugar", "wheat intolerance", "a bad stomach",
                         "osteoporosis", "milk allergy", "fish allergy"]
    pools["zh_tags"] += ["哮喘", "关节炎", "小麦过敏", "胃不好", "骨质疏松", "牛奶过敏", "血糖高"]
    pools["zh_occasions"] += ["七夕", "妇女节", "教师节", "父亲节", "腊八", "小年"]
    pools["en_occasions"] += ["qixi", "teachers' day", "father's day", "women's day", "chinese new year"]
    pools["zh_promos"] += ["新客礼包", "会员卡", "半价日", "满200减30", "储值卡"]
    pools["en_promos"] += ["the gift pack", "the vip card", "the half price deal", "the welcome bundle",
                           "the value pack", "the family card"]
    pools["zh_leaders"] += ["周团长", "吴团长", "孙团长", "群主小王", "胡团长", "林团长"]
    pools["en_leaders"] += ["group leader Zhou", "leader Wu", "group leader Sun", "leader Lin", "Hu the group leader"]


_broaden(TRAIN, HELDOUT)
HELDOUT["en_tags"] = ["high blood pressure", "diabetes", "shellfish allergy", "lactose intolerance"]


# Round 3: the first blind set's values (scored once, then trained on).
from templates_round3 import FIRST_BLIND_POOLS  # noqa: E402

for _key, _values in FIRST_BLIND_POOLS.items():
    TRAIN[_key] = TRAIN.get(_key, []) + [v for v in _values if v not in TRAIN.get(_key, [])]

# Round 3: units, periods and days the first hand-written set used that the pools lacked.
TRAIN["en_units"] += ["tubs", "cases", "jars", "cartons", "tins", "crates", "bottles", "sacks"]
TRAIN["zh_units"] += ["罐", "提", "盒", "筐"]
TRAIN["en_periods"] += ["this fortnight", "this weekend", "a month", "october", "march", "the last fortnight",
                        "last weekend"]
TRAIN["zh_periods"] += ["这个周末", "三月份", "十月", "一个月", "两个月", "半个月", "上半年"]
TRAIN["en_dates"] += ["friday", "last friday", "october 8th", "the 20th", "saturday"]
TRAIN["zh_dates"] += ["周五", "礼拜六", "上周五", "农历八月十五", "下个礼拜三"]

# Round 3b: people from everywhere (a new customer's name is new by definition: the model must learn the
# place a name takes, not the names) and more goods.
_WORLD_FIRST = ["Declan", "Siobhan", "Yusuf", "Fatima", "Dmitri", "Olga", "Gianluca", "Chiara", "Ingrid", "Lars",
                "Aisha", "Omar", "Kwame", "Ama", "Hiroshi", "Yuki", "Minh", "Linh", "Raj", "Ananya", "Mateo", "Lucia",
                "Bartek", "Agnieszka", "Sven", "Freya", "Tariq", "Leila", "Jonas", "Elif", "Kemal", "Noor", "Ravi",
                "Sunita", "Pedro", "Ines", "Anton", "Katya", "Tomasz", "Zofia", "Ahmed", "Mariam", "Haruto", "Sakura",
                "Nikhil", "Deepa", "Emeka", "Ngozi", "Joao", "Beatriz", "Finn", "Niamh", "Rory", "Ciara"]
_WORLD_SURNAMES = ["Murphy", "Kowalski", "Haddad", "Okafor", "Nakamura", "Larsen", "Rossi", "Petrov", "Nguyen",
                   "Sharma", "Garcia", "Mensah", "Yilmaz", "Novak", "Silva", "Fischer", "Dubois", "O'Connor",
                   "Adeyemi", "Tanaka", "Kaur", "Ivanova", "Moreau", "Schmidt"]
TRAIN["en_full"] = TRAIN["en_full"] + _WORLD_FIRST + [f"{f} {s}" for f, s in zip(_WORLD_FIRST, _WORLD_SURNAMES * 3)]
TRAIN["en_surnames"] = TRAIN["en_surnames"] + _WORLD_SURNAMES
TRAIN["en_products"] = TRAIN["en_products"] + ["udon", "duck eggs", "salted duck eggs", "shaoxing wine", "lotus root starch",
                                               "dried tofu", "rice cakes", "glass noodles", "sticky rice flour",
                                               "black sesame paste", "preserved vegetables", "fermented bean curd"]
TRAIN["zh_products"] = TRAIN["zh_products"] + ["咸鸭蛋", "绍兴黄酒", "藕粉", "年糕", "香干", "梅干菜", "腐乳", "笋干",
                                               "糯米粉", "芝麻糊", "榨菜", "粉丝"]
