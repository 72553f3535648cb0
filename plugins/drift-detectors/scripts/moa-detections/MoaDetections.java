import java.util.Locale;
import java.util.Random;
import moa.classifiers.core.driftdetection.*;

/**
 * Prints, as JSON, where MOA's detectors signal drift on seeded Bernoulli 0/1
 * streams. The stream is drawn exactly as bernoulliStream() in
 * src/test-streams.ts does (java.util.Random, nextDouble() < p), so the native
 * detectors can be checked value for value against this output.
 */
public class MoaDetections {
  static final String[] DETECTORS = {"adwin", "adwin-change-detector", "ddm", "eddm", "hddm-a", "hddm-w", "page-hinkley"};
  // length, changeAt, before, after
  static final double[][] STREAMS = {{3000, 1000, 0.2, 0.8}, {3000, 1000, 0.3, 0.5}, {3000, 1000, 0.8, 0.2}, {10000, 10000, 0.3, 0.3}, {10000, 10000, 0.1, 0.1}, {300000, -30000, 0.2, 0.3}};
  static final long[] SEEDS = {1, 2, 3};

  public static void main(String[] args) {
    StringBuilder out = new StringBuilder("[\n");
    boolean first = true;
    for (long seed : SEEDS) {
      for (double[] s : STREAMS) {
        int length = (int) s[0];
        double[] values = new double[length];
        Random random = new Random(seed);
        // A negative change position means: alternate between the two rates every |changeAt| values.
        for (int i = 0; i < length; i++) {
          double p = s[1] < 0 ? ((i / (int) -s[1]) % 2 == 0 ? s[2] : s[3]) : (i < s[1] ? s[2] : s[3]);
          values[i] = random.nextDouble() < p ? 1 : 0;
        }
        if (!first) out.append(",\n");
        first = false;
        out.append(String.format(Locale.ROOT, "  {\"seed\": %d, \"length\": %d, \"changeAt\": %d, \"before\": %s, \"after\": %s, \"detections\": {", seed, length, (int) s[1], s[2], s[3]));
        for (int d = 0; d < DETECTORS.length; d++) {
          StringBuilder positions = new StringBuilder();
          double estimation = run(DETECTORS[d], values, positions);
          out.append(String.format(Locale.ROOT, "%s\"%s\": {\"positions\": [%s], \"estimation\": %s}", d > 0 ? ", " : "", DETECTORS[d], positions, Double.toString(estimation)));
        }
        out.append("}}");
      }
    }
    out.append("\n]\n");
    System.out.print(out);
  }

  static double run(String name, double[] values, StringBuilder positions) {
    if (name.equals("adwin")) {
      ADWIN adwin = new ADWIN();
      for (int i = 0; i < values.length; i++) if (adwin.setInput(values[i])) append(positions, i);
      return adwin.getEstimation();
    }
    AbstractChangeDetector detector;
    switch (name) {
      case "adwin-change-detector": detector = new ADWINChangeDetector(); break;
      case "ddm": detector = new DDM(); break;
      case "eddm": detector = new EDDM(); break;
      case "hddm-a": detector = new HDDM_A_Test(); break;
      case "hddm-w": detector = new HDDM_W_Test(); break;
      default: detector = new PageHinkleyDM(); break;
    }
    detector.prepareForUse();
    detector.resetLearning();
    for (int i = 0; i < values.length; i++) {
      detector.input(values[i]);
      if (detector.getChange()) append(positions, i);
    }
    return detector.getEstimation();
  }

  static void append(StringBuilder sb, int i) {
    if (sb.length() > 0) sb.append(", ");
    sb.append(i);
  }
}
