package io.spindle.testing;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Clusters of one test class: they start before its first test and stop after its last; its
 * {@code @Nested} classes, which see the same static extension, share them (counted, so the
 * outermost class stops them). A start failure leaves the count at zero, so the class's
 * {@code afterAll} does nothing. Driven by the JUnit thread.
 */
final class PerClassClusters extends ClusterLifecycle {

    private final AtomicInteger activeClasses = new AtomicInteger();

    PerClassClusters(ClusterSettings settings) {
        super(settings);
    }

    @Override
    void beforeAll(ExtensionContext context) throws Exception {
        if (activeClasses.getAndIncrement() > 0) {
            return; // a @Nested class of the class that started the clusters
        }
        try {
            start(context.getRequiredTestClass().getSimpleName());
        } catch (Exception | Error e) {
            activeClasses.set(0);
            throw e;
        }
    }

    @Override
    void afterAll(ExtensionContext context) throws Exception {
        if (activeClasses.get() == 0) {
            return; // start failed and cleaned up already
        }
        if (activeClasses.decrementAndGet() > 0) {
            return;
        }
        stop("Test clusters for " + context.getRequiredTestClass().getSimpleName());
    }
}
