#!/bin/sh
# Make the four git-ignored secret env files of compose.yaml from their examples, with fresh
# random values. Refuses to overwrite: rotating a database password needs the database too.
set -eu
cd "$(dirname "$0")/env"
for name in onestop demo readmodel-db temporal-db; do
  if [ -e "$name.secrets.env" ]; then echo "$name.secrets.env exists, left as is" >&2; exit 1; fi
done
random() { python3 -c 'import secrets; print(secrets.token_hex(32))'; }
# base64 holds "/" and "+": the sed expressions below use "|", which it never holds.
random_base64() { python3 -c "import base64, secrets; print(base64.b64encode(secrets.token_bytes($1)).decode())"; }
readmodel=$(random); temporal=$(random)
umask 077
sed -e "s/REPLACE_READMODEL_DB_PASSWORD/$readmodel/" onestop.secrets.env.example > onestop.secrets.env
sed -e "s/REPLACE_WITH_DEMO_PASSWORD/$(random | cut -c1-16)/" demo.secrets.env.example > demo.secrets.env
# Each placeholder line gets its own value (different secrets, not one).
tmp=$(mktemp)
while IFS= read -r line; do
  case "$line" in *REPLACE_WITH_64_RANDOM_HEX*) echo "$line" | sed "s/REPLACE_WITH_64_RANDOM_HEX/$(random)/" ;;
                  *) echo "$line" ;; esac
done < onestop.secrets.env > "$tmp" && mv "$tmp" onestop.secrets.env
tmp=$(mktemp)
while IFS= read -r line; do
  case "$line" in *REPLACE_WITH_32_RANDOM_BYTES_BASE64*) echo "$line" | sed "s|REPLACE_WITH_32_RANDOM_BYTES_BASE64|$(random_base64 32)|" ;;
                  *REPLACE_WITH_64_RANDOM_BYTES_BASE64*) echo "$line" | sed "s|REPLACE_WITH_64_RANDOM_BYTES_BASE64|$(random_base64 64)|" ;;
                  *) echo "$line" ;; esac
done < onestop.secrets.env > "$tmp" && mv "$tmp" onestop.secrets.env
tmp=$(mktemp)
while IFS= read -r line; do
  case "$line" in *REPLACE_WITH_64_RANDOM_HEX*) echo "$line" | sed "s/REPLACE_WITH_64_RANDOM_HEX/$(random)/" ;;
                  *) echo "$line" ;; esac
done < demo.secrets.env > "$tmp" && mv "$tmp" demo.secrets.env
sed "s/REPLACE_READMODEL_DB_PASSWORD/$readmodel/" readmodel-db.secrets.env.example > readmodel-db.secrets.env
sed "s/REPLACE_TEMPORAL_DB_PASSWORD/$temporal/g" temporal-db.secrets.env.example > temporal-db.secrets.env
echo "made onestop.secrets.env, demo.secrets.env, readmodel-db.secrets.env, temporal-db.secrets.env in $(pwd)"
