# Shared helpers of the CI scripts (sourced, not run).

add_swift_to_path() {
  command -v swift >/dev/null 2>&1 && return 0
  for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    if [ -x "$candidate/swift" ]; then export PATH="$candidate:$PATH"; return 0; fi
  done
}

# stage NAME COMMAND...: runs a stage, records its time, and stops the script on failure
# after printing the table so far.
stage_names=()
stage_seconds=()
stage_results=()
stage() {
  local name=$1; shift
  echo "=== stage: $name"
  local start=$SECONDS status=0
  "$@" || status=$?
  stage_names+=("$name"); stage_seconds+=($((SECONDS - start)))
  if [ $status -eq 0 ]; then stage_results+=(ok); else stage_results+=("FAILED ($status)"); fi
  if [ $status -ne 0 ]; then print_stage_table; exit $status; fi
}

print_stage_table() {
  echo
  printf '%-34s %8s  %s\n' stage seconds result
  local i total=0
  for i in "${!stage_names[@]}"; do
    printf '%-34s %8s  %s\n' "${stage_names[$i]}" "${stage_seconds[$i]}" "${stage_results[$i]}"
    total=$((total + stage_seconds[i]))
  done
  printf '%-34s %8s\n' total "$total"
}
