package io.spindle.bench.chaos;

/**
 * One kind of fault a chaos run injects. {@link #inject} does the harm and returns at once (a
 * pause returns once the process was resumed); what the cluster did about it is observed
 * afterwards by the run.
 *
 * <p>Implementations are stateless; the victim is chosen with the target's seeded random.
 */
interface Fault {

    /** Short name for the table, such as {@code am-kill}. */
    String name();

    /** Whether this fault can be injected into {@code target} (a ZooKeeper fault needs the ensemble). */
    boolean applicable(ChaosTarget target);

    /**
     * Injects the fault.
     *
     * @return what was hit, for the table (for example {@code pid 4711 (container_..._000002)})
     * @throws Exception if it could not be injected (no victim, a signal failed)
     */
    String inject(ChaosTarget target) throws Exception;
}
