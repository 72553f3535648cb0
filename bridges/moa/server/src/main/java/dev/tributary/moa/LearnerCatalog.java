package dev.tributary.moa;

import com.github.javacliparser.FlagOption;
import com.github.javacliparser.FloatOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.MultiChoiceOption;
import com.github.javacliparser.Option;
import java.io.File;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import moa.classifiers.Classifier;
import moa.classifiers.MultiClassClassifier;
import moa.options.AbstractClassOption;
import moa.options.OptionHandler;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The classifiers MOA offers for single-label classification (those it lists in its GUI's
 * classification tab), each with its options as MOA reports them.
 */
final class LearnerCatalog {
    /** Packages of moa.classifiers scanned for learners (with their sub-packages). */
    private static final String[] PACKAGES = {"trees", "bayes", "lazy", "functions", "meta", "drift", "rules", "active"};

    private LearnerCatalog() {
    }

    /** Names relative to moa.classifiers of every concrete multi-class classifier in the MOA jar. */
    static List<String> learnerNames() throws Exception {
        URL location = Classifier.class.getProtectionDomain().getCodeSource().getLocation();
        TreeSet<String> names = new TreeSet<>();
        try (JarFile jar = new JarFile(new File(location.toURI()))) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (!entry.startsWith("moa/classifiers/") || !entry.endsWith(".class") || entry.contains("$")) continue;
                String relative = entry.substring("moa/classifiers/".length(), entry.length() - ".class".length()).replace('/', '.');
                String top = relative.contains(".") ? relative.substring(0, relative.indexOf('.')) : "";
                for (String p : PACKAGES) {
                    if (p.equals(top)) {
                        names.add(relative);
                        break;
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> type = Class.forName("moa.classifiers." + name, false, LearnerCatalog.class.getClassLoader());
                if (Classifier.class.isAssignableFrom(type) && MultiClassClassifier.class.isAssignableFrom(type)
                        && !type.isInterface() && !Modifier.isAbstract(type.getModifiers()) && Modifier.isPublic(type.getModifiers())) {
                    out.add(name);
                }
            } catch (Throwable skipped) {
                // A class whose dependencies are absent (e.g. deep-learning ones) is not offered.
            }
        }
        return out;
    }

    /** The `learners` array of the list_learners reply. */
    static ArrayNode describeAll(JsonNodeFactory nodes) throws Exception {
        ArrayNode learners = nodes.arrayNode();
        for (String name : learnerNames()) {
            Object instance;
            try {
                instance = Class.forName("moa.classifiers." + name).getDeclaredConstructor().newInstance();
            } catch (Throwable skipped) {
                continue;
            }
            learners.add(describe(nodes, name, (Classifier) instance));
        }
        return learners;
    }

    /** One learner: id, MOA's purpose string, and each option with its CLI letter and default. */
    static ObjectNode describe(JsonNodeFactory nodes, String name, Classifier learner) {
        ObjectNode entry = nodes.objectNode();
        entry.put("id", name);
        if (learner instanceof OptionHandler) {
            String purpose = ((OptionHandler) learner).getPurposeString();
            if (purpose != null) entry.put("description", purpose);
        }
        ObjectNode params = entry.putObject("params");
        for (Option option : learner.getOptions().getOptionArray()) {
            params.set(option.getName(), describeOption(nodes, option));
        }
        return entry;
    }

    private static ObjectNode describeOption(JsonNodeFactory nodes, Option option) {
        ObjectNode p = nodes.objectNode();
        p.put("cli", String.valueOf(option.getCLIChar()));
        p.put("doc", option.getPurpose());
        String defaultCli = option.getDefaultCLIString();
        p.put("default_repr", defaultCli == null ? "" : defaultCli);
        if (option instanceof IntOption) {
            IntOption o = (IntOption) option;
            p.put("type", "int");
            p.put("default", Integer.parseInt(defaultCli));
            p.put("minimum", o.getMinValue());
            p.put("maximum", o.getMaxValue());
        } else if (option instanceof FloatOption) {
            FloatOption o = (FloatOption) option;
            p.put("type", "float");
            putNumber(p, "default", Double.parseDouble(defaultCli));
            putNumber(p, "minimum", o.getMinValue());
            putNumber(p, "maximum", o.getMaxValue());
        } else if (option instanceof FlagOption) {
            p.put("type", "flag");
            p.put("default", false);
        } else if (option instanceof MultiChoiceOption) {
            MultiChoiceOption o = (MultiChoiceOption) option;
            p.put("type", "choice");
            p.put("default", defaultCli);
            ArrayNode values = p.putArray("values");
            for (String label : o.getOptionLabels()) values.add(label);
        } else if (option instanceof AbstractClassOption || option instanceof com.github.javacliparser.AbstractClassOption) {
            p.put("type", "class");
            p.put("default", defaultCli);
        } else {
            p.put("type", option.getClass().getSimpleName().replace("Option", "").toLowerCase());
            p.put("default", defaultCli);
        }
        return p;
    }

    /** JSON has no NaN or infinities: such bounds are left out (and noted in default_repr for defaults). */
    private static void putNumber(ObjectNode p, String field, double value) {
        if (Double.isFinite(value)) p.put(field, value);
    }
}
