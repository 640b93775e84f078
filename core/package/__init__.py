"""Writing the belt map package: preflight, GeoPackage, project, print layouts, manifest, atomic writer."""
