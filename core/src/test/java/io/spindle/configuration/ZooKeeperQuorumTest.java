package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ZooKeeperQuorumTest {

    @Test
    void hostsPortsDefaultPortIpv6AndChroot() {
        ZooKeeperQuorum quorum = ZooKeeperQuorum.parse(" zk1:2181, zk2 ,[::1]:2182/spindle");
        assertThat(quorum.servers()).containsExactly(new ZooKeeperQuorum.Server("zk1", 2181),
                new ZooKeeperQuorum.Server("zk2", 2181), new ZooKeeperQuorum.Server("::1", 2182));
        assertThat(quorum.connectString()).isEqualTo("zk1:2181,zk2:2181,[::1]:2182");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zk1:notaport|entry 'zk1:notaport' (port 'notaport' is not a number)",
        "zk1:2181,,zk2:2181|an empty entry",
        "zk1:0|entry 'zk1:0' (port 0 is not between 1 and 65535)",
        "zk1:70000|entry 'zk1:70000' (port 70000 is not between 1 and 65535)",
        ":2181|entry ':2181' (no host name)",
        "::1:2181|entry '::1:2181' (write an IPv6 address as [address]:port)",
        "[::1:2181|entry '[::1:2181' (an IPv6 address needs a closing ']')",
    })
    void malformedEntriesNameTheKeyAndTheEntry(String value, String what) {
        assertThatThrownBy(() -> ZooKeeperQuorum.parse(value))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("Invalid value '" + value + "' for key 'high-availability.zookeeper.quorum': " + what
                        + "; expected host:port[,host:port...]");
    }

    @Test
    void requirementsNameEachMissingOrMalformedKeyOnlyWhenHaIsOn() {
        assertThat(HighAvailabilityRequirements.violations(Configuration.empty())).isEmpty();
        Configuration ha = Configuration.fromMap(Map.of("high-availability.type", "zookeeper"));
        assertThat(HighAvailabilityRequirements.violations(ha)).extracting(Throwable::getMessage).containsExactly(
                "High availability is on (high-availability.type: zookeeper) but 'high-availability.zookeeper.quorum'"
                        + " is not set: set it in config.yaml or with -D high-availability.zookeeper.quorum=<value>",
                "High availability is on (high-availability.type: zookeeper) but 'high-availability.storageDir'"
                        + " is not set: set it in config.yaml or with -D high-availability.storageDir=<value>");
        Configuration bad = ha.withRaw("high-availability.zookeeper.quorum", "zk1:x")
                .withRaw("high-availability.storageDir", "hdfs:///ha");
        assertThat(HighAvailabilityRequirements.violations(bad)).singleElement().extracting(Throwable::getMessage)
                .asString().contains("'zk1:x'", "high-availability.zookeeper.quorum");
        assertThat(HighAvailabilityRequirements.violations(bad.withRaw("high-availability.zookeeper.quorum",
                "zk1:2181"))).isEmpty();
    }
}
