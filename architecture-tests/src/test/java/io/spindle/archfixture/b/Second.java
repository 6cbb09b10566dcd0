package io.spindle.archfixture.b;

import io.spindle.archfixture.a.First;

/** The other half of a package cycle. Never shipped. */
public final class Second {
    First first;
}
