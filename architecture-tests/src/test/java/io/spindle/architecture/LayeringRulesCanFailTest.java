package io.spindle.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.spindle.archfixture.a.First;
import io.spindle.archfixture.b.Second;
import io.spindle.examples.archfixture.ExampleUsingInternals;
import io.spindle.ha.NeutralInterfaceLeakingCurator;
import io.spindle.ha.archfixture.HaReachingOut;
import io.spindle.runtime.archfixture.RuntimeReachingOut;
import io.spindle.yarn.am.archfixture.AmLinkingTheClient;
import io.spindle.yarn.client.archfixture.ClientLinkingTheAm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each layering rule fires on a test-source class that breaks it on purpose, so a rule that
 * matches nothing (a renamed package, a wrong pattern) turns this red instead of passing silently.
 */
class LayeringRulesCanFailTest {

    @Test
    void haImportingTheRuntimeIsCaught() {
        assertViolated(LayeringRules.HA_IS_INDEPENDENT, HaReachingOut.class);
    }

    @Test
    void neutralHaNamingCuratorIsCaught() {
        assertViolated(LayeringRules.HA_INTERFACES_ARE_NEUTRAL, NeutralInterfaceLeakingCurator.class);
    }

    @Test
    void coreImportingTheRuntimeIsCaught() {
        assertViolated(LayeringRules.CORE_IS_AT_THE_BOTTOM, HaReachingOut.class);
    }

    @Test
    void runtimeImportingYarnIsCaught() {
        assertViolated(LayeringRules.RUNTIME_KNOWS_NO_YARN, RuntimeReachingOut.class);
    }

    @Test
    void runtimeImportingCuratorIsCaught() {
        assertViolated(LayeringRules.RUNTIME_USES_NEUTRAL_HA, RuntimeReachingOut.class);
    }

    @Test
    void clientLinkingTheAmIsCaught() {
        assertViolated(LayeringRules.CLIENT_DOES_NOT_LINK_THE_AM, ClientLinkingTheAm.class);
    }

    @Test
    void amUsingTheClientIsCaught() {
        assertViolated(LayeringRules.AM_DOES_NOT_LINK_THE_CLIENT, AmLinkingTheClient.class);
    }

    @Test
    void exampleUsingInternalsIsCaught() {
        assertViolated(LayeringRules.EXAMPLES_SEE_ONLY_THE_JOB_API, ExampleUsingInternals.class);
    }

    @Test
    void productionUsingTestCodeIsCaught() {
        assertViolated(LayeringRules.PRODUCTION_HOLDS_NO_TEST_CODE, RuntimeReachingOut.class);
    }

    @Test
    void packageCycleIsCaught() {
        assertViolated(LayeringRules.NO_PACKAGE_CYCLES, First.class, Second.class);
    }

    private static void assertViolated(ArchRule rule, Class<?>... offenders) {
        JavaClasses classes = new ClassFileImporter().importClasses(offenders);
        assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("was violated");
    }
}
