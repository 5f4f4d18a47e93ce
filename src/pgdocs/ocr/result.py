"""The verdict of a document check, and the one rule that gives it.

Everything that shows or acts on a check — ``verify``, the bank-book check, the annotated picture, the
CLI, ``packet``, ``lint``, ``batch`` and the web page — reads :class:`FieldCheck`, :class:`VerifyResult`,
:func:`decide` and the Korean words from here, so a verdict is worded one way everywhere.

The policy (README "대조 규칙"; issue 11):

* **pass** needs positive evidence for every field: the declared text equals what was read after
  normalisation, or a second read of the field's own crop says exactly what was declared (when the first read
  was one look-alike off, a third read must agree too — the crop enlarged, or the page read without rules:
  one read against another settles nothing), or the page read again without its table rules and shading says
  it and a read of that field's crop agrees (two reads);
* **fail** (불일치) needs confident evidence in at least one field: a whole-field difference, or a partial
  difference that a second read of the crop confirms (a single look-alike digit — 3↔8, 1↔7, 0↔8, 5↔6, 2↔7 —
  only after a digit-only re-read) and no other read of the crop (enlarged, by the page's model, with only its
  ink) says what was declared;
* everything else is **review** (확인 필요), and the reason names the field and what was seen.

Confidence. Tesseract reports a word ``conf`` in TSV (what we read) and a per-symbol ``x_conf`` in hOCR with
``-c hocr_char_boxes=1``. Neither flags substitutions: on Nanum name crops blurred three ways (``kor``, psm 7,
tesseract 5.3.0) the misread syllables scored like the right ones (곽성연→곽성면 98, 김민수→길면수 99, 명호→맹호 85
against 91–100; docs/ocr.md#confidence: mean word conf 84–88 with or without errors). So a low word confidence only
ever turns a difference into review, and "read with good confidence" is backed by a second read of the crop
agreeing, never by the confidence alone.

Field-level decisions are made by :mod:`pgdocs.ocr.verify` (certificates) and :mod:`pgdocs.ocr.bankbook`;
this module only aggregates them, so no field status other than the three below can reach a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pgdocs.errors import ExitCode
from pgdocs.jsonio import Report

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "CHECK_KO",
    "STATUS_KO",
    "VERDICT_KO",
    "WRONG_KIND",
    "FieldCheck",
    "Kind",
    "Status",
    "Verdict",
    "VerifyResult",
    "decide",
    "field_status",
    "wrong_kind_result",
]

Kind = Literal["business_registration", "bankbook"]
Verdict = Literal["pass", "fail", "review"]
Status = Literal["match", "mismatch", "unreadable"]

#: field status → the one Korean word shown for it (CLI, picture, web page, reasons)
STATUS_KO: dict[str, str] = {"match": "일치", "mismatch": "불일치", "unreadable": "확인 필요"}
#: verdict → the one Korean word shown for it
VERDICT_KO: dict[str, str] = {"pass": "통과", "fail": "불일치", "review": "확인 필요"}
#: a document slot's check state in packet / web / batch: a verdict, or why there is none
CHECK_KO: dict[str, str] = {**VERDICT_KO, "unchecked": "미검사", "not_applicable": "-"}


def field_status(status: str) -> Status:
    """A matcher's status as a field status: ``unverifiable`` (syllables the model cannot emit) is review."""
    if status in ("match", "mismatch"):
        return status  # type: ignore[return-value]
    return "unreadable"


@dataclass
class FieldCheck:
    """One declared field against what the document says."""

    declared: str
    found: str | None
    status: Status
    score: float
    detail: str = ""
    box: list[int] | None = None
    #: the evidence behind the status: "read" (the page read), "reread" (a second read of the crop), "clean_read"
    #: (the page read again without table rules, confirmed by its crop), "cell_read" (the field's cell of a ruled
    #: table cut out between its rules and read by two models), "reads_disagree" (the crop confirmed a
    #: difference the page read without rules does not show, or the crop said the declared value of a field the
    #: page read one look-alike off), "low_resolution" / "descreened" / "screen_photo" (a difference on a
    #: page too small to trust, or read only once its moiré was taken out: review),
    #: "unlabelled" (a value taken by its shape or the row order where its label was not read: a difference is
    #: review), "unreadable_page" (a difference on a page read as too little of a certificate: review),
    #: "small_twice" (a match under the 10-px floor that the page read and the field's crop both say),
    #: "beyond_model" (a name matched only by forgiving syllables the model cannot emit, where another syllable
    #: was read without guessing — by the page pass, or by most reads of the crop: review),
    #: "checksum", "whole" (a whole-field difference) … for support staff and tests
    evidence: str = "read"

    def to_dict(self, name: str = "", *, show_personal: bool = False) -> Report:
        """JSON form; personal values (birth date, account …) masked unless ``show_personal``."""
        from pgdocs.ocr.spec import mask_value

        def shown(v: str | None) -> str | None:
            return v if show_personal or not name else mask_value(name, v)

        return {"declared": shown(self.declared), "found": shown(self.found), "status": self.status,
                "score": round(self.score, 3), "detail": self.detail, "evidence": self.evidence}


