#!/usr/bin/env bash
# The runtime of the image built on `scratch` (cli/pom.xml, profile images with -Difl.image.base=scratch): everything
# a container needs besides the application's jars, made from the machine that runs the build, with no registry.
#   ROOT/opt/jre            a jlink runtime of MODULES from JAVA_HOME, headless (no X11 or sound libraries)
#   ROOT/opt/jre/lib/security/cacerts   the JDK's trusted certificate authorities (jlink leaves them out)
#   ROOT/<path>             every shared library the runtime and the JNI libraries of the class path (PyTorch,
#                           RocksDB, zstd, lz4, snappy, JNA) link, as ldd finds them on this machine, at the same
#                           path: the dynamic loader, libc, libstdc++, libgcc_s, libz, ...
#   ROOT/etc/passwd, group  root and ifl (65532), the user the image runs as
#   ROOT/tmp                java.io.tmpdir (the pom makes it writable)
# Usage: scratch-runtime.sh JAVA_HOME MODULES CLASS_PATH ROOT WORK_DIR   (CLASS_PATH: the runtime class path, ':' between)
# The result is kept while its inputs (the JDK, the modules, the class path's jars, this script) are unchanged, so
# a build that changed only the project's classes does not run jlink again. WORK_DIR keeps the native libraries
# unpacked from the jars (libtorch_cpu.so alone is 446 MB), each jar's unpacked again only when the jar changed.
set -euo pipefail
shopt -s nullglob

java_home=$1 modules=$2 class_path=$3
root=$(realpath -m "$4") work=$(realpath -m "$5")

fail() {
  echo "scratch-runtime: $*" >&2
  exit 1
}

[[ -x $java_home/bin/jlink ]] || fail "no jlink in $java_home/bin: the image on scratch needs a JDK (not a JRE) to run Maven"
[[ -d $java_home/jmods ]] || fail "no $java_home/jmods: jlink needs the JDK's jmods (on Debian: openjdk-17-jdk-headless)"
[[ $(uname -m) == x86_64 ]] || fail "the image is built for x86-64 (linux/amd64) from this machine's libraries; this machine is $(uname -m)"
command -v ldd >/dev/null || fail "ldd not found on PATH (on Debian: libc-bin)"
jars=()
IFS=: read -r -a class_path_entries <<<"$class_path"
for entry in "${class_path_entries[@]}"; do
  [[ $entry == *.jar && -f $entry ]] && jars+=("$entry")
done
((${#jars[@]} > 0)) || fail "no jar on the class path given: $class_path"

inputs=$(
  "$java_home/bin/java" -version 2>&1
  echo "$java_home $modules"
  sha256sum "$0"
  for jar in "${jars[@]}"; do stat -c '%n %s %Y' "$jar"; done
)
stamp=$root.inputs
if [[ -f $stamp && -d $root && $(<"$stamp") == "$inputs" ]]; then
  echo "scratch-runtime: $root is up to date"
  exit 0
fi
rm -rf "$root" "$stamp"
mkdir -p "$root/opt" "$root/etc" "$root/tmp" "$work"

"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$root/opt/jre"
# Only a display or a sound card would load these; the image runs with java.awt.headless=true.
rm -f "$root"/opt/jre/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so
# jlink writes the legal notices of most modules as links to java.base's; the image gets plain files.
find "$root/opt/jre/legal" -type l | while read -r link; do
  cp --remove-destination "$(readlink -f "$link")" "$link"
done
cacerts=$(readlink -f "$java_home/lib/security/cacerts") || true
[[ -f $cacerts ]] || fail "the JDK has no lib/security/cacerts (on Debian: ca-certificates-java)"
mkdir -p "$root/opt/jre/lib/security"
cp "$cacerts" "$root/opt/jre/lib/security/cacerts"

# ELF, 64-bit, x86-64, System V or Linux ABI: the native libraries this runtime can load (the jars also carry
# other systems' and other processors' builds).
is_linux_x86_64() {
  local header
  header=$(od -An -tx1 -N20 "$1" 2>/dev/null | tr -d ' \n')
  [[ ${header:0:8} == 7f454c46 && ${header:8:2} == 02 && (${header:14:2} == 00 || ${header:14:2} == 03) \
    && ${header:36:4} == 3e00 ]]
}

natives=()
for jar in "${jars[@]}"; do
  name=$(basename "$jar" .jar)
  libraries=$("$java_home/bin/jar" tf "$jar" | grep -E '\.so(\.[0-9]+)*$' || true)
  [[ -n $libraries ]] || continue
  dir=$work/$name
  if [[ ! -f $dir.unpacked || $jar -nt $dir.unpacked ]]; then
    rm -rf "$dir" "$dir.unpacked"
    mkdir -p "$dir"
    # shellcheck disable=SC2086 # one argument per library; their names hold no spaces
    (cd "$dir" && "$java_home/bin/jar" xf "$(realpath "$jar")" $libraries)
    touch "$dir.unpacked"
  fi
  while IFS= read -r -d '' so; do
    is_linux_x86_64 "$so" && natives+=("$so")
  done < <(find "$dir" -type f -print0)
done

elves=()
while IFS= read -r -d '' file; do
  is_linux_x86_64 "$file" && elves+=("$file")
done < <(find "$root/opt/jre" -type f -print0)
elves+=("${natives[@]}")

# What ldd resolves outside the runtime and the unpacked jars comes from this machine: copy it to the same path.
# A library ldd does not find is not copied: libjvm.so (the launcher loads it), CUDA's (the cu128 build is never
# loaded on the CPU build) and musl's (for the musl builds of RocksDB).
declare -A host_libs=()
declare -A missing=()
for elf in "${elves[@]}"; do
  while read -r first arrow target _; do
    if [[ $arrow == "=>" && $target == /* ]]; then
      path=$target
    elif [[ $first == /* ]]; then
      path=$first
    else
      [[ $arrow == "=>" && $target == not ]] && missing[$first]=1
      continue
    fi
    canonical=$(realpath -m "$path")
    [[ $canonical == "$root"/* || $canonical == "$work"/* ]] || host_libs[$path]=1
  done < <(ldd "$elf" 2>/dev/null || true)
done
((${#host_libs[@]} > 0)) || fail "ldd found no shared library for $root/opt/jre/bin/java"
for path in "${!host_libs[@]}"; do
  mkdir -p "$root$(dirname "$path")"
  cp -L "$path" "$root$path"
done

cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
ifl:x:65532:65532:ifl:/var/lib/ifl:/sbin/nologin
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
ifl:x:65532:
EOF

echo "$inputs" >"$stamp"
for file in "${elves[@]}"; do unset "missing[$(basename "$file")]"; done
unset 'missing[libjvm.so]'
left_out=$(printf '%s\n' "${!missing[@]}" | sort | tr '\n' ' ')
echo "scratch-runtime: $root: jlink runtime of $modules, ${#host_libs[@]} libraries from this machine" \
  "($(printf '%s\n' "${!host_libs[@]}" | sort | xargs -n1 basename | tr '\n' ' '))," \
  "$(du -sh "$root" | cut -f1) in all, made in ${SECONDS} s; not found by ldd, left out: ${left_out:-none}"
