package io.spindle.ha.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;

class CreatorAclProviderTest {

    private final CreatorAclProvider provider = new CreatorAclProvider("spindle/cluster-1");

    @Test
    void theWayToTheLeaderIsWorldReadable() {
        assertThat(provider.worldReadable("/spindle")).isTrue();
        assertThat(provider.worldReadable("/spindle/cluster-1")).isTrue();
        assertThat(provider.worldReadable("/spindle/cluster-1/leader")).isTrue();
        assertThat(provider.worldReadable("/spindle/cluster-1/leader/jobmanager")).isTrue();
        // Curator passes the paths of transaction operations without the namespace.
        assertThat(provider.worldReadable("/leader/jobmanager")).isTrue();
        assertThat(provider.getAclForPath("/spindle/cluster-1/leader/jobmanager"))
                .containsExactlyInAnyOrder(ZooDefs.Ids.CREATOR_ALL_ACL.get(0), ZooDefs.Ids.READ_ACL_UNSAFE.get(0));
    }

    @Test
    void everythingElseIsTheCreatorsOnly() {
        assertThat(provider.worldReadable("/spindle/cluster-1/jobgraphs")).isFalse();
        assertThat(provider.worldReadable("/spindle/cluster-1/latch")).isFalse();
        assertThat(provider.worldReadable("/spindle/cluster-1/checkpoints/job/leader")).isFalse();
        assertThat(provider.worldReadable("/spindle/cluster-10")).isFalse();
        assertThat(provider.worldReadable("/spindle/cluster-10/leader")).isFalse();
        assertThat(provider.worldReadable("/spin")).isFalse();
        assertThat(provider.worldReadable("/jobgraphs/job")).isFalse();
        assertThat(provider.worldReadable("/leaders")).isFalse();
        assertThat(provider.getAclForPath("/spindle/cluster-1/jobgraphs/job")).isEqualTo(ZooDefs.Ids.CREATOR_ALL_ACL);
        assertThat(provider.getDefaultAcl()).isEqualTo(ZooDefs.Ids.CREATOR_ALL_ACL);
    }
}
