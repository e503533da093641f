/**
 * Waits until `condition()` holds. Polls rather than counting event-loop turns: Web Crypto's digest
 * runs on a worker thread and can take a while on a busy machine.
 */
export async function until(condition, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition never held: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
