package io.spindle.archfixture.a;

import io.spindle.archfixture.b.Second;

/** One half of a package cycle. Never shipped. */
public final class First {
    Second second;
}
