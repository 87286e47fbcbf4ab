"""Unit tests of the crawler's pure helpers: registry, sniffing, URL mapping, zips, retry delays, failures."""

from __future__ import annotations

import io
import zipfile

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.failures import describe_failure
from crawler.http_cache import ValidatorCache
from crawler.middlewares import retry_after_seconds
from crawler.registry import FAMILIES, RegistryError, load_sources, parse_sources, select_sources
from crawler.sniff import check_response, sniff_format, xml_root
from crawler.spiders.akn import akn_xml_url
from crawler.spiders.boe import boe_api_url
from crawler.spiders.canada_justice import xml_url
from crawler.spiders.eurlex import celex_url
from crawler.spiders.legislation_gov_uk import data_xml_url
from crawler.spiders.manifest import ManifestError, document_url, manifest_rows
from crawler.spiders.uscode import chapter_url, title_number
from crawler.zipsafe import UnsafeZipError, open_zip


def entry(**kw):
    base = {"id": "xyz-act", "jurisdiction": "XYZ", "language": "en", "title": "Act", "family": "pdf",
            "urls": ["https://example.org/a.pdf"], "cited_from": "test"}
    base.update(kw)
    return base


# -- registry -----------------------------------------------------------------------------------
def test_shipped_registry_is_broad_and_cited():
    sources = load_sources()
    assert len(sources) >= 40
    assert len({s.jurisdiction for s in sources}) >= 30
    assert len({s.language for s in sources}) >= 4
    assert all(s.cited_from.strip() for s in sources)
    assert {s.family for s in sources} <= set(FAMILIES)
    families = {s.family for s in sources}
    assert {"legislation_gov_uk", "canada_justice", "uscode", "akn", "eurlex", "boe", "html_page", "pdf",
            "listing"} <= families
    uk = [s for s in sources if s.family == "legislation_gov_uk"]
    assert {u.urls[0].split("/")[3] for u in uk} >= {"ukpga", "asp", "nia"}  # UK, Scotland, Northern Ireland
    assert {s.language for s in sources if s.family == "canada_justice"} == {"en", "fr"}


@pytest.mark.parametrize("bad, message", [
    (entry(jurisdiction="Spain"), "ISO 3166-1"),
    (entry(family="ftp"), "unknown family"),
    (entry(urls=["ftp://example.org/x"]), r"not an http\(s\) URL"),
    (entry(urls=[]), "at least 1"),
    (entry(language="English"), "language"),
    ({k: v for k, v in entry().items() if k != "cited_from"}, "Field required"),
])
def test_registry_rejects_bad_entries(bad, message):
    with pytest.raises(RegistryError, match=message):
        parse_sources([bad])


def test_registry_rejects_duplicates_and_unknown_ids():
    with pytest.raises(RegistryError, match="duplicate"):
        parse_sources([entry(), entry()])
    sources = parse_sources([entry(), entry(id="xyz-other", default=False)])
    assert [s.id for s in select_sources(sources)] == ["xyz-act"]
    assert [s.id for s in select_sources(sources, ["xyz-other"])] == ["xyz-other"]
    with pytest.raises(RegistryError, match="unknown source id"):
        select_sources(sources, ["nope"])


# -- URL mapping ---------------------------------------------------------------------------------
@pytest.mark.parametrize("url, expected", [
    ("https://www.legislation.gov.uk/ukpga/2015/30", "https://www.legislation.gov.uk/ukpga/2015/30/data.xml"),
    ("https://www.legislation.gov.uk/asp/2015/12/contents", "https://www.legislation.gov.uk/asp/2015/12/data.xml"),
    ("https://www.legislation.gov.uk/nia/2015/2/data.xml", "https://www.legislation.gov.uk/nia/2015/2/data.xml"),
])
def test_legislation_gov_uk_data_xml(url, expected):
    assert data_xml_url(url) == expected


