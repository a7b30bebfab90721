/** How the load generator speaks to a target. */
export type Protocol = 'stomp' | 'rabbit-stomp' | 'socketio' | 'ws';

/** One room of the workload: its key on the wire and the credential of each member. */
export interface RoomSpec {
  room: string;
  members: string[];
}

/** A target server, started for one block of measurements. */
export interface RunningTarget {
  readonly protocol: Protocol;
  /**
   * Where clients connect (ws:// or http:// for Socket.IO), one address per node: member i of
   * a room connects to `urls[i % urls.length]`, so with several nodes every room spans them.
   */
  readonly urls: string[];
  /** The processes that are the server (CPU and memory "server"). */
  serverPids(): number[];
  /** The processes of the services it stands on (PostgreSQL, Redis, NATS), if any. */
  backingPids(): number[];
  /** Creates `count` rooms of `size` members: one user, one credential, per member. */
  rooms(count: number, size: number): Promise<RoomSpec[]>;
  stop(): Promise<void>;
}

export interface Target {
  /** Short name used on the command line and in the report (`ours-embedded`, `socketio`). */
  readonly name: string;
  /** What it is, for the report. */
  readonly label: string;
  /** Server processes it runs as (more than one: the scale-out rows, each a node of its own). */
  readonly nodes: number;
  start(): Promise<RunningTarget>;
}
