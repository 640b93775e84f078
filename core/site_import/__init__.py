"""core/site_import"""
