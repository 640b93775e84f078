"""core/base"""
