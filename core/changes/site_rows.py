"""The site changes of a comparison, computed in columns and turned into rows only when read."""

from typing import Dict, Iterator, Optional

import numpy as np

from .matching import KEY
from .site_table import differing

ADDED, REMOVED, MOVED, CHANGED, RETAGGED, UNCHANGED = (
    "added",
    "removed",
    "moved",
    "changed",
    "retagged",
    "unchanged",
)
SITE_KINDS = (ADDED, REMOVED, MOVED, CHANGED, RETAGGED, UNCHANGED)


def _describe(value) -> str:
    return "NULL" if value is None else str(value)


def _lookup(values, index: np.ndarray) -> np.ndarray:
    """values[index] as an object array, None where index is -1."""
    table = np.empty(len(values) + 1, dtype=object)
    table[: len(values)] = values
    table[-1] = None
    return table[index]


class SiteRows:
    """Every site of both years once (pairs, then removed, then added), as SITE_CHANGES rows on demand."""

    def __init__(self, tolerance, sb, sa, pairs, zb, za, tag_b, tag_a, same_zone: Dict[int, int]):
        self.sb, self.sa, self.pairs = sb, sa, pairs
        b, a = pairs.before, pairs.after
        self.b, self.a = b, a
        self.by_key = np.array([m == KEY for m in pairs.method], dtype=bool)
        hb, ha = sb.has_geom, sa.has_geom
        placed = hb[b] & ha[a]
        distance = np.hypot(*(sa.xy[a] - sb.xy[b]).T) if len(b) else np.zeros(0)
        self.moved = self.by_key & placed & (distance > tolerance)
        self.distance = distance
        self.geometry_changed = hb[b] != ha[a]
        self.diffs = differing(sb, sa, b, a)
        changed = self.geometry_changed.copy()
        for differ in self.diffs:
            changed |= differ
        self.changed = changed
        self.zone_b = (_lookup(zb.ids, tag_b), _lookup(zb.types, tag_b))
        self.zone_a = (_lookup(za.ids, tag_a), _lookup(za.types, tag_a))
        partner = np.full(len(zb.ids) + 1, -2, dtype=np.int64)
        for zone_b, zone_a in same_zone.items():
            partner[zone_b] = zone_a
        zb_of, za_of = tag_b[b], tag_a[a]
        same = ((zb_of < 0) & (za_of < 0)) | ((zb_of >= 0) & (partner[zb_of] == za_of))
        type_differs = self.zone_b[1][b] != self.zone_a[1][a]
        self.retagged = placed & (np.asarray(type_differs, dtype=bool) | ~same)
        self.counts = {
            ADDED: len(pairs.added),
            REMOVED: len(pairs.removed),
            MOVED: int(self.moved.sum()),
            CHANGED: int(self.changed.sum()),
            RETAGGED: int(self.retagged.sum()),
            UNCHANGED: int((~(self.moved | self.changed | self.retagged)).sum()),
        }

    def __len__(self) -> int:
        return len(self.b) + len(self.pairs.removed) + len(self.pairs.added)

    def moves(self) -> list:
        """The SITE_MOVES rows."""
        rows = []
        for k in np.flatnonzero(self.moved).tolist():
            a, b = int(self.a[k]), int(self.b[k])
            rows.append(
                {
                    "key": self.sa.key(a),
                    "name": self.sa.names[a],
                    "category": self.sa.category[a],
                    "moved_m": round(float(self.distance[k]), 2),
                    "xy_before": self.sb.xy[b],
                    "xy": self.sa.xy[a],
                }
            )
        return rows

    def fields_changed(self, k: int) -> str:
        """'name: old → new; …' of pair k."""
        b, a = int(self.b[k]), int(self.a[k])
        parts = []
        if self.geometry_changed[k]:
            parts.append(
                "geometry: {} → {}".format(
                    *("point" if g else "NULL" for g in (self.sb.has_geom[b], self.sa.has_geom[a]))
                )
            )
        for f, differ in enumerate(self.diffs):
            if differ[k]:
                parts.append(
                    "{}: {} → {}".format(
                        self.sb.fields[f], _describe(self.sb.value(b, f)), _describe(self.sa.value(a, f))
                    )
                )
        return "; ".join(parts)

    def __iter__(self) -> Iterator[dict]:
        sb, sa = self.sb, self.sa
        hb, ha = sb.has_geom, sa.has_geom
        for k in range(len(self.b)):
            b, a = int(self.b[k]), int(self.a[k])
            kinds = [
                kind
                for kind, flag in ((MOVED, self.moved), (CHANGED, self.changed), (RETAGGED, self.retagged))
                if flag[k]
            ]
            row = self._row(sa, a, kinds or [UNCHANGED], KEY if self.by_key[k] else "position", b, a)
            if self.moved[k]:
                row["moved_m"] = round(float(self.distance[k]), 2)
            if self.changed[k]:
                row["fields_changed"] = self.fields_changed(k)
            row["xy"] = sa.xy[a] if ha[a] else None
            row["xy_before"] = sb.xy[b] if hb[b] else None
            yield row
        for b in self.pairs.removed.tolist():
            row = self._row(sb, b, [REMOVED], None, b, None)
            row["year"] = "before"
            row["xy"] = row["xy_before"] = sb.xy[b] if hb[b] else None
            yield row
        for a in self.pairs.added.tolist():
            row = self._row(sa, a, [ADDED], None, None, a)
            row["xy"] = sa.xy[a] if ha[a] else None
            row["xy_before"] = None
            yield row

    def columns(self, start: int = 0, stop: Optional[int] = None) -> dict:
        """Rows start to stop (all by default) as columns (object arrays, same order as iterating; 'xy'
        an n x 2 array, NaN without a position): what a bulk writer needs, built without a dict per site."""
        sb, sa, pairs = self.sb, self.sa, self.pairs
        n_pairs, n_removed = len(self.b), len(pairs.removed)
        stop = len(self) if stop is None else min(stop, len(self))
        start = max(0, min(start, stop))

        def part(offset: int, length: int) -> slice:
            """The piece of one part (pairs, removed, added) inside rows start to stop."""
            return slice(min(max(start - offset, 0), length), min(max(stop - offset, 0), length))

        p, r, d = part(0, n_pairs), part(n_pairs, n_removed), part(n_pairs + n_removed, len(pairs.added))
        b, a, removed, added = self.b[p], self.a[p], pairs.removed[r], pairs.added[d]
        n_p = len(b)

        def joined(*parts):
            out = np.empty(sum(len(x) for x in parts), dtype=object)
            at = 0
            for values in parts:
                out[at : at + len(values)] = values
                at += len(values)
            return out

        def keys(table, rows):
            out = table.keys[rows].astype(object)
            out[table.key_null[rows]] = None
            return out

        moved, changed = self.moved[p], self.changed[p]
        code = moved.astype(np.int64) * 1 + changed.astype(np.int64) * 2 + self.retagged[p] * 4
        names = np.array(
            [
                ";".join(k for k, bit in ((MOVED, 1), (CHANGED, 2), (RETAGGED, 4)) if c & bit) or UNCHANGED
                for c in range(8)
            ],
            dtype=object,
        )
        moved_m = np.full(n_p, None, dtype=object)
        moved_m[moved] = np.round(self.distance[p][moved], 2).tolist()
        changed_text = np.full(n_p, None, dtype=object)
        for k in np.flatnonzero(changed).tolist():
            changed_text[k] = self.fields_changed(p.start + k)
        none_r, none_a = np.full(len(removed), None, dtype=object), np.full(len(added), None, dtype=object)
        matched = np.array(["position", KEY], dtype=object)[self.by_key[p].astype(np.int64)]  # 2 texts
        # object arrays, not lists: a bulk writer iterates them
        columns = {
            "key": joined(keys(sa, a), keys(sb, removed), keys(sa, added)),
            "change": joined(
                names[code], np.full(len(removed), REMOVED, object), np.full(len(added), ADDED, object)
            ),
            "matched_by": joined(matched, none_r, none_a),
            "moved_m": joined(moved_m, none_r, none_a),
            "fields_changed": joined(changed_text, none_r, none_a),
            "name": joined(sa.names[a], sb.names[removed], sa.names[added]),
            "category": joined(sa.category[a], sb.category[removed], sa.category[added]),
            "zone_id_b": joined(self.zone_b[0][b], self.zone_b[0][removed], none_a),
            "zone_id_a": joined(self.zone_a[0][a], none_r, self.zone_a[0][added]),
            "zone_type_b": joined(self.zone_b[1][b], self.zone_b[1][removed], none_a),
            "zone_type_a": joined(self.zone_a[1][a], none_r, self.zone_a[1][added]),
            "year": joined(
                np.full(n_p, "after", object),
                np.full(len(removed), "before", object),
                np.full(len(added), "after", object),
            ),
        }
        columns["xy"] = (
            np.vstack([sa.xy[a], sb.xy[removed], sa.xy[added]]) if stop > start else np.zeros((0, 2))
        )
        return columns

    def column_chunks(self, size: int = 100_000) -> Iterator[dict]:
        """columns() for rows 0 to size, size to 2 size, …: a million sites written without holding them
        all as objects at once."""
        for start in range(0, len(self), size):
            yield self.columns(start, start + size)

    def positions(self) -> np.ndarray:
        """Every row's position (n x 2, NaN without one), in the rows' order."""
        sa, sb, pairs = self.sa, self.sb, self.pairs
        return (
            np.vstack([sa.xy[self.a], sb.xy[pairs.removed], sa.xy[pairs.added]])
            if len(self)
            else np.zeros((0, 2))
        )

    def _row(self, table, i, kinds, how, b, a) -> dict:
        return {
            "key": table.key(i),
            "change": ";".join(kinds),
            "matched_by": how,
            "moved_m": None,
            "fields_changed": None,
            "name": table.names[i],
            "category": table.category[i],
            "zone_id_b": self.zone_b[0][b] if b is not None else None,
            "zone_id_a": self.zone_a[0][a] if a is not None else None,
            "zone_type_b": self.zone_b[1][b] if b is not None else None,
            "zone_type_a": self.zone_a[1][a] if a is not None else None,
            "year": "after",
        }
