"""Build the illustrative (示意) demo belt GeoPackage from the landmark table and real OSM roads.

build_demo.py --out data/demo_belt.gpkg                   build from the copies in data/sources
build_demo.py --refresh-sources ../shared/data --out ...  first re-copy and re-clip the shared sources

Deterministic: seeded randomness only, fixed GeoPackage timestamps, coordinates on a 1e-7 degree grid.
"""

import argparse
import csv
import json
import os
import random
import shutil
import sys
from pathlib import Path

import pkgroot  # scripts/pkgroot.py: import beltmap without the repository root on sys.path
import shapely
from osgeo import gdal, ogr, osr
from shapely import affinity
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, shape
from shapely.ops import unary_union

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "data" / "sources"
LANDMARKS_CSV = "anting_landmarks.csv"
ROADS_GEOJSON = "osm_anting_roads.geojson"
SHARED_OSM = Path("osm") / "osm_jiading_signal_intersections.geojson"

BBOX = (121.16, 31.265, 121.22, 31.300)  # lon/lat bounds the belt must lie in
ROADS_CLIP = (121.145, 31.255, 121.235, 31.310)  # ways touching this box are copied into data/sources
GRID = 1e-7  # degrees (about 1 cm): every stored coordinate lies on this grid
SEED = 20240611
FIXED_DATE = "2024-06-11T00:00:00Z"

SOURCE_NOTE = (
    "Sources: Anting landmark table (Belt Map data/sources/anting_landmarks.csv); "
    "roads © OpenStreetMap contributors, ODbL 1.0. CRS EPSG:4490 (CGCS2000, equal to WGS84 here)."
)


pkgroot.expose_package()

from beltmap.core.base.proj_data import with_proj_data  # noqa: E402
from beltmap.core.base.site_categories import site_category  # noqa: E402
from beltmap.core.base.zone_types import ZONE_KEYS  # noqa: E402


def _transformers():
    """Coordinate transforms EPSG:4490 <-> EPSG:4549 (x = lon/easting, y = lat/northing)."""
    os.environ.update(with_proj_data(os.environ))  # Debian's proj-data: pyproj in a venv misses it
    import pyproj

    fwd = pyproj.Transformer.from_crs(4490, 4549, always_xy=True)
    inv = pyproj.Transformer.from_crs(4549, 4490, always_xy=True)
    return fwd, inv


TO_M, TO_DEG = _transformers()


def to_metres(geom):
    """A lon/lat geometry in EPSG:4549 metres."""
    return shapely.transform(geom, lambda xy: _apply(TO_M, xy))


def to_degrees(geom):
    """An EPSG:4549 geometry in lon/lat (EPSG:4490), snapped to the storage grid."""
    return shapely.set_precision(shapely.transform(geom, lambda xy: _apply(TO_DEG, xy)), GRID)


def _apply(transformer, xy):
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    xy = xy.copy()
    xy[:, 0], xy[:, 1] = x, y
    return xy


# ---------------------------------------------------------------------------------------------- sources


def refresh_sources(shared_data: Path) -> None:
    """Copy the landmark table and clip the OSM ways near the belt into data/sources."""
    SOURCES.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shared_data / LANDMARKS_CSV, SOURCES / LANDMARKS_CSV)
    data = json.loads((shared_data / SHARED_OSM).read_text(encoding="utf-8"))
    clip = box(*ROADS_CLIP)
    features = []
    for feature in data["features"]:
        props = feature["properties"]
        geom = feature["geometry"]
        if props.get("type") != "way" or geom["type"] != "LineString":
            continue
        if not shape(geom).intersects(clip):
            continue
        tags = props.get("tags") or {}
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "way_id": props["way_id"],
                    "name": tags.get("name"),
                    "name:en": tags.get("name:en"),
                    "highway": tags.get("highway"),
                },
                "geometry": geom,
            }
        )
    features.sort(key=lambda f: f["properties"]["way_id"])
    unique = [f for i, f in enumerate(features) if i == 0 or f != features[i - 1]]
    text = json.dumps({"type": "FeatureCollection", "features": unique}, ensure_ascii=False)
    (SOURCES / ROADS_GEOJSON).write_text(text.replace('{"type": "Feature"', '\n{"type": "Feature"'), "utf-8")


