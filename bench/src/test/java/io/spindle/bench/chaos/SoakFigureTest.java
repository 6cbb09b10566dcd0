package io.spindle.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoakFigureTest {

    @Test
    void growsOnlyPastTheLargerOfSlackAndRatioOverTheWarmUpValue() {
        assertThat(new SoakFigure("threads", 40, 100, 110, 0.1, 5).grew()).isFalse();
        assertThat(new SoakFigure("threads", 40, 100, 111, 0.1, 5).grew()).isTrue();
        assertThat(new SoakFigure("znodes", 3, 20, 25, 0.1, 5).grew()).isFalse();
        assertThat(new SoakFigure("znodes", 3, 20, 26, 0.1, 5).grew()).isTrue();
    }

    @Test
    void aFigureNotMeasuredNeverFails() {
        SoakFigure figure = new SoakFigure("taskexecutor_fds", -1, -1, 500, 0.1, 20);
        assertThat(figure.grew()).isFalse();
        assertThat(figure.format()).endsWith("not measured");
    }
}
