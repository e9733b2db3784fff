package org.sqlflow.server.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.db.RowsFile;
import org.sqlflow.server.db.SqlDialect;

class LoadDataRowsTest {
  private final SqlDialect dialect = SqlDialect.MYSQL;
  private final List<TableColumn> columns =
      List.of(
          TableColumn.textColumn("s", dialect),
          TableColumn.bigintColumn("i", dialect),
          TableColumn.doubleColumn("f", dialect),
          new TableColumn("b", "BOOLEAN", RowsFile.Kind.BOOLEAN, java.sql.Types.BOOLEAN));

  @Test
  void escapesEverythingThatCouldEndACellOrARowOrBecomeNull() throws Exception {
    LoadDataRows rows = new LoadDataRows(columns, 16);
    rows.append(new Object[] {"a\tb\nc\rd\\e\0f", -5L, 1e-5, true});
    rows.append(new Object[] {"\\N", null, null, null});
    rows.append(new Object[] {"é漢🙂", Long.MAX_VALUE, -0.5, false});
    assertEquals(3, rows.rows());
    String rendered = new String(rows.stream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(
        "a\\tb\\nc\\rd\\\\e\\0f\t-5\t1.0E-5\t1\n"
            + "\\\\N\t\\N\t\\N\t\\N\n"
            + "é漢🙂\t9223372036854775807\t-0.5\t0\n",
        rendered);
    rows.clear();
    assertEquals(0, rows.bytes());
  }

  @Test
  void refusesNonFiniteDoublesAndByteColumns() {
    LoadDataRows rows = new LoadDataRows(columns, 16);
    assertThrows(
        IllegalArgumentException.class, () -> rows.append(new Object[] {"", 1L, Double.NaN, true}));
    List<TableColumn> withBytes = List.of(TableColumn.bytesColumn("png", dialect));
    assertFalse(LoadDataRows.canRender(withBytes));
    assertThrows(IllegalArgumentException.class, () -> new LoadDataRows(withBytes, 16));
  }
}
