#!/bin/sh
# Adds to docker/.env (made 0600) a random value for each secret the compose file requires
# and the file lacks; a value already there is kept, since a volume or the data may use it.
# Hex only: the passwords go into DATABASE_URL and REDIS_URL.
set -eu
env_file="$(dirname "$0")/.env"
umask 077
hex() { od -An -vtx1 -N"$1" /dev/urandom | tr -d ' \n'; }
# A last line without its newline would run into the first line added.
if [ -s "$env_file" ] && [ -n "$(tail -c1 "$env_file")" ]; then echo >>"$env_file"; fi
for secret in POSTGRES_PASSWORD:24 REDIS_PASSWORD:24 JWT_SECRET:32 CREDENTIALS_KEY:32; do
  name=${secret%%:*}
  if [ -f "$env_file" ] && grep -q "^$name=" "$env_file"; then continue; fi
  printf '%s=%s\n' "$name" "$(hex "${secret#*:}")" >>"$env_file"
  echo "$name added to $env_file"
done
