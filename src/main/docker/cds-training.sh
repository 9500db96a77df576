#!/bin/sh
# One training start of the bot while the image is built: the classes it loads are saved in an AppCDS archive
# (ARCHIVE), which the image's entrypoint maps at every start instead of loading and verifying them again.
# The start uses throw-away settings and files under a temporary folder, answers /health and one callback, and
# is stopped with SIGTERM: Java writes the archive at exit. Nothing of it but the archive stays in the image.
set -eu
JAR=${1:?usage: cds-training.sh JAR ARCHIVE}
ARCHIVE=${2:?usage: cds-training.sh JAR ARCHIVE}
work=$(mktemp -d)
port=$(( 20000 + $$ % 20000 ))
export SPOTLINK_CONFIG="$work/absent.properties" \
       SPOTLINK_SPOTIFY_CLIENT_ID=cdstraining0000000000000000000000 \
       SPOTLINK_SPOTIFY_CLIENT_SECRET=cds-training-only \
       SPOTLINK_SPOTIFY_REDIRECT_URI="http://127.0.0.1:$port/callback" \
       SPOTLINK_SERVER_HOST=127.0.0.1 \
       SPOTLINK_SERVER_PORT="$port" \
       SPOTLINK_DATABASE_URL="jdbc:sqlite:$work/spotlink.db" \
       SPOTLINK_SECURITY_KEY_FILE="$work/spotlink.key"
java -XX:ArchiveClassesAtExit="$ARCHIVE" -XX:+ExitOnOutOfMemoryError -jar "$JAR" > "$work/log" 2>&1 &
pid=$!
ready=no
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$port/health" > /dev/null 2>&1; then
    ready=yes
    break
  fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.1
done
if [ "$ready" = yes ]; then
  # the callback path (an unknown state: answered with an error page, nothing stored)
  curl -sS -o /dev/null "http://127.0.0.1:$port/callback?state=cds-training&code=none" || true
  kill -TERM "$pid"
fi
status=0
wait "$pid" || status=$?
if [ "$ready" != yes ] || [ ! -s "$ARCHIVE" ]; then
  echo "AppCDS training start failed (exit $status); its output:" >&2
  cat "$work/log" >&2
  exit 1
fi
rm -rf "$work"
chmod 0644 "$ARCHIVE"
echo "AppCDS archive: $ARCHIVE ($(du -k "$ARCHIVE" | cut -f1) KiB)"
