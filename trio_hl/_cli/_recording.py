"""The recording format: rotating zstd-compressed NDJSON segments.

A recording is a directory of segments named ``<UTC start>-<number>.ndjson.zst``, read in
name order. Each segment is self-describing: its first line is a header, then one line per
event, in the order received:

* ``{"recording": "trio_hl", "version": 1, "segment": 1, "network": <redacted URL>,
  "subscriptions": [...], "started_ns": ...}`` (the header);
* ``{"t": <receive time, ns since the epoch>, "c": <connection number>, "f": <the frame's
  text, exactly as received>}`` for a text frame, ``"b": <base64>`` instead of ``"f"`` for a
  binary one;
* ``{"t": ..., "c": ..., "event": "connected", "subscriptions": [...]}`` when a connection is
  up and subscribed (from the second connection on, this line is a restart marker: frames
  may be missing before it), and ``{"t": ..., "c": ..., "event": "disconnected",
  "reason": ...}`` when one ends.

The compressed stream is cut into zstd frames about once a second, so a segment whose writer
was killed still decodes up to its last second; a clean stop (Ctrl-C) closes it completely.
``zstd -dc SEGMENT`` prints a segment as plain text.
"""

from __future__ import annotations

import base64
import json
import sys
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

if sys.version_info >= (3, 14):
    from compression.zstd import ZstdCompressor, ZstdError, ZstdFile
else:
    from backports.zstd import ZstdCompressor, ZstdError, ZstdFile

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = ["Event", "Frame", "SegmentWriter", "read_recording", "segments"]

SUFFIX: Final = ".ndjson.zst"
VERSION: Final = 1
_FLUSH_EVERY_NS: Final = 1_000_000_000


@attrs.frozen
class Frame:
    """One frame as received: text (``str``) or binary (``bytes``)."""

    t: int
    connection: int
    raw: str | bytes


@attrs.frozen
class Event:
    """A connection coming up (``"connected"``) or going down (``"disconnected"``)."""

    t: int
    connection: int
    kind: str
    detail: dict[str, Any]


def _dumps(obj: Any) -> bytes:
    return (json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


class SegmentWriter:
    """Writes events to rotating segments in ``directory``.

    A segment ends when it holds ``max_bytes`` of uncompressed lines or is ``max_seconds``
    old, at the next line. :meth:`close` (or leaving ``with``) ends the current one cleanly.
    """

    def __init__(
        self,
        directory: Path,
        *,
        header: dict[str, Any],
        max_bytes: int,
        max_seconds: float,
        level: int = 3,
    ) -> None:
        self._level = level
        self.directory = directory
        self._header = header
        self._max_bytes = max_bytes
        self._max_ns = int(max_seconds * 1e9)
        self._writer: ZstdFile | None = None
        self._file: IO[bytes] | None = None
        self._opened_ns = 0
        self._flushed_ns = 0
        self._segment_bytes = 0
        self.path: Path | None = None
        self.segments = 0
        self.frames = 0
        self.frame_bytes = 0
        self.compressed_bytes = 0  # of the closed segments
        directory.mkdir(parents=True, exist_ok=True)

    def __enter__(self) -> SegmentWriter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def frame(self, t: int, connection: int, raw: str | bytes) -> None:
        if isinstance(raw, str):
            line = _dumps({"t": t, "c": connection, "f": raw})
            self.frame_bytes += len(raw)
        else:
            line = _dumps({"t": t, "c": connection, "b": base64.b64encode(raw).decode()})
            self.frame_bytes += len(raw)
        self.frames += 1
        self._write(t, line)

    def event(self, t: int, connection: int, kind: str, **detail: Any) -> None:
        self._write(t, _dumps({"t": t, "c": connection, "event": kind, **detail}))

    def _write(self, t: int, line: bytes) -> None:
        if self._writer is not None and (
            self._segment_bytes >= self._max_bytes or t - self._opened_ns >= self._max_ns
        ):
            self._close_segment()
        if self._writer is None:
            self._open_segment(t)
        assert self._writer is not None
        self._writer.write(line)
        self._segment_bytes += len(line)
        if t - self._flushed_ns >= _FLUSH_EVERY_NS:
            # End a zstd frame: everything so far decodes even if we are killed later.
            self._writer.flush(ZstdCompressor.FLUSH_FRAME)
            self._flushed_ns = t

    def _open_segment(self, t: int) -> None:
        self.segments += 1
        stamp = datetime.fromtimestamp(t / 1e9, UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = self.directory / f"{stamp}-{self.segments:04d}{SUFFIX}"
        self._file = open(self.path, "xb")  # noqa: SIM115 - closed by _close_segment
        self._writer = ZstdFile(self._file, "w", level=self._level)
        self._opened_ns = self._flushed_ns = t
        self._segment_bytes = 0
        header = {**self._header, "segment": self.segments, "started_ns": t}
        line = _dumps({"recording": "trio_hl", "version": VERSION, **header})
        self._writer.write(line)
        self._segment_bytes += len(line)

    def _close_segment(self) -> None:
        if self._writer is None or self._file is None:
            return
        self._writer.close()  # ends the last frame; the file stays open
        self.compressed_bytes += self._file.tell()
        self._file.close()
        self._writer = None
        self._file = None

    @property
    def current_compressed_bytes(self) -> int:
        return self._file.tell() if self._file is not None else 0

    def close(self) -> None:
        self._close_segment()


def segments(directory: Path) -> list[Path]:
    """The segments of a recording, in order.

    Raises:
        FileNotFoundError: no such directory, or it holds no segment.
    """
    if not directory.is_dir():
        raise FileNotFoundError(f"no recording at {directory} (not a directory)")
    found = sorted(directory.glob(f"*{SUFFIX}"))
    if not found:
        raise FileNotFoundError(f"no recording at {directory} (no *{SUFFIX} segment)")
    return found


def _lines(path: Path) -> Iterator[bytes]:
    with ZstdFile(path) as file:
        try:
            yield from file
        except (EOFError, ZstdError):
            return  # a segment cut short (its writer was killed): what decoded is kept


def read_recording(directory: Path) -> Iterator[Frame | Event]:
    """Every frame and connection event of a recording, in order (headers skipped).

    Raises:
        FileNotFoundError: see :func:`segments`.
        ValueError: a line that is not part of a trio_hl recording.
    """
    for path in segments(directory):
        for number, line in enumerate(_lines(path), 1):
            if not line.endswith(b"\n"):
                break  # the last line of a segment cut short
            record = json.loads(line)
            if number == 1:
                if record.get("recording") != "trio_hl":
                    raise ValueError(f"{path.name} is not a trio_hl recording")
                continue
            if "f" in record:
                yield Frame(record["t"], record["c"], record["f"])
            elif "b" in record:
                yield Frame(record["t"], record["c"], base64.b64decode(record["b"]))
            else:
                kind = record.pop("event")
                t, connection = record.pop("t"), record.pop("c")
                yield Event(t, connection, kind, record)
