package io.spindle.cli;

/**
 * One piece of data that an ended application left behind, with its size: its staging directory,
 * its cluster znode, or its folder in storageDir. Immutable.
 *
 * @param kind     what it is
 * @param location the fully qualified folder, or the znode path below the ZooKeeper root
 * @param entries  files (folders) or znodes (ZooKeeper) in it, itself included for znodes
 * @param bytes    bytes of file content or znode data
 */
record Leftover(Kind kind, String location, long entries, long bytes) {

    /** What a leftover is; the label is how {@code spindle ha gc} prints it. */
    enum Kind {
        STAGING_DIR("staging dir", "files"),
        ZNODE("znode", "znodes"),
        STORAGE_DIR("storageDir", "files");

        private final String label;
        private final String unit;

        Kind(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }

        String label() {
            return label;
        }
    }

    /** {@code staging dir hdfs://.../application_1_0001 (3 files, 12345 bytes)}. */
    String describe() {
        return kind.label + " " + location + " (" + entries + " " + kind.unit + ", " + bytes + " bytes)";
    }
}