def test_other_url_mappings():
    assert xml_url("https://laws-lois.justice.gc.ca/fra/lois/C-46/") == "https://laws-lois.justice.gc.ca/fra/XML/C-46.xml"
    assert xml_url("https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/FullText.html").endswith(
        "/eng/XML/SOR-2002-227.xml")
    assert akn_xml_url("https://lii.example/akn/za/act/2013/7/eng@2017-08-02") == (
        "https://lii.example/akn/za/act/2013/7/eng@2017-08-02.xml")
    assert akn_xml_url("https://lii.example/akn/za/act/2013/7/eng.xml") == "https://lii.example/akn/za/act/2013/7/eng.xml"
    assert boe_api_url("https://www.boe.es/buscar/act.php?id=BOE-A-1995-25444").endswith(
        "/legislacion-consolidada/id/BOE-A-1995-25444/texto")
    with pytest.raises(ValueError):
        boe_api_url("https://www.boe.es/buscar/act.php")
    assert celex_url("32011L0036", "fr") == "https://eur-lex.europa.eu/legal-content/FR/TXT/HTML/?uri=CELEX:32011L0036"
    with pytest.raises(ValueError):
        celex_url("2011/36", "en")
    assert title_number("https://h/xml_usc05a@119-103.zip") == "5a"
    assert title_number("https://h/other.zip") == ""
    assert chapter_url("https://h/z.zip", "18", "77") == "https://h/z.zip#/us/usc/t18/ch77"


def test_manifest_paths_and_columns():
    assert document_url("https://m.example/c/MANIFEST.csv", "A B/x y.md") == "https://m.example/c/A%20B/x%20y.md"
    for bad in ("../x.md", "/etc/passwd", "https://evil.example/x", ""):
        with pytest.raises(ManifestError):
            document_url("https://m.example/c/MANIFEST.csv", bad)
    with pytest.raises(ManifestError, match="lacks column"):
        manifest_rows(b"path,title\nx.md,X\n")
    text = "\ufeffpath,jurisdiction_iso3,title,language,format\nx.md,XYZ,T,en,markdown\n"
    assert manifest_rows(text.encode()) == [
        {"path": "x.md", "jurisdiction_iso3": "XYZ", "title": "T", "language": "en", "format": "markdown"}]


# -- sniffing and content checks -------------------------------------------------------------------
@pytest.mark.parametrize("body, url, expected", [
    (b"%PDF-1.7\n...", "", "pdf"),
    (b"\xef\xbb\xbf<?xml version='1.0'?><!-- c --><an:akomaNtoso xmlns:an='x'/>", "", "akn-xml"),
    (b"<Legislation xmlns='http://www.legislation.gov.uk/namespaces/legislation'/>", "", "clml"),
    (b"<uscDoc xmlns='http://xml.house.gov/schemas/uslm/1.0'/>", "", "uslm"),
    (b"<Statute xml:lang='en'/>", "", "canada-xml"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "https://eur-lex.europa.eu/x", "eurlex-html"),
    (b"<html><body>x</body></html>", "https://example.org/x", "html"),
    (b'{"a": 1}', "", "json"),
    (b"---\ntitle: X\n---\nbody", "", "markdown"),
    (b"Plain words only.", "", "text"),
    (b"<?xml version='1.0'?><gazette><notice/></gazette>", "https://example.org/g.xml", ""),
])
def test_sniff_format(body, url, expected):
    assert sniff_format(body, url) == expected


def test_check_response_reasons():
    assert check_response("pdf", "application/pdf", b"") == "empty body"
    assert check_response("pdf", "text/html", b"<html></html>") == "wrong content type 'text/html' for pdf"
    assert check_response("pdf", "", b"%PDF-1.4 ...") is None  # missing type, but the bytes are a PDF
    assert check_response("pdf", "", b"<html></html>").startswith("missing content type")
    assert check_response("pdf", "application/octet-stream", b"%PDF-1.4") is None
    assert check_response("clml", "application/xml", b"%PDF-1.4").startswith("body does not look like")
    assert check_response("markdown", "text/markdown; charset=utf-8", "# Título".encode()) is None
    assert xml_root(b"<?xml version='1.0'?>\n<!DOCTYPE x><x:Root/>") == "root"


