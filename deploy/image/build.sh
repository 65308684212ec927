#!/usr/bin/env bash
# Builds the service's container image as a `docker load`-compatible tarball, with no Docker daemon and no
# registry: see docs/deploy.md ("The image").
#
#   deploy/image/build.sh            # CPU image: service/target/l1embed-service-image.tar
#   L1EMBED_IMAGE_BASE=<ref> deploy/image/build.sh --gpu
#                                    # CUDA image on a base you provide (CUDA 12, cuDNN 9, java 17 on PATH)
#
# Steps:
#   1. base root filesystem: Debian 12 minbase + openjdk-17-jre-headless, by debootstrap from deb.debian.org
#      (needs root; cached in $WORK/rootfs, delete that directory to rebuild it);
#   2. base image: that root filesystem as the one layer of a docker-save tarball ($WORK/base-image.tar);
#   3. service image: Jib (service/pom.xml, profile `image`) puts the Quarkus fast-jar (service/target/quarkus-app)
#      on top of the base as separate layers and writes the image tarball.
# Step 1 and 2 are skipped when L1EMBED_IMAGE_BASE names a base image (any Jib reference: tar://…, registry/…).
#
# Environment: WORK (default deploy/image/target), DEBIAN_MIRROR (default http://deb.debian.org/debian),
# L1EMBED_IMAGE_BASE, MAVEN_ARGS (read by Maven itself).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
work="${WORK:-$root/deploy/image/target}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite=bookworm
# The service's user in the image: a fixed numeric id, so that Kubernetes' runAsNonRoot can check it.
uid=10001

gpu=false
case "${1:-}" in
    "") ;;
    --gpu) gpu=true ;;
    *) echo "usage: $0 [--gpu]" >&2; exit 2 ;;
esac

log() { echo "build.sh: [${SECONDS}s] $*" >&2; }

build_rootfs() {
    local rootfs="$work/rootfs"
    if [[ -f "$rootfs/.l1embed-complete" ]]; then
        log "reusing $rootfs"
        return
    fi
    [[ $EUID -eq 0 ]] || { log "debootstrap needs root (or set L1EMBED_IMAGE_BASE)"; exit 1; }
    command -v debootstrap >/dev/null || { log "needs debootstrap: apt-get install debootstrap"; exit 1; }
    rm -rf "$rootfs"
    mkdir -p "$work"
    log "debootstrap $suite from $mirror into $rootfs"
    # libstdc++6 and libgomp1 for ONNX Runtime's native library; the JRE brings the rest.
    debootstrap --variant=minbase --include=openjdk-17-jre-headless,libstdc++6,libgomp1 \
        "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log"
    # What an image needs no copy of: package caches and lists, documentation, man pages.
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
        "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
        "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/dev/*
    echo "l1embed:x:$uid:$uid:l1embed service:/tmp:/usr/sbin/nologin" >>"$rootfs/etc/passwd"
    echo "l1embed:x:$uid:" >>"$rootfs/etc/group"
    mkdir -p "$rootfs/models" "$rootfs/tmp"
    chmod 1777 "$rootfs/tmp"
    touch "$rootfs/.l1embed-complete"
}

# Writes $work/base-image.tar: one uncompressed layer, its config and manifest.json (the `docker save` layout).
build_base_tar() {
    local dir="$work/base-image"
    rm -rf "$dir"
    mkdir -p "$dir"
    log "packing the root filesystem into $work/base-image.tar"
    tar --create --file "$dir/layer.tar" --directory "$work/rootfs" --sort=name --numeric-owner \
        --exclude=./.l1embed-complete .
    local diff_id config_id
    diff_id="$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)"
    local java_home
    java_home="$(cd "$work/rootfs" && echo usr/lib/jvm/java-17-openjdk-*)"
    cat >"$dir/config.json" <<EOF
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/$java_home"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created_by":"debootstrap --variant=minbase --include=openjdk-17-jre-headless,libstdc++6,libgomp1 $suite"}]}
EOF
    config_id="$(sha256sum "$dir/config.json" | cut -d' ' -f1)"
    mv "$dir/config.json" "$dir/$config_id.json"
    cat >"$dir/manifest.json" <<EOF
[{"Config":"$config_id.json","RepoTags":["l1embed-base:$suite-jre17"],"Layers":["layer.tar"]}]
EOF
    tar --create --file "$work/base-image.tar" --directory "$dir" manifest.json "$config_id.json" layer.tar
    rm -rf "$dir"
}

base="${L1EMBED_IMAGE_BASE:-}"
if [[ -z "$base" ]]; then
    if $gpu; then
        log "--gpu needs L1EMBED_IMAGE_BASE: a base image with CUDA 12, cuDNN 9 and java 17 on PATH"
        exit 1
    fi
    build_rootfs
    build_base_tar
    base="tar://$work/base-image.tar"
fi

profiles=image
tag_suffix=""
if $gpu; then
    profiles=image,gpu
    tag_suffix="-cuda"
fi
log "Jib: service image on $base"
(cd "$root" && ./mvnw -B -ntp -q -P"$profiles" -pl service -am package -DskipTests \
    -Dl1embed.image.base="$base" -Dl1embed.image.tag-suffix="$tag_suffix")

image="$root/service/target/l1embed-service-image.tar"
log "wrote $image ($(du -h "$image" | cut -f1))"
