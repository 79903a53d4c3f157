// The web mode's event stream that stays connected: after an error (the server
// restarting, the machine sleeping) the connection is closed and opened again, waiting
// longer after each failure in a row; once open again, `onReopen` says that events may
// have been missed meanwhile. DOM-free: the connection and timers come in.

export interface StreamHandlers {
  onOpen(): void;
  onData(data: string): void;
  onError(): void;
}

/** Opens one connection (an EventSource) reporting to `handlers`; returns its close. */
export type OpenStream = (handlers: StreamHandlers) => () => void;

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface StreamListener {
  onData(data: string): void;
  /** Open again after a failure: what was sent meanwhile is lost. */
  onReopen?(): void;
}

/** Opens the stream and keeps it open until the returned function is called. */
export function keepOpen(open: OpenStream, listener: StreamListener, timers: Timers = globalTimers): () => void {
  let close: (() => void) | null = null;
  let retry: unknown = null;
  let delay = FIRST_RETRY_MS;
  let connection = 0;
  let failed = false;

  const connect = () => {
    retry = null;
    const mine = ++connection;
    close = open({
      onOpen: () => {
        delay = FIRST_RETRY_MS;
        if (failed) listener.onReopen?.();
        failed = false;
      },
      onData: (data) => listener.onData(data),
      onError: () => {
        // the browser's own retry gives up for good on some failures (an HTTP error); ours does not
        if (mine !== connection) return;
        failed = true;
        close?.();
        close = null;
        connection++;
        retry = timers.setTimeout(connect, delay);
        delay = Math.min(MAX_RETRY_MS, delay * 2);
      },
    });
  };

  connect();
  return () => {
    connection++;
    if (retry !== null) timers.clearTimeout(retry);
    close?.();
    close = null;
  };
}
