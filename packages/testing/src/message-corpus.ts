import type { SqlDatabase } from '@chat/platform';

// A seeded chat corpus for message search (query-plan tests, `npm run bench -- search`): mixed
// Korean and English chat lines with a skewed word frequency, written straight into chat's
// tables by SQL (generate_series, no API, no per-row round trip).

/** Everyday words, most frequent first (the generator favours the start of each list). */
const KOREAN =
  `오늘 내일 회의 점심 저녁 주말 사진 영화 커피 친구 회사 학교 시간 약속 생각 우리 진짜 정말 그냥 지금
  이번 다음 문제 사람 가족 여행 날씨 음식 운동 공부 계획 준비 확인 연락 부탁 감사 미안 축하 생일 선물 파일 문서
  자료 보고 일정 변경 취소 예약 주문 배송 결제 가격 할인 쿠폰 이벤트 모임 동아리 수업 과제 시험 발표 프로젝트
  개발 서버 배포 테스트 코드 리뷰 버그 수정 기능 화면 디자인 회의실 사무실 출근 퇴근 야근 휴가 병원 약국 은행
  카페 식당 마트 편의점 지하철 버스 택시 공항 호텔 바다 산책 등산 캠핑 노래 게임 드라마 뉴스 책상 의자 노트북
  휴대폰 충전기 이어폰`
    .trim()
    .split(/\s+/);

const ENGLISH = `the to and you is it that for on are with this have be at not can we what will do if so just
  about all get like from your but our one when meeting lunch dinner tomorrow today weekend photo movie coffee
  friend office school time plan think really please thanks sorry happy birthday gift file document report
  schedule change cancel booking order delivery payment price discount coupon event club class homework exam
  presentation project release server deploy test code review bug fix feature screen design room commute
  overtime vacation hospital pharmacy bank cafe restaurant market subway bus taxi airport hotel beach walk
  hiking camping song game drama news desk chair laptop phone charger earphones`
  .trim()
  .split(/\s+/);

/** Words planted in one message of every 10,000 (the rare terms). */
export const CORPUS_RARE = { korean: '뚱냥이', english: 'zebracorn' } as const;

export interface CorpusOptions {
  /** Messages to write. */
  messages: number;
  /** Group rooms the messages are spread over (evenly, at random). */
  rooms: number;
  /** `heavyUser` (id 1) is a member of every n-th room. */
  heavyEvery?: number;
  /** Other members per room, from a pool of `rooms` users. */
  membersPerRoom?: number;
  /** Who searches (ids of users that exist elsewhere, or not at all): default 1 and 2. */
  heavyUser?: number;
  quietUser?: number;
  /** The pool's users (senders, other members) take ids from here + 1 on (default 1,000,000). */
  userBase?: number;
  /** Drop the search index while loading and build it once after (much faster for millions). */
  rebuildSearchIndex?: boolean;
  /** Rows per INSERT statement (each its own transaction). */
  batch?: number;
  /** Called after each batch with the messages written so far. */
  onProgress?: (written: number) => void;
}

/** Who searches: a member of many rooms, and a member of three quiet rooms (old messages only). */
export interface Corpus {
  heavyUser: number;
  quietUser: number;
  heavyRooms: number[];
  quietRooms: number[];
}

/**
 * Writes users, rooms, memberships and messages into a migrated chat schema (an empty one:
 * ids start at 1), then ANALYZEs. Message i goes to a random room; the first 300 go to three
 * rooms of their own (the quiet user's) instead. Each message has 4 to 11 words, about half
 * Korean (with a particle that fits the word's last syllable), drawn so that the first words of
 * each list are common (오늘, the: in about a third of the messages) and the last ones rare
 * (about 1 %); every 10,000th message also holds CORPUS_RARE. The random sequence is seeded:
 * the same options give the same corpus.
 */
