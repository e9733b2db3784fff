package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker states no rule of its own: every arity it enforces is the catalogue's. */
class FeatureFunctionsTest {
  private final ExtendedSqlParser parser = new ExtendedSqlParser();

  @Test
  void everyFunctionTakesExactlyItsCataloguedArgumentCounts() {
    for (FeatureFunction function : FeatureFunctions.all()) {
      for (int given = 0; given <= function.maxArguments() + 1; given++) {
        String sql =
            "SELECT * FROM t TO TRAIN m COLUMN "
                + function.name()
                + "("
                + String.join(", ", Collections.nCopies(given, "x"))
                + ") INTO n";
        if (function.acceptsArgumentCount(given)) {
          continue; // argument kinds differ per function; counts are what is checked here
        }
        SqlflowParseException e =
            assertThrows(SqlflowParseException.class, () -> parser.parse(sql), sql);
        assertTrue(e.getMessage().startsWith(function.arityError(given)), e.getMessage());
      }
    }
  }

  @Test
  void namesAreFoundInAnyCaseAndListedInCatalogueOrder() {
    assertEquals("EMBEDDING", FeatureFunctions.find("embedding").orElseThrow().name());
    assertTrue(FeatureFunctions.find("NOPE").isEmpty());
    List<String> names = new ArrayList<>();
    FeatureFunctions.all().forEach(f -> names.add(f.name()));
    assertEquals(names, FeatureFunctions.names());
    assertTrue(names.containsAll(FeatureFunctions.implementedNames()));
    assertEquals(
        "INDICATOR expects 1 argument, got 2",
        FeatureFunctions.find("INDICATOR").orElseThrow().arityError(2));
    assertEquals(
        "SPARSE expects 1 to 6 arguments, got 7",
        FeatureFunctions.find("SPARSE").orElseThrow().arityError(7));
  }
}
