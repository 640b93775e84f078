"""SQL text for tagging inside PostGIS: the prepared zones as a temporary table, the tags by window
functions, the output table and the counts.

The zones come from the same ZoneSet as the other paths (types normalised, invalid polygons repaired,
transformed, ranked in Python), so every path matches against the very same zones and ranks; the
database does the matching of the features, the overlaps, the rule and the counts.
"""

from typing import List, Optional, Sequence

from ..overlap import OVERLAP_DECIMALS
from ..tag_rule import RULE_LARGEST_OVERLAP, RULE_SMALLEST

ZONES_TABLE = "beltmap_zones"
TYPES_TABLE = "beltmap_types"
BELT_TABLE = "beltmap_belt"
TAGS_TABLE = "beltmap_tags"
# rows per INSERT when the zones are sent
INSERT_BATCH = 200


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
    """A geometry literal from WKB."""
    if wkb is None:
        return "NULL"
    return "ST_GeomFromWKB('\\x{}'::bytea, {})".format(bytes(wkb).hex(), int(srid))


def zone_statements(
    rows: Sequence[tuple], srid: int, metric_srid: int, temp: str = "ON COMMIT DROP"
) -> List[str]:
    """Statements creating the temporary zones table (GiST indexed) from rows
    (index, key, id, name, priority rank, smallest rank, key bit, WKB in the input's CRS, metric WKB)."""
    statements = [
        "CREATE TEMPORARY TABLE {} (i integer PRIMARY KEY, zone_key text, zone_id text, zone_name text, "
        "prank integer, srank integer, kbit integer, geom geometry, metric geometry) {}".format(
            ZONES_TABLE, temp
        )
    ]
    for start in range(0, len(rows), INSERT_BATCH):
        values = []
        for i, key, zone_id, name, prank, srank, kbit, wkb, metric in rows[start : start + INSERT_BATCH]:
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
        statements.append("INSERT INTO {} VALUES {}".format(ZONES_TABLE, ", ".join(values)))
    statements.append("CREATE INDEX ON {} USING gist (geom)".format(ZONES_TABLE))
    statements.append("ANALYZE {}".format(ZONES_TABLE))
    return statements


def types_statements(masks: Sequence[tuple], temp: str = "ON COMMIT DROP") -> List[str]:
    """The temporary table mask -> zone_types text (keys in priority order)."""
    statements = [
        "CREATE TEMPORARY TABLE {} (mask integer PRIMARY KEY, types text) {}".format(TYPES_TABLE, temp)
    ]
    if masks:
        values = ", ".join("({}, {})".format(mask, literal(text)) for mask, text in masks)
        statements.append("INSERT INTO {} VALUES {}".format(TYPES_TABLE, values))
    return statements


def belt_statements(wkb: Optional[bytes], srid: int, temp: str = "ON COMMIT DROP") -> List[str]:
    """The temporary one-row belt table (an empty belt: NULL geometry)."""
    return [
        "CREATE TEMPORARY TABLE {} (geom geometry) {}".format(BELT_TABLE, temp),
        "INSERT INTO {} VALUES ({})".format(BELT_TABLE, geometry(wkb, srid)),
    ]


def tags_statement(
    source: str,
    key: str,
    geom: str,
    rule: str,
    has_belt: bool,
    metric_srid: Optional[int],
    temp: str = "ON COMMIT DROP",
) -> str:
    """CREATE TEMPORARY TABLE beltmap_tags: per input row its key, zone_count, key mask, the rank of
    the winning zone (`best`, a prank or srank, see `rank_column`) and in_belt; NULL tags for a NULL or
    empty geometry.

    One pass over the input: each row looks up its zones through the GiST index in a LATERAL
    subquery that counts them, ORs their key bits and picks the winner: the lowest rank (priority,
    smallest) or, for largest_overlap, the first by overlap rounded to the millimetre, then priority.
    source: the qualified input table; key, geom: its key and geometry columns (unquoted);
    metric_srid: the CRS overlaps are measured in when it is not the input's (None: same).
    """
    g = "s.{}".format(ident(geom))
    if rule == RULE_LARGEST_OVERLAP:
        measured = g if metric_srid is None else "ST_Transform({}, {})".format(g, int(metric_srid))
        overlap = (
            "CASE ST_Dimension({g}) WHEN 1 THEN ST_Length(ST_Intersection({m}, z.metric)) "
            "WHEN 2 THEN ST_Area(ST_Intersection({m}, z.metric)) END"
        ).format(g=g, m=measured)
        # overlaps decide only between several zones, as on the other paths (points: priority)
        best = (
            "CASE WHEN count(*) > 1 AND ST_Dimension({g}) > 0 THEN (array_agg(z.prank ORDER BY "
            "{units} DESC, z.prank))[1] ELSE min(z.prank) END"
        ).format(g=g, units=overlap_units(overlap))
    else:
        best = "min(z.{})".format(rank_column(rule))
    empty = "({g} IS NULL OR ST_IsEmpty({g}))".format(g=g)
    in_belt, belt_join = "NULL", ""
    if has_belt:
        in_belt = "CASE WHEN {e} THEN NULL WHEN ST_Intersects({g}, b.geom) THEN 1 ELSE 0 END".format(
            e=empty, g=g
        )
        belt_join = " CROSS JOIN {} b".format(BELT_TABLE)
    return (
        "CREATE TEMPORARY TABLE {tags} {temp} AS "
        "SELECT s.{k} AS pk, (CASE WHEN {e} THEN NULL ELSE h.n END)::integer AS zone_count, "
        "h.mask::integer AS mask, h.best::integer AS best, ({in_belt})::integer AS in_belt "
        "FROM {source} s{belt_join} CROSS JOIN LATERAL (SELECT count(*) AS n, bit_or(z.kbit) AS mask, "
        "{best} AS best FROM {zones} z WHERE ST_Intersects({g}, z.geom)) h"
    ).format(
        tags=TAGS_TABLE,
        temp=temp,
        k=ident(key),
        e=empty,
        in_belt=in_belt,
        source=source,
        belt_join=belt_join,
        best=best,
        zones=ZONES_TABLE,
        g=g,
    )