def load_landmarks():
    """The landmark rows of data/sources/anting_landmarks.csv, coordinates as floats."""
    with open(SOURCES / LANDMARKS_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["lon"], row["lat"] = float(row["lon"]), float(row["lat"])
    return rows


# OSM ways that have a Chinese name but no name:en; English given here so English labels stay English
MISSING_ROAD_EN = {"于田南路": "Yutian South Road", "花安路": "Hua'an Road"}


def load_roads():
    """The clipped OSM ways: list of dicts with way_id, name, name_en, highway and lon/lat geometry."""
    data = json.loads((SOURCES / ROADS_GEOJSON).read_text(encoding="utf-8"))
    roads = []
    for feature in data["features"]:
        props = feature["properties"]
        roads.append(
            {
                "osm_id": int(props["way_id"]),
                "name": props.get("name") or "",
                "name_en": props.get("name:en") or MISSING_ROAD_EN.get(props.get("name") or "", ""),
                "highway": props.get("highway") or "",
                "geometry": shape(feature["geometry"]),
            }
        )
    return roads


# ---------------------------------------------------------------------------------------------- belt


def _way(roads, way_id, reverse=False):
    coords = list(next(r for r in roads if r["osm_id"] == way_id)["geometry"].coords)
    return coords[::-1] if reverse else coords


WEST_EDGE = 121.1635  # west of the Auto Museum and the Auto Expo Park
LOBE_EAST_EDGE = 121.1865  # east of the SAIC-VW base, north of 曹安公路


def _caoan(lon):
    """A point on 曹安公路 where OSM has a gap: straight between the mapped ends at 121.1581 and 121.2073."""
    (x0, y0), (x1, y1) = (121.1581, 31.2908), (121.2073, 31.2836)
    return lon, y0 + (y1 - y0) * (lon - x0) / (x1 - x0)


def belt_outline(roads):
    """The belt ring in lon/lat: along 曹安公路 (north), 新黄路 (east), 博园路 and 北安德路 (south)."""
    ring = [_caoan(WEST_EDGE), _caoan(121.1713)]
    ring += _way(roads, 70356666, reverse=True)  # 米泉南路 north to 昌吉路
    ring += _way(roads, 321303386, reverse=True)[1:] + _way(roads, 27583017, reverse=True)  # 昌吉路 east
    ring += _way(roads, 424120526)  # 昌吉东路
    ring += [(LOBE_EAST_EDGE, 31.2972), _caoan(LOBE_EAST_EDGE)]  # east of the SAIC-VW base, back to 曹安公路
    ring += _way(roads, 424143551) + _way(roads, 102781029) + _way(roads, 102780890)  # 曹安公路 east
    ring += _way(roads, 171537754)  # 新黄路
    ring += _way(roads, 424120520) + _way(roads, 108843209)  # 博园路 west
    ring += _way(roads, 108843199) + _way(roads, 163748515)
    ring += _way(roads, 325845932)[:1]  # 博园路 near 于田南路
    ring += _way(roads, 414784541)[20:] + _way(roads, 375822882)[1:]  # 北安德路
    ring += [(WEST_EDGE, 31.2760)]
    return ring


def build_belt(roads):
    """The belt polygon in EPSG:4549."""
    polygon = Polygon(belt_outline(roads))
    assert polygon.is_valid, shapely.is_valid_reason(polygon)
    # where 博园路 dips south of the evidence box (121.205-121.214 E), the edge runs along 31.2652 N
    west, south, east, north = BBOX
    return to_metres(polygon.intersection(box(west, south + 0.0002, east, north)))


# ---------------------------------------------------------------------------------------------- zones

MAIN_ROADS = ("曹安公路", "博园路", "嘉松北路")
GAP_M = 25.0  # half the width of the strip between neighbouring zones (roads, verges)


def _lonlat_m(lon, lat):
    return to_metres(Point(lon, lat))


def named_roads_m(roads):
    """Each road name -> (English name, the merged way geometry in metres)."""
    by_name = {}
    for road in roads:
        if road["name"]:
            by_name.setdefault(road["name"], [road["name_en"], []])[1].append(road["geometry"])
    return {name: (en, to_metres(unary_union(geoms))) for name, (en, geoms) in sorted(by_name.items())}


def landmark_zones(landmarks):
    """The named zones drawn around landmarks, in metres: (zone_type, zh, en, note, geometry)."""
    at = {row["key"]: _lonlat_m(row["lon"], row["lat"]) for row in landmarks}
    museum, port, saic = at["auto_museum"], at["innovation_port"], at["saic_vw_anting"]

    def rect(centre, dx, dy, w, h):
        return box(centre.x + dx - w / 2, centre.y + dy - h / 2, centre.x + dx + w / 2, centre.y + dy + h / 2)

    lake = affinity.scale(museum.buffer(1.0), 430, 260).buffer(0)
    lake = affinity.translate(lake, 180, -260)
    return [
        (
            "exhibition",
            "上海汽车博物馆展区(示意)",
            "Shanghai Auto Museum exhibition area (illustrative)",
            "围绕汽车博物馆(置信度B,±300 m)的示意范围",
            museum.buffer(230),
        ),
        (
            "scenic",
            "汽车博览公园湖区景区(示意)",
            "Auto Expo Park lake scenic area (illustrative)",
            "安亭老街在实践带外;以汽车博览公园的绿地水面作示意景区",
            lake,
        ),
        (
            "park",
            "汽车·创新港园区(示意)",
            "Auto Innovation Port park (illustrative)",
            "围绕汽车·创新港(置信度B/C,±150 m)的示意范围",
            rect(port, 0, 0, 900, 700),
        ),
        (
            "exhibition",
            "创新港展示中心展区(示意)",
            "Innovation Port showroom exhibition area (illustrative)",
            "园区内的示意展区,与园区重叠",
            rect(port, 120, 60, 260, 200),
        ),
        (
            "park",
            "上汽大众安亭基地园区(示意)",
            "SAIC Volkswagen Anting base park (illustrative)",
            "仅知于田路位置(置信度C,±1000 m),范围为示意",
            rect(saic, 60, 10, 900, 620),
        ),
        (
            "park",
            "嘉松北路科创园区(示意)",
            "Jiasong North Road tech park (illustrative)",
            "曹安公路与嘉松北路之间的示意园区",
            rect(_lonlat_m(121.2075, 31.2775), 0, 0, 700, 600),
        ),
        (
            "exhibition",
            "嘉松北路新能源汽车展区(示意)",
            "Jiasong North Road NEV exhibition area (illustrative)",
            "园区与街区交界处的示意展区",
            rect(_lonlat_m(121.2105, 31.2755), 0, 0, 280, 240),
        ),
        (
            "scenic",
            "博园路沿线绿地景区(示意)",
            "Boyuan Road green strip scenic area (illustrative)",
            "博园路沿线绿地的示意景区",
            rect(_lonlat_m(121.1955, 31.2685), 0, 0, 420, 220),
        ),
    ]


def block_cells(belt, taken, rng):
    """Voronoi blocks of the belt outside the landmark zones, each shrunk to leave a gap, in metres."""
    minx, miny, maxx, maxy = belt.bounds
    step = 600.0
    seeds = []
    y = miny + step / 2
    while y < maxy:
        x = minx + step / 2
        while x < maxx:
            seed = Point(x + rng.uniform(-150, 150), y + rng.uniform(-150, 150))
            if belt.contains(seed):
                seeds.append(seed)
            x += step
        y += step
    cells = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=belt.buffer(1000))
    free = belt.difference(taken.buffer(GAP_M * 2))
    blocks = []
    for cell in sorted(cells.geoms, key=lambda g: (round(g.centroid.y), round(g.centroid.x))):
        part = cell.intersection(free).buffer(-GAP_M, join_style="mitre")
        part = max(getattr(part, "geoms", [part]), key=lambda g: g.area, default=None)
        if part is not None and part.area >= 60_000:
            blocks.append(part)
    return blocks


