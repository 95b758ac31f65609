package org.amends.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Tokens this gateway replica took from a client's bucket in Redis ahead of use, so that a busy client costs one
 * Redis round trip per lease instead of one per request. A lease is taken out of the shared bucket before any of its
 * tokens is spent, so the client never gets more than its budget across all replicas; a lease not spent within
 * {@code validity} is dropped, and its tokens are lost to the client (it gets slightly less than its budget, never
 * more, and a replica never hoards a budget for later).
 *
 * <p>A request that finds the lease empty, expired or missing goes to Redis. Two requests that race there may each
 * take a lease; the later replaces the earlier, whose unspent tokens are lost the same way. At most {@code
 * maxClients} clients hold a lease at once: beyond that, expired leases are dropped first, then all of them.
 */
final class LeasedTokens {

    private final ConcurrentHashMap<String, Lease> byClient = new ConcurrentHashMap<>();
    private final long validityNanos;
    private final int maxClients;
    private final LongSupplier nanoTime;

    LeasedTokens(Duration validity, int maxClients, LongSupplier nanoTime) {
        this.validityNanos = validity.toNanos();
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    /**
     * Spends one leased token of {@code client}: the client's tokens left afterwards (its bucket as Redis last told,
     * plus what is still leased here), or {@code -1} when this replica holds none for it.
     */
    long take(String client) {
        var lease = byClient.get(client);
        if (lease == null) {
            return -1;
        }
        if (nanoTime.getAsLong() - lease.grantedAt() >= validityNanos) {
            byClient.remove(client, lease);
            return -1;
        }
        var left = lease.left().decrementAndGet();
        return left < 0 ? -1 : lease.bucketRemaining() + left;
    }

    /**
     * Keeps {@code tokens} taken from {@code client}'s bucket for its next requests, in place of any lease it held;
     * Redis said {@code bucketRemaining} were left in the bucket.
     */
    void grant(String client, long tokens, long bucketRemaining) {
        if (tokens < 1) {
            return;
        }
        var now = nanoTime.getAsLong();
        if (byClient.size() >= maxClients && !byClient.containsKey(client)) {
            byClient.values().removeIf(lease -> now - lease.grantedAt() >= validityNanos);
            if (byClient.size() >= maxClients) {
                byClient.clear();
            }
        }
        byClient.put(client, new Lease(new AtomicLong(tokens), bucketRemaining, now));
    }

    /** Clients holding a lease, expired or not. */
    int clients() {
        return byClient.size();
    }

    private record Lease(AtomicLong left, long bucketRemaining, long grantedAt) {}
}
