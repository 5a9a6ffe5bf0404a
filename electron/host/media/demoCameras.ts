import type { CameraStreams } from '../../core/core';
import { readCameras, demoReferenceDir } from '../../core/demo/seed';
import { demoClipsDir, startLiveHlsServer, type LiveHlsServer } from './liveHlsServer';

/**
 * The embedded demo's cameras: every camera of the demo list gets a live
 * HLS stream from a loopback server (looped clips, no encoder running).
 * Started by the host, which owns network servers; the core only learns
 * the addresses.
 */
export async function startDemoCameras(resourcesDir: string): Promise<{ server: LiveHlsServer; streams: CameraStreams; origin: string }> {
  const cameras = readCameras(demoReferenceDir(resourcesDir));
  const server = await startLiveHlsServer({ clipsDir: demoClipsDir(resourcesDir), cameras: cameras.map((camera) => ({ id: camera.id })) });
  const streams: CameraStreams = Object.fromEntries(cameras.map((camera) => [camera.id, { sub: server.urlFor(camera.id, 'sub'), main: server.urlFor(camera.id, 'main') }]));
  // Every camera has a host name of its own under localhost, on the server's one port.
  return { server, streams, origin: `http://*.localhost:${server.port}` };
}
