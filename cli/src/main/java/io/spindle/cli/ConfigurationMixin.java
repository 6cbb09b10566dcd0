package io.spindle.cli;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.ConfigurationLoader;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.LoadedConfiguration;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The configuration options every {@code spindle} subcommand shares: {@code -D key=value}
 * (repeatable, overrides {@code config.yaml}) and {@code --conf-dir DIR}. Add it to a command with
 * {@code @Mixin ConfigurationMixin configuration;} and call {@link #load()}.
 *
 * <p>The configuration directory is, in order: {@code --conf-dir}; the {@code SPINDLE_CONF_DIR}
 * environment variable; the {@code conf/} folder of the distribution (found through the
 * {@code spindle.home} system property that {@code bin/spindle} sets, or through the location of
 * Spindle's jar in {@code lib/}); {@code conf/} in the working directory. A directory named by the
 * first two must exist; the others may be missing (then only defaults and {@code -D} apply).
 *
 * <p>Not thread-safe: picocli fills it in for one invocation.
 */
public final class ConfigurationMixin {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationMixin.class);

    @Option(names = "-D", paramLabel = "key=value",
            description = "Set a configuration value, overriding config.yaml. Repeatable.")
    private Map<String, String> dynamicProperties = new LinkedHashMap<>();

    @Option(names = "--conf-dir", paramLabel = "DIR",
            description = "The directory holding config.yaml (default: $SPINDLE_CONF_DIR, else the distribution's conf/).")
    private Path confDir;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private final Function<String, String> environment;

    /** A mixin that reads {@code SPINDLE_CONF_DIR} from the process environment. */
    public ConfigurationMixin() {
        this(System::getenv);
    }

    /** A mixin that reads environment variables through {@code environment}. */
    ConfigurationMixin(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Where the configuration is read from, and whether the user named it (then it must exist). */
    private record ConfDirectory(Path path, boolean explicit) {}

    /** The {@code -D} values given, in command-line order; unmodifiable. */
    public Map<String, String> dynamicProperties() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(dynamicProperties));
    }

    /** The configuration directory that {@link #load()} reads, following the order above. */
    public Path confDir() {
        return resolveConfDir().path();
    }

    /**
     * Loads the effective configuration without printing, logging or validating anything; the
     * caller shows {@link LoadedConfiguration#warnings()} to the user.
     *
     * @throws IllegalConfigurationException if a named configuration directory is missing or
     *     unreadable, or {@code config.yaml} is malformed YAML
     */
    public LoadedConfiguration loadWithWarnings() {
        // The caller prints the warnings; logging them too would show each twice.
        ConfigurationLoader loader = new ConfigurationLoader().withWarningsLogged(false);
        ConfDirectory dir = resolveConfDir();
        if (!dir.explicit() && !Files.isDirectory(dir.path())) {
            LOG.info("No configuration directory at {}: using defaults and -D values only", dir.path());
            return loader.loadDynamicOnly(dynamicProperties);
        }
        return loader.load(dir.path(), dynamicProperties);
    }

    /**
     * Loads and validates the effective configuration, printing each warning (unknown or deprecated
     * keys) as a {@code Warning: ...} line on the command's standard error.
     *
     * @return the valid configuration
     * @throws IllegalConfigurationException if the configuration cannot be read, or a value is
     *     malformed: the first error, with any further ones attached as suppressed exceptions
     */
    public Configuration load() {
        LoadedConfiguration loaded = loadWithWarnings();
        PrintWriter err = mixee.commandLine().getErr();
        loaded.warnings().forEach(warning -> err.println("Warning: " + warning));
        err.flush();
        List<IllegalConfigurationException> errors = new ConfigurationLoader().validate(loaded.configuration());
        if (!errors.isEmpty()) {
            IllegalConfigurationException first = errors.get(0);
            errors.subList(1, errors.size()).forEach(first::addSuppressed);
            throw first;
        }
        return loaded.configuration();
    }

    private ConfDirectory resolveConfDir() {
        if (confDir != null) {
            return new ConfDirectory(confDir, true);
        }
        String fromEnvironment = environment.apply(ConfigurationLoader.CONF_DIR_ENV);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new ConfDirectory(Path.of(fromEnvironment), true);
        }
        return new ConfDirectory(distributionHome().map(home -> home.resolve("conf")).orElse(Path.of("conf")), false);
    }

    /** The distribution folder: {@code spindle.home}, or the parent of the {@code lib/} holding this jar. */
    private static Optional<Path> distributionHome() {
        String home = System.getProperty("spindle.home");
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home));
        }
        try {
            CodeSource source = ConfigurationMixin.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            Path lib = jar.getParent();
            if (Files.isRegularFile(jar) && lib != null && lib.getFileName() != null
                    && lib.getFileName().toString().equals("lib")) {
                return Optional.ofNullable(lib.getParent());
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            LOG.debug("Cannot locate the distribution from the jar", e);
        }
        return Optional.empty();
    }
}