# -- zips ----------------------------------------------------------------------------------------------
def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_guards():
    assert open_zip(_zip({"usc01.xml": b"<uscDoc/>"}), max_total=1000).namelist() == ["usc01.xml"]
    with pytest.raises(UnsafeZipError, match="bad magic"):
        open_zip(b"not a zip", max_total=1000)
    with pytest.raises(UnsafeZipError, match="corrupt"):
        open_zip(b"PK\x03\x04" + b"\x00" * 64, max_total=1000)
    with pytest.raises(UnsafeZipError, match="expand"):
        open_zip(_zip({"a.xml": b"x" * 5000}), max_total=1000)
    with pytest.raises(UnsafeZipError, match="ratio"):
        open_zip(_zip({"a.xml": b"\0" * (3 * 1024 * 1024)}), max_total=10**9)


# -- retry delays, failures, validator cache -------------------------------------------------------------
def test_retry_after_parsing():
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds(b"3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_describe_failure():
    request = Request("https://example.org/x")
    response = Response("https://example.org/x", status=503, request=request)
    assert describe_failure(Failure(HttpError(response, "x"))) == ("HTTP 503 after retries", 503)
    assert describe_failure(Failure(IgnoreRequest("Forbidden by robots.txt")))[0] == "forbidden by robots.txt"
    assert describe_failure(Failure(IgnoreRequest("max redirections reached")))[0].startswith("redirect loop")


def test_validator_cache_roundtrip_and_damage(tmp_path):
    cache = ValidatorCache(tmp_path)
    cache.put("https://e.org/list", b"<html/>", etag='"1"', last_modified=None, content_type="text/html")
    cache.put("https://e.org/novalidator", b"x", etag=None, last_modified=None)
    entry = cache.get("https://e.org/list")
    assert entry["body"] == b"<html/>" and entry["etag"] == '"1"'
    assert cache.get("https://e.org/novalidator") is None
    body_file = next(tmp_path.rglob("*.body"))
    body_file.write_bytes(b"tampered")
    assert cache.get("https://e.org/list") is None


def test_polite_defaults_and_impolite_overrides():
    from scrapy.settings import Settings as ScrapySettings

    from crawler.config import scrapy_overrides
    from indexer.settings import Settings

    polite = ScrapySettings()
    polite.setmodule("crawler.settings")
    assert polite.getbool("ROBOTSTXT_OBEY") and polite.getbool("AUTOTHROTTLE_ENABLED")
    assert polite.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert {429, 500, 503} <= {int(c) for c in polite.getlist("RETRY_HTTP_CODES")}
    overrides = scrapy_overrides(Settings(max_response_bytes=1234, download_timeout=7,
                                          contact_url="https://contact.example/palermo"))
    assert overrides["DOWNLOAD_MAXSIZE"] == 1234 and overrides["DOWNLOAD_TIMEOUT"] == 7
    assert "https://contact.example/palermo" in overrides["USER_AGENT"]
    impolite = scrapy_overrides(Settings(), polite=False)
    assert impolite["AUTOTHROTTLE_ENABLED"] is False and impolite["DOWNLOAD_DELAY"] == 0
    assert "ROBOTSTXT_OBEY" not in impolite  # robots.txt stays obeyed


def test_raw_store_batch_keeps_versions(tmp_path):
    from crawler.raw_store import RawStore
    from indexer.models import DocumentMeta
    from indexer.settings import Settings

    store = RawStore(Settings(data_dir=tmp_path))
    meta = DocumentMeta(url="https://e.org/act", format="text")
    results = store.save_many([(meta, b"first text", {"etag": '"1"'}), (meta, b"first text", {}),
                               (DocumentMeta(url="https://e.org/other"), b"other", {})])
    assert [created for _doc, created in results] == [True, False, True]
    _doc, created = store.save(meta, b"second text", etag='"2"')
    assert created
    assert [store.read_bytes(v) for v in store.versions(meta.url)] == [b"first text", b"second text"]
    (store.blob_dir / "ab" / "cd").mkdir(parents=True)
    (store.blob_dir / "ab" / "cd" / ".tmp-left-by-a-kill").write_bytes(b"half")
    assert store.cleanup_temp() == 1
