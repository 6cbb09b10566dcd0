package io.spindle.architecture;

import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of Spindle's modules as ArchUnit rules over their production classes.
 *
 * <p>Each rule names one property of {@code docs/architecture.md}; {@link LayeringTest} checks
 * them all on the compiled modules, and {@link LayeringRulesCanFailTest} shows that each fires
 * on a class that breaks it. Immutable and thread-safe.
 */
final class LayeringRules {

    private static final String[] YARN = {"io.spindle.yarn..", "org.apache.hadoop.yarn.."};
    private static final String[] ZOOKEEPER = {"io.spindle.ha.zookeeper..", "org.apache.curator..", "org.apache.zookeeper.."};
    private static final String[] TEST_ONLY = {"io.spindle.testing..", "io.spindle.bench..", "io.spindle.minicluster..",
            "org.junit..", "org.assertj..", "org.awaitility..", "org.apache.curator.test..",
            "org.apache.hadoop.hdfs.MiniDFSCluster..", "org.apache.hadoop.yarn.server.MiniYARNCluster.."};

    /** High availability knows nothing of the runtime or of YARN. */
    static final ArchRule HA_IS_INDEPENDENT = noClasses().that().resideInAPackage("io.spindle.ha..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(YARN, "io.spindle.runtime..", "io.spindle.cli.."))
            .because("HA is a library the runtime uses, not the other way round");

    /** The neutral HA interfaces do not name their ZooKeeper implementation. */
    static final ArchRule HA_INTERFACES_ARE_NEUTRAL = noClasses().that().resideInAPackage("io.spindle.ha")
            .should().dependOnClassesThat().resideInAnyPackage(ZOOKEEPER)
            .because("io.spindle.ha holds the backend-neutral interfaces; ha.zookeeper implements them");

    /** The core module (job API, configuration, HA, standalone files) depends on no other module. */
    static final ArchRule CORE_IS_AT_THE_BOTTOM = noClasses()
            .that().resideInAnyPackage("io.spindle.api..", "io.spindle.configuration..", "io.spindle.ha..",
                    "io.spindle.standalone..", "io.spindle.util..")
            .should().dependOnClassesThat().resideInAnyPackage("io.spindle.runtime..", "io.spindle.yarn..",
                    "io.spindle.cli..", "io.spindle.bench..", "io.spindle.localcluster..", "io.spindle.examples..")
            .because("core is the bottom layer");

    /** The runtime runs anywhere: standalone as well as on YARN. */
    static final ArchRule RUNTIME_KNOWS_NO_YARN = noClasses().that().resideInAPackage("io.spindle.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage(YARN)
            .because("the runtime runs standalone too; YARN lives in yarn-am");

    /** Only the runtime's process wiring picks the ZooKeeper implementation of HA. */
    static final ArchRule RUNTIME_USES_NEUTRAL_HA = noClasses().that().resideInAPackage("io.spindle.runtime..")
            .and().resideOutsideOfPackage("io.spindle.runtime.entrypoint..")
            .should().dependOnClassesThat().resideInAnyPackage(ZOOKEEPER)
            .because("the JobManager and TaskExecutor see HA only through io.spindle.ha's interfaces");

    /** The submission client never links the ApplicationMaster. */
    static final ArchRule CLIENT_DOES_NOT_LINK_THE_AM = noClasses().that().resideInAnyPackage("io.spindle.yarn.client..", "io.spindle.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.spindle.yarn.am..")
            .because("client and AM share only the launch contract (io.spindle.yarn.common)");

    /** The ApplicationMaster does not use the client side. */
    static final ArchRule AM_DOES_NOT_LINK_THE_CLIENT = noClasses().that().resideInAPackage("io.spindle.yarn.am..")
            .should().dependOnClassesThat().resideInAnyPackage("io.spindle.yarn.client..", "io.spindle.cli..")
            .because("client and AM share only the launch contract (io.spindle.yarn.common)");

    /** Example jobs are user code: they see the job API and nothing else of Spindle. */
    static final ArchRule EXAMPLES_SEE_ONLY_THE_JOB_API = classes().that().resideInAPackage("io.spindle.examples..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.spindle..")
                    .or(resideInAnyPackage("io.spindle.api..", "io.spindle.examples..")))
            .because("examples are built like user jars");

    /** The libraries and daemons hold no benchmark, test or mini-cluster code. */
    static final ArchRule PRODUCTION_HOLDS_NO_TEST_CODE = noClasses()
            .that().resideInAnyPackage("io.spindle..")
            .and(not(resideInAnyPackage("io.spindle.testing..", "io.spindle.bench..", "io.spindle.minicluster..",
                    "io.spindle.localcluster..")))
            .should().dependOnClassesThat().resideInAnyPackage(TEST_ONLY)
            .because("benchmarks live in bench, test helpers in test-support, mini clusters in mini-cluster");

    /** No two packages depend on each other, directly or through others. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.spindle.(**)").should().beFreeOfCycles()
            .because("a package cycle hides a layer");

    /** Every rule, in the order of docs/architecture.md. */
    static final List<ArchRule> ALL = List.of(HA_IS_INDEPENDENT, HA_INTERFACES_ARE_NEUTRAL, CORE_IS_AT_THE_BOTTOM,
            RUNTIME_KNOWS_NO_YARN, RUNTIME_USES_NEUTRAL_HA, CLIENT_DOES_NOT_LINK_THE_AM, AM_DOES_NOT_LINK_THE_CLIENT,
            EXAMPLES_SEE_ONLY_THE_JOB_API, PRODUCTION_HOLDS_NO_TEST_CODE, NO_PACKAGE_CYCLES);

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private LayeringRules() {}
}
