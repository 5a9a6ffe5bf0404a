/**
 * Cheap checks of a message's shape, made before it is parsed or handed to
 * another thread: structured cloning and recursive walkers overflow the stack
 * on deeply nested values, and one such message from any window must never
 * take the host or the core down. No request of the contract nests deeper
 * than a handful of levels.
 */
export const maxMessageDepth = 16;

/**
 * How deep the arrays and objects of a JSON text nest, read in one pass
 * without parsing it (strings and their escapes are skipped). Stops counting
 * once `limit` is passed: the answer is then `limit + 1`.
 */
export function jsonNestingDepth(text: string, limit = maxMessageDepth): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \\ */) index++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return limit + 1;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Whether an already parsed value (an IPC argument, say) nests deeper than
 * `limit`. Walks iteratively, so the check itself cannot overflow the stack,
 * and gives up after `maxNodes` values.
 */
export function nestsDeeperThan(value: unknown, limit = maxMessageDepth, maxNodes = 100_000): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let visited = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit || ++visited > maxNodes) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}
