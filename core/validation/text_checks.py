"""Checks of the text: field names a shapefile would cut, text that was decoded with the wrong encoding."""

from typing import Iterator

from ... import compat
from ...i18n import tr
from ..base.encoding import mojibake_reason, truncated_by_shapefile
from ..base.nulls import is_null
from .data import WARNING, BeltData, Issue, layer_label


def check_text(data: BeltData) -> Iterator[Issue]:
    """Mojibake or U+FFFD in text fields, and field names a shapefile would truncate."""
    for role, layer in data.layers():
        label = layer_label(role, layer)
        for name in layer.fields().names():
            if truncated_by_shapefile(name):
                yield Issue(
                    WARNING,
                    label,
                    None,
                    "field_name_long",
                    tr(
                        "The field name '{}' is longer than 10 bytes: a shapefile would cut it to '{}'."
                    ).format(name, name.encode("utf-8")[:10].decode("utf-8", "ignore")),
                    tr("Rename the field to at most 10 ASCII characters, or keep the data in a GeoPackage."),
                )
        text_fields = [f.name() for f in layer.fields() if f.type() == compat.TEXT]
        if not text_fields:
            continue
        for item in data.items(layer):
            for name in text_fields:
                value = item.attributes.get(name)
                reason = None if is_null(value) else mojibake_reason(value)
                if reason:
                    yield Issue(
                        WARNING,
                        label,
                        item.fid,
                        "text_encoding",
                        tr("Field {} of feature {} looks garbled (乱码): '{}' {}.").format(
                            name, item.fid, str(value)[:40], reason
                        ),
                        tr(
                            "Load the source with the right encoding (a shapefile: add a .cpg file with GBK "
                            "or UTF-8) and save it again as a GeoPackage or UTF-8."
                        ),
                    )
