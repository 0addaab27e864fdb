"""Build shim for `scrapyd-deploy`, which packs the project into an egg with `setup.py bdist_egg`.

Everything about the package (metadata, packages, package data, the `scrapy` entry point that
tells scrapyd where the settings are) lives in pyproject.toml.
"""
from setuptools import setup

setup()
