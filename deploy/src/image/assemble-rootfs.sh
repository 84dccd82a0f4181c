#!/usr/bin/env bash
# Assembles the root filesystem of the Switchboard container image (Jib adds it on top of `scratch`):
#   /opt/java                    a jlinked Java runtime (the modules below)
#   /lib*, /usr/lib*             the shared libraries that runtime links against (found with ldd)
#   /etc/passwd, /etc/group      root and the non-root user nonroot (65532:65532)
#   /etc/nsswitch.conf           hosts from /etc/hosts, then DNS
#   /tmp, /data                  writable folders (SWITCHBOARD_DATADIR=/data)
# The fat jar is staged separately (app/switchboard.jar) so that it gets its own, small, layer.
#
# usage: assemble-rootfs.sh JAVA_HOME FAT_JAR OUTPUT_DIR
set -euo pipefail

java_home="$1"
jar="$2"
out="$3"

# The runtime's modules. Start from `jdeps --ignore-missing-deps --multi-release 17 --print-module-deps
# broker/target/switchboard.jar` (java.base, java.compiler, java.desktop, java.naming, java.net.http,
# java.security.jgss, java.security.sasl, java.sql, jdk.jfr, jdk.management, jdk.unsupported), plus the
# modules found only by reflection or service loading: jdk.random (RandomGenerator.getDefault(), used by the
# dispatcher: found missing by ContainerImageRunIT), jdk.crypto.ec (TLS with EC keys), jdk.security.auth
# (Kafka's JAAS login modules), jdk.naming.dns, jdk.zipfs, jdk.charsets.
modules="java.base,java.compiler,java.desktop,java.naming,java.net.http,java.security.jgss,java.security.sasl"
modules+=",java.sql,jdk.jfr,jdk.management,jdk.unsupported"
modules+=",jdk.random,jdk.crypto.ec,jdk.security.auth,jdk.naming.dns,jdk.zipfs,jdk.charsets"

if [ ! -f "$java_home/jmods/java.base.jmod" ]; then
  echo "assemble-rootfs: $java_home/jmods is missing: build with a full JDK 17 (Debian: openjdk-17-jdk-headless)" >&2
  exit 1
fi
for tool in ldd awk; do
  command -v "$tool" >/dev/null || { echo "assemble-rootfs: $tool is missing" >&2; exit 1; }
done

rootfs="$out/rootfs"
app="$out/app"
rm -rf "$out"
mkdir -p "$rootfs/opt" "$rootfs/etc" "$rootfs/tmp" "$rootfs/data" "$app/app"

# java.desktop is in for java.beans only: leave out the native parts that need X11, sound, fonts or images
# (libraries the image does not carry).
"$java_home/bin/jlink" \
  --module-path "$java_home/jmods" \
  --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 \
  --exclude-files='**/libawt_xawt.so,**/libsplashscreen.so,**/libjsound.so,**/libfontmanager.so,**/liblcms.so,**/libjavajpeg.so' \
  --output "$rootfs/opt/java"

# Debian links lib/security files to /etc: a runtime in an image needs the files themselves.
for f in "$rootfs"/opt/java/lib/security/* "$java_home"/lib/security/*; do
  name="$(basename "$f")"
  target="$rootfs/opt/java/lib/security/$name"
  if [ -L "$target" ] || [ ! -e "$target" ]; then
    src="$java_home/lib/security/$name"
    if [ -e "$src" ]; then
      rm -f "$target"
      cp -L "$src" "$target"
    fi
  fi
done

# Every shared library the launcher and the runtime's own libraries need, at the path ldd resolves it to.
{
  ldd "$rootfs/opt/java/bin/java"
  for so in "$rootfs"/opt/java/lib/*.so "$rootfs"/opt/java/lib/server/*.so; do ldd "$so"; done
} | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u | while read -r lib; do
  case "$lib" in
    "$rootfs"/*) ;;  # the runtime's own libraries
    *)
      mkdir -p "$rootfs$(dirname "$lib")"
      cp -L "$lib" "$rootfs$lib"
      ;;
  esac
done

cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
echo 'hosts: files dns' > "$rootfs/etc/nsswitch.conf"
mkdir -p "$rootfs/home/nonroot"

cp "$jar" "$app/app/switchboard.jar"
echo "assembled $rootfs ($(du -sh "$rootfs" | cut -f1)) and $app"
