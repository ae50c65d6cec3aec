package io.staleguard.internal.identity;

import java.util.ArrayList;
import java.util.List;

import io.staleguard.internal.config.ConfigReader;
import io.staleguard.internal.ops.Log;
import io.staleguard.spi.ConfigException;

/**
 * One IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}; a bare address is a single host).
 * Only literals are accepted, so parsing never does a DNS lookup.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixBits;

    private Cidr(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /** @throws ConfigException if an item is not an address literal with an optional prefix length in range */
    public static List<Cidr> parseAll(ConfigReader.Value value) {
        List<Cidr> networks = new ArrayList<>();
        for (String item : ConfigReader.split(value.raw())) {
            int slash = item.indexOf('/');
            String address = slash < 0 ? item : item.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw value.invalid("'" + Log.printable(item, 80) + "' is not an IPv4 or IPv6 address with an optional "
                        + "/prefix (host names are not accepted)", "127.0.0.1/32, 10.0.0.0/8, ::1/128");
            }
            int bits = bytes.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(item.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    throw value.invalid("the prefix of '" + Log.printable(item, 80) + "' must be between 0 and "
                            + bytes.length * 8, "127.0.0.1/32, 10.0.0.0/8, ::1/128");
                }
            }
            networks.add(new Cidr(bytes, bits));
        }
        return List.copyOf(networks);
    }

    /** @return whether {@code address} (an IP literal, as {@code getRemoteAddr()} gives it) is inside this network */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    /**
     * Parses an IP literal by hand: {@code InetAddress.getByName} parses only what it recognises as a literal and
     * sends anything else (such as {@code zz:1} or {@code 999.1.1.1}) to the name resolver, and this runs on every
     * request with a {@code getRemoteAddr()} value that a proxy or connector may have filled.
     *
     * @return the address bytes of an IP literal (dotted-quad IPv4, or IPv6 with {@code ::}, an embedded IPv4 tail and
     *         an optional {@code %zone}, optionally in brackets; IPv4-mapped IPv6 becomes IPv4), or null for anything
     *         else
     */
    public static byte[] literal(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String host = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (host.indexOf(':') < 0) {
            return ipv4(host);
        }
        byte[] v6 = ipv6(host);
        return v6 == null ? null : unmapped(v6);
    }

    /** @return four bytes for {@code a.b.c.d}, each 1 to 3 decimal digits up to 255, else null */
    private static byte[] ipv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    /** @return sixteen bytes for an RFC 4291 text address (zone id dropped), else null */
    private static byte[] ipv6(String s) {
        int percent = s.indexOf('%');
        String address = percent < 0 ? s : s.substring(0, percent);
        if (percent >= 0 && !isZone(s.substring(percent + 1))) {
            return null;
        }
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] out = new byte[16];
        if (gap < 0) {
            return groups(address, out, 0, 16, true) == 16 ? out : null;
        }
        byte[] tail = new byte[16];
        int head = address.substring(0, gap).isEmpty() ? 0 : groups(address.substring(0, gap), out, 0, 14, false);
        String rest = address.substring(gap + 2);
        int tailBytes = rest.isEmpty() ? 0 : groups(rest, tail, 0, 14, true);
        if (head < 0 || tailBytes < 0 || head + tailBytes > 14) {
            return null;
        }
        System.arraycopy(tail, 0, out, 16 - tailBytes, tailBytes);
        return out;
    }

    /**
     * Reads colon-separated groups of 1 to 4 hex digits into {@code out} from {@code at}; with {@code ipv4Tail}, the
     * last group may be a dotted-quad IPv4 address.
     *
     * @return the bytes written, or -1 if the text is not that or needs more than {@code max} bytes
     */
    private static int groups(String text, byte[] out, int at, int max, boolean ipv4Tail) {
        int written = 0;
        String[] parts = text.split(":", -1);
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (ipv4Tail && p == parts.length - 1 && part.indexOf('.') >= 0) {
                byte[] v4 = ipv4(part);
                if (v4 == null || written + 4 > max) {
                    return -1;
                }
                System.arraycopy(v4, 0, out, at + written, 4);
                return written + 4;
            }
            if (part.isEmpty() || part.length() > 4 || written + 2 > max) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < part.length(); i++) {
                int digit = Character.digit(part.charAt(i), 16);
                if (digit < 0) {
                    return -1;
                }
                value = value * 16 + digit;
            }
            out[at + written++] = (byte) (value >> 8);
            out[at + written++] = (byte) value;
        }
        return written;
    }

    /** A scope id as containers print it: an interface name or number. */
    private static boolean isZone(String zone) {
        if (zone.isEmpty() || zone.length() > 64) {
            return false;
        }
        for (int i = 0; i < zone.length(); i++) {
            char c = zone.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '_' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code ::ffff:a.b.c.d} is the IPv4 address {@code a.b.c.d}, as {@code InetAddress} has always treated it. */
    private static byte[] unmapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return v6;
        }
        byte[] v4 = new byte[4];
        System.arraycopy(v6, 12, v4, 0, 4);
        return v4;
    }
}
