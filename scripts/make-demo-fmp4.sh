#!/usr/bin/env bash
# Makes the fragmented-MP4 (CMAF) copy of each demo clip from its MPEG-TS
# segments: resources/demo/video/<clip>/<sub|main>/clip.mp4, and names it in
# clips.json as the rendition's "fmp4" file.
#
# The pictures are the TS segments' own (stream copy, no re-encode), cut into
# fragments of 0.2 s (5 frames at 25 fps), a fragment starting at every key
# frame: electron/host/media serves five fragments as one 1 s fMP4 segment,
# or each fragment as one low-latency HLS part. Called by
# make-demo-clips.sh; run it alone to remake only the fMP4 files.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$repo_root/resources/demo/video}"
part_microseconds=200000

command -v ffmpeg >/dev/null || { echo "ffmpeg is missing (apt-get install -y ffmpeg)" >&2; exit 1; }

for rendition_dir in "$out_dir"/*/sub "$out_dir"/*/main; do
  [[ -d "$rendition_dir" ]] || continue
  segments="$(ls "$rendition_dir"/seg_*.ts | paste -sd'|')"
  # +frag_keyframe starts a fragment at every key frame; -frag_duration cuts the rest every 0.2 s.
  ffmpeg -hide_banner -loglevel error -y -i "concat:$segments" -map 0:v -c copy \
    -movflags +frag_keyframe+empty_moov+default_base_moof -frag_duration "$part_microseconds" \
    -f mp4 "$rendition_dir/clip.mp4"
done

node --input-type=module -e '
  import { readFileSync, writeFileSync } from "node:fs";
  const file = process.argv[1] + "/clips.json";
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  for (const clip of manifest.clips) for (const rendition of Object.values(clip.renditions)) rendition.fmp4 = "clip.mp4";
  manifest.partSeconds = Number(process.argv[2]) / 1e6;
  // The layout make-demo-clips.sh writes: one clip a line.
  const { clips, ...head } = manifest;
  const lines = Object.entries(head).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  writeFileSync(file, ["{", ...lines, "  \"clips\": [", clips.map((clip) => "    " + JSON.stringify(clip)).join(",\n"), "  ]", "}", ""].join("\n"));
' "$out_dir" "$part_microseconds"
