"""``pgdocs extract`` and ``pgdocs verify``: read and check a 사업자등록증 or 통장 사본."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pgdocs.cli._common import emit_json, format_option, registry_option
from pgdocs.ocr.result import STATUS_KO, VERDICT_KO
from pgdocs.ocr.spec import label, mask_value

if TYPE_CHECKING:
    from pgdocs.record import MerchantRecord

_MARK = {"pass": "✔", "fail": "✘", "review": "?"}

show_personal_option = click.option(
    "--show-personal", is_flag=True,
    help="생년월일·계좌번호·전화번호를 가리지 않고 그대로 출력 (서류 주인 본인만 사용하세요)")


def _load_info(path: Path) -> MerchantRecord:
    """A merchant record, or a file holding only its ``business`` section (with or without the key)."""
    from pgdocs import jsonio
    from pgdocs.errors import InputError
    from pgdocs.record import load_record, record_from_dict

    try:
        return load_record(path)
    except InputError as err:
        if err.code != "RECORD_SCHEMA":
            raise
        try:
            data = jsonio.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError):  # jsonio.TooDeep is a ValueError
            raise err from None
        if isinstance(data, dict) and "business" not in data and "business_number" in data:
            return record_from_dict({"business": data}, base_dir=path.parent)
        raise


@click.command("extract")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--annotate", "annotate", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="읽은 항목을 표시한 PNG 그림을 저장할 경로")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="tesseract 1회 실행 제한 시간(초)")
@show_personal_option
@format_option
def extract(file: Path, annotate: Path | None, timeout: float, show_personal: bool, fmt: str) -> None:
    """사업자등록증 이미지/PDF에서 항목을 읽습니다 (PNG, JPEG, TIFF, WebP, BMP, PDF)."""
    from pgdocs.ocr.extract import extract as run

    ex = run(file, timeout=timeout)
    if annotate is not None:
        from pgdocs.ocr.annotate import annotate_extraction

        annotate_extraction(ex, file, annotate)
    data = ex.to_dict()
    if not show_personal:  # personal data (birth date …) is masked in every output unless asked for
        for name, f in data["fields"].items():
            f["value"] = mask_value(name, f["value"])
    if fmt == "json":
        emit_json(data)
        return
    kinds = {"general": "일반과세자", "simple": "간이과세자", "exempt": "면세사업자"}
    head = kinds.get(str(data["tax_type"]), "") or ("법인사업자" if data["entity"] == "corporation" else "")
    source = "텍스트 PDF" if ex.source == "text_layer" else "OCR"
    click.echo(f"사업자등록증 {('(' + head + ')') if head else ''}  [{source}]")
    for name, f in data["fields"].items():
        click.echo(f"  {label(name):<8} {f['value']}   (확신 {f['confidence']:.0%})")
    warnings = data["quality"].get("warnings")
    for w in warnings if isinstance(warnings, list) else []:
        click.echo(f"  ! {w}")
    if annotate is not None:
        click.echo(f"표시 그림: {annotate}")


@click.command("verify")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--info", "info", required=True, type=click.Path(path_type=Path),
              help="가맹점 정보 JSON (business 항목만 있어도 됨)")
@click.option("--kind", type=click.Choice(["business_registration", "bankbook"]), default="business_registration",
              show_default=True, help="서류 종류")
@click.option("--annotate", "annotate", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="대조 결과를 표시한 PNG 그림 (초록 일치, 빨강 불일치, 주황 확인 필요)")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="tesseract 1회 실행 제한 시간(초)")
@show_personal_option
@registry_option
@format_option
def verify(file: Path, info: Path, kind: str, annotate: Path | None, timeout: float, show_personal: bool,
           registry: str | None, fmt: str) -> None:
    """사업자등록증·통장 사본을 신고한 정보와 대조합니다. 종료 코드: 0 통과, 1 불일치, 3 확인 필요."""
    from pgdocs.findings import Finding, Severity
    from pgdocs.ocr.kind import found_page, page_note
    from pgdocs.ocr.verify import _business
    from pgdocs.ocr.verify import verify as run

    record = _load_info(info)
    res = run(file, record, kind=kind, annotate=annotate, timeout=timeout)  # type: ignore[arg-type]
    nts: list[Finding] = []
    if registry:
        from pgdocs.registry import check_business

        nts = check_business(_business(record)[0], validate=registry == "validate")
    exit_code = res.exit_code
    if any(f.severity is Severity.ERROR for f in nts):
        exit_code = 1  # the registry says the business is closed, unknown or different: worse than a review
    if fmt == "json":
        data = res.to_dict(show_personal=show_personal)
        if registry:
            data["registry"] = [f.to_dict() for f in nts]
        emit_json(data)
    else:
        source = "텍스트 PDF" if res.source == "text_layer" else "OCR"
        page = found_page(res.quality)
        click.echo(f"판정: {VERDICT_KO[res.verdict]} {_MARK[res.verdict]}  ({source}"
                   + (f", {page}쪽)" if page is not None else ")"))
        if page is not None:
            click.echo(f"  ! {page_note(page, res.kind)}")
        for name, f in res.fields.items():
            found = (f.found if show_personal else mask_value(name, f.found)) or "—"
            click.echo(f"  {STATUS_KO[f.status]:<5} {label(name):<8} {found}")
        for r in res.reasons:
            click.echo(f"  - {r}")
        if annotate is not None:
            click.echo(f"표시 그림: {annotate}")
        if registry:
            from pgdocs.cli.registry_cmd import echo_findings

            click.echo("국세청 조회:")
            echo_findings(nts)
    sys.exit(exit_code)
