"""reader: a terminal reader for news articles, with their people, countries and quotes."""

__version__ = "0.1.0"
APP_NAME = "reader"  # the name of its preferences and cache directories
