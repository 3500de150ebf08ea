"""Write two constructed next-year editions of the seeds, for the labelled pairs of ``labels/``.

``shanghai-2024-constructed.txt`` is Shanghai 2023 as a 2024 edition might read and
``national-2025-constructed.txt`` national 2024 as a 2025 one might: most tasks carried over
word for word, some lightly reworded, some rewritten, one split, two merged, one moved, some
dropped and some new, and numbering that follows. What each edit is, is written next to it below
and, as links, in ``labels/shanghai-2024.yaml`` and ``labels/national-2025.yaml``.

Run from the repository root: ``.venv/bin/python tests/data/diff/make_editions.py``
(committed output; the tests do not run this).
"""

from __future__ import annotations

from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + (CN[n - 11] if n > 10 else "")


def seed_tasks(name: str, pattern: str) -> dict[int, tuple[str, str]]:
    """number → (title, text) of a seed's tasks: ``title。text`` on one line."""
    text = (ROOT / "samples" / name).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # a task may wrap over two lines in the seed text: join a line that does not start a new part
    tasks: dict[int, tuple[str, str]] = {}
    for index, line in enumerate(lines):
        m = regex.match(pattern, line)
        if not m:
            continue
        body = line[m.end() :]
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if nxt and not regex.match(r"^(\(|（|[一二三四五六七八九十]+、|\d+\.|专项行动|标 题)", nxt):
            body += nxt
        title, _, rest = body.partition("。")
        tasks[len(tasks) + 1] = (title.strip(), rest.strip())
    return tasks


def shanghai() -> str:
    old = seed_tasks("shanghai-2023-jiufeng.txt", r"^(\d+)\.\s*")

    def same(n: int) -> tuple[str, str]:
        return old[n]

    t2_title, t2_text = old[2]
    t6_text = old[6][1]
    first, _, second = t6_text.partition("；以及")
    t7_title, t7_text = old[7]
    t9_text, t10_text = old[9][1], old[10][1]
    t14_title, t14_text = old[14]
    t16_title, t16_text = old[16]
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (
            "健全完善新时代纠风工作体系",
            [
                same(1),  # 1 → 1 unchanged
                (t2_title, t2_text.replace("根据工作需要", "根据机构改革和工作需要")),  # reworded
                same(3),  # 3 → 3 unchanged; 4 is dropped
            ],
        ),
        (
            "整治行业重点领域的不正之风问题",
            [
                same(5),  # 5 → 4 renumbered only
                ("整治医药产品销售中的不正之风问题", first + "。"),  # 6 → 5 + 6 split
                ("规范集中带量采购执行", "在" + second.lstrip("在")),
            ],
        ),
        (
            "强化医保基金监督管理",
            [
                (t7_title, t7_text + "探索建立定点医药机构相关人员医保支付资格管理制度。"),
                same(8),  # 8 → 8 unchanged
            ],
        ),
        (
            "深入治理医疗领域乱象",
            [
                ("严守廉洁从业行业底线", t9_text + t10_text),  # 9 + 10 → 9 merged
                same(11),  # 11 → 10
                (
                    "规范涉医网络直播带货",  # new task
                    "加大对涉医网络直播、短视频推广的监管力度，禁止医务人员以医生身份为保健食品、"
                    "医疗器械站台推销，清理以医生名义发布虚假宣传的账号。",
                ),
            ],
        ),
        (
            "切实推进工作取得实效",
            [
                same(13),  # 13 → 12 (12 moves to the end of this section)
                (t14_title, t14_text.replace("强化医德医风教育", "深化医德医风和廉洁文化教育")),
                same(15),  # 15 → 14
                (t16_title, t16_text.replace("第一时间通报", "第一时间通报，并在行业内公开曝光")),
                same(12),  # 12 → 16 moved
            ],
        ),
    ]
    lines = [
        "关于印发上海市2024年纠正医药购销领域和医疗服务中不正之风工作要点的通知",
        "沪卫医〔2024〕52号",
        "各区卫生健康委、医保局，申康医院发展中心，各市级医疗机构：",
        "现将《上海市2024年纠正医药购销领域和医疗服务中不正之风工作要点》印发给你们，"
        "请结合实际，认真贯彻执行。",
        "上海市卫生健康委员会",
        "2024年7月12日",
        "上海市2024年纠正医药购销领域和医疗服务中不正之风工作要点",
        "一、工作任务",
    ]
    number = 0
    for index, (heading, tasks) in enumerate(sections, start=1):
        lines.append(f"（{cn(index)}）{heading}")
        for title, text in tasks:
            number += 1
            lines.append(f"{number}.{title}。{text}")
    return "\n\n".join(lines) + "\n"