def overlap_units(expression: str, decimals: int = OVERLAP_DECIMALS) -> str:
    """SQL of core/overlap.py's overlap_units: floor(value * 10^decimals + 0.5) in float8, the same
    IEEE operations as in Python and numpy; NULL and NaN are 0."""
    return "COALESCE(floor(NULLIF(({})::float8, 'NaN') * {}::float8 + 0.5::float8), 0)".format(
        expression, repr(10.0**decimals)
    )


def rank_column(rule: str) -> str:
    """The zones' rank column the winner is named by: srank for smallest, else prank."""
    return "srank" if rule == RULE_SMALLEST else "prank"


def output_select(
    source: str, key: str, columns: Sequence[str], geom: str, rule: str, order: bool = True
) -> str:
    """The output rows: the kept input columns, the geometry, then the six tag fields."""
    kept = ", ".join("s.{}".format(ident(c)) for c in columns)
    return (
        "SELECT {kept}{sep}s.{g}, z.zone_key AS zone_type, z.zone_id AS zone_id, z.zone_name AS zone_name, "
        "ty.types AS zone_types, t.zone_count AS zone_count, t.in_belt AS in_belt "
        "FROM {source} s JOIN {tags} t ON t.pk = s.{k} LEFT JOIN {zones} z ON z.{rank} = t.best "
        "LEFT JOIN {types} ty ON ty.mask = t.mask{order}"
    ).format(
        kept=kept,
        sep=", " if kept else "",
        g=ident(geom),
        source=source,
        tags=TAGS_TABLE,
        k=ident(key),
        zones=ZONES_TABLE,
        types=TYPES_TABLE,
        rank=rank_column(rule),
        order=" ORDER BY s.{}".format(ident(key)) if order else "",
    )


def stats_statements(rule: str) -> List[str]:
    """Two queries: (null geometry, tagged, untagged, edge, outside belt) and (zone key, count)."""
    return [
        "SELECT count(*) FILTER (WHERE zone_count IS NULL) AS null_geometry, "
        "count(*) FILTER (WHERE zone_count > 0) AS tagged, "
        "count(*) FILTER (WHERE COALESCE(zone_count, 0) = 0) AS untagged, "
        "count(*) FILTER (WHERE zone_count > 1) AS edge, "
        "count(*) FILTER (WHERE in_belt = 0) AS outside_belt FROM {}".format(TAGS_TABLE),
        "SELECT z.zone_key, count(*) AS n FROM {} t JOIN {} z ON z.{} = t.best GROUP BY z.zone_key".format(
            TAGS_TABLE, ZONES_TABLE, rank_column(rule)
        ),
    ]


def create_output_statements(target: str, select: str, key: str, geom: str, comment: str) -> List[str]:
    """CREATE TABLE ... AS, its primary key, GiST index and comment."""
    return [
        "CREATE TABLE {} AS {}".format(target, select),
        "ALTER TABLE {} ADD PRIMARY KEY ({})".format(target, ident(key)),
        "CREATE INDEX ON {} USING gist ({})".format(target, ident(geom)),
        "COMMENT ON TABLE {} IS {}".format(target, literal(comment)),
        "ANALYZE {}".format(target),
    ]
