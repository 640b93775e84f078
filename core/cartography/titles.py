"""The display names of the belt layers by role and language: one table for the loader and the package."""

# role -> (中文, English)
ROLE_NAMES = {
    "belt": ("实践带边界", "Belt boundary"),
    "zones": ("区域", "Zones"),
    "sites": ("点位", "Sites"),
    "roads": ("道路", "Roads"),
}


def role_title(role: str, language: str, illustrative: bool = False, osm: bool = False) -> str:
    """A layer's title, e.g. 实践带边界(示意) / Belt boundary (illustrative), 道路(OSM) / Roads (OSM)."""
    zh, en = ROLE_NAMES[role]
    english = language.startswith("en")
    name = en if english else zh
    if osm:
        return "{} (OSM)".format(name) if english else "{}(OSM)".format(name)
    if illustrative:
        return "{} (illustrative)".format(name) if english else "{}(示意)".format(name)
    return name
