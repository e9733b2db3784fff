package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetadataCallTest {

  @Test
  void readsTheMethodAndEveryKindOfArgument() {
    MetadataCall call =
        MetadataCall.parse(
            "sqlflow metadata getUDTs(NULL, 'it''s', 'a\\\\b', -3, TRUE, ARRAY[2002, -1]);");
    assertEquals(Optional.of("getUDTs"), call.method());
    assertEquals(
        Arrays.asList(null, "it's", "a\\b", -3L, true, List.of(2002L, -1L)), call.arguments());
  }

  @Test
  void withoutAMethodItAsksForEveryScalar() {
    assertEquals(
        new MetadataCall(Optional.empty(), List.of()), MetadataCall.parse("SQLFLOW METADATA"));
    assertEquals(StatementKind.METADATA, StatementClassifier.classify("SQLFLOW METADATA"));
  }

  @Test
  void malformedCallsAreRejected() {
    for (String sql :
        List.of(
            "SQLFLOW METADATA getTables",
            "SQLFLOW METADATA getTables(1",
            "SQLFLOW METADATA getTables(1) extra",
            "SQLFLOW METADATA getTables(x)",
            "SQLFLOW METADATA getTables(ARRAY[ARRAY[1]])")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> MetadataCall.parse(sql), sql);
      assertEquals(true, e.getMessage().startsWith("SQLFLOW METADATA expects"), sql);
    }
  }

  @Test
  void generatedKeysStatementsAreRead() {
    assertEquals(
        "INSERT INTO t VALUES (1)",
        GeneratedKeys.returningKeysStatement("SQLFLOW RETURNING KEYS INSERT INTO t VALUES (1);"));
    assertEquals(12, GeneratedKeys.statementOfKeys("SQLFLOW GENERATED KEYS FOR STATEMENT 12"));
    assertEquals(
        StatementKind.RETURNING_KEYS,
        StatementClassifier.classify("SQLFLOW RETURNING KEYS INSERT INTO t VALUES (1)"));
    assertThrows(
        IllegalArgumentException.class,
        () -> GeneratedKeys.statementOfKeys("SQLFLOW GENERATED KEYS FOR STATEMENT x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> GeneratedKeys.returningKeysStatement("SQLFLOW RETURNING KEYS"));
  }

  @Test
  void warningsRequestsAreRead() {
    assertEquals(7, GeneratedKeys.statementOfWarnings("SQLFLOW WARNINGS FOR STATEMENT 7;"));
    assertEquals(
        StatementKind.WARNINGS, StatementClassifier.classify("sqlflow warnings for statement 7"));
    assertEquals(9, GeneratedKeys.statementOfMoreResults("SQLFLOW MORE RESULTS FOR STATEMENT 9"));
    assertEquals(
        StatementKind.MORE_RESULTS,
        StatementClassifier.classify("SQLFLOW MORE RESULTS FOR STATEMENT 9"));
    assertThrows(
        IllegalArgumentException.class,
        () -> GeneratedKeys.statementOfMoreResults("SQLFLOW MORE RESULTS FOR STATEMENT"));
    for (String sql :
        new String[] {
          "SQLFLOW WARNINGS",
          "SQLFLOW WARNINGS FOR STATEMENT",
          "SQLFLOW WARNINGS FOR STATEMENT 1 2",
          "SQLFLOW WARNINGS OF STATEMENT 1",
          "SQLFLOW GENERATED KEYS FOR STATEMENT 1"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> GeneratedKeys.statementOfWarnings(sql), sql);
      assertTrue(e.getMessage().startsWith("SQLFLOW WARNINGS expects"), sql);
    }
  }
}
