#!/usr/bin/env bash
# Measures how long a disabled staff account keeps access, on the network deploy/up.sh runs (a command
# that prints figures, not a test). It signs a seeded caseworker in (authorization code + PKCE, as the
# portal does), takes the access token just issued, has the organisation's admin disable the account
# on the staff pages, then calls the caseworker's own service with that token once a second until it
# is refused, and tries the refresh token once.
#
# Usage: deploy/disable-timing.sh [ACCOUNT]   default caseworker@skills-forward.example (Vocational)
# The account stays disabled in deploy/.data: use one you do not need, or delete deploy/.data after.
set -euo pipefail
repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deploy/network.env
source "$repository/deploy/network.env"
account=${1:-caseworker@skills-forward.example}
organisation=${account#*@}; organisation=${organisation%.example}
admin="org-admin@$organisation.example"
identity=http://127.0.0.1:$IDENTITY_REST_PORT
portal_redirect=http://127.0.0.1:$PORTAL_PORT/signin-oidc
seeds="$repository/seeds"
kind=$(jq -r --arg id "$organisation" '.[] | select(.id == $id) | .kind' "$seeds/organisations.json")
case $kind in
  shelter) service=shelter port=$SHELTER_REST_PORT ;;
  legal-aid) service=legalaid port=$LEGALAID_REST_PORT ;;
  medical) service=medical port=$MEDICAL_REST_PORT ;;
  vocational) service=vocational port=$VOCATIONAL_REST_PORT ;;
  *) echo "organisation '$organisation' of $account is not a partner organisation" >&2; exit 2 ;;
esac
password=$(jq -r .password "$seeds/staff.json")
secret_of() { jq -r --arg e "$1" '.accounts[] | select(.email == $e) | .totpSecret' "$seeds/staff.json"; }
portal_secret=$(jq -r '.[] | select(.clientId == "portal") | .secret' "$seeds/clients.json")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
field() { grep -o "name=\"$1\" value=\"[^\"]*\"" "$2" | head -n1 | sed 's/.*value="//; s/"$//; s/&amp;/\&/g'; }

# Signs $1 in at the identity service with cookie jar $2, starting from URL $3; leaves the last page in $work/page.
sign_in() {
  local email=$1 jar=$2 start=$3
  curl -s -c "$jar" -b "$jar" -L -o "$work/page" "$start"
  curl -s -c "$jar" -b "$jar" -o "$work/page" -D "$work/headers" --data-urlencode "__RequestVerificationToken=$(field __RequestVerificationToken "$work/page")" \
    --data-urlencode "returnUrl=$(field returnUrl "$work/page")" --data-urlencode "email=$email" --data-urlencode "password=$password" "$identity/signin"
  curl -s -c "$jar" -b "$jar" -L -o "$work/page" "$identity$(grep -i '^location:' "$work/headers" | tr -d '\r' | cut -d' ' -f2)"
  curl -s -c "$jar" -b "$jar" -o "$work/page" -D "$work/headers" --data-urlencode "__RequestVerificationToken=$(field __RequestVerificationToken "$work/page")" \
    --data-urlencode "returnUrl=$(field returnUrl "$work/page")" --data-urlencode "code=$(oathtool --totp -b "$(secret_of "$email")")" "$identity/signin/code"
}

echo "==> $account signs in (authorization code + PKCE, scope $service)"
verifier=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')
authorize="$identity/connect/authorize?client_id=portal&response_type=code&scope=openid%20offline_access%20$service&redirect_uri=$(jq -rn --arg u "$portal_redirect" '$u|@uri')&code_challenge=$challenge&code_challenge_method=S256&state=measure&nonce=measure"
sign_in "$account" "$work/person" "$authorize"
location=$(grep -i '^location:' "$work/headers" | tr -d '\r' | cut -d' ' -f2)
location=$(curl -s -c "$work/person" -b "$work/person" -o /dev/null -w '%{redirect_url}' "$identity$location")
code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")
[[ -n $code ]] || { echo "no authorization code came back (last redirect: $location)" >&2; exit 1; }
tokens=$(curl -s -u "portal:$portal_secret" -d grant_type=authorization_code -d "code=$code" -d "code_verifier=$verifier" \
  --data-urlencode "redirect_uri=$portal_redirect" "$identity/connect/token")
access=$(jq -r .access_token <<<"$tokens"); refresh=$(jq -r .refresh_token <<<"$tokens")
payload=$(cut -d. -f2 <<<"$access" | tr '_-' '/+')
while ((${#payload} % 4)); do payload+="="; done
issued=$(base64 -d <<<"$payload" | jq -r .iat)
[[ $access != null ]] || { echo "no access token: $tokens" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $access" "http://127.0.0.1:$port/api/survivors")
echo "    access token issued; $service answers $status"

echo "==> $admin disables $account on the staff pages"
sign_in "$admin" "$work/admin" "$identity/staff"
curl -s -c "$work/admin" -b "$work/admin" -o "$work/staff" "$identity/staff"
staff_id=$(grep -o "data-staff-id=\"sf-[0-9a-f]*\"><td><a [^>]*>[^<]*</a></td><td>$account<" "$work/staff" | grep -o 'sf-[0-9a-f]\{16\}' | head -n1 || true)
[[ -n $staff_id ]] || { echo "$account is not in $admin's staff list" >&2; exit 1; }
curl -s -c "$work/admin" -b "$work/admin" -o "$work/account" "$identity/staff/$staff_id"
token=$(grep -A2 "action=\"/staff/$staff_id/disable\"" "$work/account" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
disabled_at=$(now)
curl -s -c "$work/admin" -b "$work/admin" -o /dev/null --data-urlencode "__RequestVerificationToken=$token" "$identity/staff/$staff_id/disable"
printf '    disabled %s s after the token was issued\n' "$(minus "$disabled_at" "$issued")"

refreshed=$(curl -s -u "portal:$portal_secret" -d grant_type=refresh_token -d "refresh_token=$refresh" "$identity/connect/token" | jq -r '.error // "a new token"')
echo "    the refresh token right after: $refreshed"
while :; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $access" "http://127.0.0.1:$port/api/survivors")
  [[ $status == 401 ]] && break
  elapsed=$(minus "$(now)" "$disabled_at")
  if ((${elapsed%.*} > 300)); then echo "still $status 300 s after the disable" >&2; exit 1; fi
  sleep 1
done
refused_at=$(now)
printf '==> the token already issued was refused by %s %s s after the disable (%s s after it was issued)\n' \
  "$service" "$(minus "$refused_at" "$disabled_at")" "$(minus "$refused_at" "$issued")"
