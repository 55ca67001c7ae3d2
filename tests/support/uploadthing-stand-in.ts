import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

/**
 * A local stand-in for the three UploadThing services UTApi talks to, so the adapter is tested
 * offline: the ingest server (`PUT /<fileKey>?…&signature=…`, multipart), the API
 * (`POST /v6/deleteFiles`) and the file CDN (`GET /a/<appId>/<key or customId>?expires&signature`).
 * Signatures are checked as UploadThing does: `hmac-sha256=<hex HMAC-SHA256(url, apiKey)>`.
 */
export type StoredObject = { key: string; customId: string | null; bytes: Uint8Array; type: string; acl: string | null; disposition: string | null };

export type UploadThingStandIn = {
  /** base64 of `{ apiKey, appId, regions }`, as in UPLOADTHING_TOKEN. */
  token: string;
  apiKey: string;
  appId: string;
  /** `http://127.0.0.1:<port>` (API and ingest) and `localhost:<port>` (file host, served over http). */
  url: string;
  ufsHost: string;
  objects: Map<string, StoredObject>;
  /** `METHOD /path` of every request, query left out. */
  requests: string[];
  /** Environment variables that point the SDK here. */
  env: Record<string, string>;
  close(): Promise<void>;
};

export async function startUploadThingStandIn(): Promise<UploadThingStandIn> {
  const apiKey = `sk_live_${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 32)}`;
  const appId = 'vivaiotestapp';
  const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ['fra1'] })).toString('base64');
  const objects = new Map<string, StoredObject>();
  const requests: string[] = [];

  const server = createServer((req, res) => {
    requests.push(`${req.method} ${(req.url ?? '').split('?')[0]}`);
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const ufsHost = `localhost:${port}`;

  const find = (id: string) => objects.get(id) ?? [...objects.values()].find((o) => o.customId === id);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const full = `http://${req.headers.host}${req.url}`;
    const path = new URL(full).pathname;

    if (req.method === 'PUT') {
      if (!signedAndFresh(full, apiKey)) return send(res, 403, { error: 'Invalid signature' });
      const params = new URL(full).searchParams;
      const form = await new Request(full, { method: 'PUT', headers: req.headers as HeadersInit, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit).formData();
      const file = form.get('file');
      if (!(file instanceof Blob)) return send(res, 400, { error: 'No file' });
      const key = path.slice(1);
      const customId = params.get('x-ut-custom-id');
      const bytes = new Uint8Array(await file.arrayBuffer());
      objects.set(key, {
        key,
        customId: customId ? decodeURIComponent(customId) : null,
        bytes,
        type: file.type,
        acl: params.get('x-ut-acl'),
        disposition: params.get('x-ut-content-disposition'),
      });
      const fileUrl = `http://${ufsHost}/a/${appId}/${key}`;
      return send(res, 200, { url: fileUrl, appUrl: fileUrl, ufsUrl: fileUrl, fileHash: createHash('md5').update(bytes).digest('hex') });
    }

    if (req.method === 'POST' && path === '/v6/deleteFiles') {
      if (req.headers['x-uploadthing-api-key'] !== apiKey) return send(res, 401, { error: 'Invalid API key' });
      const body = JSON.parse(await text(req)) as { fileKeys?: string[]; customIds?: string[] };
      let deletedCount = 0;
      for (const id of [...(body.fileKeys ?? []), ...(body.customIds ?? [])]) {
        const found = find(id);
        if (found && objects.delete(found.key)) deletedCount++;
      }
      return send(res, 200, { success: true, deletedCount });
    }

    const download = /^\/a\/([^/]+)\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && download) {
      if (download[1] !== appId || !signedAndFresh(full, apiKey)) return send(res, 403, { error: 'Invalid signature' });
      const found = find(decodeURIComponent(download[2]!));
      if (!found) return send(res, 404, { error: 'Not found' });
      res.writeHead(200, { 'Content-Type': found.type, 'Content-Length': found.bytes.length });
      return res.end(found.bytes);
    }
    return send(res, 404, { error: `No route for ${req.method} ${path}` });
  }

  return {
    token,
    apiKey,
    appId,
    url,
    ufsHost,
    objects,
    requests,
    env: {
      UPLOADTHING_API_URL: url,
      UPLOADTHING_INGEST_URL: url,
      UPLOADTHING_UFS_HOST: ufsHost,
      UPLOADTHING_UFS_APP_ID_LOCATION: 'path',
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The signature is the last query parameter, over the URL as it was before it was appended. */
function signedAndFresh(full: string, apiKey: string): boolean {
  const at = full.lastIndexOf('&signature=');
  if (at < 0) return false;
  const signed = full.slice(0, at);
  const given = decodeURIComponent(full.slice(at + '&signature='.length));
  const expected = `hmac-sha256=${createHmac('sha256', apiKey).update(signed).digest('hex')}`;
  const expires = Number(new URL(signed).searchParams.get('expires'));
  const same = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  return same && Number.isFinite(expires) && expires > Date.now();
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
