package io.spindle.ha.archfixture;

import io.spindle.runtime.archfixture.RuntimeReachingOut;

/** Breaks the rule that HA knows nothing of the runtime. Never shipped. */
public final class HaReachingOut {
    RuntimeReachingOut runtime;
}
