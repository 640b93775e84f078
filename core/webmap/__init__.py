"""The belt's electronic map: an offline web page (Leaflet) written from the belt's layers."""
