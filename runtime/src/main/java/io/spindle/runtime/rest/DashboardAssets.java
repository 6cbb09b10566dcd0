package io.spindle.runtime.rest;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's files (plain HTML, JavaScript and CSS in the runtime jar, under
 * {@code io/spindle/runtime/dashboard/}): {@code GET /} answers the page, {@code GET /dashboard/<file>}
 * its scripts and styles. Only the files named here are served. Every URL in them is relative, so
 * the page works directly and through the ResourceManager's web proxy ({@code /proxy/<appId>/}).
 * Thread-safe; the files are read once.
 */
final class DashboardAssets {

    private static final String ROOT = "/io/spindle/runtime/dashboard/";

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> files;

    DashboardAssets() {
        this.files = Map.of(
                "index.html", read("index.html"),
                "dashboard.js", read("dashboard.js"),
                "dashboard.css", read("dashboard.css"));
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard file " + ROOT + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /}. */
    void page(Context ctx) {
        serve(ctx, "index.html");
    }

    /** {@code GET /dashboard/{file}}. */
    void file(Context ctx) {
        serve(ctx, ctx.pathParam("file"));
    }

    private void serve(Context ctx, String name) {
        byte[] body = files.get(name);
        if (body == null) {
            throw new NotFoundResponse("no dashboard file " + name);
        }
        ctx.header("Cache-Control", "no-cache").contentType(TYPES.get(name)).result(body);
    }
}