@dataclass
class VerifyResult:
    verdict: Verdict
    kind: Kind
    reasons: list[str] = field(default_factory=list)
    fields: dict[str, FieldCheck] = field(default_factory=dict)
    quality: Report = field(default_factory=dict)
    source: str = "ocr"
    seconds: float = 0.0
    image: Image.Image | None = None  #: the page image (PIL) when one was read, for annotation
    #: a stable code for a verdict that is not about fields: "DOC_WRONG_KIND" (a bank book, a blank page or
    #: another document in the slot; :mod:`pgdocs.ocr.kind`)
    code: str | None = None
    #: what the page looked like (:data:`pgdocs.ocr.kind.DetectedKind`), when that was decided
    detected_kind: str | None = None

    @property
    def exit_code(self) -> int:
        return int({"pass": ExitCode.OK, "fail": ExitCode.FINDINGS, "review": ExitCode.REVIEW}[self.verdict])

    @property
    def verdict_ko(self) -> str:
        return VERDICT_KO[self.verdict]

    def to_dict(self, *, show_personal: bool = False) -> Report:
        """JSON form. Birth dates, account numbers and phones are masked unless ``show_personal``
        (only for the person the document belongs to: ``--show-personal``)."""
        return {
            "verdict": self.verdict,
            "verdict_ko": self.verdict_ko,
            "document": self.kind,
            "code": self.code,
            "detected_kind": self.detected_kind,
            "reasons": list(self.reasons),
            "fields": {k: v.to_dict(k, show_personal=show_personal) for k, v in self.fields.items()},
            "source": self.source,
            "quality": self.quality,
        }


def reason(name: str, fc: FieldCheck) -> str:
    """The sentence a person reads for a field that did not match (values masked per the field spec)."""
    from pgdocs.ocr.spec import label, mask_value

    what = label(name)
    found, declared = mask_value(name, fc.found), mask_value(name, fc.declared)
    if fc.status == "mismatch":
        shown = f"서류에는 “{found}”" if found else "서류에서 찾지 못함"
        return f"{what} {STATUS_KO['mismatch']}: 입력한 값 “{declared}”, {shown} ({fc.detail})"
    return f"{what} {STATUS_KO['unreadable']}: {fc.detail}" + (f" (읽은 값 “{found}”)" if found else "")


def decide(res: VerifyResult) -> VerifyResult:
    """Set ``res.verdict`` from its fields and add one reason per field that is not a match.

    fail if any field is a mismatch; pass only if there is at least one field, every field matches and the
    document was readable; review otherwise.
    """
    statuses = [f.status for f in res.fields.values()]
    for name, f in res.fields.items():
        if f.status != "match":
            res.reasons.append(reason(name, f))
    if "mismatch" in statuses:
        res.verdict = "fail"
    elif statuses and all(s == "match" for s in statuses) and res.quality.get("readable") is not False:
        res.verdict = "pass"
    else:
        res.verdict = "review"
    return res


#: the code of a document that is not the kind its slot needs (verify, packet, batch, lint, the web page)
WRONG_KIND = "DOC_WRONG_KIND"


def wrong_kind_result(slot: Kind, detected: str, message: str, *, source: str = "ocr",
                      quality: Report | None = None, image: Image.Image | None = None) -> VerifyResult:
    """A *fail* that is about the whole file, not a field: ``code`` :data:`WRONG_KIND`, exit 1, one plain
    sentence ("이 파일은 사업자등록증으로 보이지 않습니다 (통장 사본으로 보입니다)") and no field checks."""
    return VerifyResult("fail", slot, reasons=[message], quality=dict(quality or {}), source=source, image=image,
                        code=WRONG_KIND, detected_kind=detected)
