# shellcheck shell=bash
# A throwaway PostgreSQL for the store tests (test/store/postgres.test.ts).
#
#   source .ci/postgres.sh     # exports ROOMOPS_TEST_POSTGRES_URL
#
# Installs PostgreSQL from Debian's packages if it is missing, runs a private
# cluster (data in $ROOMOPS_PG_DIR, default /tmp/roomops-pg) on
# 127.0.0.1:55432 with password auth for the role `roomops`, and creates the
# database `roomops_test`. Idempotent: a second run with the server already up
# only re-checks the role and database. Meant to be sourced, so it never
# `exit`s and leaves the caller's shell options alone; on failure it returns 1.
#
# PostgreSQL refuses to run as root, so as root the server and the admin
# commands run as the `postgres` OS user (runuser); as any other user they run
# as that user. The admin connects over the Unix socket in /tmp with peer auth;
# TCP connections need the password.

roomops_pg_setup() {
  local port=55432 db=roomops_test role=roomops
  local base="${ROOMOPS_PG_DIR:-/tmp/roomops-pg}"
  local data="$base/data" pwfile="$base/roomops.password"
  local os_user admin bin pw

  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    if [ "$(id -u)" != 0 ]; then
      echo "postgres.sh: PostgreSQL is not installed and installing it needs root" >&2
      return 1
    fi
    echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
    # `apt-get update` only when needed: first try with the lists we have.
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; then
      apt-get update -q >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null || {
        echo "postgres.sh: apt-get install postgresql failed" >&2
        return 1
      }
    fi
  fi
  # The newest installed major version.
  bin="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

  if [ "$(id -u)" = 0 ]; then
    os_user=postgres
  else
    os_user="$(id -un)"
  fi
  admin="$os_user"
  # Run as the cluster's OS user, from a directory it can read.
  _roomops_pg_as() {
    if [ "$(id -u)" = 0 ]; then
      (cd / && runuser -u postgres -- "$@")
    else
      (cd / && "$@")
    fi
  }

  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$base" && chmod 700 "$base" && rm -rf "$data" && mkdir -p "$data" || return 1
      [ "$(id -u)" = 0 ] && chown -R postgres: "$base"
      _roomops_pg_as "$bin/initdb" -D "$data" -U "$admin" -E UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 >"$base/initdb.log" 2>&1 || {
        echo "postgres.sh: initdb failed:" >&2
        tail -n 20 "$base/initdb.log" >&2
        return 1
      }
    fi
    # A test cluster: durability traded for speed.
    _roomops_pg_as "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
      -o "-k /tmp -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || {
      echo "postgres.sh: pg_ctl start failed:" >&2
      tail -n 20 "$data/server.log" >&2
      return 1
    }
  fi

  if [ -s "$pwfile" ]; then
    pw="$(cat "$pwfile")"
  else
    # Hex, so it needs no escaping in a URL.
    pw="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
    (umask 077 && printf '%s\n' "$pw" >"$pwfile") || return 1
  fi

  _roomops_pg_as "$bin/psql" -h /tmp -p "$port" -U "$admin" -d postgres -qAt -v ON_ERROR_STOP=1 \
    -v role="$role" -v pw="$pw" -v db="$db" >/dev/null <<'SQL' || {
SELECT format('CREATE ROLE %I LOGIN', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
    echo "postgres.sh: creating role $role or database $db failed" >&2
    return 1
  }

  export ROOMOPS_TEST_POSTGRES_URL="postgres://$role:$pw@127.0.0.1:$port/$db"
  if [ "$roomops_pg_sourced" = 1 ]; then
    # Sourced (CI logs): say where, not the password.
    echo "ROOMOPS_TEST_POSTGRES_URL=postgres://$role:***@127.0.0.1:$port/$db (exported)" >&2
  else
    # Run as a script: print the line for `export "$(.ci/postgres.sh)"`.
    echo "ROOMOPS_TEST_POSTGRES_URL=$ROOMOPS_TEST_POSTGRES_URL"
  fi
}

roomops_pg_sourced=0
(return 0 2>/dev/null) && roomops_pg_sourced=1
roomops_pg_setup
roomops_pg_status=$?
unset -f roomops_pg_setup _roomops_pg_as
# `return` when sourced (never end the caller's shell); `exit` when run as a script.
if [ "$roomops_pg_sourced" = 1 ]; then
  unset roomops_pg_sourced
  return "$roomops_pg_status"
else
  exit "$roomops_pg_status"
fi
