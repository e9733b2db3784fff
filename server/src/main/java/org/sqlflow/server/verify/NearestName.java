package org.sqlflow.server.verify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The valid name a mistyped one most likely meant, by edit distance. */
final class NearestName {
  private NearestName() {}

  /**
   * The candidate closest to {@code typed} (ignoring case), if it is close enough to be a typo: at
   * most a third of the typed name's letters differ, and at least one.
   */
  static Optional<String> of(String typed, List<String> candidates) {
    String wanted = typed.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, wanted.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
