#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests marked `postgres`.
#   postgres.sh start STATE_DIR   initdb in a temporary folder, listen on a unix socket there,
#                                 create database `sitrep_test`, write its URL to STATE_DIR/postgres.url
#   postgres.sh stop STATE_DIR    stop the server and delete its data
# Installs Debian's server with apt-get when it is missing (CI starts from a fresh machine).
set -euo pipefail
cmd=${1:?usage: postgres.sh start|stop STATE_DIR}
state=${2:?usage: postgres.sh start|stop STATE_DIR}
mkdir -p "$state"
url_file="$state/postgres.url"
dir_file="$state/postgres.dir"

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

# Run a server command as the unprivileged owner of the data (initdb and postgres refuse root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop() {
  [ -f "$dir_file" ] || { rm -f "$url_file"; return 0; }
  local root bin
  root=$(cat "$dir_file")
  bin=$(find_bin || true)
  if [ -n "$bin" ] && [ -f "$root/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$root"
  rm -f "$dir_file" "$url_file"
}

start() {
  stop
  local bin
  if ! bin=$(find_bin); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "postgres.sh: installing the PostgreSQL server (apt-get)"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null
      bin=$(find_bin) || { echo "postgres.sh: no PostgreSQL server after install" >&2; return 1; }
    else
      echo "postgres.sh: no PostgreSQL server binaries (apt-get install postgresql)" >&2
      return 1
    fi
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  local root
  root=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-pg.XXXXXX")
  echo "$root" >"$dir_file"
  chmod 755 "$root"
  [ "$(id -u)" = 0 ] && chown postgres: "$root"
  as_owner "$bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 \
    || as_owner "$bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --locale=C >"$root/initdb.log" 2>&1 \
    || { cat "$root/initdb.log" >&2; return 1; }
  # unix socket only (no TCP port to collide with), in the server's own temporary folder
  as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
    -o "-k $root -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$root/server.log" >&2; return 1; }
  as_owner "$bin/createdb" -h "$root" -U postgres sitrep_test
  # the URL names the socket folder as host; libpq (psycopg) understands it
  echo "postgresql://postgres@/sitrep_test?host=$root" >"$url_file"
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $(cat "$url_file")"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: postgres.sh start|stop STATE_DIR" >&2; exit 2 ;;
esac
