"""The pooled index of the progress (core/programme/pooled.py): one scale for all the years."""

import numpy as np
import pytest
from beltmap.core.evaluation.index_math import evaluate
from beltmap.core.programme.indicators import ScopeFigures
from beltmap.core.programme.pooled import index_row, pooled_scale

CATEGORIES = ["enterprise", "facility", "service_station"]


def zone(enterprise, facility, stations, near, walk):
    counts = {"enterprise": enterprise, "facility": facility, "service_station": stations}
    total = sum(counts.values())
    return ScopeFigures(counts, total, 1.0, {500.0: near}, walk * total, total, True)


def test_a_zone_improving_in_everything_gains_score_while_the_others_keep_theirs(qgis_app):
    others = [zone(5, 2, 1, 4, 600), zone(8, 1, 0, 3, 900), zone(3, 3, 1, 5, 400)]
    before = zone(2, 1, 0, 1, 1200)
    after = zone(6, 3, 1, 8, 350)  # every indicator better
    years = [others + [before], others + [after]]
    scale = pooled_scale([z for year in years for z in year], CATEGORIES, True)
    assert scale.score(after) > scale.score(before)
    for other in others:  # the same ground scores the same in both years: one scale
        assert scale.score(other) == pytest.approx(scale.score(other))
    # on the pooled units the scale equals the evaluation index itself
    matrix = np.array([index_row(z, CATEGORIES, True) for year in years for z in year])
    direct = evaluate(matrix, scale.directions).score
    ours = [scale.score(z) for year in years for z in year]
    assert ours == pytest.approx(list(direct))
    # a year scored alone would move the others: the pooled scale does not
    alone = evaluate(np.array([index_row(z, CATEGORIES, True) for z in years[1]]), scale.directions).score
    assert not np.allclose(alone[:3], direct[:3])
