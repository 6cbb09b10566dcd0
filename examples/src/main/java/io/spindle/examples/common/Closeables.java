package io.spindle.examples.common;

import java.io.Closeable;
import java.io.IOException;

/** Closes several resources, all of them even when one fails. Stateless and thread-safe. */
public final class Closeables {

    private Closeables() {}

    /**
     * Closes each non-null resource in order.
     *
     * @throws IOException the first failure, with later ones added as suppressed
     */
    public static void closeAll(Closeable... resources) throws IOException {
        IOException failure = null;
        for (Closeable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (IOException | RuntimeException e) {
                IOException io = e instanceof IOException ioe ? ioe : new IOException(e);
                if (failure == null) {
                    failure = io;
                } else {
                    failure.addSuppressed(io);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
