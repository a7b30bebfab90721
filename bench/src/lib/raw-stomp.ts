import { WebSocket } from 'ws';

export interface RawFrame {
  command: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A minimal STOMP client for load generation: hand-built frames, a parser that only handles
 * what our server sends (NUL-terminated frames, JSON bodies that never contain a raw NUL).
 * Far cheaper per frame than a full client, so the load generator leaves the CPU to the server.
 */
export class RawStomp {
  private ws: WebSocket;
  private buffer = '';
  onFrame: (frame: RawFrame) => void = () => undefined;
  onClose: (code: number) => void = () => undefined;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer) => this.receive(data.toString('utf8')));
    ws.on('close', (code: number) => this.onClose(code));
  }

  static connect(wsUrl: string, token: string, heartbeat = '0,0'): Promise<RawStomp> {
    return RawStomp.open(wsUrl, {
      host: 'localhost',
      'heart-beat': heartbeat,
      Authorization: `Bearer ${token}`,
    });
  }

  /** Opens a WebSocket, sends CONNECT with these headers and resolves on CONNECTED. */
  static open(wsUrl: string, connectHeaders: Record<string, string>): Promise<RawStomp> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, ['v12.stomp'], { perMessageDeflate: false });
      const client = new RawStomp(ws);
      ws.once('error', reject);
      // Closed before CONNECTED or ERROR (a refused upgrade, a server going away).
      ws.once('close', (code: number) => reject(new Error(`closed (${code}) before CONNECTED`)));
      ws.once('open', () => {
        client.onFrame = (f) => {
          if (f.command === 'CONNECTED') {
            client.onFrame = () => undefined;
            resolve(client);
          } else reject(new Error(`${f.command}: ${f.headers.message ?? f.body}`));
        };
        const headers = Object.entries(connectHeaders).map(([k, v]) => `\n${k}:${v}`);
        ws.send(`CONNECT\naccept-version:1.2${headers.join('')}\n\n\0`);
      });
    });
  }

  subscribe(id: string, destination: string, receipt?: string): void {
    this.ws.send(
      `SUBSCRIBE\nid:${id}\ndestination:${destination}${receipt ? `\nreceipt:${receipt}` : ''}\n\n\0`,
    );
  }

  send(destination: string, body: string, receipt?: string, contentType = 'application/json'): void {
    this.ws.send(
      `SEND\ndestination:${destination}\ncontent-type:${contentType}${receipt ? `\nreceipt:${receipt}` : ''}\n\n${body}\0`,
    );
  }

  close(): void {
    this.ws.close();
  }

  terminate(): void {
    this.ws.terminate();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\0');
    while (end !== -1) {
      const raw = this.buffer.slice(0, end).replace(/^[\r\n]+/, '');
      this.buffer = this.buffer.slice(end + 1);
      if (raw) this.onFrame(parse(raw));
      end = this.buffer.indexOf('\0');
    }
    if (/^[\r\n]+$/.test(this.buffer)) this.buffer = '';
  }
}

function parse(raw: string): RawFrame {
  const split = raw.indexOf('\n\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 2);
  const lines = head.split('\n');
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon)] ??= line.slice(colon + 1);
  }
  return { command: lines[0]!.replace(/\r$/, ''), headers, body };
}
