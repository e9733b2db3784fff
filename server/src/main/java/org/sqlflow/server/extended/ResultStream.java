package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sqlflow.server.contract.ResultType;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.SqlflowException;

/**
 * Reads a result table a program wrote (docs/ml-contract.md section 5) one row at a time, so a
 * million predictions never sit in the server's memory: a JSON header line naming the columns and
 * their types, one tab-separated line per row, then the end line {@code \.}. Read strictly: a file
 * that breaks the contract, or ends without its end line (the program died while writing), fails
 * with {@link Broken} rather than loading a wrong or partial table.
 */
public final class ResultStream implements AutoCloseable {
  static final String FORMAT = "sqlflow-result";
  static final int VERSION = 1;

  /** A line longer than this is refused: it bounds the memory one row can take. */
  static final int MAX_LINE_BYTES = 16 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A column as the program declared it; the name is a checked SQL name. */
  public record Column(String name, ResultType type) {
    public Column {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }
  }

  /** The file breaks the contract; the message says where and how. */
  public static final class Broken extends IOException {
    private static final long serialVersionUID = 1L;

    Broken(String message) {
      super(message);
    }
  }

  private final Path file;
  private final InputStream in;
  private final List<Column> columns;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] line = new byte[8192];
  private int length;
  private long rows;
  private boolean ended;

  private ResultStream(Path file, InputStream in) throws IOException {
    this.file = file;
    this.in = in;
    this.columns = readHeader();
  }

  /** Opens {@code file} and reads its header; the caller closes the stream. */
  public static ResultStream open(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new Broken("the program wrote no result table " + file.getFileName());
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      return new ResultStream(file, in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  public List<Column> columns() {
    return columns;
  }

  /** Rows read so far. */
  public long rows() {
    return rows;
  }

  /**
   * The next row's values ({@code String}, {@code Long} or {@code Double} as its column's type
   * says, null for NULL), or null after the end line.
   */
  public Object[] next() throws IOException {
    if (ended) {
      return null;
    }
    if (!readLine()) {
      throw broken("it ends after " + rows + " rows without its end line (incomplete)");
    }
    if (length == 2 && line[0] == '\\' && line[1] == '.') {
      ended = true;
      if (readLine()) {
        throw broken("there is more after its end line");
      }
      return null;
    }
    rows++;
    Object[] values = new Object[columns.size()];
    int start = 0;
    for (int i = 0; i < values.length; i++) {
      int end = start;
      while (end < length && line[end] != '\t') {
        end++;
      }
      if (end == length && i < values.length - 1 || end < length && i == values.length - 1) {
        throw broken("row " + rows + " does not have " + values.length + " cells");
      }
      values[i] = cell(start, end, columns.get(i));
      start = end + 1;
    }
    return values;
  }

  private Object cell(int start, int end, Column column) throws Broken {
    if (end - start == 2 && line[start] == '\\' && line[start + 1] == 'N') {
      return null;
    }
    try {
      return switch (column.type()) {
        case INT64 -> Long.parseLong(ascii(start, end));
        case FLOAT64 -> finite(Double.parseDouble(ascii(start, end)), start, end);
        case STRING -> text(start, end);
      };
    } catch (NumberFormatException e) {
      throw broken(
          "row "
              + rows
              + ", column "
              + column.name()
              + ": '"
              + ascii(start, Math.min(end, start + 40))
              + "' is not "
              + column.type().contractName());
    }
  }

  private double finite(double value, int start, int end) {
    // Java also parses "NaN", "Infinity", hex floats and a trailing d or f; Python's repr writes
    // none of them, so only digits, signs, the point and the exponent are accepted.
    for (int i = start; i < end; i++) {
      byte b = line[i];
      if (!(b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E')) {
        throw new NumberFormatException(ascii(start, end));
      }
    }
    if (!Double.isFinite(value)) {
      throw new NumberFormatException(ascii(start, end));
    }
    return value;
  }

  private String ascii(int start, int end) {
    return new String(line, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /** Undoes the four escapes in place, then decodes strict UTF-8. */
  private String text(int start, int end) throws Broken {
    int out = start;
    for (int i = start; i < end; i++) {
      byte b = line[i];
      if (b == '\\') {
        if (++i == end) {
          throw broken("row " + rows + " has a string ending in a lone backslash");
        }
        b =
            switch (line[i]) {
              case '\\' -> '\\';
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default ->
                  throw broken("row " + rows + " has the unknown escape \\" + (char) line[i]);
            };
      }
      line[out++] = b;
    }
    try {
      return utf8.decode(ByteBuffer.wrap(line, start, out - start)).toString();
    } catch (CharacterCodingException e) {
      throw broken("row " + rows + " holds text that is not UTF-8");
    }
  }

  private List<Column> readHeader() throws IOException {
    if (!readLine()) {
      throw broken("it is empty");
    }
    JsonNode header;
    try {
      header = JSON.readTree(new String(line, 0, length, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw broken("its first line is not a JSON header");
    }
    if (header == null
        || !FORMAT.equals(header.path("format").asText())
        || header.path("version").asInt() != VERSION) {
      throw broken("it is not a " + FORMAT + " version " + VERSION + " file");
    }
    List<Column> declared = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode column : header.path("columns")) {
      String name = column.path("name").asText();
      ResultType type;
      try {
        type = ResultType.forContractName(column.path("type").asText());
        if (SqlDialect.parseName(name).size() != 1) {
          throw new IllegalArgumentException("a column name is one name, without dots");
        }
      } catch (IllegalArgumentException | SqlflowException e) {
        throw broken("column " + column + ": " + e.getMessage());
      }
      if (!column.path("name").isTextual() || !names.add(name.toLowerCase(Locale.ROOT))) {
        throw broken("column " + column + " is not a new name");
      }
      declared.add(new Column(name, type));
    }
    if (declared.isEmpty()) {
      throw broken("it has no columns");
    }
    return List.copyOf(declared);
  }

  /** Reads up to the next '\n' into {@code line}; false at the end of the file. */
  private boolean readLine() throws IOException {
    length = 0;
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        return length > 0 ? failUnterminated() : false;
      }
      if (length == line.length) {
        if (length >= MAX_LINE_BYTES) {
          throw broken("a line is longer than " + MAX_LINE_BYTES + " bytes");
        }
        line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, length * 2));
      }
      line[length++] = (byte) b;
    }
    return true;
  }

  private boolean failUnterminated() throws Broken {
    throw broken("its last line has no line end (incomplete)");
  }

  private Broken broken(String what) {
    return new Broken("the result table " + file.getFileName() + " breaks the contract: " + what);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
