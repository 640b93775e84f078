"""The sites of a reach run in reading order: their features and a few columns. Read through QGIS, the
features are at hand; read in bulk from a GeoPackage, the features are fetched only when a caller asks."""

from collections.abc import Sequence
from typing import List, Optional

import numpy as np
from qgis.core import QgsFeatureRequest

from ..base.nulls import or_none
from .gpkg_sites import BulkSites


def _plain(value):
    """None for NULL, the value otherwise."""
    return or_none(value)


class SiteRows(Sequence):
    """The sites' QgsFeatures in reading order (a sequence) and their columns by name."""

    def __init__(self, source, features: Optional[List] = None, bulk: Optional[BulkSites] = None):
        self.source = source
        self.bulk = bulk
        self._features = features

    def __len__(self) -> int:
        return len(self.bulk.fids) if self.bulk is not None else len(self._features)

    def __getitem__(self, index):
        return self._all()[index]

    def _all(self) -> List:
        if self._features is None:
            by_fid = {f.id(): f for f in self.source.getFeatures()}
            self._features = [by_fid[fid] for fid in self.bulk.fids.tolist()]
        return self._features

    def fields(self):
        """The sites' fields."""
        return self.source.fields()

    def column(self, name: str) -> List:
        """The values of field name in reading order (None for NULL); all None when there is no such field."""
        if self.bulk is not None and name in self.bulk.columns:
            return list(self.bulk.columns[name])
        index = self.source.fields().indexOf(name)
        if index < 0:
            return [None] * len(self)
        return [_plain(f.attribute(index)) for f in self._all()]

    def take(self, indexes: np.ndarray) -> List:
        """The features at the given positions (fetched by FID when read in bulk and not yet fetched)."""
        positions = np.asarray(indexes, dtype=np.int64).tolist()
        if self._features is not None or not positions:
            return [self._all()[i] for i in positions]
        fids = self.bulk.fids[positions].tolist()
        request = QgsFeatureRequest().setFilterFids(fids)
        by_fid = {f.id(): f for f in self.source.getFeatures(request)}
        return [by_fid[fid] for fid in fids]
