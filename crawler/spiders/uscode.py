"""US Code USLM XML from uscode.house.gov release points (one zip per title).

Only the chapters named in the registry entry (``chapters: ["77"]``) are read,
streamed out of the title XML and stored as a small ``uscDoc`` each, under the
URL ``<zip url>#<chapter identifier>``. Zip bombs and corrupt archives become
failure items. A plain USLM XML URL (not a zip) is stored as it is.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree
from scrapy.http import Response

from crawler.registry import Source
from crawler.spiders.base import BaseSpider
from crawler.store import failure_item
from crawler.zipsafe import ZIP_MAGIC, UnsafeZipError, iter_members, open_member, open_zip
from indexer.models import DocumentMeta

# "xml_usc18@118-22.zip" -> "18"; "xml_usc05a@119-103.zip" -> "05a"
TITLE_FILE_RE = re.compile(r"usc(\d+[a-z]?)@", re.I)


def chapter_url(zip_url: str, title: str, chapter: str) -> str:
    """``…/xml_usc18@118-22.zip`` + 18 + 77 -> ``…/xml_usc18@118-22.zip#/us/usc/t18/ch77``.

    Without a title number (a zip not named like a release point) the fragment is ``#ch77``.
    """
    return f"{zip_url}#/us/usc/t{title}/ch{chapter}" if title else f"{zip_url}#ch{chapter}"


def title_number(url: str) -> str:
    """Title number from a release-point file name (``xml_usc18@118-22.zip`` -> ``18``; '' if unknown)."""
    match = TITLE_FILE_RE.search(url.rsplit("/", 1)[-1])
    if not match:
        return ""
    number = match.group(1).lower()
    return number.lstrip("0") or number


def wanted_key(identifier: str, wanted: set[str]) -> str | None:
    """The wanted key matching a chapter identifier (exact, or ``chNN`` suffix)."""
    if identifier in wanted:
        return identifier
    tail = identifier.rsplit("/", 1)[-1]
    return tail if tail in wanted else None


def local(tag: Any) -> str:
    """Local name of an lxml tag."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _standalone(root_tag, nsmap, root_attrs, meta, title_elem, chapter) -> bytes:
    """A ``uscDoc`` holding the title's meta and one chapter inside its title element."""
    doc = etree.Element(root_tag, root_attrs, nsmap=nsmap)
    if meta is not None:
        doc.append(copy.deepcopy(meta))
    namespace = etree.QName(root_tag).namespace
    parent = etree.SubElement(doc, f"{{{namespace}}}main" if namespace else "main")
    if title_elem is not None:
        parent = etree.SubElement(parent, title_elem[0], title_elem[1])
    parent.append(copy.deepcopy(chapter))
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")


def extract_chapters(stream, wanted: set[str]) -> dict[str, bytes]:
    """Stream a title XML and return ``{identifier: standalone uscDoc bytes}`` for the wanted chapters."""
    found: dict[str, bytes] = {}
    root_attrs: dict[str, str] = {}
    root_tag = nsmap = None
    meta = None
    title_elem = None
    context = etree.iterparse(stream, events=("start", "end"), resolve_entities=False, no_network=True,
                              huge_tree=True, load_dtd=False)
    depth = 0
    keep = 0  # >0 while inside <meta> or a <chapter>: their descendants must not be cleared early
    for event, elem in context:
        name = local(elem.tag)
        if event == "start":
            depth += 1
            if depth == 1:
                root_tag, nsmap, root_attrs = elem.tag, dict(elem.nsmap), dict(elem.attrib)
            elif name == "title" and title_elem is None and elem.get("identifier"):
                title_elem = (elem.tag, dict(elem.attrib))
            if name in ("meta", "chapter"):
                keep += 1
            continue
        depth -= 1
        if name == "meta" and depth == 1:
            meta = copy.deepcopy(elem)
        elif name == "chapter" and (key := wanted_key(elem.get("identifier") or "", wanted)):
            found[key] = _standalone(root_tag, nsmap, root_attrs, meta, title_elem, elem)
        if name in ("meta", "chapter"):
            keep -= 1
        if keep == 0 and depth >= 1:
            elem.clear()  # bounded memory: finished parts of the title are dropped
    return found


class UscodeSpider(BaseSpider):
    """uscode.house.gov release points: only the needed chapters of a title zip."""

    name = "uscode"
    default_format = "uslm"

    def source_requests(self, source: Source):
        """One request per zip; its stored documents are the wanted chapters."""
        for url in source.urls:
            if url.lower().split("?")[0].endswith(".zip") and source.chapters:
                title = title_number(url)
                doc_urls = [chapter_url(url, title, ch) for ch in source.chapters]
                meta = self.source_meta(source, url)
                yield self.document_request(url, meta, callback=self.parse_zip, doc_urls=doc_urls,
                                            palermo_title=title)
            else:
                yield self.document_request(url, self.source_meta(source, url))

    def parse_zip(self, response: Response) -> Iterator[dict[str, Any]]:
        """Open the zip safely and store each wanted chapter."""
        meta = DocumentMeta.model_validate(response.meta["palermo_meta"])
        doc_urls: list[str] = response.meta["palermo_doc_urls"]
        if response.status == 304:
            yield from self.parse_document(response)
            return
        body = response.body
        if not body:
            yield failure_item(meta.url, "empty body", source_id=meta.source_id, status=response.status)
            return
        if not body.startswith(ZIP_MAGIC):
            yield failure_item(meta.url, "corrupt zip: not a zip archive", source_id=meta.source_id,
                               status=response.status)
            return
        limit = self.settings.getint("PALERMO_ZIP_MAX_BYTES", 512 * 1024 * 1024)
        wanted = {url.split("#", 1)[1]: url for url in doc_urls}
        found: dict[str, bytes] = {}
        try:
            archive = open_zip(body, max_total=limit)
            for info in iter_members(archive):
                with open_member(archive, info, limit=limit) as stream:
                    found.update(extract_chapters(stream, set(wanted) - set(found)))
                if len(found) == len(wanted):
                    break
        except (UnsafeZipError, zipfile.BadZipFile, EOFError, OSError) as exc:
            reason = str(exc) if isinstance(exc, UnsafeZipError) else f"corrupt zip: {exc}"
            yield failure_item(meta.url, reason, source_id=meta.source_id, status=response.status)
            return
        except etree.XMLSyntaxError as exc:
            yield failure_item(meta.url, f"title XML is not well-formed: {exc}", source_id=meta.source_id)
            return
        for identifier, url in wanted.items():
            if identifier not in found:
                yield failure_item(url, f"chapter {identifier} not found in the archive",
                                   source_id=meta.source_id, status=response.status)
                continue
            chapter_meta = meta.model_copy(update={
                "url": url, "format": "uslm", "content_type": "application/xml",
                "extra": {**meta.extra, "container_url": meta.url, "chapter": identifier},
            })
            yield self.make_document(chapter_meta, found[identifier], response)
