package io.spindle.yarn.am;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.ConfigurationLoader;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.LoadedConfiguration;
import io.spindle.yarn.common.AmLaunchContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApplicationMaster's process entry point. Exits 0 after a final unregistration
 * ({@link AttemptOutcome.Finished}); an attempt that gives up ({@link AttemptOutcome.RetryAttempt}),
 * a configuration error or any other failure exits non-zero without unregistering, so YARN starts
 * the next attempt (if any are left).
 */
public final class ApplicationMasterMain {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationMasterMain.class);

    private ApplicationMasterMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        int exit;
        try {
            Path workDir = Path.of("").toAbsolutePath();
            AmEnvironment env = AmEnvironment.from(System.getenv());
            AttemptOutcome outcome =
                    new ApplicationMaster(env, loadConfiguration(workDir.resolve(AmLaunchContract.CONF_DIR)), workDir).run();
            if (outcome instanceof AttemptOutcome.RetryAttempt retry) {
                LOG.error("This attempt gives up (YARN starts the next one if any are left): {}", retry.reason());
            }
            exit = outcome.exitCode();
        } catch (IllegalConfigurationException | IllegalStateException e) {
            LOG.error("The ApplicationMaster cannot start: {}", e.getMessage());
            System.err.println("Error: " + e.getMessage());
            exit = 1;
        } catch (Throwable t) {
            LOG.error("The ApplicationMaster failed", t);
            exit = 2;
        }
        System.exit(exit);
    }

    private static Configuration loadConfiguration(Path confDir) {
        ConfigurationLoader loader = new ConfigurationLoader();
        LoadedConfiguration loaded = loader.load(confDir, Map.of());
        List<IllegalConfigurationException> errors = loader.validate(loaded.configuration());
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return loaded.configuration();
    }
}