def build_zones(belt, roads, landmarks, rng):
    """All zones in metres: dicts with zone_id, name, name_en, zone_type, note and geometry."""
    zones = [
        {"zone_type": kind, "name": zh, "name_en": en, "note": note, "geometry": geom.intersection(belt)}
        for kind, zh, en, note, geom in landmark_zones(landmarks)
    ]
    taken = unary_union([z["geometry"] for z in zones])
    named = named_roads_m(roads)
    caoan_gap = to_metres(LineString([_caoan(121.1581), _caoan(121.2073)]))
    main = unary_union([named[name][1] for name in MAIN_ROADS] + [caoan_gap])
    used = {}
    for block in block_cells(belt, taken, rng):
        kind = "street" if block.distance(main) < 80 and block.centroid.distance(main) < 300 else "community"
        road = min(named, key=lambda name: (named[name][1].distance(block.centroid), name))
        road_zh, road_en = road.split("•")[-1].strip(), named[road][0] or road
        used[(road, kind)] = used.get((road, kind), 0) + 1
        number = used[(road, kind)]
        zh_kind, en_kind = ("街区", "street block") if kind == "street" else ("社区", "community")
        zones.append(
            {
                "zone_type": kind,
                "name": "{}{}{}(示意)".format(road_zh, "一二三四五六七八九十"[number - 1], zh_kind),
                "name_en": "{} {} {} (illustrative)".format(road_en, en_kind, number),
                "note": "按最近道路命名的示意{}".format(zh_kind),
                "geometry": block,
            }
        )
    zones.sort(key=lambda z: (-round(z["geometry"].centroid.y, -1), round(z["geometry"].centroid.x, -1)))
    for number, zone in enumerate(zones, start=1):
        zone["zone_id"] = "Z{:02d}".format(number)
    return zones


