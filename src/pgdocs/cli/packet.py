"""``pgdocs packet``: the postal or e-mail submission packet for the merchant's PG."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pgdocs.cli._common import emit_json, format_option, registry_option
from pgdocs.cli._options import today_option
from pgdocs.findings import Finding, Severity
from pgdocs.labels.sheets import DEFAULT_SHEET
from pgdocs.ocr.result import CHECK_KO as _VERDICTS


@click.command("packet")
@click.argument("record", type=click.Path(path_type=Path))
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=None,
              help="사업자등록증·통장 사본 등이 든 폴더 (파일 이름으로 서류를 알아봅니다)")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True, help="만들 폴더")
@click.option("--channel", type=click.Choice(["auto", "post", "email"]), default="auto", show_default=True,
              help="제출 방법 (auto: 규칙이 허용하는 것 중 우편 우선)")
@click.option("--label-sheet", default=DEFAULT_SHEET, show_default=True, help="주소 라벨지 코드")
@click.option("--label-start", type=int, default=1, show_default=True, help="라벨을 붙일 첫 칸 번호")
@click.option("--zip", "zip_", is_flag=True, help="폴더 내용을 packet.zip 으로도 묶기")
@click.option("--encrypt", is_flag=True, help="packet.pdf 를 AES-256 암호로 잠그기 (암호는 한 번만 표시)")
@click.option("--no-check", is_flag=True, help="사업자등록증·통장 사본 자동 대조(OCR) 생략")
@click.option("--overwrite", is_flag=True, help="이미 있는 출력 폴더를 새 묶음으로 바꾸기")
@today_option
@registry_option
@format_option
def packet(record: Path, docs_dir: Path | None, out: Path, channel: str, label_sheet: str, label_start: int,
           zip_: bool, encrypt: bool, no_check: bool, overwrite: bool, today: dt.date | None, registry: str | None,
           fmt: str) -> None:
    """제출 묶음: 표지, 신청서(.docx/.pdf), A4 첨부 서류, packet.pdf, 주소 라벨, 이메일 초안, manifest.json.

    \b
    예) pgdocs packet record.json --docs 서류/ -o 제출묶음/
        pgdocs packet record.json --docs 서류/ -o out/ --channel email --zip
        pgdocs packet record.json -o out/ --encrypt --no-check
    """
    from pgdocs.packet import build_packet
    from pgdocs.record import load_record

    rec = load_record(record)
    nts: list[Finding] = []
    if registry:  # before anything is built: no packet for a closed, suspended or unknown business
        from pgdocs.errors import FindingsError
        from pgdocs.registry import check_record

        nts = check_record(rec, validate=registry == "validate")
        errors = [f for f in nts if f.severity is Severity.ERROR]
        if errors:
            raise FindingsError(errors[0].code, errors[0].message + " 제출 묶음을 만들지 않았습니다.",
                                hint=errors[0].hint, details=[f.to_dict() for f in errors])
    result = build_packet(rec, out, docs_dir=docs_dir, channel=channel, label_sheet=label_sheet,
                          label_start=label_start, zip_=zip_, encrypt=encrypt, check=not no_check,
                          overwrite=overwrite, today=today)
    if fmt == "json":
        data = result.to_dict()
        if registry:
            data["registry"] = [f.to_dict() for f in nts]
        emit_json(data)
    else:
        way = "우편" if result.channel == "post" else "이메일"
        click.echo(f"제출 묶음을 만들었습니다: {result.out} "
                   f"({way}, 규칙 {result.case_id}, packet.pdf {result.pages}쪽)")
        for f in result.files:
            click.echo(f"  {f['name']:<32} {f['size']:>9,} B  {f.get('title') or ''}")
        for doc_id, c in result.checks.items():
            if c["verdict"] == "not_applicable":
                continue
            reasons = f" — {'; '.join(c['reasons'])}" if c.get("reasons") else ""
            click.echo(f"  점검 {doc_id}: {_VERDICTS.get(c['verdict'], c['verdict'])}{reasons}")
        for w in result.warnings:
            click.echo(f"  참고: {w}")
        for finding in nts:
            click.echo(f"  국세청 조회 [{finding.code}]: {finding.message}")
        if result.channel == "email" and result.signed_forms:
            click.echo("  인감을 날인한 신청서 스캔본이 들어 있습니다: submission.eml 을 그대로 보내면 됩니다.")
        elif result.channel == "email":
            click.echo("  보내기 전에: 신청서를 출력해 인감을 날인하고, 스캔본을 가맹점 정보의 documents 에"
                       " id_add_form 으로 적어 다시 만들거나 submission.eml 의 신청서 첨부를 바꾸세요.")
        else:
            click.echo("  신청서에 인감을 날인하고, 표지 순서대로 넣어 labels.pdf 의 주소 라벨을 붙여 보내세요.")
        if result.password:
            click.echo(f"  packet.pdf 암호 (다시 표시하지 않습니다): {result.password}")
        if result.needs_review:
            click.echo(f"  {_VERDICTS['review']}: 자동 대조에서 사람이 확인해야 할 서류가 있습니다 (표지에 표시).")
    sys.exit(int(result.exit_code))
