// The Lua scripts behind lib/cache/views.ts and lib/cache/publish.ts. Each runs atomically in Redis,
// over TCP or Upstash REST alike.

/**
 * KEYS: snap, fence, deltas, globalFence, epoch[, heard] → [p|false, d|false, fence, deltas newer than p
 * (or all), 1 if the epoch exists (else Redis lost its data since the epoch was opened: nothing here is
 * trusted), the heard key's position (0 without one)]
 */
export const GET_VIEW = `
local h = redis.call('HMGET', KEYS[1], 'p', 'd')
local fence = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), tonumber(redis.call('GET', KEYS[4]) or '0'))
local from = tonumber(h[1] or '0')
local deltas = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. from, '+inf')
local heard = 0
if KEYS[6] then heard = tonumber(redis.call('GET', KEYS[6]) or '0') end
return {h[1] or false, h[2] or false, fence, deltas, redis.call('EXISTS', KEYS[5]), heard}
`;

/**
 * KEYS: epoch, globalFence; ARGV: seq, token, fenceTtlMs → 1 opened, 0 already open. Opening an epoch
 * raises the global fence to `seq`, the primary's position read after the loss was seen: every change whose
 * fence or delta Redis may have lost is at or before it, so no older snapshot is accepted again.
 */
export const OPEN_EPOCH = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local cur = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3]) end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

/**
 * KEYS: snap, fence, globalFence, epoch; ARGV: p, data, ttlMs → 1 stored, 0 refused (older than the fence,
 * or no epoch: Redis lost its data after this refill began),
 * 2 kept the existing snapshot (as new or newer). This is the fence that stops a refill read from a
 * lagging replica from putting back data older than the last invalidation.
 */
export const PUT_VIEW = `
if redis.call('EXISTS', KEYS[4]) == 0 then return 0 end
local p = tonumber(ARGV[1])
local fence = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), tonumber(redis.call('GET', KEYS[3]) or '0'))
if p < fence then return 0 end
local cur = tonumber(redis.call('HGET', KEYS[1], 'p') or '-1')
if cur >= p then return 2 end
redis.call('HSET', KEYS[1], 'p', ARGV[1], 'd', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/**
 * Publishes one committed change. KEYS come in pairs (target, fence of the target's stream); ARGV: seq,
 * fenceTtlMs, deltaTtlMs, maxDeltas, then one op per pair: "F" raises the fence to seq; any other string
 * is a delta member added to the target deltas key. A deltas key that grows past maxDeltas drops its oldest
 * entries and raises its stream's fence past them, so no snapshot can miss what was dropped.
 */
export const PUBLISH = `
local seq = tonumber(ARGV[1])
local n = #KEYS / 2
for i = 1, n do
  local key, fkey, op = KEYS[2 * i - 1], KEYS[2 * i], ARGV[4 + i]
  if op == 'F' then
    local cur = tonumber(redis.call('GET', fkey) or '0')
    if seq > cur then redis.call('SET', fkey, seq, 'PX', ARGV[2]) end
  else
    redis.call('ZADD', key, seq, op)
    redis.call('PEXPIRE', key, ARGV[3])
    local extra = redis.call('ZCARD', key) - tonumber(ARGV[4])
    if extra > 0 then
      local dropped = redis.call('ZRANGE', key, extra - 1, extra - 1, 'WITHSCORES')
      redis.call('ZREMRANGEBYRANK', key, 0, extra - 1)
      local cur = tonumber(redis.call('GET', fkey) or '0')
      local top = tonumber(dropped[2])
      if top > cur then redis.call('SET', fkey, top, 'PX', ARGV[2]) end
    end
  end
end
return 1
`;

/** KEYS: key; ARGV: seq, ttlMs → raises a stored position to seq (never lowers it). */
export const RAISE = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return tonumber(ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return cur
`;
