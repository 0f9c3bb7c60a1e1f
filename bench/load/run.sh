#!/usr/bin/env bash
# Load test of the app in Release on a seeded database (see docs/performance.md).
#
#   bench/load/run.sh DB TOKENS_FILE SESSIONS_FILE [OWNER_EMAIL] [OWNER_PASSWORD]
#
# DB, TOKENS_FILE and SESSIONS_FILE come from `seed-bench ... --tokens-out ... --sessions-out ...`; the owner is
# the first clinic's (owner1@bench001.example), whose sessions SESSIONS_FILE lists. DB is a SQLite file, or with
# DB_PROVIDER=Postgres a PostgreSQL connection string ("Host=127.0.0.1;Port=5432;Username=...;Database=...").
# Environment: DURATION (20s), WARMUP (10s, the least), WARMUP_MAX (90s: warm-up goes on in 5 s rounds until the
# JIT is idle; 0 for none), CONNECTIONS (32), THREADS (2), PORT (5099), OUT (bench/load/out),
# ENDPOINTS (all: "signin timeline search print ics healthz"; signin is GET /account/login, a server-rendered
# page that reads no data: the static-page baseline), SEARCH_TERMS (file of search terms, one per line),
# NO_BUILD=1 to use the existing Release build.
set -euo pipefail

usage() { sed -n '2,11p' "$0" >&2; exit 2; }
[[ $# -ge 3 ]] || usage
DB_PROVIDER=${DB_PROVIDER:-Sqlite}
if [[ $DB_PROVIDER == Postgres ]]; then DB=$1; CONNECTION=$DB; else DB=$(realpath "$1"); CONNECTION="Data Source=$DB"; fi
TOKENS=$(realpath "$2"); SESSIONS=$(realpath "$3")
OWNER_EMAIL=${4:-owner1@bench001.example}
OWNER_PASSWORD=${5:-${OWNER_PASSWORD:-Bench-Owner-2026}}
DURATION=${DURATION:-20s}; WARMUP=${WARMUP:-10s}; WARMUP_MAX=${WARMUP_MAX:-90s}
CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-2}; PORT=${PORT:-5099}
ENDPOINTS=${ENDPOINTS:-"signin timeline search print ics healthz"}
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../.." && pwd)
OUT=$(realpath -m "${OUT:-$HERE/out}"); mkdir -p "$OUT"
BASE="http://127.0.0.1:$PORT"
for f in $([[ $DB_PROVIDER == Postgres ]] || echo "$DB") "$TOKENS" "$SESSIONS"; do [[ -s $f ]] || { echo "missing or empty: $f" >&2; exit 2; }; done

if ! command -v wrk >/dev/null; then
  echo "wrk not found: installing the Debian package" >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }

WEB="$ROOT/src/SmpAftercare.Web"
DLL="$WEB/bin/Release/net10.0/SmpAftercare.Web.dll"
if [[ ${NO_BUILD:-0} != 1 || ! -f $DLL ]]; then
  dotnet build "$WEB" -c Release -nologo -v q >&2
fi

# The app as it runs in production, on the seeded file; only the client-link rate limit is raised (the load comes
# from one address) and reminder sending is off (the seeded reminders are due soon).
cd "$WEB"
Database__Provider="$DB_PROVIDER" \
ConnectionStrings__Default="$CONNECTION" \
ASPNETCORE_URLS="$BASE" \
ASPNETCORE_ENVIRONMENT=Production \
ClientLink__RateLimit__PermitLimit=1000000 \
ClientLink__RateLimit__WindowSeconds=1 \
Reminders__DispatchEnabled=false \
Logging__LogLevel__Default=Warning \
  dotnet "$DLL" >"$OUT/server.log" 2>&1 &
APP=$!
cd "$ROOT"
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 $APP 2>/dev/null || { echo "the app exited; see $OUT/server.log" >&2; tail -20 "$OUT/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$BASE/healthz" >/dev/null || { echo "the app did not become healthy" >&2; exit 1; }

# Sign in as the clinic owner: the login form's antiforgery token and cookie, then the form post. Called before
# every wrk run against a staff endpoint: wrk never stores the renewed cookie, and a cookie older than the
# security-stamp interval (1 minute) would make every request re-check the stamp in the database, which no browser
# would do.
JAR="$OUT/cookies.txt"
sign_in() {
  rm -f "$JAR"
  local login af status
  login=$(curl -fs -c "$JAR" -b "$JAR" "$BASE/account/login")
  af=$(grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' <<<"$login" | sed 's/.*value="//; s/"$//' | head -1)
  [[ -n $af ]] || { echo "no antiforgery token on /account/login" >&2; exit 1; }
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" "$BASE/account/login" \
    --data-urlencode "Input.Email=$OWNER_EMAIL" --data-urlencode "Input.Password=$OWNER_PASSWORD" \
    --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$af")
  COOKIE=$(awk 'BEGIN{ORS="; "} !/^#/ && NF>=7 {print $6"="$7} /^#HttpOnly_/ {print $6"="$7}' "$JAR" | sed 's/; $//')
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/clients") == 200 ]] \
    || { echo "sign-in as $OWNER_EMAIL failed (login POST answered $status)" >&2; exit 1; }
}
sign_in

# Search terms: names, an email domain, digits of a phone number; each request picks one.
TERMS="$OUT/terms.txt"
if [[ -n ${SEARCH_TERMS:-} ]]; then cp "$SEARCH_TERMS" "$TERMS"; else
  printf '%s\n' smith james gmail patel o%27b 7946 ryan chen an murphy > "$TERMS"; fi
echo healthz > "$OUT/healthz.txt"
echo login > "$OUT/signin.txt"

# CPU ticks (1/100 s) per thread of the runtime's tiered-compilation thread(s), as "tid ticks" lines. While they
# climb the JIT is still replacing hot methods with optimised code, and a measurement would mix in slower code.
jit_ticks() {
  local t s
  for t in /proc/$APP/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == ".NET Tiered Com"* ]] || continue
    s=$(cat "$t/stat" 2>/dev/null) || continue; s=${s##*) }
    # shellcheck disable=SC2086
    set -- $s; echo "${t##*/} $(( ${12} + ${13} ))"
  done
}
jit_busy() { # before-file after-file -> ticks used in between (a thread that appeared counts from zero)
  awk 'NR==FNR { b[$1]=$2; next } { d += $2 - ($1 in b ? b[$1] : 0) } END { print d + 0 }' "$1" "$2"
}

