import type { CameraStreams } from '../../core/core';
import { readCameras, demoReferenceDir } from '../../core/demo/seed';
import { demoClipsDir, startLiveHlsServer, type LiveHlsServer, type PlaylistKind } from './liveHlsServer';

/**
 * The embedded demo's cameras: every camera of the demo list gets a live
 * HLS stream from a loopback server (looped clips, no encoder running).
 * Started by the host, which owns network servers; the core only learns
 * the addresses: by default the fragmented-MP4 playlists with blocking
 * reload, the cheapest for the wall to play (README, "The video wall");
 * `kind` picks MPEG-TS or low-latency HLS instead, to compare them.
 */
export async function startDemoCameras(resourcesDir: string, kind: PlaylistKind = 'cmaf'): Promise<{ server: LiveHlsServer; streams: CameraStreams; origin: string }> {
  const cameras = readCameras(demoReferenceDir(resourcesDir));
  const server = await startLiveHlsServer({ clipsDir: demoClipsDir(resourcesDir), cameras: cameras.map((camera) => ({ id: camera.id })) });
  const kindOf = (id: string) => (server.offersFmp4(id) ? kind : 'ts');
  const streams: CameraStreams = Object.fromEntries(cameras.map((camera) => [camera.id, { sub: server.urlFor(camera.id, 'sub', kindOf(camera.id)), main: server.urlFor(camera.id, 'main', kindOf(camera.id)) }]));
  // Every camera has a host name of its own under localhost, on the server's one port.
  return { server, streams, origin: `http://*.localhost:${server.port}` };
}
