# The Palermo app (API + web UI). Build: docker build -t palermo .  Run: see compose.yaml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PALERMO_DATA_DIR=/data

RUN useradd --create-home --uid 10001 palermo \
    && mkdir -p /data \
    && chown palermo:palermo /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY crawler ./crawler
COPY indexer ./indexer
COPY search_api ./search_api
COPY web ./web
RUN pip install .

USER palermo
VOLUME ["/data"]
EXPOSE 8000
CMD ["palermo", "run", "--host", "0.0.0.0"]
