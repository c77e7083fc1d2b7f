// One JSON POST over a given keep-alive agent, answering status and text (the benchmarks' raw client).
import { request, type Agent } from 'node:http';

/** POSTs `body` as JSON to 127.0.0.1:`port` and resolves with the status and the answer's text. */
export function postJson(
  port: number,
  path: string,
  body: unknown,
  headers: Record<string, string>,
  agent: Agent,
): Promise<{ status: number; text: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path,
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
