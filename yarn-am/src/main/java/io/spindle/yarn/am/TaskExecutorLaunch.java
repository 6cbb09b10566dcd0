package io.spindle.yarn.am;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.MemorySize;
import io.spindle.configuration.TaskManagerOptions;
import io.spindle.configuration.YarnOptions;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.ContainerJvm;
import io.spindle.yarn.common.ContainerJvmOptions;
import io.spindle.yarn.common.ContainerLogging;
import io.spindle.yarn.common.LibDirectory;
import io.spindle.yarn.common.security.DelegationTokens;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * The launch context of a TaskExecutor container: the staged jars and configuration (the same
 * files the AM got, with the same visibilities: the staging dir's APPLICATION, lib folders' as
 * {@link LibDirectory} decides; never the keytab folder {@link AmLaunchContract#KEYTAB_DIR}), the
 * cluster-id the AM derived, the TaskExecutor's command line, and as its tokens the application's
 * {@link ClusterSecret} and, on a Kerberized cluster, the file systems' delegation tokens (YARN
 * credentials, never the command line or environment; the AM's own tokens, its AMRM and
 * ResourceManager tokens, are not passed on: {@link DelegationTokens#forContainers}). Built once per
 * AM attempt (the tokens are replaced when the AM obtains fresh ones); the result is reusable for
 * every container.
 */
final class TaskExecutorLaunch {

    private TaskExecutorLaunch() {}

    /**
     * @param config the cluster's configuration: the TaskExecutor's process size
     *     ({@code taskmanager.memory.process.size}) and the classpath on the nodes
     *     ({@code yarn.container.node-classpath}), if set
     * @param amCredentials the AM's credentials: the containers get the secret and the file
     *     systems' delegation tokens of them
     * @throws IOException if the staging dir or a provided lib dir cannot be listed
     */
    static ContainerLaunchContext build(AmEnvironment env, org.apache.hadoop.conf.Configuration hadoopConf,
            String clusterId, Configuration config, Credentials amCredentials) throws IOException {
        MemorySize processSize = config.get(TaskManagerOptions.PROCESS_SIZE);
        Map<String, LocalResource> resources = new LinkedHashMap<>();
        Path staging = new Path(env.stagingDir());
        FileSystem fs = staging.getFileSystem(hadoopConf);
        addTree(fs, staging, resources);
        for (String dir : env.providedLibDirs()) {
            Path lib = new Path(dir);
            for (LibDirectory.Entry entry : LibDirectory.list(lib.getFileSystem(hadoopConf), lib)) {
                resources.put(entry.relativePath(), entry.toLocalResource());
            }
        }
        resources.remove(AmLaunchContract.USER_JAR);
        resources.remove(AmLaunchContract.JOB_PROPERTIES);
        resources.keySet().removeIf(path -> path.startsWith(AmLaunchContract.KEYTAB_DIR + "/"));

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(Environment.JAVA_HOME.name(), env.javaHome());
        ContainerJvmOptions jvmOptions = ContainerJvmOptions.from(config);
        environment.put(Environment.CLASSPATH.name(), ContainerJvm.classpath(
                jvmOptions.sharedClasspath(resources.keySet()),
                config.getOptional(YarnOptions.CONTAINER_NODE_CLASSPATH).orElse(List.of()), hadoopConf));
        List<String> words = new ArrayList<>(jvmOptions.commandPrefix(resources.keySet()));
        words.add(Environment.JAVA_HOME.$$() + "/bin/java");
        words.add("-Xmx" + ContainerJvm.heap(processSize).mebiBytes() + "m");
        words.addAll(ContainerLogging.from(config).jvmOptions());
        words.addAll(jvmOptions.jvmOptions(resources.keySet()));
        words.addAll(List.of(AmLaunchContract.TASK_EXECUTOR_MAIN_CLASS, "--conf-dir", AmLaunchContract.CONF_DIR,
                "-D", HighAvailabilityOptions.CLUSTER_ID.key() + "=" + clusterId));
        words.addAll(ContainerLogging.redirections());
        String command = String.join(" ", words);
        return ContainerLaunchContext.newInstance(resources, environment, List.of(command), null,
                tokens(amCredentials), null);
    }

    /** What a TaskExecutor container's tokens are, of the AM's current {@code amCredentials}. */
    static ByteBuffer tokens(Credentials amCredentials) throws IOException {
        return ClusterSecretCredentials.serialize(DelegationTokens.forContainers(amCredentials));
    }

    private static void addTree(FileSystem fs, Path root, Map<String, LocalResource> resources)
            throws IOException {
        String rootPath = fs.makeQualified(root).toUri().getPath();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
            LocatedFileStatus file = files.next();
            String relative = file.getPath().toUri().getPath().substring(rootPath.length() + 1);
            resources.put(relative, resource(file));
        }
    }

    private static LocalResource resource(FileStatus file) {
        return LocalResource.newInstance(URL.fromPath(file.getPath()), LocalResourceType.FILE,
                LocalResourceVisibility.APPLICATION, file.getLen(), file.getModificationTime());
    }
}
