import type { Config } from './config.ts';

/** The visitor's address: the socket's, or behind a trusted proxy the last X-Forwarded-For hop. */
export function clientIp(request: Request, socketAddress: string | null, config: Config): string | null {
  if (config.trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for');
    const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  return socketAddress;
}

export function isHttps(url: URL, request: Request, config: Config): boolean {
  if (url.protocol === 'https:') return true;
  return config.trustProxy && request.headers.get('x-forwarded-proto') === 'https';
}

/** The public origin for links in emails: configured, else what the request reached. */
export function publicOrigin(url: URL, config: Config): string {
  return config.publicUrl ?? url.origin;
}

/** A request id from the proxy when it looks sane, else a fresh one. */
export function requestIdFrom(request: Request): string {
  const incoming = request.headers.get('x-request-id');
  return incoming && /^[\w.:-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
}
