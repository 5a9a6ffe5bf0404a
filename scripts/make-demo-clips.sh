#!/usr/bin/env bash
# Makes the demo's camera clips: resources/demo/video/<clip>/<sub|main>/seg_NNN.ts
# and resources/demo/video/clips.json.
#
# The demo wall needs live-looking cameras without an encoder running at run
# time (encoding two dozen streams would eat the CPU the wall itself needs).
# So we encode a few short synthetic clips once, cut them into 1-second
# MPEG-TS segments, and electron/host/media/liveHlsServer.ts loops them in a
# sliding live playlist. Keyframes fall exactly on every second, so every
# segment starts with a keyframe and can be played on its own, in any order
# the looping needs.
#
# Each picture carries its clip label, a running timecode and a frame counter,
# plus a marker that sweeps across the frame: a frozen tile is obvious at a
# glance.
#
# Needs ffmpeg with libx264 (Debian: apt-get install -y ffmpeg) and the DejaVu
# fonts (apt-get install -y fonts-dejavu-core). The output is committed; run
# this again only to change the clips. The encode is deterministic
# (single-threaded x264), so re-running produces identical files.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$repo_root/resources/demo/video}"
font="${DEMO_CLIP_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf}"

fps=25
seconds=8
segment_seconds=1
# One keyframe per segment, never more: -g/-keyint_min pin the GOP and
# -sc_threshold 0 stops x264 from inserting extra keyframes at scene cuts.
gop=$((fps * segment_seconds))

# Renditions: name, width, height, video bitrate (kbit/s). The wall picks
# `sub` for small tiles and `main` for a tile that fills a screen.
renditions=(
  "sub 320 180 150"
  "main 960 540 700"
)

# Clips: id, label, lavfi source. Sources are drawn at the main size; the sub
# rendition is scaled down from the same picture.
clips=(
  "patterns|CLIP A  TESTSRC2|testsrc2=size=960x540:rate=${fps}"
  "fractal|CLIP B  MANDELBROT|mandelbrot=size=960x540:rate=${fps}:maxiter=256"
  "life|CLIP C  LIFE|life=size=240x135:rate=${fps}:seed=20240601:ratio=0.25:mold=8:life_color=0x4fd1c5:death_color=0x1a365d,scale=960:540:flags=neighbor"
  "bars|CLIP D  SMPTE BARS|smptehdbars=size=960x540:rate=${fps}"
)

command -v ffmpeg >/dev/null || { echo "ffmpeg is missing (apt-get install -y ffmpeg)" >&2; exit 1; }
[[ -f "$font" ]] || { echo "font $font is missing (apt-get install -y fonts-dejavu-core, or set DEMO_CLIP_FONT)" >&2; exit 1; }

# Overlays shared by every clip: label (top left), timecode and frame counter
# (bottom left), and a marker that crosses the picture once per second.
overlay_filters() {
  local label="$1"
  local common="fontfile=${font}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6"
  printf '%s' \
    "drawtext=${common}:fontsize=h/12:x=h/30:y=h/30:text='${label}'," \
    "drawtext=${common}:fontsize=h/12:x=h/30:y=h-th-h/30:text='%{pts\\:hms}  F%{frame_num}'," \
    "drawtext=fontfile=${font}:fontsize=h/14:fontcolor=black:box=1:boxcolor=yellow:boxborderw=4:x=mod(t*w\\,w):y=h*0.62:text='LIVE'"
}

# Prints the segment durations ffmpeg wrote into a VOD playlist, one per line.
segment_durations() {
  sed -n 's/^#EXTINF:\([0-9.]*\),.*/\1/p' "$1"
}

# Start clean, but only touch what this script makes.
mkdir -p "$out_dir"
rm -f "$out_dir/clips.json"
for clip in "${clips[@]}"; do rm -rf "${out_dir:?}/${clip%%|*}"; done
manifest_clips=()

for clip in "${clips[@]}"; do
  IFS='|' read -r clip_id label source <<<"$clip"
  echo "== $clip_id" >&2

  split_outputs=""
  filter="[0:v]$(overlay_filters "$label"),format=yuv420p,split=${#renditions[@]}"
  maps=()
  for index in "${!renditions[@]}"; do
    read -r name width height kbps <<<"${renditions[$index]}"
    filter+="[raw$index]"
    split_outputs+=";[raw$index]scale=${width}:${height}:flags=bicubic[$name]"
    mkdir -p "$out_dir/$clip_id/$name"
    maps+=(
      -map "[$name]"
      -c:v libx264 -profile:v main -preset medium -tune zerolatency -threads 1
      -b:v "${kbps}k" -maxrate "${kbps}k" -bufsize "$((kbps / 2))k"
      -g "$gop" -keyint_min "$gop" -sc_threshold 0 -bf 0
      -force_key_frames "expr:gte(t,n_forced*${segment_seconds})"
      -an
      -f hls -hls_time "$segment_seconds" -hls_list_size 0 -hls_playlist_type vod
      -hls_flags independent_segments
      -hls_segment_filename "$out_dir/$clip_id/$name/seg_%03d.ts"
      "$out_dir/$clip_id/$name/index.m3u8"
    )
  done

  ffmpeg -hide_banner -loglevel error -y \
    -t "$seconds" -f lavfi -i "$source" \
    -filter_complex "${filter}${split_outputs}" \
    "${maps[@]}"

  # Every rendition must cut at the same instants: the server switches a
  # tile between sub and main by sequence number.
  reference="$(segment_durations "$out_dir/$clip_id/${renditions[0]%% *}/index.m3u8")"
  rendition_json=()
  for entry in "${renditions[@]}"; do
    read -r name width height kbps <<<"$entry"
    durations="$(segment_durations "$out_dir/$clip_id/$name/index.m3u8")"
    if [[ "$durations" != "$reference" ]]; then
      echo "$clip_id: $name is cut differently from ${renditions[0]%% *}" >&2
      exit 1
    fi
    files="$(sed -n '/^seg_[0-9]*\.ts$/p' "$out_dir/$clip_id/$name/index.m3u8" | sed 's/.*/"&"/' | paste -sd, -)"
    rendition_json+=("\"$name\": { \"width\": $width, \"height\": $height, \"bitrateKbps\": $kbps, \"files\": [$files] }")
    # The server builds its own live playlists; the VOD one was only read for the cut points.
    rm "$out_dir/$clip_id/$name/index.m3u8"
  done
  count="$(printf '%s\n' "$reference" | wc -l)"
  duration_list="$(printf '%s\n' "$reference" | paste -sd, -)"
  renditions_joined="$(printf '%s, ' "${rendition_json[@]}")"
  manifest_clips+=("    { \"id\": \"$clip_id\", \"label\": \"$label\", \"segmentCount\": $count, \"segmentDurations\": [$duration_list], \"renditions\": { ${renditions_joined%, } } }")
done

{
  echo '{'
  echo '  "generatedBy": "scripts/make-demo-clips.sh",'
  echo "  \"fps\": $fps,"
  echo '  "clips": ['
  last=$((${#manifest_clips[@]} - 1))
  for index in "${!manifest_clips[@]}"; do
    if [[ $index -lt $last ]]; then echo "${manifest_clips[$index]},"; else echo "${manifest_clips[$index]}"; fi
  done
  echo '  ]'
  echo '}'
} >"$out_dir/clips.json"

"$repo_root/scripts/make-demo-fmp4.sh" "$out_dir"
du -sh "$out_dir" >&2
