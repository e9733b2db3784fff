package org.sqlflow.server.codegen;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * The one way a value reaches a generated Python program: as an inert literal. Strings contain only
 * printable ASCII after escaping, so no quote, newline or comment character from user input can end
 * the literal; anything that is not a plain value is refused.
 */
public final class PythonLiteral {
  private PythonLiteral() {}

  /**
   * Renders {@code value} (null, Boolean, integer types, BigDecimal, finite Double/Float,
   * CharSequence, Collection, Map with String keys) as a Python literal on one line.
   *
   * @throws IllegalArgumentException for anything else, or a non-finite number
   */
  public static String render(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("None");
    } else if (value instanceof Boolean b) {
      out.append(b ? "True" : "False");
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof BigDecimal d) {
      // Python reads "1E-3" and "10" as it reads Java's BigDecimal.toString().
      out.append(d.toString());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("not a finite number: " + d);
      }
      out.append(Double.toString(d));
    } else if (value instanceof CharSequence s) {
      appendString(out, s.toString());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException("dictionary keys must be strings");
        }
        if (!first) {
          out.append(", ");
        }
        first = false;
        appendString(out, key);
        out.append(": ");
        append(out, entry.getValue());
      }
      out.append('}');
    } else if (value instanceof Collection<?> items) {
      out.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        append(out, item);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException(
          "cannot render a " + value.getClass().getName() + " as a Python literal");
    }
  }

  private static void appendString(StringBuilder out, String s) {
    out.append('"');
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (cp >= 0x20 && cp <= 0x7e) {
            out.append((char) cp);
          } else if (cp <= 0xff) {
            out.append(String.format("\\x%02x", cp));
          } else if (cp <= 0xffff) {
            out.append(String.format("\\u%04x", cp));
          } else {
            out.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    out.append('"');
  }
}
