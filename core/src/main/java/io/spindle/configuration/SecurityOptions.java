package io.spindle.configuration;

import java.util.List;

/**
 * Options of authentication towards ZooKeeper (SASL) and of Kerberos login contexts. Constants
 * only; not instantiable.
 */
public final class SecurityOptions {

    /** Kerberos service name of the ZooKeeper servers. */
    public static final ConfigOption<String> ZOOKEEPER_SASL_SERVICE_NAME = ConfigOption.key("zookeeper.sasl.service-name")
            .stringType()
            .defaultValue("zookeeper")
            .description("The service name of the ZooKeeper servers' Kerberos principal (the part before"
                    + " the '/'), used when authenticating to ZooKeeper through SASL.");

    /** JAAS login context used for ZooKeeper. */
    public static final ConfigOption<String> ZOOKEEPER_SASL_LOGIN_CONTEXT_NAME =
            ConfigOption.key("zookeeper.sasl.login-context-name")
                    .stringType()
                    .defaultValue("Client")
                    .description("The JAAS login context the ZooKeeper client authenticates with. It must be"
                            + " one of the contexts listed in security.kerberos.login.contexts.");

    /** Turns SASL off for ZooKeeper. */
    public static final ConfigOption<Boolean> ZOOKEEPER_SASL_DISABLE = ConfigOption.key("zookeeper.sasl.disable")
            .booleanType()
            .defaultValue(false)
            .description("Set to 'true' to connect to ZooKeeper without SASL authentication, e.g. when"
                    + " the JVM has a JAAS configuration for other services but the quorum is open.");

    /** JAAS contexts that receive the Kerberos credentials. */
    public static final ConfigOption<List<String>> KERBEROS_LOGIN_CONTEXTS = ConfigOption.key("security.kerberos.login.contexts")
            .stringListType()
            .description("The JAAS login contexts that are given the Kerberos credentials, comma-separated"
                    + " (e.g. 'Client,KafkaClient'). Include the ZooKeeper context ('Client' by default) to"
                    + " authenticate to a Kerberos-secured ZooKeeper.");

    private SecurityOptions() {}
}
