"""Authored cases: an educator's own image, with fictional identifiers painted per variant."""
