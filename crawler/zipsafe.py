"""Reading zip archives from the network without trusting them (zip bombs, corrupt files)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

ZIP_MAGIC = b"PK\x03\x04"
MAX_MEMBERS = 5000
MAX_RATIO = 200  # uncompressed / compressed size of one member


class UnsafeZipError(ValueError):
    """The archive is corrupt, or would expand beyond the limits (zip bomb)."""


class LimitedReader(io.RawIOBase):
    """A read-only stream that fails once more than ``limit`` bytes were read (sizes in headers can lie)."""

    def __init__(self, raw, limit: int) -> None:
        self.raw = raw
        self.limit = limit
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise UnsafeZipError(f"member expands beyond {self.limit} bytes (zip bomb?)")
        buffer[: len(data)] = data
        return len(data)


def open_zip(body: bytes, *, max_total: int) -> zipfile.ZipFile:
    """Open an archive after checking its directory: member count, declared sizes and ratios."""
    if not body.startswith(ZIP_MAGIC):
        raise UnsafeZipError("not a zip archive (bad magic number)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise UnsafeZipError(f"corrupt zip: {exc}") from exc
    if len(infos) > MAX_MEMBERS:
        raise UnsafeZipError(f"zip has {len(infos)} members (limit {MAX_MEMBERS})")
    total = sum(i.file_size for i in infos)
    if total > max_total:
        raise UnsafeZipError(f"zip would expand to {total} bytes (limit {max_total}; zip bomb?)")
    for info in infos:
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            raise UnsafeZipError(
                f"member {info.filename!r} has compression ratio above {MAX_RATIO} (zip bomb?)"
            )
    return archive


def iter_members(archive: zipfile.ZipFile, suffix: str = ".xml") -> Iterator[zipfile.ZipInfo]:
    """Regular members whose names end with ``suffix``, skipping nested archives and odd paths."""
    for info in archive.infolist():
        name = info.filename
        if info.is_dir() or name.startswith("/") or ".." in name.split("/"):
            continue
        if name.lower().endswith(suffix):
            yield info


def open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int) -> io.BufferedReader:
    """A size-limited stream over one member (corruption surfaces as UnsafeZipError)."""
    try:
        raw = archive.open(info)
    except (zipfile.BadZipFile, OSError, NotImplementedError) as exc:
        raise UnsafeZipError(f"corrupt zip member {info.filename!r}: {exc}") from exc
    return io.BufferedReader(LimitedReader(raw, limit))
