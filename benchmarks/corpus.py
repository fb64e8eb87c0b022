"""Realistic item data for the benchmarks, built once and reused between runs.

Text is composed from sentence templates about county government work in Hainan Prefecture
(ecology, yak farming, rural revitalisation, tourism, heating, schools, clinics …) with place
names, numbers and dates filled in. Each item has a main topic and a second one, plus a few
generic sentences, so a topic word such as 供暖 matches a minority of items while 工作 or 会议
match many — the spread of selectivity a real officer's database has.

Items are written through the store's public API (:meth:`Store.create_item`,
:meth:`Store.transition` through a real sign-off,
:meth:`Store.delete_item`), so content JSON, ``search_text``, the
bigram index and revisions come from the store's own code. The one shortcut: the build
connection runs with ``PRAGMA synchronous = OFF`` (each save is still its own transaction).
That makes 100,000 items take about a minute instead of 100,000 fsyncs; the timings are always
taken on a normally reopened store (``synchronous = FULL``).

A finished database is recorded in ``manifest.json`` next to it, keyed by item count, schema
version, search scheme and :data:`GENERATOR_VERSION`; a directory whose manifest does not match
is rebuilt from scratch.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hnclient.items import ItemState
from hnclient.paths import AppPaths
from hnclient.storage import Store
from hnclient.storage.migrations import LATEST_VERSION
from hnclient.storage.search import SEARCH_SCHEME

DATA_DIR = Path(__file__).resolve().parent / ".data"
#: Bump when the generated text or item mix changes: cached databases are then rebuilt.
GENERATOR_VERSION = 1
BODY_CHARS = 600

COUNTIES = ["共和县", "同德县", "贵德县", "兴海县", "贵南县"]
UNITS = COUNTIES + ["州财政局", "州统计局", "州教育局", "州卫生健康委", "州文体旅游广电局"]
TOWNS = [
    "恰卜恰镇",
    "倒淌河镇",
    "龙羊峡镇",
    "江西沟乡",
    "黑马河乡",
    "石乃亥乡",
    "尕巴松多镇",
    "唐谷镇",
    "巴沟乡",
    "河阴镇",
    "河西镇",
    "拉西瓦镇",
    "常牧镇",
    "子科滩镇",
    "河卡镇",
    "曲什安镇",
    "温泉乡",
    "茫曲镇",
    "过马营镇",
    "森多镇",
    "塔秀乡",
]
PLACES = ["青海湖", "龙羊峡", "黄河", "贵德古城", "千姿湖", "阿什贡", "日月山", "塔拉滩"]
# Categories whose form has a multi-line ``body`` field (the service guide has none).
CATEGORIES = [
    "policy",
    "leadership",
    "visits",
    "regulations",
    "services",
    "development",
    "experience",
    "other",
]

GENERIC = [
    "会议强调，要提高政治站位，压实工作责任，确保各项任务落到实处。",
    "{unit}主要负责同志出席会议并讲话，各乡镇、各部门负责同志参加。",
    "下一步，{county}将进一步完善工作机制，加强督促检查，推动工作取得新成效。",
    "{date}，{unit}召开专题会议，研究部署近期重点工作。",
    "截至{month}月底，已累计完成年度目标任务的{pct}%。",
    "各相关单位要加强沟通协调，形成工作合力，及时报送工作进展情况。",
    "会上通报了前一阶段工作开展情况，分析了存在的问题和不足。",
    "据统计，全县共有{n}名干部职工参与此项工作。",
    "此次活动的开展，进一步增强了干部群众的责任意识和服务意识。",
    "{county}政府办公室将持续做好政务信息报送工作，确保信息及时、准确、规范。",
]

TOPICS: dict[str, list[str]] = {
    "生态保护": [
        "{county}深入推进{place}流域生态保护，完成退化草原治理{n}亩。",
        "{town}组织开展黄河岸线清理整治行动，清理垃圾{n}吨。",
        "生态管护员队伍扩大到{n}人，实现重点区域巡护全覆盖。",
        "{date}，{county}启动三江源生态保护和建设二期工程年度项目。",
        "全县森林覆盖率达到{pct}%，草原综合植被盖度稳步提高。",
        "{town}实施防沙治沙造林工程，新增人工造林{n}亩。",
        "湿地保护与修复项目通过验收，野生动物栖息环境明显改善。",
        "严格落实河湖长制，开展巡河{n}次，发现并整改问题{k}个。",
    ],
    "牦牛产业": [
        "{county}牦牛存栏{n}头，藏羊存栏{n}只，畜牧业稳步发展。",
        "{town}牦牛养殖专业合作社带动{k}户牧民增收。",
        "牦牛肉、牦牛奶等特色产品通过有机认证，进入省外市场。",
        "{date}，{county}举办高原牦牛产业发展推进会。",
        "实施牦牛良种繁育项目，推广大通牦牛种公牛{k}头。",
        "畜产品加工企业年加工牦牛肉{n}吨，产值同比增长{pct}%。",
        "开展牲畜口蹄疫、布病春季集中免疫，免疫密度达到100%。",
        "草畜平衡和禁牧补助资金{n}万元全部发放到户。",
    ],
    "乡村振兴": [
        "{county}巩固拓展脱贫攻坚成果同乡村振兴有效衔接，落实帮扶资金{n}万元。",
        "{town}高原美丽乡村建设项目完工，改造农牧民住房{k}户。",
        "乡村振兴衔接资金项目开工{k}个，吸纳当地劳动力{n}人次。",
        "驻村第一书记和工作队员走访入户{n}户，帮助解决实际困难{k}件。",
        "村集体经济收入超过{k}万元的村达到{pct}%。",
        "{date}，{county}召开乡村振兴工作推进会。",
        "开展农牧民劳动力转移就业培训{k}期，培训{n}人次。",
        "防止返贫动态监测对象全部落实帮扶措施。",
    ],
    "旅游": [
        "{place}景区接待游客{n}万人次，实现旅游收入{k}亿元。",
        "{county}沿G214国道打造自驾游精品线路。",
        "{date}，{place}文化旅游节开幕，吸引省内外游客前来观光。",
        "{town}乡村旅游接待点达到{k}家，带动农牧民就业{n}人。",
        "开展旅游市场秩序专项整治，检查旅游经营单位{k}家。",
        "{county}创建国家全域旅游示范区工作有序推进。",
        "黄河清水游、民俗文化体验等旅游产品受到游客欢迎。",
        "旅游旺季前完成景区安全隐患排查{k}处。",
    ],
    "供暖": [
        "{county}城区集中供暖于{date}正式启动，供暖面积{n}万平方米。",
        "供热公司完成管网改造{k}公里，确保居民温暖过冬。",
        "开通供暖服务热线，受理群众诉求{n}件，办结率{pct}%。",
        "{town}实施清洁取暖改造，完成电代煤{k}户。",
        "供暖期储备燃煤{n}吨，天然气保障能力进一步提升。",
        "对老旧小区供热二次管网进行更新改造，室温达标率明显提高。",
        "住建部门开展供暖质量入户测温{n}户次。",
    ],
    "教育": [
        "{county}义务教育巩固率达到{pct}%，控辍保学实现动态清零。",
        "{town}寄宿制学校新建学生宿舍{k}栋，改善办学条件。",
        "全县{n}名教师参加国家通用语言文字教学能力培训。",
        "{date}，{county}召开教育工作会议，表彰优秀教师{k}名。",
        "落实学生资助政策，发放各类资助资金{n}万元。",
        "学前教育毛入园率达到{pct}%，普惠性幼儿园覆盖率持续提高。",
        "高考成绩稳步提升，本科上线{k}人。",
        "开展校园安全隐患排查，整改问题{k}项。",
    ],
    "医疗": [
        "{county}人民医院与省级医院建立远程会诊协作，开展会诊{n}例。",
        "{town}卫生院完成标准化建设，配备数字化X光机等设备。",
        "家庭医生签约服务覆盖{n}人，重点人群签约率{pct}%。",
        "{date}，{county}开展包虫病筛查，筛查群众{n}人。",
        "城乡居民基本医疗保险参保率达到{pct}%。",
        "藏医院开展藏医药特色诊疗服务，年门诊量{n}人次。",
        "组织医疗队深入牧区开展义诊{k}次，发放药品价值{k}万元。",
        "疾控中心完成适龄儿童免疫规划疫苗接种{n}剂次。",
    ],
    "基础设施": [
        "{county}农村公路建设项目完工{k}公里，通畅率达到100%。",
        "{town}新建5G基站{k}座，实现乡镇政府驻地5G网络覆盖。",
        "{date}，{county}重点项目集中开工，总投资{n}万元。",
        "农村饮水安全巩固提升工程解决{n}人饮水问题。",
        "光伏发电项目并网发电，年发电量{n}万千瓦时。",
        "城镇污水处理厂提标改造工程通过验收。",
        "完成农村电网改造升级，供电可靠率达到{pct}%。",
    ],
    "安全生产": [
        "{county}开展安全生产大检查，检查企业{k}家，整改隐患{n}处。",
        "{date}，{town}组织森林草原防火应急演练。",
        "冬春季雪灾防御工作提前部署，储备饲草料{n}吨。",
        "道路交通安全专项整治查处违法行为{n}起。",
        "汛期前完成{k}处地质灾害隐患点排查。",
        "燃气安全专项排查覆盖城区餐饮场所{k}家。",
    ],
    "民族团结": [
        "{county}开展民族团结进步创建活动，创建示范单位{k}个。",
        "{date}，{town}举办双语法律知识宣讲活动，受众{n}人。",
        "各族群众共同参加赛马会、锅庄舞等传统文化活动。",
        "寺院管理服务工作扎实推进，和谐寺院创建覆盖率{pct}%。",
        "铸牢中华民族共同体意识宣传教育进机关、进学校、进社区。",
    ],
    "政务服务": [
        "{county}政务服务中心进驻事项{k}项，一网通办率达到{pct}%。",
        "{date}，{county}推行“一件事一次办”改革，办理时限压缩{pct}%。",
        "12345政务服务便民热线受理群众诉求{n}件。",
        "政府信息公开专栏更新信息{n}条，依申请公开办结率100%。",
        "{town}便民服务站实现社保、医保业务就近办理。",
        "优化营商环境，新增市场主体{n}户。",
    ],
    "就业社保": [
        "{county}城镇新增就业{n}人，城镇登记失业率控制在{pct}%以内。",
        "发放创业担保贷款{n}万元，扶持创业{k}人。",
        "{date}，{county}举办春风行动专场招聘会，提供岗位{n}个。",
        "城乡居民养老保险参保{n}人，待遇按时足额发放。",
        "高校毕业生就业见习基地新增{k}家。",
    ],
}
TITLE_TEMPLATES = [
    "{county}{topic}工作取得新进展",
    "{town}扎实推进{topic}工作",
    "{county}召开{topic}专题会议",
    "{unit}部署{year}年{topic}重点任务",
    "{county}{topic}{month}月工作情况",
]
TOPIC_NAMES = list(TOPICS)


@dataclass(frozen=True)
class Prepared:
    """A ready data set: an ``HNCLIENT_HOME`` directory whose database holds ``count`` items."""

    home: Path
    count: int

    @property
    def paths(self) -> AppPaths:
        return AppPaths(
            data=self.home / "data", config=self.home / "config", logs=self.home / "logs"
        )

    @property
    def database(self) -> Path:
        return self.paths.database


class TextMaker:
    """Deterministic sentence and item-text generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def _fill(self, template: str) -> str:
        r = self.rng
        year = r.choice([2022, 2023, 2024, 2025])
        month = r.randint(1, 12)
        return template.format(
            county=r.choice(COUNTIES),
            unit=r.choice(UNITS),
            town=r.choice(TOWNS),
            place=r.choice(PLACES),
            n=r.randint(12, 98_000),
            k=r.randint(2, 380),
            pct=r.choice([r.randint(60, 99), round(r.uniform(1, 99), 1)]),
            year=year,
            month=month,
            date=f"{year}年{month}月{r.randint(1, 28)}日",
        )

    def body(self, topic: str, second: str) -> str:
        r = self.rng
        parts: list[str] = []
        length = 0
        while length < BODY_CHARS:
            roll = r.random()
            pool = TOPICS[topic] if roll < 0.65 else TOPICS[second] if roll < 0.85 else GENERIC
            sentence = self._fill(r.choice(pool))
            parts.append(sentence)
            length += len(sentence)
            if r.random() < 0.15:
                parts.append("\n")
        return "".join(parts)[:BODY_CHARS]

    def title(self, topic: str) -> str:
        return self._fill(self.rng.choice(TITLE_TEMPLATES).replace("{topic}", topic))


