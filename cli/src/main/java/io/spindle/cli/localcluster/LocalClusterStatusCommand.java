package io.spindle.cli.localcluster;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spindle local-cluster status}: exit 0 if a cluster runs in DIR and is ready, 1 if not. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Tell whether a local cluster runs (exit 0 if it runs and is ready, 1 if not).")
public final class LocalClusterStatusCommand implements Callable<Integer> {

    @Mixin
    ClusterDirOption dir;

    @Override
    public Integer call() throws Exception {
        return LocalClusterJvms.fromEnvironment().control("status", dir.resolve(System.getenv()), List.of());
    }
}
