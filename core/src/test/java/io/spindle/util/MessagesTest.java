package io.spindle.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void joinsLinesOfAMessage() {
        assertThat(Messages.oneLine("  first\n   second\r\nthird  ")).isEqualTo("first second third");
        assertThat(Messages.oneLine((String) null)).isEmpty();
    }

    @Test
    void joinsTheCauseChainSkippingRepeatsAndBlanks() {
        Exception e = new IllegalStateException("cannot start",
                new RuntimeException((String) null, new IOException("no such host\nzk1")));
        assertThat(Messages.oneLine(e)).isEqualTo("cannot start: no such host zk1");

        Exception repeated = new RuntimeException("x: boom", new IOException("boom"));
        assertThat(Messages.oneLine(repeated)).isEqualTo("x: boom");
    }

    @Test
    void namesTheClassWhenNothingHasAMessage() {
        assertThat(Messages.oneLine(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void keepsAtMostThreeCauses() {
        Exception e = new RuntimeException("a", new RuntimeException("b", new RuntimeException("c", new RuntimeException("d"))));
        assertThat(Messages.oneLine(e)).isEqualTo("a: b: c");
    }
}
