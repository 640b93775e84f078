"""Service reach of the belt's stations: road graph, snapping, nearest-station distances, coverage rates."""
