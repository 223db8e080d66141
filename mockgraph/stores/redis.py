"""The store in a Redis server that several ``mockgraph serve`` hosts share, so they answer as one Graph.

Every key of a mock lives under ``mockgraph:{NAMESPACE}:`` (the braces are a Redis hash tag, so one mock's
keys stay on one cluster slot), and every write is one Lua script or one MULTI/EXEC: a Redis that goes away
mid-request leaves nothing half-written. Per collection C: a hash ``e:C`` (key -> JSON) and a sorted set
``s:C`` (key by seq, for paging). Per mock: ``collections`` (every collection name, all at score 0, so a
cascade is a ZRANGEBYLEX over the same ``[low, high)`` range SQLite walks, no SCAN), ``seq`` (store-wide),
``entities`` (the cap), ``numbers`` (a hash of per-kind counters), ``journal`` and ``journal:seq``, ``absent``.

Updates run the caller's ``change`` between WATCH and MULTI and retry when another client wrote the collection
meanwhile, so a PATCH racing a PATCH on another host loses neither change; ``change`` may therefore run more
than once (the handlers' changes are pure functions of the entity). Connection failures become
``StoreUnavailable``, which the app answers with 503 serviceNotAvailable and Retry-After; the pool reconnects
by itself once Redis is back.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from mockgraph.stores.base import StoreFull, StoreUnavailable, entry_text, prefix_bounds, require_entity

log = logging.getLogger("mockgraph")

#: What a namespace may hold: it becomes part of every key, and must not be able to spell another one's prefix.
NAMESPACE = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
DEFAULT_NAMESPACE = "default"
#: Seconds a client is told to wait when Redis cannot be reached (Retry-After).
RETRY_AFTER = 2
#: Attempts of one update when other writers keep changing its collection; then a 503, never a lost change.
UPDATE_ATTEMPTS = 200
_encode = json.JSONEncoder(separators=(",", ":")).encode

# KEYS: entities hash, seq zset, collections index, store seq, entity total; ARGV: collection, key, json, cap
_INSERT = """
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 then return 0 end
if tonumber(redis.call('GET', KEYS[5]) or '0') >= tonumber(ARGV[4]) then return -1 end
local seq = redis.call('INCR', KEYS[4])
redis.call('INCR', KEYS[5])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[2], seq, ARGV[2])
redis.call('ZADD', KEYS[3], 'NX', 0, ARGV[1])
return 1
"""
# KEYS: seq zset, entities hash; ARGV: min score ("(after"), count (-1: all)
_PAGE = """
local found = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
if #found == 0 then return {{}, {}} end
local keys, seqs = {}, {}
for i = 1, #found, 2 do keys[#keys + 1] = found[i]; seqs[#seqs + 1] = found[i + 1] end
return {seqs, redis.call('HMGET', KEYS[2], unpack(keys))}
"""
# KEYS: entities hash, seq zset, collections index, entity total; ARGV: key prefix, collection, key, low, high
_DELETE = """
local removed = redis.call('HDEL', KEYS[1], ARGV[3])
if removed == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[3])
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('ZREM', KEYS[3], ARGV[2]) end
for _, name in ipairs(redis.call('ZRANGEBYLEX', KEYS[3], '[' .. ARGV[4], '(' .. ARGV[5])) do
  removed = removed + redis.call('HLEN', ARGV[1] .. 'e:' .. name)
  redis.call('DEL', ARGV[1] .. 'e:' .. name, ARGV[1] .. 's:' .. name)
  redis.call('ZREM', KEYS[3], name)
