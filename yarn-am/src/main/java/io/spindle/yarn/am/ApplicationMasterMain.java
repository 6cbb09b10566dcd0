package io.spindle.yarn.am;

import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.yarn.common.AmLaunchContract;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApplicationMaster's process entry point. Exits 0 after a final unregistration
 * ({@link AttemptOutcome.Finished}, and {@link AttemptOutcome.Fatal} for a configuration or
 * environment error no further attempt would fix); an attempt that gives up
 * ({@link AttemptOutcome.RetryAttempt}), an environment not set by Spindle's client or any other
 * failure exits non-zero without unregistering, so YARN starts the next attempt (if any are left).
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
            AttemptOutcome outcome = new ApplicationMaster(env, workDir.resolve(AmLaunchContract.CONF_DIR), workDir).run();
            if (outcome instanceof AttemptOutcome.RetryAttempt retry) {
                LOG.error("This attempt gives up (YARN starts the next one if any are left): {}", retry.reason());
            } else if (outcome instanceof AttemptOutcome.Fatal fatal) {
                System.err.println("Error: " + fatal.diagnostic());
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
}
