#!/usr/bin/env bash
# Debian packages the tests need (Chromium for end-to-end, PostgreSQL for the backend, openssl for TLS, coturn for
# relayed video), and a running PostgreSQL with a test role. Used by .ci/run; run it as root on a new Debian machine.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
# coturn: the TURN relay the video tests and benchmark run on loopback (the relay test fails without it).
command -v turnserver >/dev/null 2>&1 || need+=(coturn)
# openssl: the TLS tests make a county certificate authority of their own.
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qAt" <<'SQL' >/dev/null
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kaari') THEN
    CREATE ROLE kaari LOGIN CREATEDB PASSWORD 'kaari-test';
  END IF;
END $$;
SQL
su postgres -c "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname = 'kaari'\"" | grep -q 1 || su postgres -c "createdb -O kaari kaari"
echo "PostgreSQL ready: postgres://kaari:kaari-test@127.0.0.1:5432/kaari"
