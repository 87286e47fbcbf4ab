"""Palermo crawler: Scrapy spiders for official legislation sources, storing every version in the raw store.

Entry points:

* ``crawler.run.run_crawl(settings, manifest_url=..., source_ids=[...], polite=True, progress=True)``
  runs a crawl in a child process and returns ``{"fetched", "unchanged", "new_versions", "failed", ...}``
  (used by ``palermo crawl`` / ``palermo run``);
* ``python -m crawler.run --manifest URL | --source ID ...`` for a standalone crawl;
* ``scrapy list`` / ``scrapy crawl NAME`` from the repository root (``scrapy.cfg`` -> ``crawler.settings``).

The registry of sources is ``crawler/sources.yaml`` (``crawler.registry``); one spider per source family
lives in ``crawler/spiders`` over ``crawler.spiders.base.BaseSpider``.
"""
