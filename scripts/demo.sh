#!/usr/bin/env bash
# The main job on the bundled sample merchants. Usage: scripts/demo.sh [OUT]
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out/demo}
P=.venv/bin/pgdocs
S=samples/nicepay-individual-within-1y
C=samples/nicepay-corporation-over-1y
TODAY=${PGDOCS_DEMO_TODAY:-}
T=()
[ -n "$TODAY" ] && T=(--today "$TODAY")

rm -rf "$OUT"
mkdir -p "$OUT"
fail=0
step() {  # step TITLE COMMAND...  — run, show, remember failures (exit 3 = needs review is fine)
  local title=$1; shift
  echo
  echo "━━ $title"
  echo "\$ ${*#.venv/bin/}"
  "$@"
  local rc=$?
  if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
    echo "!! 실패 (종료 코드 $rc)"
    fail=1
  fi
}

step "환경 점검" $P doctor
step "가맹점 정보 검증" $P validate $S/record.json
step "진행 계획" $P plan $S/record.json "${T[@]}"
step "아임웹 채팅 메시지" bash -c "$P chat-message $S/record.json ${T[*]} | tee $OUT/chat-message.txt"
step "나이스페이 ID 추가 신청서 (.docx + PDF)" $P fill nicepay-id-add $S/record.json -o "$OUT/id_add_request.docx" --pdf "${T[@]}"
step "사업자등록증 대조 (OCR) + 표시 그림" $P verify $S/사업자등록증.png --info $S/record.json --annotate "$OUT/certificate-check.png"
step "통장 사본 대조 (OCR)" $P verify $S/통장사본.png --kind bankbook --info $S/record.json --annotate "$OUT/bankbook-check.png"
step "우편 제출 묶음 (개인, 1년 이내)" $P packet $S/record.json -o "$OUT/packet-post" --channel post "${T[@]}"
step "이메일 제출 묶음 (개인, 1년 이내)" $P packet $S/record.json -o "$OUT/packet-email" --channel email --zip "${T[@]}"
step "우편 제출 묶음 (법인, 1년 초과: 우편만)" $P packet $C/record.json -o "$OUT/packet-corporation" "${T[@]}"
step "주소 라벨 (LS-3108, 보내는 사람 포함)" $P labels $C/record.json -o "$OUT/labels.pdf" --sender
step "일괄 처리용 엑셀 양식" $P batch-template -o "$OUT/merchants.xlsx"
step "예시 폴더 점검 (JUnit)" $P lint samples --junit "$OUT/lint-junit.xml" "${T[@]}"

echo
echo "결과 폴더: $OUT"
ls -1 "$OUT"
if [ $fail -ne 0 ]; then
  echo "일부 단계가 실패했습니다 (위 '!! 실패' 참고)."
  exit 1
fi
