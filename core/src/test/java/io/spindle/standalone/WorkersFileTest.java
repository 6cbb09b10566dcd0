package io.spindle.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkersFileTest {

    private static WorkersFile parse(String... lines) {
        return WorkersFile.parse("conf/workers", List.of(lines));
    }

    @Test
    void readsHostsKeepingDuplicates() {
        assertThat(parse("# workers", "localhost", "", "worker-1.example.com # rack 1", "10.0.0.7", "localhost",
                "[fe80::1]").hosts())
                .containsExactly("localhost", "worker-1.example.com", "10.0.0.7", "localhost", "fe80::1");
    }

    @Test
    void rejectsTwoHostsOnALine() {
        assertThatThrownBy(() -> parse("localhost", "a b"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("conf/workers, line 2: bad host 'a b': expected one host name or address per line,"
                        + " e.g. localhost");
    }

    @Test
    void rejectsBadHostNames() {
        assertThatThrownBy(() -> parse("under_score")).hasMessageStartingWith("conf/workers, line 1: bad host 'under_score'");
        assertThatThrownBy(() -> parse("-dash")).hasMessageStartingWith("conf/workers, line 1: bad host '-dash'");
        assertThatThrownBy(() -> parse("ok", "host:8081")).hasMessageStartingWith("conf/workers, line 2: bad host 'host:8081'");
        assertThatThrownBy(() -> parse("a..b")).hasMessageStartingWith("conf/workers, line 1: bad host 'a..b'");
    }

    @Test
    void rejectsAFileWithoutHosts() {
        assertThatThrownBy(() -> parse("# none")).hasMessageStartingWith("conf/workers: no worker listed");
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("workers");
        assertThatThrownBy(() -> WorkersFile.read(missing)).hasMessage(missing + ": file not found");
    }
}
