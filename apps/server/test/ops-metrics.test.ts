import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connectStomp } from '@chat/chat/testing';
import { describeOnBackends, eventually, signup } from '@chat/testing';
import { dashboardExpressions, metricNames, ruleExpressions, sampleNames } from './promql-names.ts';

const ops = (path: string) => fileURLToPath(new URL(`../../../ops/${path}`, import.meta.url));
const dashboard = JSON.parse(readFileSync(ops('grafana/chat-platform.json'), 'utf8')) as unknown;
const rules = readFileSync(ops('prometheus/rules.yml'), 'utf8');

/** Series Prometheus makes itself; recorded series (`a:b`) come from the rules, not the platform. */
const madeByPrometheus = (name: string) => name === 'up' || name.startsWith('scrape_') || name.includes(':');

test('metric names are read from PromQL, without functions, keywords, labels or variables', () => {
  assert.deepEqual(
    metricNames(
      'histogram_quantile(0.95, sum by (le, route) (rate(http_x_bucket{job=~"$job", s=~"5.."}[$__rate_interval])))',
    ),
    ['http_x_bucket'],
  );
  assert.deepEqual(
    metricNames('sum(rate(a_total[5m])) by (le) / ignoring(x) b > 1e3 and on(y) c offset 5m'),
    ['a_total', 'b', 'c'],
  );
  assert.deepEqual(metricNames('label_values(foo_count{job=~"$job"}, instance)'), ['foo_count']);
  assert.ok(dashboardExpressions(dashboard).length > 20);
  assert.ok(ruleExpressions(rules).length > 5);
});

await describeOnBackends('ops: every metric of the dashboard and the rules is emitted', (platform) => {
  test('after a little traffic, the scrape has every name the dashboard, the rules and the contract use', async () => {
    const { api, server } = platform();
    const [a, b] = [await signup(api), await signup(api)];
    const room = await api.post(
      '/api/rooms/group',
      { name: 'ops', memberIds: [b.userId] },
      { token: a.token },
    );
    assert.equal(room.status, 201);
    const roomId = room.body.id as number;
    const [sa, sb] = [await connectStomp(server.url, a.token), await connectStomp(server.url, b.token)];
    try {
      const live = await sb.subscribe(`/topic/room.${roomId}`);
      await sa.sendWithReceipt('/app/chat.send', { roomId, content: 'metrics, please' });
      await live.count(1);
      sa.send('/app/chat.send', { roomId, content: '' });
      await sa.errors.count(1);

      const scrape = async () => {
        const res = await fetch(`${server.url}/actuator/prometheus`);
        assert.equal(res.status, 200);
        return res.text();
      };
      // The consume histogram is observed after the batch commits, just after the broadcast.
      const text = await eventually(async () => {
        const t = await scrape();
        return /^chat_message_consume_duration_seconds_count [1-9]/m.test(t) && t;
      });
      const emitted = sampleNames(text);
      const poolReported = server.server.infra.db.stats !== undefined;

      const used = new Set(
        [...dashboardExpressions(dashboard), ...ruleExpressions(rules)].flatMap(metricNames),
      );
      const missing = [...used].filter(
        (name) =>
          !madeByPrometheus(name) &&
          !emitted.has(name) &&
          // A database without a pool (PGlite) reports no pool gauges; the real run checks them.
          !(name.startsWith('db_pool_') && !poolReported),
      );
      assert.deepEqual(missing, [], `used by ops/ but not emitted: ${missing.join(', ')}`);
      if (platform().kind === 'real') assert.ok(poolReported, 'PostgreSQL reports its pool');

      const value = (line: RegExp) => Number(line.exec(text)?.[1]);
      assert.ok(value(/^chat_messages_sent_total (\S+)$/m) >= 1);
      assert.ok(value(/^chat_messages_consumed_total (\S+)$/m) >= 1);
      assert.ok(value(/^chat_rooms_created_total (\S+)$/m) >= 1);
      assert.equal(value(/^chat_websocket_sessions (\S+)$/m), 2);
      assert.match(text, /^# TYPE chat_message_consume_duration_seconds histogram$/m);
      assert.match(text, /^# TYPE http_server_request_duration_seconds histogram$/m);
      assert.match(text, /^http_server_request_duration_seconds_bucket\{.*route="\/api\/rooms\/group".*\} /m);
      assert.match(
        text,
        /^eventlog_consumer_lag\{topic="chat\.messages",group="chat-persist",partition="0"\} \d+$/m,
        'consumer lag per partition',
      );
      assert.match(text, /^eventlog_appended_records_total\{topic="chat\.messages"\} [1-9]/m);
      assert.match(
        text,
        /^eventlog_consumed_records_total\{topic="chat\.messages",group="chat-persist"\} [1-9]/m,
      );
      assert.ok(value(/^users_outbox_pending (\S+)$/m) >= 0, 'user events waiting in the outbox');
      assert.ok(value(/^users_outbox_oldest_age_seconds (\S+)$/m) >= 0, 'age of the oldest');
      assert.ok(value(/^pubsub_messages_published_total (\S+)$/m) >= 1);
      assert.ok(value(/^pubsub_messages_received_total (\S+)$/m) >= 1);
      assert.match(text, /^chat_stomp_request_errors_total\{code="[A-Z_]+"\} 1$/m);
    } finally {
      await Promise.all([sa.close(), sb.close()]);
    }
  });
});
