"""core/zone_summary"""
