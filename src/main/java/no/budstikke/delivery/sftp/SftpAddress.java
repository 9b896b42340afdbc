package no.budstikke.delivery.sftp;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An office's SFTP address from the directory: {@code sftp://[user@]host[:port]/path}. The path
 * names a folder below the login folder (camel-ftp has no absolute SFTP paths; on the usual
 * chrooted server the login folder is the root). Only plain names are accepted, so no part of an
 * address can change the endpoint's options or leave the folder it names.
 *
 * @param user      empty when the address names none
 * @param directory the folder, without a leading slash: {@code politi/vest/inbound}
 */
public record SftpAddress(String host, int port, Optional<String> user, String directory) {

    public static final int DEFAULT_PORT = 22;

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,63}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    public static SftpAddress parse(String address) {
        if (address == null || address.isBlank()) throw invalid("is empty");
        if (!address.regionMatches(true, 0, "sftp://", 0, 7)) {
            throw invalid("is not an sftp:// address");
        }
        String rest = address.substring(7);
        if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) throw invalid("must not have a query or fragment");
        int slash = rest.indexOf('/');
        if (slash < 0) throw invalid("names no folder");
        String authority = rest.substring(0, slash);
        String path = rest.substring(slash);

        Optional<String> user = Optional.empty();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            // Key authentication only: a password has no place in the directory.
            if (userInfo.indexOf(':') >= 0) throw invalid("must not carry a password");
            if (!isUserName(userInfo)) throw invalid("has an unusable user name");
            user = Optional.of(userInfo);
            authority = authority.substring(at + 1);
        }
        if (authority.startsWith("[")) throw invalid("uses an IPv6 literal; use a host name");
        String host = authority;
        int port = DEFAULT_PORT;
        int colon = authority.indexOf(':');
        if (colon >= 0) {
            host = authority.substring(0, colon);
            port = port(authority.substring(colon + 1));
        }
        if (!HOST.matcher(host).matches()) throw invalid("has an unusable host name");
        return new SftpAddress(host.toLowerCase(Locale.ROOT), port, user, directory(path));
    }

    static boolean isUserName(String name) {
        return name != null && USER.matcher(name).matches();
    }

    /** The user to log in as: the address's own, else the hub's. */
    public String userOr(String fallback) {
        return user.orElse(fallback);
    }

    private static int port(String text) {
        if (!PORT.matcher(text).matches()) throw invalid("has an unusable port");
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) throw invalid("has a port outside 1-65535");
        return port;
    }

    private static String directory(String path) {
        String folder = path.substring(1);
        if (folder.endsWith("/")) folder = folder.substring(0, folder.length() - 1);
        if (folder.isEmpty()) throw invalid("names no folder");
        for (String segment : folder.split("/", -1)) {
            // A segment cannot start with a dot, so "." and ".." never pass.
            if (!SEGMENT.matcher(segment).matches()) throw invalid("has an unusable folder name");
        }
        return folder;
    }

    private static SftpTargetException invalid(String reason) {
        // The address itself is left out: an office address is configuration, but reasons travel into logs.
        return new SftpTargetException("the SFTP address " + reason);
    }
}
