package io.spindle.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastersFileTest {

    private static MastersFile parse(String... lines) {
        return MastersFile.parse("conf/masters", List.of(lines));
    }

    @Test
    void readsHostsAndPortsSkippingCommentsAndBlankLines() {
        MastersFile file = parse("# JobManagers", "", "localhost:8081", "  jm-2.example.com:8082  # standby",
                "[::1]:8083", "bare-host");

        assertThat(file.masters()).containsExactly(
                new MasterAddress("localhost", 8081, 3),
                new MasterAddress("jm-2.example.com", 8082, 4),
                new MasterAddress("::1", 8083, 5),
                new MasterAddress("bare-host", 0, 6));
        assertThat(file.masters().get(2).display()).isEqualTo("[::1]:8083");
        assertThat(file.masters().get(3).explicitWebUiPort()).isEmpty();
    }

    @Test
    void rejectsALineWithSpaces() {
        assertThatThrownBy(() -> parse("localhost:8081", "localhost 8082"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("conf/masters, line 2: bad line 'localhost 8082': expected host:webui-port,"
                        + " e.g. localhost:8081");
    }

    @Test
    void rejectsABadPort() {
        assertThatThrownBy(() -> parse("localhost:80x1"))
                .hasMessage("conf/masters, line 1: bad port '80x1' in 'localhost:80x1': expected a number from 1 to 65535");
        assertThatThrownBy(() -> parse("", "localhost:70000")).hasMessageStartingWith("conf/masters, line 2: bad port '70000'");
        assertThatThrownBy(() -> parse("localhost:")).hasMessageStartingWith("conf/masters, line 1: bad port ''");
        assertThatThrownBy(() -> parse("localhost:0")).hasMessageStartingWith("conf/masters, line 1: bad port '0'");
    }

    @Test
    void rejectsABadHost() {
        assertThatThrownBy(() -> parse("bad_host:8081")).hasMessage("conf/masters, line 1: bad host 'bad_host'");
        assertThatThrownBy(() -> parse(":8081")).hasMessage("conf/masters, line 1: bad host ''");
        assertThatThrownBy(() -> parse("[localhost]:8081"))
                .hasMessageStartingWith("conf/masters, line 1: bad host 'localhost': brackets");
    }

    @Test
    void rejectsUnbracketedIpv6() {
        assertThatThrownBy(() -> parse("::1:8081")).hasMessageContaining("line 1: bad line '::1:8081': write IPv6");
    }

    @Test
    void rejectsADuplicate() {
        assertThatThrownBy(() -> parse("localhost:8081", "# other", "LOCALHOST:8081"))
                .isInstanceOfSatisfying(ConfigFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.file()).isEqualTo("conf/masters");
                    assertThat(e.reason()).isEqualTo("duplicate master LOCALHOST:8081 (first on line 1)");
                });
    }

    @Test
    void acceptsTheSameHostWithTwoPorts() {
        assertThat(parse("localhost:8081", "localhost:8082").masters()).hasSize(2);
    }

    @Test
    void rejectsAFileWithoutMasters() {
        assertThatThrownBy(() -> parse("# nothing", ""))
                .hasMessageStartingWith("conf/masters: no JobManager listed");
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("masters");
        assertThatThrownBy(() -> MastersFile.read(missing)).hasMessage(missing + ": file not found");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("masters"), "localhost:8081\nlocalhost:8082\n");
        assertThat(MastersFile.read(file).masters()).extracting(MasterAddress::webUiPort).containsExactly(8081, 8082);
    }
}
