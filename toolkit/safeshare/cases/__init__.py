"""Cases: the model, specs, rendering into assets and keys, and the bank."""
