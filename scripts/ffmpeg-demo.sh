#!/usr/bin/env bash
# The newcomer's check that a node relays SRTP between two clients you already have: ffmpeg publishes a
# 440 Hz tone (PCMU over SRTP AES_CM_128_HMAC_SHA1_80) into a meeting, and a second ffmpeg, joined as a
# receive-only participant, records what the gateway forwards to it into a WAV file.
#
#   bash scripts/run-node.sh            # in one terminal
#   bash scripts/ffmpeg-demo.sh [room]  # in another; writes ./ffmpeg-demo.wav
#
# GATEWAY_URL (default http://127.0.0.1:8080) and GATEWAY_DATA (default ./data, where run-node.sh keeps the
# API secret) point it at another node.
set -euo pipefail
cd "$(dirname "$0")/.."
room=${1:-demo-$RANDOM}
url=${GATEWAY_URL:-http://127.0.0.1:8080}
data=${GATEWAY_DATA:-./data}
seconds=${DEMO_SECONDS:-5}
gateway=(dotnet src/Gateway/bin/Release/net10.0/gateway.dll)
for tool in ffmpeg curl base64 head; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (apt-get install ffmpeg curl coreutils)." >&2; exit 69; }
done
[[ -f src/Gateway/bin/Release/net10.0/gateway.dll ]] || { echo "error: build first: bash scripts/run-node.sh" >&2; exit 69; }
curl -fsS "$url/healthz" >/dev/null || { echo "error: no node answers at $url: start one with bash scripts/run-node.sh" >&2; exit 69; }

work=$(mktemp -d)
token() { "${gateway[@]}" token create --data-dir "$data" --room "$1" --identity "$2" --grant "$3"; }
admin=$(token '*' ops admin)
# Ending the room on the way out removes both participants, however the script ends.
trap 'kill $(jobs -p) 2>/dev/null || true; curl -fsS -o /dev/null -X DELETE "$url/v1/rooms/$room" -H "Authorization: Bearer $admin" || true; rm -rf "$work"' EXIT
# POST an SDP offer as a participant; prints the answer, keeps the participant's URL in $work/$2.location
join() {
  curl -fsS -D "$work/$2.headers" -X POST "$url/v1/rooms/$room/participants" \
    -H "Authorization: Bearer $1" -H 'Content-Type: application/sdp' --data-binary "@$work/$2.offer"
  grep -i '^location:' "$work/$2.headers" | tr -d '\r' | cut -d' ' -f2 > "$work/$2.location"
}
offer() { # port ssrc-line key
  printf 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio %s RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtcp-mux\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:%s\r\n%s' "$1" "$3" "$2"
}

echo "creating room $room"
curl -fsS -o /dev/null -X POST "$url/v1/rooms" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d "{\"id\":\"$room\",\"e2ee\":\"off\"}"

echo "joining the listener (receive only) on 127.0.0.1:5004"
offer 5004 $'a=recvonly\r\n' "$(head -c 30 /dev/urandom | base64 -w0)" > "$work/listener.offer"
answer=$(join "$(token "$room" listener subscribe)" listener)
listener_key=$(grep -o 'inline:[^ |]*' <<< "$answer" | head -1 | cut -d: -f2 | tr -d '\r')
printf 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=gateway\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:%s\r\n' \
  "$listener_key" > "$work/listener.sdp"
ffmpeg -hide_banner -loglevel ${LISTENER_LOG:-error} -nostdin -y -protocol_whitelist file,udp,rtp,srtp -i "$work/listener.sdp" \
  -t "$seconds" ffmpeg-demo.wav &
listener=$!
sleep 1

echo "joining the publisher (ffmpeg, SSRC 12345) and sending ${seconds}s of a 440 Hz tone"
publisher_key=$(head -c 30 /dev/urandom | base64 -w0)
offer 5006 $'a=ssrc:12345 cname:ffmpeg\r\na=sendonly\r\n' "$publisher_key" > "$work/publisher.offer"
answer=$(join "$(token "$room" publisher publish)" publisher)
port=$(grep -o '^m=audio [0-9]*' <<< "$answer" | cut -d' ' -f2)
ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=$((seconds + 1))" \
  -c:a pcm_mulaw -ar 8000 -ac 1 -f rtp -ssrc 12345 -srtp_out_suite AES_CM_128_HMAC_SHA1_80 -srtp_out_params "$publisher_key" \
  "srtp://127.0.0.1:$port?localrtpport=5006&rtcpport=$port&pkt_size=182" >/dev/null

wait "$listener" || true
if [[ -s ffmpeg-demo.wav ]]; then
  echo "received: ffmpeg-demo.wav ($(stat -c %s ffmpeg-demo.wav) bytes) — play it, or: ffmpeg -i ffmpeg-demo.wav -af volumedetect -f null -"
else
  echo "error: the listener recorded nothing; see the node's log and curl $url/metrics | grep gateway_dropped" >&2
  exit 1
fi
