package io.spindle.ha.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The format of a job result file of the {@link JobResultStore}: human-readable text, one
 * {@code key=value} a line, closed by a checksum of everything before it.
 * <pre>
 * spindle-job-result v1
 * jobId=...
 * status=SUCCEEDED
 * finishedAt=2026-11-25T10:15:30.123Z
 * diagnostics=...          (backslash, CR and LF escaped as \\, \r, \n)
 * name=...                 (escaped as diagnostics; this and the next five lines are optional:
 * parallelism=4             results written without them read as {@link JobResult.Summary#unknown})
 * submittedAt=2026-11-25T10:01:02.003Z
 * restarts=0
 * restores=1
 * adoptions=1
 * crc32c=0a1b2c3d          (of every byte before this line)
 * </pre>
 *
 * <p>Guarantees: {@link #decode} returns what {@link #encode} was given (diagnostics and names
 * with any characters included); it refuses, as CORRUPT, a file that is truncated, altered (its
 * checksum no longer matches), too large, malformed or of another job. Stateless and thread-safe.
 */
final class JobResultFormat {

    private static final String HEADER = "spindle-job-result v1";
    /** Largest result file read (diagnostics included). */
    static final int MAX_FILE = 16 * 1024 * 1024;

    private JobResultFormat() {}

    /** @return the file's bytes, the CRC32C line last */
    static byte[] encode(JobResult result) {
        StringBuilder text = new StringBuilder(256 + result.diagnostics().length());
        text.append(HEADER).append('\n')
                .append("jobId=").append(result.jobId()).append('\n')
                .append("status=").append(result.status().name()).append('\n')
                .append("finishedAt=").append(result.finishedAt()).append('\n')
                .append("diagnostics=").append(escape(result.diagnostics())).append('\n');
        JobResult.Summary summary = result.summary();
        text.append("name=").append(escape(summary.name())).append('\n')
                .append("parallelism=").append(summary.parallelism()).append('\n')
                .append("submittedAt=").append(summary.submittedAt()).append('\n')
                .append("restarts=").append(summary.restarts()).append('\n')
                .append("restores=").append(summary.restores()).append('\n')
                .append("adoptions=").append(summary.adoptions()).append('\n');
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body, 0, body.length);
        byte[] trailer = ("crc32c=" + StatePointer.hex(crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[body.length + trailer.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(trailer, 0, all, body.length, trailer.length);
        return all;
    }

    /**
     * @param data          the file's bytes, as read with a limit of {@link #MAX_FILE} + 1
     * @param file          the file's name, for the messages
     * @param expectedJobId the job the file must be of, or null for any
     * @throws StateFileException of kind CORRUPT (naming {@code file}) if the file is larger than
     *                            {@link #MAX_FILE}, its checksum does not match, a field is missing
     *                            or malformed, or it holds another job's result
     */
    static JobResult decode(byte[] data, String file, String expectedJobId) throws StateFileException {
        if (data.length > MAX_FILE) {
            throw corrupt(file, "it is larger than " + MAX_FILE + " bytes");
        }
        int crcLine = lastLineStart(data);
        String trailer = new String(data, crcLine, data.length - crcLine, StandardCharsets.US_ASCII).strip();
        if (!trailer.startsWith("crc32c=")) {
            throw corrupt(file, "its last line is not 'crc32c=<hex>' (truncated?)");
        }
        CRC32C crc = new CRC32C();
        crc.update(data, 0, crcLine);
        String actual = StatePointer.hex(crc.getValue());
        String expected = trailer.substring("crc32c=".length());
        if (!actual.equals(expected)) {
            throw corrupt(file, "expected crc32c " + expected + ", actual crc32c " + actual);
        }
        String[] lines = new String(data, 0, crcLine, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length == 0 || !HEADER.equals(lines[0])) {
            throw corrupt(file, "it does not start with '" + HEADER + "'");
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int eq = lines[i].indexOf('=');
            if (eq <= 0) {
                throw corrupt(file, "line " + (i + 1) + " is not 'key=value'");
            }
            fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
        }
        try {
            Instant finishedAt = Instant.parse(required(fields, "finishedAt", file));
            JobResult result = new JobResult(required(fields, "jobId", file),
                    JobResult.Status.valueOf(required(fields, "status", file)),
                    unescape(required(fields, "diagnostics", file)), finishedAt, summary(fields, finishedAt));
            if (expectedJobId != null && !expectedJobId.equals(result.jobId())) {
                throw corrupt(file, "it holds the result of job " + result.jobId() + ", not of job " + expectedJobId);
            }
            return result;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    /** The optional summary lines; absent ones take the values of {@link JobResult.Summary#unknown}. */
    private static JobResult.Summary summary(Map<String, String> fields, Instant finishedAt) {
        String submitted = fields.get("submittedAt");
        return new JobResult.Summary(unescape(fields.getOrDefault("name", "")), count(fields, "parallelism"),
                submitted == null ? finishedAt : Instant.parse(submitted), count(fields, "restarts"),
                count(fields, "restores"), count(fields, "adoptions"));
    }

    private static int count(Map<String, String> fields, String key) {
        int value = Integer.parseInt(fields.getOrDefault(key, "0"));
        if (value < 0) {
            throw new IllegalArgumentException("field '" + key + "' is negative: " + value);
        }
        return value;
    }

    private static String required(Map<String, String> fields, String key, String file) throws StateFileException {
        String value = fields.get(key);
        if (value == null) {
            throw corrupt(file, "field '" + key + "' is missing");
        }
        return value;
    }

    /** Start of the last non-empty line. */
    private static int lastLineStart(byte[] data) {
        int end = data.length;
        while (end > 0 && data[end - 1] == '\n') {
            end--;
        }
        int start = end;
        while (start > 0 && data[start - 1] != '\n') {
            start--;
        }
        return start;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static StateFileException corrupt(String file, String why) {
        return new StateFileException(StateFileException.Kind.CORRUPT, file, "Job result file " + file + " is corrupt: " + why);
    }
}
