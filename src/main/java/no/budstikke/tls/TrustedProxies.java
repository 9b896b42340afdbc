package no.budstikke.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import no.budstikke.config.ConfigException;

/**
 * The TLS-terminating proxies that may connect to the listener when it speaks plain HTTP: addresses
 * and CIDR ranges, IPv4 or IPv6, as literals (a host name would make the check depend on DNS).
 */
public final class TrustedProxies {

    public static final String SETTING = "budstikke.http.trusted-proxies";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** None: every address may connect. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * @param value addresses and CIDR ranges separated by commas; blank for none
     * @throws ConfigException naming the setting and each entry that is no address or range
     */
    public static TrustedProxies parse(String value) {
        List<Range> ranges = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (value != null && !value.isBlank()) {
            for (String raw : value.split(",")) {
                String entry = raw.trim();
                try {
                    ranges.add(range(entry));
                } catch (IllegalArgumentException e) {
                    errors.add("setting '" + SETTING + "': '" + entry + "' " + e.getMessage()
                            + "; expected IP addresses or CIDR ranges such as 10.0.4.7, 10.0.4.0/24 or fd00::/64, separated by commas");
                }
            }
        }
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return new TrustedProxies(ranges);
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("is no IP address (host names are not taken)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no DNS look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("is no IP address");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has no prefix length after '/'");
            }
            if (prefix < 1 || prefix > bits) {
                throw new IllegalArgumentException("has a prefix length outside 1-" + bits + " (0 would trust every address)");
            }
        }
        return new Range(bytes, prefix);
    }

    /** Whether the listener is restricted to these proxies at all. */
    public boolean any() {
        return !ranges.isEmpty();
    }

    /** Whether a connection from {@code peer} (an IP literal) may be served: always when no proxy is listed. */
    public boolean allows(String peer) {
        if (ranges.isEmpty()) return true;
        if (peer == null || !(IPV4.matcher(peer).matches() || IPV6.matcher(peer).matches())) return false;
        byte[] address;
        try {
            address = InetAddress.getByName(peer).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(r -> r.contains(address));
    }
}
