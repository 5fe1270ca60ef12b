"""The package version, in a module that imports nothing, so any layer (the
report formats) can read it and setuptools reads it without importing the package."""

__version__ = "0.1.0"
