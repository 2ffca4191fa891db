"""The case model: locations, facts, views, keys and the spec reader.

Below both ``render`` (which draws assets from it) and ``cases`` (which
composes specs, renderers and the bank), so the two never import each other.
"""
