"""core/assembly"""