run() { # name file prefix suffix [staff]
  local name=$1 file=$2 prefix=$3 suffix=$4 staff=${5:-}
  local load=()
  # Staff endpoints sign in afresh before every round, so no measured request carries a cookie past the 1-minute
  # security-stamp interval (see sign_in above).
  prepare() {
    local headers=()
    if [[ -n $staff ]]; then sign_in; headers=(-H "Cookie: $COOKIE"); fi
    load=(-t"$THREADS" -c"$CONNECTIONS" "${headers[@]}" -s "$HERE/paths.lua" "$BASE" -- "$file" "$prefix" "$suffix")
  }
  # Warm up for WARMUP, then in 5 s rounds until the JIT used under 0.1 s of CPU in a round (at most WARMUP_MAX
  # seconds in all; WARMUP_MAX=0 measures right after WARMUP, JIT or not).
  local warmed=${WARMUP%s} jit=-
  prepare; wrk -d"$WARMUP" "${load[@]}" >/dev/null
  while (( warmed + 5 <= ${WARMUP_MAX%s} )); do
    jit_ticks > "$OUT/jit-before.txt"
    prepare; wrk -d5s "${load[@]}" >/dev/null
    jit_ticks > "$OUT/jit-after.txt"
    jit=$(jit_busy "$OUT/jit-before.txt" "$OUT/jit-after.txt"); warmed=$((warmed + 5))
    (( jit < 10 )) && break
  done
  prepare; wrk -d"$DURATION" --latency "${load[@]}" > "$OUT/wrk-$name.txt"
  echo "$name $(grep '^RESULT' "$OUT/wrk-$name.txt" | cut -d' ' -f2-) warmup_s=$warmed jit_ticks_last_round=$jit" >> "$OUT/results.txt"
  grep '^RESULT' "$OUT/wrk-$name.txt" | sed "s/^RESULT/$name:/; s/$/ (warm-up ${warmed} s)/" >&2
}

: > "$OUT/results.txt"
echo "database: $DB_PROVIDER" > "$OUT/machine.txt"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(free -m | awk '/Mem:/{print $2" MB"}'); load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2
for e in $ENDPOINTS; do
  case $e in
    timeline) run timeline "$TOKENS" /c/ "" ;;
    ics)      run ics "$TOKENS" /c/ /calendar.ics ;;
    search)   run search "$TERMS" "/clients?q=" "" staff ;;
    print)    run print "$SESSIONS" /sessions/ /print staff ;;
    healthz)  run healthz "$OUT/healthz.txt" / "" ;;
    signin)   run signin "$OUT/signin.txt" /account/ "" ;;
    *) echo "unknown endpoint $e" >&2; exit 2 ;;
  esac
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2

HWM=$(awk '/VmHWM/{print $2}' /proc/$APP/status); RSS=$(awk '/VmRSS/{print $2}' /proc/$APP/status)
echo "server peak working set (VmHWM): $((HWM / 1024)) MB, now (VmRSS): $((RSS / 1024)) MB" | tee "$OUT/memory.txt"

# The table: each page also as a share of /healthz and of the sign-in page (static-page baseline), same server, same run.
awk -v hwm="$HWM" '
  { name[NR]=$1; for (i=2;i<=NF;i++){ split($i,kv,"="); v[NR,kv[1]]=kv[2] } if ($1=="healthz") h=v[NR,"rps"]; if ($1=="signin") b=v[NR,"rps"] }
  END {
    printf "%-9s %9s %8s %8s %8s %8s %7s %7s %9s %7s\n", "endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms", "non2xx", "socket", "vs hz", "vs signin", "warm s"
    for (r=1;r<=NR;r++)
      printf "%-9s %9.0f %8.2f %8.2f %8.2f %8d %7d %7s %9s %7d\n", name[r], v[r,"rps"], v[r,"p50_ms"], v[r,"p95_ms"], v[r,"p99_ms"], v[r,"non2xx"], v[r,"socket_errors"], (h ? sprintf("%.2f", v[r,"rps"]/h) : "-"), (b ? sprintf("%.2f", v[r,"rps"]/b) : "-"), v[r,"warmup_s"]
  }' "$OUT/results.txt" | tee "$OUT/summary.txt"
