"""NodePilot core: configuration, the database layer, paths and the command line."""

__version__ = "0.1.0"
