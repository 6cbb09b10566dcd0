package io.spindle.yarn.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Hadoop configuration the usual way: the site files ({@code core-site.xml},
 * {@code hdfs-site.xml}, {@code yarn-site.xml}) of the directory named by {@code HADOOP_CONF_DIR},
 * else of {@code YARN_CONF_DIR}, else whatever site files are on the classpath (Hadoop's own
 * default loading). A named directory that does not exist is skipped with a warning.
 *
 * <p>Immutable and thread-safe. Never throws for a missing configuration: the result then holds
 * Hadoop's defaults (and says so in {@link Located#source()}).
 */
public final class HadoopConfigurationLocator {

    /** The environment variable that names the Hadoop configuration directory; looked at first. */
    public static final String HADOOP_CONF_DIR = "HADOOP_CONF_DIR";

    /** The environment variable that names the YARN configuration directory; looked at second. */
    public static final String YARN_CONF_DIR = "YARN_CONF_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(HadoopConfigurationLocator.class);
    private static final List<String> SITE_FILES = List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml");

    private final Function<String, String> environment;

    /** A locator that reads the process environment. */
    public HadoopConfigurationLocator() {
        this(System::getenv);
    }

    /** A locator that reads environment variables through {@code environment} (for tests). */
    public HadoopConfigurationLocator(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * The located configuration.
     *
     * @param configuration a new configuration, the caller's to change
     * @param directory the directory whose site files were added; empty when only the classpath was used
     * @param source for the user, e.g. {@code HADOOP_CONF_DIR=/etc/hadoop/conf} or {@code the classpath}
     */
    public record Located(YarnConfiguration configuration, Optional<Path> directory, String source) {
        /** Checks for nulls. */
        public Located {
            Objects.requireNonNull(configuration, "configuration");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(source, "source");
        }
    }

    /** Locates the configuration; see the class description for the order. */
    public Located locate() {
        for (String variable : List.of(HADOOP_CONF_DIR, YARN_CONF_DIR)) {
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                continue;
            }
            Path dir = Path.of(value.strip());
            if (!Files.isDirectory(dir)) {
                LOG.warn("{}={} is not a directory; ignoring it", variable, value);
                continue;
            }
            YarnConfiguration conf = new YarnConfiguration();
            List<String> added = new ArrayList<>();
            for (String name : SITE_FILES) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
                    added.add(name);
                }
            }
            String source = variable + "=" + dir;
            LOG.info("Using the Hadoop configuration of {} ({})", source, added.isEmpty() ? "no site files" : added);
            return new Located(conf, Optional.of(dir), source);
        }
        LOG.info("Neither {} nor {} is set: using the Hadoop configuration on the classpath", HADOOP_CONF_DIR,
                YARN_CONF_DIR);
        return new Located(new YarnConfiguration(), Optional.empty(), "the classpath");
    }
}