# ---------------------------------------------------------------------------------------------- sites

DEMO_CATEGORIES = ("service_station", "enterprise", "institute", "facility", "residential", "school")
CATEGORIES = {key: (site_category(key).name_zh, site_category(key).name_en) for key in DEMO_CATEGORIES}

# what a zone of each type holds: category -> number of sites
SITES_PER_ZONE = {
    "community": {"residential": 3, "service_station": 1, "facility": 2, "school": 1},
    "street": {"enterprise": 3, "facility": 2, "service_station": 1, "residential": 1},
    "park": {"enterprise": 12, "institute": 4, "service_station": 1, "facility": 2},
    "exhibition": {"facility": 2, "enterprise": 2},
    "scenic": {"facility": 3},
}

SITE_NAMES = {  # category -> (中文 stem, English stem) choices for generated sites
    "enterprise": [
        ("智能驾驶", "Autonomous driving"),
        ("新能源汽车", "NEV"),
        ("汽车零部件", "Auto parts"),
        ("车联网", "Connected vehicle"),
        ("汽车检测", "Vehicle testing"),
        ("汽车软件", "Automotive software"),
        ("动力电池", "Traction battery"),
        ("汽车设计", "Car design"),
    ],
    "institute": [
        ("智能网联汽车研究所", "Intelligent connected vehicle institute"),
        ("电驱动研究中心", "Electric drive research centre"),
        ("轻量化材料实验室", "Lightweight materials lab"),
        ("汽车安全研究中心", "Vehicle safety research centre"),
        ("燃料电池研究所", "Fuel cell institute"),
    ],
    "facility": [
        ("社区卫生服务站", "Community health station"),
        ("公交站", "Bus stop"),
        ("公共停车场", "Public car park"),
        ("充电站", "Charging station"),
        ("文化活动中心", "Cultural centre"),
        ("健身点", "Fitness point"),
        ("公共厕所", "Public toilet"),
    ],
    "residential": [
        ("安居苑", "Anju Garden"),
        ("博园里", "Boyuan Li"),
        ("驰景苑", "Chijing Garden"),
        ("和悦府", "Heyue"),
    ],
    "school": [("幼儿园", "Kindergarten"), ("小学", "Primary school")],
}

# landmarks that are sites (road junctions are not): key -> category
LANDMARK_CATEGORIES = {
    "station_autocity": "facility",
    "station_changjidong": "facility",
    "auto_museum": "facility",
    "tongji_jiading": "institute",
    "innovation_port": "enterprise",
    "saic_vw_anting": "enterprise",
    "auto_city_hq": "enterprise",
}


def is_approximate(confidence: str) -> bool:
    """True for a landmark graded C (also 'B/C'): its position must be shown as approximate."""
    return "C" in confidence.upper()


def random_point_in(area, rng):
    """A seeded random point inside a polygon (metres)."""
    minx, miny, maxx, maxy = area.bounds
    while True:
        point = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if area.contains(point):
            return point


def _generated_site(category, point, number, rng, zone=None):
    zh_cat, en_cat = CATEGORIES[category]
    if category == "service_station":
        stem_zh = zone["name"].replace("(示意)", "") if zone else "安驰路"
        stem_en = zone["name_en"].replace(" (illustrative)", "") if zone else "Anchi Road"
        name, name_en = (
            "{}党群服务站{:03d}".format(stem_zh, number),
            "{} service station {:03d}".format(stem_en, number),
        )
    else:
        stem_zh, stem_en = rng.choice(SITE_NAMES[category])
        suffix_zh, suffix_en = ("企业", " enterprise") if category == "enterprise" else ("", "")
        name = "{}{}{:03d}".format(stem_zh, suffix_zh, number)
        name_en = "{}{} {:03d}".format(stem_en, suffix_en, number)
    return {
        "name": name,
        "name_en": name_en,
        "category": category,
        "approx": 0,
        "source": "generated",
        "geometry": point,
    }


