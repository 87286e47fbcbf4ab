"""Every spider has a saved example response and golden expected items (``pytest --update-goldens``).

For each spider discovered by Scrapy's SpiderLoader, ``examples/<spider>/case.json``
names a registry entry and a saved response; the test builds the spider's
request(s) for that entry, feeds the saved response to the request's callback
and compares the items/requests produced with ``expected.json``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from scrapy.settings import Settings as ScrapySettings
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.test import get_crawler

from crawler.registry import Source

EXAMPLES = Path(__file__).parent / "examples"


def spider_names() -> list[str]:
    """Names of every spider of the project."""
    settings = ScrapySettings()
    settings.setmodule("crawler.settings")
    return sorted(SpiderLoader.from_settings(settings).list())


def normalise(output) -> dict:
    """A JSON-able, stable view of what a callback produced."""
    if isinstance(output, Request):
        return {"request": output.url, "callback": getattr(output.callback, "__name__", None),
                "meta": output.meta.get("palermo_meta"), "doc_urls": output.meta.get("palermo_doc_urls")}
    item = dict(output)
    if "body" in item:
        body = item.pop("body")
        item["body_sha256"] = hashlib.sha256(body).hexdigest()
        item["body_size"] = len(body)
    return item


def run_case(name: str, data_dir: Path) -> dict:
    """Build the spider, its request for the example entry, and feed it the saved response."""
    case = json.loads((EXAMPLES / name / "case.json").read_text(encoding="utf-8"))
    settings = ScrapySettings()
    settings.setmodule("crawler.settings")
    loader = SpiderLoader.from_settings(settings)
    spidercls = loader.load(name)
    crawler = get_crawler(spidercls, {"PALERMO_ZIP_MAX_BYTES": 64 * 1024 * 1024})
    spider = spidercls.from_crawler(crawler)
    source = Source.model_validate(case["source"])
    requests = list(spider.source_requests(source))
    request = requests[case.get("request_index", 0)]
    spec = case["response"]
    body = (EXAMPLES / name / spec["body_file"]).read_bytes()
    headers = Headers(spec.get("headers") or {})
    url = spec.get("url") or request.url
    response_cls = responsetypes.from_args(headers=headers, url=url, body=body)
    response = response_cls(url=url, status=spec.get("status", 200), headers=headers, body=body,
                            request=request)
    outputs = [normalise(o) for o in request.callback(response)]
    return {"requests_built": [r.url for r in requests], "outputs": outputs}


def test_every_spider_is_discovered():
    """The project ships one spider per source family."""
    assert set(spider_names()) >= {"legislation_gov_uk", "canada_justice", "uscode", "akn", "eurlex", "boe",
                                   "html_page", "pdf", "listing", "manifest"}


@pytest.mark.parametrize("name", spider_names())
def test_spider_example(name: str, data_dir: Path, update_goldens: bool):
    """The spider's output on its saved example equals the golden expected items."""
    case_file = EXAMPLES / name / "case.json"
    assert case_file.is_file(), f"spider {name!r} has no example: add {case_file} and a saved response"
    result = run_case(name, data_dir)
    golden = EXAMPLES / name / "expected.json"
    if update_goldens:
        text = json.dumps(result, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden for {name}: run pytest --update-goldens"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert result == expected
