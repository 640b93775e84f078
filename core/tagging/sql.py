"""SQL text for tagging inside PostGIS: the prepared zones as the run's table, the tags computed inline in
one zones-driven join, the output made by one CREATE TABLE … AS, and the counts.

The zones come from the same ZoneSet as the other paths (types normalised, invalid polygons repaired,
transformed, ranked in Python), so every path matches against the very same zones and ranks; the
database does the matching of the features, the overlaps, the rule and the counts.

Why this shape (measured on 1,000,000 points × 500 zones, README "where the time goes"): the join is
driven by the zones (a loop over the zones probing the input's GiST index), so PostGIS tests
consecutive features against the same zone and reuses its prepared geometry; a per-feature subquery
tests each feature against a different zone each time and was 2.5 to 4 times slower. The zones table
is an unlogged table of the run (temporary tables forbid parallel workers), created, used and dropped in
the run's transaction, so a cancel (rollback) leaves nothing behind.
"""

import uuid
from typing import Iterable, Iterator, List, Optional, Sequence

from .overlap import OVERLAP_DECIMALS
from .rule import RULE_LARGEST_OVERLAP, RULE_SMALLEST

# prefix of the run's tables (unique per run: two runs at once never meet)
RUN_PREFIX = "beltmap_run_"
# rows per INSERT when the zones are sent, and bytes of geometry (WKB) per INSERT at most
INSERT_BATCH = 200
INSERT_BYTES = 4_000_000
# parallel workers PostgreSQL may use to scan the run's zones (capped by the server's
# max_parallel_workers_per_gather)
PARALLEL_WORKERS = 4
# statement settings of the run's transaction: JIT compiling costs more than it saves on these queries;
# the streamed output must come out in the order it was written
RUN_SETTINGS = ("SET LOCAL jit = off", "SET LOCAL synchronize_seqscans = off")


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"{}"'.format(str(name).replace('"', '""'))


def qualified(schema: str, table: str) -> str:
    """ "schema"."table"."""
    return "{}.{}".format(ident(schema), ident(table))


def literal(value) -> str:
    """A SQL literal for None, int, float or text (standard conforming strings)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'{}'".format(str(value).replace("\x00", "").replace("'", "''"))


def geometry(wkb: Optional[bytes], srid: int) -> str:
    """A geometry literal from WKB (NULL::geometry for none)."""
    if wkb is None:
        return "NULL::geometry"
    return "ST_GeomFromWKB('\\x{}'::bytea, {})".format(bytes(wkb).hex(), int(srid))


def run_name() -> str:
    """A fresh name for the run's zones table."""
    return RUN_PREFIX + uuid.uuid4().hex[:16]


def run_schema_query(schemas: Sequence[str]) -> str:
    """The first of schemas, then the current schema, where the user may create tables: one row or none."""
    names = "(ARRAY[{}]::text[] || current_schema()::text)".format(", ".join(literal(s) for s in schemas))
    return (
        "SELECT nspname FROM pg_namespace WHERE nspname = ANY({0}) AND has_schema_privilege(oid, 'CREATE') "
        "ORDER BY array_position({0}, nspname::text) LIMIT 1"
    ).format(names)


def run_table(name: str, schema: Optional[str]) -> str:
    """The run's zones table: unlogged in schema, or temporary (no parallel workers) without one."""
    return qualified(schema, name) if schema else ident(name)


