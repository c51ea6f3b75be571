"""Words the large demonstration data set is composed from: towns, roads, site names and problem phrases.

Real ledgers do not repeat eight phrases: a site's name is a trade name, a line of business and a legal form, and
a problem names a place, a thing and what is wrong with it. Composing them from parts gives tens of thousands of
distinct texts, so search, sorting and the report layouts meet the variety they meet at a district office.
"""

from __future__ import annotations

import random

from inspector.creditcode import ALPHABET, check_character

# The streets and towns (街镇) of Pudong; a district office merges 10-20 of them.
TOWNS = ["潍坊新村街道", "陆家嘴街道", "周家渡街道", "塘桥街道", "上钢新村街道", "南码头路街道", "沪东新村街道",
         "金杨新村街道", "洋泾街道", "浦兴路街道", "东明路街道", "花木街道", "川沙新镇", "高桥镇", "北蔡镇",
         "合庆镇", "唐镇", "曹路镇", "金桥镇", "高行镇"]
ROADS = ["浦东大道", "张杨路", "世纪大道", "东方路", "源深路", "杨高中路", "浦建路", "成山路", "德州路", "上南路",
         "金桥路", "川沙路", "华夏东路", "龙东大道", "锦绣路", "沪南公路", "高科西路", "罗山路", "五莲路", "博山路",
         "民生路", "乳山路", "崂山路", "沈家弄路", "羽山路", "栖霞路", "峨山路", "临沂路", "南泉路", "昌里路"]
TRADE_FIRST = "恒华金宏新长兴明同佳鑫瑞祥永安盛泰鸿嘉德福隆达丰源通利宝顺荣和"
TRADE_SECOND = "达安宁桥和兴远丰旺珠创禾益昌盛发泰润辉锦诚信升茂洋晟鼎祺"
# (kind of site, 行业, the template its inspections use)
KINDS = [("餐饮店", "餐饮业", "jiuxiao_xiaofang"), ("面馆", "餐饮业", "jiuxiao_xiaofang"),
         ("便利店", "零售业", "jiuxiao_xiaofang"), ("五金店", "零售业", "jiuxiao_xiaofang"),
         ("美容美发店", "居民服务业", "jiuxiao_xiaofang"), ("棋牌室", "娱乐业", "jiuxiao_xiaofang"),
         ("机械加工有限公司", "通用设备制造业", "gongmao_basic"),
         ("塑料制品有限公司", "橡胶和塑料制品业", "gongmao_basic"),
         ("汽车维修有限公司", "机动车维修", "gongmao_basic"), ("物流有限公司", "仓储业", "gongmao_basic"),
         ("印务有限公司", "印刷业", "youxian_kongjian"), ("食品有限公司", "食品制造业", "youxian_kongjian"),
         ("污水处理有限公司", "水的生产和供应业", "youxian_kongjian"),
         ("化工贸易有限公司", "化学品批发", "weihua_shiyong"), ("涂料有限公司", "涂料制造", "weihua_shiyong"),
         ("实验仪器有限公司", "研究和试验发展", "weihua_shiyong"),
         ("公寓", "住宿业", "chuzu_fang"), ("租赁住房", "房地产业", "chuzu_fang")]
BRANCH = ["", "", "", "", "（{road}店）", "（{n}号店）", "第{n}分公司", "（浦东）"]
PEOPLE_FAMILY = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
PEOPLE_GIVEN = ["建国", "秀英", "伟", "洋", "静", "帆", "磊", "敏", "杰", "婷", "海峰", "佳怡", "志明", "晓东", "丽华",
                "国强", "文斌", "春燕", "立新", "雪梅", "德明", "玉兰", "子豪", "思远", "俊杰", "桂芳", "永红", "学军"]
LOCATIONS = ["一楼大堂", "二楼仓库", "后厨", "车间东侧", "车间西侧", "楼梯间", "地下室", "配电间", "原料库", "成品库",
             "办公区", "员工宿舍", "屋顶平台", "装卸区", "门面房", "三楼走道", "锅炉房", "污水池旁", "危化品储存间",
             "室外堆场"]
