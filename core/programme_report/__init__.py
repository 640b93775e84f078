"""The progress report (issue 26): tables as CSV, the calculation inputs, a summary and the PDF report."""
