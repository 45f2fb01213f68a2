"""The Redis cache for several app servers, which a dead Redis degrades instead of breaking.

While Redis cannot be reached, reads are misses and writes are dropped, so pages are
built from the database (sessions too: they are `cached_db`). The first failure is
logged; for a few seconds after it Redis is not asked again, so a dead Redis costs
each request nothing rather than a connection timeout per cache call.

allauth's rate limits are the exception: they fail closed. A limit that cannot be
counted would let a password guesser try for ever, so while Redis is away every
rate-limited account action (login, signup, password reset, …) is refused with
allauth's 429 page. A missing lock would also refuse them, but only after allauth
has retried its lock for a second on every attempt; raising refuses at once and
says why in the log.
"""

import logging
import time
from functools import partial

from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# allauth's rate-limit counters and their locks (allauth.core.internal.ratelimit).
RATE_LIMIT_KEY_PREFIX = "allauth:rl:"
# How long Redis is left alone after a failure.
RETRY_AFTER_SECONDS = 5.0

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class RateLimitsUnavailable(ImmediateHttpResponse):
    """allauth's AccountMiddleware answers this exception with its response, the 429 page."""


class TolerantRedisCache(RedisCache):
    """Django's RedisCache, with connection failures as misses (see the module's docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._resting_until = 0.0

    def _ask(self, keys, call, fallback):
        if time.monotonic() < self._resting_until:
            failure = RedisConnectionError("Redis is left alone after a failure")
        else:
            try:
                return call()
            except UNREACHABLE as error:
                failure = error
                self._resting_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning(
                    "Redis unreachable, serving without the cache for %ss: %s",
                    RETRY_AFTER_SECONDS,
                    error,
                )
        if any(str(key).startswith(RATE_LIMIT_KEY_PREFIX) for key in keys):
            request = context.request
            if request is None:
                raise failure
            raise RateLimitsUnavailable(respond_429(request)) from failure
        return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask([key], partial(super().add, key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._ask([key], partial(super().get, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask([key], partial(super().set, key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask([key], partial(super().touch, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._ask([key], partial(super().delete, key, version), False)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._ask(keys, partial(super().get_many, keys, version), {})

    def has_key(self, key, version=None):
        return self._ask([key], partial(super().has_key, key, version), False)

    def incr(self, key, delta=1, version=None):
        value = self._ask([key], partial(super().incr, key, delta, version), None)
        if value is None:
            # What Django's caches say of a key they do not hold.
            raise ValueError(f"Key '{key}' not found.")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's set_many answers with the keys it could not store: all of them.
        keys = list(data)
        return self._ask(keys, partial(super().set_many, data, timeout, version), keys)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._ask(keys, partial(super().delete_many, keys, version), None)

    def clear(self):
        return self._ask([], super().clear, False)
