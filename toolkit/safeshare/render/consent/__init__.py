"""The consent record, rendered as a form or a clinical-notes snippet."""
