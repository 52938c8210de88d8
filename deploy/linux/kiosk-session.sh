#!/bin/sh
# The only program of the kiosk user's cage session: hands the session's display to the
# systemd user manager and runs the kiosk as mot-cua-kiosk.service, which restarts it
# whenever it stops. cage ends (and getty logs the user in again) only if this exits.
set -eu
systemctl --user import-environment WAYLAND_DISPLAY DISPLAY XDG_RUNTIME_DIR XDG_SESSION_TYPE
exec systemctl --user start --wait mot-cua-kiosk.service
