"""What every reader and writer of a belt map package shares: the manifest's name, checksums, times."""

import datetime
import hashlib

MANIFEST_NAME = "manifest.json"


def sha256(path: str, chunk: int = 1 << 20) -> str:
    """The hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def now_iso() -> str:
    """The current time, UTC, ISO 8601 with seconds."""
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
