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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates request headers against the protocol's JSON Schemas, read at start-up from the
 * shared folder bridges/protocol/schemas (the single source of truth for all three servers).
 */
final class SchemaValidator {
    private final Map<String, Schema> byFile = new HashMap<>();
    private final String baseId;
    /**
     * Request headers found valid, per schema file, keyed without their `id`. A run sends the same
     * header (session, n, d, k) again and again with a new id; the generic validator costs about
     * 100 µs a call until the JIT has compiled its deep call tree, which takes thousands of calls,
     * more than most runs make. Used only while the schemas' rule for `id` is the plain
     * "integer ≥ 0" that the lookup checks by hand.
     */
    private final Map<String, Set<JsonNode>> validHeaders = new HashMap<>();
    private final boolean plainIdRule;
    private static final int MAX_REMEMBERED = 64;

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
        JsonNode idRule = json.readTree(contentById.get(common)).path("definitions").path("requestId");
        plainIdRule = "integer".equals(idRule.path("type").asString(""))
                && idRule.path("minimum").isIntegralNumber() && idRule.path("minimum").asLong() == 0
                && idRule.propertyNames().stream().allMatch(k -> k.equals("type") || k.equals("minimum") || k.equals("description"));
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

    /**
     * {@link #problems} for a request header, answered from the headers already found valid when
     * this one differs from one of them only in its id (see {@link #validHeaders}).
     */
    String requestProblems(String file, JsonNode request) {
        JsonNode id = request.get("id");
        ObjectNode key = null;
        if (plainIdRule && request instanceof ObjectNode && id != null && id.isIntegralNumber() && id.canConvertToLong() && id.asLong() >= 0) {
            key = ((ObjectNode) request).deepCopy();
            key.remove("id");
            Set<JsonNode> valid = validHeaders.get(file);
            if (valid != null && valid.contains(key)) return null;
        }
        String problems = problems(file, request);
        if (problems == null && key != null) {
            Set<JsonNode> valid = validHeaders.computeIfAbsent(file, f -> new HashSet<>());
            if (valid.size() >= MAX_REMEMBERED) valid.clear();
            valid.add(key);
        }
        return problems;
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
