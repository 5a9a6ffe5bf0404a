/** The largest request a window sends over its WebSocket; larger ones go over HTTP (POST /request). */
export const maxSocketRequestBytes = 192 * 1024;
/** The largest request the host accepts at all (a photo of ~2 MB as base64, with its envelope). */
export const maxHttpRequestBytes = 4 * 1024 * 1024;
