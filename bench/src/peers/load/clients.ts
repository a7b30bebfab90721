import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { type RawFrame, RawStomp } from '../../lib/raw-stomp.ts';
import type { Protocol } from '../targets/target.ts';

/** What a connection tells the load generator. */
export interface Handlers {
  /** A message arrived; `sentAt` is the sender's performance.now() (same process). */
  onDeliver(sentAt: number): void;
  /** The server acknowledged message `id` (RECEIPT, Socket.IO ack, ws ack). */
  onAck(id: number): void;
  /** An ERROR frame or an error message from the server. */
  onError(): void;
  /** The connection closed (not by the load generator's own close at the end). */
  onClose(): void;
}

/** One connected, authenticated client of any target. */
export interface PeerClient {
  join(room: string): Promise<void>;
  send(room: string, sentAt: number, id: number): void;
  close(): void;
}

/** ~100 bytes of text per message, as in the project's own chat benchmark. */
const PADDING = 'x'.repeat(60);
const CONTENT = '"content":"';
const MSG = '{"t":"msg"';
const BODY = '"body":"';

export function connectClient(
  protocol: Protocol,
  url: string,
  credential: string,
  handlers: Handlers,
): Promise<PeerClient> {
  switch (protocol) {
    case 'stomp':
      return stompClient(url, credential, handlers, false);
    case 'rabbit-stomp':
      return stompClient(url, credential, handlers, true);
    case 'socketio':
      return socketIoClient(url, credential, handlers);
    case 'ws':
      return wsClient(url, credential, handlers);
  }
}

async function stompClient(
  url: string,
  credential: string,
  h: Handlers,
  rabbit: boolean,
): Promise<PeerClient> {
  const [login, passcode] = credential.split(':');
  const stomp = rabbit
    ? await RawStomp.open(url, { host: '/', 'heart-beat': '0,0', login: login!, passcode: passcode! })
    : await RawStomp.connect(url, credential);
  const joining = new Map<string, () => void>();
  stomp.onClose = () => h.onClose();
  stomp.onFrame = (frame: RawFrame) => {
    if (frame.command === 'MESSAGE') {
      if (frame.headers.destination === '/user/queue/errors') return h.onError();
      // Ours sends the message as JSON (the content inside); RabbitMQ passes the body through.
      const text = rabbit ? frame.body : frame.body.slice(frame.body.indexOf(CONTENT) + CONTENT.length);
      h.onDeliver(Number.parseFloat(text));
    } else if (frame.command === 'RECEIPT') {
      const id = frame.headers['receipt-id'] ?? '';
      if (id.startsWith('j')) joining.get(id)?.();
      else h.onAck(Number(id));
    } else if (frame.command === 'ERROR') h.onError();
  };
  const destination = (room: string) => (rabbit ? `/topic/${room}` : `/topic/room.${room}`);
  return {
    join: (room) =>
      new Promise((resolve) => {
        joining.set(`j${room}`, resolve);
        stomp.subscribe(`s${room}`, destination(room), `j${room}`);
      }),
    send: (room, sentAt, id) =>
      rabbit
        ? stomp.send(destination(room), `${sentAt}|${PADDING}`, String(id), 'text/plain')
        : stomp.send('/app/chat.send', `{"roomId":${room},"content":"${sentAt}|${PADDING}"}`, String(id)),
    close: () => {
      stomp.onClose = () => undefined;
      stomp.close();
    },
  };
}

async function socketIoClient(url: string, token: string, h: Handlers): Promise<PeerClient> {
  const socket = io(url, {
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  socket.on('msg', (body: string) => h.onDeliver(Number.parseFloat(body)));
  socket.on('disconnect', (reason) => {
    if (reason !== 'io client disconnect') h.onClose();
  });
  return {
    join: (room) => new Promise((resolve) => socket.emit('join', room, () => resolve())),
    send: (room, sentAt, id) => socket.emit('msg', room, `${sentAt}|${PADDING}`, () => h.onAck(id)),
    close: () => socket.close(),
  };
}

async function wsClient(url: string, token: string, h: Handlers): Promise<PeerClient> {
  const ws = new WebSocket(`${url}?token=${encodeURIComponent(token)}`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const joining = new Map<string, () => void>();
  let closing = false;
  ws.on('close', () => {
    if (!closing) h.onClose();
  });
  ws.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    // Deliveries are most frames: read the send time without parsing the whole frame.
    const body = text.indexOf(BODY);
    if (text.startsWith(MSG) && body !== -1)
      return h.onDeliver(Number.parseFloat(text.slice(body + BODY.length)));
    const frame = JSON.parse(text) as { t: string; room?: string; id?: number };
    if (frame.t === 'ack') h.onAck(frame.id ?? 0);
    else if (frame.t === 'joined') joining.get(frame.room ?? '')?.();
  });
  return {
    join: (room) =>
      new Promise((resolve) => {
        joining.set(room, resolve);
        ws.send(JSON.stringify({ t: 'join', room }));
      }),
    send: (room, sentAt, id) =>
      ws.send(JSON.stringify({ t: 'send', room, id, body: `${sentAt}|${PADDING}` })),
    close: () => {
      closing = true;
      ws.close();
    },
  };
}