export async function seedMessageCorpus(db: SqlDatabase, opts: CorpusOptions): Promise<Corpus> {
  const heavyEvery = opts.heavyEvery ?? 20;
  const perRoom = opts.membersPerRoom ?? 4;
  const batch = opts.batch ?? 500_000;
  const quietRooms = [opts.rooms + 1, opts.rooms + 2, opts.rooms + 3];
  const heavyUser = opts.heavyUser ?? 1;
  const quietUser = opts.quietUser ?? 2;
  const base = opts.userBase ?? 1_000_000;
  const pool = Math.max(opts.rooms, perRoom + 1);
  await db.exec(`
    insert into chat.users (id, nickname)
      select ${base} + g, 'user' || g from generate_series(1, ${pool}) g;
    insert into chat.rooms (id, type, name, created_by)
      select g, 'GROUP', 'room ' || g, ${base + 1} from generate_series(1, ${opts.rooms + 3}) g;
    insert into chat.room_members (room_id, user_id)
      select r, ${base + 1} + ((r * 7 + k * 13) % ${pool})
        from generate_series(1, ${opts.rooms}) r, generate_series(0, ${perRoom - 1}) k
      on conflict do nothing;
    insert into chat.room_members (room_id, user_id)
      select r, ${heavyUser} from generate_series(1, ${opts.rooms}, ${heavyEvery}) r;
    insert into chat.room_members (room_id, user_id)
      select r, u from unnest(array[${quietRooms.join(',')}]) r, unnest(array[${quietUser}, ${base + 1}]) u;
    select setval(pg_get_serial_sequence('chat.rooms', 'id'), ${opts.rooms + 3});
  `);
  let indexDef: string | undefined;
  if (opts.rebuildSearchIndex) {
    const { rows } = await db.query<{ def: string }>(
      `select pg_get_indexdef('chat.message_search_pairs_idx'::regclass) as def`,
    );
    indexDef = rows[0]?.def;
    await db.exec('drop index if exists chat.message_search_pairs_idx');
  }
  const ko = `array[${KOREAN.map((w) => `'${w}'`).join(',')}]`;
  const en = `array[${ENGLISH.map((w) => `'${w}'`).join(',')}]`;
  for (let from = 1; from <= opts.messages; from += batch) {
    const to = Math.min(opts.messages, from + batch - 1);
    // One statement per batch: the seed is set in the statement's own session (pool-safe).
    await db.exec(`
      select setseed(${((from % 997) + 1) / 1000});
      with ins as (
      insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
      select case when g <= 300 then ${quietRooms[0]} + g % 3 else 1 + (hashint4(g) & 2147483647) % ${opts.rooms} end,
             g, ${base + 1} + g % ${pool}, g::text,
             (select string_agg(case when k > 0 and random() < 0.5
                        then v.ko[1 + floor(cardinality(v.ko) * power(random(), 2.5))::int]
                        else v.en[1 + floor(cardinality(v.en) * power(random(), 2.5))::int] end, ' ')
                from generate_series(1, 4 + g % 8) k)
               || case when g % 10000 = 7 then ' ${CORPUS_RARE.korean} ${CORPUS_RARE.english}' else '' end,
             'TEXT', now() - make_interval(secs => ${opts.messages} - g)
        from (select array(select w || (case when (ascii(right(w, 1)) - 44032) % 28 > 0
                                             then array['', '', '은', '이', '을', '에서', '도']
                                             else array['', '', '는', '가', '를', '에서', '도'] end)[1 + p % 7]
                             from unnest(${ko}) with ordinality as t(w, i), generate_series(0, 6) p
                            order by i, p) as ko,
                     ${en} as en) v,
             generate_series(${from}, ${to}) g
      returning id, room_id, content)
      insert into chat.message_search (message_id, room_id, content) select id, room_id, content from ins;
    `);
    opts.onProgress?.(to);
  }
  // Indexed above as written: nothing waits for the search indexer (016's trigger queued them).
  await db.exec('truncate chat.search_pending');
  if (indexDef) await db.exec(`set maintenance_work_mem = '512MB'; ${indexDef}`);
  await db.exec(
    'analyze chat.users; analyze chat.rooms; analyze chat.room_members; analyze chat.messages; analyze chat.message_search;',
  );
  const heavyRooms: number[] = [];
  for (let r = 1; r <= opts.rooms; r += heavyEvery) heavyRooms.push(r);
  return { heavyUser, quietUser, heavyRooms, quietRooms };
}
