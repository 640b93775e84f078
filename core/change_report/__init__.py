"""core/change_report"""
