"""core/chain_report: the chain links report: tables, summary and pages over core/chains' results."""
