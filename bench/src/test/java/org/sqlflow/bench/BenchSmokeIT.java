package org.sqlflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark at tiny sizes against the real servers and MariaDB, so that the harness
 * keeps working: each section ran, its tables hold positive numbers, and the report names it.
 */
class BenchSmokeIT {

  @Test
  void everyBenchmarkProducesSaneNumbersAtTinySizes() throws Exception {
    Path root = BenchMain.root();
    Path report = root.resolve("bench/target/smoke-benchmarks.md");
    Path python = Path.of(System.getProperty("sqlflow.test.python", "python3"));
    BenchOptions options =
        new BenchOptions(
            root,
            report,
            Sizes.SMOKE,
            "127.0.0.1",
            3306,
            "sqlflow",
            "sqlflow",
            // Its own tables: a bin/bench run on the same MariaDB must not see them refilled.
            "sqlflow_bench_smoke",
            Files.isExecutable(python) ? python : Path.of("python3"),
            Set.of(),
            "bin/bench --smoke");

    List<Section> sections = BenchMain.run(options);

    assertEquals(BenchMain.NAMES.size(), sections.size());
    String markdown = Files.readString(report);
    for (Section section : sections) {
      assertTrue(markdown.contains(section.title()), section.title());
      if (section.title().startsWith("5.") && !section.ran()) {
        // The real TensorFlow handler may not be wired in this checkout; say so, loudly.
        System.out.println("NOTE: job start did not run: " + section.notes());
        continue;
      }
      assertTrue(section.ran(), section.title() + ": " + section.notes());
      assertFalse(section.tables().isEmpty(), section.title());
      for (Table table : section.tables()) {
        assertFalse(table.rows().isEmpty(), table.title());
        for (List<String> row : table.rows()) {
          if (row.get(row.size() - 1).equals("skipped")) {
            // Only the PyMySQL baseline may skip (bin/bench installs it; bin/test does not).
            assertTrue(row.get(0).contains("PyMySQL"), row.toString());
            System.out.println("NOTE: skipped in this run: " + row.get(0));
            continue;
          }
          assertTrue(
              row.stream().anyMatch(BenchSmokeIT::isPositiveNumber),
              section.title() + " row without a positive number: " + row);
          assertFalse(row.contains("NaN") || row.contains("Infinity"), row.toString());
        }
      }
      section.notes().forEach(note -> System.out.println("NOTE: " + section.title() + ": " + note));
    }
  }

  private static boolean isPositiveNumber(String cell) {
    try {
      return Double.parseDouble(cell.replace(",", "")) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
