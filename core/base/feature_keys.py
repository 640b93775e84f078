"""Feature keys for writers: a feature added in QGIS and not saved yet has no `fid` value, and a
GeoPackage writer given it fails ("UNIQUE constraint failed"); it gets the next free value instead, as
saving the layer's edits would give it."""

from typing import List, Optional, Sequence

from .nulls import is_null as _null


class FidFiller:
    """Fills a NULL `fid` among a feature's copied attribute values with the next free one."""

    def __init__(self, source, kept: Sequence[int]):
        names = [source.fields().at(i).name().lower() for i in kept]
        self.position: Optional[int] = names.index("fid") if "fid" in names else None
        self.source_index = kept[self.position] if self.position is not None else -1
        self.source = source
        self.next: Optional[int] = None

    def fill(self, values: List) -> List:
        """values (in kept order) with a NULL fid replaced by the next free one."""
        if self.position is None or not _null(values[self.position]):
            return values
        if self.next is None:
            largest = self.source.maximumValue(self.source_index)
            self.next = (0 if _null(largest) else int(largest)) + 1
        values[self.position], self.next = self.next, self.next + 1
        return values
