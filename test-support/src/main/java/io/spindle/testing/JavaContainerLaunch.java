package io.spindle.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;

/**
 * Builds a {@link ContainerLaunchContext} that runs a Java {@code main} class in a YARN container
 * with the test JVM's own Java and classpath: {@code $JAVA_HOME/bin/java [jvm options] -cp
 * <classpath> <main class> [args] 1><log dir>/stdout 2><log dir>/stderr}.
 *
 * <p>{@code JAVA_HOME} is put into the container environment explicitly (the test JVM's
 * {@code java.home}), because the test JVM itself may run without one. The classpath is the test
 * JVM's (surefire's {@code surefire.test.class.path} if set, else {@code java.class.path}),
 * optionally preceded by a Hadoop configuration directory (see {@link #hadoopConfDir(Path)}), so
 * the container finds {@code yarn-site.xml} and {@code core-site.xml} of the mini clusters.
 *
 * <p>Thread safety: a builder is not thread-safe; the built context is a new object per call.
 */
public final class JavaContainerLaunch {

    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path hadoopConfDir;

    private JavaContainerLaunch(String mainClass) {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    /** A launch of {@code mainClass}'s {@code main}, by default with {@code -Xmx96m}. */
    public static JavaContainerLaunch of(Class<?> mainClass) {
        return of(mainClass.getName());
    }

    /** A launch of the named class's {@code main}, by default with {@code -Xmx96m}. */
    public static JavaContainerLaunch of(String mainClass) {
        return new JavaContainerLaunch(mainClass);
    }

    /** Adds JVM options (e.g. {@code -Xmx128m}); when none contains {@code -Xmx}, {@code -Xmx96m} is added. */
    public JavaContainerLaunch jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** Adds program arguments, passed to {@code main} verbatim (quoted for the container's shells). */
    public JavaContainerLaunch args(String... arguments) {
        args.addAll(List.of(arguments));
        return this;
    }

    /** Adds program arguments, passed to {@code main} verbatim (quoted for the container's shells). */
    public JavaContainerLaunch args(List<String> arguments) {
        args.addAll(arguments);
        return this;
    }

    /** Sets one environment variable of the container. */
    public JavaContainerLaunch env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Puts {@code dir} first on the classpath and sets {@code HADOOP_CONF_DIR} to it. */
    public JavaContainerLaunch hadoopConfDir(Path dir) {
        this.hadoopConfDir = dir.toAbsolutePath();
        return this;
    }

    /** The shell command line the container will run. */
    public String command() {
        List<String> parts = new ArrayList<>();
        parts.add(ApplicationConstants.Environment.JAVA_HOME.$$() + "/bin/java");
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            parts.add("-Xmx96m");
        }
        jvmOptions.forEach(o -> parts.add(quote(o)));
        parts.add("-cp");
        parts.add(quote(classpath()));
        parts.add(mainClass);
        args.forEach(a -> parts.add(quote(a)));
        parts.add("1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stdout");
        parts.add("2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr");
        return String.join(" ", parts);
    }

    /** The environment the container gets: {@code JAVA_HOME}, {@code HADOOP_CONF_DIR} if set, and {@link #env}. */
    public Map<String, String> environment() {
        Map<String, String> result = new LinkedHashMap<>();
        result.put(ApplicationConstants.Environment.JAVA_HOME.name(), System.getProperty("java.home"));
        if (hadoopConfDir != null) {
            result.put("HADOOP_CONF_DIR", hadoopConfDir.toString());
        }
        result.putAll(env);
        return result;
    }

    /** A new launch context with {@link #command()} and {@link #environment()}, no local resources. */
    public ContainerLaunchContext build() {
        return ContainerLaunchContext.newInstance(
                Map.of(), environment(), List.of(command()), null, null, null);
    }

    /** The classpath the container's JVM gets. */
    public String classpath() {
        String cp = testClasspath();
        return hadoopConfDir == null ? cp : hadoopConfDir + File.pathSeparator + cp;
    }

    /** The test JVM's classpath as surefire or the launcher set it. */
    public static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    /**
     * Quotes one word for the container: YARN writes the command into its launch script as
     * {@code exec /bin/bash -c "<command>"}, so the word is single-quoted for the inner shell and
     * then escaped for the outer double quotes.
     */
    private static String quote(String s) {
        String singleQuoted = "'" + s.replace("'", "'\\''") + "'";
        StringBuilder out = new StringBuilder(singleQuoted.length() + 8);
        for (char c : singleQuoted.toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
