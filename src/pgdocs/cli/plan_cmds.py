"""``pgdocs plan`` and ``pgdocs chat-message``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pgdocs.cli._common import emit_json, format_option
from pgdocs.cli._options import record_argument, today_option

if TYPE_CHECKING:
    from pgdocs.plan import Plan


@click.command("plan")
@record_argument
@today_option
@format_option
def plan(record: Path, today: dt.date | None, fmt: str) -> None:
    """이 가맹점의 경우, 순서대로 할 일, 준비 서류, 제출 방법과 받는 곳, 예상 완료일."""
    from pgdocs.plan import build_plan
    from pgdocs.record import load_record

    result = build_plan(load_record(record), today)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    click.echo(render_plan_text(result))


def render_plan_text(result: Plan) -> str:
    from pgdocs.rulebook import load_rulebook

    case = result.case
    out = [f"■ {case.pg_name} — {case.title}", f"  규칙: {case.case_id} (규칙집 {case.rule_version})", ""]
    out.append("할 일")
    out.extend(f"  {i}. {s}" for i, s in enumerate(case.steps, 1))
    if result.documents:
        out.extend(["", "준비 서류"])
        for d in result.documents:
            if d.spec.generated:
                state = "pgdocs fill 로 작성"
            elif d.present is None:
                state = "파일 미지정"
            else:
                state = "있음" if d.present else f"없음: {d.path}"
            opt = "" if d.spec.required else " (해당 시)"
            unconfirmed = " *추정" if not d.spec.confirmed else ""
            out.append(f"  □ {d.spec.title}{opt}{unconfirmed} — {state}")
    out.extend(["", "제출 방법: " + ", ".join(load_rulebook().channel_name(c) for c in case.channels)])
    if result.channel:
        out.append(f"  권장: {load_rulebook().channel_name(result.channel)}")
    if case.recipient:
        r = case.recipient
        if "post" in case.channels:
            out.append(f"  우편: {r.inline}")
        if "email" in case.channels and r.email:
            out.append(f"  이메일: {r.email}")
    if result.expected:
        lo, hi = result.expected
        span = lo.isoformat() if lo == hi else f"{lo.isoformat()} ~ {hi.isoformat()}"
        out.append(f"\n예상 완료: {span} (오늘 {result.today.isoformat()} 기준 영업일, 공휴일 제외)")
        for st in case.stages(result.channel):
            lo_d, hi_d = st.days
            days = ("당일" if lo_d == 0 else f"{lo_d} 영업일") if lo_d == hi_d else f"{lo_d}~{hi_d} 영업일"
            out.append(f"  - {st.name}: {days}{' (추정)' if st.estimated else ''}")
    if case.lead_note:
        out.append(f"  참고: {case.lead_note}")
    if result.warnings:
        out.extend(["", "확인할 점"])
        out.extend(f"  ! [{w.code}] {w.message}" for w in result.warnings)
    out.extend(["", f"출처: {case.source}"])
    return "\n".join(out)


@click.command("chat-message")
@record_argument
@click.option(
    "--stage", default=None, help="메시지 단계: requested(신청 후), issued(MID 발급 후), missed_addition(이지페이)"
)
@today_option
@format_option
def chat_message(record: Path, stage: str | None, today: dt.date | None, fmt: str) -> None:
    """아임웹 채팅상담 > 결제설정에 붙여넣을 메시지. 빠진 항목이 있으면 이름을 알려 줍니다."""
    from pgdocs.chat import chat_message as build
    from pgdocs.record import load_record

    text = build(load_record(record), stage=stage, today=today)
    if fmt == "json":
        emit_json({"message": text})
    else:
        click.echo(text, nl=False)
