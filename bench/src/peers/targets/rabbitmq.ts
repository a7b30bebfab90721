import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processTree } from '../../lib/proc.ts';
import { freePort } from '../../lib/server-process.ts';
import type { RoomSpec, RunningTarget, Target } from './target.ts';

const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';

/**
 * RabbitMQ's Web-STOMP plugin (Debian's `rabbitmq-server`), the broker of the Spring STOMP
 * setup the original used. A private node: its own name, ports, data directory and cookie,
 * never the machine's shared broker. Rooms are /topic/room.N on the topic exchange, every
 * SEND carries a receipt (the broker confirms the publish), everyone logs in as one user.
 */
export const rabbitMq: Target = {
  name: 'rabbitmq',
  label: 'RabbitMQ 3.10 Web-STOMP, a private node, topic destinations, a receipt per SEND',
  nodes: 1,
  async start(): Promise<RunningTarget> {
    if (!existsSync(RABBITMQ_SERVER) && process.getuid?.() === 0) {
      // A fresh machine: Debian's package (it also starts the system's own broker, left alone).
      execFileSync('apt-get', ['install', '-y', '-q', 'rabbitmq-server'], { stdio: 'ignore' });
    }
    if (!existsSync(RABBITMQ_SERVER)) {
      throw new Error('rabbitmq-server is not installed (apt-get install -y rabbitmq-server)');
    }
    const dir = mkdtempSync(join(tmpdir(), 'bench-rabbitmq-'));
    const [amqp, dist, stomp] = [await freePort(), await freePort(), await freePort()];
    writeFileSync(join(dir, 'enabled_plugins'), '[rabbitmq_web_stomp].\n');
    writeFileSync(
      join(dir, 'rabbitmq.conf'),
      [
        `listeners.tcp.default = ${amqp}`,
        `web_stomp.tcp.port = ${stomp}`,
        'web_stomp.tcp.ip = 127.0.0.1',
        'web_stomp.ws_frame = text',
        'stomp.listeners.tcp = none',
        'loopback_users = none',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, '.erlang.cookie'), randomBytes(16).toString('hex'), { mode: 0o400 });
    const node = `bench${process.pid}${Date.now() % 100000}@localhost`;
    const child = spawn(RABBITMQ_SERVER, [], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        RABBITMQ_NODENAME: node,
        RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
        RABBITMQ_NODE_PORT: String(amqp),
        RABBITMQ_DIST_PORT: String(dist),
        RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
        RABBITMQ_LOG_BASE: join(dir, 'log'),
        RABBITMQ_LOGS: join(dir, 'log', 'node.log'),
        RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
        RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
        RABBITMQ_PID_FILE: join(dir, 'pid'),
        RABBITMQ_PLUGINS_EXPAND_DIR: join(dir, 'plugins'),
      },
      stdio: ['ignore', 'ignore', 'ignore'],
      detached: true,
    });
    const exited = once(child, 'exit');
    // Its own process group (detached): an interrupted or crashed bench must still stop it.
    const killGroup = () => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', killGroup);
    const fail = (message: string) => {
      killGroup();
      process.off('exit', killGroup);
      rmSync(dir, { recursive: true, force: true });
      return new Error(message);
    };
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw fail(`rabbitmq exited with ${child.exitCode}`);
      // The Web-STOMP listener answers a plain GET with 426 once the node has booted.
      const status = await fetch(`http://127.0.0.1:${stomp}/ws`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 426 || status === 400) break;
      if (Date.now() > deadline) throw fail('rabbitmq did not start in 60 s');
      await new Promise((r) => setTimeout(r, 250));
    }
    return {
      protocol: 'rabbit-stomp',
      urls: [`ws://127.0.0.1:${stomp}/ws`],
      // The script runs the Erlang VM (beam.smp) and its helpers as children.
      serverPids: () => processTree(child.pid ?? 0),
      backingPids: () => [],
      async rooms(count, size): Promise<RoomSpec[]> {
        return Array.from({ length: count }, (_, r) => ({
          room: `room.${r}`,
          members: Array.from({ length: size }, () => 'guest:guest'),
        }));
      },
      async stop() {
        // The whole process group: the script, the VM, its port programs.
        process.kill(-(child.pid ?? 0), 'SIGTERM');
        await exited;
        process.off('exit', killGroup);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
