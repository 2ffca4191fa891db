"""Endoscopy: the processor frame (scene and overlay) and a phone photo of its monitor."""
