"""CLI commands that live beside their stage; each module has ``register(app)``."""
