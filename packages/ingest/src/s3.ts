/**
 * `s3_payload` (Terra's ping mode): the delivery carries a pre-signed URL that expires within
 * minutes, so it is downloaded at once. 4xx (expired or forbidden) is final; network errors,
 * time-outs and 5xx are retried a few times with a short backoff. No Terra auth headers are sent:
 * the URL is already signed.
 */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface DownloadOptions {
  fetch?: FetchLike;
  /** Per attempt. Default 3000 ms, so a webhook answer stays inside Terra's ~8 s window. */
  timeoutMs?: number;
  /** Further attempts after the first. Default 2. */
  retries?: number;
  /** Backoff before retry n (1-based), ms. Default 100·2^(n-1). */
  backoffMs?: (attempt: number) => number;
  /** Refuse downloads above this many bytes. Default 256 MiB. */
  maxBytes?: number;
}

export class S3DownloadError extends Error {
  constructor(
    message: string,
    /** The HTTP status of the last attempt, when there was an answer. */
    readonly status: number | null,
    /** False when retrying cannot help (4xx: expired URL). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "S3DownloadError";
  }
}

export async function downloadS3Payload(url: string, options: DownloadOptions = {}): Promise<Uint8Array> {
  const doFetch = options.fetch ?? ((u, init) => fetch(u, init));
  const timeoutMs = options.timeoutMs ?? 3000;
  const retries = options.retries ?? 2;
  const backoff = options.backoffMs ?? ((n) => 100 * 2 ** (n - 1));
  const maxBytes = options.maxBytes ?? 256 * 2 ** 20;

  let last: S3DownloadError = new S3DownloadError("not attempted", null, true);
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, backoff(attempt)));
    try {
      const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (res.ok) {
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (bytes.byteLength > maxBytes) {
          throw new S3DownloadError(`s3 payload larger than ${maxBytes} bytes`, res.status, false);
        }
        return bytes;
      }
      await res.body?.cancel().catch(() => {});
      const retryable = res.status >= 500 || res.status === 429;
      last = new S3DownloadError(`s3 payload download answered HTTP ${res.status}`, res.status, retryable);
    } catch (err) {
      if (err instanceof S3DownloadError) throw err;
      const name = (err as Error).name;
      const reason = name === "TimeoutError" || name === "AbortError" ? "timed out" : "failed";
      last = new S3DownloadError(`s3 payload download ${reason}: ${(err as Error).message}`, null, true);
    }
    if (!last.retryable) break;
  }
  throw last;
}
