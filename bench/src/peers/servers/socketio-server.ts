// Socket.IO 4 as it is deployed to scale out: the Redis adapter on the local Redis, rooms joined
// on request, a token checked in the handshake middleware, an acknowledgement per message. No
// persistence, no per-message authorisation, no limits.
// Run: node --import tsx socketio-server.ts (PORT, PEER_SECRET, REDIS_URL, PEER_PREFIX).
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { verifyPeerToken } from './peer-token.ts';

const secret = process.env.PEER_SECRET ?? '';
const pub = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const sub = pub.duplicate();
const http = createServer((_req, res) => res.writeHead(200).end('UP'));
const io = new Server(http, {
  transports: ['websocket'],
  perMessageDeflate: false,
  adapter: createAdapter(pub, sub, { key: process.env.PEER_PREFIX ?? 'socket.io' }),
});

io.use((socket, next) => {
  const userId = verifyPeerToken(secret, (socket.handshake.auth as { token?: string }).token);
  if (!userId) return next(new Error('unauthorized'));
  socket.data.userId = userId;
  next();
});

io.on('connection', (socket) => {
  socket.on('join', (room: string, ack: () => void) => {
    void socket.join(room);
    ack();
  });
  socket.on('msg', (room: string, body: string, ack: () => void) => {
    if (!socket.rooms.has(room)) return;
    io.to(room).emit('msg', body);
    ack();
  });
});

http.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