end
redis.call('DECRBY', KEYS[4], removed)
return removed
"""
# KEYS: journal list, journal seq; ARGV: entry json, bound
_RECORD = """
local seq = redis.call('INCR', KEYS[2])
redis.call('RPUSH', KEYS[1], seq .. ' ' .. ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
return seq
"""
# KEYS[1]: collections index, then every other key of the mock; ARGV: key prefix
_RESET = """
for _, name in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  redis.call('DEL', ARGV[1] .. 'e:' .. name, ARGV[1] .. 's:' .. name)
end
return redis.call('DEL', unpack(KEYS))
"""


def split_url(url: str) -> tuple[str, str, str]:
    """``(url for redis-py, namespace, url to show)``: ``?namespace=`` taken out of the first, the password out of
    the last. A ValueError names a namespace that could not be part of a key.
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    namespaces = [value for name, value in query if name == "namespace"]
    namespace = namespaces[-1] if namespaces else DEFAULT_NAMESPACE
    if not NAMESPACE.match(namespace):
        raise ValueError(f"store URL namespace {namespace!r}: use 1 to 100 letters, digits, '.', '_' or '-'")
    rest = urlencode([(name, value) for name, value in query if name != "namespace"])
    client_url = urlunsplit(parts._replace(query=rest))
    netloc = parts.netloc.rpartition("@")[2]
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return client_url, namespace, urlunsplit(parts._replace(netloc=netloc))


def _reason(error: BaseException) -> str:
    """The operating system's words (``Connection refused``) where there are some, else redis-py's message."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
        cause = cause.__cause__ or cause.__context__
    return str(error).rstrip(".") or type(error).__name__


class RedisStore:
    """State in one Redis database, under a namespace, shared by every process and host that opens it."""

    def __init__(self, url: str, journal_size: int = 1000, max_entities: int = 100_000, *, check: bool = True):
        import redis  # the optional extra: pip install 'mockgraph[redis]'
        from redis.backoff import ExponentialBackoff
        from redis.retry import Retry

        self._redis = redis
        client_url, self.namespace, self.url = split_url(url)
        self.journal_size = max(journal_size, 0)
        self.max_entities = max_entities
        # One quick retry takes a pooled connection that died with a restarted Redis; more would only make a
        # client wait longer for its 503 while Redis is down.
        try:
            pool = redis.ConnectionPool.from_url(client_url, **{
                "socket_connect_timeout": 2, "socket_timeout": 5, "health_check_interval": 30,
                "retry": Retry(ExponentialBackoff(cap=0.05, base=0.01), 1)})
        except ValueError as exc:  # a port or db that is not a number, an unknown scheme option
            raise ValueError(f"store URL {self.url!r}: {exc}") from None
        kwargs = pool.connection_kwargs
        self.where = kwargs.get("path") or f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}"
        self._client = redis.Redis(connection_pool=pool)
        self._prefix = f"mockgraph:{{{self.namespace}}}:"
        p = self._prefix
        self._index, self._seq, self._total = p + "collections", p + "seq", p + "entities"
        self._numbers, self._journal, self._journal_seq, self._absent = (
            p + "numbers", p + "journal", p + "journal:seq", p + "absent")
        self._insert, self._page, self._delete, self._record, self._reset = (
            self._client.register_script(text) for text in (_INSERT, _PAGE, _DELETE, _RECORD, _RESET))
        self._journal_warned = 0.0
        if check:
            self.ping()

    def describe(self) -> dict:
        return {"kind": "redis", "url": self.url, "namespace": self.namespace}

    def _unavailable(self, error: BaseException) -> StoreUnavailable:
        return StoreUnavailable(f"Redis at {self.where}", _reason(error), RETRY_AFTER)

    def _call(self, fn: Callable, *args):
        """``fn(*args)``, with a lost connection or a timeout as StoreUnavailable."""
        try:
            return fn(*args)
        except (self._redis.ConnectionError, self._redis.TimeoutError) as error:
            raise self._unavailable(error) from None

    def ping(self) -> None:
        """Raise StoreUnavailable unless Redis answers."""
        self._call(self._client.ping)

    def _entities(self, collection: str) -> str:
        return f"{self._prefix}e:{collection}"

    def _order(self, collection: str) -> str:
        return f"{self._prefix}s:{collection}"

    def next_number(self, kind: str) -> int:
        return self._call(self._client.hincrby, self._numbers, kind, 1)

    def next_creation(self) -> int:
        return self.next_number("creations")

    def insert(self, collection: str, key: str, entity: dict) -> bool:
        keys = [self._entities(collection), self._order(collection), self._index, self._seq, self._total]
        done = self._call(self._insert, keys, [collection, key, _encode(entity), self.max_entities])
        if done == -1:
            raise StoreFull(self.max_entities)
        return done == 1

    def get(self, collection: str, key: str) -> dict | None:
        raw = self._call(self._client.hget, self._entities(collection), key)
        return None if raw is None else json.loads(raw)

    def page(self, collection: str, after: int = 0, limit: int | None = None) -> list[tuple[int, dict]]:
        return [(seq, self.decode(blob)) for seq, blob in self.page_raw(collection, after, limit)]

    def page_raw(self, collection: str, after: int = 0, limit: int | None = None) -> list[tuple[int, bytes]]:
        if limit is not None and limit <= 0:
            return []
        keys = [self._order(collection), self._entities(collection)]
        seqs, blobs = self._call(self._page, keys, [f"({after}", -1 if limit is None else limit])
        return [(int(seq), blob) for seq, blob in zip(seqs, blobs, strict=True) if blob is not None]

    decode = staticmethod(json.loads)

    def count(self, collection: str) -> int:
        return self._call(self._client.zcard, self._order(collection))

    def update(self, collection: str, key: str, change: Callable[[dict], dict]) -> dict | None:
        return self._call(self._update, collection, key, change)

    def _update(self, collection: str, key: str, change: Callable[[dict], dict]) -> dict | None:
        name = self._entities(collection)
        with self._client.pipeline() as pipe:
            for _ in range(UPDATE_ATTEMPTS):
                try:
                    pipe.watch(name)  # any write to the collection (or its deletion) between here and EXEC aborts it
                    raw = pipe.hget(name, key)
                    if raw is None:
                        return None
                    new = require_entity(change(json.loads(raw)))
                    pipe.multi()
                    pipe.hset(name, key, _encode(new))
                    pipe.execute()
                    return new
                except self._redis.WatchError:
                    continue
        raise StoreUnavailable(f"Redis at {self.where}", f"{collection}/{key} changed under {UPDATE_ATTEMPTS} "
                                                         f"updates in a row", RETRY_AFTER)

    def delete(self, collection: str, key: str) -> bool:
        low, high = prefix_bounds(collection, key)
        keys = [self._entities(collection), self._order(collection), self._index, self._total]
        return bool(self._call(self._delete, keys, [self._prefix, collection, key, low, high]))

    def record(self, entry: dict | str) -> None:
        """Journal one request; while Redis is away the entry is dropped (logged), since the reply, a 503 or
        one that was already answered, must still reach the client."""
        if not self.journal_size:
            return
        text = entry_text(entry)
        try:
            self._call(self._record, [self._journal, self._journal_seq], [text, self.journal_size])
        except StoreUnavailable as error:
            if time.monotonic() - self._journal_warned > 5:  # once in a while, not once a request
                self._journal_warned = time.monotonic()
                log.warning("journal entry dropped: %s", error)

    def journal(self) -> list[dict]:
        rows = self._call(self._client.lrange, self._journal, 0, -1)
        entries = []
        for row in rows:
            seq, _, text = row.partition(b" ")
            entries.append({"seq": int(seq), **json.loads(text)})
        return entries

    def set_event_absent(self, event_id: str, absent: bool) -> None:
        self._call(self._client.sadd if absent else self._client.srem, self._absent, event_id)

    def event_absent(self, event_id: str) -> bool:
        return bool(self._call(self._client.sismember, self._absent, event_id))

    def reset(self) -> None:
        keys = [self._index, self._seq, self._total, self._numbers, self._journal, self._journal_seq, self._absent]
        self._call(self._reset, keys, [self._prefix])
