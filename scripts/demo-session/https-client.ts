import https from 'node:https';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  // oxlint-disable-next-line typescript/no-explicit-any -- the demo reads the fields its steps need
  json: any;
}

export interface Call {
  token?: string;
  /** JSON body (sent with application/json). */
  body?: unknown;
  /** Raw body, sent with `contentType`. */
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * The demo's one HTTPS client: every request of the session goes through the real APIs, each server's
 * certificate checked against the one certificate given (the station's own, or authority.pem for the platform).
 */
export function httpsClient(baseUrl: string, caPem: string) {
  const agent = new https.Agent({ ca: caPem, keepAlive: false });
  const call = (method: string, urlPath: string, options: Call = {}): Promise<Answer> => {
    const payload = options.raw ?? (options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body)));
    const headers: Record<string, string> = { ...options.headers };
    if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      const request = https.request(`${baseUrl}${urlPath}`, { method, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          let json: unknown = null;
          try { json = text === '' ? null : JSON.parse(text); } catch { json = null; }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text, json });
        });
      });
      request.on('error', reject);
      if (payload !== undefined) request.write(payload);
      request.end();
    });
  };
  return { call, close: () => agent.destroy() };
}

/** The answer if its status is the expected one; otherwise an error naming the step and what the server said. */
export function expectStatus(step: string, answer: Answer, ...statuses: number[]): Answer {
  if (!statuses.includes(answer.status)) {
    const message = answer.json?.error?.message ?? answer.text.slice(0, 500);
    throw new Error(`${step} : réponse ${answer.status} au lieu de ${statuses.join(' ou ')} — ${message}`);
  }
  return answer;
}
