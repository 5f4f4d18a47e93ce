"""The merchant record: one schema for every command, batch row and form.

Loaded from JSON (UTF-8, BOM accepted) or built from a dict (an Excel row).
All text is NFC-normalised on the way in. Only ``business`` is required at load
time; each command asks for what it needs with :func:`require`.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from pgdocs.dates import parse_date
from pgdocs.errors import FindingsError, InputError
from pgdocs.pglist import canonical_pg, pg_ids
from pgdocs.text import clean, deep_nfc, nfc

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

#: a ``BeforeValidator``: the value as given (JSON, an Excel cell) → what the field's type then checks
_Convert = Callable[[object], object]

_ENTITY_ALIASES = {
    "individual": "individual", "개인": "individual", "개인사업자": "individual",
    "corporation": "corporation", "법인": "corporation", "법인사업자": "corporation",
}
_TAX_ALIASES = {
    "general": "general", "일반": "general", "일반과세자": "general", "일반과세": "general",
    "simple": "simple", "간이": "simple", "간이과세자": "simple", "간이과세": "simple",
    "exempt": "exempt", "면세": "exempt", "면세사업자": "exempt",
}
PAYMENT_METHODS: dict[str, str] = {
    "card": "신용카드",
    "transfer": "계좌이체",
    "vbank": "가상계좌",
    "phone": "휴대폰",
}
_METHOD_ALIASES = {
    "card": "card", "신용카드": "card", "카드": "card",
    "transfer": "transfer", "계좌이체": "transfer", "실시간계좌이체": "transfer", "bank": "transfer",
    "vbank": "vbank", "가상계좌": "vbank", "무통장": "vbank",
    "phone": "phone", "휴대폰": "phone", "휴대폰결제": "phone", "mobile": "phone",
}
PAYMENT_TYPES: dict[str, str] = {"general": "일반", "recurring": "정기"}
_PTYPE_ALIASES = {"general": "general", "일반": "general", "일반결제": "general",
                  "recurring": "recurring", "정기": "recurring", "정기결제": "recurring", "billing": "recurring"}
_BOOL_ALIASES = {"true": True, "yes": True, "y": True, "예": True, "네": True, "o": True, "1": True,
                 "false": False, "no": False, "n": False, "아니오": False, "아니요": False, "x": False, "0": False}

#: Korean names of record fields, for messages and reports.
FIELD_LABELS: dict[str, str] = {
    "pg": "PG사",
    "site_url": "신청 사이트 주소",
    "business": "사업자 정보",
    "business.entity": "사업자 유형(개인/법인)",
    "business.tax_type": "과세 유형",
    "business.business_number": "사업자등록번호",
    "business.business_name": "상호(법인명)",
    "business.representative": "대표자",
    "business.birth_date": "대표자 생년월일",
    "business.opening_date": "개업연월일",
    "business.corporate_number": "법인등록번호",
    "business.address": "사업장 주소",
    "business.postal_code": "우편번호",
    "business.business_type": "업태",
    "business.business_item": "종목",
    "business.phone": "회사 전화번호",
    "representative_contact": "대표자 연락처 정보",
    "representative_contact.phone": "대표자 연락처",
    "representative_contact.email": "대표자 이메일",
    "manager": "담당자 정보",
    "manager.name": "담당자 성함",
    "manager.phone": "담당자 연락처",
    "manager.email": "담당자 이메일 주소",
    "settlement_account": "정산계좌정보",
    "settlement_account.bank": "은행명",
    "settlement_account.number": "계좌번호",
    "settlement_account.holder": "예금주명",
    "pg_account": "PG 계약 정보",
    "pg_account.existing_mid": "기존 MID",
    "pg_account.new_mid": "발급받은 MID 값",
    "pg_account.already_on_imweb": "아임웹에서 이미 사용 중인지",
    "pg_account.contract_date": "계약 완료일",
    "pg_account.payment_methods": "결제수단",
    "pg_account.payment_types": "결제방식(일반/정기)",
    "pg_account.settlement_cycle": "정산주기",
    "pg_account.preferred_channel": "제출 방법",
    "pg_account.toss_keys": "토스페이먼츠 키",
    "pg_account.toss_keys.mid": "MID",
    "pg_account.toss_keys.mert_key": "mertKey",
    "pg_account.toss_keys.api_key": "apiKey",
    "pg_account.toss_keys.client_key": "clientKey",
    "documents": "첨부 서류",
}


def field_label(path: str) -> str:
    return FIELD_LABELS.get(path, path)


def _alias(table: dict[str, str], what: str) -> _Convert:
    def conv(v: object) -> object:
        if v is None or not isinstance(v, str):
            return v
        key = clean(v).lower().replace(" ", "")
        for k, out in table.items():
            if key == k.replace(" ", ""):
                return out
        raise ValueError(f"알 수 없는 {what}: {v!r} (가능한 값: {', '.join(sorted(set(map(str, table.values()))))})")

    return conv


def _pg(v: object) -> object:
    """A PG named any way its rulebook file allows (``나이스페이먼츠``, ``KICC`` …) → its id."""
    if v is None or not isinstance(v, str):
        return v
    pg = canonical_pg(v)
    if pg is None:
        raise ValueError(f"알 수 없는 PG사: {v!r} (가능한 값: {', '.join(sorted(pg_ids()))})")
    return pg


def _text(v: object) -> object:
    """Accept numbers for identifier-like text fields (JSON and Excel give them); strip; NFC."""
    if v is None:
        return None
    if isinstance(v, bool):
        raise ValueError("문자열이어야 합니다")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        raise ValueError("문자열이어야 합니다")
    if isinstance(v, str):
        s = nfc(v).strip()
        return s or None
    return v


def _date(v: object) -> object:
    if v is None or isinstance(v, dt.date):
        return v
    if isinstance(v, int | float) and not isinstance(v, bool):
        v = str(int(v))
    if isinstance(v, str):
        if not v.strip():
            return None
        try:
            return parse_date(v)
        except ValueError:
            raise ValueError("날짜는 2019-07-01, 2019.07.01, 20190701, 2019년 7월 1일 형식으로 적어 주세요") from None
    return v


def _bool(v: object) -> object:
    if isinstance(v, str):
        key = clean(v).lower()
        if key in _BOOL_ALIASES:
            return _BOOL_ALIASES[key]
        raise ValueError("예/아니오(true/false)로 적어 주세요")
    return v


def _list_of(table: dict[str, str], what: str) -> _Convert:
    conv = _alias(table, what)

    def inner(v: object) -> object:
        if v is None:
            return []
        if isinstance(v, str):
            v = [p for p in (x.strip() for x in v.replace("/", ",").replace("·", ",").split(",")) if p]
        if isinstance(v, list):
            out: list[object] = []
            for item in v:
                c = conv(item)
                if c not in out:
                    out.append(c)
            return out
        return v

    return inner


Text = Annotated[str | None, BeforeValidator(_text)]
ReqText = Annotated[str, BeforeValidator(_text)]
DateField = Annotated[dt.date | None, BeforeValidator(_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class Business(_Model):
    entity: Annotated[Literal["individual", "corporation"], BeforeValidator(_alias(_ENTITY_ALIASES, "사업자 유형"))]
    tax_type: Annotated[
        Literal["general", "simple", "exempt"] | None, BeforeValidator(_alias(_TAX_ALIASES, "과세 유형"))
    ] = None
    business_number: ReqText
    business_name: ReqText
    representative: ReqText
    birth_date: DateField = None
    opening_date: DateField = None
    corporate_number: Text = None
    address: Text = None
    postal_code: Text = None
    business_type: Text = None
    business_item: Text = None
    phone: Text = None


class Contact(_Model):
    phone: Text = None
    email: Text = None


class Manager(_Model):
    name: Text = None
    phone: Text = None
    email: Text = None


class SettlementAccount(_Model):
    bank: Text = None
    number: Text = None
    holder: Text = None


class TossKeys(_Model):
    mid: Text = None
    mert_key: Text = None
    api_key: Text = None
    client_key: Text = None


class PgAccount(_Model):
    existing_mid: Text = None
    new_mid: Text = None  #: the MID the PG issued for Imweb (NicePay/Easypay chat items)
    already_on_imweb: Annotated[bool | None, BeforeValidator(_bool)] = None
    contract_date: DateField = None
    payment_methods: Annotated[
        list[Literal["card", "transfer", "vbank", "phone"]], BeforeValidator(_list_of(_METHOD_ALIASES, "결제수단"))
    ] = Field(default_factory=list)
    payment_types: Annotated[
        list[Literal["general", "recurring"]], BeforeValidator(_list_of(_PTYPE_ALIASES, "결제방식"))
    ] = Field(default_factory=lambda: ["general"])  # type: ignore[arg-type]  # literal list
    settlement_cycle: Text = None
    preferred_channel: Annotated[
        Literal["post", "email"] | None,
        BeforeValidator(_alias({"post": "post", "우편": "post", "email": "email", "이메일": "email",
                                "메일": "email"}, "제출 방법")),
    ] = None
    toss_keys: TossKeys | None = None


class MerchantRecord(_Model):
    pg: Annotated[str | None, BeforeValidator(_pg)] = None  #: a PG id of the rulebook (pgdocs.pglist)
    site_url: Text = None
    business: Business
    representative_contact: Contact | None = None
    manager: Manager | None = None
    settlement_account: SettlementAccount | None = None
    pg_account: PgAccount | None = None
    documents: dict[str, str] = Field(default_factory=dict)

    _base_dir: Path = PrivateAttr(default_factory=Path.cwd)

    @field_validator("site_url", mode="after")
    @classmethod
    def _site(cls, v: str | None) -> str | None:
        # "*shop.imweb.me" is the KG이니시스 form's spelling (pgdocs's own tip says so): the address is what follows
        return (v.lstrip("*").strip() or None) if v else v

    @field_validator("documents", mode="before")
    @classmethod
    def _docs(cls, v: object) -> object:
        if v is None:
            return {}
        if isinstance(v, dict):
            return {nfc(str(k)).strip(): nfc(str(p)).strip() for k, p in v.items() if p not in (None, "")}
        return v

    @property
    def base_dir(self) -> Path:
        """Folder that ``documents`` paths are relative to (the record file's folder)."""
        return self._base_dir

    def document_path(self, key: str) -> Path | None:
        rel = self.documents.get(key)
        if rel is None:
            return None
        p = Path(rel)
        return p if p.is_absolute() else (self._base_dir / p)

    def get(self, path: str) -> object:
        """Value at a dotted field path, ``None`` when any part is missing (an empty text or list too).

        Read a value of a known kind with :meth:`get_text`, :meth:`get_texts` or :meth:`get_date`.
        """
        obj: object = self
        for part in path.split("."):
            if obj is None:
                return None
            obj = obj.get(part) if isinstance(obj, dict) else getattr(obj, part, None)
        if obj == [] or obj == "":
            return None
        return obj

    def get_text(self, path: str) -> str | None:
        """The text at ``path`` (as :meth:`get`); a path that names no text field is a programming error."""
        value = self.get(path)
        if value is None or isinstance(value, str):
            return value
        raise TypeError(f"{path}: text expected, not {type(value).__name__}")

    def get_texts(self, path: str) -> list[str] | None:
        """The list of texts at ``path`` (``payment_methods`` …), ``None`` when empty (as :meth:`get`)."""
        value = self.get(path)
        if value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return value
        raise TypeError(f"{path}: a list of text expected, not {type(value).__name__}")

    def get_date(self, path: str) -> dt.date | None:
        """The date at ``path`` (as :meth:`get`); a path that names no date field is a programming error."""
        value = self.get(path)
        if value is None or isinstance(value, dt.date):
            return value
        raise TypeError(f"{path}: a date expected, not {type(value).__name__}")

    def missing(self, paths: list[str] | tuple[str, ...]) -> list[str]:
        """The paths among ``paths`` that have no value."""
        return [p for p in paths if self.get(p) is None]


def missing_fields_error(missing: list[str], *, purpose: str, code: str = "RECORD_MISSING_FIELDS") -> FindingsError:
    """A :class:`FindingsError` naming every missing field path in Korean (``details={"missing": [...]}``)."""
    names = ", ".join(f"{field_label(p)}({p})" for p in missing)
    return FindingsError(
        code,
        f"{purpose}에 필요한 항목이 없습니다: {names}",
        hint="가맹점 정보 파일에 위 항목을 채운 뒤 다시 실행하세요.",
        details={"missing": missing},
    )


def require(record: MerchantRecord, paths: list[str] | tuple[str, ...], *, purpose: str) -> None:
    """Raise :class:`FindingsError` listing every missing field (Korean names) for ``purpose``."""
    missing = record.missing(paths)
    if missing:
        raise missing_fields_error(missing, purpose=purpose)


def _pydantic_message(err: ErrorDetails) -> str:
    loc = ".".join(str(p) for p in err.get("loc", ()))
    kind = err.get("type", "")
    label = field_label(loc)
    where = f"{label}({loc})" if label != loc else loc
    if kind == "missing":
        return f"{where}: 필수 항목이 없습니다"
    if kind == "extra_forbidden":
        return f"{loc}: 알 수 없는 항목입니다 (철자를 확인하세요)"
    if kind in ("string_type", "str_type"):
        return f"{where}: 문자열이어야 합니다"
    if kind in ("bool_type", "bool_parsing"):
        return f"{where}: 예/아니오(true/false)여야 합니다"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where}: 항목 묶음(객체)이어야 합니다"
    if kind == "list_type":
        return f"{where}: 목록이어야 합니다"
    if kind == "literal_error":
        exp = str(err.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
        return f"{where}: 허용되지 않는 값입니다 (가능한 값: {exp})"
    if kind.startswith(("date", "datetime")):
        return f"{where}: 날짜는 2019-07-01, 2019.07.01, 20190701, 2019년 7월 1일 형식으로 적어 주세요"
    if kind.startswith(("int", "float", "decimal")):
        return f"{where}: 숫자여야 합니다"
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    if not any("\uac00" <= ch <= "\ud7a3" for ch in msg):  # pydantic's own English: never shown to a person
        return f"{where}: 값의 형식이 맞지 않습니다"
    return f"{where}: {msg}"


def record_from_dict(data: object, base_dir: Path | None = None) -> MerchantRecord:
    """Build a record from plain data; raise :class:`InputError` (``RECORD_SCHEMA``) with Korean messages."""
    if not isinstance(data, dict):
        raise InputError("RECORD_SCHEMA", "가맹점 정보는 JSON 객체({ … })여야 합니다.")
    try:
        rec = MerchantRecord.model_validate(deep_nfc(data))
    except ValidationError as exc:
        msgs = [_pydantic_message(e) for e in exc.errors()]
        raise InputError(
            "RECORD_SCHEMA",
            "가맹점 정보 형식이 맞지 않습니다: " + "; ".join(msgs),
            details={"errors": msgs},
        ) from None
    if base_dir is not None:
        rec._base_dir = base_dir
    return rec


MAX_RECORD_BYTES = 5 * 1024 * 1024


def load_record(path: str | Path) -> MerchantRecord:
    """Load a merchant record from a JSON file. Every failure is an :class:`InputError` (exit 2)."""
    p = Path(path)
    if not p.exists():  # a name typed in NFC for a file saved in NFD (macOS), or the other way round
        for form in ("NFC", "NFD"):
            alt = Path(unicodedata.normalize(form, str(path)))
            if alt.exists():
                p = alt
                break
    if not p.exists():
        raise InputError("RECORD_NOT_FOUND", f"가맹점 정보 파일이 없습니다: {p}")
    if p.is_dir():
        raise InputError("RECORD_IS_DIR", f"파일이 아니라 폴더입니다: {p}", hint="가맹점 정보 JSON 파일을 지정하세요.")
    if not p.is_file():  # a FIFO, socket or device would block or never end
        raise InputError("RECORD_NOT_FILE", f"보통 파일이 아닙니다: {p}", hint="가맹점 정보 JSON 파일을 지정하세요.")
    try:
        size = p.stat().st_size
        if size > MAX_RECORD_BYTES:
            raise InputError("RECORD_TOO_LARGE", f"가맹점 정보 파일이 너무 큽니다 ({size:,} 바이트): {p.name}")
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError("RECORD_UNREADABLE", f"가맹점 정보 파일을 읽을 수 없습니다: {p} ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            "RECORD_NOT_UTF8",
            f"가맹점 정보 파일이 UTF-8이 아닙니다: {p.name}",
            hint="메모장 등에서 'UTF-8'로 다시 저장하세요.",
        ) from None
    from pgdocs import jsonio

    try:
        data = jsonio.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            "RECORD_BAD_JSON",
            f"JSON 형식 오류: {p.name} {exc.lineno}행 {exc.colno}열 ({exc.msg})",
        ) from None
    except jsonio.TooDeep:
        raise InputError(
            "RECORD_BAD_JSON",
            f"JSON 형식 오류: {p.name} 의 괄호가 너무 깊게 겹쳐 있습니다 (가맹점 정보는 몇 단계면 충분합니다).",
            hint="pgdocs batch-template 이나 samples/ 의 record.json 을 본떠 다시 만들어 주세요.",
        ) from None
    return record_from_dict(data, base_dir=p.resolve().parent)
