// A bare `ws` chat server, the floor a hand-written Node server reaches: in-memory rooms, a token
// checked at the upgrade, JSON frames, one acknowledgement per message. No persistence, no
// per-message authorisation, no limits. Run: node --import tsx ws-server.ts (PORT, PEER_SECRET).
import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { verifyPeerToken } from './peer-token.ts';

const secret = process.env.PEER_SECRET ?? '';
const rooms = new Map<string, Set<WebSocket>>();
const http = createServer((_req, res) => res.writeHead(200).end('UP'));
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

http.on('upgrade', (req, socket, head) => {
  const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? undefined;
  if (!verifyPeerToken(secret, token)) {
    socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
});

function serve(ws: WebSocket): void {
  const joined = new Set<string>();
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as {
      t: string;
      room: string;
      id?: number;
      body?: string;
    };
    if (frame.t === 'join') {
      const members = rooms.get(frame.room) ?? new Set<WebSocket>();
      rooms.set(frame.room, members);
      members.add(ws);
      joined.add(frame.room);
      ws.send(JSON.stringify({ t: 'joined', room: frame.room }));
    } else if (frame.t === 'send' && joined.has(frame.room)) {
      const out = JSON.stringify({ t: 'msg', room: frame.room, body: frame.body });
      for (const member of rooms.get(frame.room) ?? []) member.send(out);
      ws.send(JSON.stringify({ t: 'ack', id: frame.id }));
    }
  });
  ws.on('close', () => {
    for (const room of joined) rooms.get(room)?.delete(ws);
  });
}

http.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
