#!/bin/sh
# Install Shenbao for the current user from this folder (no root, no network):
#   ./install.sh              copy to ~/.local/opt/shenbao, add `shenbao` to ~/.local/bin,
#                             the menu entry and the icon
#   ./install.sh --uninstall  remove them again (the data folder is kept)
# PREFIX (default ~/.local) moves all of it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-"$HOME/.local"}
data=${XDG_DATA_HOME:-"$HOME/.local/share"}
[ -n "${PREFIX:-}" ] && data="$prefix/share"
target="$prefix/opt/shenbao"
bin="$prefix/bin/shenbao"
desktop="$data/applications/shenbao.desktop"
icons="$data/icons/hicolor"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$target" "$desktop" "$icons/scalable/apps/shenbao.svg"
    rm -f "$icons"/*/apps/shenbao.png
    [ -L "$bin" ] && rm -f "$bin"
    refresh
    echo "Shenbao removed; your data folder is kept."
    exit 0
fi

[ -x "$here/shenbao" ] || { echo "install.sh: run it from the shenbao folder (shenbao executable not found)" >&2; exit 1; }

if [ "$here" != "$target" ]; then
    rm -rf "$target"
    mkdir -p "$(dirname "$target")"
    cp -R "$here" "$target"
fi
mkdir -p "$(dirname "$bin")" "$(dirname "$desktop")"
ln -sf "$target/shenbao" "$bin"

# The desktop entry runs the installed copy by its full path: ~/.local/bin is not on every session's PATH.
sed -e "s|^Exec=shenbao|Exec=\"$target/shenbao\"|" -e "s|^TryExec=shenbao|TryExec=$target/shenbao|" \
    "$target/shenbao.desktop" > "$desktop"
chmod 644 "$desktop"

if [ -f "$target/shenbao.svg" ]; then
    mkdir -p "$icons/scalable/apps"
    cp "$target/shenbao.svg" "$icons/scalable/apps/shenbao.svg"
fi
# hicolor wants each PNG under its size: shenbao-48.png goes to 48x48; a plain shenbao.png by the width
# in its header (bytes 16-19).
for png in "$target"/shenbao-*.png "$target/shenbao.png"; do
    [ -f "$png" ] || continue
    case $(basename "$png") in
        shenbao.png) size=$(od -An -tu1 -j16 -N4 "$png" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}') ;;
        *) size=$(basename "$png" .png); size=${size#shenbao-} ;;
    esac
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$png" "$icons/${size}x${size}/apps/shenbao.png"
done
refresh
echo "Shenbao installed in $target; start it from the applications menu or run: shenbao"
