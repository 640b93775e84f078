"""core/cartography"""
