package org.sqlflow.bench;

import java.util.Locale;

/** How numbers appear in the report: few significant digits, units in the column headers. */
final class Format {
  private Format() {}

  static String cell(Object value) {
    if (value == null) {
      return "–";
    }
    if (value instanceof Double d) {
      return number(d);
    }
    return value.toString();
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (magnitude >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static String ratio(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2fx", value);
  }

  static String mebibytes(long bytes) {
    return bytes < 0 ? "–" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
  }
}
