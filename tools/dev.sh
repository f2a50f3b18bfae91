#!/usr/bin/env bash
# Developer tooling behind the Makefile: virtualenv, Odoo source, PostgreSQL,
# Odoo configuration, and the run / test / bench commands.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
STATE="$REPO/.odoo"                     # ignored by git: config, data, private cluster
VENV="$REPO/.venv"
PY=${PYTHON:-}
ODOO_COMMIT=384f5bf9c7329366133447b624f206eb325d31f2
ODOO_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/customer-centricity/odoo-18.0"
ODOO_URL="https://github.com/odoo/odoo/archive/$ODOO_COMMIT.tar.gz"
DEMO_DB=${DEMO_DB:-customer_centricity_demo}
HTTP_PORT=${HTTP_PORT:-8069}
PRIVATE_PORT=54329

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

# --- Python ---------------------------------------------------------------
pick_python() {
    [ -n "$PY" ] && { echo "$PY"; return; }
    for candidate in python3.12 python3.11 python3.10 python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c \
            'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))'; then
            echo "$candidate"; return
        fi
    done
    die "Odoo 18 needs Python 3.10, 3.11 or 3.12; none was found (set PYTHON=...)."
}

ensure_venv() {
    local stamp="$VENV/.installed"
    if [ -f "$stamp" ] && [ -z "$(find "$REPO" -maxdepth 1 -name 'requirements*.txt' -newer "$stamp")" ] \
        && [ ! "$REPO/toolkit/pyproject.toml" -nt "$stamp" ]; then
        return
    fi
    say "Creating $VENV and installing Python dependencies"
    [ -x "$VENV/bin/python" ] || "$(pick_python)" -m venv "$VENV" \
        || die "could not create a virtualenv (on Debian: apt-get install python3-venv)"
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q --prefer-binary \
        -r "$REPO/requirements-odoo.txt" -r "$REPO/requirements.txt" -r "$REPO/requirements-dev.txt"
    "$VENV/bin/pip" install -q -e "$REPO/toolkit"
    touch "$stamp"
}

