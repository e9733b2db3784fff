package org.sqlflow.bench.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusOptionsTest {

  @Test
  void optionsAndRangesAreRead() {
    CorpusOptions options =
        CorpusOptions.parse(
            List.of("--timeout", "90", "--only", "2, 5-7", "--url", "jdbc:sqlflow://h:1", "f.sql"),
            null);
    assertEquals(Path.of("f.sql"), options.file());
    assertEquals(Duration.ofSeconds(90), options.timeout());
    assertEquals("jdbc:sqlflow://h:1", options.url());
    assertEquals("", options.password());
    assertTrue(options.runs(2) && options.runs(5) && options.runs(7));
    assertFalse(options.runs(1) || options.runs(4) || options.runs(8));
  }

  @Test
  void badOptionsAreRefusedWithAReason() {
    assertEquals(
        "--timeout must be a positive integer, got '0'",
        assertThrows(
                IllegalArgumentException.class,
                () -> CorpusOptions.parse(List.of("--timeout", "0", "f"), null))
            .getMessage());
    assertEquals(
        "--only: empty range '5-2'",
        assertThrows(
                IllegalArgumentException.class,
                () -> CorpusOptions.parse(List.of("--only", "5-2", "f"), null))
            .getMessage());
    assertEquals(
        "no statements file given",
        assertThrows(IllegalArgumentException.class, () -> CorpusOptions.parse(List.of(), null))
            .getMessage());
  }
}