def build_sites(belt, zones, landmarks, rng):
    """All sites in metres except the ones on zone boundaries (added in degrees by the caller)."""
    sites = []
    west, south, east, north = BBOX
    for row in landmarks:
        category = LANDMARK_CATEGORIES.get(row["key"])
        if category is None or not (west <= row["lon"] <= east and south <= row["lat"] <= north):
            continue
        approx = is_approximate(row["confidence"])
        sites.append(
            {
                "name": row["name_zh"] + ("(位置近似)" if approx else ""),
                "name_en": row["name_en"] + (" (approximate position)" if approx else ""),
                "category": category,
                "approx": int(approx),
                "source": "anting_landmarks.csv:" + row["key"],
                "geometry": _lonlat_m(row["lon"], row["lat"]),
            }
        )
    for zone in zones:
        for category, count in SITES_PER_ZONE[zone["zone_type"]].items():
            for _ in range(count):
                point = random_point_in(zone["geometry"], rng)
                sites.append(_generated_site(category, point, len(sites) + 1, rng, zone))
    gaps = belt.difference(unary_union([z["geometry"] for z in zones]))
    for category in ["service_station", "facility", "facility", "enterprise"] * 3:
        sites.append(_generated_site(category, random_point_in(gaps, rng), len(sites) + 1, rng))
    box_m = to_metres(box(*BBOX))
    just_outside = belt.buffer(250).difference(belt.buffer(20)).intersection(box_m)
    for category in ["enterprise", "facility", "residential", "enterprise"]:
        sites.append(_generated_site(category, random_point_in(just_outside, rng), len(sites) + 1, rng))
    return sites


def boundary_sites(zones_deg, start):
    """Two sites placed exactly on a stored vertex of a zone boundary (lon/lat)."""
    sites = []
    for offset, zone in enumerate(z for z in zones_deg if z["zone_type"] in ("community", "street")):
        if offset >= 2:
            break
        ring = max(getattr(zone["geometry"], "geoms", [zone["geometry"]]), key=lambda g: g.area).exterior
        point = Point(ring.coords[len(ring.coords) // 3])
        number = start + offset
        sites.append(
            {
                "name": "{}边界便民服务点{:03d}".format(zone["name"].replace("(示意)", ""), number),
                "name_en": "Service point {:03d} on the edge of {}".format(number, zone["zone_id"]),
                "category": "facility",
                "approx": 0,
                "source": "generated (on a zone boundary)",
                "geometry": point,
            }
        )
    return sites


# ---------------------------------------------------------------------------------------------- output

FIELD_ALIASES = {
    "name": "名称",
    "name_en": "英文名称",
    "area_km2": "面积(平方公里)",
    "zone_id": "区域编号",
    "zone_type": "区域类型",
    "note": "说明",
    "site_id": "点位编号",
    "category": "类别",
    "cat_zh": "类别(中文)",
    "approx": "位置近似",
    "source": "来源",
    "highway": "道路等级",
    "osm_id": "OSM编号",
}

LAYERS = {  # name -> (geometry type, [(field, OGR type)], identifier, description)
    "belt": (
        ogr.wkbMultiPolygon,
        [("name", ogr.OFTString), ("name_en", ogr.OFTString), ("area_km2", ogr.OFTReal)],
        "安驰路产城融合实践带范围(示意) / Anchi Road belt boundary (illustrative)",
        "示意 / illustrative: belt boundary drawn along real OSM roads between 博园路 and 曹安公路; "
        "no official boundary is public.",
    ),
    "zones": (
        ogr.wkbMultiPolygon,
        [(f, ogr.OFTString) for f in ("zone_id", "name", "name_en", "zone_type", "note")],
        "实践带分区(示意) / Belt zones (illustrative)",
        "示意 / illustrative: zones drawn around public landmarks and as blocks between roads; "
        "zone_type keys: " + ", ".join(ZONE_KEYS) + ".",
    ),
    "sites": (
        ogr.wkbPoint,
        [(f, ogr.OFTString) for f in ("site_id", "name", "name_en", "category", "cat_zh")]
        + [("approx", ogr.OFTInteger), ("source", ogr.OFTString)],
        "点位(示意) / Sites (illustrative)",
        "示意 / illustrative: landmark sites from the landmark table (approx = 1 where the position is "
        "approximate, grade C) and generated placeholder sites.",
    ),
    "roads": (
        ogr.wkbLineString,
        [
            ("name", ogr.OFTString),
            ("name_en", ogr.OFTString),
            ("highway", ogr.OFTString),
            ("osm_id", ogr.OFTInteger64),
        ],
        "道路(OpenStreetMap) / Roads (OpenStreetMap)",
        "示意 / illustrative context: real OpenStreetMap ways near the belt (partial network: only ways "
        "touching a mapped traffic signal).",
    ),
}


def write_gpkg(path: Path, features_by_layer) -> None:
    """Write the four layers (lon/lat geometries, EPSG:4490) with titles, descriptions and aliases."""
    gdal.SetConfigOption("OGR_CURRENT_DATE", FIXED_DATE)
    gdal.UseExceptions()
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    for layer_name, (geom_type, fields, identifier, description) in LAYERS.items():
        options = [
            "FID=fid",
            "GEOMETRY_NAME=geom",
            "IDENTIFIER=" + identifier,
            "DESCRIPTION=" + description + " " + SOURCE_NOTE,
        ]
        layer = dataset.CreateLayer(layer_name, srs, geom_type, options=options)
        for field_name, field_type in fields:
            definition = ogr.FieldDefn(field_name, field_type)
            definition.SetAlternativeName(FIELD_ALIASES[field_name])
            layer.CreateField(definition)
        layer.StartTransaction()
        for record in features_by_layer[layer_name]:
            feature = ogr.Feature(layer.GetLayerDefn())
            for field_name, _ in fields:
                feature.SetField(field_name, record[field_name])
            geometry = record["geometry"]
            if geom_type == ogr.wkbMultiPolygon and geometry.geom_type == "Polygon":
                geometry = MultiPolygon([geometry])
            feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(geometry)))
            layer.CreateFeature(feature)
        layer.CommitTransaction()
    dataset = None


