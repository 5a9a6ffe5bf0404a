/**
 * How large one request may be, on each way into the browser wall's host.
 * The window and the host read the same numbers: the window chooses the way
 * (or refuses before sending), the host refuses anything above them.
 */

/**
 * The largest request JSON (UTF-8 bytes) a window sends over its WebSocket.
 * Below the host's frame limit, so a request that fits here always fits one
 * frame; anything larger goes over HTTP (POST /request).
 */
export const maxSocketRequestBytes = 192 * 1024;

/**
 * The largest request JSON (UTF-8 bytes) the host takes over HTTP: room for
 * the largest attachment the contract allows (contract.ts,
 * maxAttachmentBase64) and its envelope. A window refuses a larger one
 * itself, without sending it.
 */
export const maxHttpRequestBytes = 4 * 1024 * 1024;

/** The header that names the WebSocket connection an HTTP request belongs to (its session, sign-in and language). */
export const connectionKeyHeader = 'x-gridwall-connection';
