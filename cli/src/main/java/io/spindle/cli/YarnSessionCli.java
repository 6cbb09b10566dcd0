package io.spindle.cli;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.ConfigurationLoader;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.configuration.MemorySize;
import io.spindle.configuration.TaskManagerOptions;
import io.spindle.configuration.ValueOrigin;
import io.spindle.configuration.YarnOptions;
import io.spindle.util.Messages;
import io.spindle.yarn.client.ApplicationReadiness;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.HadoopConfigurationLocator;
import io.spindle.yarn.client.YarnClusterDeployer;
import io.spindle.yarn.client.YarnPropertiesFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The front end of {@code bin/yarn-session.sh}: starts a Spindle session on YARN, or attaches to a
 * running one ({@code -id}).
 *
 * <p>Detached ({@code -d}) it returns once the session is ready. Attached it keeps watching: typing
 * {@code stop} (or {@code quit}) on standard input, or Ctrl-C, stops the session; it also returns
 * when the application ends on its own. A started or attached session is recorded in the {@link
 * YarnPropertiesFile}, which is removed when the session is stopped from here.
 *
 * <p>Exit codes and errors as every Spindle command line ({@link ExitCodes}, {@link CliErrorHandler}):
 * 0 success; 1 bad arguments or configuration; 3 a failure of YARN, the file system or the cluster.
 * Errors are one {@code Error: ...} line on standard error.
 *
 * <p>Not thread-safe; one instance serves one invocation.
 */
@Command(name = "yarn-session.sh", sortOptions = false,
        description = "Starts a Spindle session on YARN, or attaches to a running one.",
        footer = {"", "Attached, type 'stop' and Enter (or press Ctrl-C) to stop the session."})
