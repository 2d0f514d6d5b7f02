import https from 'node:https';

/**
 * For tests: a `fetch` over node:https trusting only the test station's certificate (Node 20's fetch cannot be
 * given a CA), so the console's stores talk to a real centre server.
 */
export function fetchTrusting(ca: string): typeof fetch {
  return (input, init) => new Promise<Response>((resolve, reject) => {
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
    if (typeof init?.body === 'string') request.write(init.body);
    request.end();
  });
}
