// Public surface of @chat/testing: the in-process server harness, an HTTP helper, factories.

export {
  type Api,
  type ApiResponse,
  createApi,
  fetchTransport,
  type Injectable,
  injectTransport,
  type Loose,
  type RequestOptions,
  type Transport,
  type TransportRequest,
} from './api.ts';
export {
  type BackendKind,
  type BackendSuiteOptions,
  describeOnBackends,
  type Platform,
  TEST_ADMIN,
} from './backends.ts';
export { buildUser, eventually, login, type SignedUp, signup, type UserInput } from './factories.ts';
export {
  NATS_SERVER,
  type PrivateBackend,
  type PrivateNats,
  type PrivatePostgres,
  PrivateProcess,
  type PrivateRedis,
  type ProcessSpec,
  skipUnlessFaultTests,
  skipUnlessInstalled,
  startPrivateBackend,
  startPrivateNats,
  startPrivatePostgres,
  startPrivateRedis,
} from './faults/index.ts';
export {
  type InProcessCluster,
  type InProcessClusterOptions,
  startInProcessCluster,
} from './in-process-cluster.ts';
export { CORPUS_RARE, type Corpus, type CorpusOptions, seedMessageCorpus } from './message-corpus.ts';
export { seedMigratedDataDir } from './migrated-template.ts';
export {
  checkVapid,
  decryptPush,
  type ReceivedPush,
  startTestPushService,
  type TestPushService,
  type TestSubscription,
} from './push-service.ts';
export { createRealBackend, deleteNatsPrefix, type RealBackend } from './real-backend.ts';
export { startTestS3Server, type TestS3Server } from './s3-server.ts';
export {
  freePort,
  type SpawnedServer,
  spawnServer,
  startHealthyServer,
  stopServer,
  waitForHealth,
} from './spawn-server.ts';
export {
  type ApiTransport,
  startTestServer,
  TEST_JWT_SECRET,
  type TestServer,
  type TestServerOptions,
} from './test-server.ts';
export {
  type DatabaseOwner,
  startTopology,
  TOPOLOGY_INTERNAL_TOKEN,
  type Topology,
  type TopologyNode,
  type TopologyOptions,
} from './topology.ts';
export { UNLIMITED_GATEWAY } from './unlimited-gateway.ts';
