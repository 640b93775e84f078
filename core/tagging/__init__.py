"""core/tagging"""