public final class YarnSessionCli implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(YarnSessionCli.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    @Option(names = {"-d", "--detached"}, description = "Return once the session is ready; leave it running.")
    boolean detached;

    @Option(names = {"-id", "--applicationId"}, paramLabel = "ID",
            description = "Attach to the running session with this YARN application id.")
    String applicationId;

    @Option(names = {"-nm", "--name"}, paramLabel = "NAME", description = "The YARN application name (yarn.application.name).")
    String name;

    @Option(names = {"-qu", "--queue"}, paramLabel = "QUEUE", description = "The YARN queue (yarn.application.queue).")
    String queue;

    @Option(names = {"-jm", "--jobManagerMemory"}, paramLabel = "SIZE",
            description = "Memory of the JobManager container, e.g. 1024m (jobmanager.memory.process.size); a bare number is MB.")
    String jobManagerMemory;

    @Option(names = {"-tm", "--taskManagerMemory"}, paramLabel = "SIZE",
            description = "Memory of each TaskExecutor container, e.g. 1728m (taskmanager.memory.process.size); a bare number is MB.")
    String taskManagerMemory;

    @Option(names = {"-s", "--slots"}, paramLabel = "N", description = "Slots per TaskExecutor (taskmanager.numberOfTaskSlots).")
    Integer slots;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    ConfigurationMixin configuration;

    private final Function<String, String> environment;
    private final InputStream stdin;
    private final UnaryOperator<YarnClusterDeployer.Builder> deployerSettings;
    private CommandLine commandLine;

    /** The command as {@code bin/yarn-session.sh} runs it: process environment and standard input. */
    public YarnSessionCli() {
        this(System::getenv, System.in, UnaryOperator.identity());
    }

    /**
     * For tests: the environment (for {@code HADOOP_CONF_DIR}), standard input, and changes to the
     * deployer's settings (e.g. a classpath override).
     */
    YarnSessionCli(Function<String, String> environment, InputStream stdin,
            UnaryOperator<YarnClusterDeployer.Builder> deployerSettings) {
        this.environment = environment;
        this.stdin = stdin;
        this.deployerSettings = deployerSettings;
    }

    /** The command line of {@code cli} with the error handling described in the class comment. */
    static CommandLine commandLine(YarnSessionCli cli) {
        CommandLine cmd = new CommandLine(cli);
        cli.commandLine = cmd;
        cmd.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("Error: " + Messages.oneLine(e.getMessage()) + " (see yarn-session.sh -h)");
            err.flush();
            return ExitCodes.USAGE_OR_CONFIG;
        });
        cmd.setExecutionExceptionHandler(new CliErrorHandler());
        return cmd;
    }

    /** Runs {@code bin/yarn-session.sh} and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(new YarnSessionCli()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = commandLine.getOut();
        Map<String, String> overrides = overrides();
        Configuration config = configuration.load();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            config = config.withRaw(e.getKey(), e.getValue(), ValueOrigin.DYNAMIC);
        }
        List<IllegalConfigurationException> errors = new ConfigurationLoader().validate(config);
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        Map<String, String> dynamic = new LinkedHashMap<>(configuration.dynamicProperties());
        dynamic.putAll(overrides);
        Optional<ApplicationId> attachTo = Optional.ofNullable(applicationId).map(YarnSessionCli::parseApplicationId);

        HadoopConfigurationLocator.Located hadoop = new HadoopConfigurationLocator(environment).locate();
        LOG.info("Hadoop configuration from {}", hadoop.source());
        YarnClusterDeployer.Builder builder = YarnClusterDeployer.builder(hadoop.configuration())
                .log4jConfig(configuration.confDir().resolve("log4j2.xml"))
                .clientConfiguration(config)
                .console(line -> {
                    out.println(line);
                    out.flush();
                });
        libDir().ifPresent(builder::libDir);
        YarnPropertiesFile propertiesFile = YarnPropertiesFile.forConfiguration(config);
        try (YarnClusterDeployer deployer = deployerSettings.apply(builder).build()) {
            ClusterHandle handle;
            if (attachTo.isPresent()) {
                handle = deployer.attach(attachTo.get());
                out.println("Attached to " + handle.applicationId() + "; web interface: " + handle.restUrl());
            } else {
                handle = deployer.deploySession(config);
            }
            propertiesFile.write(handle.applicationId(), dynamic);
            out.println("Session recorded in " + propertiesFile.path());
            out.flush();
            if (detached) {
                out.println("Detached: the session keeps running.");
                out.flush();
                return ExitCodes.OK;
            }
            return watch(deployer, handle.applicationId(), propertiesFile, out);
        }
    }

    /** The -nm/-qu/-jm/-tm/-s values as configuration entries. */
    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        if (name != null) {
            o.put(YarnOptions.APPLICATION_NAME.key(), name);
        }
        if (queue != null) {
            o.put(YarnOptions.APPLICATION_QUEUE.key(), queue);
        }
        if (jobManagerMemory != null) {
            o.put(JobManagerOptions.PROCESS_SIZE.key(), memory("-jm", jobManagerMemory));
        }
        if (taskManagerMemory != null) {
            o.put(TaskManagerOptions.PROCESS_SIZE.key(), memory("-tm", taskManagerMemory));
        }
        if (slots != null) {
            if (slots < 1) {
                throw new IllegalConfigurationException("Invalid value '" + slots + "' for -s: expected at least 1");
            }
            o.put(TaskManagerOptions.NUMBER_OF_TASK_SLOTS.key(), Integer.toString(slots));
        }
        return o;
    }

    private static String memory(String option, String value) {
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
            v = v + "m";
        }
        try {
            MemorySize.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalConfigurationException("Invalid value '" + value + "' for " + option
                    + ": expected a memory size such as 1024m or 2g", e);
        }
        return v;
    }

    private static ApplicationId parseApplicationId(String id) {
        try {
            return ApplicationId.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalConfigurationException("Invalid application id '" + id
                    + "' for -id: expected e.g. application_1700000000000_0001", e);
        }
    }

    /** {@code SPINDLE_LIB_DIR}, else {@code <spindle.home>/lib}. */
    private Optional<Path> libDir() {
        String lib = environment.apply("SPINDLE_LIB_DIR");
        if (lib != null && !lib.isBlank()) {
            return Optional.of(Path.of(lib));
        }
        String home = System.getProperty("spindle.home");
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home, "lib"));
        }
        return Optional.empty();
    }

    /**
     * Attached mode: waits for {@code stop} on stdin, Ctrl-C, or the end of the application.
     */
    private int watch(YarnClusterDeployer deployer, ApplicationId appId, YarnPropertiesFile propertiesFile,
            PrintWriter out) throws Exception {
        out.println("Type 'stop' and Enter (or press Ctrl-C) to stop the session " + appId + ".");
        out.flush();
        AtomicBoolean stopped = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    deployer.stop(appId);
                    propertiesFile.deleteIfFor(appId);
                } catch (Exception e) {
                    System.err.println("Error: could not stop " + appId + ": " + Messages.oneLine(e));
                }
            }
        }, "yarn-session-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        CompletableFuture<Void> stopRequested = readStopCommand();
        try {
            while (true) {
                ApplicationReport report = deployer.report(appId);
                if (ApplicationReadiness.TERMINAL_STATES.contains(report.getYarnApplicationState())) {
                    stopped.set(true);
                    propertiesFile.deleteIfFor(appId);
                    String end = "Application " + appId + " ended: " + report.getYarnApplicationState() + " ("
                            + report.getFinalApplicationStatus() + ")";
                    if (report.getYarnApplicationState() == YarnApplicationState.FINISHED
                            && report.getFinalApplicationStatus() == FinalApplicationStatus.SUCCEEDED) {
                        out.println(end);
                        out.flush();
                        return ExitCodes.OK;
                    }
                    throw new ClusterDeploymentException(end + ": " + ApplicationReadiness.diagnostics(report));
                }
                try {
                    stopRequested.get(WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    continue;
                } catch (ExecutionException e) {
                    continue; // cannot happen: the reader never completes exceptionally
                }
                if (stopped.compareAndSet(false, true)) {
                    deployer.stop(appId);
                    propertiesFile.deleteIfFor(appId);
                    return ExitCodes.OK;
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                LOG.debug("JVM shutting down; the hook stays", e);
            }
        }
    }

    /** Completes when a line {@code stop} or {@code quit} is read; never on end of input. */
    private CompletableFuture<Void> readStopCommand() {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        PrintWriter err = commandLine.getErr();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stdin, Charset.defaultCharset()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String command = line.strip().toLowerCase(Locale.ROOT);
                    if (command.equals("stop") || command.equals("quit")) {
                        stop.complete(null);
                        return;
                    }
                    if (!command.isEmpty()) {
                        err.println("Unknown command '" + line.strip() + "': type 'stop' to stop the session");
                        err.flush();
                    }
                }
            } catch (IOException e) {
                LOG.debug("Standard input closed", e);
            }
        }, "yarn-session-stdin");
        reader.setDaemon(true);
        reader.start();
        return stop;
    }
}
