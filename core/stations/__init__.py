"""core/stations"""
