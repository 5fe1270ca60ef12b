"""The engine: documents, analysis, rules, kinds, configuration and formatters."""
