// Fair sharing (EMU-10): long work of one request gives the event loop back between its pieces, so that
// other requests (of other orgs, arriving on sockets) and the log's I/O are served in between.

/** Resolves after the event loop has served what was waiting (I/O callbacks, other requests). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
