package io.spindle.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks {@link LayeringRules} on the production classes of every module (their jars or target/classes). */
class LayeringTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.spindle");
    }

    @Test
    void everyModuleIsImported() {
        // A rule over no classes passes vacuously: make sure each layer is really there.
        for (String pkg : new String[] {"io.spindle.api", "io.spindle.ha.zookeeper", "io.spindle.runtime.jobmanager",
                "io.spindle.yarn.common", "io.spindle.yarn.am", "io.spindle.yarn.client", "io.spindle.cli",
                "io.spindle.bench.ha", "io.spindle.minicluster", "io.spindle.examples.counting", "io.spindle.localcluster"}) {
            assertThat(production.containPackage(pkg)).as("classes of %s imported", pkg).isTrue();
        }
    }

    static final java.util.List<ArchRule> RULES = LayeringRules.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("RULES")
    void ruleHolds(ArchRule rule) {
        rule.check(production);
    }
}
