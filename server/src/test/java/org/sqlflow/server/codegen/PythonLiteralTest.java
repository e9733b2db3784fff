package org.sqlflow.server.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonLiteralTest {

  @Test
  void rendersPlainValues() {
    assertEquals("None", PythonLiteral.render(null));
    assertEquals("True", PythonLiteral.render(true));
    assertEquals("False", PythonLiteral.render(false));
    assertEquals("42", PythonLiteral.render(42L));
    assertEquals("-0.5", PythonLiteral.render(new BigDecimal("-0.5")));
    assertEquals("0.1", PythonLiteral.render(0.1));
    assertEquals("[10, 20]", PythonLiteral.render(List.of(10L, 20L)));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", "x");
    map.put("b", List.of());
    assertEquals("{\"a\": \"x\", \"b\": []}", PythonLiteral.render(map));
  }

  @Test
  void stringsContainOnlyPrintableAsciiAfterEscaping() {
    String rendered = PythonLiteral.render("a\"b'c\\d\ne\rf\tg#h\u0000i\u00e9j\u4e2dk\ud83d\ude00");
    assertTrue(rendered.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), rendered);
    assertEquals("\"a\\\"b'c\\\\d\\ne\\rf\\tg#h\\x00i\\xe9j\\u4e2dk\\U0001f600\"", rendered);
  }

  @Test
  void refusesNonFiniteNumbersAndUnknownTypes() {
    assertThrows(IllegalArgumentException.class, () -> PythonLiteral.render(Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> PythonLiteral.render(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> PythonLiteral.render(new Object()));
    assertThrows(IllegalArgumentException.class, () -> PythonLiteral.render(Map.of(1, 2)));
  }

  @Test
  void hostileStringsEvaluateToThemselvesAndRunNothing(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("marker");
    List<String> hostile =
        List.of(
            "__import__('os').system('touch " + marker + "')",
            "\"); __import__('os').system('touch " + marker + "'); (\"",
            "x'''\n__import__('os').system('touch " + marker + "')\n'''",
            "a\\\"); import os; os.system('touch " + marker + "') #",
            "line1\nline2\r\n# comment \\ end\\",
            "\u2028\u2029\u0085 unicode line breaks \ud83d\ude00");
    StringBuilder program = new StringBuilder("import sys\nVALUES = [\n");
    for (String value : hostile) {
      program.append("    ").append(PythonLiteral.render(value)).append(",\n");
    }
    program.append("]\nfor v in VALUES:\n    print(v.encode('utf-8').hex())\n");
    Path file = PythonChecks.write(dir, "p.py", program.toString());
    assertEquals("VALUES", PythonChecks.checkLiteralSection(file));
    String out = PythonChecks.run("exec(open(__import__('sys').argv[1]).read())", file.toString());
    List<String> lines = out.lines().toList();
    assertEquals(hostile.size(), lines.size());
    for (int i = 0; i < hostile.size(); i++) {
      assertEquals(
          hostile.get(i),
          new String(HexFormat.of().parseHex(lines.get(i)), StandardCharsets.UTF_8));
    }
    assertFalse(Files.exists(marker), "a hostile string ran code");
  }
}
