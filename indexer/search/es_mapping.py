"""Elasticsearch index settings, mappings and template as code.

Per-language analyzers match the embedded ones in effect (tokenise,
lowercase, ASCII folding, Snowball stemmer), so both backends match the same
words, with or without accents. Provision text goes to ``text_<lang>`` / ``heading_<lang>`` by the
provision's language; filters and facets use keyword fields.
"""

from __future__ import annotations

import time
import uuid

from indexer.search import analysis
from indexer.search.documents import date_key, jurisdiction_key

SNOWBALL = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "nl": "Dutch",
            "pt": "Portuguese", "it": "Italian"}
KEYWORDS = ("id", "law_id", "jurisdiction", "region", "language", "lang_key", "eid", "num", "ref",
            "elements", "requirements")


def analyzer_name(key: str) -> str:
    """Name of the analyzer for analyzer key ``key`` in the index settings."""
    return f"palermo_{key}"


def index_settings(replicas: str = "0-1") -> dict:
    """Index settings: one shard, auto-expanding replicas, the per-language analyzers."""
    filters: dict = {}
    analyzers: dict = {}
    for key in analysis.LANGUAGE_KEYS:
        # Fold before stemming: Lucene's Snowball stemmers only strip accented suffixes ("-ación"),
        # so folding first makes "explotacion" and "explotación" one term.
        chain = ["lowercase", "asciifolding"]
        if key in analysis.STEMMED_LANGUAGES:
            filters[f"palermo_{key}_stem"] = {"type": "snowball", "language": SNOWBALL[key]}
            chain.append(f"palermo_{key}_stem")
        analyzers[analyzer_name(key)] = {"type": "custom", "tokenizer": "standard", "filter": chain}
    return {
        "number_of_shards": 1,
        "auto_expand_replicas": replicas,
        "max_result_window": 10_000,
        "analysis": {"filter": filters, "analyzer": analyzers},
    }


def mappings() -> dict:
    """Strict mappings: keyword filters, per-language text, sort keys, tag objects."""
    props: dict = {name: {"type": "keyword"} for name in KEYWORDS}
    props["law_title"] = {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 512}}}
    props["heading"] = {"type": "keyword", "index": False, "doc_values": False}
    props["year"] = {"type": "integer"}
    props["version_date"] = {"type": "date", "format": "strict_date"}
    props["in_force"] = {"type": "boolean"}
    props["ord"] = {"type": "integer"}
    props["date_key"] = {"type": "long"}
    props["jur_key"] = {"type": "long"}
    props["indexed_at"] = {"type": "long"}  # epoch ms of the write (index_version changes on every write)
    props["tags"] = {
        "type": "object",
        "properties": {
            "element": {"type": "keyword"},
            "evidence": {"type": "text", "index": False},
            "confidence": {"type": "float"},
            "source": {"type": "keyword"},
        },
    }
    for key in analysis.LANGUAGE_KEYS:
        props[f"text_{key}"] = {"type": "text", "analyzer": analyzer_name(key)}
        props[f"heading_{key}"] = {"type": "text", "analyzer": analyzer_name(key)}
    return {"dynamic": "strict", "properties": props}


def index_template(prefix: str) -> dict:
    """Body of the composable index template applied to every versioned index ``<prefix>-v*``."""
    return {
        "index_patterns": [f"{prefix}-v*"],
        "priority": 200,
        "template": {"settings": index_settings(), "mappings": mappings()},
        "_meta": {"description": "Palermo provisions (managed by indexer.search.es_mapping)"},
    }


def template_name(prefix: str) -> str:
    """Name of the index template for ``prefix``."""
    return f"{prefix}-template"


def new_index_name(prefix: str) -> str:
    """A fresh concrete index name behind the alias ``prefix``."""
    return f"{prefix}-v{time.strftime('%Y%m%d%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:6]}"


def to_es_source(doc: dict) -> dict:
    """The Elasticsearch ``_source`` for a normalised index document (text in its language field)."""
    key = analysis.language_key(doc["language"])
    out = {name: doc[name] for name in ("id", "law_id", "law_title", "jurisdiction", "region", "language",
                                        "eid", "num", "ref", "heading", "elements", "requirements", "year",
                                        "version_date", "in_force", "ord")}
    out["lang_key"] = key
    out[f"text_{key}"] = doc["text"]
    heading = " ".join(part for part in (doc["ref"], doc["heading"]) if part)
    if heading:
        out[f"heading_{key}"] = heading
    out["date_key"] = date_key(doc)
    out["jur_key"] = jurisdiction_key(doc)
    if doc.get("tags"):
        out["tags"] = doc["tags"]
    return out


def from_es_source(src: dict) -> dict:
    """Back from ``_source`` to the index document shape (``text`` restored from its language field)."""
    key = src.get("lang_key") or analysis.language_key(src.get("language"))
    out = dict(src)
    out["text"] = src.get(f"text_{key}", "")
    return out
