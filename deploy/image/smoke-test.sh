#!/usr/bin/env bash
# Runs the image tarball that build.sh wrote without a container runtime, the way the Deployment runs it: its
# layers unpacked in order into one root file system, mounted read-only, a writable tmpfs on /tmp, an empty
# read-only /models, the image's user, environment and entrypoint. Then asks /q/health/live and /q/health/ready.
# Passes when live answers UP, and with MODELS set, when ready answers UP too. Needs root (chroot, mounts), python3
# and curl.
#
#   deploy/image/smoke-test.sh [image.tar]      # default service/target/l1embed-service-image.tar
#   MODELS=dir deploy/image/smoke-test.sh       # dir (models/<name>/<version>/ bundles) mounted read-only on /models
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
image="${1:-$root/service/target/l1embed-service-image.tar}"
work="${WORK:-$root/deploy/image/target}/smoke"
port="${PORT:-18080}"
models="${MODELS:-}"
[[ -z "$models" ]] || models="$(cd "$models" && pwd -P)"

rm -rf "$work"
mkdir -p "$work/image" "$work/rootfs"
tar -xf "$image" -C "$work/image"

# Layers in manifest order; the config's user, environment and entrypoint, one per line (NUL-free JSON strings).
python3 - "$work/image" >"$work/plan" <<'PY'
import json, sys, os
d = sys.argv[1]
manifest = json.load(open(os.path.join(d, "manifest.json")))[0]
config = json.load(open(os.path.join(d, manifest["Config"])))["config"]
print("layers", *manifest["Layers"])
print("user", config["User"])
print("env", *config.get("Env", []))
print("entrypoint", *config["Entrypoint"])
PY
read -r -a layers < <(sed -n 's/^layers //p' "$work/plan")
user="$(sed -n 's/^user //p' "$work/plan")"
read -r -a env < <(sed -n 's/^env //p' "$work/plan")
read -r -a entrypoint < <(sed -n 's/^entrypoint //p' "$work/plan")

for layer in "${layers[@]}"; do
    tar -xf "$work/image/$layer" -C "$work/rootfs" --numeric-owner --same-permissions 2>/dev/null
done
echo "smoke-test: ${#layers[@]} layers unpacked; user $user; entrypoint ${entrypoint[*]}" >&2

# A private mount namespace: the read-only root, /proc, the tmpfs and /models go away with it. setsid: its own
# process group, so that one signal reaches the service (unshare --fork itself ignores SIGTERM).
setsid unshare --mount --fork --kill-child=SIGTERM bash -s "$work/rootfs" "$port" "$models" "$user" "${#env[@]}" "${env[@]}" "${entrypoint[@]}" <<'SH' &
set -euo pipefail
rootfs="$1"; port="$2"; models="$3"; user="$4"; n="$5"; shift 5
env=("${@:1:n}"); shift "$n"
mount --make-rprivate /
mkdir -p "$rootfs/models" "$rootfs/tmp" "$rootfs/proc" "$rootfs/dev"
mount --bind "$rootfs" "$rootfs"
mount -t proc proc "$rootfs/proc"
mount -t tmpfs -o mode=1777,size=512m tmpfs "$rootfs/tmp"
if [[ -n "$models" ]]; then
    mount --bind "$models" "$rootfs/models"
    mount -o remount,bind,ro "$rootfs/models"
fi
mount --rbind /dev "$rootfs/dev"
mount -o remount,bind,ro "$rootfs"
exec chroot --userspec="$user" "$rootfs" /usr/bin/env -i "${env[@]}" QUARKUS_HTTP_PORT="$port" "$@"
SH
pid=$!

status=1
for _ in $(seq 1 120); do
    if live="$(curl -fsS "http://localhost:$port/q/health/live" 2>/dev/null)"; then
        echo "smoke-test: /q/health/live: $live"
        [[ "$live" == *'"status": "UP"'* ]] && status=0
        if [[ -n "$models" ]]; then
            # Readiness waits for the start-up load of the repository.
            for _ in $(seq 1 120); do
                ready="$(curl -sS "http://localhost:$port/q/health/ready")"
                [[ "$ready" == *'"status": "UP"'* ]] && break
                sleep 0.5
            done
            echo "smoke-test: /q/health/ready: $ready"
            echo "smoke-test: /api/models: $(curl -sS "http://localhost:$port/api/models")"
            [[ "$ready" == *'"status": "UP"'* ]] || status=1
        else
            echo "smoke-test: /q/health/ready: $(curl -sS "http://localhost:$port/q/health/ready")"
        fi
        break
    fi
    kill -0 "$pid" 2>/dev/null || { echo "smoke-test: the service exited" >&2; break; }
    sleep 0.5
done
kill -TERM -- "-$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
exit "$status"