# Per template: (thing, [what is wrong]) — composed with a place and a detail into one description.
PROBLEMS = {
    "jiuxiao_xiaofang": [
        ("灭火器", ["已过期未检修", "压力不足", "配置数量不足", "被杂物遮挡"]),
        ("疏散通道", ["堆放纸箱杂物", "被货架占用", "宽度不足"]),
        ("安全出口", ["上锁", "被堵塞", "指示标志损坏"]),
        ("应急照明灯", ["不亮", "损坏未更换", "未安装"]),
        ("电线", ["私拉乱接", "未穿管保护", "老化破损", "使用插线板串接"]),
        ("电动自行车", ["在室内停放充电", "在疏散通道充电", "飞线充电"]),
        ("可燃气体报警器", ["未安装", "故障失效", "未与切断阀联动"]),
        ("燃气软管", ["老化开裂", "超过两米", "未用卡箍固定"]),
        ("独立式烟感", ["未安装", "电池失效"]),
        ("经营场所", ["违规住人", "存在“三合一”现象", "使用可燃夹芯彩钢板搭建"]),
        ("员工", ["不会使用灭火器", "未经消防安全培训"]),
        ("防火巡查记录", ["未建立", "记录不全"]),
    ],
    "gongmao_basic": [
        ("安全生产责任制", ["未建立", "未落实考核"]),
        ("特种作业人员", ["无证上岗", "证书过期"]),
        ("设备防护罩", ["缺失", "损坏未修复"]),
        ("危险场所警示标志", ["未设置", "褪色不清"]),
        ("叉车", ["未定期检验", "司机无证驾驶"]),
        ("员工", ["未佩戴劳动防护用品", "未经三级安全教育"]),
        ("隐患排查记录", ["未建立", "流于形式"]),
        ("临时用电", ["未办理审批", "无专人监护"]),
        ("动火作业", ["未办理动火证", "现场无灭火器材"]),
        ("应急预案", ["未组织演练", "未备案"]),
        ("配电箱", ["门未关闭", "前方堆放杂物", "接地缺失"]),
        ("宿舍", ["与仓库同楼设置", "出口被锁闭"]),
    ],
    "youxian_kongjian": [
        ("有限空间", ["未设置警示标志", "未建立管理台账", "作业未经审批"]),
        ("有限空间作业", ["未先通风检测", "无专人监护", "未配备呼吸防护用品"]),
        ("气体检测仪", ["未定期标定", "故障"]),
        ("污水井", ["井盖缺失", "未上锁"]),
        ("外包作业", ["未签订安全协议", "未统一协调管理"]),
        ("作业人员", ["未经专项培训", "不熟悉应急救援程序"]),
        ("应急救援器材", ["配备不全", "未定期检查"]),
    ],
    "weihua_shiyong": [
        ("危化品仓库", ["未专人管理", "通风不良", "防爆电气不符合要求"]),
        ("剧毒化学品", ["未实行双人收发", "台账不全"]),
        ("出入库登记", ["不全", "未及时更新"]),
        ("安全技术说明书", ["缺失", "未张贴"]),
        ("化学品标签", ["脱落", "缺失"]),
        ("围堰", ["破损", "未设置"]),
        ("防静电接地", ["失效", "未检测"]),
        ("化学品", ["与宿舍同楼存放", "超量存放", "混存"]),
    ],
    "chuzu_fang": [
        ("出租房", ["分隔搭建", "按床位出租", "每间居住超过2人"]),
        ("厨房", ["住人", "堆放杂物"]),
        ("地下室", ["住人", "违规改作宿舍"]),
        ("楼道", ["堆物", "被锁闭"]),
        ("电动自行车", ["在楼道内停放充电", "飞线充电"]),
        ("电线", ["私拉乱接", "未穿管保护"]),
        ("集中出租房", ["未登记备案", "未落实消防设施"]),
    ],
}
DETAILS = ["", "", "", "，现场已要求立即整改", "（共{n}处）", "，约{n}米", "，屡查屡犯", "，已拍照取证",
           "，负责人在场确认", "（第{n}次发现）"]
MEASURES = ["已清理并落实专人管理", "已更换并建立检查记录", "已重新敷设线路并穿管保护", "已组织员工培训并考核",
            "已完善台账和制度", "已拆除违规搭建", "已安装并调试完毕", "已设置警示标志"]
REQUIREMENTS = ["立即整改，并将整改情况书面报告检查机关", "限期整改，整改完毕后报请复查",
                "整改前采取防范措施，防止事故发生"]
CAMPAIGNS = ["消防安全专项整治", "有限空间作业专项检查", "电动自行车安全隐患专项整治", "燃气安全专项整治",
             "自建房安全专项整治", "危险化学品安全专项整治"]


def credit_code(rng: random.Random) -> str:
    """A valid 统一社会信用代码 of a Pudong enterprise (check character computed)."""
    body = "91310115" + "".join(rng.choice(ALPHABET[:10] + "ABCDEFGH") for _ in range(9))
    return body + check_character(body)


def person(rng: random.Random) -> str:
    return rng.choice(PEOPLE_FAMILY) + rng.choice(PEOPLE_GIVEN)


def phone(rng: random.Random) -> str:
    return rng.choice(("139", "138", "137", "186", "158", "021-5")) + f"{rng.randint(0, 10**7 - 1):07d}"


def site_name(rng: random.Random, kind: str, road: str) -> str:
    """“上海恒达机械加工有限公司”, “鑫旺便利店（张杨路店）”…"""
    trade = rng.choice(TRADE_FIRST) + rng.choice(TRADE_SECOND)
    prefix = "上海" if kind.endswith("公司") else rng.choice(("", "", "上海"))
    return prefix + trade + kind + rng.choice(BRANCH).format(road=road, n=rng.randint(1, 30))


def problem(rng: random.Random, template_code: str) -> tuple[str, str]:
    """(description, location) of one finding found with this template."""
    thing, defects = rng.choice(PROBLEMS[template_code])
    place = rng.choice(LOCATIONS)
    detail = rng.choice(DETAILS).format(n=rng.randint(2, 12))
    return f"{place}{thing}{rng.choice(defects)}{detail}", place