def zone_statements(
    rows: Iterable[tuple], srid: int, metric_srid: int, table: str, unlogged: bool = True
) -> Iterator[str]:
    """Statements creating the run's zones table (GiST indexed) from rows (index, key, id, name,
    priority rank, smallest rank, key bit, WKB in the input's CRS, metric WKB or None when overlaps are
    not measured or measured in the input's CRS); table as run_table(). Made one at a time, each INSERT
    holding at most about INSERT_BYTES of geometry, so that zones with many vertices never sit in
    memory as one huge text. The geometries are stored uncompressed: compressing is slower than
    sending and every zone is read back many times."""
    yield (
        "CREATE {} TABLE {} (i integer PRIMARY KEY, zone_key text, zone_id text, zone_name text, "
        "prank integer, srank integer, kbit integer, geom geometry, metric geometry){}".format(
            "UNLOGGED" if unlogged else "TEMPORARY",
            table,
            " WITH (parallel_workers = {})".format(PARALLEL_WORKERS) if unlogged else "",
        )
    )
    yield (
        "ALTER TABLE {} ALTER COLUMN geom SET STORAGE EXTERNAL, ALTER COLUMN metric SET STORAGE EXTERNAL"
    ).format(table)
    values, size = [], 0
    for i, key, zone_id, name, prank, srank, kbit, wkb, metric in rows:
        values.append(
            "({}, {}, {}, {}, {}, {}, {}, {}, {})".format(
                i,
                literal(key),
                literal(zone_id),
                literal(name),
                prank,
                srank,
                kbit,
                geometry(wkb, srid),
                geometry(metric, metric_srid),
            )
        )
        size += len(wkb or b"") + len(metric or b"")
        if len(values) >= INSERT_BATCH or size >= INSERT_BYTES:
            yield "INSERT INTO {} VALUES {}".format(table, ", ".join(values))
            values, size = [], 0
    if values:
        yield "INSERT INTO {} VALUES {}".format(table, ", ".join(values))
    yield "CREATE INDEX ON {} USING gist (geom)".format(table)
    yield "ANALYZE {}".format(table)


def types_array(masks: Sequence[tuple]) -> str:
    """mask -> zone_types text as an array literal indexed by the mask (masks 1, 2, … in order);
    a NULL or 0 mask gives NULL."""
    texts = dict(masks)
    top = max(texts) if texts else 0
    return "(ARRAY[{}]::text[])".format(", ".join(literal(texts.get(m)) for m in range(1, top + 1)) or "NULL")


def hits_select(
    source: str,
    key: str,
    geom: str,
    rule: str,
    zones: str,
    metric_srid: Optional[int],
    points: bool,
    metric: str = "metric",
) -> str:
    """Per input row touching a zone: its key (pk), zone count (n), key mask and the rank of the
    winning zone (best, a prank or srank, see rank_column).

    One join driven by the zones (through the input's GiST index), grouped by the input's key: the
    winner is the lowest rank (priority, smallest) or, for largest_overlap, the first by overlap rounded
    to the millimetre, then priority (overlaps decide only between several zones and never for points,
    as on the other paths). source: the qualified input table; key, geom: its key and geometry columns
    (unquoted); metric_srid: the CRS overlaps are measured in when it is not the input's (None: same);
    points: the input holds points only (no overlaps to measure)."""
    g = "s.{}".format(ident(geom))
    if rule == RULE_LARGEST_OVERLAP and not points:
        measured = g if metric_srid is None else "ST_Transform({}, {})".format(g, int(metric_srid))
        overlap = (
            "CASE ST_Dimension({g}) WHEN 1 THEN ST_Length(ST_Intersection({m}, z.{z})) "
            "WHEN 2 THEN ST_Area(ST_Intersection({m}, z.{z})) END"
        ).format(g=g, m=measured, z=metric)
        best = (
            "CASE WHEN count(*) > 1 AND max(ST_Dimension({g})) > 0 THEN (array_agg(z.prank ORDER BY "
            "{units} DESC, z.prank))[1] ELSE min(z.prank) END"
        ).format(g=g, units=overlap_units(overlap))
    else:
        best = "min(z.{})".format(rank_column(rule))
    return (
        "SELECT s.{k} AS pk, count(*) AS n, bit_or(z.kbit) AS mask, {best} AS best "
        "FROM {zones} z JOIN {source} s ON ST_Intersects({g}, z.geom) GROUP BY s.{k}"
    ).format(k=ident(key), best=best, zones=zones, source=source, g=g)


