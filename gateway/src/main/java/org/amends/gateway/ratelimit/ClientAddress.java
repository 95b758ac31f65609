package org.amends.gateway.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a call without a token comes from, for its rate limit: the connection's remote address, unless that address is
 * one of the configured trusted proxies. Then it is the nearest address in {@code X-Forwarded-For} that is not a
 * trusted proxy, read from the right: every proxy appends the address it saw, so only the entries our own proxies
 * wrote can be believed, and whatever a client put further left is its own claim.
 */
final class ClientAddress {

    private final List<Range> trustedProxies;

    /** @param trustedProxies addresses ({@code 10.0.0.7}) or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) */
    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(Range::parse).toList();
    }

    /**
     * The address a budget is counted against.
     *
     * @param remote the connection's peer address, or null when unknown
     * @param forwardedFor the {@code X-Forwarded-For} header values in the order received
     */
    String of(@Nullable InetAddress remote, List<String> forwardedFor) {
        if (remote == null) {
            return "unknown";
        }
        var client = remote.getHostAddress();
        if (!isTrusted(client)) {
            return client;
        }
        var hops = new ArrayList<String>();
        for (var header : forwardedFor) {
            for (var hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            var hop = literal(hops.get(i));
            if (hop == null) {
                // Our proxies write addresses: anything else came from the client, so stop at the last hop believed.
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        var parsed = InetAddress.ofLiteral(address);
        return trustedProxies.stream().anyMatch(proxy -> proxy.contains(parsed));
    }

    /** The address in its canonical form, or null when it is not an IP address literal (never a DNS lookup). */
    private static @Nullable String literal(String hop) {
        try {
            return InetAddress.ofLiteral(hop).getHostAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An address range in CIDR notation; a bare address is a range of one. */
    private record Range(byte[] network, int prefixLength) {

        static Range parse(String cidr) {
            var slash = cidr.indexOf('/');
            var address = InetAddress.ofLiteral(slash < 0 ? cidr : cidr.substring(0, slash))
                    .getAddress();
            var prefix = slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("not a valid trusted proxy range: " + cidr);
            }
            return new Range(address, prefix);
        }

        boolean contains(InetAddress candidate) {
            var bytes = candidate.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                var mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
