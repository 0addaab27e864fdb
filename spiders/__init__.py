"""Spiders: navigation only. They hand responses to scraper.extract and yield items."""
