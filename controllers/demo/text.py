"""Word lists and text templates for demo data: plausible Putuo names, obviously fictional people."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T_co = TypeVar("T_co")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国文辉力明慧琳雪梅兰凤晨宇浩然思雨佳怡子涵欣悦志鹏海燕晓东立新春生根宝"  # noqa: E501

# A few estates that really exist in Putuo; the rest are composed from the syllables below.
FAMOUS_ESTATES = {
    "长寿": ["中远两湾城", "莫干山路小区", "西康路小区"],
    "曹杨": ["曹杨一村", "曹杨二村", "曹杨新村", "兰溪青年公寓", "杏梅苑"],
    "长风": ["长风新村", "海棠苑", "天地苑"],
    "宜川": ["宜川一村", "宜川二村", "中山北路小区"],
    "甘泉": ["甘泉新村", "志丹苑", "管弄新村"],
    "石泉": ["石泉新村", "秋月苑", "宝山路小区"],
    "万里": ["万里城", "万里雅筑", "梅岭苑"],
    "真如": ["真如新村", "铜川路小区", "真光新村"],
    "长征": ["梅川新村", "清涧新村", "金沙新村"],
    "桃浦": ["桃浦新村", "李子园小区", "祁连山花园"],
}
ESTATE_STEMS = "梅兰竹菊桂枫杏桃李樱荷松柏杨柳春秋晓月星辰锦绣华庭嘉禾富丽金银翠碧云霞明珠瑞安康宁泰和祥福顺怡丰茂景阳"
ESTATE_SUFFIXES = ["苑", "新村", "花园", "小区", "公寓", "家园", "雅苑", "名邸", "一村", "二村", "三村", "佳园", "城",
                   "大厦", "里"]

ROADS = {
    "长寿": ["长寿路", "常德路", "西康路", "胶州路", "澳门路", "莫干山路"],
    "曹杨": ["曹杨路", "兰溪路", "枫桥路", "杏山路", "花溪路", "梅岭北路"],
    "长风": ["金沙江路", "大渡河路", "云岭东路", "芝川路", "枣阳路"],
    "宜川": ["宜川路", "中山北路", "陕西北路", "西乡路", "洛川东路"],
    "甘泉": ["甘泉路", "志丹路", "黄陵路", "延长西路", "子长路"],
    "石泉": ["石泉路", "宁强路", "洛川中路", "平利路"],
    "万里": ["万镇路", "新村路", "富平路", "大华路"],
    "真如": ["真如路", "铜川路", "真光路", "曹安路", "兰溪路"],
    "长征": ["梅川路", "怒江路", "金沙江路", "祁连山南路", "同普路"],
    "桃浦": ["桃浦路", "祁连山路", "真南路", "古浪路", "武威路"],
}

COMPANY_WORDS = [
    "城开", "申江", "百联", "东湖", "古北", "金桥", "浦江", "新长宁", "长风", "中环", "陆家", "明华", "科瑞", "永升",
    "锦江", "华润", "万科", "绿地", "中海", "保利", "招商", "上房", "天诚", "恒基", "仁恒", "普陀", "真如", "桃源",
    "曹杨", "宜居", "安居", "家和", "宏达", "盛世", "银都", "虹桥", "嘉宝", "德律", "汇成", "新城",
]
COMPANY_SUFFIXES = ["物业管理有限公司", "物业服务有限公司", "物业有限公司"]

HOLD_REASONS = [
    "当事人长期不在沪，无法送达整改通知，待当事人返沪后继续处理。",
    "涉及产权纠纷，待法院判决后再作处理。",
    "违法建筑形成时间较早，需调阅历史规划资料，等待规划资源部门回复。",
    "当事人已提出行政复议，待复议结果。",
    "整改涉及房屋结构安全评估，等待检测机构出具报告。",
]

CASE_FACTS = {
    "C01": "{date}巡查发现{estate}{place}正在进行室内装修，装修人未向物业服务企业申报登记，现场有施工人员作业。",
    "C02": "经核查，{estate}{place}擅自将住宅改作{use}使用，改变了物业使用性质，周边居民反映影响正常生活。",
    "C03": "{estate}{place}被分隔成{n}间出租，居住约{m}人，人均居住面积不足，存在群租情形。",
    "C04": "{estate}{place}装修时拆除承重墙体约{n}平方米，损坏房屋主体和承重结构，存在安全隐患。",
    "C05": "{estate}{place}在{where}违法搭建约{n}平方米的{what}，未取得建设工程规划许可。",
    "C06": "{estate}{place}长期占用楼道等物业共用部分堆放{what}，影响通行和消防安全。",
    "C07": "{date}发现{estate}{place}附近生活垃圾未按规定分类投放，{what}混投，经劝阻未改正。",
    "C08": "{estate}{place}装修产生的建筑垃圾未按规定堆放在指定地点，随意倾倒在{where}。",
    "C09": "{estate}{place}住户擅自占用公共绿地约{n}平方米{what}，毁坏绿化。",
    "C10": "{date}在{estate}{where}发现张贴、散发小广告{n}处，内容为{what}。",
    "C11": "{estate}物业服务企业对{place}的违法行为未及时发现、劝阻和报告，未履行物业管理职责。",
    "C12": "{estate}{place}楼道及消防通道内违规停放电动自行车{n}辆，占用疏散通道。",
    "C13": "{estate}{place}住户从楼上私拉电线为电动自行车充电，存在火灾隐患。",
    "C99": "{estate}居民反映{what}，不属于城管执法事项，已按职责移交相关部门处理。",
}
FILL = {
    "use": ["办公", "仓库", "民宿", "棋牌室", "培训教室", "小作坊"],
    "where": ["屋顶平台", "底楼天井", "阳台外侧", "小区绿化带", "楼道转角", "小区东门", "地下车库出入口"],
    "what_C05": ["彩钢板房", "阳光房", "砖混结构房屋", "雨棚"],
    "what_C06": ["旧家具", "纸板箱等杂物", "装修材料", "废旧自行车"],
    "what_C07": ["湿垃圾与干垃圾", "大件垃圾", "可回收物与有害垃圾"],
    "what_C09": ["种植蔬菜", "搭建围栏", "铺设硬地坪", "堆放杂物"],
    "what_C10": ["疏通管道", "办证刻章", "开锁换锁", "房屋中介"],
    "what_C99": ["小区内饲养信鸽扰民", "邻里噪声纠纷", "楼上漏水", "小区停车收费争议", "消防设施损坏"],
}

COMPLAINT_TEXT = {
    "C01": "反映{estate}{place}装修没有登记，天天施工噪声很大，希望尽快处理。",
    "C02": "反映{estate}{place}被改成{use}，人员进出频繁，要求查处。",
    "C03": "反映{estate}{place}群租，住了很多人，进出嘈杂，存在安全隐患。",
    "C04": "反映{estate}{place}装修敲承重墙，楼上楼下都很担心房屋安全。",
    "C05": "反映{estate}{place}在{where}搭建违章建筑，要求拆除。",
    "C06": "反映{estate}{place}邻居把杂物堆在楼道里，影响通行。",
    "C07": "反映{estate}垃圾厢房附近垃圾乱扔，没有分类，气味很大。",
    "C08": "反映{estate}有人把装修垃圾倒在{where}，长期无人清运。",
    "C09": "反映{estate}{place}住户毁绿种菜，破坏小区绿化。",
    "C10": "反映{estate}楼道和电梯里小广告很多，要求清理并查处。",
    "C11": "反映{estate}物业不管事，违法行为发现了也不制止，要求督促物业履职。",
    "C12": "反映{estate}{place}楼道里停满电动自行车，堵住了消防通道。",
    "C13": "反映{estate}{place}有人飞线充电，担心起火。",
    "C99": "反映{estate}{what}，希望有关部门处理。",
}
REPLIES = [
    "经现场核查，情况属实，已责令当事人限期整改，将持续跟踪。",
    "经核查，已督促物业服务企业加强巡查，并约谈当事人，问题已整改。",
    "已现场处置完毕，相关违法行为已立案查处。",
    "经核查，现场未发现所反映情况，已请居委会和物业加强关注。",
    "已将情况转交相关职能部门处理，并告知来电人。",
]
CALLBACK_NOTES = {"满意": "来电人对处理结果表示满意。", "基本满意": "来电人表示基本认可，希望加强日常巡查。",
                  "不满意": "来电人认为问题未彻底解决，需继续跟进。"}

TRAINING_TITLES = {
    "物业企业培训": ["物业服务企业违法行为发现报告培训", "住宅小区装修管理实务培训", "物业项目经理履职培训"],
    "社区守法小讲堂": ["住宅小区常见违法行为讲解", "垃圾分类法规小讲堂", "电动自行车安全停放充电讲座"],
    "“7.15”公众开放日": ["“7.15”城管执法公众开放日", "走进社区工作室开放日"],
    "以案释法": ["违法搭建典型案例以案释法", "群租整治以案释法", "装修破坏承重结构以案释法"],
    "案例警示": ["飞线充电火灾案例警示教育", "占绿毁绿案例警示"],
    "公众号小视频": ["《小区违法行为知多少》短视频发布", "《装修前请先登记》短视频发布"],
    "其他": ["楼组长业务交流会", "业委会主任座谈会"],
}
VENUES = ["社区工作室会议室", "居委会活动室", "街道党群服务中心", "社区文化活动中心", "小区广场", "线上发布"]
ATTENDEE_ROLES = ["居民", "楼组长", "居委干部", "业委会委员", "志愿者"]

MEETING_TITLES = {
    "例会": "{month}城管社区工作室工作例会",
    "研讨会诊": "{estate}重复投诉及疑难案件研讨会诊",
    "联合会商": "{month}住宅小区违法行为综合治理联合会商",
    "其他": "{month}专项整治推进会",
}
MEETING_ACTIONS = [
    "对逾期未整改案件逐件督办，{days}日内反馈进展",
    "约谈相关物业服务企业项目经理，督促落实发现报告义务",
    "联合区房管局开展装修登记专项检查",
    "请居委会组织楼组长排查楼道堆物和飞线充电",
    "对重复投诉点位开展回头看",
    "协调区绿化市容局对占绿毁绿点位进行认定",
]


def person_name(rng: random.Random) -> str:
    """A plausible but made-up name."""
    return pick(rng, SURNAMES) + "".join(pick(rng, GIVEN) for _ in range(pick(rng, (1, 2))))


PHONE_PREFIXES = ["1380000", "1390000", "1580000", "1860000", "1770000", "1350000", "1500000", "1880000"]


def fake_phone(rng: random.Random) -> str:
    """An obviously fictional mobile number (13800000000 style)."""
    return f"{pick(rng, PHONE_PREFIXES)}{int(rng.random() * 10000):04d}"


def room_place(rng: random.Random) -> str:
    """A building and room inside an estate (12号楼502室)."""
    return f"{ri(rng, 1, 40)}号楼{ri(rng, 1, 18)}{ri(rng, 1, 4):02d}室"


def fill(template: str, rng: random.Random, code: str, **known: str) -> str:
    """Fill a text template; {what} draws from the category's own list."""
    values = dict(known)
    if "{use}" in template:
        values["use"] = pick(rng, FILL["use"])
    if "{where}" in template:
        values["where"] = pick(rng, FILL["where"])
    if "{what}" in template:
        values["what"] = pick(rng, FILL.get(f"what_{code}", FILL["what_C06"]))
    if "{n}" in template:
        values["n"] = str(ri(rng, 2, 30))
    if "{m}" in template:
        values["m"] = str(ri(rng, 8, 25))
    return template.format(**values)


def ri(rng: random.Random, a: int, b: int) -> int:
    """randint through rng.random(): several times faster, which matters for a million rows."""
    return a + int(rng.random() * (b - a + 1))


def pick(rng: random.Random, seq: Sequence[T_co]) -> T_co:
    """choice through rng.random(), for the same reason."""
    return seq[int(rng.random() * len(seq))]
