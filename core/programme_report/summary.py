"""The progress summary in Chinese and English and the rule as the report states it."""

from typing import List

from ..programme import rule

RULE_ZH = (
    "判定规则：基准值 b（基准年份 t0，缺省为第一年），最新值 x（最新年份 t），目标值 T（目标年份），"
    "方向 d（提高 +1，降低 −1）。d·(x − 目标值) ≥ 0 为已达成；否则 t = t0 或缺值为无法评估；"
    "否则按基准到目标的直线路径求期望值 "
    "e = b + (目标值 − b)·(t − t0)/(目标年份 − t0)，比值 R = (x − b)/(e − b)：R ≥ 0.95 按期推进，"
    "0.6 ≤ R < 0.95 需加快，0 ≤ R < 0.6 进展有限，R < 0 倒退。"
)
RULE_EN = (
    "Rule: baseline b at year t0 (baseline_year, else the first year), latest value x at year t, target T "
    "due in target_year, direction d (+1 increase, -1 decrease). Achieved when d·(x − target) ≥ 0; else "
    "unable to assess when t = t0 or a value is missing; else expected e = b + (target − b)·(t − t0)/"
    "(target_year − t0) and R = (x − b)/(e − b): R ≥ 0.95 on track, 0.6 ≤ R < 0.95 acceleration needed, "
    "0 ≤ R < 0.6 limited, R < 0 deterioration."
)


def summary_lines(result, en: bool) -> List[str]:
    """The summary in one language: counts per status, the targets most behind, the rule."""
    c = result.counts
    years = " → ".join(result.labels)
    names = rule.STATUS_EN if en else rule.STATUS_ZH
    lines = ["Programme progress {}".format(years) if en else "五年期进展 {}".format(years)]
    parts = ["{} {}".format(names[s], c[s]) for s in rule.STATUSES]
    head = (
        "Targets: {} — ".format(len(result.progress)) if en else "目标 {} 项：".format(len(result.progress))
    )
    lines.append(head + ("; ".join(parts) + "." if en else "，".join(parts) + "。"))
    behind = [
        r for r in result.progress if r["status"] in (rule.DETERIORATION, rule.LIMITED, rule.ACCELERATION)
    ]
    behind.sort(key=lambda r: (-rule.SEVERITY[r["status"]], r["ratio"] if r["ratio"] is not None else 0))
    if behind:
        lines.append("Most behind:" if en else "进展最慢：")
        for r in behind[:5]:
            lines.append(
                "  {} {}: {} → {} (target {} by {}), {}".format(
                    r["scope"], r["indicator"], r["baseline"], r["latest"], r["target"], r["target_year"],
                    names[r["status"]],
                )
                if en
                else "  {} {}：{} → {}（{} 年目标 {}），{}".format(
                    r["scope"], r["indicator"], r["baseline"], r["latest"], r["target_year"], r["target"],
                    names[r["status"]],
                )
            )  # fmt: skip
    if result.changed_zones:
        ids = sorted({z["zone_id"] for z in result.changed_zones})
        head = (
            "Zones that changed over the years (reported on the latest zones): "
            if en
            else "历年有变化的区域（按最新区域统计）："
        )
        lines.append(head + ", ".join(ids))
    walks = [(label, how) for label, how in zip(result.labels, result.walk_hows) if how]
    if walks:
        if en:
            parts = ["{}: {}".format(label, "along the roads" if how == "roads" else "straight line x 1.3")
                     for label, how in walks]  # fmt: skip
            lines.append("Walks to the nearest service station: " + "; ".join(parts) + ".")
        else:
            parts = ["{}：{}".format(label, "沿道路步行距离" if how == "roads" else "直线距离 × 1.3")
                     for label, how in walks]  # fmt: skip
            lines.append("到最近党群服务站的步行距离：" + "；".join(parts) + "。")
    lines.append(RULE_EN if en else RULE_ZH)
    return lines


def summary_text(result) -> str:
    """The summary in Chinese, then in English."""
    return "\n".join(summary_lines(result, False) + [""] + summary_lines(result, True)) + "\n"
