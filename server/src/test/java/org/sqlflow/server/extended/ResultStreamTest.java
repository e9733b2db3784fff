package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlflow.server.contract.ResultType;

class ResultStreamTest {
  private static final String HEADER =
      "{\"format\": \"sqlflow-result\", \"version\": 1, \"columns\": [{\"name\": \"s\", \"type\":"
          + " \"string\"}, {\"name\": \"i\", \"type\": \"int64\"}, {\"name\": \"f\", \"type\":"
          + " \"float64\"}]}\n";

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path file = dir.resolve("t.result");
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  @Test
  void readsTypedCellsNullsAndEscapedTextRowByRow() throws Exception {
    Path file =
        file(
            HEADER
                + "a\\tb\\nc\\rd\\\\e\t-9223372036854775808\t1e-300\n"
                + "\\\\N\t\\N\t\\N\n"
                + "\\N\t7\t-2.5\n"
                + "unicode é 漢字 🙂 ' \" ` ;\t0\t1.0\n"
                + "\t1\t3\n"
                + "\\.\n");
    try (ResultStream stream = ResultStream.open(file)) {
      assertEquals(
          List.of(
              new ResultStream.Column("s", ResultType.STRING),
              new ResultStream.Column("i", ResultType.INT64),
              new ResultStream.Column("f", ResultType.FLOAT64)),
          stream.columns());
      assertArrayEquals(new Object[] {"a\tb\nc\rd\\e", Long.MIN_VALUE, 1e-300}, stream.next());
      assertArrayEquals(new Object[] {"\\N", null, null}, stream.next());
      assertArrayEquals(new Object[] {null, 7L, -2.5}, stream.next());
      assertArrayEquals(new Object[] {"unicode é 漢字 🙂 ' \" ` ;", 0L, 1.0}, stream.next());
      assertArrayEquals(new Object[] {"", 1L, 3.0}, stream.next());
      assertNull(stream.next());
      assertNull(stream.next());
      assertEquals(5, stream.rows());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\t1\t2\n", // no end line: the program died while writing
        "a\t1\t2", // no line end either
        "a\t1\n\\.\n", // a cell short
        "a\t1\t2\t3\n\\.\n", // a cell too many
        "a\tx\t2\n\\.\n",
        "a\t1.5\t2\n\\.\n",
        "a\t1\tNaN\n\\.\n",
        "a\t1\tInfinity\n\\.\n",
        "a\t1\t0x1p3\n\\.\n",
        "a\t99999999999999999999\t2\n\\.\n",
        "a\\x\t1\t2\n\\.\n", // unknown escape
        "a\\\t1\t2\n\\.\n", // a lone backslash ends the cell
        "\\.\na\t1\t2\n", // rows after the end
      })
  void refusesWhatBreaksTheContract(String rows) throws Exception {
    Path file = file(HEADER + rows);
    ResultStream.Broken broken =
        assertThrows(
            ResultStream.Broken.class,
            () -> {
              try (ResultStream stream = ResultStream.open(file)) {
                while (stream.next() != null) {
                  // read to the end
                }
              }
            });
    assertTrue(broken.getMessage().startsWith("the result table t.result breaks the contract: "));
  }

  @Test
  void refusesTextThatIsNotUtf8() throws Exception {
    Path file = dir.resolve("t.result");
    byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
    byte[] row = {(byte) 0xC3, (byte) 0x28, '\t', '1', '\t', '2', '\n', '\\', '.', '\n'};
    byte[] all = new byte[header.length + row.length];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(row, 0, all, header.length, row.length);
    Files.write(file, all);
    try (ResultStream stream = ResultStream.open(file)) {
      assertTrue(
          assertThrows(ResultStream.Broken.class, stream::next).getMessage().contains("UTF-8"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json\n",
        "{\"format\": \"other\", \"version\": 1, \"columns\": [{\"name\": \"a\", \"type\": \"int64\"}]}\n",
        "{\"format\": \"sqlflow-result\", \"version\": 2, \"columns\": [{\"name\": \"a\", \"type\": \"int64\"}]}\n",
        "{\"format\": \"sqlflow-result\", \"version\": 1, \"columns\": []}\n",
        "{\"format\": \"sqlflow-result\", \"version\": 1, \"columns\": [{\"name\": \"a\", \"type\": \"decimal\"}]}\n",
        "{\"format\": \"sqlflow-result\", \"version\": 1, \"columns\": [{\"name\": \"a`; DROP TABLE t\", \"type\": \"int64\"}]}\n",
        "{\"format\": \"sqlflow-result\", \"version\": 1, \"columns\": [{\"name\": \"db.a\", \"type\": \"int64\"}]}\n",
        "{\"format\": \"sqlflow-result\", \"version\": 1, \"columns\": [{\"name\": \"a\", \"type\": \"int64\"}, {\"name\": \"A\", \"type\": \"string\"}]}\n",
      })
  void refusesABadHeader(String header) throws Exception {
    Path file = file(header + "\\.\n");
    assertThrows(ResultStream.Broken.class, () -> ResultStream.open(file).close());
  }

  @Test
  void aMissingFileSaysTheProgramWroteNone() {
    assertTrue(
        assertThrows(ResultStream.Broken.class, () -> ResultStream.open(dir.resolve("none")))
            .getMessage()
            .contains("wrote no result table"));
  }
}
