package io.spindle.runtime.rest;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh {@link ServerUnderTest} for each test of the classes that extend this one: a new
 * {@link FakeJobManagerGateway}, the server on it (uploads in {@code <tmp>/uploads}), a small user
 * jar, all in the test's own temporary directory; the server is closed after the test. A subclass's
 * own {@code @BeforeEach} runs after the server started.
 */
abstract class RestServerFixture {

    @TempDir
    Path tmp;

    final FakeJobManagerGateway gateway = new FakeJobManagerGateway();
    ServerUnderTest server;
    /** A 1000-byte user jar, {@code <tmp>/job.jar}. */
    Path jar;

    @BeforeEach
    void startServer() throws Exception {
        server = new ServerUnderTest(gateway, tmp.resolve("uploads"));
        jar = TestJars.jar(tmp, "job.jar", 1000);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
