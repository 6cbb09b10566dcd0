package io.spindle.ha.storage;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A pointer to a state file in storageDir, as kept in a znode: the file's full path, its length
 * in bytes and its CRC32C checksum.
 *
 * <p>Encoded as one line of ASCII/UTF-8 text that an operator can read with {@code zkCli get}:
 * <pre>v1 length=123 crc32c=0a1b2c3d path=hdfs://nn:8020/spindle/recovery/app_1/jobgraphs/job-3f2a...</pre>
 * The version prefix lets later versions add fields; the path comes last and may contain spaces.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path     the fully qualified file path (as {@code org.apache.hadoop.fs.Path#toString()})
 * @param length   the file length in bytes, {@code >= 0}
 * @param checksum the CRC32C of the whole file, an unsigned 32-bit value
 */
public record StatePointer(String path, long length, long checksum) {

    private static final String VERSION = "v1";
    private static final String LENGTH = "length=";
    private static final String CRC = "crc32c=";
    private static final String PATH = "path=";
    /** Longest encoding accepted; far below ZooKeeper's 1 MB node limit. */
    private static final int MAX_ENCODED = 8192;

    /**
     * @throws IllegalArgumentException if the path is blank or holds a line break, the length is
     *                                  negative or the checksum is not an unsigned 32-bit value
     */
    public StatePointer {
        if (path == null || path.isBlank() || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Invalid state file path: '" + path + "'");
        }
        if (length < 0) {
            throw new IllegalArgumentException("Negative length " + length + " for state file " + path);
        }
        if (checksum < 0 || checksum > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Checksum " + checksum + " of state file " + path + " is not a CRC32C value");
        }
    }

    /** @return the checksum as 8 lower-case hex digits, as written in the encoding and in messages */
    public String checksumHex() {
        return hex(checksum);
    }

    /** @return the znode data for this pointer */
    public byte[] encode() {
        return (VERSION + ' ' + LENGTH + length + ' ' + CRC + checksumHex() + ' ' + PATH + path)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes znode data written by {@link #encode()}.
     *
     * @param data  the znode data (may be null)
     * @param znode the znode the data came from, for the message
     * @return the pointer
     * @throws StateFileException of kind {@link StateFileException.Kind#INVALID_POINTER}, naming
     *                            the znode, if the data is not a valid encoding
     */
    public static StatePointer decode(byte[] data, String znode) throws StateFileException {
        if (data == null || data.length == 0) {
            throw invalid(znode, "it is empty");
        }
        if (data.length > MAX_ENCODED) {
            throw invalid(znode, "it is " + data.length + " bytes long, more than a pointer can be");
        }
        String text = new String(data, StandardCharsets.UTF_8);
        String[] parts = text.split(" ", 4);
        if (parts.length != 4) {
            throw invalid(znode, "expected 'v1 length=<n> crc32c=<hex> path=<path>', found '" + printable(text) + "'");
        }
        if (!VERSION.equals(parts[0])) {
            throw invalid(znode, "unknown pointer version '" + printable(parts[0]) + "' (this build reads " + VERSION + ")");
        }
        if (!parts[1].startsWith(LENGTH) || !parts[2].startsWith(CRC) || !parts[3].startsWith(PATH)) {
            throw invalid(znode, "expected 'v1 length=<n> crc32c=<hex> path=<path>', found '" + printable(text) + "'");
        }
        String lengthText = parts[1].substring(LENGTH.length());
        String crcText = parts[2].substring(CRC.length());
        String path = parts[3].substring(PATH.length());
        long length;
        try {
            length = Long.parseLong(lengthText);
        } catch (NumberFormatException e) {
            throw invalid(znode, "length '" + printable(lengthText) + "' is not a number");
        }
        if (crcText.length() != 8 || !isLowerHex(crcText)) {
            throw invalid(znode, "crc32c '" + printable(crcText) + "' is not 8 hex digits");
        }
        long checksum = HexFormat.fromHexDigitsToLong(crcText);
        try {
            return new StatePointer(path, length, checksum);
        } catch (IllegalArgumentException e) {
            throw invalid(znode, e.getMessage());
        }
    }

    /**
     * @param crc an unsigned 32-bit checksum
     * @return it as 8 lower-case hex digits
     */
    static String hex(long crc) {
        return String.format("%08x", crc);
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        StringBuilder b = new StringBuilder(shown.length());
        shown.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static StateFileException invalid(String znode, String why) {
        return new StateFileException(StateFileException.Kind.INVALID_POINTER, znode,
                "Invalid state pointer in znode " + znode + ": " + why);
    }
}
