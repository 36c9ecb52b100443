#!/usr/bin/env bash
# Loads the demo referrals through the services' own REST API, so the network looks alive on first
# start: synthetic survivors at legal-aid and shelter organisations, consents, and referrals in
# several statuses across all four services. deploy/up.sh runs it once per data folder; it can
# also be run by hand against a running network. Everything here is synthetic.
set -euo pipefail

# shellcheck source=deploy/network.env
source "$(dirname "${BASH_SOURCE[0]}")/network.env"
SHELTER=${SHELTER:-http://127.0.0.1:$SHELTER_REST_PORT}
LEGALAID=${LEGALAID:-http://127.0.0.1:$LEGALAID_REST_PORT}
MEDICAL=${MEDICAL:-http://127.0.0.1:$MEDICAL_REST_PORT}
VOCATIONAL=${VOCATIONAL:-http://127.0.0.1:$VOCATIONAL_REST_PORT}

declare -A KEY=(
  [harbour-house]=dev-harbour-house-7f3a9c [riverside-refuge]=dev-riverside-refuge-c94d07
  [justice-bridge]=dev-justice-bridge-51f0a2 [open-door-law]=dev-open-door-law-9a7c3e
  [st-mary-clinic]=dev-st-mary-clinic-0d62b8 [valley-health]=dev-valley-health-e3f915
  [new-paths]=dev-new-paths-4c1b6d
)

# post ORG URL PATH JSON -> prints the response body; fails with the body on an HTTP error
post() {
  local body code
  body=$(curl -sS -m 10 -w '\n%{http_code}' -X POST "$2$3" -H "X-Api-Key: ${KEY[$1]}" -H 'Content-Type: application/json' -d "$4")
  code=${body##*$'\n'}; body=${body%$'\n'*}
  if [[ $code != 2* ]]; then echo "seed-demo: POST $3 as $1 answered $code: $body" >&2; exit 1; fi
  printf '%s' "$body"
}
id_of() { sed -E 's/.*"id":"([^"]+)".*/\1/'; }

# Wait until the recipient's service has the referral (receipt travels over the broker).
wait_received() {
  local org=$1 url=$2 referral=$3
  for _ in $(seq 1 100); do
    curl -fs -m 5 "$url/api/referrals/$referral" -H "X-Api-Key: ${KEY[$org]}" -o /dev/null && return 0
    sleep 0.1
  done
  echo "seed-demo: referral $referral did not reach $org" >&2; exit 1
}
status() { post "$1" "$2" "/api/referrals/$3/status" "$4" >/dev/null; }

echo "Loading demo survivors, consents and referrals"

# Justice Bridge (legal aid) helps two survivors.
s1=$(post justice-bridge "$LEGALAID" /api/survivors '{"givenName":"Demo-Maria","familyName":"Synthetic","dateOfBirth":"1994-05-12","gender":"female","phone":"+1-555-0142","languages":["es","en"],"dependants":1,"needs":["shelter","medical"],"healthNotes":"synthetic: follow-up for a wrist injury","legalStatusNotes":"synthetic: T-visa application in preparation","caseNotes":"synthetic: prefers contact through the caseworker"}' | id_of)
c1=$(post justice-bridge "$LEGALAID" "/api/survivors/$s1/consents" '{"recipientOrgId":"harbour-house","categories":["identity","case-notes"],"method":"written","purpose":"emergency shelter"}' | id_of)
post justice-bridge "$LEGALAID" "/api/survivors/$s1/consents" '{"recipientOrgId":"st-mary-clinic","categories":["identity","health"],"method":"verbal","witness":"caseworker D. Okafor","purpose":"medical follow-up"}' >/dev/null
r1=$(post justice-bridge "$LEGALAID" /api/referrals "{\"survivorId\":\"$s1\",\"toOrgId\":\"harbour-house\",\"service\":\"bed:women\",\"priority\":\"asap\",\"share\":[\"identity\",\"case-notes\"],\"note\":\"synthetic: arrives this evening\",\"contactingSubjectProhibited\":true}" | id_of)
r2=$(post justice-bridge "$LEGALAID" /api/referrals "{\"survivorId\":\"$s1\",\"toOrgId\":\"st-mary-clinic\",\"service\":\"medical:trauma-care\",\"priority\":\"urgent\",\"share\":[\"identity\",\"health\"]}" | id_of)

s2=$(post justice-bridge "$LEGALAID" /api/survivors '{"givenName":"Demo-Lan","familyName":"Synthetic","languages":["vi"],"dependants":0,"needs":["legal","vocational"]}' | id_of)
r3=$(post justice-bridge "$LEGALAID" /api/referrals "{\"survivorId\":\"$s2\",\"toOrgId\":\"open-door-law\",\"service\":\"legal:asylum\",\"priority\":\"routine\",\"share\":[]}" | id_of)
r4=$(post justice-bridge "$LEGALAID" /api/referrals "{\"survivorId\":\"$s2\",\"toOrgId\":\"new-paths\",\"service\":\"vocational:training\",\"priority\":\"routine\",\"share\":[]}" | id_of)

# Harbour House (shelter) refers a resident on.
s3=$(post harbour-house "$SHELTER" /api/survivors '{"givenName":"Demo-Ada","familyName":"Synthetic","languages":["en"],"dependants":0,"needs":["medical","vocational"],"healthNotes":"synthetic: sleep problems"}' | id_of)
post harbour-house "$SHELTER" "/api/survivors/$s3/consents" '{"recipientOrgId":"valley-health","categories":["identity","health"],"method":"written","purpose":"counselling"}' >/dev/null
r5=$(post harbour-house "$SHELTER" /api/referrals "{\"survivorId\":\"$s3\",\"toOrgId\":\"valley-health\",\"service\":\"medical:mental-health\",\"priority\":\"routine\",\"share\":[\"identity\",\"health\"]}" | id_of)
r6=$(post harbour-house "$SHELTER" /api/referrals "{\"survivorId\":\"$s3\",\"toOrgId\":\"skills-forward\",\"service\":\"vocational:education\",\"priority\":\"routine\",\"share\":[]}" | id_of)

# Riverside Refuge refers a resident for legal help, then the resident withdraws.
s4=$(post riverside-refuge "$SHELTER" /api/survivors '{"givenName":"Demo-Joy","familyName":"Synthetic","languages":["tl","en"],"dependants":2,"needs":["legal"]}' | id_of)
r7=$(post riverside-refuge "$SHELTER" /api/referrals "{\"survivorId\":\"$s4\",\"toOrgId\":\"justice-bridge\",\"service\":\"legal:u-visa\",\"priority\":\"urgent\",\"share\":[]}" | id_of)

# The recipients answer.
wait_received harbour-house "$SHELTER" "$r1"; status harbour-house "$SHELTER" "$r1" '{"status":"accepted"}'
status harbour-house "$SHELTER" "$r1" '{"status":"in-progress"}'
wait_received open-door-law "$LEGALAID" "$r3"; status open-door-law "$LEGALAID" "$r3" '{"status":"rejected","reason":"no-capacity","declinedBy":"provider"}'
wait_received new-paths "$VOCATIONAL" "$r4"; status new-paths "$VOCATIONAL" "$r4" '{"status":"accepted"}'
wait_received valley-health "$MEDICAL" "$r5"; status valley-health "$MEDICAL" "$r5" '{"status":"accepted"}'
status valley-health "$MEDICAL" "$r5" '{"status":"completed"}'
wait_received justice-bridge "$LEGALAID" "$r7"; status riverside-refuge "$SHELTER" "$r7" '{"status":"cancelled","reason":"client-withdrew"}'
wait_received st-mary-clinic "$MEDICAL" "$r2"

echo "Demo data loaded: 4 survivors; referrals requested ($r2, $r6), in progress ($r1), rejected ($r3), accepted ($r4), completed ($r5), cancelled ($r7); consent $c1 covers the shelter referral."
