"""The engine: zone types, tagging, validation, encodings, coordinates, site tables; no Processing."""
