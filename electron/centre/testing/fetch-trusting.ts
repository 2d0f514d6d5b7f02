import https from 'node:https';

/**
 * For tests of the screens' stores against a real centre server: a `fetch` over node:https that trusts only the
 * test station's certificate (what the paired kiosk shell pins; Node 20's own fetch cannot be given a CA). With a
 * `link`, setting `link.offline` makes every call fail as a cut network would.
 */
export function fetchTrusting(ca: string, link: { offline: boolean } = { offline: false }): typeof fetch {
  return (input, init) => new Promise<Response>((resolve, reject) => {
    if (link.offline) {
      reject(new TypeError('fetch failed (hors ligne)'));
      return;
    }
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const request = https.request(String(input), { method: init?.method ?? 'GET', headers, ca, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const responseHeaders = new Headers();
        for (const [k, v] of Object.entries(response.headers)) if (typeof v === 'string') responseHeaders.set(k, v);
        resolve(new Response(response.statusCode === 204 ? null : Buffer.concat(chunks), { status: response.statusCode ?? 0, headers: responseHeaders }));
      });
      response.on('error', reject);
    });
    init?.signal?.addEventListener('abort', () => request.destroy(new Error('aborted')));
    request.on('error', reject);
    if (typeof init?.body === 'string' || init?.body instanceof Uint8Array) request.write(init.body);
    request.end();
  });
}
