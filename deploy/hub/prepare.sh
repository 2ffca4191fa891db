#!/usr/bin/env bash
# Prepare one machine for a safeshare workshop hub (run as root, once, then after an upgrade).
#
#   sudo SAFESHARE_HUB_ROOT=/srv/safeshare deploy/hub/prepare.sh learners.txt educator1 [educator2...]
#
# learners.txt holds one account name per line. It creates the facilitators' group and the
# accounts that do not exist yet (no password: set one with passwd, or use the dummy
# authenticator for a rehearsal on loopback), installs configurable-http-proxy from
# deploy/proxy/package-lock.json, copies the course notebooks to $SAFESHARE_HUB_ROOT/course
# and renders every case of the course into $SAFESHARE_HUB_ROOT/cache (read-only to all).
set -euo pipefail
cd "$(dirname "$0")/../.."
roster=${1:?give the learners file (one account per line), then the educators}
shift
root=${SAFESHARE_HUB_ROOT:-/srv/safeshare}
group=${SAFESHARE_HUB_FACILITATORS:-safeshare-facilitators}
python=${SAFESHARE_HUB_PYTHON:-.venv/bin/python}

getent group "$group" >/dev/null || groupadd "$group"
while read -r name; do
    [ -z "$name" ] || [ "${name#\#}" != "$name" ] && continue
    id "$name" >/dev/null 2>&1 || useradd -m -s /bin/bash -K UMASK=077 "$name"
done <"$roster"
for educator in "$@"; do
    id "$educator" >/dev/null 2>&1 || useradd -m -s /bin/bash -K UMASK=077 "$educator"
    usermod -aG "$group" "$educator"
done

(cd deploy/proxy && npm ci --ignore-scripts --no-audit --no-fund)

mkdir -p "$root/course" "$root/cache"
cp course/*.ipynb "$root/course/"
echo "rendering the course's cases into $root/cache (a few minutes the first time)"
SAFESHARE_CACHE="$root/cache" "$python" -c \
    "from safeshare.course.serve import prepare_cases; missing = prepare_cases(); print('not in the bank:', missing or 'none')"
chmod -R a+rX,go-w "$root/course" "$root/cache"
echo "ready: start the hub with"
echo "  SAFESHARE_HUB_ROOT=$root SAFESHARE_HUB_LEARNERS=$(realpath "$roster") SAFESHARE_HUB_EDUCATORS=$(IFS=,; echo "$*") \\"
echo "    $python -m jupyterhub -f deploy/hub/jupyterhub_config.py"
