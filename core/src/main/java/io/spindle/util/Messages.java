package io.spindle.util;

/**
 * Error messages as the one line a user reads (CLIs, REST error bodies, logs of refusals).
 * Stateless and thread-safe.
 */
public final class Messages {

    private static final int MAX_CAUSES = 3;

    private Messages() {}

    /**
     * {@code message} stripped, with every line break and the blanks around it turned into one
     * space; the empty string for {@code null}.
     */
    public static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The messages of {@code e} and its causes (at most three, repeats skipped) as one line joined
     * by {@code ": "}, so that the key, file or host named deep in the chain reaches the user; the
     * exception's simple class name when none has a message.
     */
    public static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder();
        int parts = 0;
        for (Throwable t = e; t != null && parts < MAX_CAUSES; t = t.getCause()) {
            String flat = oneLine(t.getMessage());
            if (!flat.isEmpty() && line.indexOf(flat) < 0) {
                line.append(line.length() == 0 ? "" : ": ").append(flat);
                parts++;
            }
        }
        return line.length() == 0 ? e.getClass().getSimpleName() : line.toString();
    }
}
