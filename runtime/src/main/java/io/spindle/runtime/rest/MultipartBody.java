package io.spindle.runtime.rest;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body of text fields and one file, streamed from disk.
 * Not thread-safe; build one per request (each {@link #publisher()} call re-opens the file, so a
 * request can be re-sent).
 */
final class MultipartBody {

    private final String boundary = "spindle-" + UUID.randomUUID().toString().replace("-", "");
    private final StringBuilder fields = new StringBuilder();
    private String fileField;
    private Path file;

    /** Adds a text field. */
    MultipartBody field(String name, String value) {
        fields.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quote(name)).append("\"\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append(value).append("\r\n");
        return this;
    }

    /** Sets the file part (sent after the fields). */
    MultipartBody file(String name, Path path) {
        this.fileField = name;
        this.file = path;
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * @return a publisher of the whole body
     * @throws FileNotFoundException if the file cannot be opened
     */
    BodyPublisher publisher() throws FileNotFoundException {
        List<BodyPublisher> parts = new ArrayList<>();
        parts.add(BodyPublishers.ofByteArray(fields.toString().getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            String head = "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + quote(fileField) + "\"; filename=\""
                    + quote(String.valueOf(file.getFileName())) + "\"\r\n"
                    + "Content-Type: application/java-archive\r\n\r\n";
            parts.add(BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)));
            parts.add(BodyPublishers.ofFile(file));
            parts.add(BodyPublishers.ofByteArray("\r\n".getBytes(StandardCharsets.UTF_8)));
        }
        parts.add(BodyPublishers.ofByteArray(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        return HttpRequest.BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