def national() -> str:
    old = seed_tasks("national-2024-jiufeng.txt", r"^[(（]\s*[一二三四五六七八九十]+\s*[)）]\s*")
    t1_title, t1_text = old[1]
    t5_text, t6_text = old[5][1], old[6][1]
    t10_text = old[10][1]
    t11_text = old[11][1]
    price, _, payment = t11_text.partition("持续完善医保支付")
    t13_title, t13_text = old[13]
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (
            "持续规范医药生产流通秩序",
            [
                (t1_title, t1_text.replace("落实财税优惠", "落实税收优惠")),  # 一 → 一 reworded
                old[2],  # 二 → 二 unchanged
                old[3],  # 三 → 三 unchanged; 四 is dropped
            ],
        ),
        (
            "集中整治群众身边不正之风和腐败问题",
            [
                ("压实医疗机构管理责任，规范诊疗和采购行为", t5_text + t6_text),  # 五+六 → 四
                old[7],  # 七 → 五 unchanged
            ],
        ),
        (
            "坚决纠治行业乱象",
            [old[8]],  # 八 → 六; 九 moves to the last section
        ),
        (
            "切实维护医保基金安全",
            [
                (  # 十 → 八 rewritten around the same aim
                    "织密医保基金监管网，守住群众看病钱",
                    "健全医保基金常态化监管机制，开展飞行检查和专项整治，依托医保大数据开展智能监控，"
                    + t10_text.split("。")[3]
                    + "。对欺诈骗保行为依法从严查处。",
                ),
                ("完善价格治理", price),  # 十一 → 九 + 十 split
                ("持续推动医保支付方式改革", "持续完善医保支付" + payment),
            ],
        ),
        (
            "深化巩固集中整治工作成效",
            [
                old[12],  # 十二 → 十一 unchanged
                (t13_title, t13_text.replace("扎实开展行业警示教育", "常态化开展行业警示教育")),
                old[15],  # 十五 → 十三; 十四 is dropped
                (
                    "加强医药领域信息公开，接受社会监督",  # new, one sentence echoes 十四
                    "定期公开医药领域腐败问题典型案例和处理结果，畅通群众投诉举报渠道。"
                    "指导有关学协会等社会组织完善内部管理章程，依法依规开展学术活动。",
                ),
                old[9],  # 九 → 十四, moved to this section
            ],
        ),
    ]
    lines = [
        "关于印发2025年纠正医药购销领域和医疗服务中不正之风工作要点的通知",
        "国卫医急函〔2025〕88号",
        "各省、自治区、直辖市卫生健康委、医保局、药监局：",
        "现将《2025年纠正医药购销领域和医疗服务中不正之风工作要点》印发给你们，"
        "请结合实际，认真贯彻执行。",
        "国家卫生健康委",
        "2025年5月9日",
        "2025年纠正医药购销领域和医疗服务中不正之风工作要点",
    ]
    number = 0
    for index, (heading, tasks) in enumerate(sections, start=1):
        lines.append(f"{cn(index)}、{heading}")
        for title, text in tasks:
            number += 1
            lines.append(f"（{cn(number)}）{title}。{text}")
    return "\n\n".join(lines) + "\n"


if __name__ == "__main__":
    (HERE / "shanghai-2024-constructed.txt").write_text(shanghai(), encoding="utf-8")
    (HERE / "national-2025-constructed.txt").write_text(national(), encoding="utf-8")
