"""`beltmap:beltchanges` against QGIS's own `native:detectvectorchanges` on random years (issue 18).

With KEY_FIELD empty and zero tolerance, the unchanged count equals native's with every attribute
compared, and every site native reports as added or deleted is here added, removed, moved or changed.
"""

from change_fixtures import ZONE_FIELDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsProcessingContext
from qgis.PyQt.QtCore import QVariant
from tag_fixtures import X0, Y0, Feedback, box, memory_layer

FIELDS = [("name", QVariant.String), ("category", QVariant.String), ("staff", QVariant.Int)]

site = st.tuples(
    st.integers(0, 6),  # x in 10 m steps: coincident sites are common
    st.integers(0, 6),
    st.sampled_from(["甲", "乙", "=A1"]),
    st.sampled_from(["enterprise", "facility"]),
    st.one_of(st.none(), st.integers(0, 2)),
)


@st.composite
def two_years(draw):
    """A random year and an edited copy: sites removed, added, moved, changed."""
    before = draw(st.lists(site, max_size=25))
    after = []
    for s in before:
        action = draw(st.sampled_from(["keep", "keep", "keep", "drop", "move", "edit"]))
        if action == "keep":
            after.append(s)
        elif action == "move":
            after.append((s[0] + draw(st.integers(-1, 1)), s[1] + draw(st.integers(-1, 1)), *s[2:]))
        elif action == "edit":
            after.append((*s[:2], draw(st.sampled_from(["甲", "丙"])), s[3], draw(st.integers(0, 2))))
    after += draw(st.lists(site, max_size=6))
    order = draw(st.permutations(range(len(after))))
    return before, [after[i] for i in order]


def layer(rows):
    return memory_layer(
        "Point",
        FIELDS,
        [("POINT({} {})".format(X0 + 10 * x, Y0 + 10 * y), [n, c, v]) for x, y, n, c, v in rows],
    )


ZONE = memory_layer("Polygon", ZONE_FIELDS, [(box(-100, -100, 200, 200), ["Z1", "园", "park"])])


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(years=two_years())
def test_unchanged_count_equals_native_and_native_changes_are_ours(provider, years):
    from qgis import processing

    before, after = layer(years[0]), layer(years[1])
    native = processing.run(
        "native:detectvectorchanges",
        {
            "ORIGINAL": before,
            "REVISED": after,
            "COMPARE_ATTRIBUTES": [name for name, _type in FIELDS],
            "MATCH_TYPE": 0,
            "UNCHANGED": "TEMPORARY_OUTPUT",
            "ADDED": "TEMPORARY_OUTPUT",
            "DELETED": "TEMPORARY_OUTPUT",
        },
    )
    ours = processing.run(
        "beltmap:beltchanges",
        {
            "BEFORE_SITES": before,
            "AFTER_SITES": after,
            "BEFORE_ZONES": ZONE,
            "AFTER_ZONES": ZONE,
            "KEY_FIELD": "",
            "TOLERANCE": 0,
            "SITE_CHANGES": "TEMPORARY_OUTPUT",
        },
        context=QgsProcessingContext(),
        feedback=Feedback(),
    )
    assert ours["UNCHANGED_COUNT"] == native["UNCHANGED_COUNT"]
    assert ours["MOVED_COUNT"] == 0 and ours["RETAGGED_COUNT"] == 0
    # each pair that is not unchanged is one native deletion and one native addition
    assert native["ADDED_COUNT"] == ours["ADDED_COUNT"] + ours["CHANGED_COUNT"]
    assert native["DELETED_COUNT"] == ours["REMOVED_COUNT"] + ours["CHANGED_COUNT"]
    assert ours["UNCHANGED_COUNT"] + ours["CHANGED_COUNT"] + ours["REMOVED_COUNT"] == len(years[0])
