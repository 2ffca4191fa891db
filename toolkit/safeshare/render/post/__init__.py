"""The social-media post card, platform-neutral."""
