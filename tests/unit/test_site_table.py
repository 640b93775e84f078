"""Site tables read without QGIS (core/site_import/table.py): any CSV bytes give sites or a SiteTableError."""

import math

from beltmap.core.site_import.columns import find_xy
from beltmap.core.site_import.rows import read_sites
from beltmap.core.site_import.table import SiteTableError, read_table, take_sample
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    text=st.text(
        alphabet=st.one_of(
            st.sampled_from(list(",;\t|\"'\n\r °′″，经纬度lonat.-0123456789１２")),
            st.characters(blacklist_categories=("Cs",)),
        ),
        max_size=300,
    ),
    bom=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16-le"]),
)
def test_fuzzed_csv_never_crashes(tmp_path_factory, text, bom, encoding):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.csv"
    path.write_bytes(bom + ("lon,lat\n" + text).encode(encoding, "replace"))
    try:
        table = read_table(str(path))
        sample, rest = take_sample(table)
        spec = find_xy(table.headers, [c for _, c in sample if isinstance(c, list)])
        for item in read_sites(table, spec, sample=sample, rest=rest):
            if hasattr(item, "x"):
                assert math.isfinite(item.x) and math.isfinite(item.y)
    except SiteTableError as error:
        assert str(error)
