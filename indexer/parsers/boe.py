"""Spain BOE consolidated-legislation XML (``<texto><bloque tipo="precepto"><version><p class=...>``).

Only the latest ``<version>`` of each block is read (the text in force); the paragraph classes
tell headings (``articulo``, ``titulo_num``, ``capitulo_tit``...) from body text (``parrafo``).
"""

from __future__ import annotations

from lxml import etree

from indexer.models import DocumentMeta, Law

from .finish import law_from_tree
from .meta import in_force_from, parse_date
from .registry import register
from .structure import Block, build_tree
from .textnorm import norm_space
from .xmlwalk import local, safe_parse, text_of

# <p class="..."> values that are headings, with the markdown-like level they get
HEADING_CLASSES = {"libro_num": 1, "libro_tit": 1, "titulo_num": 2, "titulo_tit": 2, "titulo": 2,
                   "capitulo_num": 3, "capitulo_tit": 3, "capitulo": 3, "seccion": 3, "subseccion": 3,
                   "articulo": 4, "anexo_num": 4, "anexo_tit": 5, "centro_redonda": 5}
META_FIELDS = {"titulo": "title", "numero_oficial": "number", "fecha_actualizacion": "version_date",
               "estado_consolidacion": "status", "vigencia_agotada": "expired", "url_eli": "url"}


def _date(raw: str) -> object:
    raw = raw.strip()
    if len(raw) >= 8 and raw[:8].isdigit():
        return parse_date(f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}")
    return parse_date(raw)


def boe_blocks(texto: etree._Element) -> list[Block]:
    """Blocks of the consolidated text: the last version of every block, headings by class."""
    blocks: list[Block] = []
    for bloque in texto.iter():
        if local(bloque) != "bloque":
            continue
        versions = [v for v in bloque if local(v) == "version"]
        container = versions[-1] if versions else bloque
        for p in container.iter():
            if local(p) not in ("p", "h1", "h2", "h3", "h4", "h5"):
                continue
            text = norm_space(text_of(p))
            if not text:
                continue
            cls = (p.get("class") or "").split()
            level = next((HEADING_CLASSES[c] for c in cls if c in HEADING_CLASSES), None)
            if level is None and local(p).startswith("h"):
                level = int(local(p)[1])
            blocks.append(Block(text, level))
    return blocks


@register("boe-xml")
def parse_boe(data: bytes, meta: DocumentMeta) -> Law:
    """Parse a BOE consolidated-law XML document."""
    root, warnings = safe_parse(data)
    texto = next((el for el in root.iter() if local(el) == "texto"), root)
    doc_text, roots = build_tree(boe_blocks(texto))
    fields: dict[str, str] = {}
    for el in root.iter():
        name = local(el)
        if name in META_FIELDS and META_FIELDS[name] not in fields and el is not texto:
            fields[META_FIELDS[name]] = text_of(el)
    expired = fields.get("expired", "").upper() == "S"
    law = law_from_tree(doc_text, roots, meta, format="boe-xml", number=fields.get("number", ""),
                        version_date=_date(fields.get("version_date", "")),
                        in_force=False if expired else in_force_from("vigente") if fields else None)
    law.title = meta.title or fields.get("title", "")
    law.source_url = fields.get("url", "")
    law.warnings.extend(warnings)
    return law
