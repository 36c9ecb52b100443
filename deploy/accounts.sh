#!/usr/bin/env bash
# The development staff accounts (seeds/staff.json; synthetic, refused outside Development): each
# account's e-mail, roles and its authenticator code right now, for signing in to the portal.
#
# Usage: deploy/accounts.sh [FILTER]   e.g. deploy/accounts.sh justice-bridge   (matches the e-mail)
# Every account has the development password printed at the top. The second factor is a TOTP code
# (RFC 6238, 30 s): this prints the current one; or add the account's secret to an authenticator app.
set -euo pipefail
repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deploy/lib/prerequisites.sh
source "$repository/deploy/lib/prerequisites.sh"
seeds="$repository/seeds/staff.json"
filter=${1:-}

missing=()
command -v oathtool >/dev/null || missing+=(oathtool)
command -v jq >/dev/null || missing+=(jq)
install_missing "codes for the development accounts' second factor are computed with oathtool from seeds/staff.json" "${missing[@]}"

echo "development password (every account): $(jq -r .password "$seeds")"
printf '%-44s %-16s %s\n' "e-mail" "roles" "code now"
jq -r '.accounts[] | [.email, (.roles | join(",")), .totpSecret] | @tsv' "$seeds" |
  while IFS=$'\t' read -r email roles secret; do
    [[ -z $filter || $email == *"$filter"* ]] || continue
    printf '%-44s %-16s %s\n' "$email" "$roles" "$(oathtool --totp -b "$secret")"
  done
