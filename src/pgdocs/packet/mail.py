"""``submission.eml``: a ready-to-send draft for the e-mail channel (docs/packets.md#email).

Korean subject and display names become RFC 2047; each attachment carries its
Korean name in ``Content-Disposition`` (RFC 2231 ``filename*``) and an ASCII
name in ``Content-Type; name=`` for mail clients that cannot read RFC 2231.
Written with ``policy.SMTP`` (CRLF), with ``Date``, ``Message-ID`` and
``X-Unsent: 1`` so Outlook opens it as a draft.
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TypeAlias

from pgdocs.errors import FindingsError

log = logging.getLogger(__name__)

#: an e-mail as the SMTP policy builds it: headers read back as text (``str`` subclasses), set from text or
#: :class:`~email.headerregistry.Address` objects
Message: TypeAlias = "EmailMessage[str, object]"



@dataclass(frozen=True)
class Attachment:
    path: Path
    display_name: str  #: Korean file name shown to the recipient, e.g. "사업자등록증 사본.pdf"
    ascii_name: str  #: fallback, e.g. "02_business_registration.pdf"
    mime: str = "application/pdf"


def check_budget(attachments: list[Attachment], budget: int) -> int:
    """Total raw attachment bytes; :class:`FindingsError` ``PACKET_EMAIL_TOO_LARGE`` when over ``budget``.

    The budget is the case's (``Case.attachment_budget_bytes``: the rulebook's one figure unless a case sets its
    own; docs/packets.md#mail-size-budget).
    """
    sizes = {a.display_name: a.path.stat().st_size for a in attachments}
    total = sum(sizes.values())
    if total > budget:
        biggest = max(sizes, key=lambda k: sizes[k])
        raise FindingsError(
            "PACKET_EMAIL_TOO_LARGE",
            f"이메일 첨부 파일 합계가 {total / 1e6:.1f} MB로 한도 {budget / 1e6:.1f} MB를 넘습니다 "
            f"(가장 큰 파일: {biggest} {sizes[biggest] / 1e6:.1f} MB).",
            hint="스캔 해상도를 200 dpi 이하로 낮추거나 필요한 쪽만 남기세요. 그래도 크면 우편(--channel post)으로 "
                 "보내거나 메일을 둘로 나누세요 (압축 파일은 미리보기가 안 되어 권하지 않습니다).",
            details={"total_bytes": total, "budget_bytes": budget, "sizes": sizes},
        )
    return total


def header_text(text: str) -> str:
    r"""One line for a header: a 상호 pasted with a line break (Excel Alt+Enter) or a tab becomes spaces.

    The email package refuses CR/LF in headers (and must: they could inject a ``Bcc:``).

    >>> header_text("하늘\r\nBcc: x@example.com\t공방")
    '하늘 Bcc: x@example.com 공방'
    """
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    return " ".join(cleaned.split())


def build_message(*, to_addr: str, to_name: str, from_addr: str | None, from_name: str, subject: str,
                  body: str, attachments: list[Attachment], domain: str = "pgdocs.invalid") -> Message:
    msg = EmailMessage(policy=policy.SMTP)
    msg["To"] = Address(display_name=header_text(to_name), addr_spec=to_addr)
    if from_addr:
        msg["From"] = Address(display_name=header_text(from_name), addr_spec=from_addr)
    msg["Subject"] = header_text(subject)
    msg["Date"] = format_datetime(dt.datetime.now(dt.UTC).astimezone())
    msg["Message-ID"] = make_msgid(idstring="pgdocs", domain=domain)
    msg["X-Unsent"] = "1"
    msg.set_content(body, cte="base64")
    for att in attachments:
        maintype, _, subtype = att.mime.partition("/")
        msg.add_attachment(att.path.read_bytes(), maintype=maintype, subtype=subtype,
                           filename=att.display_name, params={"name": att.ascii_name})
    return msg


def write_eml(msg: Message, out: Path) -> int:
    data = msg.as_bytes(policy=policy.SMTP)
    out.write_bytes(data)
    log.debug("wrote %s (%d bytes)", out.name, len(data))
    return len(data)