def overlap_units(expression: str, decimals: int = OVERLAP_DECIMALS) -> str:
    """SQL of core/tagging/overlap.py's overlap_units: floor(value * 10^decimals + 0.5) in float8, the same
    IEEE operations as in Python and numpy; NULL and NaN are 0."""
    return "COALESCE(floor(NULLIF(({})::float8, 'NaN') * {}::float8 + 0.5::float8), 0)".format(
        expression, repr(10.0**decimals)
    )


def rank_column(rule: str) -> str:
    """The zones' rank column the winner is named by: srank for smallest, else prank."""
    return "srank" if rule == RULE_SMALLEST else "prank"


def output_select(
    source: str,
    key: str,
    columns: Sequence[str],
    geom: str,
    rule: str,
    zones: str,
    hits: str,
    types: str,
    belt: Optional[str] = None,
    order: bool = False,
) -> str:
    """The output rows: the kept input columns, the geometry, then the six tag fields, computed inline
    from hits (hits_select) by one left join; belt: the belt's geometry literal (None: no BELT, NULL
    in_belt). NULL and empty geometries keep NULL tags."""
    kept = ", ".join("s.{}".format(ident(c)) for c in columns)
    g = "s.{}".format(ident(geom))
    empty = "({g} IS NULL OR ST_IsEmpty({g}))".format(g=g)
    in_belt = "NULL"
    if belt is not None:
        in_belt = "CASE WHEN {e} THEN NULL WHEN ST_Intersects({g}, {b}) THEN 1 ELSE 0 END".format(
            e=empty, g=g, b=belt
        )
    return (
        "SELECT {kept}{sep}{g}, z.zone_key AS zone_type, z.zone_id AS zone_id, z.zone_name AS zone_name, "
        "{types}[h.mask] AS zone_types, (CASE WHEN {e} THEN NULL ELSE COALESCE(h.n, 0) END)::integer "
        "AS zone_count, ({in_belt})::integer AS in_belt "
        "FROM {source} s LEFT JOIN ({hits}) h ON h.pk = s.{k} LEFT JOIN {zones} z ON z.{rank} = h.best{order}"
    ).format(
        kept=kept,
        sep=", " if kept else "",
        g=g,
        types=types,
        e=empty,
        in_belt=in_belt,
        source=source,
        hits=hits,
        k=ident(key),
        zones=zones,
        rank=rank_column(rule),
        order=" ORDER BY s.{}".format(ident(key)) if order else "",
    )


def stats_statement(table: str) -> str:
    """Per chosen zone type of an output table: (zone type, null geometry, tagged, untagged, edge,
    outside belt) counts, in one scan."""
    return (
        "SELECT zone_type, count(*) FILTER (WHERE zone_count IS NULL) AS null_geometry, "
        "count(*) FILTER (WHERE zone_count > 0) AS tagged, "
        "count(*) FILTER (WHERE COALESCE(zone_count, 0) = 0) AS untagged, "
        "count(*) FILTER (WHERE zone_count > 1) AS edge, count(*) FILTER (WHERE in_belt = 0) AS outside_belt "
        "FROM {} GROUP BY zone_type".format(table)
    )


def create_output_statements(target: str, select: str, key: str, geom: str, comment: str) -> List[str]:
    """CREATE TABLE ... AS (one statement, the tags inline), then its primary key, GiST index (a sorted
    build where PostgreSQL >= 14 and PostGIS >= 3.1 offer one: no option needed), comment, statistics."""
    return [
        "CREATE TABLE {} AS {}".format(target, select),
        "ALTER TABLE {} ADD PRIMARY KEY ({})".format(target, ident(key)),
        "CREATE INDEX ON {} USING gist ({})".format(target, ident(geom)),
        "COMMENT ON TABLE {} IS {}".format(target, literal(comment)),
        "ANALYZE {}".format(target),
    ]
