package io.spindle.bench.command;

import io.spindle.bench.ha.HaBench;
import io.spindle.bench.ha.HaBenchSettings;
import io.spindle.cli.ConfigurationMixin;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;


/**
 * {@code spindle ha bench}: measures leader takeover, pointer store and checkpoint id counter
 * against a real ZooKeeper and storageDir and prints one line per figure,
 * {@code <name> <median> <unit> (min <x>, max <y>, n <k>)}, after {@code #} header lines.
 *
 * <p>Without {@code --quorum} it runs its own ZooKeeper server (fsync on) and without
 * {@code --storage-dir} a temporary local folder; everything it creates is removed at the end.
 * The configuration ({@code --conf-dir}, {@code -D}) supplies the root znode and, for a given
 * quorum, the ZooKeeper client's SASL and ACL settings. The work is done by {@link HaBench}.
 *
 * <p>Not thread-safe; picocli fills in one instance per invocation.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure leader takeover, pointer store and checkpoint id counter on a real ZooKeeper and storageDir.",
                "Starts its own ZooKeeper (fsync on) and uses a temporary local storageDir unless --quorum / --storage-dir"
                        + " are given; removes everything it created at the end. Takes about 2 minutes with the defaults."})
public final class HaBenchCommand implements Callable<Integer> {

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Repetitions of every figure (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--quorum", paramLabel = "HOST:PORT,...",
            description = "Measure against this ZooKeeper quorum instead of an embedded server.")
    String quorum;

    @Option(names = "--storage-dir", paramLabel = "URI",
            description = "Measure against this storageDir (any Hadoop file system URI) instead of a temporary local folder.")
    URI storageDir;

    @Option(names = "--session-timeout", paramLabel = "DURATION", defaultValue = "6 s", converter = DurationConverter.class,
            description = "ZooKeeper session timeout of every participant (default: ${DEFAULT-VALUE}); the takeover"
                    + " without preemption waits for it.")
    Duration sessionTimeout;

    @Option(names = "--preemption-interval", paramLabel = "DURATION", defaultValue = "200 ms", converter = DurationConverter.class,
            description = "How often a waiting contender looks for finished participants (default: ${DEFAULT-VALUE}).")
    Duration preemptionInterval;

    @Option(names = "--puts", paramLabel = "N", defaultValue = "10000", description = "Puts per run of the put figures (default: ${DEFAULT-VALUE}).")
    int puts;

    @Option(names = "--pointers", paramLabel = "N", defaultValue = "1000",
            description = "Entries per run of the recover and remove figures (default: ${DEFAULT-VALUE}).")
    int pointers;

    @Option(names = "--counter-ops", paramLabel = "N", defaultValue = "5000",
            description = "Checkpoint ids per run of the counter figure (default: ${DEFAULT-VALUE}).")
    int counterOps;

    @Option(names = "--counter-block-size", paramLabel = "N", defaultValue = "64",
            description = "Ids the checkpoint id counter reserves per ZooKeeper write (default: ${DEFAULT-VALUE}).")
    int counterBlockSize;

    @Option(names = "--writer-threads", paramLabel = "N", defaultValue = "4",
            description = "Threads of the concurrent put figure (default: ${DEFAULT-VALUE}).")
    int writerThreads;

    @Option(names = "--put-window", paramLabel = "N", defaultValue = "64",
            description = "Puts in flight in the async put figure (default: ${DEFAULT-VALUE}).")
    int putWindow;

    @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "1024",
            description = "Size of each state file (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--file-sync", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Force each state file to disk before its pointer is written (default: on; --no-file-sync: off).")
    boolean fileSync;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Configuration conf = configuration.load();
        HaBenchSettings settings;
        try {
            settings = HaBenchSettings.builder()
                    .runs(runs)
                    .quorum(quorum)
                    .storageDir(storageDir)
                    .zooKeeperRoot(rootZnode(conf.get(HighAvailabilityOptions.ZOOKEEPER_ROOT)))
                    .sessionTimeout(sessionTimeout)
                    .preemptionInterval(preemptionInterval)
                    .puts(puts)
                    .pointers(pointers)
                    .counterOps(counterOps)
                    .counterBlockSize(counterBlockSize)
                    .writerThreads(writerThreads)
                    .putWindow(putWindow)
                    .payloadBytes(payloadBytes)
                    .fileSync(fileSync)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        new HaBench(settings, conf, spec.commandLine().getOut()).run();
        return 0;
    }

    private static String rootZnode(String configured) {
        String trimmed = configured.strip().replaceAll("/+", "/").replaceAll("/$", "");
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}
