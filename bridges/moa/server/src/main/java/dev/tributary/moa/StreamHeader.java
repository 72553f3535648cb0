package dev.tributary.moa;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * The MOA header of a Tributary stream schema: features in order (nominal ones declared with
 * their values), then the class attribute, nominal over the schema's labels. Also converts
 * rows of the wire format (float64 features, int32 class index) into MOA instances.
 */
final class StreamHeader {
    final InstancesHeader header;
    final int numFeatures;
    final int numClasses;
    /** Number of values of each nominal feature; -1 for numeric ones. */
    final int[] nominalSizes;
    /** Indices of the nominal features, the only ones whose values need checking. */
    private final int[] nominalFeatures;
    final List<String> featureNames;
    final List<String> featureKinds;
    final List<List<String>> featureValues;
    final List<String> classes;

    private StreamHeader(JsonNode schema) {
        JsonNode features = schema.get("features");
        numFeatures = features.size();
        nominalSizes = new int[numFeatures];
        featureNames = new ArrayList<>(numFeatures);
        featureKinds = new ArrayList<>(numFeatures);
        featureValues = new ArrayList<>(numFeatures);
        List<Attribute> attributes = new ArrayList<>(numFeatures + 1);
        for (int j = 0; j < numFeatures; j++) {
            JsonNode feature = features.get(j);
            String name = feature.get("name").asString();
            String kind = feature.get("kind").asString();
            List<String> values = strings(feature.get("values"));
            featureNames.add(name);
            featureKinds.add(kind);
            featureValues.add(values);
            if ("nominal".equals(kind)) {
                attributes.add(new Attribute(name, values));
                nominalSizes[j] = values.size();
            } else {
                attributes.add(new Attribute(name));
                nominalSizes[j] = -1;
            }
        }
        nominalFeatures = IntStream.range(0, numFeatures).filter(j -> nominalSizes[j] >= 0).toArray();
        classes = strings(schema.get("classes"));
        numClasses = classes.size();
        attributes.add(new Attribute(schema.get("target").asString(), classes));
        Instances data = new Instances("tributary", attributes, 0);
        data.setClassIndex(numFeatures);
        header = new InstancesHeader(data);
    }

    /** Builds the header of a schema (validated against common.json#/definitions/streamSchema). */
    static StreamHeader of(JsonNode schema) {
        return new StreamHeader(schema);
    }

    /**
     * Checks that `grown` only appends to this schema (classes, nominal values), as the
     * protocol promises; anything else would silently re-map indices the learner has seen.
     */
    void requireGrowthTo(StreamHeader grown) {
        if (grown.numFeatures != numFeatures) {
            throw new BridgeException("INVALID_DATA", "update_schema: the stream had " + numFeatures + " features, the new schema has " + grown.numFeatures + " (only classes and nominal values may be added)");
        }
        for (int j = 0; j < numFeatures; j++) {
            if (!featureKinds.get(j).equals(grown.featureKinds.get(j)) || !featureNames.get(j).equals(grown.featureNames.get(j))) {
                throw new BridgeException("INVALID_DATA", "update_schema: feature " + j + " changed from " + featureNames.get(j) + " (" + featureKinds.get(j) + ") to " + grown.featureNames.get(j) + " (" + grown.featureKinds.get(j) + ")");
            }
            requirePrefix("values of feature " + featureNames.get(j), featureValues.get(j), grown.featureValues.get(j));
        }
        requirePrefix("classes", classes, grown.classes);
    }

    private static void requirePrefix(String what, List<String> before, List<String> after) {
        if (after.size() < before.size() || !after.subList(0, before.size()).equals(before)) {
            throw new BridgeException("INVALID_DATA", "update_schema: " + what + " must only grow at the end, was " + before + ", now " + after);
        }
    }

    /**
     * Checks row `row` of a batch before anything is learned from the batch: nominal features
     * must be declared value indices (or NaN, missing) and the label a declared class (or
     * negative, missing).
     */
    void checkRow(DoubleBuffer x, int row, int d, int label) {
        for (int j : nominalFeatures) {
            double v = x.get(row * d + j);
            int size = nominalSizes[j];
            if (!Double.isNaN(v) && (v < 0 || v >= size || v != Math.rint(v))) {
                throw new BridgeException("INVALID_DATA", "row " + row + ": nominal feature " + featureNames.get(j) + " has value index " + v + ", but only " + size + " values are declared (send update_schema first)");
            }
        }
        if (label >= numClasses) {
            throw new BridgeException("INVALID_DATA", "row " + row + ": class index " + label + " but only " + numClasses + " classes are declared " + classes + " (send update_schema first)");
        }
    }

    /**
     * Converts row `row` of a batch (already passed {@link #checkRow}) into a MOA instance
     * attached to this header: one array for MOA's values, filled straight from the frame.
     * NaN features stay NaN, which is MOA's missing value; a negative label means the class is missing.
     */
    Instance instance(DoubleBuffer x, int row, int d, int label, double weight) {
        double[] values = new double[d + 1];
        x.get(row * d, values, 0, d);
        values[d] = label < 0 ? Double.NaN : label;
        Instance instance = new DenseInstance(weight, values);
        instance.setDataset(header);
        return instance;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) for (int i = 0; i < array.size(); i++) out.add(array.get(i).asString());
        return out;
    }
}
