"""Open untrusted PDFs in a child process: ``python -m pgdocs.pdfprobe --mem MB --max-pages N FILE…``.

The child limits its own address space (``RLIMIT_AS``) before importing pypdf,
applies pypdf's ``Configuration`` limits, opens every file, decodes every page's
content stream and prints one JSON object per file on stdout. The parent
(:mod:`pgdocs.inputs`, which holds the limits and passes them in) runs it with a timeout, so a PDF bomb or a
parser loop costs a killed child, never the main process. It imports nothing of pgdocs: the child stays light.
"""

from __future__ import annotations

import json
import sys
from typing import TypedDict


class Limits(TypedDict):
    """The pypdf ``Configuration`` fields :data:`SAFE_LIMITS` sets (keyword arguments of ``apply_configuration``)."""

    jbig2dec_binary: str | None
    maximum_declared_stream_length: int
    zlib_maximum_output_length: int
    lzw_maximum_output_length: int
    run_length_maximum_output_length: int
    image_maximum_buffer_size: int
    outline_maximum_depth: int
    page_tree_maximum_depth: int
    page_tree_maximum_entries: int


#: pypdf limits used for merchant PDFs (here and when merging).
SAFE_LIMITS: Limits = {
    "jbig2dec_binary": None,  # never run an external decoder on untrusted input
    "maximum_declared_stream_length": 50_000_000,
    "zlib_maximum_output_length": 50_000_000,
    "lzw_maximum_output_length": 50_000_000,
    "run_length_maximum_output_length": 50_000_000,
    "image_maximum_buffer_size": 50_000_000,
    "outline_maximum_depth": 100,
    "page_tree_maximum_depth": 100,
    "page_tree_maximum_entries": 10_000,
}


class ProbeResult(TypedDict, total=False):
    """One file's result: ``ok``, then the page count and sizes, or an error code (and a detail for the log)."""

    ok: bool
    error: str
    pages: int
    encrypted: bool
    sizes: list[list[float]]
    detail: str


def limit_memory_bytes(limit: int) -> None:
    """Cap this process's address space (``RLIMIT_AS``) at ``limit`` bytes (Linux; elsewhere nothing)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on Linux
        pass


def _limit_memory(megabytes: int) -> None:
    limit_memory_bytes(megabytes * 1024 * 1024)


def run(paths: list[str], max_pages: int) -> str:
    """Every file's result as the JSON the parent reads (under :data:`SAFE_LIMITS`)."""
    from pypdf import apply_configuration

    with apply_configuration(**SAFE_LIMITS):
        return json.dumps([probe(path, max_pages) for path in paths])


def probe(path: str, max_pages: int) -> ProbeResult:
    """Open one PDF; return ``{"ok": True, "pages": n, ...}`` or ``{"ok": False, "error": CODE, ...}``."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(path, strict=False)
        encrypted = reader.is_encrypted
        if encrypted:
            try:
                if not reader.decrypt(""):
                    return {"ok": False, "error": "encrypted"}
            except (FileNotDecryptedError, NotImplementedError, PdfReadError):
                return {"ok": False, "error": "encrypted"}
        count = len(reader.pages)
        if count == 0:
            return {"ok": False, "error": "no_pages"}
        if count > max_pages:
            return {"ok": False, "error": "too_many_pages", "pages": count}
        sizes = []
        for page in reader.pages:
            box = page.mediabox
            sizes.append([round(float(box.width), 1), round(float(box.height), 1)])
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
        return {"ok": True, "pages": count, "encrypted": encrypted, "sizes": sizes}
    except FileNotDecryptedError:
        return {"ok": False, "error": "encrypted"}
    except MemoryError:
        return {"ok": False, "error": "memory"}
    except RecursionError:
        return {"ok": False, "error": "corrupt", "detail": "recursion"}
    except Exception as exc:  # any parser failure means "cannot open"
        return {"ok": False, "error": "corrupt", "detail": f"{type(exc).__name__}: {exc}"[:200]}


def main(argv: list[str]) -> int:
    options = {"--mem": 768, "--max-pages": 200}
    while len(argv) >= 2 and argv[0] in options:
        options[argv[0]] = int(argv[1])
        argv = argv[2:]
    _limit_memory(options["--mem"])
    sys.stdout.write(run(argv, options["--max-pages"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
