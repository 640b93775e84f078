"""Change detection between two years of the belt: sites, zones, per-zone deltas, the change map."""