def _manifest(count: int) -> dict[str, object]:
    return {
        "count": count,
        "schema_version": LATEST_VERSION,
        "search_scheme": SEARCH_SCHEME,
        "generator": GENERATOR_VERSION,
    }


def prepare(count: int, *, log: Callable[[str], None] = print) -> Prepared:
    """The data set with ``count`` items, built now unless a valid one is already there."""
    home = DATA_DIR / f"items-{count}"
    prepared = Prepared(home, count)
    manifest_path = home / "manifest.json"
    try:
        valid = json.loads(manifest_path.read_text()) == _manifest(count)
    except (OSError, ValueError):
        valid = False
    if valid and prepared.database.is_file():
        # A run killed mid-start leaves the session marker; the next start would then take
        # the crash-recovery path, which is not what is being measured.
        prepared.paths.session_marker.unlink(missing_ok=True)
        return prepared
    if home.exists():
        shutil.rmtree(home)
    log(f"  building {count:,} items in {home} (once; reused by later runs) …")
    start = time.perf_counter()
    prepared.paths.ensure()
    _build(prepared.database, count, seed=count)
    manifest_path.write_text(json.dumps(_manifest(count)))
    log(f"  built {count:,} items in {time.perf_counter() - start:.0f} s")
    return prepared


def _build(path: Path, count: int, seed: int) -> None:
    maker = TextMaker(seed)
    rng = maker.rng
    # Items were written over about three years; the clock spreads created/updated times.
    now = [datetime(2022, 6, 1, 8, 0, tzinfo=UTC)]
    step = timedelta(days=3 * 365) / max(count, 1)
    states = list(ItemState)
    with Store.open(path, clock=lambda: now[0]) as store:
        # States are reached through the life cycle, with a real (cheaply derived) leader key.
        from tests.signoff_support import drive, make_service

        service = make_service(store)
        store._connection().execute("PRAGMA synchronous = OFF")
        for i in range(count):
            now[0] += step
            topic, second = rng.sample(TOPIC_NAMES, 2)
            text = maker.body(topic, second)
            item = store.create_item(
                CATEGORIES[i % len(CATEGORIES)],
                1,
                title=maker.title(topic),
                event_date=date(2022, 6, 1) + timedelta(days=i * 3 * 365 // max(count, 1)),
                summary=text[:100],
                values={"body": text[100:]},
            )
            if i % 10 == 0:
                drive(service, item.id, rng.choice(states))
            if i % 200 == 7:
                store.delete_item(item.id)
