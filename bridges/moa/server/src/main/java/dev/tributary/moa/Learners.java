package dev.tributary.moa;

import com.github.javacliparser.Option;
import java.lang.reflect.Modifier;
import moa.classifiers.Classifier;
import moa.options.ClassOption;

/** Creates MOA classifiers from a name relative to `moa.classifiers` and MOA's own option string. */
final class Learners {
    private static final String ROOT = "moa.classifiers.";

    private Learners() {
    }

    /** Fully qualified class of a learner name such as `trees.HoeffdingTree`. */
    static Class<?> classOf(String name) {
        if (!name.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new BridgeException("UNKNOWN_LEARNER", "learner name \"" + name + "\" is not a Java class name relative to moa.classifiers (e.g. trees.HoeffdingTree)");
        }
        String qualified = name.startsWith(ROOT) ? name : ROOT + name;
        Class<?> type;
        try {
            type = Class.forName(qualified, false, Learners.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BridgeException("UNKNOWN_LEARNER", "MOA has no class " + qualified + " (learner \"" + name + "\"; ids are moa:<package>.<Class> relative to moa.classifiers, e.g. moa:trees.HoeffdingTree)", e);
        }
        if (!Classifier.class.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new BridgeException("UNKNOWN_LEARNER", qualified + " is not a concrete MOA classifier");
        }
        return type;
    }

    /**
     * Builds, seeds and prepares a classifier. The seed goes through `setRandomSeed` unless the
     * option string sets the learner's randomSeed option itself; nested learners (`-l (trees.HoeffdingTree -g 50)`) are
     * materialised by MOA in `prepareForUse`, so their errors surface here too.
     */
    static Classifier create(String name, String options, int seed) {
        Class<?> type = classOf(name);
        String cli = options.isBlank() ? type.getName() : type.getName() + " " + options.trim();
        Classifier learner;
        try {
            learner = (Classifier) ClassOption.cliStringToObject(cli, Classifier.class, null);
        } catch (Exception e) {
            throw new BridgeException("INVALID_PARAMS", "MOA rejected the options \"" + options + "\" of " + name + ": " + BridgeException.rootMessage(e), e);
        }
        if (!optionsSetSeed(learner, options)) learner.setRandomSeed(seed);
        try {
            learner.prepareForUse();
        } catch (RuntimeException e) {
            throw new BridgeException("INVALID_PARAMS", "MOA could not prepare " + name + " with options \"" + options + "\": " + BridgeException.rootMessage(e), e);
        }
        return learner;
    }

    /**
     * Whether the option string seeds the learner itself: only when `-r` is given and is the
     * learner's randomSeed option. MOA 2024.07 registers no randomSeed option on its classifiers,
     * and where a learner has a `-r` it means something else (Perceptron's learning ratio, the
     * Hoeffding tree's removePoorAtts), so the job's seed must still be set.
     */
    static boolean optionsSetSeed(Classifier learner, String options) {
        Option r = learner.getOptions().getOption('r');
        return r != null && "randomSeed".equals(r.getName()) && setsTopLevelOption(options, 'r');
    }

    /** Whether `-<letter>` appears outside parentheses (nested learners have their own -r). */
    static boolean setsTopLevelOption(String options, char letter) {
        int depth = 0;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && c == '-' && i + 1 < options.length() && options.charAt(i + 1) == letter
                    && (i == 0 || Character.isWhitespace(options.charAt(i - 1)))
                    && (i + 2 == options.length() || Character.isWhitespace(options.charAt(i + 2)))) {
                return true;
            }
        }
        return false;
    }

    /** MOA's command line for a learner, e.g. `trees.HoeffdingTree -g 100 -c 0.01`. */
    static String cliOf(Classifier learner) {
        return learner.getCLICreationString(Classifier.class).trim();
    }
}
