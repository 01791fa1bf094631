#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for Vitrina's store tests and exports VITRINA_POSTGRES_URL.
# Source it (`source scripts/postgres.sh`) to get the variable in your shell, or run it to print it;
# `scripts/postgres.sh stop` stops the server. Installs Debian's postgresql package if it is missing,
# runs the server as the `postgres` user when called as root (PostgreSQL refuses to run as root),
# listens on 127.0.0.1 on a free port with trust authentication, and reuses a server it started before.

vitrina_pg_state=/tmp/vitrina-postgres.env

vitrina_pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$dir" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    echo "$dir"
}

# Runs a command as the server's owner: `postgres` when we are root, else ourselves.
vitrina_pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

vitrina_pg_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

vitrina_pg_start() {
    local bin dir port
    bin=$(vitrina_pg_bin)
    dir=$(mktemp -d /tmp/vitrina-postgres.XXXXXX)
    port=$(vitrina_pg_free_port)
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    vitrina_pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log"
    vitrina_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=300" start >/dev/null
    vitrina_pg_as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres vitrina
    {
        echo "VITRINA_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/vitrina"
        echo "VITRINA_POSTGRES_DIR=$dir"
        echo "VITRINA_POSTGRES_BIN=$bin"
    } >"$vitrina_pg_state"
}

vitrina_pg_running() {
    [ -f "$vitrina_pg_state" ] || return 1
    # shellcheck disable=SC1090
    . "$vitrina_pg_state"
    vitrina_pg_as_owner "$VITRINA_POSTGRES_BIN/pg_ctl" -D "$VITRINA_POSTGRES_DIR/data" status >/dev/null 2>&1
}

vitrina_pg_stop() {
    if vitrina_pg_running; then
        vitrina_pg_as_owner "$VITRINA_POSTGRES_BIN/pg_ctl" -D "$VITRINA_POSTGRES_DIR/data" -m fast stop >/dev/null
        rm -rf "$VITRINA_POSTGRES_DIR" "$vitrina_pg_state"
    fi
}

if [ "${1:-}" = stop ]; then
    vitrina_pg_stop
else
    vitrina_pg_running || vitrina_pg_start
    # shellcheck disable=SC1090
    . "$vitrina_pg_state"
    export VITRINA_POSTGRES_URL
    echo "VITRINA_POSTGRES_URL=$VITRINA_POSTGRES_URL"
fi
