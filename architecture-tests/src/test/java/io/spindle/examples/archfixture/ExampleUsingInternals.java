package io.spindle.examples.archfixture;

import io.spindle.configuration.Configuration;

/** Breaks the rule that examples see only the job API. Never shipped. */
public final class ExampleUsingInternals {
    Configuration configuration;
}
