import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '../../test/support/testCore';

/**
 * The naive wall the video benchmark compares against: what one gets by
 * putting one default-config hls.js player per tile on each camera's main
 * stream. A small static page on loopback; the stream URLs come in the query
 * (`?u=<url>&u=<url>…`). It exposes the same probe shape as GridWall's video
 * window so the benchmark reads both the same way.
 */
const page = `<!doctype html><html><head><meta charset="utf-8"><title>naive wall</title>
<style>html,body{margin:0;height:100%;background:#000}#m{display:grid;height:100%;gap:4px}video{width:100%;height:100%;object-fit:contain;background:#000;min-width:0;min-height:0}</style>
<script src="/hls.js"></script></head><body><div id="m"></div><script>
const urls = new URLSearchParams(location.search).getAll('u');
const side = Math.ceil(Math.sqrt(urls.length));
const m = document.getElementById('m');
m.style.gridTemplateColumns = 'repeat(' + side + ', 1fr)';
m.style.gridTemplateRows = 'repeat(' + side + ', 1fr)';
const players = urls.map((url, index) => {
  const video = document.createElement('video');
  video.muted = true; video.autoplay = true; video.playsInline = true;
  m.append(video);
  const started = performance.now();
  const entry = { screen: index + 1, url, hls: new Hls(), video, ttffMs: null };
  video.requestVideoFrameCallback(() => { entry.ttffMs = Math.round(performance.now() - started); });
  entry.hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch(() => {}));


  entry.hls.loadSource(url);
  entry.hls.attachMedia(video);
  return entry;
});
window.gridwallVideo = {
  tiles: () => players.map((p) => ({ screen: p.screen, cameraId: null, health: p.ttffMs === null ? 'connecting' : 'live', ttffMs: p.ttffMs, url: p.url,
    latencyS: p.hls.playingDate ? (Date.now() - p.hls.playingDate.getTime()) / 1000 : null })),
  players: () => players.length,
};
</script></body></html>`;

export async function startNaivePage(): Promise<{ url: (streams: string[]) => string; close(): Promise<void> }> {
  const hls = readFileSync(join(repoRoot, 'node_modules/hls.js/dist/hls.min.js'));
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/hls.js')) return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(hls);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (streams) => `http://127.0.0.1:${port}/naive.html?${streams.map((stream) => `u=${encodeURIComponent(stream)}`).join('&')}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