def build(out: Path) -> dict:
    """Build every layer and write the GeoPackage; returns feature counts and the belt area."""
    rng = random.Random(SEED)
    roads, landmarks = load_roads(), load_landmarks()
    belt_m = build_belt(roads)
    belt = to_degrees(belt_m)
    area_km2 = round(to_metres(belt).area / 1e6, 3)

    zones = []
    for zone in build_zones(belt_m, roads, landmarks, rng):
        geometry = shapely.intersection(to_degrees(zone["geometry"]), belt, grid_size=GRID)
        zones.append(dict(zone, geometry=geometry))

    sites = [
        dict(s, geometry=to_degrees(s["geometry"]))
        for s in build_sites(belt_m, zones_m(zones), landmarks, rng)
    ]
    sites += boundary_sites(zones, len(sites) + 1)
    for number, site in enumerate(sites, start=1):
        site["site_id"] = "S{:03d}".format(number)
        site["cat_zh"] = CATEGORIES[site["category"]][0]

    near = belt_m.buffer(500)
    road_features = [r for r in roads if to_metres(r["geometry"]).intersects(near)]

    layers = {
        "belt": [
            {
                "name": "安驰路产城融合实践带(示意)",
                "name_en": "Anchi Road industry-city integration practice belt (illustrative)",
                "area_km2": area_km2,
                "geometry": belt,
            }
        ],
        "zones": zones,
        "sites": sites,
        "roads": road_features,
    }
    write_gpkg(out, layers)
    return {"area_km2": area_km2, **{name: len(records) for name, records in layers.items()}}


def zones_m(zones_deg):
    """The zones with their stored lon/lat geometry back in metres (sites are placed in the stored zones)."""
    return [dict(z, geometry=to_metres(z["geometry"])) for z in zones_deg]


def main(argv=None) -> int:
    """Command line: build the demo GeoPackage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "data" / "demo_belt.gpkg")
    parser.add_argument(
        "--refresh-sources",
        type=Path,
        metavar="SHARED_DATA",
        help="re-copy and re-clip the sources from this folder (../shared/data) first",
    )
    args = parser.parse_args(argv)
    if args.refresh_sources:
        refresh_sources(args.refresh_sources)
    summary = build(args.out)
    print("{}: {}".format(args.out, ", ".join("{}={}".format(k, v) for k, v in summary.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
