"""The Scrapy project: settings, items, pipelines, and the pure extraction package."""
