"""``pgdocs samples certificates|bankbooks|others``: fictional documents for tests and benchmarks."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

import click

from pgdocs.cli._common import emit_json, format_option
from pgdocs.errors import InputError


class _Row(TypedDict):
    """One generated document as listed in the output (from its truth file)."""

    truth: str
    file: str
    kind: str
    variant: str
    font: str


def _split(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def _prepare_out(out: Path, overwrite: bool) -> bool:
    """An existing empty folder is fine; anything else needs ``--overwrite``."""
    if out.exists() and not out.is_dir():
        raise InputError("OUTPUT_NOT_DIR", f"출력 경로가 폴더가 아닙니다: {out}")
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
        return False
    return overwrite


def _run(out: Path, overwrite: bool, fmt: str, what: str, gen: Callable[[Path], list[Path]]) -> None:
    from pgdocs.fsio import atomic_output_dir

    t0 = time.perf_counter()
    try:
        with atomic_output_dir(out, overwrite=_prepare_out(out, overwrite)) as tmp:
            truths = gen(tmp)
            names = [p.name for p in truths]
    except OSError as exc:
        raise InputError(
            "OUTPUT_UNWRITABLE",
            f"출력 폴더에 쓸 수 없습니다: {out} ({exc.strerror or exc})",
            hint="쓰기 권한과 남은 디스크 공간을 확인하세요.",
        ) from None
    elapsed = time.perf_counter() - t0
    rows: list[_Row] = []
    for name in names:
        data = json.loads((out / name).read_text(encoding="utf-8"))
        rows.append(
            {
                "truth": str(out / name),
                "file": str(out / data["file"]),
                "kind": data.get("kind") or data.get("bank") or data.get("other"),
                "variant": data.get("variant") or "-",
                "font": data.get("font") or "-",
            }
        )
    if fmt == "json":
        emit_json(
            {
                "out": str(out),
                "document": what,
                "count": len(rows),
                "seconds": round(elapsed, 2),
                "files": rows,
            }
        )
        return
    per = elapsed / max(1, len(rows))
    click.echo(f"{what} {len(rows)}건을 만들었습니다 → {out}  ({elapsed:.1f}초, 건당 {per:.2f}초)")
    by = Counter((r["kind"], r["variant"]) for r in rows)
    kinds = sorted({k for k, _ in by})
    variants = sorted({v for _, v in by})
    click.echo("  " + "종류 \\ 변형".ljust(20) + "".join(v.rjust(9) for v in variants))
    for k in kinds:
        click.echo("  " + str(k).ljust(20) + "".join(str(by.get((k, v), 0)).rjust(9) for v in variants))
    click.echo(
        "  글꼴: " + ", ".join(f"{f} {n}" for f, n in sorted(Counter(r["font"] for r in rows).items()))
    )
    click.echo("  모든 내용은 가상의 예시입니다 (실제 사업자·계좌가 아님).")


@click.group("samples")
def samples() -> None:
    """가상의 예시 서류 만들기 (테스트·벤치마크용, 모두 허구의 정보)."""


@samples.command("certificates")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), required=True, help="출력 폴더")
@click.option(
    "--count",
    type=click.IntRange(1, 5000),
    default=16,
    show_default=True,
    help="만들 건수 (변형과 종류를 차례로 돌아가며 배정)",
)
@click.option("--seed", type=int, default=0, show_default=True, help="난수 시드 (같은 시드 → 같은 결과)")
@click.option(
    "--variants",
    default=None,
    help="쉼표로 구분: clean,scan,jpeg,lowres,fax,photo,scanpdf,textpdf (기본: 전부)",
)
@click.option(
    "--kinds",
    default=None,
    help="쉼표로 구분: general,simple,corporation_head,corporation_branch,exempt (기본: 전부)",
)
@click.option("--fonts", default=None, help="쉼표로 구분한 글꼴 (기본: 서식마다 정해진 한글 글꼴)")
@click.option(
    "--family",
    type=click.Choice(["classic", "nts", "nts2025", "proof", "hometax"]),
    default="classic",
    show_default=True,
    help="서식: classic(기존 예시), nts(국세청 2024년까지), nts2025(2025년부터), proof(사업자등록증명), "
    "hometax(글자마다 따로 저장된 홈택스 PDF)",
)
@click.option("--overwrite", is_flag=True, help="이미 있는 출력 폴더를 바꿔 씁니다")
@format_option
def certificates(
    out: Path,
    count: int,
    seed: int,
    variants: str | None,
    kinds: str | None,
    fonts: str | None,
    family: str,
    overwrite: bool,
    fmt: str,
) -> None:
    """사업자등록증(또는 사업자등록증명) 예시 이미지/PDF와 정답(truth) JSON을 만듭니다."""
    from pgdocs.samples.certificates import generate_certificates

    _run(
        out,
        overwrite,
        fmt,
        "사업자등록증명" if family == "proof" else "사업자등록증",
        lambda d: generate_certificates(
            d, count, seed, _split(variants), _split(kinds), fonts=_split(fonts), family=family
        ),
    )


@samples.command("others")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), required=True, help="출력 폴더")
@click.option("--seed", type=int, default=0, show_default=True, help="난수 시드 (같은 시드 → 같은 결과)")
@click.option(
    "--which", default=None, help="쉼표로 구분: bankbook,blank,terms_pdf,letter_scan (기본: 전부)"
)
@click.option("--overwrite", is_flag=True, help="이미 있는 출력 폴더를 바꿔 씁니다")
@format_option
def others(out: Path, seed: int, which: str | None, overwrite: bool, fmt: str) -> None:
    """사업자등록증이 아닌 서류 예시(통장 사본, 빈 페이지, 상관없는 여러 쪽 PDF, 다른 편지)를 만듭니다."""
    from pgdocs.samples.others import generate_others

    _run(out, overwrite, fmt, "다른 서류", lambda d: generate_others(d, seed, _split(which)))


@samples.command("bankbooks")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), required=True, help="출력 폴더")
@click.option(
    "--count",
    type=click.IntRange(1, 5000),
    default=8,
    show_default=True,
    help="만들 건수 (변형과 종류를 차례로 돌아가며 배정)",
)
@click.option("--seed", type=int, default=0, show_default=True, help="난수 시드 (같은 시드 → 같은 결과)")
@click.option("--variants", default=None, help="쉼표로 구분: clean,scan,jpeg,photo (기본: 전부)")
@click.option("--banks", default=None, help="쉼표로 구분한 은행 이름 (기본: 전부)")
@click.option("--overwrite", is_flag=True, help="이미 있는 출력 폴더를 바꿔 씁니다")
@format_option
def bankbooks(
    out: Path, count: int, seed: int, variants: str | None, banks: str | None, overwrite: bool, fmt: str
) -> None:
    """통장 사본(첫 장) 예시 이미지와 정답(truth) JSON을 만듭니다."""
    from pgdocs.samples.bankbook import generate_bankbooks

    _run(
        out,
        overwrite,
        fmt,
        "통장 사본",
        lambda d: generate_bankbooks(d, count, seed, _split(variants), banks=_split(banks)),
    )
