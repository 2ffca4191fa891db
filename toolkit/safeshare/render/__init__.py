"""Renderers: one module per kind of asset."""
