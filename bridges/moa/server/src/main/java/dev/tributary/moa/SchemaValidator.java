package dev.tributary.moa;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Validates request headers against the protocol's JSON Schemas, read at start-up from the
 * shared folder bridges/protocol/schemas (the single source of truth for all three servers).
 */
final class SchemaValidator {
    private final Map<String, Schema> byFile = new HashMap<>();
    private final String baseId;

    SchemaValidator(Path schemaDir, ObjectMapper json) throws IOException {
        Map<String, String> contentById = new HashMap<>();
        Map<String, String> idByFile = new HashMap<>();
        try (Stream<Path> files = Files.list(schemaDir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).collect(Collectors.toList())) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                JsonNode id = json.readTree(text).get("$id");
                if (id == null) throw new IOException("schema " + file + " has no $id");
                contentById.put(id.asString(), text);
                idByFile.put(file.getFileName().toString(), id.asString());
            }
        }
        String common = idByFile.get("common.json");
        if (common == null) throw new IOException("no common.json in " + schemaDir + " (expected the bridge protocol schemas)");
        this.baseId = common.substring(0, common.length() - "common.json".length());
        // Every $ref is resolved from memory: the $id URLs are names, never fetched.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(contentById));
        for (Map.Entry<String, String> entry : idByFile.entrySet()) {
            byFile.put(entry.getKey(), registry.getSchema(SchemaLocation.of(entry.getValue())));
        }
    }

    /** Whether a schema file of that name exists, e.g. `prequential.request.json`. */
    boolean has(String file) {
        return byFile.containsKey(file);
    }

    /** Null when `value` satisfies the schema in `file`, else a one-line explanation. */
    String problems(String file, JsonNode value) {
        Schema schema = byFile.get(file);
        if (schema == null) return "no schema named " + file + " under " + baseId;
        List<Error> errors = schema.validate(value);
        if (errors.isEmpty()) return null;
        return errors.stream().map(Error::toString).collect(Collectors.joining("; "));
    }
}
