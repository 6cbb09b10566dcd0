package io.spindle.bench.chaos;

/**
 * One resource a soak run watches: its value before the first job, after the warm-up jobs (the
 * baseline) and after the last job, and the growth it allows. It "grows without bound" when the
 * end value exceeds the baseline by more than {@code max(slack, baseline * ratio)}.
 *
 * @param name the figure's name
 * @param start before the first job; -1 if not measured
 * @param baseline after the warm-up jobs
 * @param end after the last job
 * @param ratio allowed relative growth over the baseline
 * @param slack allowed absolute growth over the baseline
 */
record SoakFigure(String name, long start, long baseline, long end, double ratio, long slack) {

    /** The largest end value that passes. */
    long limit() {
        return baseline + Math.max(slack, (long) Math.ceil(baseline * ratio));
    }

    /** Whether it was measured both times. */
    boolean measured() {
        return baseline >= 0 && end >= 0;
    }

    /** Whether it grew past {@link #limit()}. */
    boolean grew() {
        return measured() && end > limit();
    }

    /** {@code name start baseline end limit verdict}. */
    String format() {
        return String.format("%-26s %12d %12d %12d %12d  %s", name, start, baseline, end, limit(),
                !measured() ? "not measured" : grew() ? "GREW" : "ok");
    }

    /** The table's header. */
    static String header() {
        return String.format("%-26s %12s %12s %12s %12s  %s", "figure", "start", "after_warmup", "end", "limit", "verdict");
    }
}