# --- System packages (Chromium for browser tours, wkhtmltopdf for PDFs,
# poppler's pdftotext/pdfinfo for the tests that read them) ---------------
ensure_system_packages() {
    local missing=()
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    [ ${#missing[@]} -eq 0 ] && return
    say "Installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
        && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
        || die "could not install ${missing[*]}; install them with apt-get and retry."
}

# --- Odoo source ----------------------------------------------------------
# Accepts both layouts: a git checkout/archive (addons/web) and the packaged
# tree (odoo/addons/web), as in the nightly source tarballs.
is_odoo_tree() {
    [ -f "$1/odoo/release.py" ] && [ -f "$1/odoo-bin" ] &&
        { [ -d "$1/addons/web" ] || [ -d "$1/odoo/addons/web" ]; }
}

odoo_src() {
    if [ -n "${ODOO_SRC:-}" ]; then
        is_odoo_tree "$ODOO_SRC" || die "ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 source tree (odoo/, odoo-bin, addons/)."
        echo "$ODOO_SRC"; return
    fi
    if ! is_odoo_tree "$ODOO_CACHE"; then
        say "Downloading Odoo 18.0 ($ODOO_COMMIT) into $ODOO_CACHE"
        local tmp; tmp=$(mktemp -d)
        if ! curl -fsSL --retry 2 -o "$tmp/odoo.tar.gz" "$ODOO_URL"; then
            rm -rf "$tmp"
            die "cannot download $ODOO_URL (offline?). Point ODOO_SRC at an Odoo 18.0 source tree, e.g. ODOO_SRC=/path/to/odoo make run"
        fi
        mkdir -p "$ODOO_CACHE"
        tar -xzf "$tmp/odoo.tar.gz" -C "$ODOO_CACHE" --strip-components=1
        rm -rf "$tmp"
    fi
    echo "$ODOO_CACHE"
}

# --- PostgreSQL -------------------------------------------------------------
# Sets DB_HOST/DB_PORT/DB_USER for the first server that answers.
pg_answers() { PGCONNECT_TIMEOUT=3 psql -h "$1" -p "$2" -U "$3" -d postgres -Atqc 'select 1' >/dev/null 2>&1; }

find_postgres() {
    local user=${PGUSER:-$(id -un)} port=${PGPORT:-5432}
    local -a hosts=()
    [ -n "${PGHOST:-}" ] && hosts+=("$PGHOST")
    hosts+=(/var/run/postgresql /tmp 127.0.0.1)
    command -v psql >/dev/null || die "psql not found: apt-get install postgresql-client (or postgresql)."
    for host in "${hosts[@]}"; do
        if pg_answers "$host" "$port" "$user"; then DB_HOST=$host DB_PORT=$port DB_USER=$user; return; fi
        # A server answers but our role is missing: create it as the postgres superuser.
        if [ "$(id -u)" = 0 ] && [ "${host:0:1}" = / ] && runuser -u postgres -- psql -h "$host" -p "$port" -Atqc 'select 1' >/dev/null 2>&1; then
            runuser -u postgres -- createuser -h "$host" -p "$port" -s "$user" 2>/dev/null || true
            if pg_answers "$host" "$port" "$user"; then DB_HOST=$host DB_PORT=$port DB_USER=$user; return; fi
        fi
    done
    start_private_cluster
}

start_private_cluster() {
    local bindir; bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bindir" ] && [ -x "$bindir/initdb" ] || die "no PostgreSQL answers and no server is installed (apt-get install postgresql)."
    local data="$STATE/pgdata" sock="$STATE/pgsock" owner; owner=$(id -un)
    mkdir -p "$sock"
    # PostgreSQL refuses to run as root: run the private cluster as 'nobody'.
    [ "$(id -u)" = 0 ] && owner=nobody
    local -a run=(); [ "$owner" != "$(id -un)" ] && run=(runuser -u "$owner" --)
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Starting a private PostgreSQL cluster in $data"
        mkdir -p "$data"; chown "$owner" "$data" "$sock"; chmod 700 "$data"
        "${run[@]}" "$bindir/initdb" -D "$data" -U odoo --auth=trust >/dev/null
    fi
    chown "$owner" "$sock"
    if ! pg_answers "$sock" "$PRIVATE_PORT" odoo; then
        "${run[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/postgresql.log" -w \
            -o "-k $sock -p $PRIVATE_PORT -c listen_addresses=''" start >/dev/null
    fi
    DB_HOST=$sock DB_PORT=$PRIVATE_PORT DB_USER=odoo
}

# --- Odoo configuration -------------------------------------------------------
write_config() {  # $1: config path, $2: http port
    local src addons; src=$(odoo_src)
    addons=$src/odoo/addons
    [ -d "$src/addons" ] && addons=$addons,$src/addons
    find_postgres
    mkdir -p "$STATE/data"
    cat > "$1" <<CONF
[options]
addons_path = $addons,$REPO
data_dir = $STATE/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = False
http_interface = 127.0.0.1
http_port = $2
admin_passwd = admin
list_db = True
CONF
}

drop_db() { dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists "$1" >/dev/null 2>&1 || true; }
odoo_bin() { "$VENV/bin/python" "$(odoo_src)/odoo-bin" "$@"; }
db_exists() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -Atqc "select 1 from pg_database where datname='$1'" | grep -q 1; }
free_port() { "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cmd_run() {
    ensure_venv; ensure_system_packages
    local conf="$STATE/odoo.conf"
    mkdir -p "$STATE"; write_config "$conf" "$HTTP_PORT"
    ensure_demo_db "$conf"
    say "Odoo on http://127.0.0.1:$HTTP_PORT  database: $DEMO_DB  login: admin  password: admin"
    exec "$VENV/bin/python" "$(odoo_src)/odoo-bin" -c "$conf" -d "$DEMO_DB" --db-filter="^$DEMO_DB\$"
}

# Create the demo database, or update it when the addons changed since.
ensure_demo_db() {  # $1: config path
    local conf=$1 stamp="$STATE/$DEMO_DB.installed" modules
    modules=$(all_addons)
    if ! db_exists "$DEMO_DB"; then
        say "Creating the demo database $DEMO_DB ($modules and demo data)"
        odoo_bin -c "$conf" -d "$DEMO_DB" -i "$modules" --stop-after-init --log-level=warn \
            || { drop_db "$DEMO_DB"; die "installing the addons failed"; }
        touch "$stamp"
    elif [ ! -f "$stamp" ] || [ -n "$(find "$REPO"/customer_centricity* -newer "$stamp" -type f -print -quit)" ]; then
        say "The addons changed: updating $modules in $DEMO_DB"
        # -u what is installed, -i only what is new (installing an installed
        # addon again would load its demo data a second time)
        local installed missing=() addon
        installed=$(psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DEMO_DB" -Atqc \
            "select name from ir_module_module where state = 'installed'")
        for addon in ${modules//,/ }; do
            grep -qx "$addon" <<< "$installed" || missing+=("$addon")
        done
        local -a install=()
        if [ ${#missing[@]} -gt 0 ]; then
            local IFS=,; install=(-i "${missing[*]}"); unset IFS
        fi
        odoo_bin -c "$conf" -d "$DEMO_DB" "${install[@]}" -u "$modules" --stop-after-init --log-level=warn \
            || die "updating the addons failed"
        touch "$stamp"
    fi
}

# The bridge addons (customer_centricity_sale, _pos, ...) next to the base addon.
bridges() { (cd "$REPO" && ls -d customer_centricity_*/ 2>/dev/null | tr -d / | tr '\n' ' '); }
all_addons() { local list; list="customer_centricity $(bridges)"; echo ${list// /,} | sed 's/,$//'; }

# Install $2 (comma-separated addons) into a throwaway database, run pytest on
# the remaining arguments, drop the database.
test_in_db() {
    local conf=$1 modules=$2 rc=0; shift 2
    local db="cc_test_$$_$(date +%s)_${modules//,/_}"
    db=${db:0:63}
    TEST_DBS+=("$db")
    say "Installing $modules into the throwaway database $db"
    odoo_bin -c "$conf" -d "$db" -i "$modules" --stop-after-init --log-level=warn || return 1
    say "Running the tests of $modules"
    (cd "$REPO" && PYTHONPATH="$(odoo_src)" "$VENV/bin/python" -m pytest \
        --odoo-config "$conf" --odoo-database "$db" --odoo-http \
        -p no:cacheprovider "$@") || rc=$?
    return $rc
}

cmd_test() {
    ensure_venv; ensure_system_packages
    # a configuration per run, so that two runs side by side use two ports
    TEST_CONF="$STATE/odoo-test-$$.conf"
    local conf=$TEST_CONF rc=0
    TEST_DBS=()
    mkdir -p "$STATE"; write_config "$conf" "$(free_port)"
    trap 'for db in "${TEST_DBS[@]}"; do drop_db "$db"; done; rm -f "$TEST_CONF"' EXIT
    if [ $# -gt 0 ]; then  # given targets: one database with every addon they need
        local modules=customer_centricity bridge
        for bridge in $(bridges); do
            [[ " $* " == *" $bridge"* ]] && modules+=",$bridge"
        done
        test_in_db "$conf" "$modules" "$@"
        return
    fi
    # the base addon alone (it must not need sales or point of sale) ...
    local -a targets=(customer_centricity)
    [ -d "$REPO/toolkit/tests" ] && targets+=(toolkit/tests)
    test_in_db "$conf" customer_centricity "${targets[@]}" || rc=$?
    # ... then every bridge installed together with it
    local -a all; read -r -a all <<< "$(bridges)"
    if [ ${#all[@]} -gt 0 ]; then
        local IFS=,; local modules="${all[*]}"; unset IFS
        test_in_db "$conf" "$modules" "${all[@]}" || rc=$?
    fi
    # ... and the 30-second load test with its faults and invariants (its own
    # process: it has its own databases to drop on exit)
    say "Load test, smoke variant"
    "$REPO/tools/dev.sh" loadtest --smoke || rc=$?
    return $rc
}

cmd_bench() {
    ensure_venv
    local conf="$STATE/odoo-bench.conf" rc=0
    BENCH_DB="cc_bench_$$"
    mkdir -p "$STATE"; write_config "$conf" "$(free_port)"
    trap 'drop_db "$BENCH_DB"' EXIT
    say "Installing $(all_addons) into the throwaway database $BENCH_DB"
    odoo_bin -c "$conf" -d "$BENCH_DB" -i "$(all_addons)" --stop-after-init --log-level=warn --without-demo=all
    PYTHONPATH="$(odoo_src)" "$VENV/bin/python" "$REPO/bench/bench.py" -c "$conf" -d "$BENCH_DB" "$@" || rc=$?
    return $rc
}

# The demo database under several worker processes, concurrent clients and
# injected faults (tools/loadtest.py), in a throwaway copy of the demo database.
cmd_loadtest() {
    ensure_venv
    mkdir -p "$STATE"; write_config "$STATE/odoo.conf" "$HTTP_PORT"
    ensure_demo_db "$STATE/odoo.conf"
    LOAD_DB="cc_load_$$" LOAD_CONF="$STATE/odoo-load-$$.conf"
    trap 'drop_db "$LOAD_DB"; rm -rf "$LOAD_CONF" "$STATE/data/filestore/$LOAD_DB"' EXIT
    say "Copying $DEMO_DB into the throwaway database $LOAD_DB"
    createdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -T "$DEMO_DB" "$LOAD_DB"
    [ -d "$STATE/data/filestore/$DEMO_DB" ] \
        && cp -r "$STATE/data/filestore/$DEMO_DB" "$STATE/data/filestore/$LOAD_DB"
    write_config "$LOAD_CONF" "$(free_port)"
    # db_name: the cron worker serves this database only, not every database
    # of the server (other runs' test databases). Time limits above the
    # defaults (60 s CPU, 120 s real): the faults are the injected ones
    cat >> "$LOAD_CONF" <<CONF
db_name = $LOAD_DB
dbfilter = ^$LOAD_DB\$
workers = 4
max_cron_threads = 1
db_maxconn = 8
limit_memory_soft = 2147483648
limit_memory_hard = 2684354560
limit_time_cpu = 600
limit_time_real = 1200
limit_time_real_cron = 1800
smtp_server = 127.0.0.1
smtp_port = $(free_port)
CONF
    PYTHONPATH="$(odoo_src)" "$VENV/bin/python" "$REPO/tools/loadtest.py" \
        --config "$LOAD_CONF" --odoo-bin "$(odoo_src)/odoo-bin" "$@"
}

cmd_lint() {
    ensure_venv
    cd "$REPO"
    "$VENV/bin/ruff" check . && "$VENV/bin/ruff" format --check .
    local addons; addons=$(all_addons)
    "$VENV/bin/pylint" --rcfile=.pylintrc ${addons//,/ }
    # Odoo's own runner only runs the test modules a package imports
    "$VENV/bin/python" tools/check_test_imports.py ${addons//,/ }
}

cmd_i18n() {  # regenerate each addon's .pot from a fresh install and merge it into de.po
    ensure_venv
    local conf="$STATE/odoo-i18n.conf" modules addon
    I18N_DB="cc_i18n_$$"
    modules=$(all_addons)
    mkdir -p "$STATE"; write_config "$conf" "$(free_port)"
    trap 'drop_db "$I18N_DB"' EXIT
    odoo_bin -c "$conf" -d "$I18N_DB" -i "$modules" --stop-after-init --log-level=warn --without-demo=all
    for addon in ${modules//,/ }; do
        local i18n="$REPO/$addon/i18n"
        mkdir -p "$i18n"
        odoo_bin -c "$conf" -d "$I18N_DB" --modules="$addon" --stop-after-init \
            --log-level=warn --i18n-export="$i18n/$addon.pot"
        if [ -f "$i18n/de.po" ]; then
            msgmerge --quiet --no-fuzzy-matching --update --backup=none "$i18n/de.po" "$i18n/$addon.pot"
            msgattrib --no-obsolete -o "$i18n/de.po" "$i18n/de.po"
        else
            msginit --no-translator --locale=de --input="$i18n/$addon.pot" --output-file="$i18n/de.po" 2>/dev/null \
                || cp "$i18n/$addon.pot" "$i18n/de.po"
        fi
        printf '%s: ' "$addon"; msgfmt --statistics -o /dev/null "$i18n/de.po"
    done
}

cmd_odoo() {  # any odoo-bin command against the project's configuration
    ensure_venv
    mkdir -p "$STATE"; write_config "$STATE/odoo-dev.conf" "$(free_port)"
    local sub=(); case "${1:-}" in shell|scaffold|db|neutralize) sub=("$1"); shift ;; esac
    odoo_bin "${sub[@]}" -c "$STATE/odoo-dev.conf" "$@"
}

case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    bench) shift; cmd_bench "$@" ;;
    loadtest) shift; cmd_loadtest "$@" ;;
    lint) shift; cmd_lint "$@" ;;
    odoo) shift; cmd_odoo "$@" ;;
    i18n) shift; cmd_i18n "$@" ;;
    *) die "usage: tools/dev.sh run|test|bench|loadtest|lint|i18n|odoo ARGS" ;;
esac
