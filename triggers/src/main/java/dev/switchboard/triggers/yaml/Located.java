package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.ResourceId;
import org.yaml.snakeyaml.nodes.Node;

/** A parsed resource and where it was declared (its {@code metadata.name}), for duplicate reports. */
record Located<T>(T resource, String kind, ResourceId id, FileDiagnostics report, Node nameNode) {

    String place() {
        return report.file() + ":" + (nameNode.getStartMark().getLine() + 1) + ":"
                + (nameNode.getStartMark().getColumn() + 1);
    }
}
