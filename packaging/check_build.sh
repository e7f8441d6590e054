#!/bin/sh
# Check the built Linux folder the way a user gets it: copied elsewhere, run with a bare environment
# (no virtualenv, no checkout, empty HOME), headless. Run after `make package`:
#
#   packaging/check_build.sh [PROFILE.json]
#
# PROFILE is an enterprise profile, or an example case ({"profile", "as_of", "expected"}) whose
# expected statuses and amounts the built preview must reproduce. Default:
# ../shared/domain/examples/case-000.json, else the first demo profile in resources/demo/.
#
# Required (exit 1 if one fails): `shenbao preview --profile P --format json` and
# `shenbao gui --screenshot X.png --view main` (QT_QPA_PLATFORM=offscreen).
# Also run and reported: a declaration PDF (`render`), a round trip through a data folder
# (`import`, `profiles list`), and that nothing was written into the program folder. Prints the folder's size and the preview's start time.
set -u

repo=$(cd "$(dirname "$0")/.." && pwd)
dist=${DIST:-"$repo/dist/shenbao"}
py=$(command -v python3 || true)
[ -x "$dist/shenbao" ] || { echo "check_build: $dist/shenbao not found; run make package first" >&2; exit 2; }

profile=${1:-}
if [ -z "$profile" ]; then
    for candidate in "$repo/../shared/domain/examples/case-000.json" "$repo"/resources/demo/*.json; do
        [ -f "$candidate" ] && { profile=$candidate; break; }
    done
fi
[ -n "$profile" ] && [ -f "$profile" ] || { echo "check_build: no example profile; pass one" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/usb" "$tmp/home" "$tmp/data" "$tmp/profiles" "$tmp/pdf"
cp -a "$dist" "$tmp/usb/shenbao"
app="$tmp/usb/shenbao/shenbao"
touch "$tmp/copied"

# An example case wraps the profile; split it into the profile, its date and what it expects.
as_of=""
if [ -n "$py" ] && "$py" - "$profile" "$tmp" <<'EOF'
import json, sys
case = json.load(open(sys.argv[1], encoding="utf-8-sig"))
if "profile" not in case:
    sys.exit(1)
json.dump(case["profile"], open(sys.argv[2] + "/profiles/profile.json", "w", encoding="utf-8"), ensure_ascii=False)
json.dump(case.get("expected", {}), open(sys.argv[2] + "/expected.json", "w", encoding="utf-8"))
open(sys.argv[2] + "/as_of", "w").write(case.get("as_of", ""))
EOF
then
    as_of=$(cat "$tmp/as_of")
else
    cp "$profile" "$tmp/profiles/profile.json"
fi
p="$tmp/profiles/profile.json"

run() {  # the bundle in a bare environment, from a neutral folder
    (cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        SHENBAO_DATA_DIR="${data_dir-$tmp/data}" "$app" "$@")
}

failed=0
report() {  # report REQUIRED|extra NAME STATUS
    if [ "$3" = 0 ]; then echo "PASS  $2"; else echo "FAIL  $2"; [ "$1" = required ] && failed=1; fi
}

# 1. preview
set -- preview --profile "$p" --format json
[ -n "$as_of" ] && set -- "$@" --as-of "$as_of"
run "$@" >"$tmp/preview.json" 2>"$tmp/preview.err"
status=$?
if [ "$status" = 0 ] && [ -n "$py" ]; then
    "$py" - "$tmp/preview.json" "$tmp/expected.json" <<'EOF' || status=1
import json, os, sys
pv = json.load(open(sys.argv[1], encoding="utf-8"))
results = pv["results"]
assert results, "preview has no results"
if os.path.exists(sys.argv[2]):
    expected = json.load(open(sys.argv[2], encoding="utf-8"))
    got = {r["measure"]: [r["status"], r["amount"]] for r in results}
    wrong = {m: (got.get(m), e) for m, e in expected.items() if got.get(m) != e}
    assert not wrong, f"preview differs from the example's expected results: {wrong}"
    print(f"      {len(results)} measures; all {len(expected)} expected results match")
EOF
fi
[ "$status" = 0 ] || sed 's/^/      /' "$tmp/preview.err" | tail -20
report required "shenbao preview --profile $(basename "$profile") --format json" "$status"

# 2. the window, drawn offscreen
shot="$tmp/main.png"
run gui --screenshot "$shot" --view main >"$tmp/gui.out" 2>&1
status=$?
if [ "$status" = 0 ] && ! head -c 8 "$shot" 2>/dev/null | grep -q PNG; then
    echo "      no PNG written to $shot"
    status=1
fi
[ "$status" = 0 ] || sed 's/^/      /' "$tmp/gui.out" | tail -20
[ "$status" = 0 ] && cp "$shot" "${SCREENSHOT:-/tmp/shenbao-main.png}" && echo "      screenshot: ${SCREENSHOT:-/tmp/shenbao-main.png}"
report required "shenbao gui --screenshot X.png --view main" "$status"

# 2b. the demo enterprises a first-time user sees (resources/demo made into a data folder), with no
#     data folder given, as from the menu
data_dir=""
run gui --demo --screenshot "$tmp/demo.png" --view main >"$tmp/demo.out" 2>&1
status=$?
unset data_dir
[ "$status" = 0 ] || sed 's/^/      /' "$tmp/demo.out" | tail -5
report extra "shenbao gui --demo --screenshot X.png --view main" "$status"

# 2c. the other views, from the bundle's own data: a wizard (forms/), the library (policy texts), the
#     user guide (docs/ and its pictures) and About
for view in wizard:fj2025.compute_voucher library help about; do
    data_dir=""
    run gui --demo --screenshot "$tmp/view.png" --view "$view" >"$tmp/view.out" 2>&1
    status=$?
    unset data_dir
    [ "$status" = 0 ] || sed 's/^/      /' "$tmp/view.out" | tail -5
    report extra "shenbao gui --demo --screenshot X.png --view $view" "$status"
done

# 3. a declaration PDF for every measure the example can apply for (reportlab and the bundled font)
set -- render --profiles "$tmp/profiles" --out-dir "$tmp/pdf"
[ -n "$as_of" ] && set -- "$@" --as-of "$as_of"
run "$@" >"$tmp/render.out" 2>&1
status=$?
count=$(find "$tmp/pdf" -name '*.pdf' | wc -l)
[ "$status" = 0 ] && [ "$count" -gt 0 ] || { status=1; sed 's/^/      /' "$tmp/render.out" | tail -10; }
report extra "shenbao render --profiles ($count PDF)" "$status"

# 4. the data folder: import the profile, list it back (sqlite-utils, the store's migrations)
run --data-dir "$tmp/store" import "$p" >"$tmp/store.out" 2>&1 &&
    run --data-dir "$tmp/store" profiles list --format json >>"$tmp/store.out" 2>&1
status=$?
[ "$status" = 0 ] || sed 's/^/      /' "$tmp/store.out" | tail -10
report extra "shenbao import + profiles list" "$status"

# 4b. a park table of 40,000 rows as .xlsx (over 1 MB: the program reads it in a second process of its
#     own): made here as CSV, imported, exported as .xlsx and imported into a new data folder, with
#     nothing on standard error but the summary
if [ -n "$py" ]; then
    "$py" - "$tmp/park.csv" <<'EOF'
import csv, random, sys
chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def uscc(i):
    body = "91350100" + f"{i:09d}"
    return body + chars[(31 - sum(w * chars.index(c) for w, c in zip(weights, body)) % 31) % 31]
districts = ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "闽侯县"]
rng = random.Random(7)
with open(sys.argv[1], "w", encoding="utf-8", newline="") as out:
    rows = csv.writer(out)
    rows.writerow(["企业（单位）名称", "统一社会信用代码", "注册地（区县）", "年度购买算力服务总额（元）"])
    for i in range(40000):
        rows.writerow([f"福州园区测试{i:05d}号科技有限公司", uscc(i), districts[i % 7], rng.randrange(10**5, 10**8)])
EOF
    run --data-dir "$tmp/park-csv" import "$tmp/park.csv" >"$tmp/park.out" 2>&1 &&
        run --data-dir "$tmp/park-csv" export --out "$tmp/park.xlsx" >>"$tmp/park.out" 2>&1 &&
        run --data-dir "$tmp/park-xlsx" import "$tmp/park.xlsx" >>"$tmp/park.out" 2>"$tmp/park.err" &&
        [ "$(wc -c <"$tmp/park.xlsx")" -ge 1048576 ] &&
        grep -q "新增 40000 家" "$tmp/park.err" && [ "$(wc -l <"$tmp/park.err")" = 1 ]
    status=$?
    [ "$status" = 0 ] || { sed 's/^/      /' "$tmp/park.out" "$tmp/park.err" | tail -10; }
    report extra "a 40,000-row .xlsx imported (read by a second process)" "$status"
fi

# 5. the program folder stays as installed (a signed macOS bundle or a read-only USB stick must not
#    be written to); the data goes to the data folder
written=$(find "$tmp/usb/shenbao" -newer "$tmp/copied" | head -5)
[ -z "$written" ] && status=0 || { status=1; echo "$written" | sed 's/^/      written: /'; }
report extra "nothing written into the program folder" "$status"

# Size and start time (best of five runs of the preview, wall clock).
echo "size of $(basename "$dist")/: $(du -sh "$dist" | cut -f1) ($(du -sb "$dist" | cut -f1) bytes)"
best=""
for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    run preview --profile "$p" --format json >/dev/null 2>&1
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    [ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
done
echo "preview start to finish: ${best} ms (best of 5)"

exit "$failed"
