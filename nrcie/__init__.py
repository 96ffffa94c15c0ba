"""nrcie: structured data from Chinese People's Congress work reports."""
__version__ = "0.1.0"
