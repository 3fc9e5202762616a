// When the language server stops unexpectedly (a crash, or killed for its memory), the client starts it
// again, as vscode-languageclient does by default: up to 4 restarts within 3 minutes, then it stays
// stopped. Unlike the default, the user is told: once, at the first restart, and once when it gives up;
// never at every restart, and never in a loop. Pure, so that it is tested without VS Code.

export type Decision = { restart: true; tell: boolean } | { restart: false };

export function restartPolicy(maxRestarts = 4, windowMs = 3 * 60 * 1000, now: () => number = Date.now): () => Decision {
  const recent: number[] = [];
  let told = false;
  return () => {
    const t = now();
    recent.push(t);
    while (t - recent[0] > windowMs) recent.shift();
    if (recent.length > maxRestarts) return { restart: false };
    const tell = !told;
    told = true;
    return { restart: true, tell };
  };
}
