"""Clinical photographs: skin, wounds, props that identify, the camera, the scene."""
